//! One store type (`#/catalog/<id>`): fit per access pattern with scale and latency, what it is
//! not good for, in-store remedies, operations hours per category with the chores, CDC, price,
//! learning time and the sources with their dates.

use catalog::{
    Catalog, Category, StoreType,
    model::{CdcSide, OpsCategory, Scale},
};
use leptos::prelude::*;

use crate::{
    analysis,
    components::{catalog_matrix::label_of, grade::GradeBadge, source_link::SourceLink},
    format::num,
    route::store_href,
};

/// `up to 1TB, 10M items, 5k/s`, or `any scale`.
pub fn scale_text(scale: &Scale) -> String {
    let mut parts = Vec::new();
    if let Some(d) = scale.data {
        parts.push(d.to_string());
    }
    if let Some(i) = scale.items {
        parts.push(format!("{i} items"));
    }
    if let Some(r) = scale.rate {
        parts.push(r.to_string());
    }
    if parts.is_empty() { "any scale".to_string() } else { format!("up to {}", parts.join(", ")) }
}

fn list(title: &'static str, items: &[String]) -> Option<impl IntoView + use<>> {
    (!items.is_empty()).then(|| {
        let items = items.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view();
        view! {
            <div class="ops-list"><span class="muted">{title}</span><ul>{items}</ul></div>
        }
    })
}

fn ops_row(category: Category, ops: &OpsCategory) -> impl IntoView + use<> {
    let extra = [("Authentication", ops.auth_model.clone()), ("Consistency model", ops.model.clone())]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| view! { <p><span class="muted">{k}": "</span>{v}</p> }))
        .collect_view();
    view! {
        <tr>
            <th scope="row">{category.label()}</th>
            <td class="num">{num(ops.hours)}</td>
            <td>
                {list("Chores", &ops.chores)}
                {list("Key metrics", &ops.key_metrics)}
                {list("Tools", &ops.tools)}
                {extra}
            </td>
        </tr>
    }
}

/// A store type's text that the app's embedded catalog may lack (its prose, [`crate::prose`]):
/// from the whole catalog once it has loaded, else from the embedded one.
type Full = RwSignal<Option<&'static StoreType>>;

fn cdc_side(
    title: &'static str,
    side: &'static CdcSide,
    full: Full,
    pick: fn(&'static StoreType) -> &'static CdcSide,
) -> impl IntoView + use<> {
    let mut parts = vec![if side.supported { "supported".to_string() } else { "not supported".to_string() }];
    if let Some(via) = &side.via {
        parts.push(format!("via {via}"));
    }
    if let Some(lag) = side.lag {
        parts.push(format!("lag {lag}"));
    }
    view! {
        <div>
            <dt>{title}</dt>
            <dd>{parts.join(", ")}{move || full.get().map_or(side, pick).note.clone().map(|n| view! { <br /><span class="muted">{n}</span> })}</dd>
        </div>
    }
}

fn store_view(catalog: &'static Catalog, store: &'static StoreType, full: Full) -> impl IntoView + use<> {
    let fits = catalog
        .patterns
        .iter()
        .filter_map(|p| store.fit(&p.id).map(|fit| (p, fit)))
        .map(|(p, fit)| {
            // without the prose the embedded estimate is a marker: nothing shows until it loads
            let why = move || match full.get().and_then(|f| f.fit(&p.id)) {
                Some(fit) => fit.note.clone().or_else(|| fit.estimate.clone()),
                None if Catalog::EMBEDDED_WITH_PROSE => fit.note.clone().or_else(|| fit.estimate.clone()),
                None => None,
            };
            view! {
                <tr>
                    <th scope="row" title=p.description.clone()>{p.name.clone()}</th>
                    <td><GradeBadge grade=fit.grade /></td>
                    <td>{scale_text(&fit.up_to)}</td>
                    <td>{fit.latency.map_or_else(|| "—".to_string(), |l| l.to_string())}</td>
                    <td class="note">{why}</td>
                </tr>
            }
        })
        .collect_view();
    let not_good = store.not_good_for.iter().map(|n| view! { <li>{n.what.clone()}</li> }).collect_view();
    let remedies = store
        .remedies
        .iter()
        .map(|r| {
            let name = catalog.remedy(&r.id).map_or_else(|| label_of(&r.id), |k| k.name.clone());
            let patterns: Vec<String> =
                r.patterns.iter().map(|p| catalog.pattern(p).map_or_else(|| p.clone(), |p| p.name.clone())).collect();
            let staleness = r.min_staleness.map(|s| format!(", refreshed every {s} at best")).unwrap_or_default();
            view! {
                <article class="remedy">
                    <h3>{name}</h3>
                    <p class="muted">{format!("For {}", patterns.join(", "))}</p>
                    <p>
                        <GradeBadge grade=r.grade />
                        {format!(" {}, {}{staleness}; adds {} h/month", scale_text(&r.up_to), r.latency, num(r.added_hours))}
                    </p>
                    <p><span class="muted">"How: "</span>{r.how.clone()}</p>
                    <p><span class="muted">"Limits: "</span>{r.limits.clone()}</p>
                </article>
            }
        })
        .collect_view();
    let ops = Category::ALL.iter().map(|&c| ops_row(c, store.ops.category(c))).collect_view();
    let sources = store
        .sources
        .iter()
        .map(|s| {
            view! {
                <li>
                    <SourceLink title=s.title.clone() url=s.url.clone() />
                    <span class="source-meta">{format!(" — {}, {}", s.date, label_of(&s.authority))}</span>
                </li>
            }
        })
        .collect_view();
    let aliases = (!store.aliases.is_empty()).then(|| format!(" · also written {}", store.aliases.join(", ")));
    let price = &store.price;
    view! {
        <nav class="crumbs" aria-label="Breadcrumb">
            <a href="#/catalog">"Catalog"</a>
            " › "
            <span aria-current="page">{store.name.clone()}</span>
        </nav>
        <h1 id="page-title" tabindex="-1">{store.name.clone()}</h1>
        <p class="meta">
            {format!("{} · {} · id ", label_of(&store.family), label_of(&store.deployment))}
            <code>{store.id.clone()}</code>
            {aliases}
        </p>
        <p class="lede">{store.summary.clone()}</p>
        <section aria-labelledby="fit-h">
            <h2 id="fit-h">"Fit per access pattern"</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="fit-h">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Access pattern"</th>
                            <th scope="col">"Grade"</th>
                            <th scope="col">"Holds"</th>
                            <th scope="col">"Latency"</th>
                            <th scope="col">"Why"</th>
                        </tr>
                    </thead>
                    <tbody>{fits}</tbody>
                </table>
            </div>
        </section>
        {(!store.not_good_for.is_empty()).then(|| view! {
            <section aria-labelledby="ngf-h">
                <h2 id="ngf-h">"Not good for"</h2>
                <ul>{not_good}</ul>
            </section>
        })}
        {(!store.remedies.is_empty()).then(|| view! {
            <section aria-labelledby="remedies-h">
                <h2 id="remedies-h">"In-store remedies"</h2>
                <div class="remedies">{remedies}</div>
            </section>
        })}
        <section aria-labelledby="ops-h">
            <h2 id="ops-h">"Operations, hours per month"</h2>
            <p class="muted">
                {format!(
                    "For a small production deployment ({}); hours grow with data size as (size / {})^{}.",
                    label_of(&store.deployment), store.ops.size_reference, num(store.ops.size_exponent)
                )}
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="ops-h">
                <table class="data ops">
                    <thead>
                        <tr><th scope="col">"Category"</th><th scope="col">"Hours"</th><th scope="col">"The work"</th></tr>
                    </thead>
                    <tbody>{ops}</tbody>
                    <tfoot>
                        <tr><th scope="row">"Total"</th><td class="num">{num(store.ops.total_hours())}</td><td></td></tr>
                    </tfoot>
                </table>
            </div>
        </section>
        <section aria-labelledby="cdc-h">
            <h2 id="cdc-h">"Change data capture"</h2>
            <dl class="pairs">
                {cdc_side("As a source", &store.cdc.as_source, full, |f| &f.cdc.as_source)}
                {cdc_side("As a sink", &store.cdc.as_sink, full, |f| &f.cdc.as_sink)}
            </dl>
        </section>
        <section aria-labelledby="price-h">
            <h2 id="price-h">"Price and learning"</h2>
            <dl class="pairs">
                <div>
                    <dt>"Indicative price"</dt>
                    <dd>
                        {format!("${} per month: {}", price.usd_per_month, price.basis)}
                        {move || full.get().map_or(price, |f| &f.price).note.clone().map(|n| view! { <br /><span class="muted">{n}</span> })}
                    </dd>
                </div>
                <div>
                    <dt>"Time for a new engineer to learn it"</dt>
                    <dd>{format!("{} weeks", num(store.learning_weeks.value))}</dd>
                </div>
            </dl>
        </section>
        <section aria-labelledby="sources-h">
            <h2 id="sources-h">"Sources"</h2>
            <ol class="sources">{sources}</ol>
        </section>
    }
}

/// A store's page; when the embedded catalog lacks the prose, the page shows at once and its
/// reasoning texts fill in once [`crate::prose::load`] has them (or a line says why not).
fn with_prose(catalog: &'static Catalog, store: &'static StoreType) -> impl IntoView + use<> {
    let full: Full = RwSignal::new(None);
    let problem = RwSignal::new(None::<String>);
    let loading = RwSignal::new(!Catalog::EMBEDDED_WITH_PROSE);
    if !Catalog::EMBEDDED_WITH_PROSE {
        let id = store.id.clone();
        leptos::task::spawn_local(async move {
            let loaded = crate::prose::load()
                .await
                .and_then(|all| all.get(&id).ok_or_else(|| format!("it has no entry for {id}")));
            let _ = loading.try_set(false);
            match loaded {
                Ok(s) => drop(full.try_set(Some(s))),
                Err(e) => drop(problem.try_set(Some(e))),
            }
        });
    }
    view! {
        {move || loading.get().then(|| view! {
            <p class="prose-note muted" role="status">"Loading the reasoning behind the figures…"</p>
        })}
        {move || problem.get().map(|e| view! {
            <p class="prose-note notice" role="status">
                {format!("The reasoning behind the figures is not shown: {e}. The figures and their sources are.")}
            </p>
        })}
        {store_view(catalog, store, full)}
    }
}

/// The page of one store type, or a note with the nearest id when there is none.
#[component]
pub fn StorePage(
    /// The store id from the route.
    id: String,
) -> impl IntoView {
    let body = match analysis::catalog() {
        Err(message) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
        Ok(catalog) => match catalog.store(&id) {
            Some(store) => with_prose(catalog, store).into_any(),
            None => {
                let hint = catalog.suggest_store(&id).map(|s| {
                    let s = s.to_string();
                    view! { " Did you mean " <a href=store_href(&s)>{s.clone()}</a> "?" }
                });
                view! {
                    <h1 id="page-title" tabindex="-1">"Unknown store type"</h1>
                    <p>"The catalog has no store type " <code>{id}</code> "." {hint} " "
                        <a href="#/catalog">"See all store types."</a></p>
                }
                .into_any()
            }
        },
    };
    view! { <section class="page store">{body}</section> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_store_has_a_page_worth_of_data() {
        let catalog = analysis::catalog().expect("catalog");
        assert!(catalog.stores.len() >= 20);
        let s = catalog.store("postgresql").expect("postgresql");
        assert!(!s.sources.is_empty());
        assert_eq!(scale_text(&Scale::default()), "any scale");
    }
}

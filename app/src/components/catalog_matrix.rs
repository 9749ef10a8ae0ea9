//! The catalog matrix (`#/catalog`): every store type × every access pattern, graded, with a
//! legend and the patterns' descriptions in full. Rows are ordered by the name shown, or by family,
//! monthly operations hours or fit for a chosen pattern; they can be filtered by family and by
//! pattern (stores graded fair or better for it). Store names link to their pages; ↑ and ↓ move
//! between rows.

use catalog::{Catalog, Grade, StoreType, model::Pattern};
use leptos::{ev::KeyboardEvent, prelude::*};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::{
    analysis,
    components::grade::{GradeLegend, mark},
    route::store_href,
};

/// A readable label for a snake_case catalog word (`key_value` → `key value`).
pub fn words(id: &str) -> String {
    id.replace('_', " ")
}

/// The readable name of a catalog enum value (`Family::KeyValue` → `key value`), from its
/// serialised form.
pub fn label_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(words)).unwrap_or_default()
}

/// Moves focus to the store link of the row above or below on ↑/↓.
fn move_between_rows(ev: &KeyboardEvent) {
    let down = match ev.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let Some(row) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.closest("tr").ok().flatten())
    else {
        return;
    };
    let next = if down { row.next_element_sibling() } else { row.previous_element_sibling() };
    if let Some(link) =
        next.and_then(|r| r.query_selector("a").ok().flatten()).and_then(|a| a.dyn_into::<HtmlElement>().ok())
    {
        ev.prevent_default();
        let _ = link.focus();
    }
}

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By the name shown, A to Z.
    Name,
    /// By family, then name.
    Family,
    /// By monthly operations hours, fewest first, then name.
    OpsHours,
    /// By the grade for the chosen pattern, best first, then name (by name with no pattern chosen).
    Fit,
}

impl Sort {
    /// Every order, as the select offers them.
    pub const ALL: [Sort; 4] = [Sort::Name, Sort::Family, Sort::OpsHours, Sort::Fit];

    /// Its value in the select.
    pub fn id(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Family => "family",
            Sort::OpsHours => "ops-hours",
            Sort::Fit => "fit",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Family => "family",
            Sort::OpsHours => "operations hours",
            Sort::Fit => "fit for the pattern",
        }
    }

    fn from_id(id: &str) -> Sort {
        Sort::ALL.into_iter().find(|s| s.id() == id).unwrap_or(Sort::Name)
    }
}

/// The stores to show, in order: of `family` (all when empty), graded fair or better for
/// `pattern` (all when empty), ordered by `sort`.
pub fn shown<'c>(catalog: &'c Catalog, sort: Sort, family: &str, pattern: &str) -> Vec<&'c StoreType> {
    let grade = |s: &StoreType| s.fit(pattern).map(|f| f.grade);
    let mut stores: Vec<&StoreType> = catalog
        .stores
        .iter()
        .filter(|s| family.is_empty() || label_of(&s.family) == family)
        .filter(|s| pattern.is_empty() || grade(s).is_some_and(|g| g >= Grade::Fair))
        .collect();
    let by_name = |a: &&StoreType, b: &&StoreType| a.name.to_lowercase().cmp(&b.name.to_lowercase());
    match sort {
        Sort::Name => stores.sort_by(by_name),
        Sort::Family => {
            stores.sort_by(|a, b| label_of(&a.family).cmp(&label_of(&b.family)).then_with(|| by_name(a, b)));
        }
        Sort::OpsHours => {
            stores.sort_by(|a, b| a.ops.total_hours().total_cmp(&b.ops.total_hours()).then_with(|| by_name(a, b)));
        }
        Sort::Fit => stores.sort_by(|a, b| grade(b).cmp(&grade(a)).then_with(|| by_name(a, b))),
    }
    stores
}

/// The families of the catalog's stores, by name.
fn families(catalog: &Catalog) -> Vec<String> {
    let mut names: Vec<String> = catalog.stores.iter().map(|s| label_of(&s.family)).collect();
    names.sort();
    names.dedup();
    names
}

/// One store's row (`chosen`: the pattern filtered or sorted by, its cell marked).
fn row(store: &StoreType, patterns: &[Pattern], chosen: &str) -> impl IntoView + use<> {
    let cells = patterns
        .iter()
        .map(|p| {
            let (class, text, label) = match store.fit(&p.id) {
                Some(fit) => {
                    let latency = fit.latency.map(|l| format!(", {l}")).unwrap_or_default();
                    (
                        format!("cell g-{}", fit.grade.as_str()),
                        mark(fit.grade),
                        format!("{}: {}{latency}", p.name, fit.grade.as_str()),
                    )
                }
                None => ("cell g-none".to_string(), "·", format!("{}: not graded", p.name)),
            };
            let title = label.clone();
            let class = if p.id == chosen { format!("{class} chosen") } else { class };
            view! {
                <td class=class title=title>
                    <span aria-hidden="true">{text}</span>
                    <span class="sr-only">{label}</span>
                </td>
            }
        })
        .collect_view();
    view! {
        <tr
            data-testid="catalog-row"
            data-store=store.id.clone()
            data-family=label_of(&store.family)
            data-hours=format!("{:.1}", store.ops.total_hours())
        >
            <th scope="row">
                <a href=store_href(&store.id)>{store.name.clone()}</a>
                <span class="family">{label_of(&store.family)}</span>
                <span class="hours">{format!("{:.0} h/month", store.ops.total_hours())}</span>
            </th>
            {cells}
        </tr>
    }
}

fn matrix(catalog: &'static Catalog) -> impl IntoView + use<> {
    let sort = RwSignal::new(Sort::Name);
    let family = RwSignal::new(String::new());
    let pattern = RwSignal::new(String::new());
    let head = move || {
        let chosen = pattern.get();
        catalog
            .patterns
            .iter()
            .map(|p| {
                let class = if p.id == chosen { "pattern chosen" } else { "pattern" };
                view! {
                    <th scope="col" class=class title=p.description.clone()>
                        <span>{p.name.clone()}</span>
                    </th>
                }
            })
            .collect_view()
    };
    let rows = move || {
        let (family, pattern) = (family.get(), pattern.get());
        let stores = shown(catalog, sort.get(), &family, &pattern);
        let count = stores.len();
        let rows = stores.into_iter().map(|s| row(s, &catalog.patterns, &pattern)).collect_view();
        (count, rows)
    };
    let sorts = Sort::ALL
        .into_iter()
        .map(|s| view! { <option value=s.id() selected=move || sort.get() == s>{s.label()}</option> })
        .collect_view();
    let family_options =
        families(catalog).into_iter().map(|f| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view();
    let pattern_options =
        catalog.patterns.iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view();
    let descriptions = catalog
        .patterns
        .iter()
        .map(|p| {
            view! {
                <dt>{p.name.clone()}</dt>
                <dd data-testid="pattern-description">{p.description.clone()}</dd>
            }
        })
        .collect_view();
    view! {
        <p class="lede">
            {format!("{} store types × {} access patterns. ", catalog.stores.len(), catalog.patterns.len())}
            "Each grade holds up to a scale and cites its sources; open a store for the figures, its in-store "
            "remedies, operations hours and prices."
        </p>
        <GradeLegend />
        <form class="catalog-controls" role="search" aria-label="Sort and filter the catalog" on:submit=|ev| ev.prevent_default()>
            <label>
                "Sort by "
                <select data-testid="catalog-sort" on:change=move |ev| sort.set(Sort::from_id(&event_target_value(&ev)))>
                    {sorts}
                </select>
            </label>
            <label>
                "Family "
                <select data-testid="catalog-family" on:change=move |ev| family.set(event_target_value(&ev))>
                    <option value="">"all"</option>
                    {family_options}
                </select>
            </label>
            <label>
                "Pattern "
                <select data-testid="catalog-pattern" on:change=move |ev| pattern.set(event_target_value(&ev))>
                    <option value="">"all (no filter)"</option>
                    {pattern_options}
                </select>
            </label>
            <output data-testid="catalog-count" aria-live="polite">
                {move || {
                    let (count, _) = rows();
                    let pattern_note = if pattern.get().is_empty() { "" } else { " (graded fair or better for the pattern)" };
                    format!("{count} of {} stores{pattern_note}", catalog.stores.len())
                }}
            </output>
        </form>
        <div class="matrix-wrap" tabindex="0" role="region" aria-label="Fit grades: stores by access patterns">
            <table class="matrix">
                <caption class="sr-only">"Fit grade of each store type for each access pattern"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="corner">"Store"</th>
                        {head}
                    </tr>
                </thead>
                <tbody on:keydown=|ev| move_between_rows(&ev)>{move || rows().1}</tbody>
            </table>
        </div>
        <h2>"The access patterns"</h2>
        <dl class="patterns">{descriptions}</dl>
        <p class="fine">{format!("Catalog version {}.", catalog.version)}</p>
    }
}

/// The catalog page.
#[component]
pub fn CatalogMatrix() -> impl IntoView {
    view! {
        <section class="page catalog">
            <h1 id="page-title" tabindex="-1">"Catalog"</h1>
            {match analysis::catalog() {
                Ok(catalog) => matrix(catalog).into_any(),
                Err(message) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{Sort, label_of, shown, words};

    /// Issue 14: rows are ordered by the name shown, or by family, hours or fit; the filters keep
    /// only the family, and only stores graded fair or better for the pattern.
    #[test]
    fn issue_14_the_catalog_sorts_and_filters() {
        let catalog = catalog::Catalog::embedded().expect("the catalog");
        let names: Vec<String> = shown(catalog, Sort::Name, "", "").iter().map(|s| s.name.to_lowercase()).collect();
        assert_eq!(names.len(), catalog.stores.len());
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
        let hours: Vec<f64> = shown(catalog, Sort::OpsHours, "", "").iter().map(|s| s.ops.total_hours()).collect();
        assert!(hours.windows(2).all(|w| w[0] <= w[1]), "{hours:?}");
        let search = shown(catalog, Sort::Fit, "", "full_text_search");
        assert!(!search.is_empty() && search.len() < catalog.stores.len());
        let grades: Vec<catalog::Grade> =
            search.iter().map(|s| s.fit("full_text_search").expect("graded").grade).collect();
        assert!(grades.windows(2).all(|w| w[0] >= w[1]) && grades[0] == catalog::Grade::Strong, "{grades:?}");
        assert!(grades.iter().all(|g| *g >= catalog::Grade::Fair));
        let family = label_of(&catalog.stores[0].family);
        assert!(shown(catalog, Sort::Family, &family, "").iter().all(|s| label_of(&s.family) == family));
        for sort in Sort::ALL {
            assert_eq!(Sort::from_id(sort.id()), sort);
        }
    }

    #[test]
    fn words_replace_underscores() {
        assert_eq!(words("time_series"), "time series");
        assert_eq!(label_of(&catalog::model::Family::KeyValue), "key value");
    }
}

//! The catalog matrix (`#/catalog`): every store type × every access pattern, graded, with a
//! legend. Store names link to their pages; ↑ and ↓ move between rows.

use catalog::{Catalog, StoreType, model::Pattern};
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

/// One store's row.
fn row(store: &StoreType, patterns: &[Pattern]) -> impl IntoView + use<> {
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
            view! {
                <td class=class title=title>
                    <span aria-hidden="true">{text}</span>
                    <span class="sr-only">{label}</span>
                </td>
            }
        })
        .collect_view();
    view! {
        <tr data-testid="catalog-row" data-store=store.id.clone()>
            <th scope="row">
                <a href=store_href(&store.id)>{store.name.clone()}</a>
                <span class="family">{label_of(&store.family)}</span>
            </th>
            {cells}
        </tr>
    }
}

fn matrix(catalog: &Catalog) -> impl IntoView + use<> {
    let head = catalog
        .patterns
        .iter()
        .map(|p| {
            view! {
                <th scope="col" class="pattern" title=p.description.clone()>
                    <span>{p.name.clone()}</span>
                </th>
            }
        })
        .collect_view();
    let rows = catalog.stores.iter().map(|s| row(s, &catalog.patterns)).collect_view();
    view! {
        <p class="lede">
            {format!("{} store types × {} access patterns. ", catalog.stores.len(), catalog.patterns.len())}
            "Each grade holds up to a scale and cites its sources; open a store for the figures, its in-store "
            "remedies, operations hours and prices."
        </p>
        <GradeLegend />
        <div class="matrix-wrap" tabindex="0" role="region" aria-label="Fit grades: stores by access patterns">
            <table class="matrix">
                <caption class="sr-only">"Fit grade of each store type for each access pattern"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="corner">"Store"</th>
                        {head}
                    </tr>
                </thead>
                <tbody on:keydown=|ev| move_between_rows(&ev)>{rows}</tbody>
            </table>
        </div>
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
    use super::{label_of, words};

    #[test]
    fn words_replace_underscores() {
        assert_eq!(words("time_series"), "time series");
        assert_eq!(label_of(&catalog::model::Family::KeyValue), "key value");
    }
}

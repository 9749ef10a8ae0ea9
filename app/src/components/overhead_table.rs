//! The overhead as numbers: hours per store and category today, the interactions between
//! stores, and the totals today and recommended (the figures behind the overhead chart).

use catalog::Category;
use engine::{Report, cost::Overhead};
use leptos::prelude::*;

use crate::{
    components::disclosure::Disclosure,
    format::{num, usd},
    state::AppState,
};

/// Interaction hours per category: the category totals minus the stores' own hours.
fn interaction_hours(o: &Overhead, category: Category) -> f64 {
    let stores: f64 = o.by_store.iter().map(|s| s.hours.get(category)).sum();
    (o.by_category.get(category) - stores).max(0.0)
}

/// The per-store table, in a disclosure (built when it opens: a row per store).
#[component]
pub fn OverheadTable(
    /// The shared state.
    state: AppState,
    /// The report to show.
    report: std::sync::Arc<Report>,
) -> impl IntoView {
    let report = StoredValue::new(report);
    view! {
        <Disclosure state=state class="overhead-details" summary="Overhead per store and category, in hours per month".to_string()>
            {move || report.with_value(|r| table(&r.overhead.current, &r.overhead.recommended))}
        </Disclosure>
    }
}

/// The table: a row per store, the interactions, the totals today and recommended.
fn table(cur: &Overhead, rec: &Overhead) -> impl IntoView + use<> {
    let header = Category::ALL.iter().map(|c| view! { <th scope="col" class="num">{c.label()}</th> }).collect_view();
    let stores = cur
        .by_store
        .iter()
        .map(|s| {
            let cells =
                Category::ALL.iter().map(|&c| view! { <td class="num">{num(s.hours.get(c))}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{s.id.clone()}" "<span class="muted">{format!("({})", s.store_type)}</span></th>
                    {cells}
                    <td class="num">{num(s.total)}</td>
                    <td class="num">{usd(s.usd_per_month)}</td>
                </tr>
            }
        })
        .collect_view();
    let interactions =
        Category::ALL.iter().map(|&c| view! { <td class="num">{num(interaction_hours(cur, c))}</td> }).collect_view();
    view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Overhead per store and category">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Store (today)"</th>
                            {header}
                            <th scope="col" class="num">"Total h"</th>
                            <th scope="col" class="num">"$/month"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {stores}
                        <tr>
                            <th scope="row">"Interactions between stores"</th>
                            {interactions}
                            <td class="num">{num(cur.interaction_hours_per_month)}</td>
                            <td class="num">"—"</td>
                        </tr>
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Today"</th>
                            <td colspan="5"></td>
                            <td class="num">{num(cur.hours_per_month)}</td>
                            <td class="num">{usd(cur.infrastructure_usd_per_month)}</td>
                        </tr>
                        <tr>
                            <th scope="row">"Recommended"</th>
                            <td colspan="5"></td>
                            <td class="num">{num(rec.hours_per_month)}</td>
                            <td class="num">{usd(rec.infrastructure_usd_per_month)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
    }
}

//! The seed's table: one source of truth alone, the architecture today, and as recommended.

use engine::{Estimate, Tables};
use leptos::prelude::*;

use crate::format::{num, range};

/// The rows: metric, single, current, recommended.
pub fn rows(t: &Tables) -> Vec<[String; 4]> {
    let count = |n: usize| n.to_string();
    let issues = |e: Estimate| range(e, num);
    let diagnosis = |e: Option<Estimate>| e.map_or_else(|| "n/a".to_string(), |e| format!("{} h", range(e, num)));
    let weeks = |w: f64| format!("{} {}", num(w), if (w - 1.0).abs() < 1e-9 { "week" } else { "weeks" });
    let (s, c, r) = (&t.single, &t.current, &t.recommended);
    vec![
        ["Stores".to_string(), count(s.stores), count(c.stores), count(r.stores)],
        [
            "Deployment configurations".to_string(),
            count(s.deployment_configs),
            count(c.deployment_configs),
            count(r.deployment_configs),
        ],
        [
            "Monitoring dashboards".to_string(),
            count(s.monitoring_dashboards),
            count(c.monitoring_dashboards),
            count(r.monitoring_dashboards),
        ],
        [
            "Backup procedures".to_string(),
            count(s.backup_procedures),
            count(c.backup_procedures),
            count(r.backup_procedures),
        ],
        [
            "Cross-store consistency issues per month".to_string(),
            issues(s.consistency_issues_per_month),
            issues(c.consistency_issues_per_month),
            issues(r.consistency_issues_per_month),
        ],
        [
            "Time to diagnose an inconsistency".to_string(),
            diagnosis(s.diagnosis_hours),
            diagnosis(c.diagnosis_hours),
            diagnosis(r.diagnosis_hours),
        ],
        [
            "Onboarding a new engineer".to_string(),
            weeks(s.onboarding_weeks),
            weeks(c.onboarding_weeks),
            weeks(r.onboarding_weeks),
        ],
    ]
}

/// The before/after table.
#[component]
pub fn SeedTable(
    /// The report's seed tables.
    table: Tables,
) -> impl IntoView {
    let t = table;
    let single = format!("{} alone", t.single_label);
    view! {
        <section class="seed" aria-labelledby="seed-h">
            <h3 id="seed-h">"Before and after"</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="seed-h">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Metric"</th>
                            <th scope="col" class="num">{single}</th>
                            <th scope="col" class="num">"Today"</th>
                            <th scope="col" class="num">"Recommended"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows(&t)
                            .into_iter()
                            .map(|[metric, single, current, recommended]| {
                                let changed = current != recommended;
                                view! {
                                    <tr>
                                        <th scope="row">{metric}</th>
                                        <td class="num">{single}</td>
                                        <td class="num">{current}</td>
                                        <td class="num" class:changed=changed>{recommended}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

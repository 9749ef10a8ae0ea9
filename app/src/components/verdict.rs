//! The verdict: findings per severity, overhead today → recommended, and what the
//! recommendations save or add per month. Announced to screen readers when it changes.

use engine::{Report, Severity};
use leptos::prelude::*;

use crate::{
    format::{hours, plural, times, usd},
    state::AppState,
};

/// The sentence on money and hours: `saves $2,300/month and 24 h/month of operations work`.
pub fn delta_sentence(report: &Report) -> String {
    let (cur, rec) = (&report.overhead.current, &report.overhead.recommended);
    let usd_delta = rec.usd_per_month - cur.usd_per_month;
    let hours_delta = rec.hours_per_month - cur.hours_per_month;
    let money = |x: f64| format!("{}/month", usd(x));
    let time = |x: f64| format!("{}/month", hours(x));
    if usd_delta.abs() < 0.5 && hours_delta.abs() < 0.05 {
        return "Following the recommendations changes neither cost nor operations work.".to_string();
    }
    let verb = |delta: f64| if delta < 0.0 { "saves" } else { "adds" };
    let (cost, work) = (money(usd_delta.abs()), time(hours_delta.abs()));
    if verb(usd_delta) == verb(hours_delta) {
        format!("Following the recommendations {} {cost} in total cost and {work} of operations work.", verb(usd_delta))
    } else {
        format!(
            "Following the recommendations {} {cost} in total cost but {} {work} of operations work.",
            verb(usd_delta),
            verb(hours_delta)
        )
    }
}

/// The verdict box.
#[component]
pub fn Verdict(
    /// The shared state.
    state: AppState,
) -> impl IntoView {
    let body = move || {
        let current = state.analysis.get();
        if let Some(failure) = &current.failure {
            return view! { <p class="verdict-line">{failure.clone()}</p> }.into_any();
        }
        if current.empty {
            return view! {
                <p class="verdict-line">"Load an example, drop a workload file or start typing to see the verdict."</p>
            }
            .into_any();
        }
        let errors = current.error_count();
        let shown = state.results.get();
        let Some(report) = shown.as_ref().and_then(|a| a.report.as_ref()) else {
            return view! {
                <p class="verdict-line">
                    {format!("The file has {}: fix {} to see the analysis.", plural(errors, "error", "errors"),
                        if errors == 1 { "it" } else { "them" })}
                </p>
            }
            .into_any();
        };
        let s = &report.summary;
        let (cur, rec) = (&report.overhead.current, &report.overhead.recommended);
        // The same figures as shown: "8.05× → 8.05×" says nothing, so it says so in words.
        let unchanged = times(cur.x_single) == times(rec.x_single)
            && hours(cur.hours_per_month) == hours(rec.hours_per_month)
            && usd(cur.usd_per_month) == usd(rec.usd_per_month);
        let counts = Severity::ALL
            .iter()
            .filter(|&&sev| s.count(sev) > 0)
            .map(|&sev| {
                view! { <li class=format!("count sev-{sev}")><strong>{s.count(sev)}</strong>" "{sev.as_str()}</li> }
            })
            .collect_view();
        let stale = (errors > 0).then(|| {
            view! {
                <p class="stale-note">
                    {format!("Showing the last valid version: the text now has {}.", plural(errors, "error", "errors"))}
                </p>
            }
        });
        view! {
            <h3 class="verdict-title">{report.name.clone()}</h3>
            <p class="verdict-line">
                {if s.findings == 0 {
                    "No findings: the architecture follows the rules.".to_string()
                } else {
                    format!("{}:", plural(s.findings, "finding", "findings"))
                }}
            </p>
            <ul class="counts">{counts}</ul>
            <p class="overhead-line">
                "Operational overhead "
                <strong>{times(cur.x_single)}</strong>
                {if unchanged {
                    format!(" a single {} ({}/month, {}/month in total), unchanged by the recommendations.",
                        report.table.single_label, hours(cur.hours_per_month), usd(cur.usd_per_month))
                } else {
                    format!(" a single {} ({}/month, {}/month in total) → ", report.table.single_label,
                        hours(cur.hours_per_month), usd(cur.usd_per_month))
                }}
                {(!unchanged).then(|| view! {
                    <strong>{times(rec.x_single)}</strong>
                    {format!(" recommended ({}/month, {}/month).", hours(rec.hours_per_month), usd(rec.usd_per_month))}
                })}
            </p>
            <p class="delta-line">{delta_sentence(report)}</p>
            <p class="fine">{format!("Total cost = infrastructure + operations hours priced at {}/h.", usd(cur.hourly_cost_usd))}</p>
            {stale}
        }
        .into_any()
    };
    view! {
        <section class="verdict" data-testid="verdict" aria-live="polite" aria-atomic="true" aria-labelledby="verdict-h">
            <h2 id="verdict-h" class="verdict-kicker">"Verdict"</h2>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analysis, examples};

    fn report(id: &str) -> std::sync::Arc<Report> {
        let example = examples::find(id).expect("example");
        analysis::run(example.yaml).report.expect("report")
    }

    #[test]
    fn says_what_the_recommendations_save_or_add() {
        assert!(delta_sentence(&report("s1")).contains("changes neither"), "{}", delta_sentence(&report("s1")));
        assert!(delta_sentence(&report("s5")).starts_with("Following the recommendations saves $"));
        assert!(delta_sentence(&report("s3")).contains("adds $"));
    }
}

//! The finding cards, most severe first: code, severity, title, evidence, recommendation,
//! expected effect, what would change it, sources.

use engine::{Effect, Finding, Report};
use leptos::prelude::*;

use crate::{
    components::source_link::SourceLink,
    format::{hours, signed_range, usd},
    state::AppState,
};

/// The parts of an expected effect, as (label, value) rows.
pub fn effect_rows(effect: &Effect) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    if let Some(latency) = effect.latency {
        rows.push(("Latency", latency.to_string()));
    }
    if let Some(e) = effect.usd_per_month {
        rows.push(("Infrastructure", format!("{} per month", signed_range(e, usd))));
    }
    if let Some(e) = effect.ops_hours_per_month {
        rows.push(("Operations work", format!("{} per month", signed_range(e, hours))));
    }
    if let Some(e) = effect.people_usd_per_month {
        rows.push(("People cost", format!("{} per month", signed_range(e, usd))));
    }
    rows
}

/// The list of finding cards.
#[component]
pub fn Findings(
    /// The shared state.
    state: AppState,
    /// The report to show.
    report: engine::Report,
) -> impl IntoView {
    let Report { findings, .. } = report;
    if findings.is_empty() {
        return view! {
            <section class="findings" aria-labelledby="findings-h">
                <h3 id="findings-h">"Findings"</h3>
                <p class="none">"No findings."</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="findings" aria-labelledby="findings-h">
            <h3 id="findings-h">{format!("Findings ({})", findings.len())}</h3>
            {findings.into_iter().map(|f| view! { <FindingCard state=state finding=f /> }).collect_view()}
        </section>
    }
    .into_any()
}

/// One finding.
#[component]
pub fn FindingCard(
    /// The shared state.
    state: AppState,
    /// The finding to show.
    finding: Finding,
) -> impl IntoView {
    let severity = finding.severity.as_str();
    let effect = effect_rows(&finding.expected_effect);
    let location = finding.location.map(|l| l.line);
    view! {
        <article
            class=format!("finding sev-{severity}")
            data-testid="finding"
            data-code=finding.code
            data-severity=severity
        >
            <header class="finding-head">
                <span class=format!("badge sev-{severity}")>{severity}</span>
                <span class="code">{finding.code}</span>
                <span class="rule">{finding.rule}</span>
                {location.map(|line| view! {
                    <button type="button" class="link-button" on:click=move |_| state.jump_to(line)
                        title="Select this line in the editor">{format!("line {line}")}</button>
                })}
            </header>
            <h4 class="finding-title">{finding.title}</h4>
            {(!finding.evidence.is_empty()).then(|| view! {
                <table class="evidence">
                    <caption>"Evidence"</caption>
                    <tbody>
                        {finding.evidence.into_iter().map(|fig| view! {
                            <tr><th scope="row">{fig.label}</th><td>{fig.value}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <h5>"Recommendation"</h5>
            <p>{finding.recommendation}</p>
            {(!effect.is_empty()).then(|| view! {
                <h5>"Expected effect"</h5>
                <dl class="effect">
                    {effect.into_iter().map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                        .collect_view()}
                </dl>
            })}
            <h5>"What would change this"</h5>
            <p>{finding.what_would_change_this}</p>
            {(!finding.sources.is_empty()).then(|| view! {
                <h5>"Sources"</h5>
                <ul class="sources">
                    {finding.sources.into_iter().map(|s| view! {
                        <li>
                            <SourceLink title=s.title url=s.url />
                            <span class="source-meta">{format!(" — {} catalog, {}", s.store, s.date)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}

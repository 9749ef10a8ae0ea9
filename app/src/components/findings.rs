//! The finding cards, most severe first: code, severity, title, evidence, assumptions,
//! recommendation, the options weighed, expected effect, what would change it, sources.
//!
//! Every phrase about a decision is the engine's (`engine::speak`, rendered in
//! [`crate::analysis::option_rows`]); this module only lays them out.

use engine::{Assumption, Effect, Finding, Report, Verdict, speak};
use leptos::prelude::*;

use crate::{
    analysis::OptionRow,
    components::source_link::SourceLink,
    format::{hours, plural, signed, signed_range, usd},
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

/// The options table's summary line: `6 options weighed — picked: a new ClickHouse`.
pub fn options_summary(rows: &[OptionRow]) -> String {
    let weighed = format!("{} weighed", plural(rows.len(), "option", "options"));
    match rows.iter().find(|r| r.verdict == Verdict::Chosen) {
        Some(pick) => format!("{weighed} — {}: {}", speak::verdict_word(Verdict::Chosen), pick.name),
        None => weighed,
    }
}

/// An assumption in one line: `freshness of fleet-report = 15m — why — state it in `.
fn assumption_line(a: Assumption) -> impl IntoView {
    view! {
        <li>
            <strong>"Assumed: "</strong>
            {format!("{} = {}", a.what, a.value)}
            {(!a.why.is_empty()).then(|| format!(" — {}", a.why))}
            " — state it in "
            <code>{a.state}</code>
        </li>
    }
}

/// The list of finding cards.
#[component]
pub fn Findings(
    /// The shared state.
    state: AppState,
    /// The report to show.
    report: engine::Report,
    /// Each finding's options table, in the report's order ([`crate::analysis::Analysis::options`]).
    options: Vec<Vec<OptionRow>>,
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
            {findings
                .into_iter()
                .zip(options.into_iter().chain(std::iter::repeat_with(Vec::new)))
                .map(|(f, options)| view! { <FindingCard state=state finding=f options=options /> })
                .collect_view()}
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
    /// Its options table in words, the pick first (empty when it weighed none).
    options: Vec<OptionRow>,
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
            {(!finding.assumptions.is_empty()).then(|| view! {
                <ul class="assumptions" data-testid="assumptions">
                    {finding.assumptions.into_iter().map(assumption_line).collect_view()}
                </ul>
            })}
            <h5>"Recommendation"</h5>
            <p>{finding.recommendation}</p>
            {(!options.is_empty()).then(|| view! { <OptionsTable rows=options /> })}
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

/// A finding's options table, collapsed behind its summary: one row per option weighed, the
/// pick first, with its verdict, latency and added hours (columns only when some option has
/// them) and its reasons. Scrolls sideways on narrow screens.
#[component]
pub fn OptionsTable(
    /// The rows, the pick first.
    rows: Vec<OptionRow>,
) -> impl IntoView {
    let summary = options_summary(&rows);
    let with_latency = rows.iter().any(|r| r.latency.is_some());
    let with_hours = rows.iter().any(|r| r.added_hours.is_some());
    let dash = || view! { <span aria-hidden="true">"—"</span><span class="sr-only">"not estimated"</span> };
    view! {
        <details class="options" data-testid="options">
            <summary>{summary}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Options weighed">
                <table class="data options-table">
                    <caption class="sr-only">"Options weighed, the pick first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Option"</th>
                            <th scope="col">"Verdict"</th>
                            {with_latency.then(|| view! { <th scope="col" class="num">"Latency"</th> })}
                            {with_hours.then(|| view! { <th scope="col" class="num">"Ops hours added per month"</th> })}
                            <th scope="col">"Reasons"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let word = speak::verdict_word(row.verdict);
                            let chosen = row.verdict == Verdict::Chosen;
                            view! {
                                <tr data-testid="option" data-verdict=word class:chosen=chosen>
                                    <th scope="row">{row.name}</th>
                                    <td><span class=format!("verdict-badge v-{word}")>{word}</span></td>
                                    {with_latency.then(|| view! {
                                        <td class="num">{row.latency.map_or_else(|| dash().into_any(), IntoAny::into_any)}</td>
                                    })}
                                    {with_hours.then(|| view! {
                                        <td class="num">
                                            {row.added_hours.map_or_else(|| dash().into_any(), |h| signed(h, hours).into_any())}
                                        </td>
                                    })}
                                    <td class="reasons">
                                        <ul>{row.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

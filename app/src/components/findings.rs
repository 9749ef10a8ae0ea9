//! The finding cards, most severe first: code, severity, title, evidence, assumptions,
//! recommendation, the options weighed, expected effect, what would change it, sources.
//!
//! Every phrase about a decision is the engine's: an option's name and reasons are the words
//! `engine::Report::speak` renders into it with `engine::speak::option_name` and `engine::speak::reason`
//! (`Considered::label`, `Considered::why`, with the catalog the report was made with), its
//! verdict is `engine::speak::verdict_word`; this module only lays them out.

use std::sync::Arc;

use engine::{Assumption, Considered, Effect, Finding, Report, Severity, Verdict, speak};
use leptos::prelude::*;

use crate::{
    components::{disclosure::Disclosure, source_link::SourceLink},
    format::{hours, plural, signed, signed_range, usd},
    state::AppState,
};

/// The parts of an expected effect, as (label, value) rows: `Latency of fleet-report`, the
/// workload's own name, when the effect says whose latency it is.
pub fn effect_rows(effect: &Effect) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(latency) = effect.latency {
        let label = effect.latency_of.as_ref().map_or_else(|| "Latency".to_string(), |of| format!("Latency of {of}"));
        rows.push((label, latency.to_string()));
    }
    if let Some(e) = effect.usd_per_month {
        rows.push(("Infrastructure".to_string(), format!("{} per month", signed_range(e, usd))));
    }
    if let Some(e) = effect.ops_hours_per_month {
        rows.push(("Operations work".to_string(), format!("{} per month", signed_range(e, hours))));
    }
    if let Some(e) = effect.people_usd_per_month {
        rows.push(("People cost".to_string(), format!("{} per month", signed_range(e, usd))));
    }
    rows
}

/// The options table's summary line: `9 options weighed — picked: a new ClickHouse`.
pub fn options_summary(options: &[Considered]) -> String {
    let weighed = format!("{} weighed", plural(options.len(), "option", "options"));
    match options.iter().find(|c| c.verdict == Verdict::Chosen) {
        Some(pick) => format!("{weighed} — {}: {}", speak::verdict_word(Verdict::Chosen), pick.label),
        None => weighed,
    }
}

/// An assumption in one line: `Assumed: freshness of fleet-report = 15m — <why> — state it in
/// workloads[0].freshness`.
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
    report: Arc<Report>,
) -> impl IntoView {
    let findings = &report.findings;
    if findings.is_empty() {
        return view! {
            <section class="findings" aria-labelledby="findings-h">
                <h3 id="findings-h">"Findings"</h3>
                <p class="none">"No findings."</p>
            </section>
        }
        .into_any();
    }
    // which severities are shown, and whether the cards show only their heads
    let hidden = RwSignal::new(Vec::<Severity>::new());
    let collapsed = RwSignal::new(false);
    let filters = Severity::ALL
        .into_iter()
        .filter_map(|sev| {
            let count = findings.iter().filter(|f| f.severity == sev).count();
            (count > 0).then(|| {
                let toggle =
                    move |_| hidden.update(|h| if h.contains(&sev) { h.retain(|s| *s != sev) } else { h.push(sev) });
                view! {
                    <label class=format!("filter sev-{}", sev.as_str())>
                        <input
                            type="checkbox"
                            data-testid=format!("filter-{}", sev.as_str())
                            prop:checked=move || !hidden.with(|h| h.contains(&sev))
                            on:change=toggle
                        />
                        {format!("{} ({count})", sev.as_str())}
                    </label>
                }
            })
        })
        .collect_view();
    // Cards arrive in batches, one task each, so that a report of hundreds of findings never
    // holds the page for long (issue 14 item 2): the first batch now, the next ones after it.
    let count = findings.len();
    let shown = RwSignal::new(BATCH.min(count));
    if count > BATCH {
        show_more(shown, count);
    }
    // The reader's place: noted as the window scrolls, put back once the card there is drawn.
    let scrolled = window_event_listener(leptos::ev::scroll, |_| crate::anchor::note_soon());
    on_cleanup(move || scrolled.remove());
    let placed = StoredValue::new(false);
    leptos::prelude::Effect::new(move |_| {
        let drawn = shown.get();
        if !placed.get_value() && crate::anchor::restore(drawn) {
            placed.set_value(true);
        }
    });
    // a finding not drawn yet is drawn (with those before it) before the page scrolls to it
    let jump = move |i: usize| {
        if shown.get_untracked() <= i {
            shown.set(i + 1);
        }
        request_animation_frame(move || crate::dom::jump_to_id(&crate::anchor::slot_id(i)));
    };
    let listed = Arc::clone(&report);
    let jumps = move || {
        listed
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (sev, text) = (f.severity, format!("{} {}: {}", f.severity.as_str(), f.code, f.title));
                view! {
                    <li class:gone=move || hidden.with(|h| h.contains(&sev))>
                        <button type="button" class="link-button" on:click=move |_| jump(i)>
                            {text}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    // a batch's cards are copied out of the shared report only when the batch is drawn
    let batches = (0..count)
        .step_by(BATCH)
        .map(move |start| {
            let drawn = Memo::new(move |_| shown.get() > start);
            let report = Arc::clone(&report);
            move || {
                drawn.get().then(|| {
                    report
                        .findings
                        .iter()
                        .skip(start)
                        .take(BATCH)
                        .cloned()
                        .zip(start..)
                        .map(|(f, i)| {
                            let sev = f.severity;
                            view! {
                                <div class="finding-slot" id=crate::anchor::slot_id(i) style:contain-intrinsic-size=crate::anchor::placeholder(i) class:gone=move || hidden.with(|h| h.contains(&sev))>
                                    <FindingCard state=state finding=f />
                                </div>
                            }
                        })
                        .collect_view()
                })
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="findings" class:collapsed=move || collapsed.get() aria-labelledby="findings-h">
            <h3 id="findings-h">{format!("Findings ({count})")}</h3>
            <div class="findings-tools" role="group" aria-label="Filter and fold the findings">
                <span>"Show:"</span>
                {filters}
                <button
                    type="button"
                    class="button small"
                    data-testid="findings-collapse"
                    aria-pressed=move || collapsed.get().to_string()
                    on:click=move |_| collapsed.update(|c| *c = !*c)
                >
                    {move || if collapsed.get() { "Expand all" } else { "Collapse all" }}
                </button>
            </div>
            {(count > 3).then(|| view! {
                <Disclosure state=state class="jump-list" test_id="jump-list" summary=format!("Jump to a finding ({count})")>
                    <ol>{jumps.clone()}</ol>
                </Disclosure>
            })}
            {batches}
            {move || (shown.get() < count).then(|| view! {
                <p class="findings-more" role="status">{format!("Showing {} of {count} findings…", shown.get())}</p>
            })}
        </section>
    }
    .into_any()
}

/// How many finding cards are drawn in one task: the first batch at once, each next one after it.
const BATCH: usize = 5;

/// Draws the next batch of cards in a task of its own, and so on until all are drawn; stops when
/// the list is gone (a newer analysis replaced it).
fn show_more(shown: RwSignal<usize>, count: usize) {
    set_timeout(
        move || {
            let Some(now) = shown.try_update(|s| {
                *s = (*s + BATCH).min(count);
                *s
            }) else {
                return;
            };
            if now < count {
                show_more(shown, count);
            }
        },
        std::time::Duration::ZERO,
    );
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
            {(!finding.assumptions.is_empty()).then(|| view! {
                <ul class="assumptions" data-testid="assumptions">
                    {finding.assumptions.into_iter().map(assumption_line).collect_view()}
                </ul>
            })}
            <h5>"Recommendation"</h5>
            <p>{finding.recommendation}</p>
            {(!finding.options.is_empty()).then(|| view! { <OptionsTable options=finding.options /> })}
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
/// pick first, with its verdict, latency and added hours (each column only when some option
/// has the figure) and its reasons. Scrolls sideways on narrow screens.
#[component]
pub fn OptionsTable(
    /// The options weighed, as the engine gives them.
    options: Vec<Considered>,
) -> impl IntoView {
    let summary = options_summary(&options);
    let with_latency = options.iter().any(|c| c.latency.is_some());
    let with_hours = options.iter().any(|c| c.added_hours.is_some());
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
                            {with_hours.then(|| view! { <th scope="col" class="hours">"Added hours / month"</th> })}
                            <th scope="col">"Reasons"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {options.into_iter().map(|c| {
                            let word = speak::verdict_word(c.verdict);
                            let chosen = c.verdict == Verdict::Chosen;
                            view! {
                                <tr data-testid="option" data-verdict=word class:chosen=chosen>
                                    <th scope="row">{c.label}</th>
                                    <td><span class=format!("verdict-badge v-{word}")>{word}</span></td>
                                    {with_latency.then(|| view! {
                                        <td class="num">
                                            {c.latency.map_or_else(|| dash().into_any(), |l| l.to_string().into_any())}
                                        </td>
                                    })}
                                    {with_hours.then(|| view! {
                                        <td class="num">
                                            {c.added_hours.map_or_else(|| dash().into_any(), |h| signed(h, hours).into_any())}
                                        </td>
                                    })}
                                    <td class="reasons">
                                        <ul>{c.why.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analysis::run, examples::EXAMPLES};

    #[test]
    fn s3_options_put_the_pick_first_in_the_engine_words() {
        let s3 = EXAMPLES.iter().find(|e| e.id == "s3").expect("S3 ships");
        let report = run(s3.yaml).report.expect("S3 analyses");
        let first = report.findings.first().cloned().expect("S3 has a finding");
        let options = first.options;
        let pick = options.first().expect("S3's first finding weighs options");
        assert_eq!(pick.verdict, Verdict::Chosen);
        assert_eq!(pick.label, "a new ClickHouse");
        assert_eq!(options.iter().filter(|c| c.verdict == Verdict::Chosen).count(), 1);
        let mv = options.iter().find(|c| c.label.starts_with("materialized view")).expect("a materialized view");
        assert_eq!(mv.verdict, Verdict::Rejected);
        assert!(!mv.why.is_empty() && mv.why.len() == mv.reasons.len());
        assert!(options_summary(&options).ends_with("options weighed — picked: a new ClickHouse"));
    }
}

//! SW004 proposal verdicts: every proposal (add, replace, move, remove) judged by the decision
//! rule — accepted, superseded by a better option, rejected with the reason, or waiting on a figure.

use workload::Ask;

use super::{Rule, finding};
use crate::{
    change::Change,
    context::Context,
    decision::Decision,
    format::and_list,
    plan::{Plan, ProposalVerdict},
    report::{Figure, Finding, Location},
    severity::Severity,
    speak,
};

macro_rules! docs {
    () => {
        r#"Proposal verdict: every proposal gets one — accepted, superseded, rejected with the reason, or waiting on a figure.

# What it checks

Every entry of `proposals:`:

- `add: X` (for a workload): judged in the workload's options table (SW002). **Accepted** when X
  is the pick; **superseded** when another option wins (the table shows why); **rejected** when
  nothing measured shows the need (no workload named, or the workload has no measured figure
  missing its target: say what to measure) or X fails a criterion (cannot reach the target, cannot
  be fed, takes the incoming writes badly, not good for the use, ruled out);
- `replace: S` `by: X`: accepted when X serves every workload of S at its scale and something
  measured on S (incidents, the team's hours, a missed target, a saturation no scaling step fixes)
  shows the change is needed;
- `move: W` `to: S`: accepted when S serves W at its scale and target and W has a measured need;
- `remove: S`: accepted with the evidence SW005 needs (every workload served elsewhere, the load
  within limits); unknown when a figure is missing.

Severity: high when nothing measured supports an add; medium when rejected or superseded; low
for an accepted removal, move or replacement (the finding carries the change); info when
accepted as an add (SW002 carries it) or waiting on a figure.

# Why

Seed 000: "Add a new database only when the current architecture has a measurable bottleneck
that the new store directly addresses. 'It might be useful' is not sufficient." And removing a
store needs evidence as much as adding one.

# Example

```yaml
proposals:
  - { add: elasticsearch, for: product-search, reason: it might be useful }
```

→ rejected: nothing measured on product-search; measure its p95 latency against a target first.

# Instead

Measure the workload, try what the table ranks first, and propose again with the figures.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct ProposalVerdicts;

fn ask_text(ask: &Ask) -> String {
    match ask {
        Ask::Add { add } => format!("add {}", add.value),
        Ask::Replace { replace, by } => format!("replace {} by {}", replace.value, by.value),
        Ask::Move { workload, to } => format!("move {} to {}", workload.value, to.value),
        Ask::Remove { remove } => format!("remove {}", remove.value),
    }
}

impl Rule for ProposalVerdicts {
    fn code(&self) -> &'static str {
        "SW004"
    }
    fn name(&self) -> &'static str {
        "proposal-verdict"
    }
    fn summary(&self) -> &'static str {
        "Every proposal judged by the decision rule: accepted, superseded, rejected, or waiting on a figure."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for pp in &plan.proposals {
            let Some(p) = cx.workload.proposals.get(pp.index) else { continue };
            let ask = ask_text(&p.ask);
            let target = p.for_workload.as_ref().map(|w| format!(" for {}", w.value)).unwrap_or_default();
            let is_add = matches!(p.ask, Ask::Add { .. });
            let (severity, verdict_text) = match &pp.verdict {
                ProposalVerdict::Accepted if is_add => (Severity::Info, "accepted".to_string()),
                ProposalVerdict::Accepted => (Severity::Low, "accepted".to_string()),
                ProposalVerdict::Superseded { by } => (Severity::Medium, format!("superseded by {}", by_name(cx, by))),
                ProposalVerdict::NoMeasuredNeed => {
                    (Severity::High, "rejected: nothing measured shows the need".to_string())
                }
                ProposalVerdict::Rejected => (Severity::Medium, "rejected".to_string()),
                ProposalVerdict::Unknown { .. } => (Severity::Info, "undecided: a figure is missing".to_string()),
            };
            let decision =
                Decision::Proposal { index: pp.index, ask: format!("{ask}{target}"), verdict: pp.verdict.clone() };
            let mut f = finding(self, severity, decision, format!("Proposal to {ask}{target}: {verdict_text}"));
            f.location = Location::of(p.at.span);
            f.subjects.push(match &p.ask {
                Ask::Add { add } => add.value.clone(),
                Ask::Replace { replace, .. } => replace.value.clone(),
                Ask::Move { workload, .. } => workload.value.clone(),
                Ask::Remove { remove } => remove.value.clone(),
            });
            if let Some(w) = &p.for_workload {
                f.subjects.push(w.value.clone());
            }
            f.evidence.push(Figure::new("proposal", format!("{ask}{target}")));
            if let Some(r) = &p.reason {
                f.evidence.push(Figure::new("reason given", r.clone()));
            }
            if let Some(row) = &pp.option {
                f.evidence.push(Figure::new("judged", speak::option_row(cx.catalog, row)));
            }
            let item = p
                .for_workload
                .as_ref()
                .and_then(|w| cx.item_by_id.get(w.value.as_str()))
                .and_then(|&i| cx.items.get(i));
            f.recommendation = match &pp.verdict {
                ProposalVerdict::Accepted => match &p.ask {
                    Ask::Add { .. } => format!("The decision rule supports it: it is the pick for {}'s measured bottleneck (see the finding that adds it).", item.map_or("the workload", |i| i.id())),
                    Ask::Remove { remove } => format!("Remove {}: every workload it serves is served by the store taking over, within its limits.", remove.value),
                    Ask::Move { workload, to } => format!("Move {} to {}: it serves it at its scale and target.", workload.value, to.value),
                    Ask::Replace { replace, by } => format!("Replace {} by {}: it serves every workload of {} at its scale, and what is measured on {} shows the change is needed.", replace.value, speak::store_name(cx.catalog, &by.value), replace.value, replace.value),
                },
                ProposalVerdict::Superseded { by } => {
                    let why = pp.option.as_ref().and_then(|c| speak::why_not(cx.catalog, c)).unwrap_or_default();
                    format!("{} meets the need better{}{why}. The options table of the workload's finding compares them.", by_name(cx, by), if why.is_empty() { "" } else { "; this proposal: " })
                }
                ProposalVerdict::NoMeasuredNeed if !is_add => format!(
                    "Nothing measured shows a need for it: no workload of {} misses a target, and no incident, stated hours \
                     or saturation is recorded on it. State what hurts (a missed target, `incidents`, `ops_hours`, a resource \
                     `{{ measured, limit }}`) and propose it again.",
                    f.subjects.first().map_or("the store", String::as_str)
                ),
                ProposalVerdict::NoMeasuredNeed => match item {
                    Some(it) => format!(
                        "Nothing measured on {} shows a bottleneck {} would address. Measure it first (`latency: {{ measured, target }}` or `throughput:`); if it misses the target and the store directly addresses it, storewise recommends it.",
                        it.id(),
                        ask
                    ),
                    None => "Name the workload it is for (`for:`) and measure it against a target: the decision rule needs a measured bottleneck.".into(),
                },
                ProposalVerdict::Rejected => {
                    let why = pp.option.as_ref().and_then(|c| speak::why_not(cx.catalog, c)).unwrap_or_else(|| "it does not meet the need".into());
                    format!("It fails: {why}.")
                }
                ProposalVerdict::Unknown { figures } => format!("State {} to decide.", and_list(figures)),
            };
            f.what_would_change_this = match &pp.verdict {
                ProposalVerdict::NoMeasuredNeed => {
                    "A measured figure missing its target on the workload it is for.".into()
                }
                ProposalVerdict::Unknown { .. } => "The figures named.".into(),
                _ => "Different measurements, targets or scale for the workloads concerned.".into(),
            };
            if pp.verdict == ProposalVerdict::Accepted {
                match &p.ask {
                    Ask::Remove { .. } => {
                        if let Some(fold) = &pp.fold {
                            f.changes.push(super::consolidate::remove_change(cx, fold));
                        }
                    }
                    Ask::Move { workload, to } if !moved_by_a_plan(cx, plan, &workload.value, &to.value) => {
                        let from = item.and_then(|i| i.store).or_else(|| {
                            cx.item_by_id
                                .get(workload.value.as_str())
                                .and_then(|&i| cx.items.get(i))
                                .and_then(|i| i.store)
                        });
                        f.changes.push(Change::MoveWorkload {
                            workload: workload.value.clone(),
                            from: from.and_then(|s| cx.store(s)).map(|s| s.id().to_string()).unwrap_or_default(),
                            to: to.value.clone(),
                        });
                    }
                    Ask::Replace { replace, by } => {
                        if let Some(k) = cx.catalog.store(&by.value) {
                            f.changes
                                .push(Change::ReplaceStore { store: replace.value.clone(), store_type: k.id.clone() });
                        }
                    }
                    Ask::Add { .. } | Ask::Move { .. } => {}
                }
            }
            if let Some(row) = &pp.option {
                f.options.push(row.clone());
            }
            out.push(f);
        }
    }
}

/// Whether a workload's own plan already moves it there (SW003 carries the change then).
fn moved_by_a_plan(cx: &Context<'_>, plan: &Plan, workload: &str, to: &str) -> bool {
    let Some(&i) = cx.item_by_id.get(workload) else { return false };
    plan.item(i)
        .and_then(|p| p.chosen())
        .is_some_and(|c| matches!(&c.choice, crate::options::Choice::Existing { store } if store == to))
}

fn by_name(cx: &Context<'_>, key: &str) -> String {
    if cx.catalog.remedy(key).is_some() {
        speak::remedy_phrase(cx.catalog, key)
    } else {
        cx.catalog.store(key).map_or_else(|| key.to_string(), |k| k.name.clone())
    }
}

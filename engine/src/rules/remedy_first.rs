//! SW003 remedy first: a measured bottleneck that an in-store remedy, or a store the architecture
//! already runs, reaches — or that no option reaches at all.

use super::{Rule, finding, fit_text, freshness, item_location, miss_evidence, miss_text};
use crate::{
    change::Change,
    context::Context,
    decision::Decision,
    format::and_list,
    options::{Choice, Verdict},
    plan::{Plan, Table},
    report::{Figure, Finding, Latency},
    severity::Severity,
    sources::Sources,
    speak,
};

macro_rules! docs {
    () => {
        r#"In-store remedy first: a measured bottleneck that a remedy of the store already running, or a store already run, reaches.

# What it checks

Every workload with a measured figure worse than its target whose options table (see SW002) picks
an in-store remedy (materialized view, index, partitioning, full-text index, JSONB, TimescaleDB,
pgvector, SKIP LOCKED queue, …) or a store the architecture already runs that holds the same data
(move the workload there). A remedy is judged on its grade, the scale it holds to (per node), its
latency against the target, the freshness it can offer against the freshness the workload needs
(stated, else the store's staleness budget, else the catalog's assumption for the pattern, stated
in the finding), and whether it was tried, is in place or was ruled out; an index never makes a
scan fast. When no option reaches the target, the finding (medium) shows the table and what would
have to change.

# Why

"Start simple" (seed 004), and seed 000: every database added must justify its operational cost.
A remedy adds an hour or two a month to a store the team already runs; a new store adds its own
five categories of operations plus the cost of keeping it in sync.

# Example

```yaml
workloads:
  - id: daily-kpis
    pattern: analytical_scan
    store: main-db                 # PostgreSQL, 120GB
    latency: { measured: 90s, target: 2s }
    freshness: 1d
```

→ a materialized view refreshed nightly before any column store.

# Instead

Apply the remedy, measure again, and list it in `tried` if it falls short: storewise then weighs
the next option.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct RemedyFirst;

impl Rule for RemedyFirst {
    fn code(&self) -> &'static str {
        "SW003"
    }
    fn name(&self) -> &'static str {
        "remedy-first"
    }
    fn summary(&self) -> &'static str {
        "A measured bottleneck that an in-store remedy or a store already run reaches, or that nothing reaches."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (index, ip) in plan.items.iter().enumerate() {
            let chosen = ip.chosen();
            if chosen.is_some_and(|c| matches!(c.choice, Choice::NewStore { .. })) {
                continue;
            }
            let Some(it) = cx.items.get(ip.item) else { continue };
            let Some(store) = it.store.and_then(|s| cx.store(s)) else { continue };
            let Some(b) = it.bottleneck else { continue };
            let decision = Decision::Bottleneck {
                workload: it.id().to_string(),
                store: store.id().to_string(),
                pick: chosen.map(super::super::options::Considered::key),
            };
            let title = match chosen.map(|c| &c.choice) {
                Some(Choice::Remedy { remedy, .. }) => {
                    format!(
                        "{} on {} reaches {}'s target ({})",
                        speak::remedy_name(cx.catalog, remedy),
                        store.id(),
                        it.id(),
                        miss_text(&b)
                    )
                }
                Some(Choice::Existing { store: other }) => {
                    format!("Serve {} from {}, which the architecture already runs ({})", it.id(), other, miss_text(&b))
                }
                _ if b.unserved => {
                    format!("No option serves {}, which {} cannot ({})", it.id(), store.label(), miss_text(&b))
                }
                _ => format!("No option reaches {}'s target on {} ({})", it.id(), store.label(), miss_text(&b)),
            };
            let severity = Severity::Medium;
            let mut f = finding(self, severity, decision, title);
            f.subjects = vec![it.id().to_string(), store.id().to_string()];
            f.location = item_location(it);
            f.evidence.extend(miss_evidence(&b));
            f.evidence.push(Figure::new("access pattern", it.pattern_id()));
            if let Some(load) = crate::load::describe_load(&it.total) {
                f.evidence.push(Figure::new("scale", load));
            }
            let mut sources = Sources::default();
            if let (Some(fit), Some(k)) = (it.fit, store.kind) {
                f.evidence.push(Figure::new(format!("{} fit", store.label()), fit_text(fit)));
                sources.cite(k, &fit.cite);
            }
            freshness(cx, it, &mut f);
            let lost: Vec<String> = ip
                .options
                .iter()
                .filter(|c| c.verdict != Verdict::Chosen)
                .filter_map(|c| {
                    speak::why_not(cx.catalog, c).map(|w| format!("{} ({w})", speak::option_name(cx.catalog, c)))
                })
                .take(4)
                .collect();
            let lost =
                if lost.is_empty() { String::new() } else { format!(" The other options: {}.", and_list(&lost)) };
            match chosen {
                Some(c) => {
                    match &c.choice {
                        Choice::Remedy { remedy, .. } => {
                            let how = store
                                .kind
                                .and_then(|k| k.remedies.iter().find(|r| r.id == *remedy))
                                .map(|r| {
                                    if let Some(k) = store.kind {
                                        sources.cite(k, &r.cite);
                                    }
                                    r.how.clone()
                                })
                                .unwrap_or_default();
                            f.recommendation = format!(
                                "Use {} on {} for {}: {}. {how}{lost}",
                                speak::remedy_phrase(cx.catalog, remedy),
                                store.id(),
                                it.id(),
                                speak::why_chosen(cx.catalog, c)
                            );
                            f.changes.push(Change::ApplyRemedy {
                                store: store.id().to_string(),
                                remedy: remedy.clone(),
                                added_hours: c.added_hours.unwrap_or(0.0),
                                units: None,
                                for_workloads: vec![it.id().to_string()],
                            });
                        }
                        Choice::Existing { store: other } => {
                            f.recommendation = format!(
                                "Move {} to {other}, which holds the same data: {}.{lost}",
                                it.id(),
                                speak::why_chosen(cx.catalog, c)
                            );
                            f.changes.push(Change::MoveWorkload {
                                workload: it.id().to_string(),
                                from: store.id().to_string(),
                                to: other.clone(),
                            });
                        }
                        _ => {}
                    }
                    f.expected_effect.latency = c.latency.map(|l| Latency(l.0));
                    f.expected_effect.latency_of = c.latency.map(|_| it.id().to_string());
                    f.what_would_change_this = format!(
                        "Listing it in `tried` once it falls short; storewise then weighs the next option for {}.",
                        it.id()
                    );
                }
                None if b.unserved => {
                    f.recommendation = format!(
                        "{} cannot serve {} and nothing weighed can take it: state the figures the table marks \
                         unknown, or serve the workload outside the data layer.{lost}",
                        store.label(),
                        it.id()
                    );
                    f.what_would_change_this =
                        "A figure the table marks unknown, or a ruled-out option reconsidered.".into();
                }
                None => {
                    f.recommendation = format!(
                        "Nothing weighed reaches the target of {}: profile it (EXPLAIN, lock waits, the client) and re-examine the \
                         target.{lost}",
                        it.id()
                    );
                    f.what_would_change_this =
                        "A figure the table marks unknown, a looser target, or a remedy not yet tried.".into();
                }
            }
            f.options_of = Some(Table::Item(index));
            f.sources = sources.into_vec();
            out.push(f);
        }
    }
}

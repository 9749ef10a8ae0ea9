//! SW002 justified add: a measured bottleneck that a new store directly addresses, after every
//! in-store remedy and store already run was weighed and fell short.

use super::{Rule, finding, fit_text, freshness, item_location, miss_evidence, miss_text, pattern_name};
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
        r#"Justified add: a measured bottleneck (or a read its store cannot serve at all) that a new store directly addresses, and nothing the team runs reaches.

# What it checks

Every workload with a measured figure worse than its target (latency above target, throughput
below) — for a scan (a report, an aggregation job) with a measured run time and no target, the
target is the freshness its answers need, as a scan's answer is as old as the scan takes: its
stated `freshness` or its store's staleness budget (any excess counts), else the catalog's
assumption for the pattern, stated in the finding (only past ten times it, ten minutes at least:
an hourly job measured at a day) — and every read its store cannot serve at all — the catalog grades the store `unsuited`
for the pattern (full-text search on Cassandra: no inverted index, no ranking). Such a gap needs
no measurement, as there is nothing to measure; a write the store takes today, however poorly
graded, does (SW010). Every option is weighed and kept in the finding's options table:

- the in-store remedies the catalog lists for its store and pattern;
- another store the architecture runs that holds the same data;
- every catalog store graded good or strong for the pattern, judged on: reaching the target (the
  whole latency range, or only its optimistic end), the workload's scale per node (stores that
  spread their own data are given the nodes they need, and priced for them), the freshness the
  workload needs, whether it can be fed from the source of truth (CDC source *and* sink support,
  or a pipeline already run), whether it takes the writes that would feed it (upserts of changed
  rows, or batched appends), its own "not good for" list, and whether the team ruled it out.

The pick follows one stated rule: the whole range reaching the target first, then the earlier rung
(a remedy, a store already run, scaling the engine, a new store), then the better grade, fewer ops
hours, less spend. This rule fires when the pick is a new store (high); SW003 reports the other
picks. A proposal gets its verdict from SW004 and never silently breaks a tie.

# Why

Seed 000's decision rule: "Add a new database only when the current architecture has a
measurable bottleneck that the new store directly addresses. … 'The analytics query takes 4
minutes and causes transactional latency spikes, and a column store reduces it to 1.2 seconds'
is sufficient." The finding carries the expected latency, the operations and spend it adds, and
why every other option lost, so the trade can be defended in a review.

# Example

```yaml
workloads:
  - id: fleet-report
    pattern: analytical_scan
    store: main-db            # PostgreSQL: weak at analytical scans beyond 50GB
    data_size: 600GB
    latency: { measured: 4m, target: 5s }
    tried: [index]
```

→ add ClickHouse fed by CDC from main-db; the materialized view falls short (600GB is beyond its
500GB scale, its hourly refresh staler than the freshness needed), partitioning only reaches the
target at its optimistic end.

# Instead

Add the store as a derived store fed from the source of truth by CDC (or from a pipeline already
carrying its changes), never by a dual write; give it a staleness budget; move the workload to it.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct JustifiedAdd;

impl Rule for JustifiedAdd {
    fn code(&self) -> &'static str {
        "SW002"
    }
    fn name(&self) -> &'static str {
        "justified-add"
    }
    fn summary(&self) -> &'static str {
        "A measured bottleneck (or a read its store cannot serve at all) that a new store directly addresses, and nothing the team runs reaches."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (index, ip) in plan.items.iter().enumerate() {
            let Some(chosen) = ip.chosen() else { continue };
            let Choice::NewStore { store_type } = &chosen.choice else { continue };
            let (Some(it), Some(kind)) = (cx.items.get(ip.item), cx.catalog.store(store_type)) else { continue };
            let Some(store) = it.store.and_then(|s| cx.store(s)) else { continue };
            let Some(b) = it.bottleneck else { continue };
            let root = it.store.and_then(|s| cx.root_of_truth(s)).and_then(|r| cx.store(r)).unwrap_or(store);
            let decision = Decision::Bottleneck {
                workload: it.id().to_string(),
                store: store.id().to_string(),
                pick: Some(kind.id.clone()),
            };
            let mut f = finding(
                self,
                Severity::High,
                decision,
                format!("Add {} for {}: {} on {}", kind.name, it.id(), miss_text(&b), store.label()),
            );
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
            if let Some(fit) = kind.fit(it.pattern_id()) {
                f.evidence.push(Figure::new(format!("{} fit", kind.name), fit_text(fit)));
                sources.cite(kind, &fit.cite);
            }
            let via = chosen
                .reasons
                .iter()
                .find_map(|r| match r {
                    crate::options::Reason::Fed { via, through } => Some((*via, through.clone())),
                    _ => None,
                })
                .unwrap_or((workload::Via::Cdc, None));
            let from = via.1.clone().unwrap_or_else(|| root.id().to_string());
            let victims: Vec<&str> =
                it.victims.iter().filter_map(|&v| cx.items.get(v)).map(crate::context::ItemInfo::id).collect();
            let lost: Vec<String> = ip
                .options
                .iter()
                .filter(|c| c.verdict != Verdict::Chosen)
                .filter_map(|c| {
                    speak::why_not(cx.catalog, c).map(|w| format!("{} ({w})", speak::option_name(cx.catalog, c)))
                })
                .take(4)
                .collect();
            f.recommendation = format!(
                "Add {name} as a derived store fed from {from} by {via} and move {item} to it: {why}. {victims}The other options \
                 fall short: {lost}. It adds its own operations and a flow to keep running; give it a staleness budget.",
                name = kind.name,
                via = speak::via_name(via.0),
                item = it.id(),
                why = speak::why_chosen(cx.catalog, chosen),
                victims = if victims.is_empty() {
                    String::new()
                } else {
                    format!("Moving it off {} also relieves {}, which it slows down. ", store.id(), and_list(&victims))
                },
                lost = if lost.is_empty() { "none was found".to_string() } else { and_list(&lost) },
            );
            f.what_would_change_this = if b.unserved {
                format!(
                    "An in-store remedy of {} that serves {} (the catalog lists none that reaches it), or a store the team \
                     already runs that serves it (then reuse it).",
                    store.id(),
                    pattern_name(cx, it.pattern_id())
                )
            } else {
                format!(
                    "A looser target or staleness for {} that an in-store remedy reaches, a smaller scan, or a store the \
                     team already runs that serves {} (then reuse it).",
                    it.id(),
                    pattern_name(cx, it.pattern_id())
                )
            };
            f.expected_effect.latency = chosen.latency.map(|l| Latency(l.0));
            f.expected_effect.latency_of = chosen.latency.map(|_| it.id().to_string());
            f.changes.push(Change::AddStore {
                id: kind.id.clone(),
                store_type: kind.id.clone(),
                from,
                via: via.0,
                for_workloads: std::iter::once(it.id().to_string()).collect(),
                size_bytes: it.total.data.map(|b| b.0),
            });
            f.options_of = Some(Table::Item(index));
            f.sources = sources.into_vec();
            out.push(f);
        }
    }
}

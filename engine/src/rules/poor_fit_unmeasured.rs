//! SW010 poor fit, unmeasured: a workload on a store graded weak for it (or beyond the grade's
//! scale), with nothing measured — measure before deciding anything.

use catalog::Grade;

use super::{Rule, finding, fit_text, pattern_name};
use crate::{
    context::Context,
    decision::Decision,
    plan::Plan,
    report::{Figure, Finding, Location},
    severity::Severity,
    sources::Sources,
    speak,
};

macro_rules! docs {
    () => {
        r"Poor fit, unmeasured: a workload on a store the catalog grades weak or unsuited for it, with no measurement.

# What it checks

Every workload whose store is graded weak or unsuited for its access pattern, or is beyond the
scale its grade holds to, and that has no measured latency or throughput, or only measurements
with no target beside them (a measurement alone cannot be judged). Severity: low. It never
recommends adding a store: without a measurement there is no bottleneck to address. A read the
store cannot serve at all (graded `unsuited`) is not a question of measurement: SW002 and SW003
weigh the options for it. A store that
spreads its data over its nodes (Elasticsearch, Cassandra, ClickHouse…), graded well but beyond
one node's scale, with no `nodes` or `shards` stated, is not called a poor fit: the finding asks
for the cluster's size and says about how many nodes the load takes.

# Why

The catalog's grades are general; the workload may still be fast enough (a weak fit at a small
scale often is). Seed 000's decision rule asks for a measured bottleneck before any new store, so
the first step is a measurement against a target, not a purchase.

# Example

```yaml
workloads:
  - id: weekly-report
    pattern: analytical_scan
    store: main-db          # PostgreSQL: weak at analytical scans beyond 50GB
    data_size: 300GB
```

# Instead

Measure its p95 latency (and throughput, if that matters) and write it with a target
(`latency: { measured: 12s, target: 5s }`). If it misses, storewise weighs the in-store remedies
(SW003) and, if none reaches the target, the store that directly addresses it (SW002).
"
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct PoorFitUnmeasured;

impl Rule for PoorFitUnmeasured {
    fn code(&self) -> &'static str {
        "SW010"
    }
    fn name(&self) -> &'static str {
        "poor-fit-unmeasured"
    }
    fn summary(&self) -> &'static str {
        "A workload runs on a store that fits it poorly and nothing is measured."
    }
    fn severity(&self) -> Severity {
        Severity::Low
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for item in &cx.items {
            // A pattern the store cannot serve at all is a gap, judged as a bottleneck (SW002/SW003).
            // A measurement with no target to judge it by decides nothing either (issue 17).
            let measurement = measured_without_target(item);
            if (item.measured && measurement.is_none()) || !item.poor_fit || item.bottleneck.is_some() {
                continue;
            }
            let (Some(store), Some(fit)) = (item.store.and_then(|s| cx.store(s)), item.fit) else { continue };
            if item.store.is_some_and(|s| plan.removed(s)) {
                continue;
            }
            // A store that spreads its data over its nodes, graded well, only beyond one node's
            // scale: the file has not said how many nodes the cluster has.
            let unsized_cluster = fit.grade > Grade::Weak
                && store.kind.is_some_and(catalog::StoreType::spreads_itself)
                && store.store.nodes.is_none()
                && store.store.shards.is_none();
            let beyond = item
                .exceeded
                .iter()
                .map(|e| {
                    if unsized_cluster {
                        format!("{} beyond one node's {}", e.load, e.limit)
                    } else {
                        format!("{} beyond its {} scale", e.load, e.limit)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            let why = if fit.grade <= Grade::Weak { format!("graded {}", fit.grade.as_str()) } else { beyond };
            let decision = Decision::PoorFit { workload: item.id().to_string(), store: store.id().to_string() };
            let title = if unsized_cluster {
                format!(
                    "{} on {}: {why} for {}, and the cluster's size is not stated",
                    item.id(),
                    store.label(),
                    pattern_name(cx, item.pattern_id())
                )
            } else if measurement.is_some() {
                format!(
                    "{} runs on {} ({why} for {}) and its measurement has no target",
                    item.id(),
                    store.label(),
                    pattern_name(cx, item.pattern_id())
                )
            } else {
                format!(
                    "{} runs on {} ({why} for {}) and nothing is measured",
                    item.id(),
                    store.label(),
                    pattern_name(cx, item.pattern_id())
                )
            };
            let mut f = finding(self, Severity::Low, decision, title);
            f.subjects = vec![item.id().to_string(), store.id().to_string()];
            f.evidence.push(Figure::new("access pattern", item.pattern_id()));
            if let Some(load) = crate::load::describe_load(&item.load) {
                f.evidence.push(Figure::new("scale per node", load));
            }
            super::skew_evidence(store, &mut f);
            f.evidence.push(Figure::new(format!("{} fit", store.label()), fit_text(fit)));
            f.evidence.push(Figure::new("measured", measurement.clone().unwrap_or_else(|| "nothing".into())));
            let mut sources = Sources::default();
            let remedies: Vec<String> = store
                .kind
                .map(|k| {
                    crate::judge::pattern_remedies(cx, k, item.pattern_id())
                        .filter(|r| r.grade >= Grade::Good)
                        .map(|r| {
                            sources.cite(k, &r.cite);
                            speak::remedy_phrase(cx.catalog, &r.id)
                        })
                        .collect()
                })
                .unwrap_or_default();
            if let Some(k) = store.kind {
                sources.cite(k, &fit.cite);
            }
            let next = if remedies.is_empty() {
                String::new()
            } else {
                format!(" If it misses, the in-store remedies to weigh first are: {}.", remedies.join(", "))
            };
            let cluster = match store.kind.filter(|_| unsized_cluster) {
                Some(k) => format!(
                    "State `nodes` for {}: {} spreads its data over its nodes and the catalog's scale is per node (this \
                     load takes about {} of them). ",
                    store.id(),
                    k.name,
                    crate::format::num(crate::judge::nodes_needed(k, item.pattern_id(), &item.total))
                ),
                None => String::new(),
            };
            let ask = if measurement.is_some() {
                format!(
                    "Write the target {}'s measured figure must meet beside it (`latency: {{ measured: …, target: … }}`): \
                     a measurement alone cannot be judged. The catalog's grade is general: at this scale it may well be \
                     fast enough. Decide nothing before the measurement is judged against its target.",
                    item.id()
                )
            } else {
                format!(
                    "Measure {}'s p95 latency (and throughput, if that matters) against a target and write both in the \
                     file (`latency: {{ measured: …, target: … }}`). The catalog's grade is general: at this scale it may \
                     well be fast enough. Decide nothing before the measurement.",
                    item.id()
                )
            };
            f.recommendation = format!("{cluster}{ask}{next}");
            f.what_would_change_this = format!(
                "A measurement: within its target, {} is fine where it is; missing it, storewise weighs remedies and stores \
                 that address {}.",
                item.id(),
                pattern_name(cx, item.pattern_id())
            );
            f.sources = sources.into_vec();
            f.location = Location::of(item.item.pattern.span);
            out.push(f);
        }
    }
}

/// A measured latency or throughput with no target beside it (`latency: { measured: 20m }`), as
/// evidence text; `None` when nothing is measured or a measured figure has its target.
fn measured_without_target(item: &crate::context::ItemInfo<'_>) -> Option<String> {
    let latency = item.item.latency.as_ref().map(|l| l.value);
    let throughput = item.item.throughput.as_ref().map(|t| t.value);
    let judged = latency.is_some_and(|l| l.measured.is_some() && l.target.is_some())
        || throughput.is_some_and(|t| t.measured.is_some() && t.target.is_some());
    if judged {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(m) = latency.and_then(|l| l.measured) {
        parts.push(format!("latency {}, no target", crate::format::secs(m.secs())));
    }
    if let Some(m) = throughput.and_then(|t| t.measured) {
        parts.push(format!("throughput {m}, no target"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

//! SW006 consolidation candidate: a store whose small, unmeasured workloads the source of truth covers.

use catalog::Grade;
use workload::Role;

use super::{Rule, finding, pattern_name};
use crate::{
    consolidate::{UNDERUSED_QUERIES_PER_DAY, describe, plan, queries_per_day},
    context::Context,
    format::and_list,
    report::Finding,
    severity::Severity,
};

macro_rules! docs {
    () => {
        r#"Consolidation candidate: a store whose workloads are small, unmeasured, and covered by the source of truth.

# What it checks

Every store other than the primary source of truth and the pipelines (derived stores, and other
sources of truth such as a metrics store) that feeds no other store, when none of its workloads
has a measured latency or throughput, and the primary source of truth (for a derived store: the
source of truth it derives from) can serve every one of them at its scale: graded fair or better
for the pattern, directly or with one in-store remedy (JSONB for flexible documents, recursive
CTEs for a small graph, TimescaleDB for metrics, a GIN full-text index for search, …) whose
refresh fits the store's staleness budget. Fair is accepted here, unlike SW005, because nothing
is measured that the store would be needed for and fair means "works with tuning or at small
scale". Underused derived stores that SW005 consolidates are skipped. Severity: low (advice).

# Why

Seed 004's sweet spots (MongoDB for the catalogue, Neo4j for recommendations, InfluxDB for
metrics) hold at scale; at 200k products, 500k edges or 200 points a second, PostgreSQL serves the
same access patterns with an extension or a remedy, and "operational complexity increases with
each database technology — justify each addition". Seed 004 again: "Start simple (one database)
and add others only when you have a clear performance or modelling problem." Nothing measured
shows such a problem.

# Example

```yaml
- { id: catalogue, type: mongodb, role: derived, fed_by: { from: orders-db, via: batch_etl } }
workloads:
  - { id: product-attributes, pattern: flexible_documents, store: catalogue, items: 200k }
```

→ PostgreSQL JSONB columns (good up to 1TB) would serve it; removing MongoDB saves its price and
its operations.

# Instead

Either measure the workload against a target (if it misses on PostgreSQL, the store is justified
and this advice disappears), or move it into the source of truth with the named remedy and remove
the store.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct ConsolidationCandidate;

impl Rule for ConsolidationCandidate {
    fn code(&self) -> &'static str {
        "SW006"
    }
    fn name(&self) -> &'static str {
        "consolidation-candidate"
    }
    fn summary(&self) -> &'static str {
        "A store whose small, unmeasured workloads the source of truth could serve with an in-store remedy."
    }
    fn severity(&self) -> Severity {
        Severity::Low
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, s) in cx.stores.iter().enumerate() {
            if s.role() == Role::Pipeline || Some(i) == cx.primary {
                continue;
            }
            let measured = s.items.iter().filter_map(|&w| cx.items.get(w)).any(|w| w.measured);
            if measured || s.items.is_empty() {
                continue;
            }
            let underused = s.role() == Role::Derived
                && queries_per_day(cx, i).is_some_and(|q| q <= UNDERUSED_QUERIES_PER_DAY)
                && plan(cx, i, Grade::Good).is_some();
            if underused {
                continue;
            }
            let Some(p) = plan(cx, i, Grade::Fair) else { continue };
            let Some(into) = cx.store(p.into) else { continue };
            let ways: Vec<String> = p
                .served
                .iter()
                .filter_map(|(w, sv)| {
                    let item = cx.items.get(*w)?;
                    let way = sv
                        .remedy
                        .map_or_else(|| format!("{} as it is", into.type_name()), |r| super::remedy_phrase(cx, &r.id));
                    Some(format!("{way} for {}", pattern_name(cx, item.pattern())))
                })
                .collect();
            let mut f = finding(
                self,
                Severity::Low,
                format!("{} could be consolidated into {}: {}", s.label(), into.id(), and_list(&ways)),
            );
            let why = format!(
                "Nothing measured on {} shows it is needed, and at the scale the file gives {} covers what it serves.",
                s.id(),
                into.label()
            );
            describe(cx, &p, &mut f, &why);
            let scales: Vec<String> = p.served.iter().map(|(_, sv)| sv.scale.clone()).collect();
            f.what_would_change_this = format!(
                "A measurement: if the workloads of {} miss a latency or throughput target on {} (measure them there, or \
                 measure {} against one), the store is justified and this advice disappears. So does a scale beyond {}.",
                s.id(),
                into.type_name(),
                s.id(),
                and_list(&scales)
            );
            out.push(f);
        }
    }
}

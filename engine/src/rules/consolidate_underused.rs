//! SW005 consolidate: an underused derived store whose queries the source of truth can serve.

use catalog::Grade;
use workload::Role;

use super::{Rule, finding};
use crate::{
    consolidate::{UNDERUSED_QUERIES_PER_DAY, describe, plan, queries_per_day},
    context::Context,
    format::{num, usd_range},
    report::{Figure, Finding},
    severity::Severity,
};

macro_rules! docs {
    () => {
        r#"Consolidate an underused derived store into the source of truth.

# What it checks

Every store with `role: derived` queried at most about 1,000 times a day (its `queries`, else the
sum of its workloads' rates) whose every workload the source of truth it is derived from can
serve itself: graded good or strong for the pattern at the workload's scale with a latency within
the workload's target, directly or with one in-store remedy whose refresh (`min_staleness`) fits
the store's `staleness_budget` (with no budget, the lag the store has today). Stores that feed
other stores are left alone. The finding reports the savings: the store's `monthly_cost_usd`
(else the catalog price) and its ops hours plus the interaction hours of its flows (upkeep,
shared-data pairs, incidents), net of the hours the remedy adds.

# Why

Seed 000: "Consider consolidation when a derived store is underutilized. If ClickHouse is queried
48 times per day and costs $500/month to operate, evaluate whether PostgreSQL with a materialized
view (refreshed nightly) can serve those 48 queries at acceptable latency. If it can, remove
ClickHouse." A derived store costs its five categories of operations whether it is queried
48 times a day or 48,000.

# Example

```yaml
- id: analytics
  type: clickhouse
  role: derived
  fed_by: { from: main-db, via: batch_etl, every: 1d }
  staleness_budget: 1d
  queries: 48/day
  monthly_cost_usd: 500
```

→ serve the queries from a PostgreSQL materialized view refreshed nightly (good up to 500GB,
5ms..500ms): saves $500/month and the hours of running ClickHouse and its nightly export.

# Instead

Create the remedy on the source of truth (here `CREATE MATERIALIZED VIEW` + a nightly
`REFRESH MATERIALIZED VIEW CONCURRENTLY`), point the queries at it, watch their latency for a
few weeks, then decommission the derived store and its flow.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct ConsolidateUnderused;

impl Rule for ConsolidateUnderused {
    fn code(&self) -> &'static str {
        "SW005"
    }
    fn name(&self) -> &'static str {
        "consolidate-underused"
    }
    fn summary(&self) -> &'static str {
        "An underused derived store whose queries the source of truth can serve within the staleness budget."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, s) in cx.stores.iter().enumerate() {
            if s.role() != Role::Derived {
                continue;
            }
            let Some(q) = queries_per_day(cx, i).filter(|q| *q <= UNDERUSED_QUERIES_PER_DAY) else { continue };
            let Some(p) = plan(cx, i, Grade::Good) else { continue };
            let into = cx.store(p.into).map_or("?", |x| x.id());
            let cost = s.store.monthly_cost_usd.map_or_else(
                || {
                    s.kind
                        .map_or_else(String::new, |k| format!(" for {}/month", usd_range(crate::cost::price_range(k))))
                },
                |c| format!(" for {}/month", usd_range(crate::estimate::Estimate::exact(c))),
            );
            let mut f = finding(
                self,
                Severity::Medium,
                format!("{} is underused ({} queries/day{cost}): serve its queries from {into}", s.label(), num(q)),
            );
            f.evidence.push(Figure::new("queries", format!("{}/day", num(q))));
            f.evidence.push(Figure::new("underused below", format!("{}/day", num(UNDERUSED_QUERIES_PER_DAY))));
            let why = format!("It answers about {} queries a day, which {into} can serve itself.", num(q));
            describe(cx, &p, &mut f, &why);
            let scales: Vec<String> = p.served.iter().map(|(_, sv)| sv.scale.clone()).collect();
            f.what_would_change_this = format!(
                "More use than about {} queries a day, a staleness budget tighter than the remedy's refresh, data beyond the \
                 scale it holds to ({}), or a latency target it misses: any of these keeps {}.",
                num(UNDERUSED_QUERIES_PER_DAY),
                crate::format::and_list(&scales),
                s.id()
            );
            out.push(f);
        }
    }
}

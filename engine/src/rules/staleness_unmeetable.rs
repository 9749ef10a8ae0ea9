//! SW007 staleness unmeetable: the flows feeding a store lag more than its staleness budget, or a
//! flow cannot be built as declared.

use workload::Via;

use crate::context::{ASSUMED_FLOOR_SECS, ASSUMED_LOW_FACTOR, ASSUMED_MEDIUM_FACTOR, FreshnessFrom};

use super::{Rule, finding};
use crate::{
    context::Context,
    decision::Decision,
    format::{secs, secs_range},
    plan::Plan,
    report::{Figure, Finding, Latency, Location},
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"Staleness budget unmeetable: the flows feeding a store lag more than the lag it accepts.

# What it checks

For every store with a `staleness_budget`, the typical lag of the path from its source of truth,
flow by flow (the slowest path when several feed it):

- `cdc`: the source store's catalog figure (`cdc.as_source.lag`, e.g. 100ms..2s for PostgreSQL);
- `stream`: consumer lag, 50ms..1s (estimate);
- `outbox`: the relay's poll interval, 100ms..5s (estimate);
- `batch_etl`, `polling`, `repair_job`: up to their `every` (one day, one hour for a poller, when
  not given) plus their run time;
- a flow's measured `lag`, when the file states one, replaces the estimate;
- `dual_write`: none (and SW001 applies).

Medium when even the low end of the lag exceeds the budget (the flow cannot meet it), or a measured
lag exceeds its target; low when only the high end does (it will miss it at times). Also medium: a `cdc` flow from a store the
catalog knows no CDC connector for (the flow cannot be built as declared).

A store with **no** budget whose feed has a **measured** `lag` is judged against its readers: the
strictest `freshness` its read workloads state (medium when the lag exceeds it), else the
catalog's assumption for their access pattern (full-text search: 1m; analytics: 15m), which the
finding states as an assumption: low when the lag passes ten times the assumption (or ten
minutes, whichever is longer), medium past a hundred times. Estimated lags are not judged against
assumptions: an assumption on an assumption would be noise. Flows SW013 offers a better flow for
are left to it.

# Why

Seed 000: "Accept eventual consistency for derived stores. Define and measure the staleness
budget: how many seconds of lag between the source and derived store is acceptable." A budget the
chosen flow cannot meet is a promise broken by design: readers of the derived store see data older
than agreed every time the flow runs late.

# Example

```yaml
- id: search
  type: elasticsearch
  role: derived
  fed_by: { from: main-db, via: batch_etl, every: 1h }
  staleness_budget: 30s
```

→ an hourly batch lags up to 1h against a 30s budget. And with no budget:

```yaml
- id: search
  type: elasticsearch
  role: derived
  fed_by: { from: main-db, via: stream, lag: { measured: 2d } }
# workloads: item-search, full_text_search, reads search
```

→ two days behind, against the minute a full-text search is assumed to accept (medium).

# Instead

Pick a flow that meets the budget (CDC for seconds, an outbox relay polling often enough), or
agree on a budget the flow can keep and write it down. A stream or CDC flow measured far behind
has a consumer or sink that cannot take the write rate: scale it, batch its writes, or cut the
write amplification, then state the budget it keeps.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct StalenessUnmeetable;

impl Rule for StalenessUnmeetable {
    fn code(&self) -> &'static str {
        "SW007"
    }
    fn name(&self) -> &'static str {
        "staleness-unmeetable"
    }
    fn summary(&self) -> &'static str {
        "The flows feeding a store lag more than its staleness budget, or cannot be built as declared."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (index, s) in cx.stores.iter().enumerate() {
            if plan.removed(index) {
                continue;
            }
            for fl in cx.feeds_of(index).filter(|fl| fl.via() == Via::Cdc) {
                let Some(src) = fl.from.and_then(|f| cx.store(f)) else { continue };
                let Some(kind) = src.kind.filter(|k| !k.cdc.as_source.supported) else { continue };
                let decision =
                    Decision::Staleness { store: s.id().to_string(), lag: None, budget_secs: 0.0, budget_from: None };
                let mut f = finding(
                    self,
                    Severity::Medium,
                    decision,
                    format!("{} is fed by CDC from {}, which has no CDC connector in the catalog", s.id(), src.label()),
                );
                f.subjects = vec![s.id().to_string(), src.id().to_string()];
                f.evidence.push(Figure::new("flow", format!("{} → {} (cdc)", src.id(), s.id())));
                f.evidence.push(Figure::new(format!("{} as a CDC source", kind.name), "not supported"));
                f.recommendation = format!(
                    "Feed {} another way: a transactional outbox written by the application in the same transaction as \
                     {}'s change and relayed to {}, or a batch export if its staleness budget allows. Then state the lag \
                     the new flow gives as the staleness budget.",
                    s.id(),
                    src.id(),
                    s.id()
                );
                f.what_would_change_this = format!(
                    "A CDC connector for {} (a catalog override of cdc.as_source with your own figures).",
                    kind.name
                );
                let mut sources = Sources::default();
                sources.cite(kind, &kind.cdc.as_source.cite);
                f.sources = sources.into_vec();
                f.location = Location::of(fl.feed.via.span);
                out.push(f);
            }
            // Scheduled flows and measured lags are judged by SW013 when it offers a better flow.
            let handled = plan.flows.iter().any(|p| cx.flow(p.flow).is_some_and(|fl| fl.to == index));
            let Some(lag) = s.lag else { continue };
            let Some(budget) = &s.store.staleness_budget else {
                if !handled {
                    out.extend(self.measured_beyond_readers(cx, index, lag));
                }
                continue;
            };
            let b = budget.value.secs();
            if lag.hi <= b || handled {
                continue;
            }
            let severity = if lag.lo > b { Severity::Medium } else { Severity::Low };
            let verb = if severity == Severity::Medium { "cannot meet" } else { "will at times miss" };
            let decision = Decision::Staleness {
                store: s.id().to_string(),
                lag: Some(Latency(lag)),
                budget_secs: b,
                budget_from: None,
            };
            let mut f = finding(
                self,
                severity,
                decision,
                format!("{}'s flows {verb} its {} staleness budget (typical lag {})", s.id(), secs(b), secs_range(lag)),
            );
            f.subjects.push(s.id().to_string());
            f.evidence.push(Figure::new("staleness budget", secs(b)));
            f.evidence.push(Figure::new("typical lag from the source of truth", secs_range(lag)));
            let sources = hops(cx, index, &mut f);
            f.recommendation = format!(
                "Either feed {} by a faster flow, or agree on a budget of at least {} and write it down; readers of {} see \
                 data older than agreed whenever the flow runs at the slow end.",
                s.id(),
                secs(lag.hi),
                s.id()
            );
            f.what_would_change_this = format!(
                "A measured lag within {} (write it as the flow's `lag: {{ measured, target }}`), or a looser budget agreed \
                 with the store's readers.",
                secs(b)
            );
            f.sources = sources.into_vec();
            f.location = Location::of(budget.span);
            out.push(f);
        }
    }
}

impl StalenessUnmeetable {
    /// A store without a staleness budget whose measured feed lags beyond what its readers need.
    fn measured_beyond_readers(self, cx: &Context<'_>, index: usize, lag: crate::Estimate) -> Option<Finding> {
        let s = cx.store(index)?;
        let measured = cx.feeds_of(index).any(|fl| {
            fl.feed.lag.as_ref().is_some_and(|l| l.value.measured.is_some())
                && !matches!(fl.via(), Via::DualWrite | Via::CacheAside | Via::Invalidation)
        });
        if !measured {
            return None;
        }
        let reader = s
            .items
            .iter()
            .filter_map(|&i| cx.items.get(i))
            .filter(|it| it.reads())
            .min_by(|a, b| a.freshness.secs.total_cmp(&b.freshness.secs))?;
        let need = reader.freshness;
        let severity = match need.from {
            FreshnessFrom::Stated | FreshnessFrom::Budget if lag.lo > need.secs => Severity::Medium,
            FreshnessFrom::Assumed if lag.lo > need.secs.max(ASSUMED_FLOOR_SECS) * ASSUMED_MEDIUM_FACTOR => {
                Severity::Medium
            }
            FreshnessFrom::Assumed if lag.lo > need.secs.max(ASSUMED_FLOOR_SECS) * ASSUMED_LOW_FACTOR => Severity::Low,
            _ => return None,
        };
        let assumed = need.from == FreshnessFrom::Assumed;
        let decision = Decision::Staleness {
            store: s.id().to_string(),
            lag: Some(Latency(lag)),
            budget_secs: need.secs,
            budget_from: Some(need.from),
        };
        let whose = if assumed {
            format!("the {} freshness assumed for {}", secs(need.secs), reader.pattern_id())
        } else {
            format!("the {} freshness {} states", secs(need.secs), reader.id())
        };
        let mut f = finding(
            &self,
            severity,
            decision,
            format!("{} is measured {} behind its source, beyond {whose}", s.id(), secs_range(lag)),
        );
        f.subjects.push(s.id().to_string());
        f.subjects.push(reader.id().to_string());
        f.evidence.push(Figure::new("measured lag from the source of truth", secs_range(lag)));
        super::freshness(cx, reader, &mut f);
        f.sources = hops(cx, index, &mut f).into_vec();
        f.recommendation = format!(
            "Find out why the flow into {} falls behind: a consumer or sink that cannot take the write rate coming in \
             (scale it out, batch its writes, or cut the write amplification of denormalised documents), a backlog after \
             failures, or a repair that re-copies everything. Until it keeps up, readers of {} see data {} old. If they \
             accept that, write it as `staleness_budget:` on {}.",
            s.id(),
            s.id(),
            secs_range(lag),
            s.id()
        );
        f.what_would_change_this = format!(
            "A `staleness_budget` on {} (or a `freshness` on its workloads) the measured lag stays within, or a measured \
             lag within {}.",
            s.id(),
            secs(need.secs)
        );
        f.location = cx
            .feeds_of(index)
            .find_map(|fl| fl.feed.lag.as_ref().and_then(|l| Location::of(l.span)))
            .or_else(|| Location::of(s.store.role.span));
        Some(f)
    }
}

/// Each flow into the store as evidence (`main-db → search (cdc): 100ms..2s`), its upstream store
/// as a subject; the sources of the CDC lags used.
fn hops(cx: &Context<'_>, index: usize, f: &mut Finding) -> Sources {
    let mut sources = Sources::default();
    let to = cx.store(index).map_or("?", crate::context::StoreInfo::id);
    for fl in cx.feeds_of(index) {
        let hop = cx.flow_lag(fl).map_or_else(|| "unknown".to_string(), secs_range);
        let from = fl.from.and_then(|x| cx.store(x));
        let name = from.map_or("the application", crate::context::StoreInfo::id);
        f.evidence.push(Figure::new(format!("{name} → {to} ({})", fl.via().as_str()), hop));
        if fl.via() == Via::Cdc
            && let Some(k) = from.and_then(|x| x.kind)
        {
            sources.cite(k, &k.cdc.as_source.cite);
        }
        f.subjects.push(name.to_string());
    }
    sources
}

//! SW013 lossy flow: a flow that loses changes or lags by its nature — query-based polling, a
//! repair job, a batch job slower than its readers accept — where log-based CDC can replace it.

use workload::Via;

use super::{Rule, finding};
use crate::{
    change::Change,
    context::Context,
    decision::Decision,
    format::{and_list, secs, secs_range},
    options::Choice,
    plan::{FlowProblem, Plan, Table},
    report::{Figure, Finding, Location},
    severity::Severity,
    sources::Sources,
    speak,
};

macro_rules! docs {
    () => {
        r#"Lossy flow: polling, repair jobs and slow batches judged by what they are, with log-based CDC weighed in their place.

# What it checks

- Every `via: polling` flow (query-based extraction, `WHERE updated_at > :last`): it never sees
  hard deletes, collapses the changes between two polls into the last one, and queries the source
  tables on every run, a load that grows with them.
- Every `via: repair_job` flow: a periodic reconciliation that bounds divergence to its interval
  without preventing it, and scans both stores to do so.
- Every `via: batch_etl` flow whose lag (its interval plus its run time, or its measured `lag`)
  exceeds the store's staleness budget or the flow's own `lag.target`, and every one whose
  measured `lag` exceeds twice its `every` whatever the readers accept: each run then takes
  longer than the interval, and the job cannot keep up with the changes it copies.

For each, CDC (when the source offers it and the team has not ruled it out) and a transactional
outbox are weighed; the pick replaces the flow, with an initial snapshot of the store so the new
flow starts from a consistent copy (the backfill a repair job did by brute force). Medium, or low
for a batch job that only misses at the slow end.

# Why

Debezium's "five advantages of log-based CDC": all changes are captured, deletes included, in
order, with low delay and without loading the source with queries. A poller's misses are silent:
nothing fails, the copy simply drifts.

# Example

```yaml
- id: lake
  type: s3
  role: derived
  fed_by: { from: orders-db, via: polling, every: 15m }
```

→ replace the poller by CDC from orders-db's WAL, snapshotting the tables once.

# Instead

Build the CDC flow, snapshot the target from the source once (Debezium's initial snapshot), run
both side by side until they agree, then retire the poller or repair job.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct LossyFlow;

/// The primary a store replicates from, when it is an engine replica.
fn source_of_replica<'c, 'a>(
    cx: &'c Context<'a>,
    store: &crate::context::StoreInfo<'a>,
) -> Option<&'c crate::context::StoreInfo<'a>> {
    let i = cx.store_by_id(store.id())?;
    cx.feeds_of(i).find(|f| f.via() == Via::Replication).and_then(|f| f.from).and_then(|f| cx.store(f))
}

impl Rule for LossyFlow {
    fn code(&self) -> &'static str {
        "SW013"
    }
    fn name(&self) -> &'static str {
        "lossy-flow"
    }
    fn summary(&self) -> &'static str {
        "Polling, repair jobs and slow batches lose changes or lag: log-based CDC is weighed in their place."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (index, fp) in plan.flows.iter().enumerate().filter(|(_, p)| p.problem != FlowProblem::DualWrite) {
            let Some(flow) = cx.flow(fp.flow) else { continue };
            let (Some(reader), Some(target)) = (flow.from.and_then(|s| cx.store(s)), cx.store(flow.to)) else {
                continue;
            };
            // A job reading a replica is replaced by CDC from the replica's primary: the log is
            // the primary's.
            let mut source = reader;
            while let Some(up) = source_of_replica(cx, source) {
                if std::ptr::eq(up, source) {
                    break;
                }
                source = up;
            }
            let pick = fp.chosen().and_then(|c| match c.choice {
                Choice::Flow { via } => Some(via),
                _ => None,
            });
            let decision = Decision::LossyFlow {
                store: target.id().to_string(),
                from: source.id().to_string(),
                via: flow.via(),
                problem: fp.problem,
                pick,
            };
            let lag = cx.flow_lag(flow);
            let (severity, what) = match fp.problem {
                FlowProblem::Polling => (Severity::Medium, "query-based polling".to_string()),
                FlowProblem::RepairJob => (Severity::Medium, "a periodic repair job".to_string()),
                FlowProblem::BatchBehind => {
                    let lag = lag.map_or_else(|| "?".into(), secs_range);
                    (Severity::Medium, format!("a batch job that cannot keep up (lagging {lag})"))
                }
                _ => {
                    let budget = target.store.staleness_budget.as_ref().map(|b| b.value.secs());
                    let low = lag.zip(budget).is_some_and(|(l, b)| l.lo <= b);
                    let lag = lag.map_or_else(|| "?".into(), secs_range);
                    (if low { Severity::Low } else { Severity::Medium }, format!("a batch job lagging {lag}"))
                }
            };
            let mut f =
                finding(self, severity, decision, format!("{} is fed from {} by {what}", target.id(), reader.id()));
            f.subjects = vec![target.id().to_string(), source.id().to_string()];
            f.location = Location::of(flow.feed.via.span);
            f.evidence
                .push(Figure::new("flow", format!("{} → {} ({})", source.id(), target.id(), flow.via().as_str())));
            if let Some(every) = flow.feed.every {
                f.evidence.push(Figure::new("interval", secs(every.secs())));
            }
            if let Some(l) = flow.feed.lag.as_ref().and_then(|l| l.value.measured) {
                f.evidence.push(Figure::new("measured lag", secs(l.secs())));
            }
            if let Some(b) = &target.store.staleness_budget {
                f.evidence.push(Figure::new("staleness budget", secs(b.value.secs())));
            }
            let mut losses = Vec::new();
            let mut sources = Sources::default();
            if let Some(k) = flow.kind {
                if !k.traits.captures_deletes {
                    losses.push("never sees hard deletes");
                }
                if !k.traits.captures_every_change {
                    losses.push("collapses the changes between two runs into the last one");
                }
                if k.traits.loads_source {
                    losses.push("queries the source on every run");
                }
                if !k.traits.replayable {
                    losses.push("cannot replay what it delivered");
                }
                sources.flow(cx.catalog, k);
            }
            if !losses.is_empty() {
                f.evidence.push(Figure::new(format!("what {} does", speak::via_name(flow.via())), and_list(&losses)));
            }
            match pick {
                Some(via) => {
                    let connector = source
                        .kind
                        .and_then(|k| k.cdc.as_source.via.clone())
                        .unwrap_or_else(|| "a CDC connector".into());
                    f.recommendation = format!(
                        "Replace {} from {} to {} by {}{}: every committed change reaches {}, deletes included, in commit order, \
                         without querying {}'s tables. Start with a snapshot of {} from {} (the connector's initial snapshot), run \
                         both side by side until they agree, then retire the old flow. Readers of {} still see data a little behind \
                         {}: reads that must see their own writes stay on {}.",
                        speak::via_name(flow.via()),
                        source.id(),
                        target.id(),
                        speak::via_name(via),
                        if via == Via::Cdc { format!(" ({connector})") } else { String::new() },
                        target.id(),
                        source.id(),
                        target.id(),
                        source.id(),
                        target.id(),
                        source.id(),
                        source.id()
                    );
                    if let Some(k) = source.kind {
                        sources.cite(k, &k.cdc.as_source.cite);
                    }
                    f.changes.push(Change::ChangeFlow {
                        store: target.id().to_string(),
                        from: source.id().to_string(),
                        was: flow.via(),
                        via,
                        was_from: Some(reader.id().to_string()),
                        backfill: true,
                    });
                }
                None => {
                    let why: Vec<String> = fp
                        .options
                        .iter()
                        .filter_map(|c| {
                            speak::why_not(cx.catalog, c).map(|w| format!("{}: {w}", speak::option_name(cx.catalog, c)))
                        })
                        .collect();
                    f.recommendation = format!(
                        "Keep it, knowing what it loses, and reconcile deletes explicitly (soft deletes, or a periodic diff of \
                         keys). No better flow can be built from what the file says: {}.",
                        and_list(&why)
                    );
                }
            }
            f.what_would_change_this = format!(
                "A source without a readable log (then an outbox, or polling with soft deletes), or a team decision recorded \
                 in `ruled_out` with its reason; a measured `lag` within what {}'s readers accept.",
                target.id()
            );
            f.options_of = Some(Table::Flow(index));
            f.sources = sources.into_vec();
            out.push(f);
        }
    }
}

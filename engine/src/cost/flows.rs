//! The interaction constants: what each kind of flow costs to keep running, how often it breaks,
//! how much lag it adds, and how much a new engineer must learn about it.
//!
//! These are storewise's own estimates (the catalog prices stores, not the flows between them),
//! calibrated so that the seed's logistics platform (PostgreSQL → CDC → Kafka → two stream
//! consumers into Redis and ClickHouse) reproduces the seed's table: 2–5 cross-store consistency
//! issues a month, 2–8 hours to diagnose one, 3 weeks to learn the data layer, and an overhead
//! "closer to eight times" one PostgreSQL. `CALIBRATION.md` shows the arithmetic.

use catalog::Category;
use workload::Via;

use crate::estimate::Estimate;

/// What one flow of a given kind costs and risks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowProfile {
    /// The kind of flow.
    pub via: Via,
    /// Hours per month to keep the flow itself running (connector, consumer, relay, job).
    pub upkeep_hours: f64,
    /// How the upkeep splits over the five categories (fractions summing to 1).
    pub upkeep_split: [(Category, f64); 3],
    /// Cross-store consistency issues per month this flow causes (a range).
    pub issues_per_month: Estimate,
    /// Weeks a new engineer needs to understand how this flow works and fails.
    pub onboarding_weeks: f64,
    /// Typical lag it adds, in seconds; `None` when it comes from elsewhere (CDC: the source's
    /// catalog entry; batch ETL: its `every`).
    pub lag_secs: Option<Estimate>,
    /// Why these figures.
    pub reasoning: &'static str,
}

const RUN: [(Category, f64); 3] =
    [(Category::Deployment, 1.0 / 3.0), (Category::Monitoring, 1.0 / 3.0), (Category::Consistency, 1.0 / 3.0)];
const REPAIR: [(Category, f64); 3] =
    [(Category::Consistency, 1.0), (Category::Deployment, 0.0), (Category::Monitoring, 0.0)];

/// CDC: a Debezium connector reading the source's log (WAL, binlog, oplog).
pub const CDC: FlowProfile = FlowProfile {
    via: Via::Cdc,
    upkeep_hours: 6.0,
    upkeep_split: RUN,
    issues_per_month: Estimate { lo: 0.5, hi: 1.5 },
    onboarding_weeks: 0.25,
    lag_secs: None,
    reasoning: "Estimate: a Kafka Connect/Debezium runtime to deploy and upgrade (~1.5 h), replication-slot \
                and connector-lag alerts to watch (~2 h: an inactive slot retains WAL until the disk fills), \
                schema changes to roll through the connector (~1.5 h) and a re-snapshot runbook drilled \
                once a quarter (~1 h a month). Breaks about once a month: a connector restart that \
                re-snapshots, a schema change the sink rejects, a slot dropped after failover.",
};

/// A consumer of a stream or queue writing a derived store.
pub const STREAM: FlowProfile = FlowProfile {
    via: Via::Stream,
    upkeep_hours: 3.0,
    upkeep_split: RUN,
    issues_per_month: Estimate { lo: 0.75, hi: 1.75 },
    onboarding_weeks: 0.125,
    lag_secs: Some(Estimate { lo: 0.05, hi: 1.0 }),
    reasoning: "Estimate: one consumer service to deploy with the application (~1 h), consumer-lag alerting \
                (~1 h), offset resets and poison-message handling (~1 h). Breaks a little more often than \
                the connector feeding it, because it is application code: a deploy with a mapping bug, \
                duplicates after a rebalance, events applied out of order. Lag: consumer lag of 50 ms to \
                1 s when healthy.",
};

/// A transactional outbox table relayed by a poller or by CDC.
pub const OUTBOX: FlowProfile = FlowProfile {
    via: Via::Outbox,
    upkeep_hours: 3.0,
    upkeep_split: RUN,
    issues_per_month: Estimate { lo: 0.25, hi: 1.0 },
    onboarding_weeks: 0.125,
    lag_secs: Some(Estimate { lo: 0.1, hi: 5.0 }),
    reasoning: "Estimate: a relay process to run and watch (~2 h) and an outbox table to prune and vacuum \
                (~1 h). The event is written in the business transaction, so nothing is lost; what breaks \
                is redelivery (at-least-once) to a consumer that is not idempotent. Lag: the relay's poll \
                interval, 100 ms to 5 s.",
};

/// Periodic batch extract-transform-load.
pub const BATCH_ETL: FlowProfile = FlowProfile {
    via: Via::BatchEtl,
    upkeep_hours: 2.0,
    upkeep_split: RUN,
    issues_per_month: Estimate { lo: 0.5, hi: 1.5 },
    onboarding_weeks: 0.1,
    lag_secs: None,
    reasoning: "Estimate: a scheduled job to rerun when it fails and to adapt when the schema changes \
                (~2 h). Breaks about once a month: a partial load, a late run, a column added upstream. \
                Lag: up to its interval (`every`, one day when not stated).",
};

/// The application writing two stores itself.
pub const DUAL_WRITE: FlowProfile = FlowProfile {
    via: Via::DualWrite,
    upkeep_hours: 8.0,
    upkeep_split: REPAIR,
    issues_per_month: Estimate { lo: 1.5, hi: 4.0 },
    onboarding_weeks: 0.125,
    lag_secs: Some(Estimate { lo: 0.0, hi: 0.0 }),
    reasoning: "Estimate: the highest of all flows. Nothing replays a lost write, so teams end up running a \
                reconciliation job that diffs the stores and repairs them (~4 h), repairing by hand what it \
                finds (~2 h) and maintaining retry and compensation code in every write path (~2 h). Every \
                partial failure is a silent divergence: 1.5 to 4 a month is two to three times a CDC \
                connector's rate. Lag: none, when both writes succeed.",
};

/// All five profiles.
pub const FLOW_PROFILES: [FlowProfile; 5] = [CDC, STREAM, OUTBOX, BATCH_ETL, DUAL_WRITE];

/// Hours per month for each pair of stores holding the same data (in one lineage): schema changes
/// rolled through every copy and tested together, reconciliation spot checks, the same data
/// governed (access, retention, deletion requests) in two places.
///
/// Estimate: about 2 h a pair a month. With `n` stores sharing data there are `n(n−1)/2` pairs,
/// which makes the overhead superlinear: 4 stores have 6 pairs, 12 h a month.
pub const SHARED_DATA_HOURS_PER_PAIR: f64 = 2.0;

/// Hours to diagnose one cross-store inconsistency, per store in the lineage it happens in.
///
/// Estimate calibrated on the seed's "2–8 hours" for four stores: the seed says debugging requires
/// understanding every store's consistency model, so the time grows with the number of stores
/// the data passes through, half an hour to two hours each.
pub const DIAGNOSIS_HOURS_PER_STORE: Estimate = Estimate { lo: 0.5, hi: 2.0 };

/// The lag assumed for batch ETL when the file gives no `every`: one day (a nightly job).
pub const DEFAULT_BATCH_EVERY_SECS: f64 = 86_400.0;

/// The profile of a flow kind.
pub fn profile(via: Via) -> &'static FlowProfile {
    match via {
        Via::Cdc => &CDC,
        Via::Stream => &STREAM,
        Via::Outbox => &OUTBOX,
        Via::BatchEtl => &BATCH_ETL,
        Via::DualWrite => &DUAL_WRITE,
    }
}

/// A stable index for counting flows by kind.
pub(crate) fn via_index(via: Via) -> usize {
    match via {
        Via::Cdc => 0,
        Via::Stream => 1,
        Via::Outbox => 2,
        Via::BatchEtl => 3,
        Via::DualWrite => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sum_to_one_and_dual_writes_cost_most() {
        for p in FLOW_PROFILES {
            let sum: f64 = p.upkeep_split.iter().map(|(_, f)| f).sum();
            assert!((sum - 1.0).abs() < 1e-9, "{:?}", p.via);
            assert_eq!(profile(p.via).via, p.via);
            assert!(p.upkeep_hours <= DUAL_WRITE.upkeep_hours);
            assert!(p.issues_per_month.hi <= DUAL_WRITE.issues_per_month.hi);
        }
    }
}

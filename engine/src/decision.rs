//! What each finding decided, as data: the subject, the figures, the pick. The words of a finding
//! (`title`, `recommendation`, `what_would_change_this`) are rendered from this by `speak`; no
//! decision ever reads them.

use serde::Serialize;
use workload::Via;

use crate::{
    context::FreshnessFrom,
    plan::{FlowProblem, ProposalVerdict, Trigger},
    report::Latency,
};

/// A finding's decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// SW001: the application writes two stores with no transaction spanning them.
    DualWrite {
        /// The source of truth.
        source: String,
        /// The store also written.
        target: String,
        /// The fix picked: fold the store away, or feed it by CDC or an outbox.
        fix: Fix,
    },
    /// SW002 / SW003: a workload misses a measured target; the option picked.
    Bottleneck {
        /// The workload.
        workload: String,
        /// Its store.
        store: String,
        /// The pick's phrase key (`materialized_view`, `clickhouse`), when an option reaches.
        pick: Option<String>,
    },
    /// SW004: the verdict on a proposal.
    Proposal {
        /// Its index in `proposals`.
        index: usize,
        /// What it asks (`add elasticsearch`, `remove sessions`).
        ask: String,
        /// The verdict.
        verdict: ProposalVerdict,
    },
    /// SW005 / SW006: a store can (or might) fold into another.
    Consolidate {
        /// The store folded away.
        store: String,
        /// The store taking over.
        into: String,
        /// Why it is on the table.
        trigger: Trigger,
        /// Figures to state before deciding (empty when decided).
        missing: Vec<String>,
    },
    /// SW007: the flows feeding a store lag more than it accepts.
    Staleness {
        /// The store.
        store: String,
        /// The lag of its feed.
        lag: Option<Latency>,
        /// What it accepts, seconds.
        budget_secs: f64,
        /// Where that figure comes from, when the store states no budget: its readers' stated
        /// `freshness`, or the catalog's assumption for their access pattern.
        #[serde(skip_serializing_if = "Option::is_none")]
        budget_from: Option<FreshnessFrom>,
    },
    /// SW008: a derived store states no staleness budget.
    StalenessMissing {
        /// The store.
        store: String,
        /// The lag its flows give, when known.
        lag: Option<Latency>,
    },
    /// SW009: the sources of truth are missing, several, or a store traces to none.
    SourceOfTruth {
        /// The stores concerned.
        stores: Vec<String>,
    },
    /// SW010: a store graded weak for a workload with nothing measured.
    PoorFit {
        /// The workload.
        workload: String,
        /// Its store.
        store: String,
    },
    /// SW011: an asynchronous feed delivers at least once.
    AtLeastOnce {
        /// The store fed.
        store: String,
        /// How.
        via: Via,
    },
    /// SW012: a store crosses a measured limit within the horizon; the scaling step picked.
    Saturation {
        /// The store.
        store: String,
        /// The resource (`cpu`, `storage`, ...; `maintenance` for measured stalls).
        resource: String,
        /// Its level now, as a fraction of the limit.
        level: f64,
        /// Months until the limit (0: over it).
        months: f64,
        /// Its level at the horizon, as a fraction of the limit.
        at_horizon: f64,
        /// The pick's phrase key, when an option holds.
        pick: Option<String>,
    },
    /// SW013: a flow that loses changes or lags (polling, repair jobs, slow batches).
    LossyFlow {
        /// The store fed.
        store: String,
        /// Where from.
        from: String,
        /// How today.
        via: Via,
        /// What is wrong with it.
        problem: FlowProblem,
        /// The flow kind picked instead, when one can be built.
        pick: Option<Via>,
    },
    /// SW014: a workload must read its own writes but is served from an asynchronous copy.
    ReadYourWrites {
        /// The workload.
        workload: String,
        /// The store serving it.
        store: String,
        /// The lag of its feed.
        lag: Option<Latency>,
    },
    /// SW015: a cache that holds too little of what is read.
    Cache {
        /// The cache.
        store: String,
        /// Its hit rate, when stated.
        hit_rate: Option<f64>,
        /// Working set ÷ capacity, when both are stated.
        working_set_ratio: Option<f64>,
    },
    /// SW016: a store a recommendation adds would serve another derived store's workloads better.
    Absorb {
        /// The store folded into the new one.
        store: String,
        /// The new store.
        into: String,
    },
}

/// How a dual write is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// The source of truth serves what the second store serves: remove it.
    Fold,
    /// Derive it from the source's log.
    Cdc,
    /// Write an event in the same transaction and relay it.
    Outbox,
    /// No fix can be built from what the file says.
    None,
}

/// A figure the engine assumed because the file does not state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    /// What is assumed (`freshness of fleet-report`).
    pub what: String,
    /// The figure (`15m`).
    pub value: String,
    /// Why (the catalog's reasoning).
    pub why: String,
    /// The field to write to replace it (`workloads[0].freshness`).
    pub state: String,
}

//! The options table: every way to meet a need (in-store remedies, scaling the engine, another
//! store the architecture runs, a new store), each judged with its reasons as data, and the pick
//! by one stated rule. Findings carry the table; renderers turn it into sentences.

use std::fmt;

use catalog::{
    Grade,
    model::{Address, WriteKind},
    units::{Bytes, Count, Rate},
};
use serde::{Serialize, Serializer};
use workload::Via;

use crate::{estimate::Estimate, report::Latency};

/// One figure of a scale: a data size, an item count or a rate (in JSON, as written: `600GB`,
/// `10G items`, `50/s`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// Bytes of data.
    Data(Bytes),
    /// Items (rows, documents, vectors).
    Items(Count),
    /// Operations per unit of time.
    Rate(Rate),
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Data(b) => b.fmt(f),
            Amount::Items(c) => write!(f, "{c} items"),
            Amount::Rate(r) => r.fmt(f),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What an option is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    /// An in-store remedy of the store serving the workload.
    Remedy {
        /// The store.
        store: String,
        /// The catalog remedy id.
        remedy: String,
    },
    /// Scaling the engine the store runs: replicas, a larger instance, partitioning, sharding.
    Scale {
        /// The store.
        store: String,
        /// The catalog remedy id.
        remedy: String,
        /// Replicas, shards or databases it takes.
        #[serde(skip_serializing_if = "Option::is_none")]
        units: Option<u32>,
    },
    /// Serving the workload from another store the architecture already runs.
    Existing {
        /// The store.
        store: String,
    },
    /// Adding a store of a catalog type.
    NewStore {
        /// The catalog type.
        store_type: String,
    },
    /// Folding a store into another that can serve what it serves.
    Fold {
        /// The store folded away.
        store: String,
        /// The store taking over.
        into: String,
    },
    /// Feeding a store by a flow of this kind.
    Flow {
        /// The flow kind.
        via: Via,
    },
}

impl Choice {
    /// The rung of the decision rule's ladder: change nothing structural first (a remedy), then
    /// reuse a store already run, then scale the engine already run, then add a store.
    pub fn rung(&self) -> u8 {
        match self {
            Choice::Remedy { .. } | Choice::Flow { .. } => 0,
            Choice::Fold { .. } | Choice::Existing { .. } => 1,
            Choice::Scale { .. } => 2,
            Choice::NewStore { .. } => 3,
        }
    }
}

/// How an option came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The pick.
    Chosen,
    /// It would work, but the pick ranks above it (see its `lost` reason).
    Viable,
    /// It does not meet the need.
    Rejected,
    /// A figure needed to judge it is missing.
    Unknown,
}

impl Verdict {
    /// The worse of two verdicts (rejected over unknown over viable).
    pub(crate) fn max_severity(self, other: Verdict) -> Verdict {
        let rank = |v: Verdict| match v {
            Verdict::Chosen | Verdict::Viable => 0,
            Verdict::Unknown => 1,
            Verdict::Rejected => 2,
        };
        if rank(self) >= rank(other) { self } else { other }
    }
}

/// Which key of the stated rule separated the pick from a viable option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// An earlier rung: in-store remedy, then a store already run, then scaling, then a new store.
    Rung,
    /// Its whole latency range reaches the target; the other's only its optimistic end.
    FullReach,
    /// A better catalog grade for the pattern.
    Grade,
    /// Fewer operations hours added per month.
    Hours,
    /// Less infrastructure spend added.
    Cost,
    /// Earlier in the catalog (nothing else separates them).
    Order,
    /// The new store is added anyway for another workload: one new store serves both.
    Shared,
}

/// What is missing to feed a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum FeedGap {
    /// The source offers no log-based change capture.
    NoCdcSource {
        /// The source store.
        store: String,
    },
    /// The store cannot apply a stream of changes (no sink connector).
    NoSink,
    /// The source cannot commit a write and an outbox record in one transaction.
    NoOutbox {
        /// The source store.
        store: String,
    },
}

/// One reason an option won, lost, or cannot be judged: the figures, not the words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The workload is at `share` of the scale the catalog's latency range is given for, so the
    /// range judged is nearer its low end than `given` (see the latency reason that follows).
    AtScale {
        /// The workload's share of the scale, 0..1 (its largest stated dimension's).
        share: f64,
        /// The range as the catalog gives it, at that scale.
        given: Latency,
    },
    /// Its whole latency range is within the target.
    Reaches {
        /// The latency it gives.
        range: Latency,
        /// The target, seconds.
        target_secs: f64,
    },
    /// Only its optimistic end is within the target.
    OptimisticOnly {
        /// The latency it gives.
        range: Latency,
        /// The target, seconds.
        target_secs: f64,
    },
    /// Its latency misses the target.
    Misses {
        /// The latency it gives.
        range: Latency,
        /// The target, seconds.
        target_secs: f64,
    },
    /// The catalog grades it so for the pattern, up to this scale (`None`: for every workload
    /// a fold serves).
    Graded {
        /// The grade.
        grade: Grade,
        /// The scale it holds to.
        up_to: Option<catalog::model::Scale>,
    },
    /// A catalog grade below what the need takes.
    WeakGrade {
        /// The grade.
        grade: Grade,
    },
    /// The workload is beyond the scale the grade or remedy holds to (per node or shard).
    BeyondScale {
        /// The workload's figure (`600GB`).
        load: Amount,
        /// The limit (`500GB`).
        limit: Amount,
    },
    /// A figure the scale check needs is not stated.
    ScaleUnknown {
        /// The figure to state (`items`, `data_size`, `rate`).
        figure: String,
    },
    /// It speeds up selective access only; a scan of a large share of the data stays a scan.
    SelectiveOnly,
    /// It does not relieve what is short.
    DoesNotAddress {
        /// What is short.
        need: Address,
    },
    /// Its data is at least this stale, more than the workload accepts.
    TooStale {
        /// Its refresh or lag, seconds.
        refresh_secs: f64,
        /// The freshness needed, seconds.
        freshness_secs: f64,
    },
    /// Its refresh or lag is within the freshness needed.
    FreshEnough {
        /// Its refresh or lag, seconds.
        refresh_secs: f64,
        /// The freshness needed, seconds.
        freshness_secs: f64,
    },
    /// It can be fed from the source of truth this way.
    Fed {
        /// How.
        via: Via,
        /// Through this pipeline, when one is already run.
        #[serde(skip_serializing_if = "Option::is_none")]
        through: Option<String>,
    },
    /// It cannot be fed from the source of truth.
    CannotBeFed(FeedGap),
    /// It takes the writes that would feed it badly.
    WritePattern {
        /// The kind of write.
        write: WriteKind,
        /// The catalog grade for it.
        grade: Grade,
    },
    /// The catalog lists the use among what it is not good for.
    NotGoodFor {
        /// The catalog's words.
        what: String,
    },
    /// Listed in the workload's `tried`.
    Tried,
    /// Listed in the store's `remedies_in_place`.
    InPlace,
    /// It serves precomputed results, and the workload's queries are ad hoc.
    AdHoc,
    /// Not offered by the managed service the store runs on (an extension RDS does not ship).
    NotOnManaged,
    /// The team ruled it out.
    RuledOut {
        /// The team's reason.
        reason: String,
    },
    /// After it, the load stays under the limit to the horizon.
    Holds {
        /// Utilization of the limit at the horizon after the change (0.8 = 80 % of the limit).
        utilization: f64,
        /// The planning horizon, months.
        horizon_months: f64,
    },
    /// It relieves what is short directly (pooling for connections, partitioning for vacuum).
    Relieves {
        /// What it relieves.
        need: Address,
    },
    /// After it, the load still crosses the limit within the horizon.
    Short {
        /// Utilization of the limit at the horizon after the change.
        utilization: f64,
        /// Months until the limit is crossed after it (0: at once).
        months: f64,
    },
    /// Capacity it adds is limited to this many units.
    MaxUnits {
        /// The most replicas, shards or databases.
        max: u32,
    },
    /// The workload reads across the whole data set, and the target is sharded by the
    /// application: every shard answers for its own keys only, and nothing joins them.
    SpansShards {
        /// The target's shards.
        shards: u32,
    },
    /// The new store is added anyway, for this workload's bottleneck (its own finding): taking the
    /// slice too adds no store.
    AddedAnyway {
        /// The workload it is added for.
        workload: String,
    },
    /// A reason about one of the several workloads an option would take (the slice of a
    /// saturated store that moves to a new store): which workload it is about.
    For {
        /// The workload's id.
        workload: String,
        /// The reason.
        reason: Box<Reason>,
    },
    /// A figure needed to judge it is not stated.
    Unknown {
        /// What to state.
        figure: String,
    },
    /// It needs a read share the workloads do not have: most of the load is writes.
    ReadShare {
        /// The share of the load that is reads (0..1).
        share: f64,
    },
    /// Workloads that must read their own writes cannot move to an asynchronous copy.
    ReadYourWrites {
        /// The workloads.
        workloads: Vec<String>,
    },
    /// Lookups by a secondary attribute go to every shard.
    ScatterGather {
        /// Their share of the load (0..1).
        share: f64,
    },
    /// It would carry more than its limits with the added load.
    Overloaded {
        /// Utilization of the limit with the load added.
        utilization: f64,
    },
    /// A proposal in the file names it.
    Proposed,
    /// The pick ranks above it by the stated rule.
    Lost {
        /// The option that won, as a phrase key (`materialized_view`, `clickhouse`).
        to: String,
        /// The rule's first key that separates them.
        by: TieBreak,
    },
}

/// One option weighed, with what it would give and cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Considered {
    /// The option.
    pub choice: Choice,
    /// How it came out.
    pub verdict: Verdict,
    /// Latency it would give the workload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency: Option<Latency>,
    /// The catalog grade it reaches for the pattern.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// Operations hours per month it adds (negative: it saves).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_hours: Option<f64>,
    /// Infrastructure USD per month it adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_usd: Option<Estimate>,
    /// Its whole latency range reaches the target (or the load stays under its limit).
    pub full_reach: bool,
    /// How much of its latency range reaches the target, on a log scale: 1 for all of it, 0 when
    /// only its optimistic end touches it.
    pub reach: f64,
    /// The reasons, for and against.
    pub reasons: Vec<Reason>,
    /// The option in words (`a new ClickHouse`), rendered from `choice` by
    /// [`crate::Report::speak`] at the edge; empty until then.
    pub label: String,
    /// Each reason in words, in the order of `reasons`; empty until [`crate::Report::speak`].
    pub why: Vec<String>,
}

impl Reason {
    /// Whether it judges the option against one workload's pattern and figures (its grade,
    /// scale, latency, freshness), rather than the option as a whole (how it is fed, the load
    /// left at the horizon).
    pub(crate) fn about_workload(&self) -> bool {
        matches!(
            self,
            Reason::AtScale { .. }
                | Reason::Reaches { .. }
                | Reason::OptimisticOnly { .. }
                | Reason::Misses { .. }
                | Reason::Graded { .. }
                | Reason::WeakGrade { .. }
                | Reason::BeyondScale { .. }
                | Reason::ScaleUnknown { .. }
                | Reason::SelectiveOnly
                | Reason::TooStale { .. }
                | Reason::FreshEnough { .. }
                | Reason::WritePattern { .. }
                | Reason::NotGoodFor { .. }
                | Reason::AdHoc
                | Reason::SpansShards { .. }
        )
    }

    /// The reason itself, without the workload [`Reason::For`] names.
    pub fn inner(&self) -> &Reason {
        match self {
            Reason::For { reason, .. } => reason.inner(),
            r => r,
        }
    }
}

impl Considered {
    /// A new option, not yet judged.
    pub(crate) fn new(choice: Choice) -> Self {
        Considered {
            choice,
            verdict: Verdict::Viable,
            latency: None,
            grade: None,
            added_hours: None,
            added_usd: None,
            full_reach: false,
            reach: 0.0,
            reasons: Vec::new(),
            label: String::new(),
            why: Vec::new(),
        }
    }

    /// Rejects it for a reason.
    pub(crate) fn reject(&mut self, reason: Reason) {
        self.verdict = Verdict::Rejected;
        self.reasons.push(reason);
    }

    /// Marks it unknown for a missing figure (a rejection for another reason stands).
    pub(crate) fn unknown(&mut self, reason: Reason) {
        if self.verdict != Verdict::Rejected {
            self.verdict = Verdict::Unknown;
        }
        self.reasons.push(reason);
    }

    /// A reason in its favour.
    pub(crate) fn because(&mut self, reason: Reason) {
        self.reasons.push(reason);
    }

    /// Still in the running.
    pub fn viable(&self) -> bool {
        matches!(self.verdict, Verdict::Viable | Verdict::Chosen)
    }

    /// The phrase key naming it (`materialized_view`, `clickhouse`, `main-db`).
    pub fn key(&self) -> String {
        match &self.choice {
            Choice::Remedy { remedy, .. } | Choice::Scale { remedy, .. } => remedy.clone(),
            Choice::Existing { store } | Choice::Fold { into: store, .. } => store.clone(),
            Choice::NewStore { store_type } => store_type.clone(),
            Choice::Flow { via } => via.as_str().to_string(),
        }
    }
}

/// Picks among the viable options by the stated rule, marks the pick `Chosen` and gives every
/// other viable option the reason it lost. Returns the pick's index.
///
/// The rule, in order: the whole latency range reaching the target (or the load staying under
/// its limit to the horizon), else how much of it does; the earlier rung (an in-store remedy or flow, then a store already
/// run, then scaling the engine, then a new store); the better grade; fewer operations hours
/// added; less spend added; catalog order.
pub(crate) fn pick(options: &mut [Considered]) -> Option<usize> {
    // Reach in quarters: options whose ranges reach the target about as well tie on it.
    let key = |c: &Considered| {
        (
            if c.full_reach { 0 } else { 4 - (c.reach * 4.0).floor().clamp(0.0, 3.0) as u8 },
            c.choice.rung(),
            std::cmp::Reverse(c.grade),
            c.added_hours.unwrap_or(0.0),
            c.added_usd.map_or(0.0, Estimate::mid),
        )
    };
    let mut best: Option<usize> = None;
    for (i, c) in options.iter().enumerate() {
        if !c.viable() {
            continue;
        }
        let better = best.and_then(|b| options.get(b)).is_none_or(|b| {
            let (ka, kb) = (key(c), key(b));
            ka.0.cmp(&kb.0)
                .then(ka.1.cmp(&kb.1))
                .then(ka.2.cmp(&kb.2))
                .then(ka.3.total_cmp(&kb.3))
                .then(ka.4.total_cmp(&kb.4))
                .is_lt()
        });
        if better {
            best = Some(i);
        }
    }
    let chosen = best?;
    let winner = options.get(chosen).map(|w| (w.key(), key(w)))?;
    for (i, c) in options.iter_mut().enumerate() {
        if i == chosen {
            c.verdict = Verdict::Chosen;
        } else if c.viable() {
            let k = key(c);
            let w = &winner.1;
            let by = if k.0 != w.0 {
                TieBreak::FullReach
            } else if k.1 != w.1 {
                TieBreak::Rung
            } else if k.2 != w.2 {
                TieBreak::Grade
            } else if k.3 != w.3 {
                TieBreak::Hours
            } else if k.4 != w.4 {
                TieBreak::Cost
            } else {
                TieBreak::Order
            };
            c.reasons.push(Reason::Lost { to: winner.0.clone(), by });
        }
    }
    Some(chosen)
}

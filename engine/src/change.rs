//! `Change`: what a recommendation does to the architecture. The recommended architecture is the
//! current one with every finding's changes applied (`cost::Arch::apply`), so the costs of the
//! findings and of the recommended architecture come from one computation.

use serde::Serialize;
use workload::Via;

/// One change to the architecture that a finding recommends.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Feed a store another way (a dual write, a poller or a batch job replaced by CDC).
    ChangeFlow {
        /// The store fed.
        store: String,
        /// The store the data comes from after the change.
        from: String,
        /// How it flowed.
        was: Via,
        /// How it flows after the change.
        via: Via,
        /// The flow the data came by before, when it came from another store (`from` before).
        #[serde(skip_serializing_if = "Option::is_none")]
        was_from: Option<String>,
        /// The new flow needs an initial snapshot or backfill of the store (CDC replacing a
        /// poller or a repair job starts from a consistent copy).
        backfill: bool,
    },
    /// Use an in-store remedy, or scale the engine (replicas, a larger instance, shards).
    ApplyRemedy {
        /// The store.
        store: String,
        /// The catalog remedy id.
        remedy: String,
        /// Ops hours per month it adds.
        added_hours: f64,
        /// Replicas, shards or databases it takes, for capacity remedies.
        #[serde(skip_serializing_if = "Option::is_none")]
        units: Option<u32>,
        /// The workloads it is for (empty: the whole store).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        for_workloads: Vec<String>,
    },
    /// Add a derived store.
    AddStore {
        /// The new store's id.
        id: String,
        /// Its catalog type.
        store_type: String,
        /// The store it is fed from.
        from: String,
        /// How.
        via: Via,
        /// The workloads moved to it.
        for_workloads: Vec<String>,
        /// The data it will hold, in bytes, when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        size_bytes: Option<f64>,
    },
    /// Move a workload to a store the architecture already runs.
    MoveWorkload {
        /// The workload.
        workload: String,
        /// From this store.
        from: String,
        /// To this one.
        to: String,
    },
    /// Remove a store and serve its workloads from another.
    RemoveStore {
        /// The store removed.
        store: String,
        /// The store that takes over its workloads.
        into: String,
        /// The remedies that make it possible (catalog ids), with the hours they add.
        remedies: Vec<(String, f64)>,
        /// Data moved into `into`, in bytes (only when the removed store held data of its own).
        #[serde(skip_serializing_if = "Option::is_none")]
        moved_bytes: Option<f64>,
    },
    /// Replace a store by one of another type, which takes over its role, data and workloads.
    ReplaceStore {
        /// The store replaced.
        store: String,
        /// The catalog type replacing it.
        store_type: String,
    },
}

impl Change {
    /// The store this change is mainly about.
    pub fn store(&self) -> &str {
        match self {
            Change::ChangeFlow { store, .. }
            | Change::ApplyRemedy { store, .. }
            | Change::RemoveStore { store, .. }
            | Change::ReplaceStore { store, .. } => store,
            Change::AddStore { id, .. } => id,
            Change::MoveWorkload { to, .. } => to,
        }
    }

    /// The order changes are applied in: flows, remedies, additions and moves, removals.
    pub(crate) fn rank(&self) -> u8 {
        match self {
            Change::ChangeFlow { .. } => 0,
            Change::ApplyRemedy { .. } => 1,
            Change::AddStore { .. } | Change::MoveWorkload { .. } | Change::ReplaceStore { .. } => 2,
            Change::RemoveStore { .. } => 3,
        }
    }
}

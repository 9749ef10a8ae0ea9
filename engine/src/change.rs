//! `Change`: what a recommendation does to the architecture, applied to cost the recommended one.

use serde::Serialize;
use workload::Via;

/// One change to the architecture that a finding recommends.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Replace the application's dual writes from `source` by flows derived from its log.
    ReplaceDualWrites {
        /// The store the application keeps writing.
        source: String,
        /// The stores it stops writing.
        targets: Vec<String>,
        /// How the first hop flows (`cdc`, or `outbox` when the source has no CDC).
        via: Via,
        /// A pipeline among the targets that the others then consume from (`stream`).
        through: Option<String>,
    },
    /// Use an in-store remedy.
    ApplyRemedy {
        /// The store.
        store: String,
        /// The catalog remedy id.
        remedy: String,
        /// Ops hours per month it adds.
        added_hours: f64,
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
        moved_bytes: Option<f64>,
    },
}

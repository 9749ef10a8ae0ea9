//! Local cost deltas for one recommendation: its own store hours plus the change in its
//! lineage's interaction cost, computed without rebuilding the architecture (linear overall).

use catalog::{StoreType, units::Bytes};
use workload::Via;

use super::{LineageCost, store_hours};
use crate::context::Context;

/// Hours per month gained (negative = saved) by replacing `dual` dual writes from `source` with
/// `via` (through a pipeline among the targets when `through`, the others then fed by `stream`).
pub(crate) fn replace_dual_writes(cx: &Context<'_>, source: usize, dual: usize, via: Via, through: bool) -> f64 {
    let lineage = cx.lineage_of(source);
    let before = LineageCost::of(lineage.stores, &lineage.counts).total();
    let mut counts = lineage.counts;
    counts.remove(Via::DualWrite, dual);
    if through && dual > 0 {
        counts.add(via, 1);
        counts.add(Via::Stream, dual - 1);
    } else {
        counts.add(via, dual);
    }
    LineageCost::of(lineage.stores, &counts).total() - before
}

/// Hours per month added by a new store of `kind` holding `size`, fed from `from` by `via`.
pub(crate) fn add_store(cx: &Context<'_>, from: usize, via: Via, kind: &StoreType, size: Option<Bytes>) -> f64 {
    let lineage = cx.lineage_of(from);
    let before = LineageCost::of(lineage.stores, &lineage.counts).total();
    let mut counts = lineage.counts;
    counts.add(via, 1);
    let after = LineageCost::of(lineage.stores + 1, &counts).total();
    store_hours(kind, size).total() + after - before
}

/// Hours per month saved (negative) by removing `store` (its consumers re-fed from its
/// upstream), plus `added` hours of remedies on the store taking over.
pub(crate) fn remove_store(cx: &Context<'_>, store: usize, added: f64) -> f64 {
    let Some(info) = cx.store(store) else { return 0.0 };
    let own = info.kind.map_or(0.0, |k| store_hours(k, info.store.size).total());
    let lineage = cx.lineage_of(store);
    let before = LineageCost::of(lineage.stores, &lineage.counts).total();
    let mut counts = lineage.counts;
    for f in &info.feeds {
        counts.remove(f.via(), 1);
    }
    let after = LineageCost::of(lineage.stores.saturating_sub(1), &counts).total();
    -own + (after - before) + added
}

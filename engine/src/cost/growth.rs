//! How overhead grows with the number of stores: the cost model's superlinear curve beside the
//! linear reference, carried in the report so every chart draws the same figures.

use std::collections::HashSet;

use catalog::Catalog;
use serde::Serialize;
use workload::{Role, Via};

use super::{LineageCost, Overhead, ViaCounts};
use crate::report::Architectures;

/// One number of stores on the curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GrowthPoint {
    /// Stores in the architecture.
    pub stores: usize,
    /// Ops hours per month the cost model predicts: the source of truth, `stores − 1` further
    /// stores, and the interactions of one lineage (a CDC flow, then streams).
    pub model_hours: f64,
    /// The linear reference: `stores` × the source of truth alone.
    pub linear_hours: f64,
}

/// The growth curve of a report's architecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Growth {
    /// Hours per month of the primary source of truth alone (the report's baseline).
    pub single_hours: f64,
    /// Hours per month of each further store: the mean of the report's other stores.
    pub per_store_hours: f64,
    /// From 1 store up to two more than the larger architecture (at least 8).
    pub points: Vec<GrowthPoint>,
}

/// The curve: each further store costs the mean hours of the architecture's stores other than
/// the primary source of truth (the one whose hours are closest to the baseline); the stores
/// form one lineage, fed by CDC from the source and by streams after it, the pattern the rules
/// recommend. S1 lies on its curve: 4 stores, about 8× one PostgreSQL.
pub(crate) fn curve(
    catalog: &Catalog,
    current: &Overhead,
    recommended: &Overhead,
    arch: &Architectures,
    up_to: usize,
) -> Growth {
    let sot: HashSet<&str> = arch
        .current
        .stores
        .iter()
        .chain(&arch.recommended.stores)
        .filter(|s| s.role == Role::SourceOfTruth)
        .map(|s| s.id.as_str())
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let stores: Vec<(&str, f64)> = current
        .by_store
        .iter()
        .chain(&recommended.by_store)
        .filter(|s| seen.insert(s.id.as_str()))
        .map(|s| (s.id.as_str(), s.total))
        .collect();
    let mean =
        |v: &[(&str, f64)]| if v.is_empty() { 0.0 } else { v.iter().map(|(_, h)| h).sum::<f64>() / v.len() as f64 };
    let single = if current.single_hours_per_month > 0.0 { current.single_hours_per_month } else { mean(&stores) };
    let primary = stores
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| sot.contains(id))
        .min_by(|(_, a), (_, b)| (a.1 - single).abs().total_cmp(&(b.1 - single).abs()))
        .map(|(i, _)| i);
    let others: Vec<(&str, f64)> =
        stores.iter().enumerate().filter(|(i, _)| Some(*i) != primary).map(|(_, s)| *s).collect();
    let per_store = if others.is_empty() { single } else { mean(&others) };
    // One lineage: a CDC flow from the source, then streams.
    let mut flows = ViaCounts::default();
    let points = (1..=up_to.max(2))
        .map(|n| {
            if n >= 2 {
                flows.add(if n == 2 { Via::Cdc } else { Via::Stream }, 1);
            }
            GrowthPoint {
                stores: n,
                model_hours: crate::estimate::round2(
                    single + (n - 1) as f64 * per_store + LineageCost::of(catalog, n, &flows).total(),
                ),
                linear_hours: crate::estimate::round2(n as f64 * single),
            }
        })
        .collect();
    Growth { single_hours: single, per_store_hours: crate::estimate::round2(per_store), points }
}

//! How full a store is: the resources the team measured against their limits (CPU, memory,
//! IOPS, storage, connections), or, when nothing is measured, its workloads' rates against the
//! catalog's per-node rates (an estimate, never a measured bottleneck); and when growth takes it
//! over its limit.

use catalog::model::Direction;

use crate::context::Context;

/// One resource the team measured.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resource {
    /// `cpu`, `memory`, `iops`, `storage` or `connections`.
    pub(crate) name: &'static str,
    /// As written (`72%`).
    pub(crate) measured: String,
    /// As written (`80%`), or `100%` when the file gives no limit.
    pub(crate) limit: String,
    /// The file states the limit.
    pub(crate) limit_stated: bool,
    /// Measured ÷ limit.
    pub(crate) fraction: f64,
}

/// How full a store is.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Utilization {
    /// Measured resources, most loaded first.
    pub(crate) measured: Vec<Resource>,
    /// Σ per-node rate ÷ the catalog's per-node rate, over the workloads where both are known.
    pub(crate) estimated: Option<f64>,
    /// Every workload had a rate and a catalog rate to compare with.
    pub(crate) complete: bool,
    /// Each workload's share of the estimated load (item index, share).
    pub(crate) shares: Vec<(usize, f64)>,
    /// The share of the estimated load that reads could move to a replica or copy.
    pub(crate) read_share: Option<f64>,
}

impl Utilization {
    /// The most loaded measured resource.
    pub(crate) fn binding(&self) -> Option<&Resource> {
        self.measured.first()
    }

    /// The level to plan with: the most loaded measured resource, else the estimate; and
    /// whether it is measured.
    pub(crate) fn level(&self) -> Option<(f64, bool)> {
        self.binding().map(|r| (r.fraction, true)).or_else(|| self.estimated.map(|e| (e, false)))
    }
}

/// Months until a figure at `fraction` of its limit, growing `growth` times a year, reaches the
/// limit: 0 when it is there already, `None` when it does not grow.
pub(crate) fn months_until(fraction: f64, growth: Option<f64>) -> Option<f64> {
    if fraction >= 1.0 {
        return Some(0.0);
    }
    let g = growth.filter(|g| *g > 1.0)?;
    if fraction <= 0.0 {
        return None;
    }
    Some((1.0 / fraction).ln() / g.ln() * 12.0)
}

/// A fraction grown for `months` at `growth` a year.
pub(crate) fn grown(fraction: f64, growth: Option<f64>, months: f64) -> f64 {
    fraction * growth.filter(|g| *g > 1.0).map_or(1.0, |g| g.powf(months / 12.0))
}

/// The utilization and yearly growth of one store.
pub(crate) fn of(cx: &Context<'_>, store: usize) -> (Utilization, Option<f64>) {
    let Some(info) = cx.store(store) else { return (Utilization::default(), None) };
    let s = info.store;
    let mut measured = Vec::new();
    let mut push = |name: &'static str,
                    m: Option<(String, f64)>,
                    l: Option<(String, f64)>,
                    default_limit: Option<(String, f64)>| {
        let Some((mt, mv)) = m else { return };
        let (limit, stated) = match (l, default_limit) {
            (Some(l), _) => (l, true),
            (None, Some(d)) => (d, false),
            (None, None) => return,
        };
        if limit.1 > 0.0 {
            measured.push(Resource {
                name,
                measured: mt,
                limit: limit.0,
                limit_stated: stated,
                fraction: mv / limit.1,
            });
        }
    };
    let full = Some(("100%".to_string(), 1.0));
    if let Some(c) = &s.cpu {
        push(
            "cpu",
            c.value.measured.map(|m| (m.to_string(), m.0)),
            c.value.limit.map(|t| (t.to_string(), t.0)),
            full.clone(),
        );
    }
    if let Some(c) = &s.memory {
        push(
            "memory",
            c.value.measured.map(|m| (m.to_string(), m.0)),
            c.value.limit.map(|t| (t.to_string(), t.0)),
            full,
        );
    }
    if let Some(c) = &s.iops {
        push(
            "iops",
            c.value.measured.map(|m| (m.to_string(), m.per_sec())),
            c.value.limit.map(|t| (t.to_string(), t.per_sec())),
            None,
        );
    }
    if let Some(c) = &s.storage {
        push(
            "storage",
            c.value.measured.map(|m| (m.to_string(), m.0)),
            c.value.limit.map(|t| (t.to_string(), t.0)),
            None,
        );
    }
    if let Some(c) = &s.connections {
        push(
            "connections",
            c.value.measured.map(|m| (m.to_string(), m.0)),
            c.value.limit.map(|t| (t.to_string(), t.0)),
            None,
        );
    }
    measured.sort_by(|a, b| b.fraction.total_cmp(&a.fraction));

    let mut total = 0.0;
    let mut reads = 0.0;
    let mut shares = Vec::new();
    let mut complete = !info.items.is_empty();
    // Replicas in place but not counted: the reads that can move are on them already, so the
    // primary carries the writes and the reads that must see their own writes.
    let reads_elsewhere = info.has_remedy("read_replica") && info.replicas() == 0;
    for &i in &info.items {
        let Some(it) = cx.items.get(i) else { continue };
        if reads_elsewhere && it.direction == Direction::Read && !it.read_your_writes() {
            continue;
        }
        let cap = it.fit.and_then(|f| f.up_to.rate).map(catalog::units::Rate::per_sec).filter(|c| *c > 0.0);
        match (it.load.rate.map(catalog::units::Rate::per_sec), cap) {
            (Some(rate), Some(cap)) => {
                let u = rate / cap;
                total += u;
                if it.direction == Direction::Read && !it.read_your_writes() {
                    reads += u;
                }
                shares.push((i, u));
            }
            (Some(_), None) => {}
            _ => complete = false,
        }
    }
    let estimated = (!shares.is_empty()).then_some(total);
    for share in &mut shares {
        share.1 = if total > 0.0 { share.1 / total } else { 0.0 };
    }
    let read_share = (complete && total > 0.0).then_some(reads / total);
    let growth = s.growth.as_ref().map(|g| g.value.per_year()).or_else(|| {
        info.items
            .iter()
            .filter_map(|&i| cx.items.get(i))
            .filter_map(|it| it.item.growth.as_ref().map(|g| g.value.per_year()))
            .max_by(f64::total_cmp)
    });
    (Utilization { measured, estimated, complete, shares, read_share }, growth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runway_follows_growth() {
        assert_eq!(months_until(1.2, Some(2.0)), Some(0.0));
        assert_eq!(months_until(0.5, None), None);
        let m = months_until(0.5, Some(2.0)).unwrap_or_default();
        assert!((m - 12.0).abs() < 1e-9, "{m}");
        assert!((grown(0.5, Some(2.0), 12.0) - 1.0).abs() < 1e-9);
    }
}

//! Scaling the engine a team already runs: for a store whose measured load crosses its limit
//! within the horizon (or has no headroom left, or stalls on maintenance, or whose measured
//! incidents show it over its capacity), every remedy its catalog entry offers that addresses
//! what is short — read replicas, a larger instance, functional partitioning, sharding, Citus,
//! Vitess, partitioning, pooling — and a new store for the one workload whose load the engine
//! serves worst; each judged on whether the load then stays under the limit to the horizon.

use std::collections::BTreeMap;

use catalog::model::{Address, CapacityUnit, Remedy};

use crate::{
    capacity::{grown, months_until},
    context::Context,
    judge,
    options::{Choice, Considered, Reason, TieBreak, Verdict},
};

/// A measured level at or above this share of its limit leaves no headroom for peaks: the store
/// counts as saturated even when it does not grow.
pub(crate) const HEADROOM: f64 = 0.85;

/// Utilization planned for after a scaling step or a consolidation, at the horizon: the same
/// headroom, so what is recommended is not saturated again the day it is done.
pub(crate) const TARGET: f64 = HEADROOM;

/// Incidents a month (outages or slowdowns) that, on a store the catalog's rates say is at or
/// near its capacity, count as a measured saturation.
pub(crate) const INCIDENTS_SHOWING_SATURATION: f64 = 1.0;

/// What a saturated store is short of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Short {
    /// Processing (CPU, memory): reads and writes compete for it.
    Throughput,
    /// I/O operations: a larger instance does not raise a volume's ceiling; spreading the data does.
    Io,
    /// Disk space on one node.
    Storage,
    /// Client connections.
    Connections,
    /// Maintenance stalls (vacuum, compaction) on large tables.
    Maintenance,
}

impl Short {
    fn from_resource(name: &str) -> Self {
        match name {
            "storage" => Short::Storage,
            "connections" => Short::Connections,
            "iops" => Short::Io,
            _ => Short::Throughput,
        }
    }

    /// Whether a remedy relieves it.
    fn addressed_by(self, addresses: &[Address], r: &Remedy) -> bool {
        let horizontal = r.capacity.is_some_and(|c| c.per != CapacityUnit::Deployment);
        addresses.iter().any(|a| match self {
            Short::Throughput => matches!(a, Address::ReadCapacity | Address::WriteCapacity),
            Short::Io => horizontal && matches!(a, Address::ReadCapacity | Address::WriteCapacity | Address::Storage),
            Short::Storage => *a == Address::Storage,
            Short::Connections => *a == Address::Connections,
            Short::Maintenance => *a == Address::Maintenance,
        })
    }

    fn need(self) -> Address {
        match self {
            Short::Throughput => Address::WriteCapacity,
            Short::Io => Address::Storage,
            Short::Storage => Address::Storage,
            Short::Connections => Address::Connections,
            Short::Maintenance => Address::Maintenance,
        }
    }

    /// Whether the remedy must add capacity (a level to bring under the limit) to relieve it.
    fn is_load(self) -> bool {
        matches!(self, Short::Throughput | Short::Io | Short::Storage)
    }
}

/// A store that crosses a limit within the horizon, and the options for it.
#[derive(Debug, Clone)]
pub(crate) struct Saturation {
    pub(crate) store: usize,
    /// The most loaded resource (`cpu`, `iops`, …; `incidents` or `maintenance` when those show it).
    pub(crate) resource: &'static str,
    /// Its level now, as a fraction of the limit.
    pub(crate) level: f64,
    /// Months until the limit (0: at or over it, or no headroom).
    pub(crate) months: f64,
    /// Fraction of the limit at the horizon, with the growth stated.
    pub(crate) at_horizon: f64,
    /// Everything that is short.
    pub(crate) shorts: Vec<Short>,
    pub(crate) options: Vec<Considered>,
    /// Index of the pick in `options`.
    pub(crate) pick: Option<usize>,
}

/// What is short on a store, with the resource and level of each.
fn shorts(cx: &Context<'_>, store: usize) -> Vec<(Short, &'static str, f64)> {
    let Some(info) = cx.store(store) else { return Vec::new() };
    let horizon = cx.horizon_months();
    let mut out: Vec<(Short, &'static str, f64)> = Vec::new();
    for r in &info.util.measured {
        let crosses = months_until(r.fraction, info.growth).is_some_and(|m| m <= horizon);
        if r.fraction >= HEADROOM || crosses {
            out.push((Short::from_resource(r.name), r.name, r.fraction));
        }
    }
    let incidents = info.store.incidents.as_ref().map(|i| i.value);
    if incidents.and_then(|i| i.stall).is_some_and(|r| r.per_sec() > 0.0) {
        out.push((Short::Maintenance, "maintenance", 1.0));
    }
    let per_month = |r: Option<catalog::units::Rate>| r.map_or(0.0, |r| r.per_sec() * 2_592_000.0);
    let slowdowns = incidents.map_or(0.0, |i| per_month(i.performance));
    let outages = incidents.map_or(0.0, |i| per_month(i.outage));
    let gauged = info.util.measured.iter().any(|r| matches!(r.name, "cpu" | "memory"));
    let estimated = estimated_after_in_place(cx, store);
    let near = estimated.is_some_and(|e| e >= HEADROOM);
    if !gauged && (slowdowns >= INCIDENTS_SHOWING_SATURATION || (outages >= INCIDENTS_SHOWING_SATURATION && near)) {
        out.push((Short::Throughput, "incidents", estimated.unwrap_or(1.0).max(1.0)));
    }
    out
}

/// The catalog-estimated load (workloads' rates against per-node rates), with the capacity the
/// remedies already in place add (a larger instance).
fn estimated_after_in_place(cx: &Context<'_>, store: usize) -> Option<f64> {
    let info = cx.store(store)?;
    let e = info.util.estimated?;
    let factor: f64 = info
        .kind
        .into_iter()
        .flat_map(|k| k.remedies.iter())
        .filter(|r| info.has_remedy(&r.id))
        .filter_map(|r| r.capacity.filter(|c| c.per == CapacityUnit::Deployment).map(|c| c.factor))
        .product();
    Some(e / factor.max(1.0))
}

/// The saturation of a store, when something measured shows it short within the horizon; with
/// every option judged and the pick made.
pub(crate) fn saturation(cx: &Context<'_>, store: usize) -> Option<Saturation> {
    let info = cx.store(store)?;
    let kind = info.kind?;
    let horizon = cx.horizon_months();
    let found = shorts(cx, store);
    let (_, resource, level) = *found.iter().max_by(|a, b| a.2.total_cmp(&b.2))?;
    let mut shorts: Vec<Short> = found.iter().map(|(s, _, _)| *s).collect();
    shorts.sort();
    shorts.dedup();
    let load_level = found.iter().filter(|(s, _, _)| s.is_load()).map(|(_, _, l)| *l).fold(0.0, f64::max);
    let months = if level >= 1.0 || level >= HEADROOM { 0.0 } else { months_until(level, info.growth).unwrap_or(0.0) };
    let at_horizon = grown(load_level, info.growth, horizon);
    let mut options = Vec::new();
    for r in &kind.remedies {
        let Some(k) = cx.catalog.remedy(&r.id) else { continue };
        if !shorts.iter().any(|s| s.addressed_by(&k.addresses, r)) {
            continue;
        }
        let mut c = judge_scale(cx, store, r, &shorts, at_horizon, horizon);
        if let Some(missing) = shorts.iter().find(|s| !s.addressed_by(&k.addresses, r)) {
            c.reject(Reason::DoesNotAddress { need: missing.need() });
        }
        options.push(c);
    }
    if shorts.iter().any(|s| matches!(s, Short::Throughput | Short::Io)) {
        options.extend(slice_to_new_store(cx, store, at_horizon, horizon));
    }
    let pick = pick(&mut options);
    Some(Saturation { store, resource, level, months, at_horizon, shorts, options, pick })
}

/// The stated rule for scaling: the cheapest step that holds to the horizon — scaling the engine
/// before a new store, then fewer operations hours; a step whose only gap is a figure the file
/// does not state competes too (it is the one to check first), after a viable one of equal cost.
fn pick(options: &mut [Considered]) -> Option<usize> {
    // More of a remedy already in place is weighed only with the figures that show it helps.
    let open = |c: &Considered| {
        c.viable()
            || (c.verdict == Verdict::Unknown
                && c.reasons.iter().all(|r| {
                    !matches!(
                        r,
                        Reason::InPlace
                            | Reason::RuledOut { .. }
                            | Reason::Tried
                            | Reason::NotOnManaged
                            | Reason::DoesNotAddress { .. }
                            | Reason::Short { .. }
                    )
                }))
    };
    // What relieves a shortage directly (pooling for connections) before adding capacity.
    let direct = |c: &Considered| c.reasons.iter().any(|r| matches!(r, Reason::Relieves { .. }));
    let key = |c: &Considered| (c.choice.rung(), !direct(c), c.added_hours.unwrap_or(0.0), !c.viable());
    let mut best: Option<usize> = None;
    for (i, c) in options.iter().enumerate() {
        if !open(c) {
            continue;
        }
        let better = best.and_then(|b| options.get(b)).is_none_or(|b| {
            let (ka, kb) = (key(c), key(b));
            ka.0.cmp(&kb.0).then(ka.1.cmp(&kb.1)).then(ka.2.total_cmp(&kb.2)).then(ka.3.cmp(&kb.3)).is_lt()
        });
        if better {
            best = Some(i);
        }
    }
    let chosen = best?;
    let (winner, wkey) = options.get(chosen).map(|w| (w.key(), key(w)))?;
    for (i, c) in options.iter_mut().enumerate() {
        if i == chosen {
            c.verdict = Verdict::Chosen;
        } else if c.viable() {
            let by = if key(c).0 != wkey.0 || key(c).1 != wkey.1 { TieBreak::Rung } else { TieBreak::Hours };
            c.reasons.push(Reason::Lost { to: winner.clone(), by });
        }
    }
    Some(chosen)
}

/// One capacity (or maintenance) remedy for a saturated store.
fn judge_scale(
    cx: &Context<'_>,
    store: usize,
    r: &Remedy,
    shorts: &[Short],
    at_horizon: f64,
    horizon: f64,
) -> Considered {
    let info = cx.store(store);
    let id = info.map(|s| s.id().to_string()).unwrap_or_default();
    let mut c = Considered::new(Choice::Scale { store: id.clone(), remedy: r.id.clone(), units: None });
    c.added_hours = Some(r.added_hours);
    c.full_reach = false;
    let adds_units = r.capacity.is_some_and(|cap| matches!(cap.per, CapacityUnit::Replica | CapacityUnit::Shard));
    let in_place = info.is_some_and(|s| s.has_remedy(&r.id));
    if in_place && !adds_units {
        c.reject(Reason::InPlace);
    } else if in_place {
        c.because(Reason::InPlace);
    }
    if info.is_some_and(|s| {
        s.items.iter().filter_map(|&i| cx.items.get(i)).any(|it| it.item.tried.iter().any(|t| t.value == r.id))
    }) {
        c.reject(Reason::Tried);
    }
    if let Some(reason) = cx.ruled_out(&r.id, Some(&id), None) {
        c.reject(Reason::RuledOut { reason: reason.to_string() });
    }
    if r.self_hosted_only && info.is_some_and(|s| s.store.managed == Some(true)) {
        c.reject(Reason::NotOnManaged);
    }
    let Some(info) = info else { return c };
    let load = shorts.iter().any(|s| s.is_load());
    let kind_addresses = cx.catalog.remedy(&r.id).map(|k| k.addresses.clone()).unwrap_or_default();
    let Some(capacity) = r.capacity else {
        // Partitioning, pooling: they relieve maintenance or connections, not load.
        if load && !shorts.contains(&Short::Storage) {
            c.reject(Reason::DoesNotAddress { need: Address::WriteCapacity });
        } else {
            c.full_reach = true;
            for s in shorts.iter().filter(|s| s.addressed_by(&kind_addresses, r)) {
                c.because(Reason::Relieves { need: s.need() });
            }
        }
        return c;
    };
    if !load {
        c.full_reach = true;
        for s in shorts.iter().filter(|s| s.addressed_by(&kind_addresses, r)) {
            c.because(Reason::Relieves { need: s.need() });
        }
        return c;
    }
    let after = match capacity.per {
        CapacityUnit::Deployment => Some((at_horizon / capacity.factor.max(1e-9), None)),
        CapacityUnit::Replica => replicas(cx, store, at_horizon, capacity.factor, capacity.max_units, &mut c),
        CapacityUnit::Shard => shards(cx, store, at_horizon, capacity.factor, capacity.max_units, &mut c),
        CapacityUnit::Database => databases(cx, store, at_horizon, &mut c),
    };
    let Some((utilization, units)) = after else { return c };
    if let (Choice::Scale { units: slot, .. }, Some(n)) = (&mut c.choice, units) {
        *slot = Some(n);
        c.added_hours = Some(r.added_hours * f64::from(n.max(1)).sqrt());
    }
    if utilization <= TARGET {
        c.full_reach = true;
        c.because(Reason::Holds { utilization, horizon_months: horizon });
    } else {
        let months = months_until(utilization / grown(1.0, info.growth, horizon), info.growth).unwrap_or(0.0);
        c.reject(Reason::Short { utilization, months });
    }
    c
}

/// Read replicas: they take reads (not those that must read their own writes); how many bring
/// the load under the limit at the horizon.
fn replicas(
    cx: &Context<'_>,
    store: usize,
    at_horizon: f64,
    factor: f64,
    max: Option<u32>,
    c: &mut Considered,
) -> Option<(f64, Option<u32>)> {
    let info = cx.store(store)?;
    let Some(share) = info.util.read_share else {
        c.unknown(Reason::Unknown { figure: "the rate of every workload on the store (the read/write split)".into() });
        return None;
    };
    let ryw: Vec<String> = info
        .items
        .iter()
        .filter_map(|&i| cx.items.get(i))
        .filter(|it| it.reads() && it.read_your_writes())
        .map(|it| it.id().to_string())
        .collect();
    if !ryw.is_empty() {
        c.because(Reason::ReadYourWrites { workloads: ryw });
    }
    if share < 0.2 {
        c.reject(Reason::ReadShare { share });
        return None;
    }
    let have = f64::from(info.replicas());
    let max = max.unwrap_or(15);
    let mut n = 1;
    loop {
        let readers = 1.0 + (have + f64::from(n)) * factor;
        let after = at_horizon * ((1.0 - share) + share * (1.0 + have * factor) / readers);
        if after <= TARGET || n >= max {
            if n >= max && after > TARGET {
                c.because(Reason::MaxUnits { max });
            }
            return Some((after, Some(n)));
        }
        n += 1;
    }
}

/// Shards: every shard takes its share of the load, except lookups by a secondary attribute,
/// which reach every shard; how many bring the load under the limit at the horizon.
fn shards(
    cx: &Context<'_>,
    store: usize,
    at_horizon: f64,
    factor: f64,
    max: Option<u32>,
    c: &mut Considered,
) -> Option<(f64, Option<u32>)> {
    let info = cx.store(store)?;
    let scatter: f64 = info
        .util
        .shares
        .iter()
        .filter(|(i, _)| cx.items.get(*i).is_some_and(|it| it.item.secondary_lookup == Some(true)))
        .map(|(_, s)| s)
        .sum();
    if scatter > 0.0 {
        c.because(Reason::ScatterGather { share: scatter });
    }
    let max = max.unwrap_or(1_024);
    let mut n: u32 = 2;
    loop {
        let after = at_horizon * (scatter + (1.0 - scatter) / (f64::from(n) * factor.max(0.1)));
        if after <= TARGET * 0.7 || n >= max {
            return Some((after, Some(n)));
        }
        n = n.saturating_mul(2);
    }
}

/// Functional partitioning: each domain (group of tables) moves to its own database, so the
/// busiest domain's share of the load is what remains on one.
fn databases(cx: &Context<'_>, store: usize, at_horizon: f64, c: &mut Considered) -> Option<(f64, Option<u32>)> {
    let info = cx.store(store)?;
    let mut domains: BTreeMap<&str, f64> = BTreeMap::new();
    let mut unnamed = false;
    for &(i, share) in &info.util.shares {
        match cx.items.get(i).and_then(|it| it.item.domain.as_deref()) {
            Some(d) => *domains.entry(d).or_default() += share,
            None => unnamed = true,
        }
    }
    if domains.is_empty() || unnamed || !info.util.complete {
        // At best each workload is a domain of its own with an equal share: if even that leaves
        // a database over its limit, splitting cannot hold.
        let best = at_horizon / (info.items.len().max(1) as f64);
        if best > TARGET {
            c.reject(Reason::Short { utilization: best, months: 0.0 });
        } else {
            c.unknown(Reason::Unknown {
                figure: "the `domain` (group of tables) and `rate` of every workload on the store".into(),
            });
        }
        return None;
    }
    if domains.len() < 2 {
        c.reject(Reason::Unknown { figure: "a second domain: every workload works on the same tables".into() });
        return None;
    }
    let largest = domains.values().copied().fold(0.0, f64::max);
    Some((at_horizon * largest, Some(domains.len() as u32)))
}

/// A new store for the workloads whose load the engine cannot carry: the busiest workload and
/// every workload of its domain (the same data: a key set's writes and reads move together; with
/// no domains stated, one store's workloads are one domain), when moving them brings the rest
/// under the limit.
fn slice_to_new_store(cx: &Context<'_>, store: usize, at_horizon: f64, horizon: f64) -> Vec<Considered> {
    let Some(info) = cx.store(store) else { return Vec::new() };
    let slice = sliced_items(cx, store);
    let Some(&lead) = slice.first() else { return Vec::new() };
    let Some(it) = cx.items.get(lead) else { return Vec::new() };
    if !it.poor_fit && it.fit.is_some_and(|f| f.grade == catalog::Grade::Strong) {
        // The engine is the right tool for its biggest load: scale it rather than split it off.
        return Vec::new();
    }
    let share: f64 = info.util.shares.iter().filter(|(i, _)| slice.contains(i)).map(|(_, s)| s).sum();
    let share = if slice.len() == info.items.len() { 1.0 } else { share };
    let root = cx.root_of_truth(store).or(cx.primary);
    let after = at_horizon * (1.0 - share);
    // The writes move with the reads: the application writes the new store, nothing feeds it.
    let direct = slice.iter().filter_map(|&i| cx.items.get(i)).any(|x| x.direction != catalog::model::Direction::Read);
    let mut out = Vec::new();
    for kind in &cx.catalog.stores {
        if info.kind.is_some_and(|k| k.id == kind.id)
            || kind.fit(it.pattern_id()).is_none_or(|f| f.grade < judge::MIN_GRADE)
        {
            continue;
        }
        let mut c = judge::judge_new_as(cx, it, root, kind, direct);
        if slice.len() > 1 {
            // Several workloads move: each reason about one of them names it.
            for r in &mut c.reasons {
                if r.about_workload() {
                    *r = Reason::For { workload: it.id().to_string(), reason: Box::new(r.clone()) };
                }
            }
        }
        for other in slice.iter().skip(1).filter_map(|&i| cx.items.get(i)) {
            let o = judge::judge_new_as(cx, other, root, kind, direct);
            if !o.viable() {
                c.verdict = o.verdict.max_severity(c.verdict);
                for r in o.reasons {
                    if matches!(
                        r,
                        Reason::Graded { .. }
                            | Reason::Fed { .. }
                            | Reason::Reaches { .. }
                            | Reason::FreshEnough { .. }
                    ) {
                        continue;
                    }
                    let r = if r.about_workload() {
                        Reason::For { workload: other.id().to_string(), reason: Box::new(r) }
                    } else {
                        r
                    };
                    if !c.reasons.contains(&r) {
                        c.reasons.push(r);
                    }
                }
            }
        }
        c.full_reach = false;
        if after <= TARGET {
            c.full_reach = true;
            c.because(Reason::Holds { utilization: after, horizon_months: horizon });
        } else {
            c.reject(Reason::Short { utilization: after, months: 0.0 });
        }
        out.push(c);
    }
    out
}

/// The workloads a new store would take, the busiest first.
pub(crate) fn sliced_items(cx: &Context<'_>, store: usize) -> Vec<usize> {
    let Some(info) = cx.store(store) else { return Vec::new() };
    let lead = info.util.shares.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|&(i, _)| i).or_else(|| {
        info.items.iter().copied().max_by(|&a, &b| {
            let rate =
                |i: usize| cx.items.get(i).and_then(|it| it.total.rate).map_or(0.0, catalog::units::Rate::per_sec);
            rate(a).total_cmp(&rate(b))
        })
    });
    let Some(lead) = lead else { return Vec::new() };
    let domain = |i: usize| cx.items.get(i).and_then(|it| it.item.domain.as_deref());
    let mut out = vec![lead];
    out.extend(info.items.iter().copied().filter(|&i| i != lead && domain(i) == domain(lead)));
    // Reads lead the slice: the new store is chosen for what is read from it.
    out.sort_by_key(|&i| (cx.items.get(i).is_none_or(|it| !it.reads()), i != lead));
    out
}

/// The workload a new store would take first in `slice_to_new_store`.
pub(crate) fn sliced_item(cx: &Context<'_>, store: usize) -> Option<usize> {
    sliced_items(cx, store).first().copied()
}

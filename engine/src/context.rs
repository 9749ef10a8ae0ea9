//! The analysis context: the architecture graph built once (stores by id, flows both ways,
//! lineages, roots and lag from the source of truth) with what every rule needs to know about each
//! store (utilization, growth, measured operations) and each workload (its load per node, its
//! bottleneck, the freshness it needs and where that figure comes from).

use std::collections::HashMap;

use catalog::{
    Catalog, Grade, StoreType,
    model::{Direction, Fit, FlowKind, LagFrom, Pattern, Shape},
    units::Rate,
};
use workload::{ItemKind, Role, Store, Via, Workload, WorkloadItem};

use crate::{
    capacity::{self, Utilization},
    cost::DEFAULT_HOURLY_COST_USD,
    estimate::Estimate,
    load::{Exceeded, Load, exceeded},
};

/// The planning horizon when the file states none: one year.
pub const DEFAULT_HORIZON_SECS: f64 = 31_536_000.0;

/// The interval assumed for a scheduled flow (`batch_etl`, `polling`, `repair_job`) with no
/// `every`: one day for batch jobs and repair jobs, one hour for pollers.
pub(crate) fn default_every(via: Via) -> f64 {
    if via == Via::Polling { 3_600.0 } else { 86_400.0 }
}

/// Everything the rules need to know about one workload file, computed once per analysis.
///
/// Built by [`crate::analyze`]; opaque outside the crate.
#[derive(Debug)]
pub struct Context<'a> {
    pub(crate) workload: &'a Workload,
    pub(crate) catalog: &'a Catalog,
    /// USD per engineering hour.
    pub(crate) hourly: f64,
    /// The planning horizon, seconds, and whether the file states it.
    pub(crate) horizon: (f64, bool),
    /// One per store, in file order.
    pub(crate) stores: Vec<StoreInfo<'a>>,
    pub(crate) by_id: HashMap<&'a str, usize>,
    /// Every flow whose ends exist, in file order.
    pub(crate) flows: Vec<FlowInfo<'a>>,
    /// The stores of each lineage (connected by flows), in file order.
    pub(crate) lineages: Vec<Vec<usize>>,
    /// One per workload item, in file order.
    pub(crate) items: Vec<ItemInfo<'a>>,
    pub(crate) item_by_id: HashMap<&'a str, usize>,
    /// The source of truth with the largest lineage (first in the file on a tie).
    pub(crate) primary: Option<usize>,
    /// The store whose hours are the `x_single` baseline: the primary, else the first store.
    pub(crate) baseline: Option<usize>,
    /// For a store, the first pipeline fed from it by CDC or an outbox (to reuse for new stores).
    pub(crate) pipeline_from: HashMap<usize, usize>,
    /// The catalog store type each proposal brings in, with the workload it is for.
    pub(crate) proposed: Vec<(&'a str, Option<&'a str>)>,
    /// `ruled_out`, with a store-type option resolved to its catalog id.
    pub(crate) excluded: Vec<(&'a str, &'a workload::RuledOut)>,
}

/// One flow, resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FlowInfo<'a> {
    /// The upstream store; `None` for the application's own writes.
    pub(crate) from: Option<usize>,
    /// The store fed.
    pub(crate) to: usize,
    pub(crate) feed: &'a workload::Feed,
    /// The catalog's facts about its kind.
    pub(crate) kind: Option<&'a FlowKind>,
}

impl FlowInfo<'_> {
    pub(crate) fn via(&self) -> Via {
        self.feed.via.value
    }

    /// The application writes the target alongside its source of truth with no transaction
    /// spanning them: a dual write by name, or an application write outside the transaction.
    pub(crate) fn is_dual_write(&self) -> bool {
        match self.via() {
            Via::DualWrite => true,
            Via::AppWrite => self.from.is_some() && self.feed.transactional != Some(true),
            _ => self.kind.is_some_and(|k| k.traits.dual_write),
        }
    }
}

/// One store and what the analysis learnt about it.
#[derive(Debug)]
pub(crate) struct StoreInfo<'a> {
    pub(crate) store: &'a Store,
    pub(crate) kind: Option<&'a StoreType>,
    /// Indexes into `Context::flows` of its incoming flows.
    pub(crate) feeds: Vec<usize>,
    /// Stores fed from it.
    pub(crate) consumers: Vec<usize>,
    /// The sources of truth (or unfed stores) its data comes from; itself for a source of truth.
    pub(crate) roots: Vec<usize>,
    /// Lag behind its roots, seconds; `None` when unknown (CDC from a store without CDC, a cycle).
    pub(crate) lag: Option<Estimate>,
    /// Workload items it serves.
    pub(crate) items: Vec<usize>,
    /// Index into `Context::lineages`.
    pub(crate) lineage: usize,
    /// How full it is, measured or estimated.
    pub(crate) util: Utilization,
    /// Growth per year of its load (its own `growth`, else its fastest workload's).
    pub(crate) growth: Option<f64>,
}

impl StoreInfo<'_> {
    pub(crate) fn id(&self) -> &str {
        &self.store.id.value
    }

    /// The catalog display name, else the type as written.
    pub(crate) fn type_name(&self) -> &str {
        self.kind.map_or(self.store.kind.value.as_str(), |k| k.name.as_str())
    }

    /// `main-db (PostgreSQL)`.
    pub(crate) fn label(&self) -> String {
        format!("{} ({})", self.id(), self.type_name())
    }

    pub(crate) fn role(&self) -> Role {
        self.store.role.value
    }

    /// Nodes or shards its data and load are spread over (1 when the file says nothing).
    pub(crate) fn spread(&self) -> f64 {
        let shards = self.store.shards.as_ref().map_or(1, |s| s.value.max(1));
        let nodes = self.store.nodes.as_ref().map_or(1, |n| n.value.max(1));
        f64::from(if self.kind.is_some_and(StoreType::spreads_itself) { nodes.max(shards) } else { shards })
    }

    /// The shards, when the application shards it (more than one, on an engine that does not
    /// spread its own data).
    pub(crate) fn app_shards(&self) -> Option<u32> {
        let shards = self.store.shards.as_ref().map(|s| s.value).filter(|&n| n > 1)?;
        (!self.kind.is_some_and(StoreType::spreads_itself)).then_some(shards)
    }

    /// The busiest shard or node's load against the average (`skew`): at least 1 and at most
    /// the number it is spread over (one node cannot carry more than all of it); 1 when the file
    /// says nothing or nothing is spread.
    pub(crate) fn skew(&self) -> f64 {
        let spread = self.spread();
        self.store.skew.as_ref().map_or(1.0, |k| if k.value.0.is_finite() { k.value.0.clamp(1.0, spread) } else { 1.0 })
    }

    /// Read replicas per shard.
    pub(crate) fn replicas(&self) -> u32 {
        self.store.replicas.as_ref().map_or(0, |r| r.value)
    }

    /// A remedy in place on it.
    pub(crate) fn has_remedy(&self, id: &str) -> bool {
        self.store.remedies_in_place.iter().any(|r| r.value == id)
    }
}

/// A measured figure worse than its target, or a pattern the store cannot serve at all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bottleneck {
    /// Measured and target latency, seconds, when latency misses.
    pub(crate) latency: Option<(f64, f64)>,
    /// The latency target is not stated: it is the freshness the workload's answers need (a
    /// scan's answer is as old as the scan takes to run), see [`paced_by_freshness`].
    pub(crate) target_is_freshness: bool,
    /// Measured and target throughput, when throughput misses.
    pub(crate) throughput: Option<(Rate, Rate)>,
    /// A read the store cannot serve at all (the catalog grades the pattern `unsuited`): a gap
    /// that needs no measurement, as there is nothing to measure.
    pub(crate) unserved: bool,
}

/// Where a freshness figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreshnessFrom {
    /// The workload's `freshness`.
    Stated,
    /// The serving store's `staleness_budget`.
    Budget,
    /// The catalog's assumption for the access pattern (stated in the finding).
    Assumed,
}

/// How stale a workload's answers may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Freshness {
    /// Seconds.
    pub(crate) secs: f64,
    /// Where the figure comes from.
    pub(crate) from: FreshnessFrom,
}

/// One workload item and what the analysis learnt about it.
#[derive(Debug)]
pub(crate) struct ItemInfo<'a> {
    pub(crate) item: &'a WorkloadItem,
    /// The store serving it, when it exists.
    pub(crate) store: Option<usize>,
    /// The catalog's access pattern.
    pub(crate) pattern: Option<&'a Pattern>,
    /// Whether it reads or writes (its `kind`, else the pattern's direction).
    pub(crate) direction: Direction,
    /// Its whole load.
    pub(crate) total: Load,
    /// Its load on one node or shard of its store (and one replica, for reads).
    pub(crate) load: Load,
    /// Some figure was measured (latency or throughput).
    pub(crate) measured: bool,
    /// A measured figure misses its target.
    pub(crate) bottleneck: Option<Bottleneck>,
    /// The current store's fit for its pattern.
    pub(crate) fit: Option<&'a Fit>,
    /// Where the workload is beyond that fit's scale (per node).
    pub(crate) exceeded: Vec<Exceeded>,
    /// Graded weak or unsuited, or beyond the grade's scale.
    pub(crate) poor_fit: bool,
    /// The freshness it needs.
    pub(crate) freshness: Freshness,
    /// For a bottleneck on a store that fits: a poor-fit bottleneck on the same store that
    /// plausibly causes it (interference).
    pub(crate) explained_by: Option<usize>,
    /// For a poor-fit bottleneck: bottlenecks on the same store that fit (likely its victims).
    pub(crate) victims: Vec<usize>,
}

impl ItemInfo<'_> {
    pub(crate) fn id(&self) -> &str {
        &self.item.id.value
    }

    pub(crate) fn pattern_id(&self) -> &str {
        &self.item.pattern.value
    }

    /// The pattern's shape, when the catalog knows the pattern.
    pub(crate) fn shape(&self) -> Option<Shape> {
        self.pattern.map(|p| p.shape)
    }

    /// The latency target, seconds: the stated one, else the freshness a scan that takes longer
    /// than it misses (see [`paced_by_freshness`]).
    pub(crate) fn latency_target(&self) -> Option<f64> {
        self.item.latency.as_ref().and_then(|l| l.value.target).map(catalog::units::Duration::secs).or_else(|| {
            self.bottleneck.filter(|b| b.target_is_freshness).and_then(|b| b.latency).map(|(_, target)| target)
        })
    }

    /// It must read its own writes.
    pub(crate) fn read_your_writes(&self) -> bool {
        self.item.read_your_writes == Some(true)
    }

    /// It reads (and so can be served by a replica or a copy).
    pub(crate) fn reads(&self) -> bool {
        self.direction == Direction::Read
    }
}

impl<'a> Context<'a> {
    /// Indexes the workload against the catalog.
    pub(crate) fn new(workload: &'a Workload, catalog: &'a Catalog) -> Self {
        let hourly = workload
            .team
            .as_ref()
            .map(|t| t.hourly_cost_usd)
            .filter(|h| h.is_finite() && *h >= 0.0)
            .unwrap_or(DEFAULT_HOURLY_COST_USD);
        let horizon = workload
            .horizon
            .as_ref()
            .map(|h| h.value.secs())
            .filter(|s| *s > 0.0)
            .map_or((DEFAULT_HORIZON_SECS, false), |s| (s, true));
        let mut by_id = HashMap::with_capacity(workload.stores.len());
        for (i, s) in workload.stores.iter().enumerate() {
            by_id.entry(s.id.value.as_str()).or_insert(i);
        }
        let mut kinds: HashMap<&str, Option<&StoreType>> = HashMap::new();
        let mut stores: Vec<StoreInfo<'a>> = workload
            .stores
            .iter()
            .map(|s| {
                let kind = *kinds.entry(s.kind.value.as_str()).or_insert_with(|| catalog.store(&s.kind.value));
                StoreInfo {
                    store: s,
                    kind,
                    feeds: Vec::new(),
                    consumers: Vec::new(),
                    roots: Vec::new(),
                    lag: None,
                    items: Vec::new(),
                    lineage: 0,
                    util: Utilization::default(),
                    growth: None,
                }
            })
            .collect();
        let mut flows = Vec::new();
        for (to, s) in workload.stores.iter().enumerate() {
            for feed in &s.fed_by {
                let from = by_id.get(feed.from.value.as_str()).copied().filter(|&f| f != to);
                if from.is_none() && !(feed.via.value == Via::AppWrite && feed.from.value.is_empty()) {
                    continue;
                }
                let i = flows.len();
                flows.push(FlowInfo { from, to, feed, kind: catalog.flow(feed.via.value.as_str()) });
                if let Some(info) = stores.get_mut(to) {
                    info.feeds.push(i);
                }
            }
        }
        for f in &flows {
            if let Some(info) = f.from.and_then(|from| stores.get_mut(from)) {
                info.consumers.push(f.to);
            }
        }
        let edges: Vec<(usize, usize)> = flows.iter().filter_map(|f| f.from.map(|from| (from, f.to))).collect();
        let (lineage_of, count) = crate::graph::lineages(stores.len(), edges.iter().copied(), |_| true);
        let mut lineages = vec![Vec::new(); count];
        for (i, (s, &l)) in stores.iter_mut().zip(&lineage_of).enumerate() {
            s.lineage = l;
            if let Some(members) = lineages.get_mut(l) {
                members.push(i);
            }
        }
        propagate(&mut stores, &flows);
        let mut pipeline_from = HashMap::new();
        for (i, s) in stores.iter().enumerate() {
            if s.role() == Role::Pipeline {
                for f in s.feeds.iter().filter_map(|&f| flows.get(f)) {
                    if let (Some(from), Via::Cdc | Via::Outbox) = (f.from, f.via()) {
                        pipeline_from.entry(from).or_insert(i);
                    }
                }
            }
        }
        let primary = stores
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role() == Role::SourceOfTruth)
            .max_by(|(ia, a), (ib, b)| {
                let size = |s: &StoreInfo<'_>| lineages.get(s.lineage).map_or(0, Vec::len);
                size(a).cmp(&size(b)).then(ib.cmp(ia))
            })
            .map(|(i, _)| i);
        let baseline = primary.or_else(|| stores.iter().position(|s| s.kind.is_some()));

        let mut item_by_id = HashMap::with_capacity(workload.workloads.len());
        let mut items = Vec::with_capacity(workload.workloads.len());
        for (i, item) in workload.workloads.iter().enumerate() {
            item_by_id.entry(item.id.value.as_str()).or_insert(i);
            let store = by_id.get(item.store.value.as_str()).copied();
            if let Some(info) = store.and_then(|s| stores.get_mut(s)) {
                info.items.push(i);
            }
            items.push(item_info(catalog, item, store, store.and_then(|s| stores.get(s))));
        }
        let proposed = workload
            .proposals
            .iter()
            .filter_map(|p| {
                let kind = p.store_type().and_then(|t| catalog.store(t))?;
                Some((kind.id.as_str(), p.for_workload.as_ref().map(|w| w.value.as_str())))
            })
            .collect();
        let excluded = workload
            .ruled_out
            .iter()
            .map(|r| (catalog.store(&r.option.value).map_or(r.option.value.as_str(), |k| k.id.as_str()), r))
            .collect();
        let mut cx = Context {
            workload,
            catalog,
            hourly,
            horizon,
            stores,
            by_id,
            flows,
            lineages,
            items,
            item_by_id,
            primary,
            baseline,
            pipeline_from,
            proposed,
            excluded,
        };
        freshness(&mut cx);
        link_interference(&mut cx);
        let utils: Vec<(Utilization, Option<f64>)> = (0..cx.stores.len()).map(|s| capacity::of(&cx, s)).collect();
        for (s, (util, growth)) in cx.stores.iter_mut().zip(utils) {
            s.util = util;
            s.growth = growth;
        }
        cx
    }

    /// A store by index.
    pub(crate) fn store(&self, i: usize) -> Option<&StoreInfo<'a>> {
        self.stores.get(i)
    }

    /// The stores in `store`'s lineage (itself included).
    pub(crate) fn lineage_of(&self, store: usize) -> &[usize] {
        self.stores.get(store).and_then(|s| self.lineages.get(s.lineage)).map_or(&[], Vec::as_slice)
    }

    /// A store by id.
    pub(crate) fn store_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A flow by index.
    pub(crate) fn flow(&self, i: usize) -> Option<&FlowInfo<'a>> {
        self.flows.get(i)
    }

    /// The incoming flows of a store.
    pub(crate) fn feeds_of(&self, store: usize) -> impl Iterator<Item = &FlowInfo<'a>> {
        self.stores.get(store).into_iter().flat_map(|s| s.feeds.iter()).filter_map(|&f| self.flows.get(f))
    }

    /// The planning horizon in months.
    pub(crate) fn horizon_months(&self) -> f64 {
        self.horizon.0 / 2_592_000.0
    }

    /// The source of truth a derived store's data comes from: its root that is a source of truth
    /// (the primary if it is one of them), else `None`.
    pub(crate) fn root_of_truth(&self, store: usize) -> Option<usize> {
        let info = self.stores.get(store)?;
        if info.role() == Role::SourceOfTruth {
            return Some(store);
        }
        let truths: Vec<usize> = info
            .roots
            .iter()
            .copied()
            .filter(|&r| self.stores.get(r).is_some_and(|s| s.role() == Role::SourceOfTruth))
            .collect();
        if let Some(p) = self.primary.filter(|p| truths.contains(p)) {
            return Some(p);
        }
        truths.first().copied()
    }

    /// The typical lag one flow adds, seconds; `None` for CDC from a store without CDC support.
    pub(crate) fn flow_lag(&self, flow: &FlowInfo<'_>) -> Option<Estimate> {
        flow_lag(flow.from.and_then(|f| self.stores.get(f)).and_then(|s| s.kind), flow)
    }

    /// A remedy or store type ruled out by the team for this store or workload, with the reason.
    /// `option` is a remedy id, a flow kind or a catalog store id (not an alias).
    pub(crate) fn ruled_out(&self, option: &str, store: Option<&str>, item: Option<&str>) -> Option<&'a str> {
        self.excluded
            .iter()
            .find(|(id, r)| {
                *id == option
                    && r.store.as_ref().is_none_or(|s| Some(s.value.as_str()) == store)
                    && r.for_workload.as_ref().is_none_or(|w| Some(w.value.as_str()) == item)
            })
            .map(|(_, r)| r.reason.as_str())
    }
}

/// The typical lag of one flow, seconds.
fn flow_lag(source: Option<&StoreType>, flow: &FlowInfo<'_>) -> Option<Estimate> {
    if let Some(m) = flow.feed.lag.as_ref().and_then(|l| l.value.measured) {
        return Some(Estimate::exact(m.secs()));
    }
    let kind = flow.kind?;
    if let Some(l) = kind.lag {
        return Some(Estimate::new(l.lo.secs(), l.hi.secs()));
    }
    match kind.lag_from? {
        LagFrom::SourceCdc => {
            let side = &source?.cdc.as_source;
            if !side.supported {
                return None;
            }
            side.lag.map(|l| Estimate::new(l.lo.secs(), l.hi.secs()))
        }
        LagFrom::Interval => {
            let every = flow.feed.every.map_or_else(|| default_every(flow.via()), catalog::units::Duration::secs);
            Some(Estimate::new(0.0, every))
        }
    }
}

/// Roots and lag, in topological order (Kahn); stores on a cycle keep no roots and unknown lag.
fn propagate(stores: &mut [StoreInfo<'_>], flows: &[FlowInfo<'_>]) {
    let n = stores.len();
    let upstream = |s: &StoreInfo<'_>| s.feeds.iter().filter_map(|&f| flows.get(f)).filter_map(|f| f.from).count();
    let mut pending: Vec<usize> = stores.iter().map(upstream).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&i| pending.get(i) == Some(&0)).collect();
    let mut head = 0;
    while let Some(&i) = queue.get(head) {
        head += 1;
        let Some(info) = stores.get(i) else { continue };
        let fed: Vec<&FlowInfo<'_>> =
            info.feeds.iter().filter_map(|&f| flows.get(f)).filter(|f| f.from.is_some()).collect();
        let (roots, lag) = if info.role() == Role::SourceOfTruth || fed.is_empty() {
            (vec![i], Some(Estimate::exact(0.0)))
        } else {
            let mut roots = Vec::new();
            let mut lag = Some(Estimate::exact(0.0));
            for f in fed {
                let up = f.from.and_then(|u| stores.get(u));
                roots.extend(up.map(|u| u.roots.iter().copied()).into_iter().flatten());
                let hop = flow_lag(up.and_then(|u| u.kind), f);
                lag = match (lag, up.and_then(|u| u.lag), hop) {
                    (Some(acc), Some(base), Some(hop)) => Some(acc.max_each(base.plus(hop))),
                    _ => None,
                };
            }
            roots.sort_unstable();
            roots.dedup();
            (roots, lag)
        };
        let consumers = info.consumers.clone();
        if let Some(info) = stores.get_mut(i) {
            info.roots = roots;
            info.lag = lag;
        }
        for c in consumers {
            if let Some(p) = pending.get_mut(c) {
                *p = p.saturating_sub(1);
                if *p == 0 {
                    queue.push(c);
                }
            }
        }
    }
}

fn item_info<'a>(
    catalog: &'a Catalog,
    item: &'a WorkloadItem,
    store_index: Option<usize>,
    store: Option<&StoreInfo<'a>>,
) -> ItemInfo<'a> {
    let pattern = catalog.pattern(&item.pattern.value);
    let direction = match item.kind.as_ref().map(|k| k.value) {
        Some(ItemKind::Read) => Direction::Read,
        Some(ItemKind::Write) => Direction::Write,
        None => pattern.map_or(Direction::Both, |p| p.direction),
    };
    let latency = item.latency.as_ref().map(|l| l.value);
    let throughput = item.throughput.as_ref().map(|t| t.value);
    let measured = latency.is_some_and(|l| l.measured.is_some()) || throughput.is_some_and(|t| t.measured.is_some());
    let slow = latency.and_then(|l| match (l.measured, l.target) {
        (Some(m), Some(t)) if m.secs() > t.secs() => Some((m.secs(), t.secs())),
        _ => None,
    });
    let short = throughput.and_then(|t| match (t.measured, t.target) {
        (Some(m), Some(target)) if m.per_sec() < target.per_sec() => Some((m, target)),
        _ => None,
    });
    let fit = store.and_then(|s| s.kind).and_then(|k| k.fit(&item.pattern.value));
    // Reads only: a write the team sends today is evidently taken, however poorly the catalog
    // grades it (that is SW010's question, answered by measuring).
    let unserved = direction == Direction::Read && fit.is_some_and(|f| f.grade == Grade::Unsuited);
    let bottleneck = (slow.is_some() || short.is_some() || unserved).then_some(Bottleneck {
        latency: slow,
        target_is_freshness: false,
        throughput: short,
        unserved,
    });
    let demand = match (item.rate, throughput.and_then(|t| t.target)) {
        (Some(r), Some(t)) => Some(if t.per_sec() > r.per_sec() { t } else { r }),
        (r, t) => r.or(t),
    };
    let total =
        Load { data: item.data_size.or_else(|| store.and_then(|s| s.store.size)), items: item.items, rate: demand };
    let load = store.map_or(total, |s| per_node(s, item, direction, total));
    let exceeded = fit.map(|f| exceeded(&f.up_to, &load)).unwrap_or_default();
    let poor_fit = fit.is_some_and(|f| f.grade <= Grade::Weak || !exceeded.is_empty());
    ItemInfo {
        item,
        store: store_index,
        pattern,
        direction,
        total,
        load,
        measured,
        bottleneck,
        fit,
        exceeded,
        poor_fit,
        freshness: Freshness { secs: 0.0, from: FreshnessFrom::Assumed },
        explained_by: None,
        victims: Vec::new(),
    }
}

/// A workload's load on the busiest node or shard: spread over the shards or nodes, times the
/// store's `skew` (a lookup by a secondary attribute reaches every shard at its full rate), and
/// reads over the replicas (unless they must read their own writes).
pub(crate) fn per_node(store: &StoreInfo<'_>, item: &WorkloadItem, direction: Direction, total: Load) -> Load {
    let spread = store.spread();
    let mut load = if item.secondary_lookup == Some(true) {
        Load { data: total.data.map(|b| catalog::units::Bytes(b.0 / spread)), ..total }
    } else {
        let even = total.spread(spread);
        Load { rate: even.rate.map(|r| r.times(store.skew())), ..even }
    };
    if direction == Direction::Read && item.read_your_writes != Some(true) {
        load = load.spread_rate(f64::from(store.replicas()) + 1.0);
    }
    load
}

/// Each workload's freshness: its own `freshness`, else its store's staleness budget, else the
/// catalog's assumption for its pattern.
fn freshness(cx: &mut Context<'_>) {
    let figures: Vec<Freshness> = cx
        .items
        .iter()
        .map(|it| {
            if let Some(f) = &it.item.freshness {
                return Freshness { secs: f.value.secs(), from: FreshnessFrom::Stated };
            }
            if let Some(b) = it.store.and_then(|s| cx.stores.get(s)).and_then(|s| s.store.staleness_budget.as_ref()) {
                return Freshness { secs: b.value.secs(), from: FreshnessFrom::Budget };
            }
            Freshness { secs: it.pattern.map_or(0.0, |p| p.assumed_freshness.secs()), from: FreshnessFrom::Assumed }
        })
        .collect();
    for (it, f) in cx.items.iter_mut().zip(figures) {
        it.freshness = f;
        if it.bottleneck.is_none()
            && let Some(miss) = paced_by_freshness(it)
        {
            it.bottleneck =
                Some(Bottleneck { latency: Some(miss), target_is_freshness: true, throughput: None, unserved: false });
        }
    }
}

/// A measured lag or run time judged against a freshness the catalog assumes (none stated) counts
/// only far beyond it: past ten times the assumption, or ten minutes, whichever is longer (an
/// assumption is a usual tolerance, not a promise made to readers).
pub(crate) const ASSUMED_FLOOR_SECS: f64 = 60.0;
/// How many times the assumed freshness (or a minute, whichever is longer) a measured figure must
/// pass to count (low), and to count as medium.
pub(crate) const ASSUMED_LOW_FACTOR: f64 = 10.0;
pub(crate) const ASSUMED_MEDIUM_FACTOR: f64 = 100.0;

/// A scan (a report, an aggregation job: the pattern's shape is `scan`) with a measured latency
/// and no latency target: its answer is as old as the scan takes, so a run time beyond the
/// freshness its readers need is a miss against that freshness — the stated one (any excess), or
/// the catalog's assumption for the pattern (only far beyond it, as for a measured lag). Issue 17:
/// a daily-long aggregation over hourly data is a bottleneck whether or not a target was written.
/// Returns the measured run time and the freshness, seconds.
fn paced_by_freshness(it: &ItemInfo<'_>) -> Option<(f64, f64)> {
    let latency = it.item.latency.as_ref()?.value;
    if latency.target.is_some() || it.shape() != Some(Shape::Scan) {
        return None;
    }
    let measured = latency.measured?.secs();
    let need = it.freshness;
    if !(need.secs > 0.0 && measured.is_finite()) {
        return None;
    }
    let beyond = match need.from {
        FreshnessFrom::Stated | FreshnessFrom::Budget => measured > need.secs,
        FreshnessFrom::Assumed => measured > need.secs.max(ASSUMED_FLOOR_SECS) * ASSUMED_LOW_FACTOR,
    };
    beyond.then_some((measured, need.secs))
}

/// Links bottlenecks on a store that fits them to a poor-fit bottleneck on the same store.
fn link_interference(cx: &mut Context<'_>) {
    let mut links = Vec::new();
    for s in &cx.stores {
        let culprit =
            s.items.iter().copied().find(|&i| cx.items.get(i).is_some_and(|it| it.bottleneck.is_some() && it.poor_fit));
        let Some(culprit) = culprit else { continue };
        for &i in &s.items {
            if cx.items.get(i).is_some_and(|it| it.bottleneck.is_some() && !it.poor_fit && it.fit.is_some()) {
                links.push((culprit, i));
            }
        }
    }
    for (culprit, victim) in links {
        if let Some(v) = cx.items.get_mut(victim) {
            v.explained_by = Some(culprit);
        }
        if let Some(c) = cx.items.get_mut(culprit) {
            c.victims.push(victim);
        }
    }
}

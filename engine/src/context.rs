//! The analysis context: the workload indexed once (stores by id, flows both ways, lineages,
//! lag from the source of truth, each workload's fit and bottleneck) and shared by every rule.

use std::collections::HashMap;

use catalog::{Catalog, Grade, StoreType, model::Fit, units::Rate};
use workload::{Feed, Role, Store, Via, Workload, WorkloadItem};

use crate::{
    assess::{self, Assessment},
    cost::{DEFAULT_BATCH_EVERY_SECS, DEFAULT_HOURLY_COST_USD, ViaCounts, profile},
    estimate::Estimate,
    scale::{Exceeded, Load, exceeded},
};

/// Everything the rules need to know about one workload file, computed once per analysis.
///
/// Built by [`crate::analyze`]; opaque outside the crate.
#[derive(Debug)]
pub struct Context<'a> {
    pub(crate) workload: &'a Workload,
    pub(crate) catalog: &'a Catalog,
    /// USD per engineering hour.
    pub(crate) hourly: f64,
    /// One per store, in file order.
    pub(crate) stores: Vec<StoreInfo<'a>>,
    pub(crate) by_id: HashMap<&'a str, usize>,
    /// One per workload item, in file order.
    pub(crate) items: Vec<ItemInfo<'a>>,
    pub(crate) item_by_id: HashMap<&'a str, usize>,
    /// Proposals (indexes) per workload id they are for.
    pub(crate) proposals_for: HashMap<&'a str, Vec<usize>>,
    /// The source of truth with the largest lineage (first in the file on a tie).
    pub(crate) primary: Option<usize>,
    /// The store whose hours are the `x_single` baseline: the primary, else the first store.
    pub(crate) baseline: Option<usize>,
    /// Lineages (stores connected by flows), indexed by `StoreInfo::lineage`.
    pub(crate) lineages: Vec<Lineage>,
    /// The stores of each lineage, in file order.
    pub(crate) members: Vec<Vec<usize>>,
    /// For a store, the first pipeline fed from it by CDC or an outbox (to reuse for new stores).
    pub(crate) pipeline_from: HashMap<usize, usize>,
}

/// A set of stores connected by flows, and the flows between them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lineage {
    pub(crate) stores: usize,
    pub(crate) counts: ViaCounts,
}

/// An incoming flow, resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InFlow<'a> {
    pub(crate) from: usize,
    pub(crate) feed: &'a Feed,
}

impl InFlow<'_> {
    pub(crate) fn via(&self) -> Via {
        self.feed.via.value
    }
}

/// One store and what the analysis learnt about it.
#[derive(Debug)]
pub(crate) struct StoreInfo<'a> {
    pub(crate) store: &'a Store,
    pub(crate) kind: Option<&'a StoreType>,
    /// Its incoming flows whose source exists.
    pub(crate) feeds: Vec<InFlow<'a>>,
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
}

/// A measured figure worse than its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bottleneck {
    /// Measured and target latency, seconds, when latency misses.
    pub(crate) latency: Option<(f64, f64)>,
    /// Measured and target throughput, when throughput misses.
    pub(crate) throughput: Option<(Rate, Rate)>,
}

/// One workload item and what the analysis learnt about it.
#[derive(Debug)]
pub(crate) struct ItemInfo<'a> {
    pub(crate) item: &'a WorkloadItem,
    /// The store serving it, when it exists.
    pub(crate) store: Option<usize>,
    pub(crate) load: Load,
    /// Some figure was measured (latency or throughput).
    pub(crate) measured: bool,
    /// A measured figure misses its target.
    pub(crate) bottleneck: Option<Bottleneck>,
    /// The current store's fit for its pattern.
    pub(crate) fit: Option<&'a Fit>,
    /// Where the workload is beyond that fit's scale.
    pub(crate) exceeded: Vec<Exceeded>,
    /// Graded weak or unsuited, or beyond the grade's scale.
    pub(crate) poor_fit: bool,
    /// For bottlenecks: remedies weighed and stores that would address it.
    pub(crate) assessment: Option<Assessment<'a>>,
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

    pub(crate) fn pattern(&self) -> &str {
        &self.item.pattern.value
    }

    /// The latency target, seconds.
    pub(crate) fn latency_target(&self) -> Option<f64> {
        self.item.latency.as_ref().and_then(|l| l.value.target).map(catalog::units::Duration::secs)
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
                }
            })
            .collect();
        let mut edges = Vec::new();
        for (to, s) in workload.stores.iter().enumerate() {
            for feed in &s.fed_by {
                if let Some(&from) = by_id.get(feed.from.value.as_str())
                    && from != to
                {
                    edges.push((from, to));
                    if let Some(info) = stores.get_mut(to) {
                        info.feeds.push(InFlow { from, feed });
                    }
                }
            }
        }
        for &(from, to) in &edges {
            if let Some(info) = stores.get_mut(from) {
                info.consumers.push(to);
            }
        }
        let lineages = lineages(&mut stores, &edges);
        propagate(&mut stores);
        let mut members = vec![Vec::new(); lineages.len()];
        let mut pipeline_from = HashMap::new();
        for (i, s) in stores.iter().enumerate() {
            if let Some(m) = members.get_mut(s.lineage) {
                m.push(i);
            }
            if s.role() == Role::Pipeline {
                for f in s.feeds.iter().filter(|f| matches!(f.via(), Via::Cdc | Via::Outbox)) {
                    pipeline_from.entry(f.from).or_insert(i);
                }
            }
        }

        let primary = stores
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role() == Role::SourceOfTruth)
            .max_by(|(ia, a), (ib, b)| {
                let size = |s: &StoreInfo<'_>| lineages.get(s.lineage).map_or(0, |l| l.stores);
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
            items.push(item_info(item, store.and_then(|s| stores.get(s))).with_store(store));
        }
        let mut proposals_for: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in workload.proposals.iter().enumerate() {
            if let Some(w) = &p.for_workload {
                proposals_for.entry(w.value.as_str()).or_default().push(i);
            }
        }

        let mut cx = Context {
            workload,
            catalog,
            hourly,
            stores,
            by_id,
            items,
            item_by_id,
            proposals_for,
            primary,
            baseline,
            lineages,
            members,
            pipeline_from,
        };
        link_interference(&mut cx);
        let assessments: Vec<Option<Assessment<'a>>> = (0..cx.items.len()).map(|i| assess::assess(&cx, i)).collect();
        for (item, a) in cx.items.iter_mut().zip(assessments) {
            item.assessment = a;
        }
        cx
    }

    /// A store by index.
    pub(crate) fn store(&self, i: usize) -> Option<&StoreInfo<'a>> {
        self.stores.get(i)
    }

    /// The lineage a store belongs to.
    pub(crate) fn lineage_of(&self, store: usize) -> Lineage {
        self.stores.get(store).and_then(|s| self.lineages.get(s.lineage)).copied().unwrap_or_default()
    }

    /// The source of truth a derived store's data comes from: its root that is a source of truth
    /// (the primary if it is one of them), else `None`.
    pub(crate) fn root_of_truth(&self, store: usize) -> Option<usize> {
        let info = self.stores.get(store)?;
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
    pub(crate) fn flow_lag(&self, from: usize, feed: &Feed) -> Option<Estimate> {
        flow_lag(self.stores.get(from).and_then(|s| s.kind), feed)
    }
}

fn flow_lag(source: Option<&StoreType>, feed: &Feed) -> Option<Estimate> {
    let via = feed.via.value;
    match via {
        Via::Cdc => {
            let side = &source?.cdc.as_source;
            if !side.supported {
                return None;
            }
            side.lag.map(|l| Estimate::new(l.lo.secs(), l.hi.secs()))
        }
        Via::BatchEtl => {
            let every = feed.every.map_or(DEFAULT_BATCH_EVERY_SECS, catalog::units::Duration::secs);
            Some(Estimate::new(0.0, every))
        }
        _ => profile(via).lag_secs,
    }
}

/// Groups stores into lineages (union-find over the flows) and counts each lineage's flows.
fn lineages(stores: &mut [StoreInfo<'_>], edges: &[(usize, usize)]) -> Vec<Lineage> {
    let mut sets = crate::graph::UnionFind::new(stores.len());
    for &(a, b) in edges {
        sets.union(a, b);
    }
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Lineage> = Vec::new();
    for i in 0..stores.len() {
        let root = sets.find(i);
        let next = out.len();
        let l = *index_of_root.entry(root).or_insert(next);
        if l == next {
            out.push(Lineage::default());
        }
        if let Some(lineage) = out.get_mut(l) {
            lineage.stores += 1;
        }
        if let Some(s) = stores.get_mut(i) {
            s.lineage = l;
        }
    }
    for s in stores.iter() {
        if let Some(lineage) = out.get_mut(s.lineage) {
            for f in &s.feeds {
                lineage.counts.add(f.via(), 1);
            }
        }
    }
    out
}

/// Roots and lag, in topological order (Kahn); stores on a cycle keep no roots and unknown lag.
fn propagate(stores: &mut [StoreInfo<'_>]) {
    let n = stores.len();
    let mut pending: Vec<usize> = stores.iter().map(|s| s.feeds.len()).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&i| pending.get(i) == Some(&0)).collect();
    let mut head = 0;
    while let Some(&i) = queue.get(head) {
        head += 1;
        let Some(info) = stores.get(i) else { continue };
        let (roots, lag) = if info.role() == Role::SourceOfTruth || info.feeds.is_empty() {
            (vec![i], Some(Estimate::exact(0.0)))
        } else {
            let mut roots = Vec::new();
            let mut lag = Some(Estimate::exact(0.0));
            for f in &info.feeds {
                let up = stores.get(f.from);
                roots.extend(up.map(|u| u.roots.iter().copied()).into_iter().flatten());
                let hop = flow_lag(up.and_then(|u| u.kind), f.feed);
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

fn item_info<'a>(item: &'a WorkloadItem, store: Option<&StoreInfo<'a>>) -> ItemInfo<'a> {
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
    let bottleneck = (slow.is_some() || short.is_some()).then_some(Bottleneck { latency: slow, throughput: short });
    let demand = match (item.rate, throughput.and_then(|t| t.target)) {
        (Some(r), Some(t)) => Some(if t.per_sec() > r.per_sec() { t } else { r }),
        (r, t) => r.or(t),
    };
    let load =
        Load { data: item.data_size.or_else(|| store.and_then(|s| s.store.size)), items: item.items, rate: demand };
    let fit = store.and_then(|s| s.kind).and_then(|k| k.fit(&item.pattern.value));
    let exceeded = fit.map(|f| exceeded(&f.up_to, &load)).unwrap_or_default();
    let poor_fit = fit.is_some_and(|f| f.grade <= Grade::Weak || !exceeded.is_empty());
    ItemInfo {
        item,
        store: None,
        load,
        measured,
        bottleneck,
        fit,
        exceeded,
        poor_fit,
        assessment: None,
        explained_by: None,
        victims: Vec::new(),
    }
}

impl ItemInfo<'_> {
    fn with_store(mut self, store: Option<usize>) -> Self {
        self.store = store;
        self
    }
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

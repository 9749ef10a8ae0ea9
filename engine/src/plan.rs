//! The decisions, made once and in an order that keeps them consistent: saturated stores first
//! (scale the engine), then each workload's bottleneck, then which stores can be folded away
//! (with evidence both ways), then how each flow should run given those fates, then the verdict
//! on every proposal, then what a new store absorbs. The rules only report these decisions, so a
//! report never asks to feed a store it also removes.

use std::collections::HashSet;

use catalog::{
    Grade,
    model::{Direction, Shape, WriteKind},
};
use serde::Serialize;
use workload::{Ask, Role, Via};

use crate::{
    capacity::grown,
    context::Context,
    judge::{self, MIN_WRITE_GRADE},
    load::Load,
    options::{Choice, Considered, FeedGap, Reason, Verdict, pick},
    report::Finding,
    scaling::{self, Saturation},
};

/// Queries per day at or below which a derived store is underused.
pub const UNDERUSED_QUERIES_PER_DAY: f64 = 1_000.0;

/// A batch feed this many times staler than another feed of the same store makes the store mix
/// old and live data.
pub(crate) const MIXED_FRESHNESS_RATIO: f64 = 100.0;

/// Incidents per month on a store from which its measured operations count as pain.
pub(crate) const PAINFUL_INCIDENTS_PER_MONTH: f64 = 1.0;

/// How much more than the catalog's estimate a team must spend on a store for its hours to
/// count as pain.
pub(crate) const PAINFUL_HOURS_FACTOR: f64 = 2.0;
/// A batch whose measured lag passes this many intervals is behind: a run's lag is its interval
/// plus its run time, so beyond two intervals each run takes longer than the interval itself.
pub(crate) const BEHIND_FACTOR: f64 = 2.0;

/// The options for one workload's measured bottleneck, and the pick.
#[derive(Debug, Clone)]
pub(crate) struct ItemPlan {
    pub(crate) item: usize,
    pub(crate) options: Vec<Considered>,
    pub(crate) pick: Option<usize>,
}

impl ItemPlan {
    pub(crate) fn chosen(&self) -> Option<&Considered> {
        self.pick.and_then(|p| self.options.get(p))
    }
}

/// Why folding a store away is on the table at all.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "trigger", rename_all = "snake_case")]
pub enum Trigger {
    /// Queried this few times a day.
    Underused {
        /// Queries per day.
        queries_per_day: f64,
    },
    /// It runs a queue, cache or session store that the store taking over offers a remedy for.
    Absorbable,
    /// The team's measured incidents or hours on it.
    Pain {
        /// Incidents per month.
        incidents_per_month: f64,
        /// Hours a month the team spends, when stated.
        hours_per_month: Option<f64>,
    },
    /// The writes feeding it are what it takes worst (its indexing or update load).
    WriteLoad {
        /// The kind of write.
        write: WriteKind,
        /// Its grade for it.
        grade: Grade,
    },
    /// The application writes it alongside the source of truth (a dual write).
    DualWrite,
    /// A proposal asks to remove it.
    Proposal,
    /// Small and nothing measured on it: the source of truth covers it at the stated scale.
    Small,
}

/// Whether one store can fold into another, workload by workload.
#[derive(Debug, Clone)]
pub(crate) struct Fold {
    pub(crate) store: usize,
    pub(crate) into: usize,
    /// Each workload with the best way the target serves it (a remedy or its own fit).
    pub(crate) served: Vec<(usize, Considered)>,
    /// Utilization of the target's limit at the horizon with the load added, when known.
    pub(crate) load_after: Option<f64>,
    pub(crate) trigger: Trigger,
}

/// What happens to a store.
#[derive(Debug, Clone)]
pub(crate) enum Fate {
    /// It stays.
    Keep,
    /// It folds into another store: every workload served there, the load within limits.
    Remove(Fold),
    /// It might fold, but a figure needed to show the target can carry it is missing.
    Unknown(Fold),
}

/// What is wrong with a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowProblem {
    /// The application writes both stores with no transaction spanning them.
    DualWrite,
    /// Query-based polling: misses deletes and intermediate states, loads the source.
    Polling,
    /// A periodic repair job: divergence between runs, load on both stores.
    RepairJob,
    /// A batch job lagging more than the data may be stale.
    BatchLag,
    /// A batch job whose measured lag exceeds twice its interval: each run takes longer than the
    /// interval, so it cannot keep up with the changes it copies, whatever the readers accept.
    BatchBehind,
}

/// The options for one flow, and the pick.
#[derive(Debug, Clone)]
pub(crate) struct FlowPlan {
    pub(crate) flow: usize,
    pub(crate) problem: FlowProblem,
    pub(crate) options: Vec<Considered>,
    pub(crate) pick: Option<usize>,
    /// For a dual write: how the target would fold into the source of truth.
    pub(crate) fold: Option<Fold>,
}

impl FlowPlan {
    pub(crate) fn chosen(&self) -> Option<&Considered> {
        self.pick.and_then(|p| self.options.get(p))
    }
}

/// What storewise concludes on a proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum ProposalVerdict {
    /// The decision rule supports it: it is the pick for a measured bottleneck.
    Accepted,
    /// Another option meets the need better (the comparison is in the options table).
    Superseded {
        /// The option that wins, as a phrase key.
        by: String,
    },
    /// Nothing measured shows the need it is meant to meet.
    NoMeasuredNeed,
    /// It is judged and fails (the reasons are in its option row).
    Rejected,
    /// A figure needed to judge it is missing.
    Unknown {
        /// What to state.
        figures: Vec<String>,
    },
}

/// The verdict on one proposal, with the option row it was judged as.
#[derive(Debug, Clone)]
pub(crate) struct ProposalPlan {
    pub(crate) index: usize,
    pub(crate) verdict: ProposalVerdict,
    pub(crate) option: Option<Considered>,
    /// For accepted replace, move and remove proposals: what to do.
    pub(crate) fold: Option<Fold>,
}

/// A derived store a new store would serve better: fold it into the new one.
#[derive(Debug, Clone)]
pub(crate) struct Absorb {
    pub(crate) store: usize,
    /// The item plan whose pick adds the new store.
    pub(crate) plan: usize,
    pub(crate) served: Vec<(usize, Considered)>,
}

/// Every decision of one analysis, made by [`crate::analyze`]; opaque outside the crate.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub(crate) saturations: Vec<Saturation>,
    pub(crate) items: Vec<ItemPlan>,
    pub(crate) fates: Vec<Fate>,
    pub(crate) flows: Vec<FlowPlan>,
    pub(crate) proposals: Vec<ProposalPlan>,
    pub(crate) absorbs: Vec<Absorb>,
}

/// One of the plan's options tables, as a finding names it (see [`Plan::hand_over`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Table {
    /// `items[i]`'s options.
    Item(usize),
    /// `saturations[i]`'s options.
    Saturation(usize),
    /// `flows[i]`'s options.
    Flow(usize),
}

impl Plan {
    fn table_mut(&mut self, table: Table) -> Option<&mut Vec<Considered>> {
        match table {
            Table::Item(i) => self.items.get_mut(i).map(|p| &mut p.options),
            Table::Saturation(i) => self.saturations.get_mut(i).map(|p| &mut p.options),
            Table::Flow(i) => self.flows.get_mut(i).map(|p| &mut p.options),
        }
    }

    /// Gives each finding the options table its rule named (`Finding::options_of`), once the
    /// rules are done with the plan: the last finding to name a table takes it, any other a
    /// copy (an options table is as large as the rest of a finding; copying each cost a tenth of
    /// the analysis of a 1,000-store file).
    pub(crate) fn hand_over(mut self, findings: &mut [Finding]) {
        let mut left: std::collections::HashMap<Table, usize> = std::collections::HashMap::new();
        for t in findings.iter().filter_map(|f| f.options_of) {
            *left.entry(t).or_default() += 1;
        }
        for f in findings.iter_mut() {
            let Some(t) = f.options_of.take() else { continue };
            let (Some(n), Some(options)) = (left.get_mut(&t), self.table_mut(t)) else { continue };
            *n -= 1;
            f.options = if *n == 0 { std::mem::take(options) } else { options.clone() };
        }
    }

    /// Makes every decision for a workload.
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let mut plan = Plan {
            saturations: (0..cx.stores.len()).filter_map(|s| scaling::saturation(cx, s)).collect(),
            ..Plan::default()
        };
        for (i, it) in cx.items.iter().enumerate() {
            if it.bottleneck.is_none() || it.store.and_then(|s| cx.store(s)).and_then(|s| s.kind).is_none() {
                continue;
            }
            let saturated = it.store.is_some_and(|s| plan.saturations.iter().any(|x| x.store == s));
            if saturated && !it.poor_fit {
                continue; // its fix is the store's: scale the engine
            }
            if it.explained_by.is_some() {
                continue; // a poorly fitting workload on the same store slows it: its fix is that one's
            }
            if it.store.is_some_and(|s| cache_explains(cx, s)) {
                continue; // a cache missing what is read: its size is the fix (SW015)
            }
            plan.items.push(item_plan(cx, i));
        }
        share_added_stores(cx, &mut plan);
        // Stores a workload's pick relies on stay.
        let relied_on: HashSet<&str> = plan
            .items
            .iter()
            .filter_map(ItemPlan::chosen)
            .filter_map(|c| match &c.choice {
                Choice::Existing { store } => Some(store.as_str()),
                _ => None,
            })
            .collect();
        let fates = (0..cx.stores.len()).map(|s| fate(cx, &plan, &relied_on, s)).collect();
        plan.fates = fates;
        plan.flows = (0..cx.flows.len()).filter_map(|f| flow_plan(cx, &plan, f)).collect();
        plan.proposals = (0..cx.workload.proposals.len()).map(|p| proposal_plan(cx, &plan, p)).collect();
        plan.absorbs = absorbs(cx, &plan);
        reconcile(cx, &mut plan);
        plan
    }

    /// Whether a store is folded away (by consolidation or an accepted proposal).
    pub(crate) fn removed(&self, store: usize) -> bool {
        matches!(self.fates.get(store), Some(Fate::Remove(_)))
            || self
                .proposals
                .iter()
                .any(|p| p.verdict == ProposalVerdict::Accepted && p.fold.as_ref().is_some_and(|f| f.store == store))
            || self.absorbs.iter().any(|a| a.store == store)
            || self.flows.iter().any(|fp| fp.fold.as_ref().is_some_and(|f| f.store == store))
    }

    /// The plan for a workload's bottleneck, if it has one of its own.
    pub(crate) fn item(&self, item: usize) -> Option<&ItemPlan> {
        self.items.iter().find(|p| p.item == item)
    }
}

/// A saturated store whose slice a new store could take, when a workload of the same store has
/// that store picked for its own bottleneck: one new store for both, rather than scaling the
/// engine and adding the store as well. The slice's option must hold the load to the horizon on
/// its own figures; it then wins over the steps that scale the engine.
fn share_added_stores(cx: &Context<'_>, plan: &mut Plan) {
    let Plan { saturations, items, .. } = plan;
    for sat in saturations.iter_mut() {
        let added = items.iter().enumerate().find_map(|(n, ip)| {
            let Choice::NewStore { store_type } = &ip.chosen()?.choice else { return None };
            let it = cx.items.get(ip.item)?;
            (it.store == Some(sat.store)).then(|| (n, store_type.clone(), it.id().to_string()))
        });
        let Some((n, store_type, workload)) = added else { continue };
        let Some(shared) = sat.options.iter().position(|c| {
            matches!(&c.choice, Choice::NewStore { store_type: t } if *t == store_type) && c.viable() && c.full_reach
        }) else {
            continue;
        };
        let Some(winner) = sat.options.get(shared).map(Considered::key) else { continue };
        for (i, c) in sat.options.iter_mut().enumerate() {
            c.reasons.retain(|r| !matches!(r, Reason::Lost { .. }));
            if i == shared {
                c.verdict = Verdict::Chosen;
                c.because(Reason::AddedAnyway { workload: workload.clone() });
            } else if c.viable() {
                c.verdict = Verdict::Viable;
                c.reasons.push(Reason::Lost { to: winner.clone(), by: crate::options::TieBreak::Shared });
            }
        }
        sat.pick = Some(shared);
        // The one new store is fed the way the slice is (its writes move with it): the
        // workload's own pick says so too, so both findings describe the same store.
        let fed =
            sat.options.get(shared).and_then(|c| c.reasons.iter().find(|r| matches!(r, Reason::Fed { .. })).cloned());
        if let (Some(fed), Some(c)) = (fed, items.get_mut(n).and_then(|ip| ip.pick.and_then(|p| ip.options.get_mut(p))))
        {
            for r in &mut c.reasons {
                if matches!(r, Reason::Fed { .. }) {
                    *r = fed.clone();
                }
            }
        }
    }
}

/// Whether a store's cache facts explain its workloads' misses: a hit rate below what a cache
/// needs, or a working set beyond its capacity.
pub(crate) fn cache_explains(cx: &Context<'_>, store: usize) -> bool {
    cx.store(store).and_then(|s| s.store.cache.as_ref()).is_some_and(|c| {
        let c = c.value;
        c.hit_rate.is_some_and(|h| h.fraction() < crate::rules::LOW_HIT_RATE)
            || c.working_set.zip(c.capacity).is_some_and(|(w, cap)| w.0 > cap.0)
    })
}

/// Keeps the decisions consistent: a store one decision removes is kept when another decision
/// feeds it, feeds a new store from it, moves a workload to it, folds a store into it, or scales
/// it. Keeping is the safe side: removing a store needs every decision to agree.
fn reconcile(cx: &Context<'_>, plan: &mut Plan) {
    loop {
        let removed: Vec<usize> = (0..cx.stores.len()).filter(|&s| plan.removed(s)).collect();
        let Some(&s) = removed.iter().find(|&&s| needed(cx, plan, s)) else { break };
        keep(plan, s);
    }
}

/// Whether a decision other than its removal relies on `store`.
fn needed(cx: &Context<'_>, plan: &Plan, store: usize) -> bool {
    let id = cx.store(store).map_or("", |s| s.id());
    let flows = plan.flows.iter().any(|fp| {
        let Some(f) = cx.flow(fp.flow) else { return false };
        let fold = fp.chosen().is_some_and(|c| matches!(c.choice, Choice::Fold { .. }));
        (f.to == store && !fold) || (f.from == Some(store) && fp.pick.is_some() && !fold)
    });
    let items = plan.items.iter().any(|ip| match ip.chosen().map(|c| &c.choice) {
        Some(Choice::Existing { store: s }) => s == id,
        Some(Choice::NewStore { .. }) => {
            let it = cx.items.get(ip.item);
            it.and_then(|it| it.store) == Some(store)
                || it.and_then(|it| it.store).and_then(|s| cx.root_of_truth(s)) == Some(store)
        }
        _ => false,
    });
    let through =
        |c: &Considered| c.reasons.iter().any(|r| matches!(r, Reason::Fed { through: Some(p), .. } if p == id));
    let fed_through = plan.items.iter().filter_map(ItemPlan::chosen).any(through)
        || plan.saturations.iter().filter_map(|sat| sat.pick.and_then(|p| sat.options.get(p))).any(through);
    let scaled = fed_through
        || plan
            .saturations
            .iter()
            .any(|sat| sat.store == store || (sat.pick.is_some() && cx.root_of_truth(sat.store) == Some(store)));
    let into = plan.fates.iter().any(|f| matches!(f, Fate::Remove(fd) if fd.into == store))
        || plan
            .proposals
            .iter()
            .any(|p| p.verdict == ProposalVerdict::Accepted && p.fold.as_ref().is_some_and(|f| f.into == store))
        || plan.flows.iter().any(|fp| fp.fold.as_ref().is_some_and(|f| f.into == store));
    let moved_to = plan.proposals.iter().any(|p| {
        p.verdict == ProposalVerdict::Accepted
            && cx
                .workload
                .proposals
                .get(p.index)
                .is_some_and(|q| matches!(&q.ask, Ask::Move { to, .. } if to.value == id))
    });
    flows || items || scaled || into || moved_to
}

/// Takes back every decision that removes `store`.
fn keep(plan: &mut Plan, store: usize) {
    if let Some(f) = plan.fates.get_mut(store) {
        *f = Fate::Keep;
    }
    plan.absorbs.retain(|a| a.store != store);
    for p in &mut plan.proposals {
        if p.fold.as_ref().is_some_and(|f| f.store == store) && p.verdict == ProposalVerdict::Accepted {
            p.verdict = ProposalVerdict::Rejected;
            if let Some(o) = &mut p.option {
                o.reject(Reason::Unknown {
                    figure: "a plan that keeps the store: other recommendations rely on it".into(),
                });
            }
        }
    }
    for fp in &mut plan.flows {
        if fp.fold.as_ref().is_some_and(|f| f.store == store) {
            fp.fold = None;
            if let Some(c) = fp.options.iter_mut().find(|c| matches!(c.choice, Choice::Fold { .. })) {
                c.reasons.retain(|r| !matches!(r, Reason::Lost { .. }));
                c.reject(Reason::Unknown {
                    figure: "a plan that keeps the store: other recommendations rely on it".into(),
                });
            }
            for c in &mut fp.options {
                c.reasons.retain(|r| !matches!(r, Reason::Lost { .. }));
                if c.verdict == Verdict::Chosen {
                    c.verdict = Verdict::Viable;
                }
            }
            fp.pick = pick_flow(&mut fp.options);
        }
    }
}

/// The options for one workload with a measured bottleneck: its store's remedies, another store
/// already run, and new stores; judged and picked.
fn item_plan(cx: &Context<'_>, item: usize) -> ItemPlan {
    let mut options = judge::remedies(cx, item);
    options.extend(judge::existing(cx, item));
    let poor = cx.items.get(item).is_some_and(|it| it.poor_fit || it.explained_by.is_none());
    if poor {
        options.extend(judge::new_stores(cx, item));
    }
    let pick = pick(&mut options);
    ItemPlan { item, options, pick }
}

/// The store a store would fold into: its source of truth, or the primary for a store the
/// application fills itself.
fn fold_target(cx: &Context<'_>, store: usize) -> Option<usize> {
    let info = cx.store(store)?;
    let into = match info.role() {
        // A second source of truth of another engine (metrics beside orders); one of the same
        // engine is a deliberate functional partition and is never undone.
        Role::SourceOfTruth => {
            let primary = cx.primary.filter(|&p| p != store)?;
            let same = cx.store(primary).and_then(|p| p.kind).zip(info.kind).is_some_and(|(a, b)| a.id == b.id);
            if same {
                return None;
            }
            primary
        }
        _ if info.roots.iter().all(|&r| r == store) => cx.primary?,
        _ => cx.root_of_truth(store)?,
    };
    (into != store).then_some(into)
}

/// Whether `store` can fold into `into`: each workload served there (a remedy or its own fit,
/// at the workload's scale on the target's nodes), and the added load within the target's limits.
pub(crate) fn fold(cx: &Context<'_>, store: usize, into: usize, trigger: Trigger) -> Option<Fold> {
    let info = cx.store(store)?;
    let target = cx.store(into)?;
    let kind = target.kind?;
    // Small and unmeasured: "works with tuning or at small scale" is enough, as nothing measured
    // shows the store is needed.
    let min = if trigger == Trigger::Small { Grade::Fair } else { judge::MIN_GRADE };
    let mut served = Vec::new();
    let mut added = 0.0;
    let mut added_known = true;
    for &i in &info.items {
        let it = cx.items.get(i)?;
        let load: Load = crate::context::per_node(target, it.item, it.direction, it.total);
        let mut options = Vec::new();
        let mut own = Considered::new(Choice::Existing { store: target.id().to_string() });
        own.added_hours = Some(0.0);
        judge::judge_fit(kind, it, &load, judge::Evidence::Strict, min, &mut own);
        if it.freshness.secs < 0.0 {
            own.reject(Reason::Unknown { figure: "freshness".into() });
        }
        options.push(own);
        for r in judge::pattern_remedies(cx, kind, it.pattern_id()) {
            let mut c = Considered::new(Choice::Remedy { store: target.id().to_string(), remedy: r.id.clone() });
            let moved = crate::context::ItemInfo { load, ..shallow(it) };
            judge::judge_remedy(cx, &moved, target.id(), r, judge::Evidence::Strict, min, &mut c);
            c.reasons.retain(|r| !matches!(r, Reason::InPlace));
            if c.verdict == Verdict::Rejected && !c.reasons.iter().any(|r| !matches!(r, Reason::InPlace)) {
                c.verdict = Verdict::Viable;
            }
            options.push(c);
        }
        // A scan, search or traversal over the whole data set cannot move into a fleet the
        // application shards: each shard holds its own keys, and nothing joins them.
        if let Some(shards) = target.app_shards()
            && it.pattern.is_some_and(|p| matches!(p.shape, Shape::Scan | Shape::Search | Shape::Traversal))
        {
            for c in &mut options {
                c.reject(Reason::SpansShards { shards });
            }
        }
        // Taking a store away needs the whole latency range within the target: a way that
        // reaches it only at its optimistic end is a measurement to take there, not evidence.
        if it.latency_target().is_some() {
            for c in options.iter_mut().filter(|c| c.viable() && !c.full_reach) {
                c.unknown(Reason::Unknown {
                    figure: format!(
                        "{}'s latency measured on {} (it reaches the target only at its best)",
                        it.id(),
                        target.id()
                    ),
                });
            }
        }
        let best = pick(&mut options).and_then(|p| options.get(p).cloned());
        let chosen = best.unwrap_or_else(|| {
            options.iter().find(|c| c.verdict == Verdict::Unknown).cloned().unwrap_or_else(|| options.swap_remove(0))
        });
        match (load.rate, kind.fit(it.pattern_id()).and_then(|f| f.up_to.rate)) {
            (Some(r), Some(cap)) if cap.per_sec() > 0.0 => added += r.per_sec() / cap.per_sec(),
            (None, Some(_)) => added_known = false,
            _ => {}
        }
        served.push((i, chosen));
    }
    if served.is_empty() {
        return None;
    }
    let level = target.util.level().map(|(l, _)| l);
    let horizon = cx.horizon_months();
    let load_after = match level {
        Some(l) if added_known => Some(grown(l + added, target.growth, horizon)),
        None if added_known && added <= 0.25 => None,
        _ => None,
    };
    let mut fold = Fold { store, into, served, load_after, trigger };
    if let Some(after) = load_after.filter(|a| *a > scaling::TARGET) {
        for (_, c) in &mut fold.served {
            c.reject(Reason::Overloaded { utilization: after });
        }
    }
    if level.is_none() && (!added_known || added > 0.25) {
        for (_, c) in &mut fold.served {
            c.unknown(Reason::Unknown {
                figure: format!("the load {} carries today (rates of its workloads, or its CPU)", target.id()),
            });
        }
    }
    Some(fold)
}

/// A copy of an item's facts for judging it elsewhere.
fn shallow<'a>(it: &crate::context::ItemInfo<'a>) -> crate::context::ItemInfo<'a> {
    crate::context::ItemInfo {
        item: it.item,
        store: it.store,
        pattern: it.pattern,
        direction: it.direction,
        total: it.total,
        load: it.load,
        measured: it.measured,
        bottleneck: it.bottleneck,
        fit: it.fit,
        exceeded: Vec::new(),
        poor_fit: it.poor_fit,
        freshness: it.freshness,
        explained_by: None,
        victims: Vec::new(),
    }
}

impl Fold {
    /// Every workload is served.
    pub(crate) fn serves(&self) -> bool {
        self.served.iter().all(|(_, c)| c.viable())
    }

    /// Some workload's verdict waits on a missing figure, and none is rejected.
    pub(crate) fn unknown(&self) -> bool {
        !self.serves() && self.served.iter().all(|(_, c)| c.viable() || c.verdict == Verdict::Unknown)
    }

    /// The figures to state.
    pub(crate) fn missing(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .served
            .iter()
            .flat_map(|(_, c)| c.reasons.iter())
            .filter_map(|r| match r {
                Reason::Unknown { figure } | Reason::ScaleUnknown { figure } => Some(figure.clone()),
                _ => None,
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Why a store might be folded away, from what is measured on it.
fn trigger(cx: &Context<'_>, store: usize) -> Option<Trigger> {
    let info = cx.store(store)?;
    let incidents = info.store.incidents.as_ref().map_or(0.0, |i| i.value.per_month());
    let hours = info.store.ops_hours.as_ref().map(|h| h.value.per_sec() * 2_592_000.0);
    let model = info.kind.map_or(0.0, |k| crate::cost::store_hours(k, info.store.size).total());
    if incidents >= PAINFUL_INCIDENTS_PER_MONTH
        || hours.is_some_and(|h| model > 0.0 && h >= model * PAINFUL_HOURS_FACTOR)
    {
        return Some(Trigger::Pain { incidents_per_month: incidents, hours_per_month: hours });
    }
    if let Some(q) = queries_per_day(cx, store).filter(|q| *q <= UNDERUSED_QUERIES_PER_DAY) {
        return Some(Trigger::Underused { queries_per_day: q });
    }
    if let Some(kind) = info.kind {
        for &i in &info.items {
            let Some(it) = cx.items.get(i) else { continue };
            if it.direction == Direction::Read || it.item.updates.is_none() {
                continue;
            }
            let write = if it.item.updates.is_some_and(|u| u.fraction() >= 0.5) {
                WriteKind::Updates
            } else {
                WriteKind::Inserts
            };
            if let Some(w) = kind.writes.as_ref().map(|w| w.get(write)).filter(|w| w.grade < MIN_WRITE_GRADE)
                && it.load.rate.is_some()
            {
                return Some(Trigger::WriteLoad { write, grade: w.grade });
            }
        }
    }
    let absorbable =
        info.items.iter().filter_map(|&i| cx.items.get(i)).all(|it| it.pattern.is_some_and(|p| p.absorbable));
    let into_has_remedy = fold_target(cx, store).and_then(|t| cx.store(t)).and_then(|t| t.kind).is_some_and(|k| {
        info.items
            .iter()
            .filter_map(|&i| cx.items.get(i))
            .all(|it| judge::pattern_remedies(cx, k, it.pattern_id()).next().is_some())
    });
    if !info.items.is_empty() && absorbable && into_has_remedy {
        return Some(Trigger::Absorbable);
    }
    let nothing_measured = info.items.iter().filter_map(|&i| cx.items.get(i)).all(|it| !it.measured);
    (nothing_measured && !info.items.is_empty()).then_some(Trigger::Small)
}

/// The store's queries per day: its `queries`, else the sum of its workloads' rates.
pub(crate) fn queries_per_day(cx: &Context<'_>, store: usize) -> Option<f64> {
    let info = cx.store(store)?;
    if let Some(q) = info.store.queries {
        return Some(q.per_day());
    }
    let rates: Vec<f64> = info
        .items
        .iter()
        .filter_map(|&i| cx.items.get(i))
        .filter(|it| it.reads())
        .filter_map(|i| i.item.rate)
        .map(catalog::units::Rate::per_day)
        .collect();
    let reads = info.items.iter().filter_map(|&i| cx.items.get(i)).filter(|it| it.reads()).count();
    (!rates.is_empty() && rates.len() == reads).then(|| rates.iter().sum())
}

/// What happens to a store: folded away when something shows it should be and everything shows
/// the target can carry it; unknown when a figure is missing; kept otherwise.
fn fate(cx: &Context<'_>, plan: &Plan, relied_on: &HashSet<&str>, store: usize) -> Fate {
    let Some(info) = cx.store(store) else { return Fate::Keep };
    if info.items.is_empty() || !info.consumers.is_empty() {
        return Fate::Keep;
    }
    // A store a plan relies on, or one whose workloads are measured to need it, stays.
    let relied_on = relied_on.contains(info.id());
    let justified = info.items.iter().filter_map(|&i| cx.items.get(i)).any(|it| it.bottleneck.is_some());
    if relied_on || justified {
        return Fate::Keep;
    }
    // A store that combines the data of several sources of truth (a lake fed from a database and
    // an event log, an index joining each service's database) holds what no one of them holds:
    // folding it into one would drop the others' data.
    let sources =
        info.roots.iter().filter(|&&r| r != store && cx.store(r).is_some_and(|s| s.role() == Role::SourceOfTruth));
    if sources.count() > 1 {
        return Fate::Keep;
    }
    let Some(into) = fold_target(cx, store) else { return Fate::Keep };
    if plan.saturations.iter().any(|s| s.store == into) {
        return Fate::Keep;
    }
    let Some(trigger) = trigger(cx, store) else { return Fate::Keep };
    // A second source of truth folds when it is small and nothing is measured on it, or when the
    // team's measured incidents or hours on it hurt (issue 17 item 4: a self-run engine beside the
    // one the team already runs); its load shows nothing about whether it is needed otherwise.
    if info.role() == Role::SourceOfTruth && !matches!(trigger, Trigger::Small | Trigger::Pain { .. }) {
        return Fate::Keep;
    }
    let Some(fold) = fold(cx, store, into, trigger) else { return Fate::Keep };
    if fold.serves() {
        Fate::Remove(fold)
    } else if fold.unknown() {
        Fate::Unknown(fold)
    } else {
        Fate::Keep
    }
}

/// The plan for one flow, when it has a problem: a dual write, a poller, a repair job or a batch
/// job lagging past what readers accept.
fn flow_plan(cx: &Context<'_>, plan: &Plan, flow: usize) -> Option<FlowPlan> {
    let f = cx.flow(flow)?;
    let to = cx.store(f.to)?;
    let from = f.from.and_then(|s| cx.store(s));
    let problem = if f.is_dual_write() {
        FlowProblem::DualWrite
    } else {
        match f.via() {
            Via::Polling => FlowProblem::Polling,
            Via::RepairJob => FlowProblem::RepairJob,
            Via::BatchEtl => {
                let lag = cx.flow_lag(f)?;
                let budget = to.store.staleness_budget.as_ref().map(|b| b.value.secs());
                let target =
                    f.feed.lag.as_ref().and_then(|l| l.value.target).map(catalog::units::Duration::secs).or(budget);
                // A store fed both by this batch and by a flow a hundred times fresher mixes
                // day-old rows with live ones: joins across them are inconsistent by design.
                let mixed = cx
                    .feeds_of(f.to)
                    .filter(|g| !std::ptr::eq(*g, f))
                    .filter_map(|g| cx.flow_lag(g))
                    .any(|g| g.hi * MIXED_FRESHNESS_RATIO <= lag.lo.max(lag.hi / 2.0));
                let measured = f.feed.lag.as_ref().and_then(|l| l.value.measured).map(catalog::units::Duration::secs);
                let behind = measured.zip(f.feed.every).is_some_and(|(m, every)| m > BEHIND_FACTOR * every.secs());
                if target.is_some_and(|t| lag.hi > t) || mixed {
                    FlowProblem::BatchLag
                } else if behind {
                    FlowProblem::BatchBehind
                } else {
                    return None;
                }
            }
            _ => return None,
        }
    };
    let source = f.from?;
    let mut options = Vec::new();
    let mut folded = None;
    if problem == FlowProblem::DualWrite {
        let mut c = Considered::new(Choice::Fold {
            store: to.id().to_string(),
            into: from.map(|s| s.id().to_string()).unwrap_or_default(),
        });
        c.full_reach = true;
        let measured = to.items.iter().filter_map(|&i| cx.items.get(i)).any(|it| it.measured);
        let fd = match plan.fates.get(f.to) {
            Some(Fate::Remove(fd)) if fd.into == source => Some(fd.clone()),
            _ if to.consumers.is_empty() && to.role() != Role::SourceOfTruth => {
                fold(cx, f.to, source, Trigger::DualWrite)
            }
            _ => None,
        };
        match &fd {
            Some(fd) if fd.serves() && !measured => {
                let grade = fd.served.iter().filter_map(|(_, c)| c.grade).min().unwrap_or(Grade::Good);
                c.because(Reason::Graded { grade, up_to: None });
            }
            Some(fd) if fd.serves() => c.reject(Reason::Unknown {
                figure: "the same measurements on the source of truth (its workloads are measured where they are)"
                    .into(),
            }),
            Some(fd) if fd.unknown() => c.unknown(Reason::Unknown { figure: fd.missing().join(", ") }),
            Some(fd) => {
                let why = fd
                    .served
                    .iter()
                    .flat_map(|(_, c)| c.reasons.iter())
                    .find(|r| !matches!(r, Reason::Reaches { .. } | Reason::Graded { .. } | Reason::FreshEnough { .. }))
                    .cloned();
                c.reject(why.unwrap_or(Reason::WeakGrade { grade: Grade::Fair }));
            }
            None => c.reject(Reason::Unknown { figure: "the workloads it serves".into() }),
        }
        folded = fd.filter(|fd| fd.serves() && !measured);
        options.push(c);
    }
    let source_kind = from.and_then(|s| s.kind);
    let mut cdc = Considered::new(Choice::Flow { via: Via::Cdc });
    cdc.full_reach = true;
    match source_kind {
        Some(k) if k.cdc.as_source.supported => cdc.because(Reason::Fed { via: Via::Cdc, through: None }),
        _ => cdc.reject(Reason::CannotBeFed(FeedGap::NoCdcSource {
            store: from.map(|s| s.id().to_string()).unwrap_or_default(),
        })),
    }
    if to.kind.is_some_and(|k| !k.cdc.as_sink.supported) && to.role() != Role::Pipeline {
        cdc.reject(Reason::CannotBeFed(FeedGap::NoSink));
    }
    if let Some(reason) = cx.ruled_out("cdc", None, None).or_else(|| cx.ruled_out("cdc", Some(to.id()), None)) {
        cdc.reject(Reason::RuledOut { reason: reason.to_string() });
    }
    // A flow is too stale only when even its typical low end exceeds the budget (SW007 reports
    // a budget met only at times).
    let budget = to.store.staleness_budget.as_ref().map(|b| b.value.secs());
    if let Some(budget) = budget {
        let lag = source_kind.and_then(|k| k.cdc.as_source.lag).map_or(0.0, |l| l.lo.secs());
        if lag > budget {
            cdc.reject(Reason::TooStale { refresh_secs: lag, freshness_secs: budget });
        }
    }
    options.push(cdc);
    let mut outbox = Considered::new(Choice::Flow { via: Via::Outbox });
    outbox.full_reach = true;
    outbox.added_hours = cx.catalog.flow("outbox").map(|k| k.upkeep_hours);
    if source_kind.is_some_and(|k| !k.cdc.outbox_supported(k.family)) {
        outbox.reject(Reason::CannotBeFed(FeedGap::NoOutbox {
            store: from.map(|s| s.id().to_string()).unwrap_or_default(),
        }));
    }
    if let Some(reason) = cx.ruled_out("outbox", None, None).or_else(|| cx.ruled_out("outbox", Some(to.id()), None)) {
        outbox.reject(Reason::RuledOut { reason: reason.to_string() });
    }
    if let (Some(budget), Some(lag)) = (budget, cx.catalog.flow("outbox").and_then(|k| k.lag))
        && lag.lo.secs() > budget
    {
        outbox.reject(Reason::TooStale { refresh_secs: lag.lo.secs(), freshness_secs: budget });
    }
    if let Some(c) = options.iter_mut().find(|c| matches!(c.choice, Choice::Flow { via: Via::Cdc })) {
        c.added_hours = cx.catalog.flow("cdc").map(|k| k.upkeep_hours);
    }
    options.push(outbox);
    let pick = pick_flow(&mut options);
    if plan.removed(f.to) && problem != FlowProblem::DualWrite {
        return None;
    }
    Some(FlowPlan { flow, problem, options, pick, fold: folded })
}

/// The stated rule for a flow's fix: folding the store away when that serves (no second store,
/// nothing to keep in step), else log-based CDC when the source offers it (nothing added to every
/// write path, every committed change captured), else the cheapest other flow.
fn pick_flow(options: &mut [Considered]) -> Option<usize> {
    let first =
        |options: &[Considered], f: &dyn Fn(&Choice) -> bool| options.iter().position(|c| f(&c.choice) && c.viable());
    let chosen = first(options, &|c| matches!(c, Choice::Fold { .. }))
        .or_else(|| first(options, &|c| matches!(c, Choice::Flow { via: Via::Cdc })));
    let Some(chosen) = chosen else { return pick(options) };
    let winner = options.get(chosen).map(|c| match &c.choice {
        Choice::Fold { store, into } => format!("folding {store} into {into}"),
        _ => "CDC".to_string(),
    })?;
    for (i, c) in options.iter_mut().enumerate() {
        if i == chosen {
            c.verdict = Verdict::Chosen;
        } else if c.viable() {
            c.reasons.push(Reason::Lost { to: winner.clone(), by: crate::options::TieBreak::Rung });
        }
    }
    Some(chosen)
}

/// The verdict on one proposal.
fn proposal_plan(cx: &Context<'_>, plan: &Plan, index: usize) -> ProposalPlan {
    let mut out = ProposalPlan { index, verdict: ProposalVerdict::NoMeasuredNeed, option: None, fold: None };
    let Some(proposal) = cx.workload.proposals.get(index) else { return out };
    let item = proposal.for_workload.as_ref().and_then(|w| cx.item_by_id.get(w.value.as_str()).copied());
    match &proposal.ask {
        Ask::Add { add } => {
            let Some(kind) = cx.catalog.store(&add.value) else { return out };
            let same = |c: &Considered| matches!(&c.choice, Choice::NewStore { store_type } if *store_type == kind.id);
            // The workload's own plan, or a saturated store that splits this workload off.
            let table: Option<(Vec<Considered>, Option<usize>)> =
                item.and_then(|i| plan.item(i).map(|ip| (ip.options.clone(), ip.pick))).or_else(|| {
                    let i = item?;
                    let store = cx.items.get(i)?.store?;
                    plan.saturations
                        .iter()
                        .find(|s| s.store == store && scaling::sliced_item(cx, store) == Some(i))
                        .map(|s| (s.options.clone(), s.pick))
                });
            match table {
                Some((options, chosen)) => {
                    let row = options.iter().find(|c| same(c)).cloned();
                    let winner = chosen.and_then(|c| options.get(c));
                    out.verdict = match (winner, &row) {
                        (Some(w), _) if same(w) => ProposalVerdict::Accepted,
                        (Some(w), Some(r)) if r.viable() => ProposalVerdict::Superseded { by: w.key() },
                        (Some(_), Some(r)) if r.verdict == Verdict::Unknown => {
                            ProposalVerdict::Unknown { figures: unknowns(r) }
                        }
                        (Some(_), _) => ProposalVerdict::Rejected,
                        (None, Some(r)) if r.verdict == Verdict::Unknown => {
                            ProposalVerdict::Unknown { figures: unknowns(r) }
                        }
                        (None, _) => ProposalVerdict::Rejected,
                    };
                    out.option = row.or_else(|| {
                        item.map(|i| {
                            judge::judge_new(
                                cx,
                                cx.items.get(i).unwrap_or_else(|| unreachable_item(cx)),
                                cx.items.get(i).and_then(|x| x.store).and_then(|s| cx.root_of_truth(s)),
                                kind,
                            )
                        })
                    });
                }
                None => {
                    if let Some(it) = item.and_then(|i| cx.items.get(i)) {
                        let root = it.store.and_then(|s| cx.root_of_truth(s));
                        out.option = Some(judge::judge_new(cx, it, root, kind));
                    }
                }
            }
        }
        Ask::Remove { remove } => {
            let Some(store) = cx.store_by_id(&remove.value) else { return out };
            let Some(into) = fold_target(cx, store) else {
                out.verdict = ProposalVerdict::Rejected;
                return out;
            };
            let Some(fd) = fold(cx, store, into, Trigger::Proposal) else { return out };
            out.verdict = if fd.serves() {
                ProposalVerdict::Accepted
            } else if fd.unknown() {
                ProposalVerdict::Unknown { figures: fd.missing() }
            } else {
                ProposalVerdict::Rejected
            };
            // The row shows why: the first workload the store taking over cannot serve.
            out.option =
                fd.served.iter().find(|(_, c)| !c.viable()).or_else(|| fd.served.first()).map(|(_, c)| c.clone());
            out.fold = Some(fd);
        }
        Ask::Move { workload: w, to } => {
            let (Some(i), Some(target)) = (cx.item_by_id.get(w.value.as_str()).copied(), cx.store_by_id(&to.value))
            else {
                return out;
            };
            let (Some(it), Some(t)) = (cx.items.get(i), cx.store(target)) else { return out };
            let mut c = Considered::new(Choice::Existing { store: t.id().to_string() });
            if let Some(kind) = t.kind {
                let load = crate::context::per_node(t, it.item, it.direction, it.total);
                judge::judge_fit(kind, it, &load, judge::Evidence::Stated, judge::MIN_GRADE, &mut c);
            }
            out.verdict = if !c.viable() {
                if c.verdict == Verdict::Unknown {
                    ProposalVerdict::Unknown { figures: unknowns(&c) }
                } else {
                    ProposalVerdict::Rejected
                }
            } else if it.bottleneck.is_none() && !it.poor_fit {
                ProposalVerdict::NoMeasuredNeed
            } else {
                ProposalVerdict::Accepted
            };
            out.option = Some(c);
        }
        Ask::Replace { replace, by } => {
            let (Some(store), Some(kind)) = (cx.store_by_id(&replace.value), cx.catalog.store(&by.value)) else {
                return out;
            };
            let Some(info) = cx.store(store) else { return out };
            let mut c = Considered::new(Choice::NewStore { store_type: kind.id.clone() });
            for &i in &info.items {
                let Some(it) = cx.items.get(i) else { continue };
                let nodes = judge::nodes_needed(kind, it.pattern_id(), &it.total);
                judge::judge_fit(kind, it, &it.total.spread(nodes), judge::Evidence::Strict, judge::MIN_GRADE, &mut c);
            }
            if let Some(reason) = cx.ruled_out(&kind.id, Some(info.id()), None) {
                c.reject(Reason::RuledOut { reason: reason.to_string() });
            }
            let incidents = info.store.incidents.as_ref().map_or(0.0, |i| i.value.per_month());
            let pain = incidents >= PAINFUL_INCIDENTS_PER_MONTH
                || info.store.ops_hours.is_some()
                || info.items.iter().filter_map(|&i| cx.items.get(i)).any(|it| it.bottleneck.is_some())
                || plan.saturations.iter().any(|s| s.store == store && s.pick.is_none());
            out.verdict = if !c.viable() {
                if c.verdict == Verdict::Unknown {
                    ProposalVerdict::Unknown { figures: unknowns(&c) }
                } else {
                    ProposalVerdict::Rejected
                }
            } else if pain {
                ProposalVerdict::Accepted
            } else {
                ProposalVerdict::NoMeasuredNeed
            };
            out.option = Some(c);
        }
    }
    out
}

fn unknowns(c: &Considered) -> Vec<String> {
    c.reasons
        .iter()
        .filter_map(|r| match r {
            Reason::Unknown { figure } | Reason::ScaleUnknown { figure } => Some(figure.clone()),
            _ => None,
        })
        .collect()
}

fn unreachable_item<'c, 'a>(cx: &'c Context<'a>) -> &'c crate::context::ItemInfo<'a> {
    // Only called when `item` indexes an existing workload; the first one stands in otherwise.
    cx.items.first().unwrap_or_else(|| unreachable!("no workload to judge a proposal against"))
}

/// Derived stores that a store the plans add would serve better: each of their workloads served
/// by the new store at grade good or better, at its scale.
fn absorbs(cx: &Context<'_>, plan: &Plan) -> Vec<Absorb> {
    let mut out = Vec::new();
    // The same store type added from the same source twice is one store: judged once.
    let mut weighed: HashSet<(&str, usize)> = HashSet::new();
    for (pi, p) in plan.items.iter().enumerate() {
        let Some(Choice::NewStore { store_type }) = p.chosen().map(|c| &c.choice) else { continue };
        let Some(kind) = cx.catalog.store(store_type) else { continue };
        let Some(root) = cx.items.get(p.item).and_then(|it| it.store).and_then(|s| cx.root_of_truth(s)) else {
            continue;
        };
        if !weighed.insert((kind.id.as_str(), root)) {
            continue;
        }
        for (s, info) in cx.lineage_of(root).iter().filter_map(|&s| Some((s, cx.store(s)?))) {
            if info.role() != Role::Derived || info.items.is_empty() || !info.roots.contains(&root) || plan.removed(s) {
                continue;
            }
            if info.kind.is_some_and(|k| k.id == kind.id) || !info.consumers.is_empty() {
                continue;
            }
            let justified =
                info.items.iter().filter_map(|&i| cx.items.get(i)).any(|it| {
                    it.measured && it.bottleneck.is_none() && it.fit.is_some_and(|f| f.grade == Grade::Strong)
                });
            if justified {
                continue;
            }
            let mut served = Vec::new();
            for &i in &info.items {
                let Some(it) = cx.items.get(i) else { continue };
                let mut c = Considered::new(Choice::NewStore { store_type: kind.id.clone() });
                let nodes = judge::nodes_needed(kind, it.pattern_id(), &it.total);
                judge::judge_fit(kind, it, &it.total.spread(nodes), judge::Evidence::Stated, judge::MIN_GRADE, &mut c);
                let better = match (kind.fit(it.pattern_id()), it.fit) {
                    (Some(new), Some(old)) => new.grade > old.grade,
                    _ => false,
                };
                if !better {
                    c.reject(Reason::WeakGrade {
                        grade: kind.fit(it.pattern_id()).map_or(Grade::Unsuited, |f| f.grade),
                    });
                }
                served.push((i, c));
            }
            if !served.is_empty()
                && served.iter().all(|(_, c)| c.viable())
                && info.items.iter().filter_map(|&i| cx.items.get(i)).all(|it| it.shape() != Some(Shape::Point))
            {
                out.push(Absorb { store: s, plan: pi, served });
            }
        }
    }
    out
}

//! Weighing the options for one workload: the in-store remedies of its store, another store the
//! architecture already runs, and every catalog store that could be added. Each option is judged on
//! the same criteria — reaches the target, holds at the workload's scale (per node), meets its
//! freshness, takes the writes that would feed it, can be fed from the source of truth, is not on
//! its own "not good for" list, was not tried or ruled out — with every reason kept as data.

use catalog::{
    Grade, StoreType,
    model::{Address, Direction, Remedy, Shape, WriteKind},
    units::Duration,
};
use workload::{Role, Via};

use crate::{
    context::{Context, ItemInfo},
    cost::{price_range, store_hours},
    estimate::Estimate,
    load::{Load, exceeded, unknown},
    options::{Amount, Choice, Considered, FeedGap, Reason},
    report::Latency,
};

/// The lowest grade an option must reach to serve a workload it is chosen for.
pub(crate) const MIN_GRADE: Grade = Grade::Good;

/// A grade at or above which a store takes a kind of write well enough to be fed by it.
pub(crate) const MIN_WRITE_GRADE: Grade = Grade::Fair;

/// The remedies of `kind` that improve `pattern` and are not capacity remedies (scaling the
/// engine is weighed against the store's load, not per workload).
pub(crate) fn pattern_remedies<'a>(
    cx: &Context<'a>,
    kind: &'a StoreType,
    pattern: &'a str,
) -> impl Iterator<Item = &'a Remedy> {
    let catalog = cx.catalog;
    kind.remedies_for(pattern).filter(move |r| !is_capacity(catalog, &r.id))
}

/// Whether a remedy kind adds read or write capacity (replicas, a larger instance, shards).
pub(crate) fn is_capacity(catalog: &catalog::Catalog, remedy: &str) -> bool {
    catalog
        .remedy(remedy)
        .is_some_and(|k| k.addresses.iter().any(|a| matches!(a, Address::ReadCapacity | Address::WriteCapacity)))
}

/// Judges a latency range against the target: whether its whole range, its optimistic end, or
/// nothing of it reaches it.
fn latency(c: &mut Considered, range: Estimate, target: Option<f64>) {
    c.latency = Some(Latency(range));
    let Some(target_secs) = target else {
        c.full_reach = true;
        return;
    };
    let range = Latency(range);
    if range.0.hi <= target_secs {
        c.full_reach = true;
        c.reach = 1.0;
        c.because(Reason::Reaches { range, target_secs });
    } else if range.0.lo <= target_secs {
        let (lo, hi) = (range.0.lo.max(1e-9), range.0.hi.max(1e-9));
        c.reach = if hi > lo { ((target_secs.max(1e-9) / lo).ln() / (hi / lo).ln()).clamp(0.0, 1.0) } else { 1.0 };
        c.because(Reason::OptimisticOnly { range, target_secs });
    } else {
        c.reject(Reason::Misses { range, target_secs });
    }
}

fn range(r: catalog::units::Range<Duration>) -> Estimate {
    Estimate::new(r.lo.secs(), r.hi.secs())
}

/// How much a scale check demands of the figures the file states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// Taking a store away: every figure a limit depends on must be stated and within it.
    Strict,
    /// Adding or reusing: the figures stated must be within the limits, and at least one must be
    /// stated; the others are noted.
    Stated,
}

/// The scale checks of one grade or remedy against a load: beyond it rejects; an unstated figure
/// it depends on leaves the option unknown (strictly), or is noted (when others are stated).
fn scale(c: &mut Considered, up_to: &catalog::model::Scale, load: &Load, evidence: Evidence) {
    for e in exceeded(up_to, load) {
        c.reject(Reason::BeyondScale { load: e.load, limit: e.limit });
    }
    let missing = unknown(up_to, load);
    let limited =
        usize::from(up_to.data.is_some()) + usize::from(up_to.items.is_some()) + usize::from(up_to.rate.is_some());
    let blocking = evidence == Evidence::Strict || missing.len() == limited;
    for figure in missing {
        let reason = Reason::ScaleUnknown { figure: figure.to_string() };
        if blocking { c.unknown(reason) } else { c.because(reason) }
    }
}

/// The latency a workload can expect from a range the catalog gives at a scale (`up_to`): the
/// range as given when the workload is at that scale, beyond it, or its share of it is not known;
/// nearer the low end the further below that scale it is — the high end drawn down geometrically
/// by its share (the largest of its stated dimensions' shares): at 30% of 1M items, 10ms..200ms
/// gives 10ms..25ms, where the catalog's own figures for PostgreSQL's full-text search measured
/// 12 ms at 100k rows and 65 ms at 1M. Issue 17: a remedy whose range reaches a target at the
/// workload's scale is not beaten by a new store because its range, given for ten times the load,
/// does not. Only in-store remedies are judged so: each is a bounded limit on the engine already
/// run, and the cheap, reversible step to try and measure first; a store's own fit keeps its
/// range as given (its `up_to` is often a ceiling far above where its figures were measured, and
/// removing or adding a store on a drawn-down range would decide on an optimistic guess).
fn at_scale(c: &mut Considered, given: Estimate, up_to: &catalog::model::Scale, load: &Load) -> Estimate {
    let shares = [
        up_to.data.map(|limit| load.data.map(|v| v.0 / limit.0)),
        up_to.items.map(|limit| load.items.map(|v| v.0 / limit.0)),
        up_to.rate.map(|limit| load.rate.map(|v| v.per_sec() / limit.per_sec())),
    ];
    let mut share: Option<f64> = None;
    for s in shares.into_iter().flatten() {
        let Some(s) = s.filter(|s| s.is_finite() && *s >= 0.0) else { return given };
        share = Some(share.map_or(s, |m| m.max(s)));
    }
    let Some(share) = share.filter(|s| *s < 1.0) else { return given };
    if !(given.lo > 0.0 && given.hi > given.lo) {
        return given;
    }
    // two significant figures: it is an estimate, not a measurement
    let hi = given.lo * (given.hi / given.lo).powf(share.max(0.0));
    let unit = 10f64.powf(hi.log10().floor() - 1.0);
    let hi = ((hi / unit).round() * unit).max(given.lo);
    if hi >= given.hi * 0.95 {
        return given;
    }
    c.because(Reason::AtScale { share, given: Latency(given) });
    Estimate::new(given.lo, hi)
}

/// Every in-store remedy of the workload's store for its pattern, judged.
pub(crate) fn remedies(cx: &Context<'_>, item: usize) -> Vec<Considered> {
    let Some(it) = cx.items.get(item) else { return Vec::new() };
    let Some(store) = it.store.and_then(|s| cx.store(s)) else { return Vec::new() };
    let Some(kind) = store.kind else { return Vec::new() };
    pattern_remedies(cx, kind, it.pattern_id())
        .map(|r| {
            let mut c = Considered::new(Choice::Remedy { store: store.id().to_string(), remedy: r.id.clone() });
            judge_remedy(cx, it, store.id(), r, Evidence::Stated, MIN_GRADE, &mut c);
            c
        })
        .collect()
}

/// One remedy against one workload.
pub(crate) fn judge_remedy(
    cx: &Context<'_>,
    it: &ItemInfo<'_>,
    store: &str,
    r: &Remedy,
    evidence: Evidence,
    min: Grade,
    c: &mut Considered,
) {
    c.grade = Some(r.grade);
    let info = cx.store_by_id(store).and_then(|s| cx.store(s));
    let kind = info.and_then(|s| s.kind);
    // What it needs first counts with it: its hours, and where it may run.
    let needs: Vec<&Remedy> = r
        .requires
        .iter()
        .filter(|id| !info.is_some_and(|s| s.has_remedy(id)))
        .filter_map(|id| kind.and_then(|k| k.remedies.iter().find(|x| x.id == *id)))
        .collect();
    c.added_hours = Some(r.added_hours + needs.iter().map(|n| n.added_hours).sum::<f64>());
    let self_hosted = r.self_hosted_only || needs.iter().any(|n| n.self_hosted_only);
    if self_hosted && info.is_some_and(|s| s.store.managed == Some(true)) {
        c.reject(Reason::NotOnManaged);
    }
    if it.item.tried.iter().any(|t| t.value == r.id) {
        c.reject(Reason::Tried);
    }
    if cx.store_by_id(store).and_then(|s| cx.store(s)).is_some_and(|s| s.has_remedy(&r.id)) {
        c.reject(Reason::InPlace);
    }
    if let Some(reason) = cx.ruled_out(&r.id, Some(store), Some(it.id())) {
        c.reject(Reason::RuledOut { reason: reason.to_string() });
    }
    let selective_only =
        cx.catalog.remedy(&r.id).is_some_and(|k| k.addresses.iter().all(|a| *a == Address::SelectiveReads));
    if it.item.ad_hoc == Some(true) && cx.catalog.remedy(&r.id).is_some_and(|k| k.precomputes) {
        c.reject(Reason::AdHoc);
    }
    if selective_only && it.shape() == Some(Shape::Scan) {
        c.reject(Reason::SelectiveOnly);
    }
    if r.grade < min {
        c.reject(Reason::WeakGrade { grade: r.grade });
    } else {
        c.because(Reason::Graded { grade: r.grade, up_to: Some(r.up_to) });
    }
    let only_capacity = cx.catalog.remedy(&r.id).is_some_and(|k| {
        k.addresses.iter().all(|a| {
            matches!(a, Address::Connections | Address::Storage | Address::Maintenance | Address::Interference)
        })
    });
    if only_capacity {
        c.reject(Reason::DoesNotAddress { need: Address::Capability });
    }
    scale(c, &r.up_to, &it.load, evidence);
    let target = it.latency_target();
    let given = range(r.latency);
    let expected = if target.is_some() { at_scale(c, given, &r.up_to, &it.load) } else { given };
    latency(c, expected, target);
    if let Some(min) = r.min_staleness {
        freshness(c, min.secs(), it);
    }
}

fn freshness(c: &mut Considered, refresh_secs: f64, it: &ItemInfo<'_>) {
    let freshness_secs = it.freshness.secs;
    if refresh_secs > freshness_secs {
        c.reject(Reason::TooStale { refresh_secs, freshness_secs });
    } else {
        c.because(Reason::FreshEnough { refresh_secs, freshness_secs });
    }
}

/// Whether `kind`'s own fit serves the workload at its scale and target (for reuse and for
/// consolidating into a store): the option, judged.
pub(crate) fn judge_fit(
    kind: &StoreType,
    it: &ItemInfo<'_>,
    load: &Load,
    evidence: Evidence,
    min: Grade,
    c: &mut Considered,
) {
    let Some(fit) = kind.fit(it.pattern_id()) else {
        c.reject(Reason::WeakGrade { grade: Grade::Unsuited });
        return;
    };
    c.grade = Some(fit.grade);
    if fit.grade < min {
        c.reject(Reason::WeakGrade { grade: fit.grade });
    } else {
        c.because(Reason::Graded { grade: fit.grade, up_to: Some(fit.up_to) });
    }
    scale(c, &fit.up_to, load, evidence);
    match fit.latency {
        Some(l) => latency(c, range(l), it.latency_target()),
        None if it.latency_target().is_some() => c.reject(Reason::WeakGrade { grade: fit.grade }),
        None => c.full_reach = true,
    }
    for n in &kind.not_good_for {
        if n.patterns.iter().any(|p| p == it.pattern_id()) {
            let applies = n.beyond.is_unbounded() || !exceeded(&n.beyond, load).is_empty();
            if applies {
                c.reject(Reason::NotGoodFor { what: n.what.clone() });
            }
        }
    }
}

/// Stores the architecture already runs, holding the same data, that serve the workload better.
pub(crate) fn existing(cx: &Context<'_>, item: usize) -> Vec<Considered> {
    let Some(it) = cx.items.get(item) else { return Vec::new() };
    let Some(current) = it.store else { return Vec::new() };
    let Some(info) = cx.store(current) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, s) in cx.lineage_of(current).iter().filter_map(|&i| Some((i, cx.store(i)?))) {
        let same_data = s.roots.iter().any(|r| info.roots.contains(r));
        if i == current || !same_data || s.role() == Role::Pipeline {
            continue;
        }
        let Some(kind) = s.kind else { continue };
        if kind.fit(it.pattern_id()).is_none_or(|f| f.grade < MIN_GRADE) {
            continue;
        }
        let mut c = Considered::new(Choice::Existing { store: s.id().to_string() });
        c.added_hours = Some(0.0);
        let load = crate::context::per_node(s, it.item, it.direction, it.total);
        judge_fit(kind, it, &load, Evidence::Stated, MIN_GRADE, &mut c);
        if let Some(lag) = s.lag {
            freshness(&mut c, lag.hi, it);
        }
        out.push(c);
    }
    out
}

/// The kind of write a derived store fed from `root` would have to take: upserts of changed
/// rows, unless every write the source takes is an append (then batched inserts).
pub(crate) fn feed_write(cx: &Context<'_>, root: usize) -> WriteKind {
    let writes: Vec<&ItemInfo<'_>> = cx
        .store(root)
        .into_iter()
        .flat_map(|s| s.items.iter())
        .filter_map(|&i| cx.items.get(i))
        .filter(|it| it.direction != Direction::Read)
        .collect();
    let appends = !writes.is_empty()
        && writes
            .iter()
            .all(|it| it.shape() == Some(Shape::Append) && it.item.updates.is_none_or(|u| u.fraction() < 0.1));
    if appends { WriteKind::BulkLoads } else { WriteKind::Upserts }
}

/// The kind of write a write workload sends: upserts when it changes existing records, bulk loads
/// when it writes in large batches, else many small inserts.
pub(crate) fn item_write(it: &ItemInfo<'_>) -> WriteKind {
    match (it.item.updates.map(catalog::units::Percent::fraction), it.item.batch_size.map(|b| b.0)) {
        (Some(u), _) if u > 0.0 => WriteKind::Upserts,
        (_, Some(b)) if b >= 1_000.0 => WriteKind::BulkLoads,
        _ => WriteKind::Inserts,
    }
}

/// How a new store would be fed from the root: through a pipeline already fed from it, else by
/// CDC when the root offers it, else by an outbox; `None` with the gap when it cannot be.
pub(crate) fn feed_route(cx: &Context<'_>, root: usize, kind: &StoreType) -> Result<(Via, Option<usize>), FeedGap> {
    let source = cx.store(root).and_then(|s| s.kind);
    if let Some(&p) = cx.pipeline_from.get(&root) {
        return if kind.cdc.as_sink.supported { Ok((Via::Stream, Some(p))) } else { Err(FeedGap::NoSink) };
    }
    if !kind.cdc.as_sink.supported {
        return Err(FeedGap::NoSink);
    }
    if source.is_some_and(|k| k.cdc.as_source.supported) && cx.ruled_out("cdc", None, None).is_none() {
        Ok((Via::Cdc, None))
    } else if source.is_some_and(|k| k.cdc.outbox_supported(k.family)) {
        Ok((Via::Outbox, None))
    } else {
        Err(FeedGap::NoCdcSource { store: cx.store(root).map(|s| s.id().to_string()).unwrap_or_default() })
    }
}

/// Nodes a new store of `kind` needs for `load`: more than one only for stores that spread
/// their own data, as many as the largest ratio of load to the per-node scale.
pub(crate) fn nodes_needed(kind: &StoreType, pattern: &str, load: &Load) -> f64 {
    let Some(fit) = kind.fit(pattern).filter(|_| kind.spreads_itself()) else { return 1.0 };
    let ratio = |limit: Option<f64>, value: Option<f64>| match (limit, value) {
        (Some(l), Some(v)) if l > 0.0 => v / l,
        _ => 0.0,
    };
    let r = ratio(fit.up_to.data.map(|b| b.0), load.data.map(|b| b.0))
        .max(ratio(fit.up_to.items.map(|c| c.0), load.items.map(|c| c.0)))
        .max(ratio(fit.up_to.rate.map(catalog::units::Rate::per_sec), load.rate.map(catalog::units::Rate::per_sec)));
    r.ceil().clamp(1.0, 1_000.0)
}

/// Every catalog store type other than the current one, judged as a new store for the workload.
pub(crate) fn new_stores(cx: &Context<'_>, item: usize) -> Vec<Considered> {
    let Some(it) = cx.items.get(item) else { return Vec::new() };
    let Some(current) = it.store.and_then(|s| cx.store(s)) else { return Vec::new() };
    let root = it.store.and_then(|s| cx.root_of_truth(s)).or(cx.primary);
    let mut out = Vec::new();
    for kind in &cx.catalog.stores {
        if current.kind.is_some_and(|k| k.id == kind.id)
            || kind.fit(it.pattern_id()).is_none_or(|f| f.grade < MIN_GRADE)
        {
            continue;
        }
        out.push(judge_new(cx, it, root, kind));
    }
    out
}

/// One catalog store type judged as a new store for a workload, fed from `root`.
pub(crate) fn judge_new(cx: &Context<'_>, it: &ItemInfo<'_>, root: Option<usize>, kind: &StoreType) -> Considered {
    judge_new_as(cx, it, root, kind, false)
}

/// [`judge_new`], for a workload whose data the application would write to the new store itself
/// (`direct`: the writes move with it), so nothing has to feed it.
pub(crate) fn judge_new_as(
    cx: &Context<'_>,
    it: &ItemInfo<'_>,
    root: Option<usize>,
    kind: &StoreType,
    direct: bool,
) -> Considered {
    let mut c = Considered::new(Choice::NewStore { store_type: kind.id.clone() });
    let nodes = nodes_needed(kind, it.pattern_id(), &it.total);
    let load = it.total.spread(nodes);
    judge_fit(kind, it, &load, Evidence::Stated, MIN_GRADE, &mut c);
    if let Some(reason) = cx.ruled_out(&kind.id, None, Some(it.id())) {
        c.reject(Reason::RuledOut { reason: reason.to_string() });
    }
    if cx.proposed.iter().any(|(t, w)| *t == kind.id && w.is_none_or(|w| w == it.id())) {
        c.because(Reason::Proposed);
    }
    let mut hours = store_hours(kind, it.total.data).total() * nodes;
    let mut usd = price_range(kind).times(nodes);
    if it.direction == Direction::Write || direct {
        // A write workload moved to a new store is written there by the application: the new
        // store must take its writes as they come, and nothing feeds it.
        let write = item_write(it);
        if let Some(w) = kind.writes.as_ref().map(|w| w.get(write)).filter(|_| it.direction != Direction::Read) {
            if w.grade < MIN_WRITE_GRADE {
                c.reject(Reason::WritePattern { write, grade: w.grade });
            }
            if let (Some(limit), Some(rate)) = (w.up_to, load.rate)
                && rate.per_sec() > limit.per_sec()
            {
                c.reject(Reason::BeyondScale { load: Amount::Rate(rate), limit: Amount::Rate(limit) });
            }
        }
        c.because(Reason::Fed { via: Via::AppWrite, through: None });
        hours += cx.catalog.flow(Via::AppWrite.as_str()).map_or(0.0, |f| f.upkeep_hours);
    } else if let Some(root) = root {
        match feed_route(cx, root, kind) {
            Ok((via, through)) => {
                let write = feed_write(cx, root);
                if let Some(w) = kind.writes.as_ref().map(|w| w.get(write))
                    && w.grade < MIN_WRITE_GRADE
                {
                    c.reject(Reason::WritePattern { write, grade: w.grade });
                }
                for n in &kind.not_good_for {
                    if n.writes.contains(&write) && n.beyond.is_unbounded() {
                        c.reject(Reason::NotGoodFor { what: n.what.clone() });
                    }
                }
                let through_id = through.and_then(|p| cx.store(p)).map(|p| p.id().to_string());
                c.because(Reason::Fed { via, through: through_id });
                let source_lag =
                    cx.store(root).and_then(|s| s.kind).and_then(|k| k.cdc.as_source.lag).map_or(0.0, |l| l.hi.secs());
                let flow = cx.catalog.flow(via.as_str());
                let lag = match through.and_then(|p| cx.store(p)).and_then(|p| p.lag) {
                    Some(p) => p.hi + flow.and_then(|f| f.lag).map_or(0.0, |l| l.hi.secs()),
                    None => source_lag + flow.and_then(|f| f.lag).map_or(0.0, |l| l.hi.secs()),
                };
                freshness(&mut c, lag, it);
                hours += flow.map_or(0.0, |f| f.upkeep_hours);
            }
            Err(gap) => c.reject(Reason::CannotBeFed(gap)),
        }
    }
    if let Some(d) = it.total.data {
        hours = hours.max(store_hours(kind, Some(d)).total());
    }
    c.added_hours = Some((hours * 100.0).round() / 100.0);
    usd = usd.rounded();
    c.added_usd = Some(usd);
    c
}

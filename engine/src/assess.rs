//! The decision logic shared by the rules: weighing a store's in-store remedies against a
//! workload's target, finding the catalog store that directly addresses a bottleneck, and
//! checking whether a source of truth can serve a workload itself.

use catalog::{
    Grade, StoreType,
    model::{Fit, Remedy},
};
use workload::Role;

use crate::{
    context::{Context, ItemInfo},
    cost::store_hours,
    estimate::Estimate,
    format::{and_list, secs, secs_range},
    scale::{Load, exceeded},
};

/// Freshness assumed for a workload on a store with no staleness budget and no CDC figure.
pub(crate) const DEFAULT_ASSUMED_FRESHNESS_SECS: f64 = 5.0;

/// Remedies that speed up selective access only (an index): they cannot make a scan of a large
/// share of a table fast, whatever grade the catalog gives them for the pattern.
const SELECTIVE_REMEDIES: &[&str] = &["index"];

/// Remedies that add capacity without changing how the data is stored or reached (a pooler, a
/// replica): they can relieve a bottleneck, but are not a way to take over another store's job.
const CAPACITY_REMEDIES: &[&str] = &["connection_pooling", "read_replica"];

/// Patterns that by definition read a large share of the data.
const SCAN_PATTERNS: &[&str] = &["analytical_scan"];

/// The remedies of `kind` that improve `pattern` (borrowing only from the catalog).
pub(crate) fn remedies_for<'a>(kind: &'a StoreType, pattern: &str) -> impl Iterator<Item = &'a Remedy> {
    kind.remedies.iter().filter(move |r| r.patterns.iter().any(|p| p == pattern))
}

/// How stale a workload's data may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tolerance {
    /// Seconds.
    pub(crate) secs: f64,
    /// From a `staleness_budget` in the file (else assumed).
    pub(crate) stated: bool,
}

impl Tolerance {
    /// `the 1d staleness budget` or `the ≤ 2s freshness assumed`.
    pub(crate) fn text(self) -> String {
        if self.stated {
            format!("the {} staleness budget", secs(self.secs))
        } else if self.secs <= 0.0 {
            "live reads".to_string()
        } else {
            format!("the {} freshness assumed", secs(self.secs))
        }
    }

    /// A fuller account for evidence: where the figure comes from.
    pub(crate) fn explain(self) -> String {
        match (self.stated, self.secs) {
            (true, s) => format!("{} (the store's staleness budget)", secs(s)),
            (false, s) if s <= 0.0 => "live data, as today".to_string(),
            (false, s) => format!(
                "{} (assumed: no staleness budget stated, so as fresh as a copy fed by CDC from the source of truth)",
                secs(s)
            ),
        }
    }

    /// The tolerance of a workload served by `store`: its budget, else what a CDC-fed copy of
    /// its source of truth would give (the freshness any new derived store would have).
    pub(crate) fn of(cx: &Context<'_>, store: usize) -> Tolerance {
        let Some(info) = cx.store(store) else {
            return Tolerance { secs: DEFAULT_ASSUMED_FRESHNESS_SECS, stated: false };
        };
        if let Some(b) = &info.store.staleness_budget {
            return Tolerance { secs: b.value.secs(), stated: true };
        }
        let source = if info.role() == Role::SourceOfTruth { Some(store) } else { cx.root_of_truth(store) };
        let cdc = source
            .and_then(|s| cx.store(s))
            .and_then(|s| s.kind)
            .filter(|k| k.cdc.as_source.supported)
            .and_then(|k| k.cdc.as_source.lag)
            .map(|l| l.hi.secs());
        let current = if info.role() == Role::SourceOfTruth { None } else { info.lag.map(|l| l.hi) };
        Tolerance { secs: current.or(cdc).unwrap_or(DEFAULT_ASSUMED_FRESHNESS_SECS), stated: false }
    }
}

/// What a workload needs from a remedy or store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Need<'n> {
    pub(crate) pattern: &'n str,
    pub(crate) load: Load,
    pub(crate) latency_target: Option<f64>,
    pub(crate) tolerance: Tolerance,
    pub(crate) min_grade: Grade,
}

impl<'n> Need<'n> {
    pub(crate) fn of(item: &'n ItemInfo<'_>, tolerance: Tolerance, min_grade: Grade) -> Self {
        Need { pattern: item.pattern(), load: item.load, latency_target: item.latency_target(), tolerance, min_grade }
    }
}

/// The outcome of weighing one remedy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Reaches the target within the scale and staleness.
    Suffices,
    /// Does not, for the reasons given.
    FallsShort,
    /// Listed in the workload's `tried`.
    Tried,
    /// Listed in the store's `remedies_in_place`.
    InPlace,
}

/// One remedy weighed against a need.
#[derive(Debug, Clone)]
pub(crate) struct Weighed<'a> {
    pub(crate) remedy: &'a Remedy,
    pub(crate) verdict: Verdict,
    /// Why, in a sentence starting lower case (`falls short: …`).
    pub(crate) text: String,
    /// The reasons only, short (`600GB exceeds its 500GB scale`), for summaries.
    pub(crate) short: String,
}

/// Weighs one remedy: grade, scale, latency against the target, freshness against the tolerance.
pub(crate) fn weigh<'a>(remedy: &'a Remedy, need: &Need<'_>, tried: bool, in_place: bool) -> Weighed<'a> {
    if tried {
        let text = "already tried without reaching the target".to_string();
        return Weighed { remedy, verdict: Verdict::Tried, short: "already tried".into(), text };
    }
    if in_place {
        return Weighed {
            remedy,
            verdict: Verdict::InPlace,
            text: "already in place".into(),
            short: "already in place".into(),
        };
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    if SELECTIVE_REMEDIES.contains(&remedy.id.as_str()) && SCAN_PATTERNS.contains(&need.pattern) {
        bad.push("it helps selective queries only, and a scan of a large share of the data stays a scan".to_string());
    }
    if remedy.grade < need.min_grade {
        bad.push(format!("graded {}", remedy.grade.as_str()));
    }
    for e in exceeded(&remedy.up_to, &need.load) {
        bad.push(e.text());
    }
    let lat = Estimate::new(remedy.latency.lo.secs(), remedy.latency.hi.secs());
    if let Some(target) = need.latency_target {
        if lat.hi <= target {
            good.push(format!("latency {} fits the {} target", secs_range(lat), secs(target)));
        } else if lat.lo > target {
            bad.push(format!("latency {} misses the {} target", secs_range(lat), secs(target)));
        } else {
            bad.push(format!("reaches the {} target only at its optimistic end ({})", secs(target), secs_range(lat)));
        }
    }
    if let Some(min) = remedy.min_staleness {
        if min.secs() > need.tolerance.secs {
            bad.push(format!("its {} refresh is staler than {}", secs(min.secs()), need.tolerance.text()));
        } else {
            good.push(format!("its {} refresh fits {}", secs(min.secs()), need.tolerance.text()));
        }
    }
    if bad.is_empty() {
        let why = if good.is_empty() {
            format!("graded {} {}", remedy.grade.as_str(), crate::scale::describe(&remedy.up_to))
        } else {
            and_list(&good)
        };
        Weighed { remedy, verdict: Verdict::Suffices, text: format!("suffices: {why}"), short: why }
    } else {
        let mut text = if good.is_empty() {
            format!("falls short: {}", and_list(&bad))
        } else {
            format!("falls short: {}, but {}", and_list(&good), and_list(&bad))
        };
        let limits = remedy.limits.trim().trim_end_matches('.');
        if !limits.is_empty() {
            text.push_str(" (");
            text.push_str(limits);
            text.push(')');
        }
        Weighed { remedy, verdict: Verdict::FallsShort, text, short: and_list(&bad) }
    }
}

/// A catalog store that directly addresses a bottleneck.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<'a> {
    pub(crate) kind: &'a StoreType,
    pub(crate) fit: &'a Fit,
    /// Its whole latency range is within the target.
    pub(crate) full: bool,
    /// A proposal in the file names it for this workload.
    pub(crate) proposed: bool,
    /// Its ops hours at the workload's data size.
    pub(crate) hours: f64,
}

/// The assessment of a workload with a measured bottleneck.
#[derive(Debug, Clone)]
pub(crate) struct Assessment<'a> {
    pub(crate) tolerance: Tolerance,
    /// Every remedy of the current store for the pattern, weighed.
    pub(crate) weighed: Vec<Weighed<'a>>,
    /// The best remedy that suffices (index into `weighed`).
    pub(crate) remedy: Option<usize>,
    /// The best catalog store to add (for a poor fit; recommended only with no sufficient remedy).
    pub(crate) candidate: Option<Candidate<'a>>,
    /// An existing store, holding the same data, that qualifies as well (preferred to adding).
    pub(crate) reuse: Option<usize>,
}

/// Assesses a workload: `None` unless it has a measured bottleneck on a known store type.
pub(crate) fn assess<'a>(cx: &Context<'a>, index: usize) -> Option<Assessment<'a>> {
    let item = cx.items.get(index)?;
    item.bottleneck?;
    let store_index = item.store?;
    let store = cx.store(store_index)?;
    let kind = store.kind?;
    let tolerance = Tolerance::of(cx, store_index);
    let need = Need::of(item, tolerance, Grade::Good);
    let weighed: Vec<Weighed<'a>> = remedies_for(kind, item.pattern())
        .map(|r| {
            let tried = item.item.tried.iter().any(|t| t.value == r.id);
            let in_place = store.store.remedies_in_place.iter().any(|t| t.value == r.id);
            weigh(r, &need, tried, in_place)
        })
        .collect();
    let remedy = best_remedy(&weighed);
    let (candidate, reuse) = if item.poor_fit {
        let proposed: Vec<&str> = cx
            .proposals_for
            .get(item.id())
            .into_iter()
            .flatten()
            .filter_map(|&p| cx.workload.proposals.get(p))
            .filter_map(|p| cx.catalog.store(&p.add.value).map(|k| k.id.as_str()))
            .collect();
        let reuse = if remedy.is_none() { reuse_candidate(cx, item, store_index) } else { None };
        (best_candidate(cx, item, kind, &proposed), reuse)
    } else {
        (None, None)
    };
    Some(Assessment { tolerance, weighed, remedy, candidate, reuse })
}

/// The sufficient remedy to recommend: best grade, then fewest added hours, then catalog order.
fn best_remedy(weighed: &[Weighed<'_>]) -> Option<usize> {
    let mut best: Option<(usize, &Weighed<'_>)> = None;
    for (i, w) in weighed.iter().enumerate() {
        if w.verdict != Verdict::Suffices {
            continue;
        }
        let better = best.is_none_or(|(_, b)| {
            w.remedy.grade > b.remedy.grade
                || (w.remedy.grade == b.remedy.grade && w.remedy.added_hours < b.remedy.added_hours)
        });
        if better {
            best = Some((i, w));
        }
    }
    best.map(|(i, _)| i)
}

/// Whether `kind` directly addresses the item: graded good or strong for the pattern at its
/// scale, with latency reaching the target at least at the optimistic end.
pub(crate) fn qualifies<'a>(kind: &'a StoreType, item: &ItemInfo<'_>, proposed: bool) -> Option<Candidate<'a>> {
    let fit = kind.fit(item.pattern())?;
    if fit.grade < Grade::Good || !exceeded(&fit.up_to, &item.load).is_empty() {
        return None;
    }
    let full = match (item.latency_target(), fit.latency) {
        (Some(t), Some(l)) if l.lo.secs() > t => return None,
        (Some(t), Some(l)) => l.hi.secs() <= t,
        (Some(_), None) => return None,
        (None, _) => true,
    };
    let hours = store_hours(kind, item.load.data).total();
    Some(Candidate { kind, fit, full, proposed, hours })
}

fn best_candidate<'a>(
    cx: &Context<'a>,
    item: &ItemInfo<'_>,
    current: &StoreType,
    proposed: &[&str],
) -> Option<Candidate<'a>> {
    let mut best: Option<Candidate<'a>> = None;
    for kind in &cx.catalog.stores {
        if kind.id == current.id {
            continue;
        }
        let Some(c) = qualifies(kind, item, proposed.contains(&kind.id.as_str())) else { continue };
        let better = best.is_none_or(|b| {
            (c.full, c.proposed, c.fit.grade)
                .cmp(&(b.full, b.proposed, b.fit.grade))
                .then_with(|| b.hours.total_cmp(&c.hours))
                == std::cmp::Ordering::Greater
        });
        if better {
            best = Some(c);
        }
    }
    best
}

/// An existing store (other than the current one) that holds data of the same lineage and
/// qualifies for the workload at least as the full-reach bar.
fn reuse_candidate(cx: &Context<'_>, item: &ItemInfo<'_>, current: usize) -> Option<usize> {
    let info = cx.store(current)?;
    cx.members.get(info.lineage)?.iter().copied().find(|&i| {
        let Some(s) = cx.store(i) else { return false };
        let same_data = s.roots.iter().any(|r| info.roots.contains(r));
        let fits = s.kind.and_then(|k| qualifies(k, item, false)).is_some_and(|c| c.full);
        i != current && same_data && s.role() != Role::Pipeline && fits
    })
}

/// How a store can serve a workload itself.
#[derive(Debug, Clone)]
pub(crate) struct Served<'a> {
    /// The remedy needed, `None` when the store's own fit suffices.
    pub(crate) remedy: Option<&'a Remedy>,
    /// The grade it reaches.
    pub(crate) grade: Grade,
    /// The scale it holds to (`500GB`, `1M items, 50/s`).
    pub(crate) scale: String,
    /// Typical latency.
    pub(crate) latency: Option<Estimate>,
    /// The evidence sentence (`suffices: …` or `graded good up to 1TB, 1ms..50ms`).
    pub(crate) text: String,
}

/// Whether `kind` can serve the need itself, directly or with one remedy; the best way if so
/// (best grade, then a remedy over plain use (it says how), then fewest added hours).
pub(crate) fn serve<'a>(kind: &'a StoreType, need: &Need<'_>) -> Option<Served<'a>> {
    let mut best: Option<Served<'a>> = None;
    let mut consider = |s: Served<'a>| {
        let better = best.as_ref().is_none_or(|b| {
            s.grade > b.grade
                || (s.grade == b.grade && s.remedy.is_some() && b.remedy.is_none())
                || (s.grade == b.grade
                    && s.remedy.is_some()
                    && b.remedy.is_some()
                    && s.remedy.map_or(0.0, |r| r.added_hours) < b.remedy.map_or(0.0, |r| r.added_hours))
        });
        if better {
            best = Some(s);
        }
    };
    if let Some(fit) = kind.fit(need.pattern)
        && fit.grade >= need.min_grade
        && exceeded(&fit.up_to, &need.load).is_empty()
    {
        let latency = fit.latency.map(|l| Estimate::new(l.lo.secs(), l.hi.secs()));
        let within = match (need.latency_target, latency) {
            (Some(t), Some(l)) => l.hi <= t,
            (Some(_), None) => false,
            (None, _) => true,
        };
        if within {
            let lat = latency.map(|l| format!(", {}", secs_range(l))).unwrap_or_default();
            consider(Served {
                remedy: None,
                grade: fit.grade,
                text: format!("graded {} {}{lat}", fit.grade.as_str(), crate::scale::describe(&fit.up_to)),
                scale: crate::scale::limit(&fit.up_to),
                latency,
            });
        }
    }
    for r in remedies_for(kind, need.pattern).filter(|r| !CAPACITY_REMEDIES.contains(&r.id.as_str())) {
        let w = weigh(r, need, false, false);
        if w.verdict == Verdict::Suffices {
            consider(Served {
                remedy: Some(r),
                grade: r.grade,
                scale: crate::scale::limit(&r.up_to),
                latency: Some(Estimate::new(r.latency.lo.secs(), r.latency.hi.secs())),
                text: w.text,
            });
        }
    }
    best
}

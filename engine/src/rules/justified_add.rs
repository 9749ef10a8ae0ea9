//! SW002 justified add: a measured bottleneck that a store strong at the pattern directly addresses.

use catalog::StoreType;
use workload::{Role, Via};

use super::{Rule, finding, fit_text, item_location, miss_text, pattern_name, remedy_name, remedy_phrase};
use crate::{
    assess::{Assessment, Candidate, Verdict},
    change::Change,
    context::{Context, ItemInfo},
    cost::{delta, price_range},
    estimate::Estimate,
    format::{and_list, article, capped_list, hours, secs, secs_range, usd, usd_range},
    report::{Figure, Finding, Latency},
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"Justified add: a measured bottleneck that a store strong at the access pattern directly addresses, and no in-store remedy reaches.

# What it checks

Every workload with a measured figure worse than its target (latency measured above target, or
throughput measured below target) served by a store that fits the pattern poorly: graded weak or
unsuited, or beyond the scale its grade holds to. It weighs every in-store remedy the catalog
lists for that store and pattern (grade, scale, latency against the target, refresh against the
freshness needed, whether it was already `tried`); when one suffices, SW003 recommends it
instead. Otherwise it looks for the catalog store graded strong (or good) at the pattern at the
workload's scale whose typical latency reaches the target (the whole range first, then the
optimistic end; a store named in a proposal for the workload first among equals; fewest ops hours
last). A store already in the architecture that holds the same data and qualifies is preferred
to a new one. With no store that qualifies, the finding (medium) says so.

Freshness: a remedy that serves stale results (a materialized view refreshed hourly) is weighed
against the store's `staleness_budget`; with none stated, against the lag a CDC-fed copy of the
source of truth would have (its catalog CDC lag), so a new derived store and an in-store remedy
are compared at equal freshness.

# Why

Seed 000's decision rule: "Add a new database only when the current architecture has a
measurable bottleneck that the new store directly addresses. … 'The analytics query takes 4
minutes and causes transactional latency spikes, and a column store reduces it to 1.2 seconds'
is sufficient." The finding carries the expected latency (the candidate's catalog range), the
operations it adds (its catalog hours at the workload's size plus the new flow's interaction
cost, priced at the team's hourly cost) and its infrastructure price, so the trade can be
defended in a review.

# Example

```yaml
workloads:
  - id: fleet-report
    pattern: analytical_scan
    store: main-db            # PostgreSQL: weak at analytical scans beyond 50GB
    data_size: 600GB
    latency: { measured: 4m, target: 5s }
    tried: [index]
```

→ add ClickHouse (strong up to 10TB, 50ms..2s) fed by CDC from main-db; the materialized view
falls short (600GB is beyond its 500GB scale and its 1h refresh is staler than the freshness
needed), the read replica removes the interference but not the 4 minutes, partitioning only helps
queries that filter on the partition key.

# Instead

Add the store as a derived store fed from the source of truth by CDC (or by a consumer of an
existing pipeline that already carries its changes), never by a dual write; give it a staleness
budget; move the workload to it. If a staleness budget or a smaller scan would let an in-store
remedy suffice, that is cheaper: the finding's "what would change this" says which.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct JustifiedAdd;

impl Rule for JustifiedAdd {
    fn code(&self) -> &'static str {
        "SW002"
    }
    fn name(&self) -> &'static str {
        "justified-add"
    }
    fn summary(&self) -> &'static str {
        "A measured bottleneck on a poorly fitting store that a store strong at the pattern directly addresses."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for item in &cx.items {
            let Some(a) = &item.assessment else { continue };
            if a.remedy.is_some() || !item.poor_fit {
                continue;
            }
            if let Some(reuse) = a.reuse {
                out.push(self.reuse(cx, item, a, reuse));
            } else if let Some(c) = a.candidate {
                out.push(self.add(cx, item, a, c));
            } else {
                out.push(self.unaddressed(cx, item, a));
            }
        }
    }
}

/// How a new derived store would be fed: from a pipeline already carrying the source's changes,
/// else by CDC from the source of truth, else through an outbox.
struct FeedPlan {
    from: usize,
    via: Via,
    text: String,
}

fn feed_plan(cx: &Context<'_>, store: usize) -> FeedPlan {
    let root = match cx.store(store) {
        Some(s) if s.role() == Role::SourceOfTruth => store,
        _ => cx.root_of_truth(store).unwrap_or(store),
    };
    let root_id = cx.store(root).map_or("?", |s| s.id());
    let pipeline = cx.pipeline_from.get(&root).and_then(|&p| cx.store(p).map(|info| (p, info)));
    if let Some((p, info)) = pipeline {
        return FeedPlan {
            from: p,
            via: Via::Stream,
            text: format!("by a consumer of {}, which already carries {root_id}'s changes", info.label()),
        };
    }
    match cx.store(root).and_then(|s| s.kind).filter(|k| k.cdc.as_source.supported) {
        Some(k) => FeedPlan {
            from: root,
            via: Via::Cdc,
            text: format!("by CDC from {root_id} ({})", k.cdc.as_source.via.as_deref().unwrap_or("Debezium")),
        },
        None => FeedPlan {
            from: root,
            via: Via::Outbox,
            text: format!("through a transactional outbox on {root_id} (the catalog knows no CDC connector for it)"),
        },
    }
}

/// An id for a new store of `kind` that does not clash with the file's ids.
fn new_id(cx: &Context<'_>, kind: &StoreType, from: &str) -> String {
    if cx.by_id.contains_key(kind.id.as_str()) { format!("{}-from-{from}", kind.id) } else { kind.id.clone() }
}

/// Weighed remedies as evidence lines.
fn remedy_evidence(cx: &Context<'_>, a: &Assessment<'_>) -> Vec<Figure> {
    a.weighed
        .iter()
        .map(|w| Figure::new(format!("{} (in-store remedy)", remedy_name(cx, &w.remedy.id)), w.text.clone()))
        .collect()
}

/// `materialized view falls short: …; read replica …`.
fn remedy_summary(cx: &Context<'_>, a: &Assessment<'_>) -> String {
    let parts: Vec<String> =
        a.weighed.iter().map(|w| format!("{}: {}", remedy_phrase(cx, &w.remedy.id), w.short)).collect();
    parts.join("; ")
}

/// The conditions under which a remedy that fell short only on freshness or scale would suffice.
fn would_suffice(cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>, store: &str) -> Vec<String> {
    let target = item.latency_target();
    let mut out = Vec::new();
    for w in a.weighed.iter().filter(|w| w.verdict == Verdict::FallsShort) {
        let r = w.remedy;
        let latency_ok = target.is_none_or(|t| r.latency.hi.secs() <= t);
        if r.grade < catalog::Grade::Good || !latency_ok || w.text.contains("selective") {
            continue;
        }
        let mut conditions = Vec::new();
        if let Some(min) = r.min_staleness
            && min.secs() > a.tolerance.secs
        {
            conditions.push(format!(
                "{} may be {} stale (state it as a staleness budget)",
                item.id(),
                secs(min.secs())
            ));
        }
        for e in crate::scale::exceeded(&r.up_to, &item.load) {
            conditions.push(format!("it reads no more than {}", e.limit));
        }
        if !conditions.is_empty() {
            out.push(format!(
                "if {}, {} on {store} would serve it without a new store",
                and_list(&conditions),
                article(&remedy_phrase(cx, &r.id))
            ));
        }
    }
    out
}

impl JustifiedAdd {
    fn common(cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>, f: &mut Finding, sources: &mut Sources) {
        let store = item.store.and_then(|s| cx.store(s));
        super::bottleneck_evidence(cx, item, a, f, sources);
        if let Some(note) = &item.item.note {
            f.evidence.push(Figure::new("note", note.clone()));
        }
        f.evidence.extend(remedy_evidence(cx, a));
        if let Some(k) = store.and_then(|s| s.kind) {
            for w in &a.weighed {
                sources.cite(k, &w.remedy.cite);
            }
        }
        let victims: Vec<String> = item
            .victims
            .iter()
            .filter_map(|&v| cx.items.get(v))
            .filter_map(|v| v.bottleneck.as_ref().map(|b| format!("{} ({})", v.id(), miss_text(b))))
            .collect();
        if !victims.is_empty() {
            f.evidence.push(Figure::new("also missing its target on the same store", capped_list(&victims, 3)));
        }
        for &p in cx.proposals_for.get(item.id()).into_iter().flatten() {
            if let Some(p) = cx.workload.proposals.get(p) {
                let reason = p.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default();
                f.evidence.push(Figure::new("proposal", format!("add {}{reason}", p.add.value)));
            }
        }
        f.location = item_location(item);
        f.subjects.push(item.id().to_string());
        if let Some(s) = store {
            f.subjects.push(s.id().to_string());
        }
    }

    fn add(self, cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>, cand: Candidate<'_>) -> Finding {
        let store_index = item.store.unwrap_or_default();
        let store = cx.store(store_index);
        let store_id = store.map_or("?", |s| s.id());
        let plan = feed_plan(cx, store_index);
        let from_id = cx.store(plan.from).map_or("?", |s| s.id());
        let id = new_id(cx, cand.kind, from_id);
        let miss = item.bottleneck.as_ref().map(miss_text).unwrap_or_default();
        let mut f = finding(
            &self,
            Severity::High,
            format!(
                "{} misses its target ({miss}): add {} as a derived store, fed {}",
                item.id(),
                cand.kind.name,
                short_feed(&plan, cx)
            ),
        );
        let mut sources = Sources::default();
        Self::common(cx, item, a, &mut f, &mut sources);
        f.subjects.push(id.clone());
        f.evidence.push(Figure::new(format!("{} fit", cand.kind.name), fit_text(cand.fit)));
        sources.cite(cand.kind, &cand.fit.cite).cite(cand.kind, &cand.kind.price.cite);
        if let Some(k) = cx.store(plan.from).and_then(|s| s.kind)
            && plan.via == Via::Cdc
        {
            sources.cite(k, &k.cdc.as_source.cite);
        }

        let added = delta::add_store(cx, plan.from, plan.via, cand.kind, item.load.data);
        let price = price_range(cand.kind);
        f.evidence.push(Figure::new(
            format!("{} operations", cand.kind.name),
            format!("{} a month (store {} + flow and cross-store work)", hours(added), hours(cand.hours)),
        ));
        f.evidence.push(Figure::new(format!("{} price", cand.kind.name), format!("{}/month", usd_range(price))));

        let latency = cand.fit.latency.map(|l| Estimate::new(l.lo.secs(), l.hi.secs()));
        let reach = match (latency, item.latency_target()) {
            (Some(l), Some(t)) if cand.full => {
                format!(" with a typical latency of {}, within the {} target", secs_range(l), secs(t))
            }
            (Some(l), Some(t)) => {
                format!(
                    " with a typical latency of {} (the {} target is reached at its optimistic end)",
                    secs_range(l),
                    secs(t)
                )
            }
            (Some(l), None) => format!(" with a typical latency of {}", secs_range(l)),
            _ => String::new(),
        };
        let current = store.map_or_else(String::new, |s| {
            let grade = item.fit.map_or_else(String::new, |fit| {
                let lat = fit.latency.map(|l| format!(", typically {l}")).unwrap_or_default();
                format!(" is graded {} here ({}{lat})", fit.grade.as_str(), crate::scale::describe(&fit.up_to))
            });
            format!(" {}{grade}.", s.type_name())
        });
        let remedies = if a.weighed.is_empty() {
            format!(
                " {} offers no in-store remedy for this pattern in the catalog.",
                store.map_or("The store", |s| s.type_name())
            )
        } else {
            format!(" No in-store remedy reaches the target ({}; details in the evidence).", remedy_summary(cx, a))
        };
        let victims: Vec<&str> = item.victims.iter().filter_map(|&v| cx.items.get(v)).map(ItemInfo::id).collect();
        let relief = if victims.is_empty() {
            String::new()
        } else {
            format!(
                " Moving {} off {store_id} should also relieve {}, which shares the store.",
                item.id(),
                capped_list(&victims, 3)
            )
        };
        let proposal =
            if cand.proposed { format!(" This is the store proposed for {}.", item.id()) } else { String::new() };
        f.recommendation = format!(
            "Add {name} as a derived store ({id}), fed {feed}, with a staleness budget, and move {item} to it. The catalog grades \
             {name} {grade} for {pattern} {scale}{reach}.{current}{remedies}{relief} Cost: about {h} a month of operations \
             (≈ {people} at {rate}/h) plus {price}/month of infrastructure.{proposal}",
            name = cand.kind.name,
            feed = plan.text,
            item = item.id(),
            grade = cand.fit.grade.as_str(),
            pattern = pattern_name(cx, item.pattern()),
            scale = crate::scale::describe(&cand.fit.up_to),
            h = hours(added),
            people = usd(added * cx.hourly),
            rate = usd(cx.hourly),
            price = usd_range(price),
        );
        let mut change = would_suffice(cx, item, a, store_id);
        change.push(format!(
            "a new measurement within the target removes the case for any change; a measured latency the candidate's range \
             ({}) cannot reach would call for re-examining the query itself",
            latency.map_or_else(|| "unknown".to_string(), secs_range)
        ));
        f.what_would_change_this = capitalise(&format!("{}.", change.join("; ")));
        f.expected_effect.latency = latency.map(Latency);
        f.expected_effect.usd_per_month = Some(price.rounded());
        f.expected_effect.ops_hours_per_month = Some(Estimate::exact(added).rounded());
        f.expected_effect.people_usd_per_month = Some(Estimate::exact(added * cx.hourly).rounded());
        f.sources = sources.into_vec();
        f.changes.push(Change::AddStore {
            id,
            store_type: cand.kind.id.clone(),
            from: from_id.to_string(),
            via: plan.via,
            for_workloads: vec![item.id().to_string()],
            size_bytes: item.load.data.map(|b| b.0),
        });
        f
    }

    fn reuse(self, cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>, target: usize) -> Finding {
        let to = cx.store(target);
        let to_label = to.map_or_else(|| "?".to_string(), super::super::context::StoreInfo::label);
        let miss = item.bottleneck.as_ref().map(miss_text).unwrap_or_default();
        let mut f = finding(
            &self,
            Severity::High,
            format!("{} misses its target ({miss}): move it to {to_label}, which already holds this data", item.id()),
        );
        let mut sources = Sources::default();
        Self::common(cx, item, a, &mut f, &mut sources);
        let fit = to.and_then(|s| s.kind).and_then(|k| k.fit(item.pattern()).map(|fit| (k, fit)));
        if let Some((k, fit)) = fit {
            f.evidence.push(Figure::new(format!("{to_label} fit"), fit_text(fit)));
            sources.cite(k, &fit.cite);
            f.expected_effect.latency = fit.latency.map(|l| Latency(Estimate::new(l.lo.secs(), l.hi.secs())));
        }
        f.recommendation = format!(
            "Serve {} from {to_label} instead of {}: it is graded {} for {} at this scale and is already fed from the same \
             source of truth, so no store is added. Remedies weighed on the current store: {}.",
            item.id(),
            item.store
                .and_then(|s| cx.store(s))
                .map_or_else(|| "?".to_string(), super::super::context::StoreInfo::label),
            fit.map_or("good", |(_, fit)| fit.grade.as_str()),
            pattern_name(cx, item.pattern()),
            remedy_summary(cx, a),
        );
        f.what_would_change_this =
            "If the workload needs fresher data than the existing derived store's staleness budget \
                                    gives, or that store's measured latency misses the target under the added load."
                .to_string();
        f.expected_effect.ops_hours_per_month = Some(Estimate::exact(0.0));
        f.sources = sources.into_vec();
        if let Some(to) = to {
            f.subjects.push(to.id().to_string());
            f.changes.push(Change::MoveWorkload {
                workload: item.id().to_string(),
                from: item.store.and_then(|s| cx.store(s)).map_or_else(String::new, |s| s.id().to_string()),
                to: to.id().to_string(),
            });
        }
        f
    }

    fn unaddressed(self, cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>) -> Finding {
        let miss = item.bottleneck.as_ref().map(miss_text).unwrap_or_default();
        let mut f = finding(
            &self,
            Severity::Medium,
            format!(
                "{} misses its target ({miss}) and no catalog store directly addresses it at this scale",
                item.id()
            ),
        );
        let mut sources = Sources::default();
        Self::common(cx, item, a, &mut f, &mut sources);
        let remedies = if a.weighed.is_empty() { "none listed".to_string() } else { remedy_summary(cx, a) };
        f.recommendation = format!(
            "Do not add a store for it yet: no store in the catalog is graded good or strong for {} at this scale with a \
             latency that reaches the target. Re-examine the target and the query (its scale, what it really reads) and \
             measure again. In-store remedies weighed: {remedies}.",
            pattern_name(cx, item.pattern())
        );
        f.what_would_change_this =
            "A smaller scale or a looser target that a catalog store reaches, or a user override \
                                    of a store's figures (catalog_overrides) that shows it does."
                .to_string();
        f.sources = sources.into_vec();
        f
    }
}

fn short_feed(plan: &FeedPlan, cx: &Context<'_>) -> String {
    let from = cx.store(plan.from).map_or("?", |s| s.id());
    match plan.via {
        Via::Stream => format!("from {from}"),
        Via::Cdc => format!("by CDC from {from}"),
        via => format!("by {} from {from}", via.as_str()),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

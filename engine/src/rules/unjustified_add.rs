//! SW004 unjustified add: a proposal to add a store with no measured bottleneck that it directly addresses.

use catalog::{Grade, StoreType};
use workload::{Proposal, Role, Via};

use super::{Rule, finding, fit_text, miss_text, pattern_name, remedy_phrase};
use crate::{
    assess::qualifies,
    context::{Context, ItemInfo},
    cost::{delta, price_range},
    format::{article, hours, usd, usd_range},
    report::{Figure, Finding, Location},
    scale::describe_load,
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"Unjustified add: a proposal to add a store that no measured bottleneck justifies.

# What it checks

Every entry of `proposals:` ("should we add X?"), judged by the decision rule:

- no workload named (`for:`), or the workload has nothing measured → rejected, **high**: say what
  to measure first;
- the workload is measured within its target → rejected, high;
- the workload misses its target, but an in-store remedy reaches it (SW003) → rejected, medium;
- the workload misses its target on a store that fits the pattern → rejected, medium: a new store
  would not address it;
- the proposed store is not graded good or strong for the pattern at the workload's scale, or its
  latency cannot reach the target → rejected, medium, naming the store that would;
- otherwise the proposal is justified: no finding here, SW002 recommends the addition.

Existing derived stores are not judged here: SW005 and SW006 judge whether they earn their keep.

# Why

Seed 000: "Add a new database only when the current architecture has a measurable bottleneck
that the new store directly addresses. 'It might be useful' is not sufficient." Every store adds
its own deployment, monitoring, backup, security and consistency work, plus the flow that keeps
it in sync; the finding prices what the proposal would cost.

# Example

```yaml
workloads:
  - { id: product-search, pattern: full_text_search, store: main-db, items: 300k, rate: 5/s }
proposals:
  - { add: elasticsearch, for: product-search, reason: it might be useful }
```

→ rejected: nothing measured. PostgreSQL is graded good at full-text search up to 1M items and
50/s; measure product-search's p95 latency against a target first.

# Instead

Measure the workload (`latency: { measured: …, target: … }` or `throughput:`), try the in-store
remedies the finding names, and propose the store again with the figures: if the measurement
misses the target and the store directly addresses it, storewise recommends it (SW002).
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct UnjustifiedAdd;

impl Rule for UnjustifiedAdd {
    fn code(&self) -> &'static str {
        "SW004"
    }
    fn name(&self) -> &'static str {
        "unjustified-add"
    }
    fn summary(&self) -> &'static str {
        "A proposal to add a store with no measured bottleneck that it directly addresses."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for p in &cx.workload.proposals {
            let Some(kind) = cx.catalog.store(&p.add.value) else { continue };
            let item = p
                .for_workload
                .as_ref()
                .and_then(|w| cx.item_by_id.get(w.value.as_str()))
                .and_then(|&i| cx.items.get(i));
            match (&p.for_workload, item) {
                (None, _) => out.push(self.no_workload(cx, p, kind)),
                (Some(_), None) => {}
                (Some(_), Some(item)) => {
                    if let Some(f) = self.judge(cx, p, kind, item) {
                        out.push(f);
                    }
                }
            }
        }
    }
}

impl UnjustifiedAdd {
    fn start(self, p: &Proposal, kind: &StoreType, severity: Severity, why: &str) -> Finding {
        let target = p.for_workload.as_ref().map(|w| format!(" for {}", w.value)).unwrap_or_default();
        let mut f = finding(&self, severity, format!("Proposal to add {}{target} rejected: {why}", kind.name));
        f.evidence.push(Figure::new("proposal", format!("add {}{target}", p.add.value)));
        if let Some(reason) = &p.reason {
            f.evidence.push(Figure::new("reason given", reason.clone()));
        }
        f.location = Location::of(p.at.span);
        f
    }

    fn cost_of_adding(cx: &Context<'_>, kind: &StoreType, item: Option<&ItemInfo<'_>>) -> (f64, String) {
        let root = item
            .and_then(|i| i.store)
            .map(|s| {
                if cx.store(s).is_some_and(|x| x.role() == Role::SourceOfTruth) {
                    s
                } else {
                    cx.root_of_truth(s).unwrap_or(s)
                }
            })
            .or(cx.primary);
        let added = root.map_or_else(
            || crate::cost::store_hours(kind, None).total(),
            |r| delta::add_store(cx, r, Via::Cdc, kind, item.and_then(|i| i.load.data)),
        );
        let text = format!(
            "about {} a month of operations (≈ {}) plus {}/month of infrastructure, and a flow to keep it in sync",
            hours(added),
            usd(added * cx.hourly),
            usd_range(price_range(kind))
        );
        (added, text)
    }

    fn no_workload(self, cx: &Context<'_>, p: &Proposal, kind: &StoreType) -> Finding {
        let mut f = self.start(p, kind, Severity::High, "it names no workload and nothing measured");
        f.subjects.push(kind.id.clone());
        let (_, cost) = Self::cost_of_adding(cx, kind, None);
        f.evidence.push(Figure::new(format!("{} if added", kind.name), cost.clone()));
        f.recommendation = format!(
            "Do not add {} on this evidence: a store is added for a measured bottleneck it directly addresses, and this \
             proposal names none. Say which workload it is for (`for:`), measure that workload's p95 latency (or \
             throughput) against a target, and try the in-store remedies first. Adding it would cost {cost}.",
            kind.name
        );
        f.what_would_change_this = format!(
            "A workload that misses a measured target, that no in-store remedy fixes, and for which the catalog grades {} \
             good or strong at its scale.",
            kind.name
        );
        let mut s = Sources::default();
        s.cite(kind, &kind.price.cite).seeds(kind);
        f.sources = s.into_vec();
        f
    }

    fn judge(self, cx: &Context<'_>, p: &Proposal, kind: &StoreType, item: &ItemInfo<'_>) -> Option<Finding> {
        let store = item.store.and_then(|s| cx.store(s));
        let store_kind = store.and_then(|s| s.kind);
        let already = store_kind.is_some_and(|k| k.id == kind.id);
        let (severity, why) = match (&item.bottleneck, &item.assessment) {
            _ if already => (Severity::Medium, format!("{} already runs on {}", item.id(), kind.name)),
            (None, _) if !item.measured => (Severity::High, "nothing is measured".to_string()),
            (None, _) => (Severity::High, format!("{} is measured within its target", item.id())),
            (Some(_), Some(a)) if a.remedy.is_some() => {
                (Severity::Medium, "an in-store remedy reaches the target".to_string())
            }
            (Some(_), _) if !item.poor_fit && item.fit.is_some() => (
                Severity::Medium,
                format!(
                    "{} fits the pattern; a new store would not address it",
                    store.map_or("the store", |s| s.type_name())
                ),
            ),
            (Some(_), _) if qualifies(kind, item, true).is_some() => return None,
            (Some(_), _) => (Severity::Medium, format!("{} does not directly address the bottleneck", kind.name)),
        };
        let mut f = self.start(p, kind, severity, &why);
        f.subjects.push(item.id().to_string());
        if let Some(s) = store {
            f.subjects.push(s.id().to_string());
        }
        f.subjects.push(kind.id.clone());
        let mut sources = Sources::default();

        let measured = match &item.bottleneck {
            None if !item.measured => "nothing (no latency or throughput measured)".to_string(),
            None => "within target".to_string(),
            Some(b) => miss_text(b),
        };
        f.evidence.push(Figure::new("measured", measured));
        if let Some(load) = describe_load(&item.load) {
            f.evidence.push(Figure::new("scale", load));
        }
        let pattern = pattern_name(cx, item.pattern());
        if let (Some(s), Some(fit)) = (store, item.fit) {
            f.evidence.push(Figure::new(format!("{} fit", s.label()), fit_text(fit)));
            if let Some(k) = s.kind {
                sources.cite(k, &fit.cite);
            }
        }
        let proposed_fit = kind.fit(item.pattern());
        if let Some(fit) = proposed_fit {
            f.evidence.push(Figure::new(format!("{} fit", kind.name), fit_text(fit)));
            sources.cite(kind, &fit.cite);
        }
        let (_, cost) = Self::cost_of_adding(cx, kind, Some(item));
        f.evidence.push(Figure::new(format!("{} if added", kind.name), cost.clone()));
        sources.cite(kind, &kind.price.cite);

        let store_name = store.map_or("the current store", |s| s.type_name());
        let current = match (store, item.fit) {
            (Some(s), Some(fit)) => {
                let within = if item.exceeded.is_empty() && fit.grade >= Grade::Fair {
                    format!(
                        ": {} is within that",
                        describe_load(&item.load)
                            .map_or_else(|| "the workload".to_string(), |l| format!("at {l}, {}", item.id()))
                    )
                } else {
                    String::new()
                };
                format!(
                    " The catalog grades {} {} for {pattern} ({}){within}.",
                    s.type_name(),
                    fit.grade.as_str(),
                    fit_text(fit)
                )
            }
            _ => String::new(),
        };
        let first_remedies: Vec<String> = store_kind
            .map(|k| {
                k.remedies_for(item.pattern())
                    .filter(|r| r.grade >= Grade::Good && !item.item.tried.iter().any(|t| t.value == r.id))
                    .map(|r| format!("{} ({})", remedy_phrase(cx, &r.id), r.how.trim().trim_end_matches('.')))
                    .take(2)
                    .collect()
            })
            .unwrap_or_default();
        let remedies = if first_remedies.is_empty() {
            String::new()
        } else {
            format!(" If a measurement misses, try first: {}.", first_remedies.join("; "))
        };
        f.recommendation = match (&item.bottleneck, severity) {
            (None, _) if !item.measured => format!(
                "Do not add {name} on this evidence{reason}: it is not a measured bottleneck. Measure {id} first: its p95 latency \
                 on {store} against the latency its users need (`latency: {{ measured: …, target: … }}`), and its throughput at \
                 peak if that is the worry.{current}{remedies} Adding {name} would cost {cost}.",
                name = kind.name,
                reason = p.reason.as_deref().map(|r| format!(" (\"{r}\")")).unwrap_or_default(),
                id = item.id(),
                store = store.map_or("its store", |s| s.id()),
            ),
            (None, _) => format!(
                "Do not add {}: {} meets its target on {store_name} today. A store is added for a measured bottleneck, and \
                 there is none. Adding it would cost {cost}.",
                kind.name,
                item.id()
            ),
            _ => {
                let better = item
                    .assessment
                    .as_ref()
                    .and_then(|a| a.remedy.and_then(|r| a.weighed.get(r)).map(|w| (a, w)))
                    .map(|(_, w)| {
                        format!(" Use {} on {store_name} instead (SW003).", article(&remedy_phrase(cx, &w.remedy.id)))
                    })
                    .or_else(|| {
                        item.assessment
                            .as_ref()
                            .and_then(|a| a.candidate)
                            .filter(|c| c.kind.id != kind.id)
                            .map(|c| format!(" {} is the store that directly addresses it (SW002).", c.kind.name))
                    })
                    .unwrap_or_default();
                let graded = proposed_fit.map_or_else(
                    || format!(" The catalog does not grade {} for {pattern}.", kind.name),
                    |fit| {
                        format!(
                            " The catalog grades {} {} for {pattern} ({}).",
                            kind.name,
                            fit.grade.as_str(),
                            fit_text(fit)
                        )
                    },
                );
                format!("Do not add {}: {why}.{graded}{current}{better} Adding it would cost {cost}.", kind.name)
            }
        };
        f.what_would_change_this = match proposed_fit {
            Some(fit) if fit.grade >= Grade::Good => format!(
                "A measured p95 latency (or throughput) of {} that misses its target after the in-store remedies are tried: the \
                 catalog grades {} {} for {pattern} ({}), so storewise would then recommend adding it, fed by CDC (SW002).",
                item.id(),
                kind.name,
                fit.grade.as_str(),
                fit_text(fit)
            ),
            _ => format!(
                "Figures showing {} good or strong for {pattern} at this scale (a catalog override with your own benchmark), \
                 together with a measured miss of the target.",
                kind.name
            ),
        };
        if let Some(k) = store_kind {
            for r in k.remedies_for(item.pattern()).filter(|r| r.grade >= Grade::Good) {
                sources.cite(k, &r.cite);
            }
        }
        f.sources = sources.into_vec();
        Some(f)
    }
}

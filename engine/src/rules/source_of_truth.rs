//! SW009 sources of truth: none, several holding shared data, or derived stores not derived from one.

use std::collections::BTreeSet;

use catalog::model::Family;
use workload::Role;

use super::{Rule, finding};
use crate::{
    context::Context,
    decision::Decision,
    format::and_list,
    plan::Plan,
    report::{Figure, Finding, Location},
    severity::Severity,
};

macro_rules! docs {
    () => {
        r#"Sources of truth: exactly one authority for each piece of data, and every derived store flowing from it.

# What it checks

- **No source of truth**: no store has `role: source_of_truth` (medium).
- **Several sources of truth**: for each one beyond the primary (the source of truth with the
  largest lineage): medium when the data overlaps — workloads of the same `domain` (group of
  tables) run on both, or it is fed from another store itself; info when it is clearly separate
  data (a functional partition of the same engine; a time-series, stream or object store, or only
  time-series workloads, such as metrics); low otherwise. A store fed from both (a lake, an index
  joining each service's database) shows that their data is combined, not that it overlaps: low,
  with a reminder to keep each entity in one of them.
- **Derived store not derived from a source of truth**: a derived or pipeline store that nothing
  feeds, or whose upstream stores include no source of truth (medium): if the application writes
  it directly, it is a second source of truth or an undeclared dual write.

# Why

Seed 000: "The application writes to one place. Everything else is derived. If the derivation
pipeline fails, the source of truth is intact, and the pipeline can be replayed." With two
authorities for the same data, or a copy written by hand, there is nothing to replay from and no
way to say which store is right when they disagree.

# Example

```yaml
stores:
  - { id: orders-db, type: postgresql, role: source_of_truth }
  - { id: metrics, type: influxdb, role: source_of_truth }   # info: separate data
  - { id: search, type: elasticsearch, role: derived }       # medium: nothing feeds it
```

# Instead

Name one source of truth per kind of data; feed every derived store from it by CDC or an outbox
(`fed_by:`); keep truly separate data (metrics, logs) in its own lineage and say so.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceOfTruth;

impl Rule for SourceOfTruth {
    fn code(&self) -> &'static str {
        "SW009"
    }
    fn name(&self) -> &'static str {
        "source-of-truth"
    }
    fn summary(&self) -> &'static str {
        "No source of truth, several holding shared data, or a derived store not derived from one."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, _plan: &Plan, out: &mut Vec<Finding>) {
        let truths: Vec<usize> =
            cx.stores.iter().enumerate().filter(|(_, s)| s.role() == Role::SourceOfTruth).map(|(i, _)| i).collect();
        if truths.is_empty() {
            let decision = Decision::SourceOfTruth { stores: cx.stores.iter().map(|s| s.id().to_string()).collect() };
            let mut f =
                finding(self, Severity::Medium, decision, "No store is declared the source of truth".to_string());
            f.subjects = cx.stores.iter().map(|s| s.id().to_string()).collect();
            f.evidence.push(Figure::new("stores", cx.stores.len().to_string()));
            f.evidence.push(Figure::new("sources of truth", "0"));
            f.recommendation = "Mark the store the application writes as `role: source_of_truth` and feed the others from it \
                                (`fed_by:` with `via: cdc` or `outbox`). Without one, storewise cannot say which store is right \
                                when they disagree, nor what a derived store can be rebuilt from."
                .to_string();
            f.what_would_change_this = "A store with `role: source_of_truth`.".to_string();
            f.location = cx.stores.first().and_then(|s| Location::of(s.store.role.span));
            out.push(f);
        }
        if let Some(primary) = cx.primary {
            for &t in truths.iter().filter(|&&t| t != primary) {
                out.push(self.second(cx, primary, t));
            }
        }
        for (index, s) in cx.stores.iter().enumerate() {
            if s.role() == Role::SourceOfTruth {
                continue;
            }
            let from_truth = s.roots.iter().any(|&r| cx.store(r).is_some_and(|x| x.role() == Role::SourceOfTruth));
            if from_truth || (s.roots.is_empty() && !s.feeds.is_empty()) {
                continue;
            }
            // Version 2: a store the application fills itself (no `fed_by`, or only its own
            // writes) is not derived from anything and needs no upstream.
            let app_filled = cx.feeds_of(index).all(|f| f.from.is_none());
            if cx.workload.version >= 2 && app_filled {
                continue;
            }
            let decision = Decision::SourceOfTruth { stores: vec![s.id().to_string()] };
            let mut f = finding(
                self,
                Severity::Medium,
                decision,
                if s.feeds.is_empty() {
                    format!("{} is {} but nothing feeds it", s.label(), role_name(s.role()))
                } else {
                    format!("{} is not derived from a source of truth", s.label())
                },
            );
            f.subjects.push(s.id().to_string());
            let upstream: Vec<&str> =
                s.roots.iter().filter_map(|&r| cx.store(r)).map(crate::context::StoreInfo::id).collect();
            f.evidence.push(Figure::new("role", role_name(s.role())));
            f.evidence.push(Figure::new(
                "upstream origin",
                if upstream.is_empty() { "none".to_string() } else { and_list(&upstream) },
            ));
            f.recommendation = format!(
                "Feed {} from the source of truth (`fed_by: {{ from: <source of truth>, via: cdc }}`). If the application \
                 writes it directly, it is either a second source of truth (say so with `role: source_of_truth`) or an \
                 undeclared dual write (SW001).",
                s.id()
            );
            f.what_would_change_this = "A `fed_by` flow that traces back to a source of truth.".to_string();
            f.location = Location::of(s.store.role.span);
            out.push(f);
        }
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::SourceOfTruth => "source_of_truth",
        Role::Derived => "derived",
        Role::Pipeline => "pipeline",
    }
}

impl SourceOfTruth {
    fn second(self, cx: &Context<'_>, primary: usize, t: usize) -> Finding {
        let (p, s) = (cx.store(primary), cx.store(t));
        let p_label = p.map_or_else(|| "?".to_string(), crate::context::StoreInfo::label);
        let s_label = s.map_or_else(|| "?".to_string(), crate::context::StoreInfo::label);
        let shared: Vec<&str> = cx
            .stores
            .iter()
            .filter(|x| x.roots.contains(&primary) && x.roots.contains(&t))
            .map(crate::context::StoreInfo::id)
            .collect();
        let fed = s.is_some_and(|x| !x.feeds.is_empty());
        // The same group of tables (`domain`) served from both: the same entities in two places.
        let domains = |x: Option<&crate::context::StoreInfo<'_>>| -> BTreeSet<&str> {
            x.into_iter()
                .flat_map(|x| x.items.iter())
                .filter_map(|&i| cx.items.get(i).and_then(|it| it.item.domain.as_deref()))
                .collect()
        };
        let same_domains: Vec<&str> = domains(p).intersection(&domains(s)).copied().collect();
        let partition = s.and_then(|x| x.kind).zip(p.and_then(|x| x.kind)).is_some_and(|(a, b)| a.id == b.id);
        let separate_family = s.and_then(|x| x.kind).is_some_and(|k| {
            matches!(k.family, Family::TimeSeries | Family::Stream | Family::Queue | Family::ObjectStorage)
        });
        let only_timeseries = s.is_some_and(|x| {
            !x.items.is_empty()
                && x.items.iter().filter_map(|&i| cx.items.get(i)).all(|i| i.pattern_id().starts_with("timeseries"))
        });
        let s_id = s.map_or("?", |x| x.id());
        let p_id = p.map_or("?", |x| x.id());
        let (severity, title, advice) = if fed {
            (
                Severity::Medium,
                format!("Two sources of truth hold overlapping data: {p_label} and {s_label}"),
                format!(
                    "{s_id} is fed from another store yet declared a source of truth: decide which store is the \
                     authority for its data and make the other derived."
                ),
            )
        } else if !same_domains.is_empty() {
            (
                Severity::Medium,
                format!("Two sources of truth hold the same data: {p_label} and {s_label}"),
                format!(
                    "Workloads of the same domain ({}) run on both: the same entities live in two authorities, and when they disagree \
                     there is no way to tell which is right. Make one the authority for each entity and derive the \
                     other from it.",
                    and_list(&same_domains)
                ),
            )
        } else if partition {
            (
                Severity::Info,
                format!("{s_label} is a second source of truth of the same engine as {p_label}"),
                "A functional partition (tables split into separate databases to divide load or blast radius) is a \
                     deliberate choice: keep each entity in exactly one of them. storewise never folds one into the other.".to_string(),
            )
        } else if separate_family || only_timeseries {
            (
                Severity::Info,
                format!("{s_label} is a second source of truth, for separate data"),
                format!(
                    "Fine as long as it holds data of its own (metrics, events) that no entity in {p_id} duplicates. Its \
                     operations still count in full; whether {} could hold it too is a measured decision.",
                    p.map_or("?", |x| x.type_name())
                ),
            )
        } else if !shared.is_empty() {
            (
                Severity::Low,
                format!("Two sources of truth, combined downstream: {p_label} and {s_label}"),
                format!(
                    "{} combine{} data from both, which is sound when each entity lives in exactly one of them (each \
                     service's own database, joined in one index or lake). If an entity is written to both, make one \
                     the authority and derive the other from it.",
                    and_list(&shared),
                    if shared.len() == 1 { "s" } else { "" }
                ),
            )
        } else {
            (
                Severity::Low,
                format!("Two sources of truth: {p_label} and {s_label}"),
                format!(
                    "The flows show no overlap, so this may be separate data. Make sure no entity is written to both; if \
                     one is, make {p_id} the authority and derive the other from it."
                ),
            )
        };
        let decision = Decision::SourceOfTruth {
            stores: vec![
                s.map_or_else(String::new, |x| x.id().to_string()),
                p.map_or_else(String::new, |x| x.id().to_string()),
            ],
        };
        let mut f = finding(&self, severity, decision, title);
        f.subjects = vec![
            s.map_or_else(String::new, |x| x.id().to_string()),
            p.map_or_else(String::new, |x| x.id().to_string()),
        ];
        f.evidence.push(Figure::new("primary source of truth", p_label.clone()));
        f.evidence.push(Figure::new("other source of truth", s_label.clone()));
        if !shared.is_empty() {
            f.evidence.push(Figure::new("stores derived from both", and_list(&shared)));
        }
        if !same_domains.is_empty() {
            f.evidence.push(Figure::new("domains on both", and_list(&same_domains)));
        }
        if let Some(k) = s.and_then(|x| x.kind) {
            let family =
                serde_json::to_value(k.family).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            f.evidence.push(Figure::new("its family", family));
        }
        f.recommendation = advice;
        f.what_would_change_this =
            "Workloads of one domain on both, or a source of truth fed from another store, raise this; a single \
             source of truth for each kind of data removes it."
                .to_string();
        f.location = s.and_then(|x| Location::of(x.store.role.span));
        f
    }
}

//! SW012 saturation: a store crosses a measured limit (CPU, memory, IOPS, storage, connections)
//! within the horizon, or stalls on maintenance; scale the engine already run first.

use super::{Rule, finding, horizon};
use crate::{
    change::Change,
    context::Context,
    decision::{Assumption, Decision},
    format::{and_list, num},
    options::{Choice, Reason, Verdict},
    plan::{Plan, Table},
    report::{Figure, Finding, Location},
    severity::Severity,
    speak,
};

macro_rules! docs {
    () => {
        r"Saturation: a store crosses a measured limit within the planning horizon; scale the engine you run first.

# What it checks

Every store with a measured resource against its limit — `cpu`, `memory`, `iops`, `storage`,
`connections` as `{ measured, limit }` at peak, on the busiest node or shard — projected with its
`growth` (or its fastest workload's) over the `horizon` (one year when not stated, and said so);
and every store with measured maintenance stalls (`incidents: { stall: … }`). When the limit is
crossed within the horizon, every way to scale the engine its catalog entry offers is weighed on
whether the load then stays under the limit to the horizon:

- read replicas take the reads (not those that must read their own writes; they need the read
  share, from the workloads' rates);
- a larger instance, unless already in place (`remedies_in_place: [vertical_scale]`);
- functional partitioning: each `domain` (group of tables) to its own database, leaving the
  busiest domain's share;
- sharding (application-level, Citus, Vitess): the load divided over shards, except lookups by a
  secondary attribute, which reach every shard;
- partitioning and pooling for maintenance stalls, storage and connections;
- a new store for the one workload the engine serves worst, when moving it alone brings the rest
  under the limit (never wholesale).

Catalog limits are per node or shard: a fleet of 40 shards is judged per shard. The pick follows
the stated rule (holds to the horizon, then the earlier rung, then fewer hours), with one
exception: when a workload of the same store has a new store picked for its own measured
bottleneck (SW002), and moving the slice (the busiest workload and its domain) to that store holds
the load to the horizon, the slice moves there instead — one new store for both, not the engine
scaled and the store added as well. High when the
limit is crossed within three months (or already), medium otherwise.

# Why

A saturated source of truth is first a capacity question. Teams that grew past one machine — by
replicas, bigger instances, partitioning tables into separate databases, sharding — kept the
engine they knew; a new store is for the slice whose load the engine cannot carry.

# Example

```yaml
- id: main-db
  type: postgresql
  role: source_of_truth
  cpu: { measured: 72%, limit: 80% }
  growth: 2x/year
  remedies_in_place: [vertical_scale]
```

→ crosses 80 % CPU in two months; read replicas, or functional partitioning by domain, or
sharding, whichever holds to the horizon first.

# Instead

Take the step the finding picks, then measure again; list what is done in `remedies_in_place`.
"
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct Saturation;

impl Rule for Saturation {
    fn code(&self) -> &'static str {
        "SW012"
    }
    fn name(&self) -> &'static str {
        "saturation"
    }
    fn summary(&self) -> &'static str {
        "A store crosses a measured limit within the horizon: scale the engine already run first."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (index, sat) in plan.saturations.iter().enumerate() {
            let Some(info) = cx.store(sat.store) else { continue };
            let chosen = sat.pick.and_then(|p| sat.options.get(p));
            let decision = Decision::Saturation {
                store: info.id().to_string(),
                resource: sat.resource.to_string(),
                level: sat.level,
                months: sat.months,
                at_horizon: sat.at_horizon,
                pick: chosen.map(crate::options::Considered::key),
            };
            let severity = if sat.months <= 3.0 { Severity::High } else { Severity::Medium };
            let title = match sat.resource {
                "incidents" => format!("{} is over its capacity: its measured incidents show it", info.label()),
                "maintenance" => format!("{} stalls on maintenance", info.label()),
                r if sat.level >= 1.0 => format!("{} is over its {r} limit", info.label()),
                r if sat.months <= 0.0 => format!("{} has no headroom left on {r}", info.label()),
                r => format!("{} reaches its {r} limit in {} months", info.label(), num(sat.months.round().max(1.0))),
            };
            let mut f = finding(self, severity, decision, title);
            f.subjects.push(info.id().to_string());
            f.location = Location::of(info.store.id.span);
            super::skew_evidence(info, &mut f);
            if let Some(r) = info.util.binding() {
                f.evidence.push(Figure::new(format!("{} at peak", r.name), format!("{} of {}", r.measured, r.limit)));
                if !r.limit_stated {
                    f.assumptions.push(Assumption {
                        what: format!("{} limit", r.name),
                        value: r.limit.clone(),
                        why: "No limit stated: the resource's full capacity.".into(),
                        state: format!("stores[{}].{}.limit", info.store.at.index, r.name),
                    });
                }
            }
            if let Some(stall) = info.store.incidents.as_ref().and_then(|i| i.value.stall) {
                f.evidence.push(Figure::new("maintenance stalls", stall.to_string()));
            }
            if let Some(g) = info.growth {
                f.evidence.push(Figure::new("growth", format!("{}x a year", num((g * 100.0).round() / 100.0))));
            }
            let short: Vec<&str> = sat
                .shorts
                .iter()
                .map(|s| match s {
                    crate::scaling::Short::Throughput => "processing",
                    crate::scaling::Short::Io => "I/O",
                    crate::scaling::Short::Storage => "storage",
                    crate::scaling::Short::Connections => "connections",
                    crate::scaling::Short::Maintenance => "maintenance",
                })
                .collect();
            f.evidence.push(Figure::new("short of", and_list(&short)));
            f.evidence.push(Figure::new(
                "at the horizon",
                format!("{}% of the limit", num((sat.at_horizon * 100.0).round())),
            ));
            if let Some(share) = info.util.read_share {
                f.evidence.push(Figure::new("reads' share of the load", format!("{}%", num((share * 100.0).round()))));
            }
            let shards = info.store.shards.as_ref().map(|s| s.value);
            if let Some(n) = shards {
                f.evidence.push(Figure::new("shards", n.to_string()));
            }
            // the targets its workloads miss: the store's scaling is their fix, so they are judged here
            for it in info.items.iter().filter_map(|&i| cx.items.get(i)).filter(|it| !it.poor_fit) {
                if let Some(b) = it.bottleneck {
                    f.evidence.push(Figure::new(format!("{} misses its target", it.id()), super::miss_text(&b)));
                    if !f.subjects.iter().any(|s| s == it.id()) {
                        f.subjects.push(it.id().to_string());
                    }
                }
            }
            horizon(cx, &mut f);
            let lost: Vec<String> = sat
                .options
                .iter()
                .filter(|c| c.verdict != Verdict::Chosen)
                .filter_map(|c| {
                    speak::why_not(cx.catalog, c).map(|w| format!("{} ({w})", speak::option_name(cx.catalog, c)))
                })
                .take(5)
                .collect();
            let lost =
                if lost.is_empty() { String::new() } else { format!(" Weighed and not picked: {}.", and_list(&lost)) };
            match chosen.map(|c| (&c.choice, c)) {
                Some((Choice::Scale { remedy, units, .. }, c)) => {
                    let entry = info.kind.and_then(|k| k.remedies.iter().find(|r| r.id == *remedy));
                    let how = entry.map(|r| r.how.clone()).unwrap_or_default();
                    if let Some(factor) = entry
                        .and_then(|r| r.capacity)
                        .filter(|c| c.per == catalog::model::CapacityUnit::Deployment)
                        .map(|c| c.factor)
                    {
                        f.assumptions.push(instance_assumption(
                            info,
                            remedy,
                            &speak::remedy_phrase(cx.catalog, remedy),
                            factor,
                        ));
                    }
                    let pending: Vec<&str> = c
                        .reasons
                        .iter()
                        .filter_map(|r| match r {
                            Reason::Unknown { figure } | Reason::ScaleUnknown { figure } => Some(figure.as_str()),
                            _ => None,
                        })
                        .collect();
                    let why = if pending.is_empty() {
                        format!(": {}", speak::why_chosen(cx.catalog, c))
                    } else {
                        format!(
                            " — the cheapest step that can hold; whether it does depends on {}: state it to confirm before \
                             the costlier steps below",
                            and_list(&pending)
                        )
                    };
                    f.recommendation = format!(
                        "Scale {} before adding anything: {}{}{why}. {how}{lost}",
                        info.id(),
                        speak::remedy_phrase(cx.catalog, remedy),
                        units.map(|n| format!(" ({n})")).unwrap_or_default(),
                    );
                    f.changes.push(Change::ApplyRemedy {
                        store: info.id().to_string(),
                        remedy: remedy.clone(),
                        added_hours: c.added_hours.unwrap_or(0.0),
                        units: *units,
                        for_workloads: Vec::new(),
                    });
                }
                Some((Choice::NewStore { store_type }, c)) => {
                    let slice: Vec<&crate::context::ItemInfo<'_>> = crate::scaling::sliced_items(cx, sat.store)
                        .into_iter()
                        .filter_map(|i| cx.items.get(i))
                        .collect();
                    let item = slice.first().copied();
                    let root = cx.root_of_truth(sat.store).and_then(|r| cx.store(r)).unwrap_or(info);
                    let via = c.reasons.iter().find_map(|r| match r {
                        Reason::Fed { via, through } => Some((*via, through.clone())),
                        _ => None,
                    });
                    let (via, through) = via.unwrap_or((workload::Via::Cdc, None));
                    let anyway = c.reasons.iter().find_map(|r| match r {
                        Reason::AddedAnyway { workload } => Some(workload.as_str()),
                        _ => None,
                    });
                    let moved: Vec<&str> = slice.iter().map(|i| i.id()).collect();
                    f.recommendation = match anyway {
                        Some(w) => format!(
                            "Move {} to the new {} that {w} needs anyway, rather than scale {}: one new store takes the \
                             load {} serves worst and relieves {}: {}.{lost}",
                            and_list(&moved),
                            speak::store_name(cx.catalog, store_type),
                            info.id(),
                            info.type_name(),
                            info.id(),
                            speak::why_chosen(cx.catalog, c),
                        ),
                        None => format!(
                            "No way to scale {} holds to the horizon on its own; move {} — the load {} serves worst — to a new {}: {}.{lost}",
                            info.id(),
                            item.map_or("its heaviest workload", |i| i.id()),
                            info.type_name(),
                            speak::store_name(cx.catalog, store_type),
                            speak::why_chosen(cx.catalog, c),
                        ),
                    };
                    f.changes.push(Change::AddStore {
                        id: store_type.clone(),
                        store_type: store_type.clone(),
                        from: through.unwrap_or_else(|| root.id().to_string()),
                        via,
                        for_workloads: slice.iter().map(|i| i.id().to_string()).collect(),
                        size_bytes: item.and_then(|i| i.total.data).map(|b| b.0),
                    });
                }
                _ => {
                    f.recommendation = format!(
                        "No option weighed keeps {} under its {} limit to the horizon on its own: combine steps (the table shows \
                         how far each goes), or state the figures marked unknown.{lost}",
                        info.id(),
                        sat.resource
                    );
                }
            }
            let figure = if matches!(sat.resource, "cpu" | "memory" | "iops" | "storage" | "connections") {
                format!("`{}.limit`", sat.resource)
            } else {
                "`incidents`".to_string()
            };
            f.what_would_change_this = format!(
                "A different growth or limit for {} (`growth`, {figure}), a longer or shorter `horizon`, or the `rate` and \
                 `domain` of its workloads where the table marks a step unknown.",
                info.id(),
            );
            f.options_of = Some(Table::Saturation(index));
            out.push(f);
        }
    }
}

/// A larger instance is picked, and the file does not say how large the instance is today: its
/// headroom is the catalog's, counted from the reference instance its figures are measured on to
/// the largest class — less when the store already runs on a large one (issue 17: no hidden
/// defaults).
fn instance_assumption(info: &crate::context::StoreInfo<'_>, remedy: &str, phrase: &str, factor: f64) -> Assumption {
    Assumption {
        what: format!("room to grow {}'s instance", info.id()),
        value: format!("{}×", num(factor)),
        why: format!(
            "The file does not say how large {}'s instance is: {phrase} is counted from the catalog's reference \
             instance (see the store's page) to the largest class. On a large instance already, it gives less: \
             list `{remedy}` in `remedies_in_place` and the next step is weighed instead.",
            info.id()
        ),
        state: format!("stores[{}].remedies_in_place", info.store.at.index),
    }
}

//! SW005 consolidate: a store that something shows should go (underused, a queue or cache the
//! source of truth can run, measured pain, a write load it takes badly, or small and unmeasured)
//! and that the store taking over is shown to carry.

use super::{Rule, finding, fit_text};
use crate::{
    change::Change,
    context::Context,
    decision::Decision,
    format::{and_list, hours, num},
    options::Choice,
    plan::{Fate, Fold, Plan, Trigger},
    report::{Figure, Finding, Location},
    severity::Severity,
    sources::Sources,
    speak,
};

macro_rules! docs {
    () => {
        r#"Consolidate: a store something shows should go, that the store taking over is shown to carry.

# What it checks

Every derived or pipeline store that feeds no other store, when something measured or stated
puts it on the table:

- it is **underused**: at most about 1,000 queries a day (its `queries`, else its read rates);
- it runs a **queue, cache or session store** that the source of truth offers a remedy for
  (a `SKIP LOCKED` job table, a cache table);
- the team's **measured operations** on it hurt: at least one incident a month (`incidents`), or
  hours (`ops_hours`) at least twice the catalog's estimate;
- its **write load** is what it takes worst (updates on a search index, small inserts on a column
  store: its catalog write grade is weak or unsuited);
- it is **small and nothing is measured** on it (low severity: the seed's "start simple").

A second source of truth on another engine than the primary (MongoDB beside PostgreSQL) is a
candidate too, into the primary, when it is small and nothing is measured on it or when the team's
measured operations on it hurt; the finding then says to move its data first. One on the same
engine is a deliberate functional partition and is never undone.

and when there is **evidence both ways**: every workload it serves is served by the store taking
over (its source of truth), directly or with one in-store remedy, graded good or better at the
workload's scale on that store's nodes, within the workload's latency target and freshness; and
the load added keeps the target within its limits to the horizon. A needed figure that is not
stated makes it SW006 instead (state it to decide), never a removal. A store a workload is
measured to need, the primary source of truth, and a store feeding others are never folded; nor is a store
that combines the data of several sources of truth (a lake fed from a database and an event log,
an index joining each service's database: no one source holds what it holds), nor a scan, search
or traversal over the whole data set into a fleet the application shards (each shard holds its
own keys, and nothing joins them).

# Why

Seed 000: "Consider consolidation when a derived store is underutilized. If ClickHouse is queried
48 times per day and costs $500/month to operate, evaluate whether PostgreSQL with a materialized
view (refreshed nightly) can serve those 48 queries at acceptable latency. If it can, remove
ClickHouse." A store costs its five categories of operations and its share of the cross-store
work whether it is queried 48 times a day or 48,000.

# Example

```yaml
- id: analytics
  type: clickhouse
  role: derived
  fed_by: { from: main-db, via: batch_etl, every: 1d }
  staleness_budget: 1d
  queries: 48/day
  monthly_cost_usd: 500
```

→ serve the queries from a PostgreSQL materialized view refreshed nightly: saves $500/month and
the hours of running ClickHouse and its nightly export.

# Instead

Create the remedy on the store taking over, point the workloads at it, watch their latency for a
few weeks, then decommission the store and its flow.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct Consolidate;

/// The `RemoveStore` change for a fold: the remedies it needs, and the data that moves when the
/// store held data of its own.
pub(crate) fn remove_change(cx: &Context<'_>, fold: &Fold) -> Change {
    let (Some(info), Some(into)) = (cx.store(fold.store), cx.store(fold.into)) else {
        return Change::RemoveStore {
            store: String::new(),
            into: String::new(),
            remedies: Vec::new(),
            moved_bytes: None,
        };
    };
    let mut remedies: Vec<(String, f64)> = Vec::new();
    for (_, c) in &fold.served {
        if let Choice::Remedy { remedy, .. } = &c.choice
            && !remedies.iter().any(|(r, _)| r == remedy)
        {
            remedies.push((remedy.clone(), c.added_hours.unwrap_or(0.0)));
        }
    }
    let own_data = info.roots.iter().all(|&r| r == fold.store);
    Change::RemoveStore {
        store: info.id().to_string(),
        into: into.id().to_string(),
        remedies,
        moved_bytes: own_data.then(|| info.store.size.map(|b| b.0)).flatten(),
    }
}

/// The evidence and sources common to every fold: each workload's fit today and the way the
/// target serves it, the store's cost and hours, and the load it adds.
pub(crate) fn fold_evidence(cx: &Context<'_>, fold: &Fold, f: &mut Finding) -> Vec<String> {
    let (Some(info), Some(into)) = (cx.store(fold.store), cx.store(fold.into)) else { return Vec::new() };
    let mut sources = Sources::default();
    let mut ways = Vec::new();
    for (i, c) in &fold.served {
        let Some(it) = cx.items.get(*i) else { continue };
        if let Some(fit) = it.fit {
            f.evidence.push(Figure::new(format!("{} on {}", it.id(), info.label()), fit_text(fit)));
        }
        f.evidence.push(Figure::new(format!("{} on {}", it.id(), into.label()), speak::option_row(cx.catalog, c)));
        if let Some(k) = into.kind {
            match &c.choice {
                Choice::Remedy { remedy, .. } => {
                    if let Some(r) = k.remedies.iter().find(|r| r.id == *remedy) {
                        sources.cite(k, &r.cite);
                    }
                }
                _ => {
                    if let Some(fit) = k.fit(it.pattern_id()) {
                        sources.cite(k, &fit.cite);
                    }
                }
            }
        }
        let lat = c.latency.map(|l| format!(" ({l})")).unwrap_or_default();
        let how = match &c.choice {
            Choice::Remedy { remedy, .. } => {
                let refresh = into
                    .kind
                    .and_then(|k| k.remedies.iter().find(|r| r.id == *remedy))
                    .and_then(|r| r.min_staleness)
                    .map(|m| format!(" refreshed {}", crate::format::cadence(it.freshness.secs.max(m.secs()))))
                    .unwrap_or_default();
                format!("{}{refresh}", crate::format::article(&speak::remedy_phrase(cx.catalog, remedy)))
            }
            _ => format!("{} as it is", into.type_name()),
        };
        ways.push(format!("{} with {how}{lat}", it.id()));
    }
    let own = info.kind.map_or(0.0, |k| crate::cost::store_hours(k, info.store.size).total());
    f.evidence.push(Figure::new(
        format!("{} operations", info.label()),
        format!("{} a month (catalog estimate)", hours(own)),
    ));
    if let Some(h) = info.store.ops_hours.as_ref() {
        f.evidence.push(Figure::new(
            "hours the team spends on it",
            format!("{} a month (stated)", hours(h.value.per_sec() * 2_592_000.0)),
        ));
    }
    if let Some(after) = fold.load_after {
        f.evidence.push(Figure::new(
            format!("{} load with it, at the horizon", into.id()),
            format!("{}% of its limit", num((after * 100.0).round())),
        ));
    }
    f.sources = sources.into_vec();
    ways
}

/// The trigger as evidence, and its phrase.
pub(crate) fn trigger_text(cx: &Context<'_>, fold: &Fold, f: &mut Finding) -> String {
    let name = cx.store(fold.store).map_or("", |s| s.id());
    match fold.trigger {
        Trigger::Underused { queries_per_day } => {
            f.evidence.push(Figure::new("queries", format!("{}/day", num(queries_per_day.round()))));
            format!("{name} is queried about {} times a day", num(queries_per_day.round()))
        }
        Trigger::Absorbable => format!("{name} runs a queue or cache that the source of truth can run itself"),
        Trigger::Pain { incidents_per_month, hours_per_month } => {
            f.evidence.push(Figure::new("incidents", format!("{}/month (stated)", num(incidents_per_month))));
            let h =
                hours_per_month.map(|h| format!(" and {} a month of the team's hours", hours(h))).unwrap_or_default();
            format!("{name} costs {} incidents a month{h}", num(incidents_per_month))
        }
        Trigger::WriteLoad { write, grade } => {
            format!("{name} takes its write load badly (catalog grade {} for {})", grade.as_str(), write.as_str())
        }
        Trigger::DualWrite => format!("{name} is written alongside the source of truth"),
        Trigger::Proposal => format!("the team proposes to remove {name}"),
        Trigger::Small => format!("nothing measured on {name} shows it is needed"),
    }
}

impl Rule for Consolidate {
    fn code(&self) -> &'static str {
        "SW005"
    }
    fn name(&self) -> &'static str {
        "consolidate"
    }
    fn summary(&self) -> &'static str {
        "A store something shows should go, that the store taking over is shown to carry."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for fate in &plan.fates {
            let Fate::Remove(fold) = fate else { continue };
            let by_dual_write = plan.flows.iter().any(|fp| fp.fold.as_ref().is_some_and(|d| d.store == fold.store));
            let by_proposal = plan.proposals.iter().any(|p| p.fold.as_ref().is_some_and(|d| d.store == fold.store));
            if by_dual_write || by_proposal {
                continue;
            }
            let (Some(info), Some(into)) = (cx.store(fold.store), cx.store(fold.into)) else { continue };
            let severity = match fold.trigger {
                Trigger::Small | Trigger::Absorbable => Severity::Low,
                _ => Severity::Medium,
            };
            let decision = Decision::Consolidate {
                store: info.id().to_string(),
                into: into.id().to_string(),
                trigger: fold.trigger,
                missing: Vec::new(),
            };
            let mut f =
                finding(self, severity, decision, format!("{} could be folded into {}", info.label(), into.id()));
            f.subjects = vec![info.id().to_string(), into.id().to_string()];
            f.location = Location::of(info.store.id.span);
            let why = trigger_text(cx, fold, &mut f);
            let ways = fold_evidence(cx, fold, &mut f);
            let budget = String::new();
            let why = speak::sentence(&why);
            // a source of truth holds the only copy of its data: it moves before the store goes
            let lead = if info.role() == workload::Role::SourceOfTruth {
                format!(
                    "Fold {store} into {into_id}: move its data{size} first (copy it, keep the copy in step while its \
                     workloads switch over one by one), then retire {store} and serve",
                    store = info.id(),
                    size = info.store.size.map(|b| format!(" ({b})")).unwrap_or_default(),
                    into_id = into.id(),
                )
            } else {
                format!("Remove {} and serve", info.id())
            };
            f.recommendation = format!(
                "{lead} {ways}{budget}. {why}, and {into} covers every workload it serves at the scale the file gives{load}.",
                ways = and_list(&ways),
                into = into.label(),
                load = if fold.load_after.is_some() { " with its own load added" } else { "" },
            );
            f.what_would_change_this = format!(
                "A measurement: a workload of {} missing its target when served from {} (measure it there), or a scale beyond \
                 what {} holds to; then {} is justified and this advice disappears.",
                info.id(),
                into.id(),
                into.id(),
                info.id()
            );
            f.options = fold.served.iter().map(|(_, c)| c.clone()).collect();
            f.changes.push(remove_change(cx, fold));
            out.push(f);
        }
    }
}

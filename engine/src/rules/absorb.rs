//! SW016 absorb: a store a recommendation adds would serve another derived store's workloads
//! better — fold that store into the new one and count the savings.

use super::{Rule, finding};
use crate::{
    change::Change,
    context::Context,
    decision::Decision,
    format::and_list,
    options::Choice,
    plan::Plan,
    report::{Figure, Finding, Location},
    severity::Severity,
    speak,
};

macro_rules! docs {
    () => {
        r#"Absorb: a store a recommendation adds would serve another derived store's workloads better.

# What it checks

When SW002 picks a new store, every other derived store fed from the same source of truth whose
every workload the new store serves at a better catalog grade, at its scale and targets (a column
store added for analytics that also serves the time-series queries a separate store runs today),
unless the existing store is measured to serve them well (graded strong with measurements within
target) or feeds other stores. Low: it is an opportunity the addition creates.

# Why

"Adding a store never absorbs other derived stores" was one of the engine's failures on real
architectures. Sentry's ClickHouse (Snuba) replaced the search, tag-count and time-series stores
it had built one by one; the saving pays for part of the addition.

# Example

```yaml
# main-db (PostgreSQL) misses its analytics target: SW002 adds ClickHouse;
- { id: tsdb, type: influxdb, role: derived, fed_by: { from: main-db, via: stream } }
workloads:
  - { id: event-rollups, pattern: timeseries_aggregation, store: tsdb }
```

→ fold tsdb into the new ClickHouse.

# Instead

Build the new store's schema for both, move the workloads, then retire the old store and its flow.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct Absorb;

impl Rule for Absorb {
    fn code(&self) -> &'static str {
        "SW016"
    }
    fn name(&self) -> &'static str {
        "absorb"
    }
    fn summary(&self) -> &'static str {
        "A store a recommendation adds would serve another derived store's workloads better."
    }
    fn severity(&self) -> Severity {
        Severity::Low
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for a in &plan.absorbs {
            let Some(info) = cx.store(a.store) else { continue };
            let Some(Choice::NewStore { store_type }) =
                plan.items.get(a.plan).and_then(|p| p.chosen()).map(|c| &c.choice)
            else {
                continue;
            };
            let name = speak::store_name(cx.catalog, store_type);
            let decision = Decision::Absorb { store: info.id().to_string(), into: store_type.clone() };
            let mut f = finding(
                self,
                Severity::Low,
                decision,
                format!("The new {name} would also serve what {} serves", info.label()),
            );
            f.subjects = vec![info.id().to_string(), store_type.clone()];
            f.location = Location::of(info.store.id.span);
            let items: Vec<&str> =
                a.served.iter().filter_map(|(i, _)| cx.items.get(*i)).map(crate::context::ItemInfo::id).collect();
            for (i, c) in &a.served {
                if let Some(it) = cx.items.get(*i) {
                    f.evidence.push(Figure::new(format!("{} on {name}", it.id()), speak::option_row(cx.catalog, c)));
                }
            }
            f.recommendation = format!(
                "Once {name} is in place, move {} to it and remove {}: {name} is graded better for them at their scale, and one \
                 store fewer to run and keep in step.",
                and_list(&items),
                info.id()
            );
            f.what_would_change_this =
                format!("A measurement showing {} serves them better than {name} would.", info.id());
            f.options = a.served.iter().map(|(_, c)| c.clone()).collect();
            f.changes.push(Change::RemoveStore {
                store: info.id().to_string(),
                into: store_type.clone(),
                remedies: Vec::new(),
                moved_bytes: None,
            });
            out.push(f);
        }
    }
}

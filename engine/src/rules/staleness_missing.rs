//! SW008 staleness missing: a derived or pipeline store that does not say how much lag it accepts.

use super::{Rule, finding};
use crate::{
    context::Context,
    decision::Decision,
    format::secs_range,
    plan::Plan,
    report::{Figure, Finding, Latency, Location},
    severity::Severity,
};

macro_rules! docs {
    () => {
        r#"Staleness budget missing: a derived or pipeline store that does not say how much lag it accepts.

# What it checks

Every store with `role: derived` or `role: pipeline` fed by at least one flow and without a
`staleness_budget`. Severity: low. The finding gives the typical lag of its current flows, as a
starting point for the budget.

# Why

Seed 000: "Define and measure the staleness budget: how many seconds of lag between the source
and derived store is acceptable." Without one, nobody can say whether the flow is fast enough
(SW007 cannot check it), whether an in-store remedy refreshed hourly would do (SW003, SW005), or
when a lagging consumer is an incident.

# Example

```yaml
- id: status-cache
  type: redis
  role: derived
  fed_by: { from: events, via: stream }
  # no staleness_budget
```

# Instead

Agree the lag readers can accept with the people who read the store, write it as
`staleness_budget: 5s` (or `1h`, `1d`), and alert on it.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct StalenessMissing;

impl Rule for StalenessMissing {
    fn code(&self) -> &'static str {
        "SW008"
    }
    fn name(&self) -> &'static str {
        "staleness-missing"
    }
    fn summary(&self) -> &'static str {
        "A derived or pipeline store does not say how much lag it accepts."
    }
    fn severity(&self) -> Severity {
        Severity::Low
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (index, s) in cx.stores.iter().enumerate() {
            let fed: Vec<_> = cx.feeds_of(index).filter(|f| f.from.is_some()).collect();
            if s.role() == workload::Role::SourceOfTruth
                || fed.is_empty()
                || s.store.staleness_budget.is_some()
                || plan.removed(index)
            {
                continue;
            }
            // A cache filled on a miss is as stale as its TTL says.
            if fed.iter().all(|f| f.kind.is_some_and(|k| k.traits.expiring)) {
                continue;
            }
            let decision = Decision::StalenessMissing { store: s.id().to_string(), lag: s.lag.map(Latency) };
            let mut f = finding(self, Severity::Low, decision, format!("{} has no staleness budget", s.label()));
            f.subjects.push(s.id().to_string());
            let lag = s.lag.map_or_else(|| "unknown".to_string(), secs_range);
            f.evidence.push(Figure::new("typical lag of its flows", lag.clone()));
            let flows: Vec<String> = fed
                .iter()
                .map(|fl| {
                    format!("{} ({})", fl.from.and_then(|x| cx.store(x)).map_or("?", |x| x.id()), fl.via().as_str())
                })
                .collect();
            f.evidence.push(Figure::new("fed by", flows.join(", ")));
            f.recommendation = format!(
                "Agree with the readers of {} how much lag they accept and write it as `staleness_budget:` (its flows \
                 typically lag {lag}); alert when the lag exceeds it. Without a budget storewise cannot check the flow, and \
                 judges remedies that serve slightly stale data against each workload's own freshness.",
                s.id()
            );
            f.what_would_change_this = "A `staleness_budget` on the store.".to_string();
            f.location = Location::of(s.store.id.span);
            out.push(f);
        }
    }
}

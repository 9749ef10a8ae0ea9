//! SW014 read your writes: a workload that must see its own writes is served from a store fed
//! asynchronously.

use super::{Rule, finding};
use crate::{
    change::Change,
    context::Context,
    decision::Decision,
    format::secs_range,
    plan::Plan,
    report::{Figure, Finding, Latency, Location},
    severity::Severity,
};

macro_rules! docs {
    () => {
        r"Read your writes: a workload that must see its own writes is served from an asynchronous copy.

# What it checks

Every workload with `read_your_writes: true` served by a store fed from the source of truth by
an asynchronous flow (CDC, an outbox, a stream, a batch, polling, a replica, a cache): the copy
trails the source by the flow's lag, so a user's read right after their write may not see it.
Medium. When the source of truth serves the workload (graded good or better at its scale and
target), the finding moves it there.

# Why

Every asynchronous flow breaks read-your-writes: CDC typically trails by 100 ms to seconds, a
batch by its interval. The user sees their change vanish, retries, and writes twice.

# Example

```yaml
- id: order-status
  pattern: point_lookup
  store: status-cache        # fed from main-db by a stream
  read_your_writes: true
```

# Instead

Serve the read that follows a write from the source of truth (route by a session flag for a few
seconds after a write), or wait for the change's position (LSN) to reach the copy before reading.
"
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadYourWrites;

impl Rule for ReadYourWrites {
    fn code(&self) -> &'static str {
        "SW014"
    }
    fn name(&self) -> &'static str {
        "read-your-writes"
    }
    fn summary(&self) -> &'static str {
        "A workload that must see its own writes is served from an asynchronous copy."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for it in cx.items.iter().filter(|it| it.read_your_writes()) {
            let Some(s) = it.store else { continue };
            let Some(store) = cx.store(s) else { continue };
            let asynchronous =
                cx.feeds_of(s).any(|f| f.from.is_some() && f.kind.is_some_and(|k| k.traits.asynchronous));
            if !asynchronous || plan.removed(s) {
                continue;
            }
            let decision = Decision::ReadYourWrites {
                workload: it.id().to_string(),
                store: store.id().to_string(),
                lag: store.lag.map(Latency),
            };
            let mut f = finding(
                self,
                Severity::Medium,
                decision,
                format!("{} must read its own writes, but {} trails the source of truth", it.id(), store.id()),
            );
            f.subjects = vec![it.id().to_string(), store.id().to_string()];
            f.location = Location::of(it.item.id.span);
            f.evidence.push(Figure::new("read your writes", "required"));
            f.evidence.push(Figure::new(
                format!("{} lag", store.id()),
                store.lag.map_or_else(|| "unknown".into(), secs_range),
            ));
            let root = cx.root_of_truth(s).filter(|&r| r != s);
            let serves = root.and_then(|r| cx.store(r)).and_then(|r| r.kind.map(|k| (r, k))).filter(|(r, k)| {
                let mut c =
                    crate::options::Considered::new(crate::options::Choice::Existing { store: r.id().to_string() });
                let load = crate::context::per_node(r, it.item, it.direction, it.total);
                crate::judge::judge_fit(k, it, &load, crate::judge::Evidence::Stated, crate::judge::MIN_GRADE, &mut c);
                c.viable()
            });
            let others = store.items.len() > 1;
            match serves.filter(|_| others) {
                Some((r, _)) => {
                    f.recommendation = format!(
                        "Serve {} from {}, the source of truth, which serves it at its scale; or at least the reads that follow a \
                         user's own write (route them to {} for a few seconds after a write).",
                        it.id(),
                        r.id(),
                        r.id()
                    );
                    f.changes.push(Change::MoveWorkload {
                        workload: it.id().to_string(),
                        from: store.id().to_string(),
                        to: r.id().to_string(),
                    });
                }
                None => {
                    f.recommendation = format!(
                        "Route the reads that follow a user's own write to the source of truth for a few seconds after the \
                         write, or have the reader wait until {} has caught up with that write.",
                        store.id()
                    );
                }
            }
            f.what_would_change_this =
                "A workload that tolerates reading a slightly old value (`read_your_writes: false`).".into();
            out.push(f);
        }
    }
}

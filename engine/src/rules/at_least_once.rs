//! SW011 at-least-once: CDC and outbox flows redeliver events, so their consumers must be idempotent.

use workload::{Role, Via};

use super::{Rule, finding};
use crate::{
    context::Context,
    decision::Decision,
    format::{and_list, capped_list},
    plan::Plan,
    report::{Figure, Finding, Location},
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"At-least-once delivery: CDC and outbox flows redeliver events, so their consumers must be idempotent.

# What it checks

Every flow declared `via: cdc` or `via: outbox`, with the stores downstream of it (through
pipelines, the consumers of the pipeline). Severity: info — this is the correct pattern, and the
finding says what it takes to run it correctly.

# Why

Seed 004: "Outbox pattern ensures at-least-once delivery without dual-write inconsistency", and
the relay "retries safely (at-least-once delivery)". A connector or relay that restarts resumes
from its last committed position and sends again what it had sent since: a consumer that appends
instead of upserting, or applies an older version over a newer one, drifts from the source.

# Example

```yaml
- id: product-search
  type: elasticsearch
  role: derived
  fed_by: { from: main-db, via: outbox }
```

# Instead

Make every consumer idempotent: upsert by the source's primary key, carry the source's version
(LSN, updated_at, outbox sequence) and ignore events older than what the store holds, de-duplicate
by event id where the sink appends.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct AtLeastOnce;

impl Rule for AtLeastOnce {
    fn code(&self) -> &'static str {
        "SW011"
    }
    fn name(&self) -> &'static str {
        "at-least-once"
    }
    fn summary(&self) -> &'static str {
        "CDC and outbox flows deliver at least once: their consumers must be idempotent."
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (to, s) in cx.stores.iter().enumerate() {
            if plan.removed(to) {
                continue;
            }
            for fl in cx.feeds_of(to).filter(|fl| matches!(fl.via(), Via::Cdc | Via::Outbox)) {
                let Some(src) = fl.from.and_then(|f| cx.store(f)) else { continue };
                let mut consumers = vec![to];
                if s.role() == Role::Pipeline {
                    consumers.extend(s.consumers.iter().copied().filter(|&c| !plan.removed(c)));
                }
                let names: Vec<&str> =
                    consumers.iter().filter_map(|&c| cx.store(c)).map(crate::context::StoreInfo::id).collect();
                let via = fl.via();
                let decision = Decision::AtLeastOnce { store: s.id().to_string(), via };
                let mut f = finding(
                    self,
                    Severity::Info,
                    decision,
                    format!(
                        "{} from {} to {} delivers at least once: {} must be idempotent",
                        via.as_str(),
                        src.id(),
                        s.id(),
                        if names.len() > 1 { "its consumers" } else { "the consumer" }
                    ),
                );
                f.subjects = std::iter::once(src.id()).chain(names.iter().copied()).map(str::to_string).collect();
                f.evidence.push(Figure::new("flow", format!("{} → {} ({})", src.id(), s.id(), via.as_str())));
                f.evidence
                    .push(Figure::new("delivery", "at least once: redelivered after a connector or relay restart"));
                if names.len() > 1 {
                    f.evidence.push(Figure::new("consumers", capped_list(&names, 5)));
                }
                f.recommendation = format!(
                    "Make the writers of {} idempotent: upsert by the source's primary key, carry its version (LSN, \
                     updated_at, outbox sequence) and ignore events older than what the store holds; de-duplicate by event \
                     id where the sink appends. This is the correct pattern otherwise: nothing to change in the flow.",
                    and_list(&names)
                );
                f.what_would_change_this =
                    "Nothing in the architecture: redelivery is inherent to CDC and outbox relays. \
                                            Sinks that upsert by key make duplicates harmless by construction."
                        .to_string();
                let mut sources = Sources::default();
                if via == Via::Cdc
                    && let Some(k) = src.kind
                {
                    sources.cite(k, &k.cdc.as_source.cite);
                }
                if let Some(k) = s.kind {
                    sources.cite(k, &k.cdc.as_sink.cite);
                }
                if let Some(k) = fl.kind {
                    sources.flow(cx.catalog, k);
                }
                f.sources = sources.into_vec();
                f.location = Location::of(fl.feed.via.span);
                out.push(f);
            }
        }
    }
}

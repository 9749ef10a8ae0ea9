//! SW001 dual write: the application writes several stores itself, with no transaction spanning them.

use std::collections::HashMap;

use workload::{Feed, Role, Via};

use super::{Rule, finding};
use crate::{
    change::Change,
    context::Context,
    cost::{DUAL_WRITE, STREAM, delta, profile},
    estimate::Estimate,
    format::{and_list, num2, signed_hours},
    report::{Figure, Finding, Location},
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"Dual write: the application writes two or more stores itself, with no transaction spanning them.

# What it checks

Every flow declared `via: dual_write`. Flows are grouped by the store the application writes
first (the `from` of the flow, normally the source of truth), so one finding lists every store
written alongside it. Severity: critical, always; it sorts before every other finding.

# Why

No transaction spans the stores. Seed 000: "If Write 1 succeeds and Write 2 fails: PostgreSQL
has the new status. Redis has the old status. Kafka never gets the event. No transaction spans
all three systems." Retries help with transient errors, not with a crash, and rolling the first
write back does not help when a later one already succeeded: "a crash between Write 1 and Write 2
is unrecoverable without a separate coordination mechanism". The stores then disagree silently
until someone notices. storewise prices a dual write at the highest interaction cost of any flow
(reconciliation jobs, manual repairs, 1.5–4 inconsistencies a month: see `CALIBRATION.md`).

# Example

```yaml
stores:
  - { id: main-db, type: postgresql, role: source_of_truth }
  - id: status-cache
    type: redis
    role: derived
    fed_by: { from: main-db, via: dual_write }
  - id: package-events
    type: kafka
    role: pipeline
    fed_by: { from: main-db, via: dual_write }
```

# Instead

Write only the source of truth and derive everything else from its log. CDC: Debezium reads the
PostgreSQL WAL (or the MySQL binlog, the MongoDB oplog) and publishes each committed change; when
one of the dual-written stores is a pipeline such as Kafka, the change goes there and the other
stores are fed by its consumers. Or a transactional outbox: write the event into an outbox table
in the same transaction as the change and let a relay publish it (the choice when the source has
no CDC connector). Both deliver at least once, so consumers must be idempotent (SW011). The
recommended architecture replaces every dual write this way.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct DualWrite;

impl Rule for DualWrite {
    fn code(&self) -> &'static str {
        "SW001"
    }
    fn name(&self) -> &'static str {
        "dual-write"
    }
    fn summary(&self) -> &'static str {
        "The application writes several stores itself: a crash between the writes leaves them inconsistent for good."
    }
    fn severity(&self) -> Severity {
        Severity::Critical
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut order: Vec<usize> = Vec::new();
        let mut groups: HashMap<usize, Vec<(usize, &Feed)>> = HashMap::new();
        for (to, s) in cx.stores.iter().enumerate() {
            for f in s.feeds.iter().filter(|f| f.via() == Via::DualWrite) {
                let entry = groups.entry(f.from).or_default();
                if entry.is_empty() {
                    order.push(f.from);
                }
                entry.push((to, f.feed));
            }
        }
        for source in order {
            if let Some(targets) = groups.get(&source) {
                out.push(self.group(cx, source, targets));
            }
        }
    }
}

impl DualWrite {
    fn group(self, cx: &Context<'_>, source: usize, targets: &[(usize, &Feed)]) -> Finding {
        let src = cx.store(source);
        let src_id = src.map_or("?", |s| s.id());
        let src_kind = src.and_then(|s| s.kind);
        let target_ids: Vec<&str> =
            targets.iter().filter_map(|(t, _)| cx.store(*t).map(super::super::context::StoreInfo::id)).collect();
        let through = targets.iter().map(|(t, _)| *t).find(|&t| {
            cx.store(t).is_some_and(|s| s.role() == Role::Pipeline && s.kind.is_none_or(|k| k.cdc.as_sink.supported))
        });
        let cdc = src_kind.filter(|k| k.cdc.as_source.supported);
        let via = if cdc.is_some() { Via::Cdc } else { Via::Outbox };
        let k = targets.len();

        let mut all = vec![src_id];
        all.extend(target_ids.iter().copied());
        let mut f = finding(
            &self,
            Severity::Critical,
            format!("Dual write: the application writes {} itself, with no transaction spanning them", and_list(&all)),
        );
        f.subjects = all.iter().map(|s| (*s).to_string()).collect();

        for (t, _) in targets {
            if let Some(s) = cx.store(*t) {
                f.evidence.push(Figure::new("dual write", format!("{src_id} → {}", s.label())));
            }
        }
        f.evidence.push(Figure::new("stores written per change", (k + 1).to_string()));
        f.evidence.push(Figure::new("transaction spanning them", "none"));
        let before = DUAL_WRITE.issues_per_month.times(k as f64);
        let after = if through.is_some() {
            profile(via).issues_per_month.plus(STREAM.issues_per_month.times(k.saturating_sub(1) as f64))
        } else {
            profile(via).issues_per_month.times(k as f64)
        };
        f.evidence.push(Figure::new(
            "cross-store inconsistencies from these flows",
            format!(
                "{}..{}/month (estimate; {}..{} with {})",
                num2(before.lo),
                num2(before.hi),
                num2(after.lo),
                num2(after.hi),
                via.as_str()
            ),
        ));

        let connector = cdc.and_then(|k| k.cdc.as_source.via.clone()).unwrap_or_else(|| "Debezium".to_string());
        let first = target_ids.first().copied().unwrap_or("the next store");
        let derive = match (via, through.and_then(|p| cx.store(p))) {
            (Via::Cdc, Some(p)) => {
                let others: Vec<&str> = target_ids.iter().copied().filter(|t| *t != p.id()).collect();
                if others.is_empty() {
                    format!("CDC ({connector}) publishes every committed change of {src_id} into {}", p.id())
                } else {
                    format!(
                        "CDC ({connector}) publishes every committed change of {src_id} into {}, and consumers of {} update {}",
                        p.id(),
                        p.id(),
                        and_list(&others)
                    )
                }
            }
            (Via::Cdc, None) => format!(
                "CDC ({connector}) captures every committed change of {src_id}, and a consumer applies it to {}",
                and_list(&target_ids)
            ),
            _ => format!(
                "{src_id} has no CDC connector in the catalog, so use a transactional outbox: insert the event into an outbox \
                 table in the same transaction as the change, and let a relay deliver it to {}",
                and_list(&target_ids)
            ),
        };
        let never = through
            .and_then(|p| cx.store(p))
            .filter(|p| p.id() != first)
            .map(|p| format!(" and {} never gets the event", p.id()))
            .unwrap_or_default();
        let outbox_alt = if via == Via::Cdc {
            " If CDC is not an option, a transactional outbox also works: the event row is written in the same \
             transaction as the change and a relay publishes it."
        } else {
            ""
        };
        let hours_delta = delta::replace_dual_writes(cx, source, k, via, through.is_some());
        f.recommendation = format!(
            "Write only {src_id}, the source of truth, and derive the rest from its log: {derive}. Today, if the write to \
             {src_id} succeeds and the write to {first} fails, {src_id} holds the new value, {first} the old one{never}. \
             No transaction spans the stores; retries do not close the gap, and a crash between two writes is \
             unrecoverable without a separate coordination mechanism.{outbox_alt} Delivery is then at least once, so \
             consumers must be idempotent (upsert by key, ignore older versions). Expected change in operations: {} a \
             month (reconciliation work replaced by a {} flow).",
            signed_hours(hours_delta),
            via.as_str()
        );
        let caches: Vec<&str> = targets
            .iter()
            .filter_map(|(t, _)| cx.store(*t))
            .filter(|s| s.kind.is_some_and(|k| k.family == catalog::model::Family::KeyValue))
            .map(super::super::context::StoreInfo::id)
            .collect();
        let ttl = if caches.is_empty() {
            String::new()
        } else {
            format!(
                " If {} only caches recomputable entries with a short TTL, a lost write heals when the entry expires: the \
                 damage shrinks to stale reads for up to the TTL, but storewise cannot see the TTL in the file.",
                and_list(&caches)
            )
        };
        f.what_would_change_this = format!(
            "Only a transaction spanning {} would make these writes safe, and these stores offer none.{ttl}",
            and_list(&all)
        );
        f.expected_effect.ops_hours_per_month = Some(Estimate::exact(hours_delta).rounded());
        f.expected_effect.people_usd_per_month = Some(Estimate::exact(hours_delta * cx.hourly).rounded());

        let mut sources = Sources::default();
        if let Some(k) = src_kind {
            sources.cite(k, &k.cdc.as_source.cite).seeds(k);
        }
        for (t, _) in targets {
            if let Some(k) = cx.store(*t).and_then(|s| s.kind) {
                sources.cite(k, &k.cdc.as_sink.cite);
            }
        }
        f.sources = sources.into_vec();
        f.location = targets.first().and_then(|(_, feed)| Location::of(feed.via.span));
        f.changes.push(Change::ReplaceDualWrites {
            source: src_id.to_string(),
            targets: target_ids.iter().map(|t| (*t).to_string()).collect(),
            via,
            through: through.and_then(|p| cx.store(p)).map(|p| p.id().to_string()),
        });
        f
    }
}

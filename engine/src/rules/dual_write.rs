//! SW001 dual write: the application writes a store alongside its source of truth with no
//! transaction spanning them.

use workload::{Role, Via};

use super::{Rule, finding};
use crate::{
    change::Change,
    context::Context,
    decision::{Decision, Fix},
    format::and_list,
    options::Choice,
    plan::{FlowProblem, Plan, Table},
    report::{Figure, Finding, Location},
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"Dual write: the application writes a store alongside the source of truth, with no transaction spanning them.

# What it checks

Every flow declared `via: dual_write`, and every `via: app_write` flow that names the source of
truth it accompanies without `transactional: true` (an enqueue outside the business transaction
is a dual write by another name). A cache filled on a miss (`cache_aside`), invalidation, and a
job the application enqueues in the same transaction as its data (`app_write` with
`transactional: true`, an outbox in all but name) are not dual writes and never fire it.

Three fixes are weighed, in this order:

1. **Fold** the second store into the source of truth, when the source of truth can serve every
   workload it serves (graded good or better at their scale, within their targets and freshness,
   the added load within its limits) and nothing measured on the store shows it is needed: no
   second store, nothing to keep in step.
2. **CDC**: derive it from the source's log (the source must offer CDC, the store must take a
   change stream; through a pipeline already written, such as Kafka, when there is one).
3. A **transactional outbox**, when the source offers no CDC.

Severity: critical, always; it sorts before every other finding.

# Why

No transaction spans the stores. Seed 000: "If Write 1 succeeds and Write 2 fails: PostgreSQL
has the new status. Redis has the old status. Kafka never gets the event. No transaction spans
all three systems." Retries help with transient errors, not with a crash: "a crash between Write
1 and Write 2 is unrecoverable without a separate coordination mechanism". storewise prices a dual
write at the highest interaction cost of any flow (see `CALIBRATION.md`).

# Example

```yaml
stores:
  - { id: main-db, type: postgresql, role: source_of_truth }
  - id: package-events
    type: kafka
    role: pipeline
    fed_by: { from: main-db, via: dual_write }
```

# Instead

Write only the source of truth and derive everything else from its log (CDC: Debezium reading the
WAL, binlog or oplog), or write the event into an outbox table in the same transaction and relay
it. Both deliver at least once, so consumers must be idempotent (SW011). When the source of truth
can serve what the second store serves, remove the second store instead.
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
        "The application writes a store alongside the source of truth with no transaction spanning them."
    }
    fn severity(&self) -> Severity {
        Severity::Critical
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        // Pipelines the application writes beside each source (kept by the plan), in file order:
        // found once, so a file of thousands of dual writes stays linear.
        let mut pipelines: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
        for g in cx.flows.iter().filter(|g| g.is_dual_write()) {
            if let Some(from) = g.from
                && cx.store(g.to).is_some_and(|s| s.role() == Role::Pipeline)
                && !plan.removed(g.to)
            {
                pipelines.entry(from).or_default().push(g.to);
            }
        }
        for (index, fp) in plan.flows.iter().enumerate().filter(|(_, p)| p.problem == FlowProblem::DualWrite) {
            let Some(flow) = cx.flow(fp.flow) else { continue };
            let (Some(source), Some(target)) = (flow.from.and_then(|s| cx.store(s)), cx.store(flow.to)) else {
                continue;
            };
            let fix = match fp.chosen().map(|c| &c.choice) {
                Some(Choice::Fold { .. }) => Fix::Fold,
                Some(Choice::Flow { via: Via::Cdc }) => Fix::Cdc,
                Some(Choice::Flow { via: Via::Outbox }) => Fix::Outbox,
                _ => Fix::None,
            };
            // A pipeline also written by the application carries the change to the others.
            let pipeline = flow
                .from
                .and_then(|from| pipelines.get(&from))
                .and_then(|ps| ps.iter().copied().find(|&p| p != flow.to))
                .and_then(|p| cx.store(p));
            let decision =
                Decision::DualWrite { source: source.id().to_string(), target: target.id().to_string(), fix };
            let how = if flow.via() == Via::AppWrite { "alongside" } else { "and" };
            let mut f = finding(
                self,
                Severity::Critical,
                decision,
                format!(
                    "Dual write: the application writes {} {how} {} itself, with no transaction spanning them",
                    source.id(),
                    target.id()
                ),
            );
            f.subjects = vec![source.id().to_string(), target.id().to_string()];
            f.location = Location::of(flow.feed.via.span);
            f.evidence.push(Figure::new("dual write", format!("{} → {}", source.id(), target.label())));
            f.evidence.push(Figure::new("transaction spanning them", "none"));
            if let Some(k) = flow.kind {
                let r = k.issues_per_month.as_f64();
                f.evidence.push(Figure::new(
                    "cross-store inconsistencies from this flow",
                    format!("{}..{}/month (estimate)", crate::format::num2(r.lo), crate::format::num2(r.hi)),
                ));
            }
            let mut sources = Sources::default();
            if let Some(k) = source.kind {
                sources.seeds(k);
            }
            let failure = format!(
                "Today, if the write to {s} succeeds and the write to {t} fails, {s} holds the new value and {t} the old one; \
                 no transaction spans the stores, retries do not close the gap, and a crash between the two writes is \
                 unrecoverable without a separate coordination mechanism.",
                s = source.id(),
                t = target.id()
            );
            match fix {
                Fix::Fold => {
                    let Some(fold) = &fp.fold else { continue };
                    let ways = super::consolidate::fold_evidence(cx, fold, &mut f);
                    f.recommendation = format!(
                        "Stop writing {t} and serve what it serves from {s}: {ways}. {s} covers every workload {t} serves at the \
                         scale the file gives, so the dual write goes with the store and nothing has to be kept in step. {failure}",
                        t = target.id(),
                        s = source.id(),
                        ways = and_list(&ways),
                    );
                    f.what_would_change_this = format!(
                        "A measurement showing {t} is needed: a workload of {t} missing its target on {s}. Then keep {t} and \
                         derive it from {s} by CDC (or an outbox) instead of writing it.",
                        t = target.id(),
                        s = source.id()
                    );
                    f.changes.push(super::consolidate::remove_change(cx, fold));
                }
                Fix::Cdc | Fix::Outbox => {
                    let via = if fix == Fix::Cdc { Via::Cdc } else { Via::Outbox };
                    let connector = source
                        .kind
                        .and_then(|k| k.cdc.as_source.via.clone())
                        .unwrap_or_else(|| "a CDC connector".into());
                    let (from, via_now, note) = match pipeline.filter(|_| target.role() != Role::Pipeline) {
                        Some(p) => (
                            p.id().to_string(),
                            Via::Stream,
                            format!(" through {}, which then carries the change to it", p.id()),
                        ),
                        None => (source.id().to_string(), via, String::new()),
                    };
                    f.recommendation = if fix == Fix::Cdc {
                        format!(
                            "Write only {s}, the source of truth, and derive {t} from its log: CDC ({connector}) captures every \
                             committed change of {s}{note}. {failure} Delivery is at least once, so the consumer must be \
                             idempotent (upsert by key, ignore older versions).",
                            s = source.id(),
                            t = target.id(),
                        )
                    } else {
                        format!(
                            "Write only {s}, and in the same transaction an event row into an outbox table that a relay \
                             publishes to {t}{note}. {failure} Delivery is at least once, so the consumer must be idempotent.",
                            s = source.id(),
                            t = target.id(),
                        )
                    };
                    f.what_would_change_this = format!(
                        "Only a transaction spanning {} and {} would make these writes safe, and these stores offer none; or \
                         evidence that {} can serve what {} serves, which would remove the second store instead.",
                        source.id(),
                        target.id(),
                        source.id(),
                        target.id()
                    );
                    if let Some(k) = source.kind {
                        sources.cite(k, &k.cdc.as_source.cite);
                    }
                    f.changes.push(Change::ChangeFlow {
                        store: target.id().to_string(),
                        from,
                        was: flow.via(),
                        via: via_now,
                        was_from: Some(source.id().to_string()),
                        backfill: true,
                    });
                }
                Fix::None => {
                    f.recommendation = format!(
                        "Write only {s} and derive {t} from it. {failure} The file gives no way to build that flow: {s} offers no \
                         change data capture and {t} cannot be fed by an outbox relay as declared.",
                        s = source.id(),
                        t = target.id()
                    );
                    f.what_would_change_this = "A source that offers CDC, or a relay that can write the store.".into();
                }
            }
            f.options_of = Some(Table::Flow(index));
            f.sources = sources.into_vec();
            out.push(f);
        }
    }
}

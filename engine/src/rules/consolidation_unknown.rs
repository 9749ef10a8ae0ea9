//! SW006 consolidation unknown: a store that might fold into another, but a figure needed to
//! show the other can carry it is missing — state it to decide.

use super::{Rule, finding};
use crate::{
    context::Context,
    decision::Decision,
    format::and_list,
    plan::{Fate, Plan},
    report::{Finding, Location},
    severity::Severity,
};

macro_rules! docs {
    () => {
        r#"Consolidation unknown: a store might fold into another, but a figure needed to decide is missing.

# What it checks

The stores SW005 would weigh for consolidation (underused, a queue or cache, measured pain, a
write load it takes badly, small and unmeasured) where the evidence that the store taking over can
carry them is incomplete: a workload's `items`, `data_size` or `rate` that the target's grade or
remedy depends on, or the load the target carries today. Severity: info. It recommends no change:
removing a store needs evidence as much as adding one.

# Why

The independent check on real architectures found advice that removed stores on no evidence
("nothing measured shows it is needed") — a data lake that the source of truth could never have
held, an index the report also asked to feed. Unknown scale is not "fits".

# Example

```yaml
- { id: search, type: elasticsearch, role: derived, fed_by: { from: main-db, via: cdc } }
workloads:
  - { id: product-search, pattern: full_text_search, store: search }   # no items, no rate
```

→ state `items` and `rate` of product-search to decide whether PostgreSQL's full-text index (good
up to 1M items, 50/s) could serve it.

# Instead

State the figures the finding names; storewise then says whether the store can go (SW005) or
must stay.
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct ConsolidationUnknown;

impl Rule for ConsolidationUnknown {
    fn code(&self) -> &'static str {
        "SW006"
    }
    fn name(&self) -> &'static str {
        "consolidation-unknown"
    }
    fn summary(&self) -> &'static str {
        "A store might fold into another, but a figure needed to decide is missing."
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for fate in &plan.fates {
            let Fate::Unknown(fold) = fate else { continue };
            let (Some(info), Some(into)) = (cx.store(fold.store), cx.store(fold.into)) else { continue };
            let missing = fold.missing();
            let decision = Decision::Consolidate {
                store: info.id().to_string(),
                into: into.id().to_string(),
                trigger: fold.trigger,
                missing: missing.clone(),
            };
            let mut f = finding(
                self,
                Severity::Info,
                decision,
                format!("Whether {} could fold into {} is unknown: state {}", info.id(), into.id(), and_list(&missing)),
            );
            f.subjects = vec![info.id().to_string(), into.id().to_string()];
            f.location = Location::of(info.store.id.span);
            let why = crate::speak::sentence(&super::consolidate::trigger_text(cx, fold, &mut f));
            let _ = super::consolidate::fold_evidence(cx, fold, &mut f);
            f.recommendation = format!(
                "Keep {} for now. {why}, but whether {} can carry what it serves depends on figures the file does not give: \
                 state {}. Removing a store needs evidence as much as adding one.",
                info.id(),
                into.id(),
                and_list(&missing)
            );
            f.what_would_change_this =
                format!("The figures named: with them, storewise says whether {} can go or must stay.", info.id());
            f.options = fold.served.iter().map(|(_, c)| c.clone()).collect();
            out.push(f);
        }
    }
}

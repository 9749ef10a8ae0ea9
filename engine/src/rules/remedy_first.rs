//! SW003 in-store remedy first: a measured bottleneck that a remedy of the current store reaches.

use super::{Rule, finding, fit_text, item_location, miss_text, pattern_name, remedy_name, remedy_phrase};
use crate::{
    assess::{Assessment, Verdict},
    change::Change,
    context::{Context, ItemInfo},
    estimate::Estimate,
    format::{article, cadence, hours, secs, usd},
    report::{Figure, Finding, Latency},
    severity::Severity,
    sources::Sources,
};

macro_rules! docs {
    () => {
        r#"In-store remedy first: a measured bottleneck that a remedy of the store already running reaches.

# What it checks

Every workload with a measured figure worse than its target. The catalog lists, per store type,
the in-store remedies that improve each access pattern (materialized view, read replica, index,
partitioning, full-text index, JSONB, TimescaleDB, pgvector, SKIP LOCKED queue, …) with the
grade they reach, the scale they hold to, their typical latency, the freshness they can offer
(`min_staleness`) and the hours they add. A remedy suffices when it is graded good or strong,
the workload is within its scale, its latency range is within the target, its refresh is within
the freshness needed (the store's `staleness_budget`, else the lag a CDC-fed copy would have),
and it is neither in the workload's `tried` nor in the store's `remedies_in_place`. An index is
never taken to make an analytical scan fast: it helps selective queries only. Among the
remedies that suffice: best grade, then fewest added hours, then the catalog's order.

When the workload's store fits the pattern (graded fair or better within scale) and no remedy
suffices, the finding (medium) says a store change would not help and the workload should be
profiled, unless a poorly fitting workload on the same store with a bottleneck of its own
explains it (interference; SW002 then covers both).

# Why

"Start simple" (seed 004), and seed 000: every database added must justify its operational cost.
A remedy adds an hour or two a month to a store the team already runs; a new store adds its own
five categories of operations plus the cost of keeping it in sync.

# Example

```yaml
workloads:
  - id: daily-kpis
    pattern: analytical_scan
    store: main-db                 # PostgreSQL, 120GB
    latency: { measured: 90s, target: 2s }
# main-db has staleness_budget: 1d
```

→ a materialized view refreshed nightly (good up to 500GB, 5ms..500ms, +1 h/month) before any
column store.

# Instead

Apply the remedy, measure again, and list it in `tried` if it falls short: storewise then weighs
the next remedy or the store that directly addresses the pattern (SW002).
"#
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct RemedyFirst;

impl Rule for RemedyFirst {
    fn code(&self) -> &'static str {
        "SW003"
    }
    fn name(&self) -> &'static str {
        "remedy-first"
    }
    fn summary(&self) -> &'static str {
        "A measured bottleneck that an in-store remedy of the current store reaches: no new store needed."
    }
    fn severity(&self) -> Severity {
        Severity::High
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for item in &cx.items {
            let Some(a) = &item.assessment else { continue };
            if item.explained_by.is_some() {
                continue;
            }
            if let Some(r) = a.remedy {
                out.push(self.remedy(cx, item, a, r));
            } else if !item.poor_fit && item.fit.is_some() {
                out.push(self.profile(cx, item, a));
            }
        }
    }
}

impl RemedyFirst {
    fn base(cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>, f: &mut Finding, sources: &mut Sources) {
        let store = item.store.and_then(|s| cx.store(s));
        super::bottleneck_evidence(cx, item, a, f, sources);
        for w in &a.weighed {
            f.evidence
                .push(Figure::new(format!("{} (in-store remedy)", remedy_name(cx, &w.remedy.id)), w.text.clone()));
            if let Some(k) = store.and_then(|s| s.kind) {
                sources.cite(k, &w.remedy.cite);
            }
        }
        f.subjects.push(item.id().to_string());
        if let Some(s) = store {
            f.subjects.push(s.id().to_string());
        }
        f.location = item_location(item);
    }

    fn remedy(self, cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>, chosen: usize) -> Finding {
        let Some(w) = a.weighed.get(chosen) else { return finding(&self, Severity::High, String::new()) };
        let r = w.remedy;
        let store = item.store.and_then(|s| cx.store(s));
        let store_id = store.map_or("?", |s| s.id());
        let name = remedy_phrase(cx, &r.id);
        let miss = item.bottleneck.as_ref().map(miss_text).unwrap_or_default();
        let mut f = finding(
            &self,
            Severity::High,
            format!(
                "{} misses its target ({miss}): {} on {store_id} reaches it without a new store",
                item.id(),
                article(&name)
            ),
        );
        let mut sources = Sources::default();
        Self::base(cx, item, a, &mut f, &mut sources);
        let latency = Estimate::new(r.latency.lo.secs(), r.latency.hi.secs());
        let refresh = r
            .min_staleness
            .map(|m| {
                format!(", refreshed {} (at best every {})", cadence(a.tolerance.secs.max(m.secs())), secs(m.secs()))
            })
            .unwrap_or_default();
        let alternative = a.candidate.map_or_else(String::new, |c| {
            format!(
                " A new store ({}, graded {} here) would add about {} a month of operations plus its infrastructure; the \
                 remedy adds {}.",
                c.kind.name,
                c.fit.grade.as_str(),
                hours(c.hours),
                hours(r.added_hours)
            )
        });
        let others: Vec<String> = a
            .weighed
            .iter()
            .enumerate()
            .filter(|(i, o)| *i != chosen && o.verdict == Verdict::Suffices)
            .map(|(_, o)| remedy_phrase(cx, &o.remedy.id))
            .collect();
        let fallback =
            if others.is_empty() { String::new() } else { format!(" Also sufficient: {}.", others.join(", ")) };
        let victims: Vec<String> = item
            .victims
            .iter()
            .filter_map(|&v| cx.items.get(v))
            .filter_map(|v| v.bottleneck.as_ref().map(|b| format!("{} ({})", v.id(), miss_text(b))))
            .collect();
        let relief = if victims.is_empty() {
            String::new()
        } else {
            f.evidence.push(Figure::new(
                "also missing its target on the same store",
                crate::format::capped_list(&victims, 3),
            ));
            format!(" It should also relieve {}, which shares the store.", crate::format::capped_list(&victims, 3))
        };
        f.recommendation = format!(
            "{how} The catalog grades it {grade} for {pattern} {scale}, with a typical latency of {lat}{refresh}: it reaches \
             the target on the store {item} already uses, for about {added} a month (≈ {people}). Prefer it to a new store.\
             {relief}{alternative}{fallback}",
            how = r.how.trim(),
            grade = r.grade.as_str(),
            pattern = pattern_name(cx, item.pattern()),
            scale = crate::scale::describe(&r.up_to),
            lat = crate::format::secs_range(latency),
            item = item.id(),
            added = hours(r.added_hours),
            people = usd(r.added_hours * cx.hourly),
        );
        f.what_would_change_this = format!(
            "If {name} is tried and still misses the target, list it in `tried:` for {}: storewise then weighs the \
             next remedy, or the store that directly addresses the pattern. Its limits: {}",
            item.id(),
            r.limits.trim()
        );
        f.expected_effect.latency = Some(Latency(latency));
        f.expected_effect.ops_hours_per_month = Some(Estimate::exact(r.added_hours).rounded());
        f.expected_effect.people_usd_per_month = Some(Estimate::exact(r.added_hours * cx.hourly).rounded());
        f.sources = sources.into_vec();
        f.changes.push(Change::ApplyRemedy {
            store: store_id.to_string(),
            remedy: r.id.clone(),
            added_hours: r.added_hours,
        });
        f
    }

    fn profile(self, cx: &Context<'_>, item: &ItemInfo<'_>, a: &Assessment<'_>) -> Finding {
        let store = item.store.and_then(|s| cx.store(s));
        let miss = item.bottleneck.as_ref().map(miss_text).unwrap_or_default();
        let mut f = finding(
            &self,
            Severity::Medium,
            format!(
                "{} misses its target ({miss}) on a store that fits it: profile it before changing stores",
                item.id()
            ),
        );
        let mut sources = Sources::default();
        Self::base(cx, item, a, &mut f, &mut sources);
        let fit = item.fit.map_or_else(String::new, |fit| format!("graded {} ({})", fit.grade.as_str(), fit_text(fit)));
        f.recommendation = format!(
            "{} is {fit} for {} at this scale, so another store would not address this; no in-store remedy in the catalog is \
             sure to reach the target. Profile the workload (query plans, locks and waits, connection count, I/O, noisy \
             neighbours on the same instance) and fix what it shows; then measure again.",
            store.map_or("The store", |s| s.type_name()),
            pattern_name(cx, item.pattern()),
        );
        f.what_would_change_this =
            "A workload on the same store that fits it poorly and misses its own target (interference), or a scale beyond \
             the store's grade, would point at a structural fix instead."
                .to_string();
        f.sources = sources.into_vec();
        f
    }
}

//! SW015 cache fit: a cache decided by its hit rate, its miss penalty and its working set against
//! its capacity — not by its request rate.

use super::{Rule, finding};
use crate::{
    context::Context,
    decision::Decision,
    format::{num, secs},
    plan::{Fate, Plan},
    report::{Figure, Finding, Location},
    severity::Severity,
};

/// Hit rate below which a cache is not doing its job.
pub(crate) const LOW_HIT_RATE: f64 = 0.8;

/// Working set this many times the cache's capacity: no affordable amount of memory holds it.
pub(crate) const FAR_BEYOND_MEMORY: f64 = 4.0;

macro_rules! docs {
    () => {
        r"Cache fit: a cache judged by its hit rate, miss penalty and working set against its capacity.

# What it checks

Every store with `cache:` facts: a hit rate below 80 %, or a working set larger than its
capacity. The finding weighs what would raise the hit rate: more memory when the working set is
within reach (up to four times the capacity), a disk-backed cache when it is far beyond it (a
cache table on the SSDs of a database the team already runs holds months where memory holds
days), and what a miss costs (`miss_latency`) against a hit. Medium when the hit rate is under
80 %, low otherwise. It never calls a cache filled on a miss a dual write.

# Why

A cache's value is the misses it saves. 37signals measured that a miss cost up to 50 times a
hit and that their Redis cache held days of fragments; a disk-backed cache holding months raised
the hit rate. Request rate alone says nothing about whether a cache earns its keep.

# Example

```yaml
- id: fragment-cache
  type: redis
  role: derived
  fed_by: { from: main-db, via: cache_aside }
  cache: { hit_rate: 67%, miss_latency: 287ms, capacity: 100GB, working_set: 2TB }
```

# Instead

Size the cache to the working set, or move it to disk where memory cannot hold it; measure the
hit rate again.
"
    };
}

#[doc = docs!()]
#[derive(Debug, Clone, Copy, Default)]
pub struct CacheFit;

impl Rule for CacheFit {
    fn code(&self) -> &'static str {
        "SW015"
    }
    fn name(&self) -> &'static str {
        "cache-fit"
    }
    fn summary(&self) -> &'static str {
        "A cache holds too little of what is read: judged by hit rate, miss penalty and working set."
    }
    fn severity(&self) -> Severity {
        Severity::Medium
    }
    fn docs(&self) -> &'static str {
        docs!()
    }

    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>) {
        for (i, s) in cx.stores.iter().enumerate() {
            let Some(cache) = s.store.cache.as_ref().map(|c| c.value) else { continue };
            let hit = cache.hit_rate.map(catalog::units::Percent::fraction);
            let ratio = cache.working_set.zip(cache.capacity).filter(|(_, c)| c.0 > 0.0).map(|(w, c)| w.0 / c.0);
            let low_hit = hit.is_some_and(|h| h < LOW_HIT_RATE);
            let too_small = ratio.is_some_and(|r| r > 1.0);
            if !(low_hit || too_small) {
                continue;
            }
            let decision = Decision::Cache { store: s.id().to_string(), hit_rate: hit, working_set_ratio: ratio };
            let severity = if low_hit { Severity::Medium } else { Severity::Low };
            let what = match (hit, ratio) {
                (Some(h), _) if low_hit => format!("hits only {}% of reads", num((h * 100.0).round())),
                (_, Some(r)) => format!("has a working set {}× its capacity", num((r * 10.0).round() / 10.0)),
                _ => "is too small".to_string(),
            };
            let mut f = finding(self, severity, decision, format!("{} {what}", s.label()));
            f.subjects.push(s.id().to_string());
            f.location = Location::of(s.store.id.span);
            if let Some(h) = cache.hit_rate {
                f.evidence.push(Figure::new("hit rate", h.to_string()));
            }
            if let Some(m) = cache.miss_latency {
                f.evidence.push(Figure::new("miss latency", secs(m.secs())));
            }
            if let (Some(w), Some(c)) = (cache.working_set, cache.capacity) {
                f.evidence.push(Figure::new("working set / capacity", format!("{w} / {c}")));
            }
            let far = ratio.is_some_and(|r| r >= FAR_BEYOND_MEMORY);
            let fold = match plan.fates.get(i) {
                Some(Fate::Remove(fd)) => cx.store(fd.into).map(|t| t.id().to_string()),
                _ => None,
            };
            f.recommendation = if far {
                format!(
                    "Memory will not hold it: the working set is {} times the cache. A disk-backed cache — a cache table on the \
                     SSDs of a database the team already runs{} — holds months where memory holds days, and each hit costs a \
                     disk read instead of a miss's full recomputation.",
                    num(ratio.unwrap_or(1.0).round()),
                    fold.map(|t| format!(" ({t})")).unwrap_or_default()
                )
            } else {
                "Size the cache to its working set (memory, or a larger node), then measure the hit rate again; a miss costs \
                 the full read from the source."
                    .to_string()
            };
            f.what_would_change_this =
                "A measured hit rate of 80% or more, or a working set within the cache's capacity.".into();
            out.push(f);
        }
    }
}

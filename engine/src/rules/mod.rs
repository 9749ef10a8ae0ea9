//! The rules: one per file, each a unit struct implementing [`Rule`], in one ordered registry.
//!
//! Codes are stable (`SW001` …) and never reused. A rule's documentation (what it checks, why,
//! an example, what to do instead) is its type's doc comment and [`Rule::docs`], from one text.

mod at_least_once;
mod consolidate_underused;
mod consolidation_candidate;
mod dual_write;
mod justified_add;
mod poor_fit_unmeasured;
mod remedy_first;
mod source_of_truth;
mod staleness_missing;
mod staleness_unmeetable;
mod unjustified_add;

pub use at_least_once::AtLeastOnce;
pub use consolidate_underused::ConsolidateUnderused;
pub use consolidation_candidate::ConsolidationCandidate;
pub use dual_write::DualWrite;
pub use justified_add::JustifiedAdd;
pub use poor_fit_unmeasured::PoorFitUnmeasured;
pub use remedy_first::RemedyFirst;
pub use source_of_truth::SourceOfTruth;
pub use staleness_missing::StalenessMissing;
pub use staleness_unmeetable::StalenessUnmeetable;
pub use unjustified_add::UnjustifiedAdd;

use crate::{
    context::{Bottleneck, Context, ItemInfo},
    format::secs,
    report::{Effect, Figure, Finding, Location},
    severity::Severity,
};

/// A check over a workload that produces findings.
pub trait Rule: Sync {
    /// The stable code, `SW` and three digits.
    fn code(&self) -> &'static str;
    /// A short kebab-case name (`dual-write`).
    fn name(&self) -> &'static str;
    /// One line saying what the rule finds.
    fn summary(&self) -> &'static str;
    /// The most severe level its findings take (its default level in SARIF).
    fn severity(&self) -> Severity;
    /// Markdown: a first line, then `# What it checks`, `# Why`, `# Example`, `# Instead`.
    fn docs(&self) -> &'static str;
    /// Appends the rule's findings.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

static RULES: [&dyn Rule; 11] = [
    &DualWrite,
    &JustifiedAdd,
    &RemedyFirst,
    &UnjustifiedAdd,
    &ConsolidateUnderused,
    &ConsolidationCandidate,
    &StalenessUnmeetable,
    &StalenessMissing,
    &SourceOfTruth,
    &PoorFitUnmeasured,
    &AtLeastOnce,
];

/// Every rule, in code order.
pub fn rules() -> &'static [&'static dyn Rule] {
    &RULES
}

/// A rule by code (`SW001`, any case).
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.code().eq_ignore_ascii_case(code.trim()))
}

/// A finding of `rule` with the given severity and title; the rest filled in by the rule.
pub(crate) fn finding(rule: &dyn Rule, severity: Severity, title: String) -> Finding {
    Finding {
        code: rule.code(),
        rule: rule.name(),
        severity,
        title,
        subjects: Vec::new(),
        evidence: Vec::new(),
        recommendation: String::new(),
        expected_effect: Effect::default(),
        what_would_change_this: String::new(),
        sources: Vec::new(),
        location: None,
        changes: Vec::new(),
    }
}

/// `4m vs 5s target` / `800/s vs 2k/s target`.
pub(crate) fn miss_text(b: &Bottleneck) -> String {
    match (b.latency, b.throughput) {
        (Some((m, t)), _) => format!("{} vs {} target", secs(m), secs(t)),
        (None, Some((m, t))) => format!("{m} vs {t} target"),
        (None, None) => String::new(),
    }
}

/// The measured and target figures of a bottleneck, as evidence.
pub(crate) fn miss_evidence(b: &Bottleneck) -> Vec<Figure> {
    let mut out = Vec::new();
    if let Some((m, t)) = b.latency {
        out.push(Figure::new("measured latency", secs(m)));
        out.push(Figure::new("latency target", secs(t)));
    }
    if let Some((m, t)) = b.throughput {
        out.push(Figure::new("measured throughput", m.to_string()));
        out.push(Figure::new("throughput target", t.to_string()));
    }
    out
}

/// Where an item's measurement is written (latency, else throughput, else its id).
pub(crate) fn item_location(item: &ItemInfo<'_>) -> Option<Location> {
    let it = item.item;
    it.latency
        .as_ref()
        .map(|l| l.span)
        .or_else(|| it.throughput.as_ref().map(|t| t.span))
        .and_then(Location::of)
        .or_else(|| Location::of(it.id.span))
}

/// The evidence every finding about a missed target opens with: the miss, the access pattern,
/// the load, the current store's fit (cited) and the freshness needed.
pub(crate) fn bottleneck_evidence(
    cx: &Context<'_>,
    item: &ItemInfo<'_>,
    a: &crate::assess::Assessment<'_>,
    f: &mut Finding,
    sources: &mut crate::sources::Sources,
) {
    if let Some(b) = &item.bottleneck {
        f.evidence.extend(miss_evidence(b));
    }
    f.evidence.push(Figure::new("access pattern", item.pattern()));
    if let Some(load) = crate::scale::describe_load(&item.load) {
        f.evidence.push(Figure::new("scale", load));
    }
    if let (Some(s), Some(fit)) = (item.store.and_then(|s| cx.store(s)), item.fit) {
        f.evidence.push(Figure::new(format!("{} fit", s.label()), fit_text(fit)));
        if let Some(k) = s.kind {
            sources.cite(k, &fit.cite);
        }
    }
    f.evidence.push(Figure::new("freshness needed", a.tolerance.explain()));
}

/// The current fit of an item's store, as evidence text: `weak up to 50GB, 2s..7m`.
pub(crate) fn fit_text(fit: &catalog::model::Fit) -> String {
    let lat = fit.latency.map(|l| format!(", {l}")).unwrap_or_default();
    format!("{} {}{lat}", fit.grade.as_str(), crate::scale::describe(&fit.up_to))
}

/// A catalog remedy's display name (`Materialized view`), else its id.
pub(crate) fn remedy_name<'a>(cx: &'a Context<'_>, id: &'a str) -> &'a str {
    cx.catalog.remedy(id).map_or(id, |r| r.name.as_str())
}

/// A remedy's name for use inside a sentence: first letter lower-cased unless it starts an
/// acronym (`materialized view`, `JSON document columns`).
pub(crate) fn remedy_phrase(cx: &Context<'_>, id: &str) -> String {
    let name = remedy_name(cx, id);
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => a.to_lowercase().chain(name.chars().skip(1)).collect(),
        _ => name.to_string(),
    }
}

/// A catalog pattern's display name in lower case (`analytical scan / aggregation`), else its id.
pub(crate) fn pattern_name(cx: &Context<'_>, id: &str) -> String {
    cx.catalog.pattern(id).map_or_else(|| id.to_string(), |p| p.name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_documented() {
        let mut last = "";
        for r in rules() {
            assert!(r.code() > last, "{} out of order", r.code());
            last = r.code();
            assert!(r.code().starts_with("SW") && r.code().len() == 5);
            for heading in ["# What it checks", "# Why", "# Example", "# Instead"] {
                assert!(r.docs().contains(heading), "{} lacks {heading}", r.code());
            }
            assert!(rule(r.code()).is_some());
        }
    }
}

//! The rules: one per file, each a unit struct implementing [`Rule`], in one ordered registry.
//!
//! Codes are stable (`SW001` …) and never reused. A rule's documentation (what it checks, why,
//! an example, what to do instead) is its type's doc comment and [`Rule::docs`], from one text.
//! Rules decide nothing themselves: they report the decisions of `crate::plan` as findings,
//! with the decision as data and the words rendered from it.

mod absorb;
mod at_least_once;
mod cache_fit;
mod consolidate;
mod consolidation_unknown;
mod dual_write;
mod invalid_workload;
mod justified_add;
mod lossy_flow;
mod poor_fit_unmeasured;
mod proposal;
mod read_your_writes;
mod remedy_first;
mod saturation;
mod source_of_truth;
mod staleness_missing;
mod staleness_unmeetable;

pub use absorb::Absorb;
pub use at_least_once::AtLeastOnce;
pub use cache_fit::CacheFit;
pub(crate) use cache_fit::LOW_HIT_RATE;
pub use consolidate::Consolidate;
pub use consolidation_unknown::ConsolidationUnknown;
pub use dual_write::DualWrite;
pub use invalid_workload::InvalidWorkload;
pub use justified_add::JustifiedAdd;
pub use lossy_flow::LossyFlow;
pub use poor_fit_unmeasured::PoorFitUnmeasured;
pub use proposal::ProposalVerdicts;
pub use read_your_writes::ReadYourWrites;
pub use remedy_first::RemedyFirst;
pub use saturation::Saturation;
pub use source_of_truth::SourceOfTruth;
pub use staleness_missing::StalenessMissing;
pub use staleness_unmeetable::StalenessUnmeetable;

use crate::{
    context::{Bottleneck, Context, FreshnessFrom, ItemInfo},
    decision::{Assumption, Decision},
    format::secs,
    plan::Plan,
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
    /// How often its results are right, as code scanning reads it (`properties.precision`): every
    /// rule reports decisions computed from the stated figures, so high unless it says otherwise.
    fn precision(&self) -> Precision {
        Precision::High
    }
    /// Markdown: a first line, then `# What it checks`, `# Why`, `# Example`, `# Instead`.
    fn docs(&self) -> &'static str;
    /// Appends the rule's findings for the plan's decisions.
    fn check(&self, cx: &Context<'_>, plan: &Plan, out: &mut Vec<Finding>);
}

static RULES: [&dyn Rule; 16] = [
    &DualWrite,
    &JustifiedAdd,
    &RemedyFirst,
    &ProposalVerdicts,
    &Consolidate,
    &ConsolidationUnknown,
    &StalenessUnmeetable,
    &StalenessMissing,
    &SourceOfTruth,
    &PoorFitUnmeasured,
    &AtLeastOnce,
    &Saturation,
    &LossyFlow,
    &ReadYourWrites,
    &CacheFit,
    &Absorb,
];

/// Every rule, in code order.
pub fn rules() -> &'static [&'static dyn Rule] {
    &RULES
}

/// Every rule SARIF describes and `docs/rules/` documents: [`InvalidWorkload`] (SW000, the
/// parser's diagnostics), then the registry.
pub fn described() -> impl Iterator<Item = &'static dyn Rule> {
    std::iter::once(&InvalidWorkload as &'static dyn Rule).chain(RULES.iter().copied())
}

/// Where a rule's page is: `docs/rules/<CODE>.md` in the repository (SARIF's `helpUri`).
pub fn help_uri(code: &str) -> String {
    format!("{DOCS_BASE}{code}.md")
}

/// The repository folder of the rule pages, as a URL.
pub const DOCS_BASE: &str = "https://github.com/storewise/storewise/blob/main/docs/rules/";

/// How often a rule's results are right (GitHub code scanning's `precision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Certain: the result is a fact about the file.
    VeryHigh,
    /// Right whenever the stated figures are.
    High,
    /// Often right.
    Medium,
    /// A hint.
    Low,
}

impl Precision {
    /// The name code scanning reads: `very-high`, `high`, `medium` or `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::VeryHigh => "very-high",
            Precision::High => "high",
            Precision::Medium => "medium",
            Precision::Low => "low",
        }
    }
}

/// A rule by code (`SW001`, any case).
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.code().eq_ignore_ascii_case(code.trim()))
}

/// A finding of `rule` with its decision, severity and title; the rest filled in by the rule.
pub(crate) fn finding(rule: &dyn Rule, severity: Severity, decision: Decision, title: String) -> Finding {
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
        decision,
        options: Vec::new(),
        assumptions: Vec::new(),
        options_of: None,
    }
}

/// `4m vs 5s target` / `800/s vs 2k/s target`.
pub(crate) fn miss_text(b: &Bottleneck) -> String {
    match (b.latency, b.throughput) {
        (Some((m, t)), _) if b.target_is_freshness => format!("takes {} vs {} freshness needed", secs(m), secs(t)),
        (Some((m, t)), _) => format!("{} vs {} target", secs(m), secs(t)),
        (None, Some((m, t))) => format!("{m} vs {t} target"),
        (None, None) if b.unserved => "not served (graded unsuited)".to_string(),
        (None, None) => String::new(),
    }
}

/// The measured and target figures of a bottleneck, as evidence.
pub(crate) fn miss_evidence(b: &Bottleneck) -> Vec<Figure> {
    let mut out = Vec::new();
    if let Some((m, t)) = b.latency {
        out.push(Figure::new("measured latency", secs(m)));
        if b.target_is_freshness {
            out.push(Figure::new(
                "latency target",
                format!(
                    "{} (none stated: the freshness its answers need, as a scan's answer is as old as the scan takes)",
                    secs(t)
                ),
            ));
        } else {
            out.push(Figure::new("latency target", secs(t)));
        }
    }
    if let Some((m, t)) = b.throughput {
        out.push(Figure::new("measured throughput", m.to_string()));
        out.push(Figure::new("throughput target", t.to_string()));
    }
    if b.unserved && b.latency.is_none() && b.throughput.is_none() {
        out.push(Figure::new("measured", "nothing to measure: the store cannot serve the pattern"));
    }
    out
}

/// The store's `skew`, as evidence, when its busiest shard or node carries more than the average
/// (per-node loads are the busiest node's).
pub(crate) fn skew_evidence(store: &crate::context::StoreInfo<'_>, f: &mut Finding) {
    let skew = store.skew();
    if skew > 1.0 {
        f.evidence.push(Figure::new(
            "busiest shard or node",
            format!("{}× the average of {} (skew)", crate::format::num(skew), crate::format::num(store.spread())),
        ));
    }
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

/// The freshness a workload needs, as evidence, and as an assumption when the file does not say.
pub(crate) fn freshness(cx: &Context<'_>, it: &ItemInfo<'_>, f: &mut Finding) {
    let value = secs(it.freshness.secs);
    let (label, why) = match it.freshness.from {
        FreshnessFrom::Stated => ("stated", None),
        FreshnessFrom::Budget => ("the store's staleness budget", None),
        FreshnessFrom::Assumed => ("assumed", it.pattern.map(|p| p.freshness_estimate.clone())),
    };
    f.evidence.push(Figure::new("freshness needed", format!("{value} ({label})")));
    if let Some(why) = why {
        f.assumptions.push(Assumption {
            what: format!("freshness of {}", it.id()),
            value,
            why,
            state: format!("workloads[{}].freshness", it.item.at.index),
        });
    }
    let _ = cx;
}

/// The horizon, as an assumption when the file states none.
pub(crate) fn horizon(cx: &Context<'_>, f: &mut Finding) {
    if !cx.horizon.1 {
        f.assumptions.push(Assumption {
            what: "planning horizon".into(),
            value: "1y".into(),
            why: "No `horizon` stated: growth is projected one year ahead, the usual capacity-planning window.".into(),
            state: "horizon".into(),
        });
    }
}

/// The current fit of an item's store, as evidence text: `weak up to 50GB, 2s..7m`.
pub(crate) fn fit_text(fit: &catalog::model::Fit) -> String {
    let lat = fit.latency.map(|l| format!(", {l}")).unwrap_or_default();
    format!("{} {}{lat}", fit.grade.as_str(), crate::load::describe(&fit.up_to))
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

    /// Issue 13: the workload reads `ignore` codes from its own list; it is this registry's.
    #[test]
    fn issue_13_the_workload_knows_every_rule_code() {
        let codes: Vec<&str> = rules().iter().map(|r| r.code()).collect();
        assert_eq!(codes, workload::RULE_CODES);
    }
}

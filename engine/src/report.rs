//! The report: findings, operational overhead, the seed table and the architecture, as JSON.

use serde::{Deserialize, Serialize};

use crate::{
    change::Change,
    cost::{Growth, Overhead, SeedTable},
    decision::{Assumption, Decision},
    estimate::Estimate,
    options::Considered,
    severity::Severity,
};

/// Everything storewise concludes about one workload file.
///
/// Serialised with serde, this is the JSON contract of `storewise analyze --format json` and of
/// `POST /api/analyze`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The architecture's name, from the workload file.
    pub name: String,
    /// The catalog and rules versions the report was made with.
    pub versions: Versions,
    /// Findings per severity.
    pub summary: Summary,
    /// The findings, most severe first (then by code, then in file order).
    pub findings: Vec<Finding>,
    /// Operational overhead of the current and the recommended architecture.
    pub overhead: Overheads,
    /// The seed's table for one source of truth alone, the current and the recommended architecture.
    pub table: Tables,
    /// Stores and flows before and after the recommendations, for diagrams.
    pub architecture: Architectures,
    /// How overhead grows with the number of stores, for the growth chart.
    pub growth: Growth,
    /// Findings a suppression covers, each with it; not in `findings` nor in `summary`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<crate::suppress::Suppressed>,
    /// Suppressions that have lapsed or matched nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppression_notes: Vec<crate::suppress::SuppressionNote>,
}

impl Report {
    /// Words at the edge: renders every option weighed (in `findings` and in `suppressed`) into
    /// words — its `label` and, reason by reason, its `why` — from its typed choice and reasons,
    /// with the catalog the report was made with. [`crate::analyze`] decides and leaves them
    /// empty; whatever shows the report (the renderers, the JSON, the app) calls this once first.
    pub fn speak(&mut self, catalog: &catalog::Catalog) {
        let findings = self.findings.iter_mut().chain(self.suppressed.iter_mut().map(|s| &mut s.finding));
        for option in findings.flat_map(|f| f.options.iter_mut()) {
            crate::speak::words(catalog, option);
        }
    }
}

impl Finding {
    /// A stable identity across runs and edits of the file: FNV-1a over its code and subjects
    /// (`storewise diff` and baselines match findings by it; SARIF's `partialFingerprints` hash
    /// it with the file's URI).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.code, &self.subjects)
    }
}

/// The fingerprint of a finding with this code and these subjects (see [`Finding::fingerprint`]),
/// for consumers that hold a finding as JSON, such as a baseline.
pub fn fingerprint(code: &str, subjects: &[impl AsRef<str>]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in std::iter::once(code).chain(subjects.iter().map(AsRef::as_ref)) {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

impl Report {
    /// The most severe finding's severity, or `None` when there are no findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The findings at least as severe as `threshold`.
    pub fn at_least(&self, threshold: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= threshold)
    }

    /// Keeps the findings `keep` accepts (a baseline hides the known ones) and counts the
    /// summary again; returns how many were left out. The overhead, the seed table and the
    /// recommended architecture still reflect every finding.
    pub fn retain_findings(&mut self, keep: impl FnMut(&Finding) -> bool) -> usize {
        let before = self.findings.len();
        self.findings.retain(keep);
        self.summary = Summary::of(&self.findings);
        before - self.findings.len()
    }
}

/// Versions that make a report reproducible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Versions {
    /// `Catalog::version`: changes whenever a catalog figure changes.
    pub catalog: String,
    /// [`crate::RULES_VERSION`].
    pub rules: String,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// All findings.
    pub findings: usize,
    /// Critical findings.
    pub critical: usize,
    /// High findings.
    pub high: usize,
    /// Medium findings.
    pub medium: usize,
    /// Low findings.
    pub low: usize,
    /// Informational findings.
    pub info: usize,
}

impl Summary {
    /// Counts the findings.
    pub(crate) fn of(findings: &[Finding]) -> Self {
        let mut s = Summary { findings: findings.len(), ..Summary::default() };
        for f in findings {
            match f.severity {
                Severity::Critical => s.critical += 1,
                Severity::High => s.high += 1,
                Severity::Medium => s.medium += 1,
                Severity::Low => s.low += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }

    /// The count for one severity.
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }
}

/// One conclusion of one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's stable code, e.g. `SW001`.
    pub code: &'static str,
    /// The rule's short name, e.g. `dual-write`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// The store and workload ids it is about, main subject first.
    pub subjects: Vec<String>,
    /// The figures that triggered it.
    pub evidence: Vec<Figure>,
    /// What to do, and why.
    pub recommendation: String,
    /// What following the recommendation is expected to change.
    pub expected_effect: Effect,
    /// The facts that would change the conclusion.
    pub what_would_change_this: String,
    /// The catalog sources behind the figures used.
    pub sources: Vec<SourceRef>,
    /// Where the main subject is written in the workload file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The changes to the architecture the recommendation amounts to (applied to compute the
    /// recommended architecture).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// What was decided, as data (the words above are rendered from it).
    pub decision: Decision,
    /// Every option weighed, with its verdict and reasons (the pick first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Considered>,
    /// Figures the finding assumed because the file does not state them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Assumption>,
    /// The plan's options table that becomes `options` once the rules are done (the analysis
    /// moves it in rather than each rule copying it); `None` in every report returned.
    #[serde(skip)]
    pub(crate) options_of: Option<crate::plan::Table>,
}

/// A labelled figure: `measured latency` = `4m`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// What the figure is.
    pub label: String,
    /// The figure, in the units people write.
    pub value: String,
}

impl Figure {
    /// A figure.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self { label: label.into(), value: value.into() }
    }
}

/// The expected effect of following a recommendation; each part absent when it does not apply.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Effect {
    /// The latency the workload is expected to reach, as a range (`50ms..2s`).
    pub latency: Option<Latency>,
    /// The workload whose latency `latency` is (issue 14: an effect says what it is of).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_of: Option<String>,
    /// Change in infrastructure spend, USD per month (negative = a saving).
    pub usd_per_month: Option<Estimate>,
    /// Change in operations work, hours per month (negative = less work).
    pub ops_hours_per_month: Option<Estimate>,
    /// The hours above priced at the team's hourly cost, USD per month.
    pub people_usd_per_month: Option<Estimate>,
}

/// A latency range in seconds, serialised as text like `50ms..2s`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Latency(pub Estimate);

#[cfg(test)]
const _: () = {
    // The options table serialises latencies as text; keep `Latency` plain data.
    const fn assert_copy<T: Copy>() {}
    assert_copy::<Latency>();
};

impl Serialize for Latency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&crate::format::secs_range(self.0))
    }
}

impl std::fmt::Display for Latency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use catalog::units::{Duration, Range};
        let (lo, hi) = (Duration(self.0.lo.max(0.0)), Duration(self.0.hi.max(0.0)));
        std::fmt::Display::fmt(&Range { lo, hi }, f)
    }
}

/// A catalog source, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// The catalog store entry that cites it.
    pub store: String,
    /// The document's title.
    pub title: String,
    /// Where it is (`https://…`, or `seed:000`).
    pub url: String,
    /// Its date, or the date it was read.
    pub date: String,
}

/// A position in the workload file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column just past the end.
    pub end_column: usize,
}

impl Location {
    /// From a workload span; `None` for the empty span of a value built in code.
    pub(crate) fn of(span: workload::Span) -> Option<Self> {
        (span.line > 0).then_some(Location {
            line: span.line,
            column: span.column.max(1),
            end_line: span.end_line.max(span.line),
            end_column: span.end_column,
        })
    }
}

/// Overhead of the architecture as it is and as recommended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overheads {
    /// As described in the file.
    pub current: Overhead,
    /// With every recommendation applied.
    pub recommended: Overhead,
}

/// The seed's table, three ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tables {
    /// The display name of the store type in the `single` column (`PostgreSQL`).
    pub single_label: String,
    /// The primary source of truth alone (the seed's "Single PostgreSQL" column).
    pub single: SeedTable,
    /// As described in the file.
    pub current: SeedTable,
    /// With every recommendation applied.
    pub recommended: SeedTable,
}

/// The architecture before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Architectures {
    /// As described.
    pub current: Architecture,
    /// With every recommendation applied; removed stores and flows are kept with status `removed`.
    pub recommended: Architecture,
}

/// Stores and flows, for drawing.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Architecture {
    /// The stores.
    pub stores: Vec<ArchStore>,
    /// The flows between them.
    pub flows: Vec<ArchFlow>,
}

/// A store in a diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchStore {
    /// Its id.
    pub id: String,
    /// Its catalog type.
    #[serde(rename = "type")]
    pub store_type: String,
    /// The catalog's display name.
    pub name: String,
    /// Its role.
    pub role: workload::Role,
    /// Whether the recommendations keep, add or remove it.
    pub status: Status,
}

/// A flow in a diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchFlow {
    /// Upstream store id.
    pub from: String,
    /// Downstream store id.
    pub to: String,
    /// How data flows.
    pub via: workload::Via,
    /// Whether the recommendations keep, add, change or remove it.
    pub status: Status,
}

/// What the recommendations do to a store or flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Unchanged.
    Kept,
    /// New.
    Added,
    /// Kept, but flowing differently.
    Changed,
    /// Taken out.
    Removed,
}

//! The storewise engine: decision rules and the operational cost model.
//!
//! [`analyze`] takes a parsed [`Workload`] and the [`Catalog`] it was checked against and returns
//! a [`Report`]: findings from the rules in [`rules()`] (most severe first), the operational
//! overhead of the architecture as it is and as recommended, the seed's comparison table, and
//! the architecture before and after. [`render`] turns a report into terminal text, Markdown or
//! SARIF.
//!
//! The crate is pure: no I/O, no threads, no clocks, no panics; it compiles to wasm32.
//!
//! ```
//! let catalog = catalog::Catalog::embedded().expect("the embedded catalog parses");
//! let text = "version: 1\nname: demo\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n";
//! let parsed = workload::parse(text, catalog);
//! let report = engine::analyze(parsed.workload.as_ref().expect("valid"), parsed.catalog_or(catalog));
//! assert_eq!(report.overhead.current.x_single, 1.0);
//! ```

mod assess;
mod change;
mod consolidate;
mod context;
pub mod cost;
mod estimate;
pub mod format;
mod graph;
pub mod render;
mod report;
pub mod rules;
mod scale;
mod severity;
mod sources;

pub use catalog::Catalog;
pub use change::Change;
pub use consolidate::UNDERUSED_QUERIES_PER_DAY;
pub use context::Context;
pub use estimate::Estimate;
pub use report::{
    ArchFlow, ArchStore, Architecture, Architectures, Effect, Figure, Finding, Latency, Location, Overheads, Report,
    SourceRef, Status, Summary, Tables, Versions,
};
pub use rules::{Rule, rules};
pub use severity::{Severity, UnknownSeverity};
pub use workload::Workload;

/// The version of the rules and the cost model; shared links record it next to the catalog's.
pub const RULES_VERSION: &str = "1.0";

/// Analyses a workload against a catalog.
///
/// Never panics; unknown store types or dangling ids (which the parser rejects) are skipped.
pub fn analyze(workload: &Workload, catalog: &Catalog) -> Report {
    let cx = Context::new(workload, catalog);
    let mut findings = Vec::new();
    for rule in rules() {
        rule.check(&cx, &mut findings);
    }
    sort_findings(&mut findings);

    let baseline_kind = cx.baseline.and_then(|b| cx.store(b)).and_then(|s| s.kind);
    let single_hours = cx
        .baseline
        .and_then(|b| cx.store(b))
        .and_then(|s| s.kind.map(|k| cost::store_hours(k, s.store.size).total()))
        .unwrap_or(0.0);

    let current = cost::Arch::current(&cx);
    let mut recommended = current.clone();
    apply_in_order(&mut recommended, &findings, catalog);

    Report {
        name: workload.name.clone(),
        versions: Versions { catalog: catalog.version.clone(), rules: RULES_VERSION.to_string() },
        summary: Summary::of(&findings),
        overhead: Overheads {
            current: current.overhead(cx.hourly, single_hours),
            recommended: recommended.overhead(cx.hourly, single_hours),
        },
        table: Tables {
            single_label: baseline_kind.map_or_else(|| "one store".to_string(), |k| k.name.clone()),
            single: cost::single_table(baseline_kind),
            current: current.table(),
            recommended: recommended.table(),
        },
        architecture: Architectures { current: current.view(), recommended: recommended.view() },
        findings,
    }
}

/// Most severe first; then by code; then by position in the file (stable otherwise).
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pos = |f: &Finding| f.location.map_or((usize::MAX, usize::MAX), |l| (l.line, l.column));
        b.severity.cmp(&a.severity).then_with(|| a.code.cmp(b.code)).then_with(|| pos(a).cmp(&pos(b)))
    });
}

/// Applies every finding's changes: dual writes first, then remedies, additions and removals.
fn apply_in_order<'c>(arch: &mut cost::Arch<'c>, findings: &[Finding], catalog: &'c Catalog) {
    let rank = |c: &Change| match c {
        Change::ReplaceDualWrites { .. } => 0,
        Change::ApplyRemedy { .. } => 1,
        Change::AddStore { .. } | Change::MoveWorkload { .. } => 2,
        Change::RemoveStore { .. } => 3,
    };
    for pass in 0..4 {
        for change in findings.iter().flat_map(|f| &f.changes).filter(|c| rank(c) == pass) {
            arch.apply(change, catalog);
        }
    }
    arch.finish();
}

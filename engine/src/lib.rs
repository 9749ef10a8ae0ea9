//! The storewise engine: decision rules and the operational cost model.
//!
//! [`analyze`] takes a parsed [`Workload`] and the [`Catalog`] it was checked against and returns
//! a [`Report`]: findings from the rules in [`rules()`] (most severe first), the operational
//! overhead of the architecture as it is and as recommended, the seed's comparison table, and
//! the architecture before and after. The options weighed are typed decisions; the edge that
//! shows a report calls [`Report::speak`] once to put their words in (`label`, `why`), then
//! [`render`] turns it into terminal text, Markdown or SARIF, or serde into JSON. [`diff()`] compares two reports of one file (a pull request's base and head).
//!
//! The crate is pure: no I/O, no threads, no clocks, no panics; it compiles to wasm32.
//!
//! ```
//! let catalog = catalog::Catalog::embedded().expect("the embedded catalog parses");
//! let text = "version: 1\nname: demo\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n";
//! let parsed = workload::parse(text, catalog);
//! let mut report = engine::analyze(parsed.workload.as_ref().expect("valid"), parsed.catalog_or(catalog));
//! report.speak(parsed.catalog_or(catalog));
//! assert_eq!(report.overhead.current.x_single, 1.0);
//! ```

mod capacity;
mod change;
mod context;
pub mod cost;
pub mod decision;
pub mod diff;
mod estimate;
pub mod format;
mod graph;
mod judge;
mod load;
pub mod options;
mod plan;
pub mod render;
mod report;
pub mod rules;
mod scaling;
mod severity;
mod sources;
pub mod speak;
mod suppress;

pub use catalog::Catalog;
pub use change::Change;
pub use context::{Context, DEFAULT_HORIZON_SECS, FreshnessFrom};
pub use decision::{Assumption, Decision, Fix};
pub use diff::{ReportDiff, diff};
pub use estimate::Estimate;
pub use options::{Choice, Considered, Reason, TieBreak, Verdict};
pub use plan::{FlowProblem, Plan, ProposalVerdict, Trigger, UNDERUSED_QUERIES_PER_DAY};
pub use report::{
    ArchFlow, ArchStore, Architecture, Architectures, Effect, Figure, Finding, Latency, Location, Overheads, Report,
    SourceRef, Status, Summary, Tables, Versions, fingerprint,
};
pub use rules::{Rule, rules};
pub use severity::{Severity, UnknownSeverity};
pub use suppress::{NoteKind, Origin, Suppressed, Suppression, SuppressionNote};
pub use workload::{Date, Workload};

/// The version of the rules and the cost model; shared links record it next to the catalog's.
pub const RULES_VERSION: &str = "2.0";

/// Analyses a workload against a catalog, with the workload's own suppressions (`ignore`) in
/// force whatever their `until` (this function knows no date: see [`analyze_as_of`]).
///
/// Never panics; unknown store types or dangling ids (which the parser rejects) are skipped.
pub fn analyze(workload: &Workload, catalog: &Catalog) -> Report {
    analyze_as_of(workload, catalog, None, &[])
}

/// Analyses a workload against a catalog on the day `today` (the caller's clock: the engine
/// reads none), with the workload's suppressions and then `external` ones (a configuration's)
/// applied: a suppression whose `until` is before `today` suppresses nothing and is noted.
pub fn analyze_as_of(workload: &Workload, catalog: &Catalog, today: Option<Date>, external: &[Suppression]) -> Report {
    let mut report = analyze_all(workload, catalog);
    let mut list = Suppression::of(workload);
    list.extend(external.iter().cloned());
    if !list.is_empty() {
        report.suppress(&list, today);
    }
    report
}

/// Every finding, nothing suppressed.
fn analyze_all(workload: &Workload, catalog: &Catalog) -> Report {
    let cx = Context::new(workload, catalog);
    let plan = plan::Plan::new(&cx);
    let mut findings = Vec::with_capacity(16);
    for rule in rules() {
        rule.check(&cx, &plan, &mut findings);
    }
    plan.hand_over(&mut findings);
    sort_findings(&mut findings);
    for f in &mut findings {
        // The pick first, the others in the order they were weighed.
        f.options.sort_by_key(|o| o.verdict != Verdict::Chosen);
    }

    let baseline_kind = cx.baseline.and_then(|b| cx.store(b)).and_then(|s| s.kind);
    let single_hours = cx
        .baseline
        .and_then(|b| cx.store(b))
        .and_then(|s| s.kind.map(|k| cost::store_hours(k, s.store.size).total()))
        .unwrap_or(0.0);

    let current = cost::Arch::current(&cx);
    let mut recommended = current.clone();
    apply_in_order(&mut recommended, &mut findings, cx.hourly);

    let overhead = Overheads {
        current: current.overhead(cx.hourly, single_hours),
        recommended: recommended.overhead(cx.hourly, single_hours),
    };
    let table = Tables {
        single_label: baseline_kind.map_or_else(|| "one store".to_string(), |k| k.name.clone()),
        single: cost::single_table(baseline_kind),
        current: current.table(),
        recommended: recommended.table(),
    };
    let architecture = Architectures { current: current.view(), recommended: recommended.view() };
    let up_to = (table.current.stores.max(table.recommended.stores) + 2).max(8);
    let growth = cost::curve(catalog, &overhead.current, &overhead.recommended, &architecture, up_to);
    Report {
        name: workload.name.clone(),
        versions: Versions { catalog: catalog.version.clone(), rules: RULES_VERSION.to_string() },
        summary: Summary::of(&findings),
        overhead,
        table,
        architecture,
        growth,
        findings,
        suppressed: Vec::new(),
        suppression_notes: Vec::new(),
    }
}

/// Most severe first; then by code; then by position in the file (stable otherwise).
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pos = |f: &Finding| f.location.map_or((usize::MAX, usize::MAX), |l| (l.line, l.column));
        b.severity.cmp(&a.severity).then_with(|| a.code.cmp(b.code)).then_with(|| pos(a).cmp(&pos(b)))
    });
}

/// Applies every finding's changes to the architecture, in report order, and sets each finding's
/// expected operations and spend to what its changes add to the architecture as it stands by
/// then: one computation for the findings and the recommended architecture, so their figures
/// always add up.
fn apply_in_order(arch: &mut cost::Arch<'_>, findings: &mut [Finding], hourly: f64) {
    for f in findings.iter_mut() {
        if f.changes.is_empty() {
            continue;
        }
        let mut changes: Vec<&Change> = f.changes.iter().collect();
        changes.sort_by_key(|c| c.rank());
        let (hours, usd) = arch.apply_all(&changes);
        f.expected_effect.ops_hours_per_month = Some(Estimate::exact(hours));
        f.expected_effect.people_usd_per_month = Some(Estimate::exact(estimate::round2(hours * hourly)));
        if usd != 0.0 {
            f.expected_effect.usd_per_month = Some(Estimate::exact(usd));
        }
    }
    arch.finish();
}

//! One run of the pipeline on the editor's text: parse and analyse (in one go, or as two steps
//! the page runs in tasks of their own); and a chart of its report drawn for the box it gets.
//! Pure; tested natively.

use std::sync::Arc;

use catalog::Catalog;
use engine::Report;
use workload::{Diagnostic, Level};

/// The four charts, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Operational overhead per store and category, current vs recommended.
    Overhead,
    /// How overhead grows with the number of stores.
    Growth,
    /// The seed table's metrics side by side.
    Table,
    /// The architecture as stores and flows, dual writes marked.
    Architecture,
}

impl ChartKind {
    /// All four, in page order.
    pub const ALL: [ChartKind; 4] = [ChartKind::Overhead, ChartKind::Growth, ChartKind::Table, ChartKind::Architecture];

    /// The short name used in test ids and file names (`overhead`).
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::Overhead => "overhead",
            ChartKind::Growth => "growth",
            ChartKind::Table => "table",
            ChartKind::Architecture => "architecture",
        }
    }

    /// The heading shown above the chart.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Overhead => "Operational overhead per store and category",
            ChartKind::Growth => "How overhead grows with the number of stores",
            ChartKind::Table => "The seed table, side by side",
            ChartKind::Architecture => "Architecture: stores and flows",
        }
    }

    /// A sentence for screen readers and the figure caption.
    pub fn caption(self) -> &'static str {
        match self {
            ChartKind::Overhead => {
                "Hours per month each store costs in the five operations categories, and what the stores cost together (interactions), today and recommended."
            }
            ChartKind::Growth => {
                "Total hours per month as stores are added: the interactions grow faster than the count."
            }
            ChartKind::Table => {
                "Configs, dashboards, backups, incidents, diagnosis and onboarding: single store, today, recommended."
            }
            ChartKind::Architecture => {
                "Stores and the flows between them, today and recommended; dual writes are marked."
            }
        }
    }

    /// The charts crate's kind.
    pub fn chart(self) -> charts::Kind {
        match self {
            ChartKind::Overhead => charts::Kind::Overhead,
            ChartKind::Growth => charts::Kind::Growth,
            ChartKind::Table => charts::Kind::Table,
            ChartKind::Architecture => charts::Kind::Architecture,
        }
    }
}

/// One chart of `report` as SVG, drawn for `frame` (the width its box has, the page's scheme) by
/// the charts crate, which escapes every label it draws.
pub fn draw(kind: ChartKind, report: &Report, frame: &charts::Frame) -> String {
    charts::render_in(kind.chart(), report, &charts::Budgets::new(), frame)
}

/// What the page shows for one version of the editor's text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// The text was empty (or blank): show the introduction, not errors.
    pub empty: bool,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The report, when the file has no errors (the charts are drawn from it where they show):
    /// shared by every view that shows a part of it, never copied.
    pub report: Option<Arc<Report>>,
    /// The embedded catalog failed to load (a build defect): the message to show.
    pub failure: Option<String>,
}

impl Analysis {
    /// The errors (not warnings).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.level == Level::Error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// The first error's position (line, column), to jump to.
    pub fn first_error(&self) -> Option<(usize, usize)> {
        self.errors().next().map(|d| (d.span.line, d.span.column))
    }
}

/// The embedded catalog, or the message to show when it cannot be loaded.
pub fn catalog() -> Result<&'static Catalog, String> {
    Catalog::embedded().map_err(|e| format!("the built-in catalog could not be loaded: {e}"))
}

/// Today's date (UTC) from the browser's clock: the day a suppression's `until` is judged against,
/// as the command line and the server judge it (an expired suppression is reported, not applied).
#[cfg(target_arch = "wasm32")]
pub fn today() -> Option<engine::Date> {
    let ms = js_sys::Date::now();
    if !ms.is_finite() || ms < 0.0 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "finite, ≥ 0, and days fit in u64")]
    let days = (ms / 86_400_000.0).floor() as u64;
    engine::Date::from_unix_days(days)
}

/// Today's date (UTC) from the system clock (the app's native tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> Option<engine::Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    engine::Date::from_unix_days(secs / 86_400)
}

/// The first step of a run: the text parsed, or the analysis when nothing is left to do.
#[derive(Debug)]
pub enum Step {
    /// Parsed: [`analyse`] makes the analysis.
    Parsed(Box<workload::Parsed>),
    /// The text was blank, or the catalog could not be loaded.
    Done(Box<Analysis>),
}

/// Parses `text` (the first step of [`run`]). Never panics: every problem becomes a diagnostic.
pub fn parse(text: &str) -> Step {
    if text.trim().is_empty() {
        return Step::Done(Box::new(Analysis { empty: true, ..Analysis::default() }));
    }
    match catalog() {
        Ok(base) => Step::Parsed(Box::new(workload::parse(text, base))),
        Err(failure) => Step::Done(Box::new(Analysis { failure: Some(failure), ..Analysis::default() })),
    }
}

/// Analyses a parsed text (the second step of [`run`]): the report, in words, when the file has
/// no errors; its diagnostics either way.
pub fn analyse(step: Step) -> Analysis {
    let parsed = match step {
        Step::Parsed(parsed) => parsed,
        Step::Done(analysis) => return *analysis,
    };
    let base = match catalog() {
        Ok(c) => c,
        Err(failure) => return Analysis { failure: Some(failure), ..Analysis::default() },
    };
    let report = parsed.workload.as_ref().map(|w| {
        let mut report = engine::analyze_as_of(w, parsed.catalog_or(base), today(), &[]);
        report.speak(parsed.catalog_or(base));
        Arc::new(report)
    });
    Analysis { empty: false, diagnostics: parsed.diagnostics, report, failure: None }
}

/// Parses and analyses `text` in one go. Never panics: every problem becomes a diagnostic.
pub fn run(text: &str) -> Analysis {
    analyse(parse(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::EXAMPLES;

    #[test]
    fn every_example_analyses_and_draws_four_charts_at_a_phones_width_in_both_schemes() {
        for ex in EXAMPLES {
            let a = run(ex.yaml);
            assert_eq!(a.error_count(), 0, "{}: {:?}", ex.id, a.diagnostics);
            let report = a.report.as_ref().expect("a report");
            assert!(!report.name.is_empty());
            for scheme in [charts::Scheme::Light, charts::Scheme::Dark] {
                for kind in ChartKind::ALL {
                    let svg = draw(kind, report, &charts::Frame::new(358.0, scheme));
                    assert!(svg.starts_with("<svg"), "{} {kind:?}", ex.id);
                }
            }
        }
    }

    /// Issue 13: the app judges a suppression's `until` against today, as the CLI and the
    /// server do: a lapsed one suppresses nothing and is noted; a current one applies.
    #[test]
    fn issue_13_the_app_judges_suppression_expiry_against_today() {
        let s2 = EXAMPLES.iter().find(|e| e.id == "s2").expect("S2").yaml.replacen("version: 1", "version: 2", 1);
        let with =
            |until: &str| run(&format!("{s2}ignore:\n  - {{ code: SW001, reason: \"ADR-12\", until: {until} }}\n"));
        let lapsed = with("2020-01-01");
        let report = lapsed.report.as_ref().expect("a report");
        assert!(report.suppressed.is_empty());
        assert_eq!(report.suppression_notes.first().map(|n| n.kind), Some(engine::NoteKind::Expired));
        let current = with("2999-12-31");
        assert!(!current.report.as_ref().expect("a report").suppressed.is_empty());
    }

    /// One source for every list: the page's charts are the charts crate's kinds, by name and in
    /// order.
    #[test]
    fn the_pages_charts_are_the_charts_crates_kinds() {
        assert_eq!(ChartKind::ALL.map(ChartKind::chart), charts::Kind::ALL);
        assert_eq!(ChartKind::ALL.map(ChartKind::slug), charts::Kind::ALL.map(charts::Kind::as_str));
    }

    /// Issue 14 item 2: the page runs the pipeline in two steps, one task each: parsing leaves
    /// the analysis to the second step unless there is nothing to analyse, and the second step
    /// makes the report of a valid file and only the diagnostics of an invalid one.
    #[test]
    fn issue_14_parsing_then_analysing_in_two_steps() {
        for ex in EXAMPLES {
            let Step::Parsed(parsed) = parse(ex.yaml) else { panic!("{}: parsing left nothing to analyse", ex.id) };
            assert!(parsed.workload.is_some(), "{}: {:?}", ex.id, parsed.diagnostics);
            let a = analyse(Step::Parsed(parsed));
            assert!(a.report.as_ref().is_some_and(|r| !r.name.is_empty()), "{}", ex.id);
        }
        let Step::Parsed(invalid) = parse("version: 1\nname: x\nstores: [\n") else {
            panic!("an invalid file is parsed")
        };
        assert!(invalid.workload.is_none());
        let a = analyse(Step::Parsed(invalid));
        assert!(a.report.is_none() && a.error_count() > 0 && !a.empty);
        assert!(matches!(parse(" \n"), Step::Done(a) if a.empty && a.report.is_none()));
    }

    #[test]
    fn blank_text_is_empty_and_errors_have_positions() {
        assert!(run("  \n").empty);
        let a = run("version: 1\nname: x\nstores:\n  - id: db\n    typ: postgresql\n");
        assert!(a.report.is_none());
        let (line, column) = a.first_error().expect("an error");
        assert!(line >= 4 && column >= 1, "{line}:{column}");
    }
}

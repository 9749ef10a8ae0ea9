//! The suppressions of a report: the section every text and Markdown report ends with (how many
//! findings were suppressed, the suppressions that lapsed or matched nothing), and, when asked
//! (`--show-suppressed`), each suppressed finding with its reason.

use std::fmt::Write as _;

use super::{markdown::escape, text::Style};
use crate::{NoteKind, Report, Suppression};

/// The section as terminal text, written by [`super::text`] (empty without suppressions).
pub(super) fn summary_text(out: &mut String, report: &Report, st: &Style) {
    if report.suppressed.is_empty() && report.suppression_notes.is_empty() {
        return;
    }
    let n = report.suppressed.len();
    let _ = writeln!(out, "\n{}", st.bold(&format!("{n} suppressed finding{}", if n == 1 { "" } else { "s" })));
    for note in &report.suppression_notes {
        let _ = writeln!(out, "{} {}", st.severity(note.severity), note_line(note.kind, &note.suppression));
    }
}

/// Every suppressed finding in full, as terminal text, with its suppression's reason and `until`
/// (empty when none is suppressed).
pub fn suppressed_text(report: &Report, color: bool) -> String {
    let plain = list_text(report, &Style { color: false });
    if !workload::is_printable(&plain) {
        return workload::printable(&plain).into_owned();
    }
    if color { list_text(report, &Style { color: true }) } else { plain }
}

fn list_text(report: &Report, st: &Style) -> String {
    let mut out = String::new();
    for s in &report.suppressed {
        out.push('\n');
        super::text::finding(&mut out, st, &s.finding);
        let _ = writeln!(out, "          suppressed: {}", why(&s.by));
    }
    out
}

/// The section as Markdown, written by [`super::markdown`] (empty without suppressions).
pub(super) fn summary_markdown(out: &mut String, report: &Report) {
    if report.suppressed.is_empty() && report.suppression_notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Suppressions\n");
    let n = report.suppressed.len();
    let _ = writeln!(out, "**{n} suppressed finding{}**.\n", if n == 1 { "" } else { "s" });
    for note in &report.suppression_notes {
        let _ = writeln!(out, "- **{}**: {}", note.severity, escape(&note_line(note.kind, &note.suppression)));
    }
    if !report.suppression_notes.is_empty() {
        out.push('\n');
    }
}

/// Every suppressed finding in full, as Markdown, with its suppression's reason (empty when none
/// is suppressed).
pub fn suppressed_markdown(report: &Report) -> String {
    let mut out = String::new();
    for (i, s) in report.suppressed.iter().enumerate() {
        super::markdown::finding(&mut out, i + 1, &s.finding);
        let _ = writeln!(out, "_Suppressed: {}_\n", escape(&why(&s.by)));
    }
    workload::printable(&out).into_owned()
}

fn what(s: &Suppression) -> String {
    if s.subjects.is_empty() { s.code.clone() } else { format!("{} for {}", s.code, s.subjects.join(", ")) }
}

fn why(s: &Suppression) -> String {
    let until = s.until.map(|u| format!(", until {u}")).unwrap_or_default();
    let from = match s.origin {
        crate::Origin::Workload => "the workload's `ignore`",
        crate::Origin::Config => "the configuration",
    };
    format!("{} ({from}{until})", s.reason.trim())
}

fn note_line(kind: NoteKind, s: &Suppression) -> String {
    match kind {
        NoteKind::Expired => format!(
            "the suppression of {} lapsed after {}: its findings are reported again (reason given: {})",
            what(s),
            s.until.map(|u| u.to_string()).unwrap_or_default(),
            s.reason.trim()
        ),
        NoteKind::Unmatched => {
            format!("the suppression of {} matches no finding: remove it, or correct its code or subjects", what(s))
        }
    }
}

//! The suppressions section of the text and Markdown reports: how many findings were
//! suppressed, the suppressions that lapsed or matched nothing, and (when asked) each suppressed
//! finding with its reason.

use std::fmt::Write as _;

use super::{markdown::escape, text::Style};
use crate::{NoteKind, Report, Suppression};

/// The suppressions section as terminal text (empty when the report has no suppression).
/// `show` lists every suppressed finding in full, with the suppression's reason and `until`.
pub fn suppressions_text(report: &Report, show: bool, color: bool) -> String {
    let plain = text(report, show, &Style { color: false });
    if !workload::is_printable(&plain) {
        return workload::printable(&plain).into_owned();
    }
    if color { text(report, show, &Style { color: true }) } else { plain }
}

fn text(report: &Report, show: bool, st: &Style) -> String {
    let mut out = String::new();
    if report.suppressed.is_empty() && report.suppression_notes.is_empty() {
        return out;
    }
    let n = report.suppressed.len();
    let _ = writeln!(out, "{}", st.bold(&format!("{n} suppressed finding{}", if n == 1 { "" } else { "s" })));
    for note in &report.suppression_notes {
        let _ = writeln!(out, "{} {}", st.severity(note.severity), note_line(note.kind, &note.suppression));
    }
    if show {
        for s in &report.suppressed {
            out.push('\n');
            super::text::finding(&mut out, st, &s.finding);
            let _ = writeln!(out, "          suppressed: {}", why(&s.by));
        }
    }
    out
}

/// The suppressions section as Markdown (empty when the report has no suppression).
pub fn suppressions_markdown(report: &Report, show: bool) -> String {
    let mut out = String::new();
    if report.suppressed.is_empty() && report.suppression_notes.is_empty() {
        return out;
    }
    let _ = writeln!(out, "## Suppressions\n");
    let n = report.suppressed.len();
    let _ = writeln!(out, "**{n} suppressed finding{}**.\n", if n == 1 { "" } else { "s" });
    for note in &report.suppression_notes {
        let _ = writeln!(out, "- **{}**: {}", note.severity, escape(&note_line(note.kind, &note.suppression)));
    }
    if !report.suppression_notes.is_empty() {
        out.push('\n');
    }
    if show {
        for (i, s) in report.suppressed.iter().enumerate() {
            super::markdown::finding(&mut out, i + 1, &s.finding);
            let _ = writeln!(out, "_Suppressed: {}_\n", escape(&why(&s.by)));
        }
    }
    out
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

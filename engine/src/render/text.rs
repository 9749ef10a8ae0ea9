//! Terminal rendering: findings, overhead and the seed table as wrapped plain text, with ANSI
//! colour when asked.

use std::fmt::Write as _;

use catalog::Category;

use super::common::{effect_parts, interaction_hours, table_rows, wrap};
use crate::{
    Finding, Report, Severity,
    cost::Overhead,
    format::{num, usd},
};

const WIDTH: usize = 100;

pub(super) struct Style {
    pub(super) color: bool,
}

impl Style {
    pub(super) fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
    pub(super) fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    pub(super) fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "34",
        };
        self.paint(code, &format!("{:<8}", s.as_str().to_uppercase()))
    }
}

/// The report as terminal text: a header, each finding with its evidence and recommendation,
/// the overhead per store (current and recommended), and the seed table.
///
/// With `color`, severities and headings carry ANSI escape codes. Names and ids come from the
/// workload file: when any holds a control character (an escape sequence, a carriage return, a
/// bidirectional override), the report is shown without colour and with those characters
/// escaped ([`workload::printable`]), so the file cannot drive the terminal.
pub fn text(report: &Report, color: bool) -> String {
    let plain = render(report, &Style { color: false });
    if !workload::is_printable(&plain) {
        return workload::printable(&plain).into_owned();
    }
    if color { render(report, &Style { color: true }) } else { plain }
}

fn render(report: &Report, st: &Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.bold(&format!("storewise · {}", report.name)));
    let _ =
        writeln!(out, "{}", st.dim(&format!("catalog {} · rules {}", report.versions.catalog, report.versions.rules)));
    out.push('\n');
    let s = &report.summary;
    let counts: Vec<String> =
        Severity::ALL.iter().filter(|&&sev| s.count(sev) > 0).map(|&sev| format!("{} {}", s.count(sev), sev)).collect();
    let _ = writeln!(
        out,
        "{}",
        st.bold(&format!(
            "{} finding{}{}",
            s.findings,
            if s.findings == 1 { "" } else { "s" },
            if counts.is_empty() { String::new() } else { format!(": {}", counts.join(", ")) }
        ))
    );
    for f in &report.findings {
        out.push('\n');
        finding(&mut out, st, f);
    }
    out.push('\n');
    overhead(
        &mut out,
        st,
        "Operational overhead, current (hours per month)",
        &report.overhead.current,
        &report.table.single_label,
    );
    out.push('\n');
    overhead(
        &mut out,
        st,
        "Operational overhead, recommended (hours per month)",
        &report.overhead.recommended,
        &report.table.single_label,
    );
    out.push('\n');
    let _ = writeln!(out, "{}", st.bold("The seed's table"));
    let single = format!("single {}", report.table.single_label);
    let _ = writeln!(
        out,
        "  {:<54} {:>18} {:>12} {:>12}",
        st.dim("metric"),
        st.dim(&single),
        st.dim("current"),
        st.dim("recommended")
    );
    for row in table_rows(&report.table) {
        let _ = writeln!(out, "  {:<54} {:>18} {:>12} {:>12}", row.metric, row.single, row.current, row.recommended);
    }
    super::suppressions::summary_text(&mut out, report, st);
    out
}

pub(super) fn finding(out: &mut String, st: &Style, f: &Finding) {
    let _ = writeln!(out, "{} {} {}", st.severity(f.severity), st.bold(f.code), st.bold(&f.title));
    let pad = "          ";
    if !f.subjects.is_empty() {
        let _ = writeln!(out, "{pad}{} {}", st.dim("subjects:"), f.subjects.join(", "));
    }
    if !f.evidence.is_empty() {
        let _ = writeln!(out, "{pad}{}", st.dim("evidence:"));
        let label_width = f.evidence.iter().map(|e| e.label.chars().count()).max().unwrap_or(0).min(40);
        for e in &f.evidence {
            let label = format!("{:<label_width$}", e.label);
            let indent = pad.len() + 2 + label_width + 2;
            let value = wrap(&e.value, WIDTH.saturating_sub(indent).max(30), indent);
            let _ = writeln!(out, "{pad}  {}  {}", st.dim(&label), value);
        }
    }
    let _ = writeln!(out, "{pad}{}", st.dim("recommendation:"));
    let _ = writeln!(out, "{pad}  {}", wrap(&f.recommendation, WIDTH - pad.len() - 2, pad.len() + 2));
    let effect = effect_parts(&f.expected_effect);
    if !effect.is_empty() {
        let _ = writeln!(out, "{pad}{} {}", st.dim("expected effect:"), effect.join(" · "));
    }
    if !f.options.is_empty() {
        let _ = writeln!(out, "{pad}{}", st.dim("options weighed:"));
        for o in &f.options {
            let mark = match o.verdict {
                crate::Verdict::Chosen => "picked  ",
                crate::Verdict::Viable => "viable  ",
                crate::Verdict::Rejected => "rejected",
                crate::Verdict::Unknown => "unknown ",
            };
            let why = if o.why.is_empty() { String::new() } else { format!(": {}", o.why.join("; ")) };
            let row = format!("{} {}{why}", st.dim(mark), o.label);
            let _ = writeln!(out, "{pad}  {}", wrap(&row, WIDTH - pad.len() - 4, pad.len() + 4));
        }
    }
    if !f.assumptions.is_empty() {
        let _ = writeln!(out, "{pad}{}", st.dim("assumed:"));
        for a in &f.assumptions {
            let row = format!(
                "{} = {} ({} State `{}` to replace it.)",
                a.what,
                a.value,
                a.why.trim_end_matches('.').to_string() + ".",
                a.state
            );
            let _ = writeln!(out, "{pad}  {}", wrap(&row, WIDTH - pad.len() - 4, pad.len() + 4));
        }
    }
    if !f.what_would_change_this.is_empty() {
        let _ = writeln!(out, "{pad}{}", st.dim("what would change this:"));
        let _ = writeln!(out, "{pad}  {}", wrap(&f.what_would_change_this, WIDTH - pad.len() - 2, pad.len() + 2));
    }
    if !f.sources.is_empty() {
        let _ = writeln!(out, "{pad}{}", st.dim("sources:"));
        for s in &f.sources {
            let _ = writeln!(out, "{pad}  - {} ({}, {}) {}", s.title, s.store, s.date, st.dim(&s.url));
        }
    }
    if let Some(l) = f.location {
        let _ = writeln!(out, "{pad}{} line {}, column {}", st.dim("at"), l.line, l.column);
    }
}

fn overhead(out: &mut String, st: &Style, title: &str, o: &Overhead, single_label: &str) {
    let _ = writeln!(out, "{}", st.bold(title));
    let _ = writeln!(
        out,
        "  {:<24} {:<14} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        st.dim("store"),
        st.dim("type"),
        st.dim("deploy"),
        st.dim("monitor"),
        st.dim("backup"),
        st.dim("security"),
        st.dim("consist."),
        st.dim("total")
    );
    let row = |out: &mut String, id: &str, kind: &str, get: &dyn Fn(Category) -> f64, total: f64| {
        let cells: Vec<String> = Category::ALL.iter().map(|&c| format!("{:>8}", num(get(c)))).collect();
        let _ = writeln!(
            out,
            "  {:<24} {:<14} {} {:>8}",
            truncate(id, 24),
            truncate(kind, 14),
            cells.join(" "),
            num(total)
        );
    };
    for s in &o.by_store {
        row(out, &s.id, &s.store_type, &|c| s.hours.get(c), s.total);
    }
    let inter = interaction_hours(o);
    row(out, "interactions", "(flows)", &|c| inter.get(c), o.interaction_hours_per_month);
    let _ = writeln!(
        out,
        "  {} {} h/month = {} one {single_label} · {}/month (infrastructure {} + people {} at {}/h)",
        st.bold("total"),
        num(o.hours_per_month),
        crate::format::multiple(o.x_single),
        usd(o.usd_per_month),
        usd(o.infrastructure_usd_per_month),
        usd(o.people_usd_per_month),
        usd(o.hourly_cost_usd)
    );
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { format!("{}…", s.chars().take(max - 1).collect::<String>()) }
}

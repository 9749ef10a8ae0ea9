//! Markdown rendering: a report ready to paste into a design review.

use std::fmt::Write as _;

use catalog::Category;

use super::common::{effect_parts, interaction_hours, table_rows};
use crate::{
    Finding, Report, Severity,
    cost::Overhead,
    format::{num, usd},
};

/// The report as Markdown: a summary, the findings with evidence tables, the overhead per
/// store and category (current and recommended) and the seed table.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# storewise report: {}\n", escape(&report.name));
    let _ = writeln!(out, "_catalog {} · rules {}_\n", report.versions.catalog, report.versions.rules);

    let _ = writeln!(out, "## Summary\n");
    let s = &report.summary;
    let counts: Vec<String> =
        Severity::ALL.iter().filter(|&&sev| s.count(sev) > 0).map(|&sev| format!("{} {}", s.count(sev), sev)).collect();
    let (cur, rec) = (&report.overhead.current, &report.overhead.recommended);
    let _ = writeln!(
        out,
        "**{} finding{}**{}. Operational overhead: **{} h/month** today ({} a single {}), **{} h/month** with the \
         recommendations applied ({}). Total cost: {}/month today, {}/month recommended (infrastructure plus \
         people at {}/h).\n",
        s.findings,
        if s.findings == 1 { "" } else { "s" },
        if counts.is_empty() { String::new() } else { format!(" ({})", counts.join(", ")) },
        num(cur.hours_per_month),
        crate::format::multiple(cur.x_single),
        escape(&report.table.single_label),
        num(rec.hours_per_month),
        crate::format::multiple(rec.x_single),
        usd(cur.usd_per_month),
        usd(rec.usd_per_month),
        usd(cur.hourly_cost_usd),
    );
    if !report.findings.is_empty() {
        let _ = writeln!(out, "| # | Severity | Code | Finding |\n|---:|---|---|---|");
        for (i, f) in report.findings.iter().enumerate() {
            let _ = writeln!(out, "| {} | {} | {} | {} |", i + 1, f.severity, f.code, escape(&f.title));
        }
        out.push('\n');
        let _ = writeln!(out, "## Findings\n");
        for (i, f) in report.findings.iter().enumerate() {
            finding(&mut out, i + 1, f);
        }
    }

    let _ = writeln!(out, "## Operational overhead\n");
    overhead(&mut out, "Current", cur, &report.table.single_label);
    overhead(&mut out, "Recommended", rec, &report.table.single_label);

    let _ = writeln!(out, "## The seed's table\n");
    let _ = writeln!(
        out,
        "| Metric | Single {} | Current | Recommended |\n|---|---:|---:|---:|",
        escape(&report.table.single_label)
    );
    for row in table_rows(&report.table) {
        let _ = writeln!(out, "| {} | {} | {} | {} |", row.metric, row.single, row.current, row.recommended);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "_Interaction figures (flow upkeep, shared-data pairs, incident rates and diagnosis time) are storewise estimates; \
         store figures come from the catalog with their sources._"
    );
    super::suppressions::summary_markdown(&mut out, report);
    // Names come from the workload file: a control character in one (an escape sequence, a
    // bidirectional override) is written as `\u{1b}`, never raw, whether the report is read in a
    // terminal, an editor or a Markdown viewer.
    workload::printable(&out).into_owned()
}

pub(super) fn finding(out: &mut String, n: usize, f: &Finding) {
    let _ = writeln!(out, "### {n}. {} — {} ({})\n", f.code, escape(&f.title), f.severity);
    if !f.subjects.is_empty() {
        let subjects: Vec<String> = f.subjects.iter().map(|s| code(s)).collect();
        let _ = writeln!(out, "**Subjects:** {}\n", subjects.join(", "));
    }
    if !f.evidence.is_empty() {
        let _ = writeln!(out, "| Evidence | Value |\n|---|---|");
        for e in &f.evidence {
            let _ = writeln!(out, "| {} | {} |", escape(&e.label), escape(&e.value));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "**Recommendation.** {}\n", escape(&f.recommendation));
    let effect = effect_parts(&f.expected_effect);
    if !effect.is_empty() {
        let _ = writeln!(out, "**Expected effect.** {}.\n", effect.join("; "));
    }
    if !f.options.is_empty() {
        let _ = writeln!(out, "<details><summary>{} options weighed</summary>\n", f.options.len());
        let _ = writeln!(out, "| Option | Verdict | Why |\n|---|---|---|");
        for o in &f.options {
            let verdict = match o.verdict {
                crate::Verdict::Chosen => "**picked**",
                crate::Verdict::Viable => "viable",
                crate::Verdict::Rejected => "rejected",
                crate::Verdict::Unknown => "unknown",
            };
            let why: Vec<String> = o.why.iter().map(|w| escape(w)).collect();
            let _ = writeln!(out, "| {} | {verdict} | {} |", escape(&o.label), why.join("; "));
        }
        out.push_str("\n</details>\n\n");
    }
    for a in &f.assumptions {
        let _ = writeln!(
            out,
            "**Assumed.** {} = {}: {} State {} to replace it.\n",
            escape(&a.what),
            escape(&a.value),
            escape(a.why.trim()),
            code(&a.state)
        );
    }
    if !f.what_would_change_this.is_empty() {
        let _ = writeln!(out, "**What would change this.** {}\n", escape(&f.what_would_change_this));
    }
    if !f.sources.is_empty() {
        let _ = writeln!(out, "**Sources:**\n");
        for s in &f.sources {
            if s.url.starts_with("http") {
                let _ = writeln!(out, "- [{}]({}) ({}, {})", escape(&s.title), s.url, s.store, s.date);
            } else {
                let _ = writeln!(out, "- {} (`{}`, {}, {})", escape(&s.title), s.url, s.store, s.date);
            }
        }
        out.push('\n');
    }
    if let Some(l) = f.location {
        let _ = writeln!(out, "_Line {}, column {} of the workload file._\n", l.line, l.column);
    }
}

fn overhead(out: &mut String, title: &str, o: &Overhead, single: &str) {
    let _ = writeln!(
        out,
        "### {title}: {} h/month, {} a single {}\n",
        num(o.hours_per_month),
        crate::format::multiple(o.x_single),
        escape(single)
    );
    let _ = writeln!(
        out,
        "| Store | Type | Deployment | Monitoring | Backup | Security | Consistency | Total h | USD/month |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    for s in &o.by_store {
        let cells: Vec<String> = Category::ALL.iter().map(|&c| num(s.hours.get(c))).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(&s.id),
            s.store_type,
            cells.join(" | "),
            num(s.total),
            usd(s.usd_per_month)
        );
    }
    let inter = interaction_hours(o);
    let cells: Vec<String> = Category::ALL.iter().map(|&c| num(inter.get(c))).collect();
    let _ =
        writeln!(out, "| _interactions_ | flows | {} | {} | |", cells.join(" | "), num(o.interaction_hours_per_month));
    let totals: Vec<String> = Category::ALL.iter().map(|&c| format!("**{}**", num(o.by_category.get(c)))).collect();
    let _ = writeln!(
        out,
        "| **Total** | | {} | **{}** | **{}** |\n",
        totals.join(" | "),
        num(o.hours_per_month),
        usd(o.infrastructure_usd_per_month)
    );
    let _ = writeln!(
        out,
        "People: {} h × {}/h = {}/month; with infrastructure, **{}/month**.\n",
        num(o.hours_per_month),
        usd(o.hourly_cost_usd),
        usd(o.people_usd_per_month),
        usd(o.usd_per_month)
    );
}

/// A code span: its content is never markup; a backtick (which would end it) becomes `'`, and
/// `|` is escaped so the span can sit in a table cell.
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'").replace('|', "\\|").replace(['\n', '\r'], " "))
}

/// Escapes the characters that break a Markdown table cell or start markup, so a name from the
/// workload file is always text: no link or image (`[x](…)`, `![x](…)`, `[x][y]`: the `]` that
/// would close one is escaped, and `!` before `[`), no HTML or `<…>` autolink (`<`, `>` become
/// entities), and no bare-URL or e-mail autolink (GitHub's extension: the `:` of `://`, the `.`
/// of `www.` and every `@` are escaped). Every escape renders as the character itself; a
/// bracket that cannot form a link (`[+1 h/month]`) is left as it is.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '|' => out.push_str("\\|"),
            '`' => out.push_str("\\`"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            ']' if after.starts_with(['(', '[']) => out.push_str("\\]"),
            '!' if after.starts_with('[') => out.push_str("\\!"),
            '@' => out.push_str("\\@"),
            ':' if after.starts_with("//") => out.push_str("\\:"),
            '.' if out.len() >= 3 && out.get(out.len() - 3..).is_some_and(|w| w.eq_ignore_ascii_case("www")) => {
                out.push_str("\\.");
            }
            _ => out.push(c),
        }
        rest = after;
    }
    out
}

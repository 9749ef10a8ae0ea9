//! A [`ReportDiff`] as terminal text, and as Markdown sized for a pull-request comment: the
//! summary first, the details folded in `<details>`, cut with a note before GitHub's limit.

use std::fmt::Write as _;

use super::{common::seed_rows, markdown::escape, text::Style};
use crate::{
    diff::{BeforeAfter, FindingRef, ReportDiff},
    format::{capped_list, hours, num, usd},
};

/// The most characters a GitHub comment may hold; [`diff_markdown`] stays below it.
pub const COMMENT_LIMIT: usize = 65_536;

/// Store names the headline lists before "and N more".
const HEADLINE_NAMES: usize = 5;

/// What the Markdown keeps free at its end for the cut-off note.
const NOTE_ROOM: usize = 400;

/// `+4 h`, `−$1,713`: the change with its sign and the unit `format` writes.
fn signed(d: f64, format: fn(f64) -> String) -> String {
    if d >= 0.0 { format!("+{}", format(d)) } else { format!("−{}", format(-d)) }
}

fn hours_change(c: BeforeAfter) -> String {
    format!("{} → {} ({})", hours(c.before), hours(c.after), signed(c.delta(), hours))
}

fn usd_change(c: BeforeAfter) -> String {
    format!("{} → {} ({})", usd(c.before), usd(c.after), signed(c.delta(), usd))
}

/// The one-line verdict both renderers open with.
fn headline(d: &ReportDiff) -> String {
    if d.is_empty() {
        return "No change to the findings, stores, flows or operational overhead.".to_string();
    }
    let mut parts = Vec::new();
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if !d.appeared.is_empty() {
        parts.push(format!("{} new", count(d.appeared.len(), "finding")));
    }
    if !d.resolved.is_empty() {
        parts.push(format!("{} resolved", count(d.resolved.len(), "finding")));
    }
    if !d.changed.is_empty() {
        parts.push(format!("{} changed severity", count(d.changed.len(), "finding")));
    }
    if !d.stores_added.is_empty() {
        let ids: Vec<String> = d.stores_added.iter().map(|s| format!("{} ({})", s.id, s.store_type)).collect();
        parts.push(format!("adds {}", capped_list(&ids, HEADLINE_NAMES)));
    }
    if !d.stores_removed.is_empty() {
        let ids: Vec<String> = d.stores_removed.iter().map(|s| s.id.clone()).collect();
        parts.push(format!("removes {}", capped_list(&ids, HEADLINE_NAMES)));
    }
    let o = &d.overhead;
    parts.push(format!("{} h/month, {}/month", signed(o.hours.delta(), num), signed(o.usd.delta(), usd)));
    parts.join(" · ")
}

/// The finding groups both renderers show, in order: title, and each finding with a note.
fn finding_groups(d: &ReportDiff) -> [(&'static str, Vec<(&FindingRef, String)>); 3] {
    [
        ("New findings", d.appeared.iter().map(|f| (f, String::new())).collect()),
        ("Changed severity", d.changed.iter().map(|c| (&c.finding, format!(" (was {})", c.was.as_str()))).collect()),
        ("Resolved findings", d.resolved.iter().map(|f| (f, String::new())).collect()),
    ]
}

fn finding_line(f: &FindingRef) -> String {
    let subjects = if f.subjects.is_empty() { String::new() } else { format!(" [{}]", f.subjects.join(", ")) };
    format!("{} {}{}", f.code, f.title, subjects)
}

/// The diff as terminal text; with `color`, severities carry ANSI codes. Names from the files
/// are shown escaped when they hold control characters, as in [`super::text`].
pub fn diff_text(d: &ReportDiff, color: bool) -> String {
    let plain = render_text(d, &Style { color: false });
    if !workload::is_printable(&plain) {
        return workload::printable(&plain).into_owned();
    }
    if color { render_text(d, &Style { color: true }) } else { plain }
}

fn render_text(d: &ReportDiff, st: &Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.bold(&format!("storewise diff · {}", d.name)));
    let _ = writeln!(out, "{}\n", headline(d));
    let groups = finding_groups(d);
    for (title, items) in groups {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}", st.bold(title));
        for (f, note) in items {
            let _ = writeln!(out, "  {} {}{note}", st.severity(f.severity), finding_line(f));
        }
        out.push('\n');
    }
    let arch: Vec<String> = d
        .stores_added
        .iter()
        .map(|s| format!("  + store {} ({})", s.id, s.store_type))
        .chain(d.stores_removed.iter().map(|s| format!("  - store {} ({})", s.id, s.store_type)))
        .chain(d.flows_added.iter().map(|f| format!("  + flow {} → {} ({})", f.from, f.to, f.via.as_str())))
        .chain(d.flows_removed.iter().map(|f| format!("  - flow {} → {} ({})", f.from, f.to, f.via.as_str())))
        .chain(
            d.flows_changed
                .iter()
                .map(|f| format!("  ~ flow {} → {} ({} → {})", f.from, f.to, f.was.as_str(), f.via.as_str())),
        )
        .collect();
    if !arch.is_empty() {
        let _ = writeln!(out, "{}\n{}\n", st.bold("Architecture"), arch.join("\n"));
    }
    let o = &d.overhead;
    let _ = writeln!(out, "{}", st.bold("Operational overhead (as described)"));
    let _ = writeln!(out, "  operations      {}", hours_change(o.hours));
    let _ = writeln!(out, "  total cost      {}", usd_change(o.usd));
    let _ = writeln!(out, "  infrastructure  {}", usd_change(o.infrastructure_usd));
    for s in &o.by_store {
        let _ = writeln!(out, "  store {:<24} {} · {}", s.id, hours_change(s.hours), usd_change(s.usd));
    }
    for c in &o.by_category {
        let _ = writeln!(out, "  {:<30} {}", c.category.label(), hours_change(c.hours));
    }
    let rows = changed_rows(d);
    if !rows.is_empty() {
        let _ = writeln!(out, "\n{}", st.bold("The seed's table"));
        for (metric, before, after) in rows {
            let _ = writeln!(out, "  {metric:<55} {before} → {after}");
        }
    }
    out
}

/// The seed-table rows whose value differs: label, before, after.
fn changed_rows(d: &ReportDiff) -> Vec<(&'static str, String, String)> {
    seed_rows(&[&d.table.before, &d.table.after])
        .into_iter()
        .filter_map(|(metric, cells)| match cells.as_slice() {
            [a, b] if a != b => Some((metric, a.clone(), b.clone())),
            _ => None,
        })
        .collect()
}

/// The diff as Markdown for a pull-request comment: the headline and the counts first, then the
/// findings, the architecture, the overhead and the seed table, each in a `<details>` block.
/// Never longer than [`COMMENT_LIMIT`] characters: past it, the rest is cut at a line and a note
/// says so and where to see everything.
pub fn diff_markdown(d: &ReportDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### storewise: {}\n", escape(&d.name));
    let _ = writeln!(out, "**{}**\n", escape(&headline(d)));
    let o = &d.overhead;
    let _ = writeln!(out, "| | before | after | change |\n|---|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| operations | {} h/month | {} h/month | {} |",
        num(o.hours.before),
        num(o.hours.after),
        signed(o.hours.delta(), hours)
    );
    let _ = writeln!(
        out,
        "| total cost | {}/month | {}/month | {} |",
        usd(o.usd.before),
        usd(o.usd.after),
        signed(o.usd.delta(), usd)
    );
    let _ = writeln!(
        out,
        "| findings | {} | {} | {} new, {} resolved |\n",
        d.unchanged + d.changed.len() + d.resolved.len(),
        d.unchanged + d.changed.len() + d.appeared.len(),
        d.appeared.len(),
        d.resolved.len()
    );
    let mut sections: Vec<String> = Vec::new();
    let group = |title: &str, items: Vec<(&FindingRef, String)>| -> Option<String> {
        if items.is_empty() {
            return None;
        }
        let mut s = format!("<details open><summary>{title} ({})</summary>\n\n", items.len());
        s.push_str("| severity | code | finding | subjects |\n|---|---|---|---|\n");
        for (f, note) in items {
            let _ = writeln!(
                s,
                "| {}{} | {} | {} | {} |",
                f.severity,
                escape(&note),
                f.code,
                escape(&f.title),
                escape(&f.subjects.join(", "))
            );
        }
        s.push_str("\n</details>\n\n");
        Some(s)
    };
    for (title, items) in finding_groups(d) {
        sections.extend(group(title, items));
    }
    let arch: Vec<String> = d
        .stores_added
        .iter()
        .map(|s| format!("- added store `{}` ({})", escape(&s.id), escape(&s.store_type)))
        .chain(
            d.stores_removed.iter().map(|s| format!("- removed store `{}` ({})", escape(&s.id), escape(&s.store_type))),
        )
        .chain(
            d.flows_added
                .iter()
                .map(|f| format!("- added flow `{}` → `{}` ({})", escape(&f.from), escape(&f.to), f.via.as_str())),
        )
        .chain(
            d.flows_removed
                .iter()
                .map(|f| format!("- removed flow `{}` → `{}` ({})", escape(&f.from), escape(&f.to), f.via.as_str())),
        )
        .chain(d.flows_changed.iter().map(|f| {
            format!("- flow `{}` → `{}`: {} → {}", escape(&f.from), escape(&f.to), f.was.as_str(), f.via.as_str())
        }))
        .collect();
    if !arch.is_empty() {
        sections.push(format!("<details><summary>Architecture</summary>\n\n{}\n\n</details>\n\n", arch.join("\n")));
    }
    if !o.by_store.is_empty() || !o.by_category.is_empty() {
        let mut s = String::from("<details><summary>Overhead per store and category</summary>\n\n");
        s.push_str(
            "| | hours before | hours after | change | spend before | spend after |\n|---|---:|---:|---:|---:|---:|\n",
        );
        for st in &o.by_store {
            let _ = writeln!(
                s,
                "| store `{}` | {} | {} | {} | {} | {} |",
                escape(&st.id),
                num(st.hours.before),
                num(st.hours.after),
                signed(st.hours.delta(), hours),
                usd(st.usd.before),
                usd(st.usd.after)
            );
        }
        for c in &o.by_category {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | | |",
                c.category.label(),
                num(c.hours.before),
                num(c.hours.after),
                signed(c.hours.delta(), hours)
            );
        }
        s.push_str("\n</details>\n\n");
        sections.push(s);
    }
    let rows = changed_rows(d);
    if !rows.is_empty() {
        let mut s = String::from(
            "<details><summary>The seed's table</summary>\n\n| metric | before | after |\n|---|---|---|\n",
        );
        for (metric, before, after) in rows {
            let _ = writeln!(s, "| {metric} | {before} | {after} |");
        }
        s.push_str("\n</details>\n\n");
        sections.push(s);
    }
    for section in sections {
        if out.chars().count() + section.chars().count() + NOTE_ROOM <= COMMENT_LIMIT {
            out.push_str(&section);
            continue;
        }
        // Cut at a line inside this section, close any open block, and say so.
        let room = COMMENT_LIMIT.saturating_sub(out.chars().count() + NOTE_ROOM);
        let mut used = 0;
        for line in section.lines() {
            let len = line.chars().count() + 1;
            if used + len > room || line.starts_with("</details>") {
                break;
            }
            out.push_str(line);
            out.push('\n');
            used += len;
        }
        if section.starts_with("<details") {
            out.push_str("\n</details>\n\n");
        }
        out.push_str(
            "_The diff is cut here to fit a comment (65,536 characters). Run `storewise diff` with `--format json` \
             or `--format text` for all of it._\n",
        );
        break;
    }
    out
}

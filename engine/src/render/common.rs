//! Pieces shared by the text and Markdown renderers: effect phrases, the seed table's rows,
//! interaction hours per category, word wrapping.

use catalog::Category;

use crate::{
    Effect, Tables,
    cost::{CategoryHours, Overhead, SeedTable},
    estimate::Estimate,
    format::{num, num2, usd, usd_range},
};

/// `latency of fleet-report 50ms..2s`, `infrastructure +$186..500/month`, `operations +24.1
/// h/month (≈ $2,411)`.
pub(crate) fn effect_parts(e: &Effect) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(l) = e.latency {
        match &e.latency_of {
            Some(of) => parts.push(format!("latency of {of} {l}")),
            None => parts.push(format!("latency {l}")),
        }
    }
    if let Some(u) = e.usd_per_month {
        let sign = if u.lo > 0.0 { "+" } else { "" };
        parts.push(format!("infrastructure {sign}{}/month", usd_range(u)));
    }
    if let Some(h) = e.ops_hours_per_month {
        let sign = if h.lo > 0.0 { "+" } else { "" };
        let people = e.people_usd_per_month.map(|p| format!(" (≈ {})", usd(p.mid()))).unwrap_or_default();
        parts.push(format!("operations {sign}{} h/month{people}", range(h)));
    }
    parts
}

fn range(e: Estimate) -> String {
    if e.is_exact() { num(e.lo) } else { format!("{}..{}", num(e.lo), num(e.hi)) }
}

/// Interaction hours per category: the overhead's categories less its stores'.
pub(crate) fn interaction_hours(o: &Overhead) -> CategoryHours {
    let mut out = CategoryHours::default();
    for c in Category::ALL {
        let stores: f64 = o.by_store.iter().map(|s| s.hours.get(c)).sum();
        out.add(c, (o.by_category.get(c) - stores).max(0.0));
    }
    out
}

/// One row of the seed table.
pub(crate) struct Row {
    pub(crate) metric: &'static str,
    pub(crate) single: String,
    pub(crate) current: String,
    pub(crate) recommended: String,
}

/// The seed table's six rows (plus stores), formatted.
pub(crate) fn table_rows(t: &Tables) -> Vec<Row> {
    seed_rows(&[&t.single, &t.current, &t.recommended])
        .into_iter()
        .map(|(metric, cells)| {
            let mut cells = cells.into_iter();
            let mut next = || cells.next().unwrap_or_default();
            Row { metric, single: next(), current: next(), recommended: next() }
        })
        .collect()
}

/// The seed table's rows for any number of tables side by side: the metric's label and one cell
/// per table.
pub(crate) fn seed_rows(tables: &[&SeedTable]) -> Vec<(&'static str, Vec<String>)> {
    let cells = |f: &dyn Fn(&SeedTable) -> String| tables.iter().map(|t| f(t)).collect::<Vec<_>>();
    vec![
        ("Stores", cells(&|s| s.stores.to_string())),
        ("Deployment configs", cells(&|s| s.deployment_configs.to_string())),
        ("Monitoring dashboards", cells(&|s| s.monitoring_dashboards.to_string())),
        ("Backup procedures", cells(&|s| s.backup_procedures.to_string())),
        ("Cross-store consistency issues/month", cells(&|s| issues(s.consistency_issues_per_month))),
        (
            "Time to diagnose a data inconsistency",
            cells(&|s| s.diagnosis_hours.map_or_else(|| "n/a".to_string(), hours_range)),
        ),
        ("Time for a new engineer to understand the data layer", cells(&|s| weeks(s.onboarding_weeks))),
    ]
}

fn issues(e: Estimate) -> String {
    if e.hi <= 0.0 {
        "0".to_string()
    } else if e.is_exact() {
        num2(e.lo)
    } else {
        format!("{}-{}", num2(e.lo), num2(e.hi))
    }
}

fn hours_range(e: Estimate) -> String {
    if e.is_exact() { format!("{} hours", num2(e.lo)) } else { format!("{}-{} hours", num2(e.lo), num2(e.hi)) }
}

fn weeks(w: f64) -> String {
    if (w - 1.0).abs() < 1e-9 { "1 week".to_string() } else { format!("{} weeks", num2(w)) }
}

/// Wraps `text` at `width` columns; continuation lines are indented by `indent` spaces.
pub(crate) fn wrap(text: &str, width: usize, indent: usize) -> String {
    let width = width.max(20);
    let mut out = String::with_capacity(text.len() + 16);
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_with_indent() {
        let w = wrap("aaaa bbbb cccc dddd eeee ffff gggg", 20, 2);
        assert!(w.lines().all(|l| l.chars().count() <= 22), "{w}");
        assert!(w.contains("\n  "));
    }
}

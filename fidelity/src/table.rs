//! The fidelity table, as terminal text or Markdown.

use crate::{Class, Outcome, Total};

/// How to print the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Text,
    /// A Markdown table (for `BENCHMARKS.md`).
    Markdown,
}

/// The table: one row per case (case, class, what storewise recommended, score, why), then the
/// total per class and overall, and the harmful count.
pub fn table(outcomes: &[Outcome], format: Format) -> String {
    let rows: Vec<[String; 5]> = outcomes
        .iter()
        .map(|o| {
            let rec = if o.recommended.is_empty() { "(no change)".to_string() } else { o.recommended.join("; ") };
            let score = format!("{}{}", o.score, if o.harmful { " harmful" } else { "" });
            [o.id.clone(), o.class.as_str().to_string(), rec, score, o.why.clone()]
        })
        .collect();
    let head = ["case", "class", "storewise recommended", "score", "why"];
    let mut out = String::new();
    match format {
        Format::Markdown => {
            out.push_str(&format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len())));
            for r in &rows {
                let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.push('\n');
        }
        Format::Text => {
            const CAPS: [usize; 4] = [40, 12, 70, 9];
            let mut widths = CAPS.map(|_| 0);
            for r in std::iter::once(&head.map(str::to_string)).chain(&rows) {
                for ((w, cap), cell) in widths.iter_mut().zip(CAPS).zip(r) {
                    *w = (*w).max(cell.chars().count()).min(cap);
                }
            }
            let cut = |s: &str, w: usize| {
                if s.chars().count() <= w {
                    s.to_string()
                } else {
                    format!("{}…", s.chars().take(w.saturating_sub(1)).collect::<String>())
                }
            };
            for r in std::iter::once(&head.map(str::to_string)).chain(&rows) {
                for (w, cell) in widths.iter().zip(r) {
                    out.push_str(&format!("{:<w$}  ", cut(cell, *w), w = *w));
                }
                if let Some(why) = r.last() {
                    out.push_str(why);
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
    for class in Class::ALL {
        let t = Total::of(outcomes.iter().filter(|o| o.class == class));
        if t.possible > 0 {
            out.push_str(&format!(
                "{:<12} {:>3}/{:<3} {:>5.1} %  harmful {}\n",
                class.as_str(),
                t.points,
                t.possible,
                t.percent(),
                t.harmful
            ));
        }
    }
    let t = Total::of(outcomes);
    out.push_str(&format!(
        "{:<12} {:>3}/{:<3} {:>5.1} %  harmful {} of {} cases\n",
        "total",
        t.points,
        t.possible,
        t.percent(),
        t.harmful,
        outcomes.len()
    ));
    if format == Format::Markdown {
        out = out.replace('\n', "  \n").replace("|  \n", "|\n");
    }
    out
}

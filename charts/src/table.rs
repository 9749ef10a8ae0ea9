//! The seed table's six metrics, each in its own small panel: the primary source of truth alone,
//! the current architecture and the recommended one.

use engine::{Report, cost::SeedTable};

use crate::{
    Frame,
    canvas::{self, Align, Canvas, Font},
    palette::{self, Ink},
    parts::{self, Key, MARGIN},
    scale::Axis,
    text,
};

/// The chart's own width.
const WIDTH: f64 = 1040.0;
/// The narrowest panel: its title (14 px) and three bar labels fit.
const PANEL_MIN: f64 = 280.0;
/// At most this many panels side by side.
const COLUMNS: usize = 3;
const GAP: f64 = 36.0;
const PANEL_HEIGHT: f64 = 236.0;
/// Inside a panel: title and unit on top, tick labels on the left, bar labels below.
const PANEL_TOP: f64 = 52.0;
const PANEL_LEFT: f64 = 40.0;
const PANEL_BOTTOM: f64 = 30.0;

/// One metric: what it is, its unit, and its value (low, high) in each column; `None` is n/a.
struct Metric {
    title: &'static str,
    unit: &'static str,
    decimals: usize,
    values: [Option<(f64, f64)>; 3],
}

fn metrics(t: &[&SeedTable; 3]) -> Vec<Metric> {
    let count = |f: fn(&SeedTable) -> usize| t.map(|s| Some((f(s) as f64, f(s) as f64)));
    vec![
        Metric {
            title: "Deployment configurations",
            unit: "configurations to maintain",
            decimals: 0,
            values: count(|s| s.deployment_configs),
        },
        Metric {
            title: "Monitoring dashboards",
            unit: "dashboards and alert sets",
            decimals: 0,
            values: count(|s| s.monitoring_dashboards),
        },
        Metric {
            title: "Backup procedures",
            unit: "procedures to test",
            decimals: 0,
            values: count(|s| s.backup_procedures),
        },
        Metric {
            title: "Consistency issues",
            unit: "cross-store issues per month",
            decimals: 2,
            values: t.map(|s| Some((s.consistency_issues_per_month.lo, s.consistency_issues_per_month.hi))),
        },
        Metric {
            title: "Diagnosis time",
            unit: "hours to diagnose one inconsistency",
            decimals: 1,
            values: t.map(|s| s.diagnosis_hours.map(|d| (d.lo, d.hi))),
        },
        Metric {
            title: "Onboarding",
            unit: "weeks to learn the data layer",
            decimals: 1,
            values: t.map(|s| Some((s.onboarding_weeks, s.onboarding_weeks))),
        },
    ]
}

const COLORS: [Ink; 3] = [palette::SINGLE, palette::CURRENT, palette::RECOMMENDED];

/// The seed-table chart as SVG, drawn for `frame`: three panels a row, fewer when narrow.
pub fn table(report: &Report, frame: &Frame) -> String {
    let width = frame.width_or(WIDTH);
    let columns_fit = ((width - 2.0 * MARGIN + GAP) / (PANEL_MIN + GAP)).floor() as usize;
    let columns_n = columns_fit.clamp(1, COLUMNS);
    let t = &report.table;
    let single = &t.single_label;
    let title = format!("The seed table — {}", report.name);
    let lines = vec![
        format!(
            "{single} alone, the current architecture ({}) and the recommended one ({}): lower is better in every panel.",
            stores(t.current.stores),
            stores(t.recommended.stores)
        ),
        "Estimated ranges are drawn solid to their low end and lighter to their high end.".to_string(),
    ];
    let columns = [single.clone(), "current".to_string(), "recommended".to_string()];
    let legend: Vec<(Key, String)> = COLORS
        .iter()
        .zip([format!("{single} alone"), "current".to_string(), "recommended".to_string()])
        .map(|(&c, l)| (Key::Swatch(c), l))
        .collect();
    let legend_top = parts::header_height(width, &title, &lines) + 8.0;
    let top = legend_top + parts::legend_height(MARGIN, width - MARGIN, &legend) + 20.0;
    let metrics = metrics(&[&t.single, &t.current, &t.recommended]);
    let rows = metrics.len().div_ceil(columns_n);
    let height = top + rows as f64 * (PANEL_HEIGHT + GAP) - GAP + 16.0;
    let panel_w = (width - 2.0 * MARGIN - (columns_n - 1) as f64 * GAP) / columns_n as f64;

    canvas::svg(width, height, &title, frame.scheme, |c| {
        parts::header(c, width, &title, &lines);
        parts::legend(c, MARGIN, legend_top, width - MARGIN, &legend);
        for (i, m) in metrics.iter().enumerate() {
            let x = MARGIN + (i % columns_n) as f64 * (panel_w + GAP);
            let y = top + (i / columns_n) as f64 * (PANEL_HEIGHT + GAP);
            panel(c, m, &columns, (x, y, panel_w));
        }
    })
}

/// `1 store`, `4 stores`.
fn stores(n: usize) -> String {
    format!("{n} store{}", if n == 1 { "" } else { "s" })
}

/// One metric's panel at (left, y), `w` wide.
fn panel(c: &mut Canvas<'_>, metric: &Metric, columns: &[String; 3], (left, y, w): (f64, f64, f64)) {
    c.rect(left, y, w, PANEL_HEIGHT, palette::SURFACE);
    c.label(left + 10.0, y + 16.0, metric.title, w - 20.0, &Font::new(14.0).bold());
    c.label(left + 10.0, y + 34.0, metric.unit, w - 20.0, &Font::new(11.0).color(palette::MUTED));

    let (px0, px1) = (left + PANEL_LEFT, left + w - 10.0);
    let (top, bottom) = (y + PANEL_TOP + 14.0, y + PANEL_HEIGHT - PANEL_BOTTOM);
    let max = metric.values.iter().flatten().map(|v| v.1).fold(0.0, f64::max);
    let axis = Axis::to(max, 4);
    let tick = Font::new(11.0).color(palette::MUTED).align(Align::End);
    for t in axis.ticks() {
        let ty = axis.map(t, bottom, top);
        c.line(&[(px0, ty), (px1, ty)], palette::BORDER, 1);
        c.text(px0 - 6.0, ty, &text::num(t, axis.decimals()), &tick);
    }
    c.line(&[(px0, bottom), (px1, bottom)], palette::MUTED, 1);

    let slot = (px1 - px0) / 3.0;
    let bar_w = (slot * 0.56).min(56.0);
    for (k, ((value, color), column)) in metric.values.iter().zip(COLORS).zip(columns).enumerate() {
        let cx = px0 + slot * (k as f64 + 0.5);
        let label = Font::new(11.0).color(palette::TEXT).align(Align::Middle);
        c.label(cx, bottom + 14.0, column, slot - 2.0, &label);
        let value_font = Font::new(12.0).bold().align(Align::Middle);
        let Some((lo, hi)) = *value else {
            c.text(cx, bottom - 12.0, "n/a", &value_font.color(palette::MUTED));
            continue;
        };
        let (y_lo, y_hi) = (axis.map(lo, bottom, top), axis.map(hi, bottom, top));
        c.rect(cx - bar_w / 2.0, y_lo, bar_w, bottom - y_lo, color);
        c.rect_alpha(cx - bar_w / 2.0, y_hi, bar_w, y_lo - y_hi, color, 0.4);
        if color == palette::SINGLE && hi > 0.0 {
            c.outline(cx - bar_w / 2.0, y_hi, bar_w, bottom - y_hi, palette::INFO, 1);
        }
        c.text(cx, y_hi - 10.0, &text::range(lo, hi, metric.decimals), &value_font);
    }
}

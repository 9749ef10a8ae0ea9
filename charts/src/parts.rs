//! Pieces every chart shares: the title block, legends and a horizontal value axis.

use crate::{
    canvas::{Align, Canvas, Font},
    palette::{self, Ink},
    scale::Axis,
    text,
};

/// Left and right margin of every chart.
pub(crate) const MARGIN: f64 = 24.0;

const TITLE_PX: f64 = 18.0;
const LINE_PX: f64 = 12.0;
const TITLE_STEP: f64 = 24.0;
const LINE_STEP: f64 = 18.0;

/// The title's rows and the lines' rows, wrapped to the chart's width.
fn header_rows(width: f64, title: &str, lines: &[String]) -> (Vec<String>, Vec<String>) {
    let max = width - 2.0 * MARGIN;
    let title_rows = text::wrap(&text::clean(title), TITLE_PX, true, max);
    let rows = lines.iter().flat_map(|l| text::wrap(&text::clean(l), LINE_PX, false, max)).collect();
    (title_rows, rows)
}

/// The title (bold) and the lines under it, wrapped to `width`; returns the y below them.
pub(crate) fn header(c: &mut Canvas<'_>, width: f64, title: &str, lines: &[String]) -> f64 {
    let max = width - 2.0 * MARGIN;
    let (title_rows, rows) = header_rows(width, title, lines);
    let mut y = 28.0;
    for row in &title_rows {
        c.label(MARGIN, y, row, max, &Font::new(TITLE_PX).bold());
        y += TITLE_STEP;
    }
    y += 2.0;
    for row in &rows {
        c.label(MARGIN, y, row, max, &Font::new(LINE_PX).color(palette::MUTED));
        y += LINE_STEP;
    }
    y + 6.0
}

/// Height of the title block [`header`] draws.
pub(crate) fn header_height(width: f64, title: &str, lines: &[String]) -> f64 {
    let (title_rows, rows) = header_rows(width, title, lines);
    28.0 + TITLE_STEP * title_rows.len() as f64 + 2.0 + LINE_STEP * rows.len() as f64 + 6.0
}

/// What a legend entry shows before its text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    /// A filled square.
    Swatch(Ink),
    /// A short line, solid or dashed.
    Line(Ink, bool),
    /// A filled circle.
    Dot(Ink),
}

/// One row of legend entries from `x`, wrapping at `max_x`; returns the y below the legend.
pub(crate) fn legend(c: &mut Canvas<'_>, x: f64, y: f64, max_x: f64, items: &[(Key, String)]) -> f64 {
    let font = Font::new(12.0);
    let mut cx = x;
    let mut cy = y;
    for (key, label) in items {
        let w = 22.0 + font.width(label) + 18.0;
        if cx > x && cx + w > max_x {
            cx = x;
            cy += 20.0;
        }
        match *key {
            Key::Swatch(color) => c.rect(cx, cy - 6.0, 12.0, 12.0, color),
            Key::Line(color, dashed) => {
                let pts = [(cx - 2.0, cy), (cx + 16.0, cy)];
                if dashed { c.dashed(&pts, color, 1.0, 2, (5, 3)) } else { c.line(&pts, color, 2) }
            }
            Key::Dot(color) => c.dot(cx + 6.0, cy, 5.0, color),
        }
        c.text(cx + 20.0, cy, label, &font);
        cx += w;
    }
    cy + 14.0
}

/// Height a legend needs (same wrapping as [`legend`]).
pub(crate) fn legend_height(x: f64, max_x: f64, items: &[(Key, String)]) -> f64 {
    let font = Font::new(12.0);
    let mut cx = x;
    let mut rows = 1.0;
    for (_, label) in items {
        let w = 22.0 + font.width(label) + 18.0;
        if cx > x && cx + w > max_x {
            cx = x;
            rows += 1.0;
        }
        cx += w;
    }
    (rows - 1.0) * 20.0 + 14.0
}

/// Vertical gridlines from `top` to `bottom` at every tick of `axis` between `x0` and `x1`.
pub(crate) fn grid_x(c: &Canvas<'_>, axis: &Axis, x0: f64, x1: f64, top: f64, bottom: f64) {
    for t in axis.ticks() {
        let x = axis.map(t, x0, x1);
        c.line(&[(x, top), (x, bottom)], palette::BORDER, 1);
    }
}

/// A horizontal value axis at `y`: baseline, tick labels and the axis title under them.
pub(crate) fn axis_x(c: &Canvas<'_>, axis: &Axis, x0: f64, x1: f64, y: f64, title: &str) {
    c.line(&[(x0, y), (x1, y)], palette::MUTED, 1);
    let font = Font::new(11.0).color(palette::MUTED).align(Align::Middle);
    for t in axis.ticks() {
        let x = axis.map(t, x0, x1);
        c.line(&[(x, y), (x, y + 4.0)], palette::MUTED, 1);
        c.text(x, y + 14.0, &text::num(t, axis.decimals()), &font);
    }
    c.text(f64::midpoint(x0, x1), y + 32.0, title, &Font::new(12.0).color(palette::MUTED).align(Align::Middle));
}

/// Height an [`axis_x`] takes under its baseline.
pub(crate) const AXIS_X_HEIGHT: f64 = 42.0;

//! Operational overhead by store and category, current beside recommended, with the totals in
//! hours and dollars per month.

use catalog::Category;
use engine::{Report, cost::Overhead};

use crate::{
    Frame,
    canvas::{self, Align, Canvas, Font},
    palette,
    parts::{self, Key, MARGIN},
    scale::Axis,
    text,
};

/// The chart's own width.
const WIDTH: f64 = 1040.0;
/// Below this width the totals' values go under their bars and the note under its heading.
const COMPACT: f64 = 640.0;
/// Room right of a store's bar for its value (`133.5 h`) in the compact layout.
const COMPACT_VALUES: f64 = 56.0;
/// Width of the column holding the `current` / `recommended` tags.
const TAGS: f64 = 96.0;
/// Room right of the longest bar for its value.
const VALUES: f64 = 150.0;
const BAR: f64 = 14.0;
const BAR_GAP: f64 = 4.0;
/// A store's row: its name, then its two bars.
const ROW: f64 = 20.0 + 2.0 * BAR + BAR_GAP + 14.0;

/// Hours of one store in one architecture: its five categories plus its share of interactions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Bar {
    /// The five categories in [`Category::ALL`] order, then interactions.
    pub(crate) parts: [f64; 6],
}

impl Bar {
    fn total(&self) -> f64 {
        self.parts.iter().sum()
    }
}

/// A store with its bar in each architecture (`None` where it does not run).
struct Row {
    id: String,
    kind: String,
    current: Option<Bar>,
    recommended: Option<Bar>,
}

/// Per store: its category hours plus an equal share of every interaction it takes part in.
fn bars(overhead: &Overhead) -> Vec<(String, String, Bar)> {
    let mut out: Vec<(String, String, Bar)> = overhead
        .by_store
        .iter()
        .map(|s| {
            let mut bar = Bar::default();
            for (slot, c) in bar.parts.iter_mut().zip(Category::ALL) {
                *slot = s.hours.get(c);
            }
            (s.id.clone(), s.store_type.clone(), bar)
        })
        .collect();
    for interaction in &overhead.interactions {
        let share = interaction.hours / interaction.subjects.len().max(1) as f64;
        for subject in &interaction.subjects {
            if let Some((_, _, bar)) = out.iter_mut().find(|(id, _, _)| id == subject)
                && let Some(slot) = bar.parts.get_mut(5)
            {
                *slot += share;
            }
        }
    }
    out
}

/// The whole architecture: stores' categories summed, interactions in full.
fn total(overhead: &Overhead) -> Bar {
    let mut bar = Bar::default();
    for s in &overhead.by_store {
        for (slot, c) in bar.parts.iter_mut().zip(Category::ALL) {
            *slot += s.hours.get(c);
        }
    }
    if let Some(slot) = bar.parts.get_mut(5) {
        *slot = overhead.interaction_hours_per_month;
    }
    bar
}

fn rows(report: &Report) -> Vec<Row> {
    let current = bars(&report.overhead.current);
    let recommended = bars(&report.overhead.recommended);
    let mut rows: Vec<Row> = current
        .iter()
        .map(|(id, kind, bar)| Row {
            id: id.clone(),
            kind: kind.clone(),
            current: Some(*bar),
            recommended: recommended.iter().find(|(r, _, _)| r == id).map(|(_, _, b)| *b),
        })
        .collect();
    for (id, kind, bar) in &recommended {
        if !rows.iter().any(|r| &r.id == id) {
            rows.push(Row { id: id.clone(), kind: kind.clone(), current: None, recommended: Some(*bar) });
        }
    }
    rows
}

fn legend_items() -> Vec<(Key, String)> {
    let mut items: Vec<(Key, String)> =
        Category::ALL.iter().map(|&c| (Key::Swatch(palette::category(c)), c.label().to_string())).collect();
    items.push((Key::Swatch(palette::INTERACTIONS), "Interactions between stores".to_string()));
    items
}

/// The store type's display name, from the architecture view (the overhead lists only its id).
fn type_name(report: &Report, id: &str, fallback: &str) -> String {
    let arch = &report.architecture;
    arch.recommended
        .stores
        .iter()
        .chain(&arch.current.stores)
        .find(|s| s.id == id)
        .map_or_else(|| fallback.to_string(), |s| s.name.clone())
}

fn summary(label: &str, o: &Overhead, single: &str) -> String {
    let mut line = format!(
        "{label}: {} h/month · {}/month (people {} at {}/h + infrastructure {})",
        text::hours(o.hours_per_month),
        text::usd(o.usd_per_month),
        text::usd(o.people_usd_per_month),
        text::usd(o.hourly_cost_usd),
        text::usd(o.infrastructure_usd_per_month),
    );
    if o.x_single > 0.0 {
        line.push_str(&format!(" · {} {single} alone", engine::format::multiple(o.x_single)));
    }
    line
}

/// The overhead chart as SVG, drawn for `frame`.
pub fn overhead(report: &Report, frame: &Frame) -> String {
    let (cur, rec) = (&report.overhead.current, &report.overhead.recommended);
    let title = format!("Operational overhead — {}", report.name);
    let lines = vec![
        summary("Current", cur, &report.table.single_label),
        summary("Recommended", rec, &report.table.single_label),
    ];
    let legend = legend_items();
    let rows = rows(report);
    let width = frame.width_or(WIDTH);
    let compact = width < COMPACT;

    // Both panels share one plot width, leaving room right of the bars for the widest total
    // (under the bars when the chart is narrow).
    let value_font = Font::new(12.0).bold();
    let values =
        [cur, rec].map(|o| format!("{} h · {} per month", text::hours(o.hours_per_month), text::usd(o.usd_per_month)));
    let widest = values.iter().map(|v| value_font.width(v)).fold(0.0, f64::max);
    let x0 = MARGIN + TAGS;
    let x1 = if compact {
        width - MARGIN - COMPACT_VALUES
    } else {
        (width - MARGIN - VALUES).min(width - MARGIN - widest - 10.0)
    };
    let ticks = (((x1 - x0) / 70.0).floor() as usize).clamp(2, 6);
    let total_pitch = if compact { 48.0 } else { 30.0 };
    let note = "interactions (flow upkeep, shared data, incidents) split equally among the stores involved";
    let note_font = Font::new(11.0).color(palette::MUTED);
    let note_rows = if compact { text::wrap(note, note_font.px, false, width - 2.0 * MARGIN) } else { Vec::new() };

    let legend_top = parts::header_height(width, &title, &lines) + 8.0;
    let legend_h = parts::legend_height(MARGIN, width - MARGIN, &legend);
    let total_top = legend_top + legend_h + 22.0;
    let total_bars = total_top + 22.0;
    // Under the second bar (and, narrow, its value).
    let total_axis = total_bars + total_pitch + 22.0 + if compact { 26.0 } else { 10.0 };
    let stores_top = total_axis + parts::AXIS_X_HEIGHT + 24.0;
    let rows_top = stores_top + 22.0 + 16.0 * note_rows.len() as f64;
    let stores_axis = rows_top + ROW * rows.len() as f64 + 4.0;
    let height = stores_axis + parts::AXIS_X_HEIGHT + 16.0;

    canvas::svg(width, height, &title, frame.scheme, |c| {
        parts::header(c, width, &title, &lines);
        parts::legend(c, MARGIN, legend_top, width - MARGIN, &legend);

        // The totals.
        let heading = Font::new(14.0).bold();
        c.text(MARGIN, total_top, "Whole architecture", &heading);
        let totals = [(total(cur), cur), (total(rec), rec)];
        let axis = Axis::to(totals.iter().map(|(b, _)| b.total()).fold(0.0, f64::max), ticks);
        parts::grid_x(c, &axis, x0, x1, total_bars - 6.0, total_axis);
        for (i, (((bar, _), value), tag)) in totals.iter().zip(&values).zip(["current", "recommended"]).enumerate() {
            let y = total_bars + i as f64 * total_pitch;
            tag_text(c, x0, y + 11.0, tag);
            let end = stacked(c, &axis, (x0, x1), (y, 22.0), bar);
            if compact {
                c.text(x0, y + 22.0 + 10.0, value, &value_font);
            } else {
                c.text(end + 6.0, y + 11.0, value, &value_font);
            }
        }
        parts::axis_x(c, &axis, x0, x1, total_axis, "ops hours per month");

        // Per store.
        c.text(MARGIN, stores_top, "By store", &heading);
        if compact {
            for (k, row) in note_rows.iter().enumerate() {
                c.label(MARGIN, stores_top + 18.0 + 16.0 * k as f64, row, width - 2.0 * MARGIN, &note_font);
            }
        } else {
            let note_x = MARGIN + heading.width("By store") + 12.0;
            c.label(note_x, stores_top, note, width - MARGIN - note_x, &note_font);
        }
        let max = rows.iter().flat_map(|r| [r.current, r.recommended]).flatten().map(|b| b.total()).fold(0.0, f64::max);
        let axis = Axis::to(max, ticks);
        parts::grid_x(c, &axis, x0, x1, rows_top, stores_axis);
        let name_max = if compact { width - 2.0 * MARGIN - 80.0 } else { x1 - MARGIN - 160.0 };
        for (i, row) in rows.iter().enumerate() {
            let y = rows_top + i as f64 * ROW;
            store_row(
                c,
                report,
                row,
                &axis,
                (x0, x1, if compact { width - MARGIN } else { x1 }),
                (y, name_max),
                compact,
            );
        }
        parts::axis_x(c, &axis, x0, x1, stores_axis, "ops hours per month");
    })
}

fn tag_text(c: &Canvas<'_>, x0: f64, y: f64, tag: &str) {
    c.text(x0 - 8.0, y, tag, &Font::new(11.0).color(palette::MUTED).align(Align::End));
}

/// One store: its name (at most `name_max` wide) and type, then its current and recommended bars
/// between `x0` and `x1`; its texts end by `right`, in short forms when `compact`.
fn store_row(
    c: &mut Canvas<'_>,
    report: &Report,
    row: &Row,
    axis: &Axis,
    (x0, x1, right): (f64, f64, f64),
    (y, name_max): (f64, f64),
    compact: bool,
) {
    let name = Font::new(13.0).bold();
    let width = c.label(MARGIN, y + 8.0, &row.id, name_max, &name);
    let kind = type_name(report, &row.id, &row.kind);
    let kind_x = MARGIN + width + 8.0;
    c.label(kind_x, y + 8.0, &kind, right - kind_x, &Font::new(11.0).color(palette::MUTED));
    for (j, (bar, tag)) in [(row.current, "current"), (row.recommended, "recommended")].iter().enumerate() {
        let by = y + 20.0 + j as f64 * (BAR + BAR_GAP);
        tag_text(c, x0, by + BAR / 2.0, tag);
        match bar {
            Some(bar) => {
                let end = stacked(c, axis, (x0, x1), (by, BAR), bar);
                c.text(end + 6.0, by + BAR / 2.0, &format!("{} h", text::hours(bar.total())), &Font::new(11.0));
            }
            None => {
                // Narrow, the short form: the axis leaves no room for the sentence.
                let what = match (j == 0, compact) {
                    (true, false) => "not running yet: the recommendations add it",
                    (false, false) => "removed by the recommendations",
                    (true, true) => "added by the recommendations",
                    (false, true) => "removed",
                };
                let what_font = Font::new(11.0).italic().color(palette::MUTED);
                c.label(x0 + 6.0, by + BAR / 2.0, what, right - x0 - 6.0, &what_font);
            }
        }
    }
}

/// A horizontal stacked bar from `x0`; returns where it ends.
fn stacked(c: &Canvas<'_>, axis: &Axis, (x0, x1): (f64, f64), (top, height): (f64, f64), bar: &Bar) -> f64 {
    let colors = [
        palette::DEPLOYMENT,
        palette::MONITORING,
        palette::BACKUP,
        palette::SECURITY,
        palette::CONSISTENCY,
        palette::INTERACTIONS,
    ];
    let mut sum = 0.0;
    let mut start = x0;
    for (value, color) in bar.parts.iter().zip(colors) {
        if *value <= 0.0 {
            continue;
        }
        sum += value;
        let end = axis.map(sum, x0, x1);
        // A one-pixel gap between segments keeps neighbours apart.
        let width = if end - start > 3.0 { end - start - 1.0 } else { end - start };
        c.rect(start, top, width, height, color);
        start = end;
    }
    start
}

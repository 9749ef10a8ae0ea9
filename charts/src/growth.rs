//! Total overhead against the number of stores: the cost model's superlinear curve beside a
//! linear reference, the current and recommended architectures marked.

use engine::Report;

use crate::{
    Frame,
    canvas::{self, Align, Canvas, Font},
    palette,
    parts::{self, Key, MARGIN},
    scale::Axis,
    text,
};

/// The chart's own width.
const WIDTH: f64 = 1000.0;
const PLOT_HEIGHT: f64 = 400.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 84.0;
/// Below this width the plot is shorter, its margins narrower and its marks' labels shorter.
const COMPACT: f64 = 640.0;
const COMPACT_PLOT_HEIGHT: f64 = 280.0;
const COMPACT_LEFT: f64 = 72.0;
const COMPACT_RIGHT: f64 = 60.0;

/// The stores to draw the curve to: two more than the larger architecture, at least 8.
pub(crate) fn default_up_to(report: &Report) -> usize {
    let n = report.table.current.stores.max(report.table.recommended.stores);
    (n + 2).max(8)
}

/// The growth chart as SVG, from 1 to `up_to` stores (widened to hold both architectures),
/// drawn for `frame`.
pub fn growth(report: &Report, up_to: usize, frame: &Frame) -> String {
    let width = frame.width_or(WIDTH);
    let compact = width < COMPACT;
    let (plot_height, left, right) =
        if compact { (COMPACT_PLOT_HEIGHT, COMPACT_LEFT, COMPACT_RIGHT) } else { (PLOT_HEIGHT, LEFT, RIGHT) };
    let (cur, rec) = (&report.overhead.current, &report.overhead.recommended);
    let (n_cur, n_rec) = (report.table.current.stores, report.table.recommended.stores);
    let up_to = up_to.max(n_cur.max(n_rec) + 1).max(2);
    let g = &report.growth;
    let points: Vec<&engine::cost::GrowthPoint> = g.points.iter().filter(|p| p.stores <= up_to).collect();
    let single = &report.table.single_label;
    let title = format!("Overhead grows faster than the number of stores — {}", report.name);
    let point = |label: &str, n: usize, o: &engine::cost::Overhead| {
        format!(
            "{label}: {n} store{} · {} h/month = {} {single} alone, where linear growth would say {n}×",
            if n == 1 { "" } else { "s" },
            text::hours(o.hours_per_month),
            engine::format::multiple(o.x_single)
        )
    };
    let lines = vec![
        format!(
            "Cost model: {single} alone ({} h) + {} h for each further store + what stores sharing data cost together (one lineage: CDC, then streams)",
            text::hours(g.single_hours),
            text::hours(g.per_store_hours)
        ),
        point("Current", n_cur, cur),
        point("Recommended", n_rec, rec),
    ];
    let legend = vec![
        (Key::Line(palette::INTERACTIONS, false), "cost model (stores + interactions)".to_string()),
        (Key::Line(palette::INFO, true), format!("linear: n × {single} alone")),
        (Key::Dot(palette::TEXT), "current".to_string()),
        (Key::Dot(palette::RECOMMENDED), "recommended".to_string()),
    ];
    let legend_top = parts::header_height(width, &title, &lines) + 8.0;
    let top = legend_top + parts::legend_height(MARGIN, width - MARGIN, &legend) + 20.0;
    let bottom = top + plot_height;
    let height = bottom + parts::AXIS_X_HEIGHT + 16.0;
    let (x0, x1) = (left, width - right);

    let y_max = points
        .iter()
        .flat_map(|p| [p.model_hours, p.linear_hours])
        .chain([cur.hours_per_month, rec.hours_per_month])
        .fold(0.0, f64::max);
    let y_axis = Axis::to(y_max, 6);
    let x_of = |n: f64| x0 + (x1 - x0) * (n - 1.0) / (up_to as f64 - 1.0);
    let y_of = |h: f64| y_axis.map(h, bottom, top);

    canvas::svg(width, height, &title, frame.scheme, |c| {
        parts::header(c, width, &title, &lines);
        parts::legend(c, MARGIN, legend_top, width - MARGIN, &legend);

        // Grid and axes.
        let tick = Font::new(11.0).color(palette::MUTED);
        for t in y_axis.ticks() {
            let y = y_of(t);
            c.line(&[(x0, y), (x1, y)], palette::BORDER, 1);
            c.text(x0 - 8.0, y, &text::num(t, y_axis.decimals()), &tick.align(Align::End));
        }
        // A tick every 40 pixels or so (at most a dozen) on the store axis, at round numbers.
        let x_ticks = (((x1 - x0) / 40.0).floor() as usize).clamp(2, 12);
        let x_step = (Axis::to(up_to as f64, x_ticks).step.round() as usize).max(1);
        for n in (1..=up_to).filter(|n| n % x_step == 0 || (*n == 1 && (x_step == 1 || x_step >= 4))) {
            let x = x_of(n as f64);
            c.line(&[(x, bottom), (x, bottom + 4.0)], palette::MUTED, 1);
            c.text(x, bottom + 14.0, &n.to_string(), &tick.align(Align::Middle));
        }
        c.line(&[(x0, top), (x0, bottom), (x1, bottom)], palette::MUTED, 1);
        let axis_title = Font::new(12.0).color(palette::MUTED).align(Align::Middle);
        c.text(f64::midpoint(x0, x1), bottom + 32.0, "stores in the architecture", &axis_title);
        c.text(MARGIN + 4.0, f64::midpoint(top, bottom), "ops hours per month", &axis_title.vertical());
        if g.single_hours > 0.0 {
            right_axis(c, &y_axis, g.single_hours, (x1, top, bottom, width), single);
        }

        // The linear reference, then the model.
        let linear: Vec<(f64, f64)> = points.iter().map(|p| (x_of(p.stores as f64), y_of(p.linear_hours))).collect();
        c.dashed(&linear, palette::INFO, 1.0, 2, (7, 5));
        let model: Vec<(f64, f64)> = points.iter().map(|p| (x_of(p.stores as f64), y_of(p.model_hours))).collect();
        c.line(&model, palette::INTERACTIONS, 3);
        if up_to <= 30 {
            for &(x, y) in &model {
                c.dot(x, y, 3.0, palette::INTERACTIONS);
            }
        }

        // The two architectures: the current one as a larger dot, so both show when they coincide.
        let marks =
            [(n_cur, cur, palette::TEXT, "current", 8.0), (n_rec, rec, palette::RECOMMENDED, "recommended", 5.0)];
        // Labels go where they cover no line, no marker and no other label; the first candidate
        // (left of the point, a little above) is usually empty, as the curve is lower to the left.
        let mut obstacles: Vec<(f64, f64)> = Vec::new();
        for line in [&model, &linear] {
            for pair in line.windows(2) {
                if let [(ax, ay), (bx, by)] = pair {
                    let steps = ((bx - ax).abs() / 4.0).ceil().max(1.0) as usize;
                    obstacles.extend((0..=steps).map(|i| {
                        let t = i as f64 / steps as f64;
                        (ax + (bx - ax) * t, ay + (by - ay) * t)
                    }));
                }
            }
        }
        let dots: Vec<(f64, f64, f64)> =
            marks.iter().map(|(n, o, _, _, r)| (x_of(*n as f64), y_of(o.hours_per_month), *r)).collect();
        for ((_, _, color, _, _), &(x, y, r)) in marks.iter().zip(&dots) {
            c.dot(x, y, r, *color);
        }
        let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
        for ((_, o, color, label, _), &(x, y, _)) in marks.iter().zip(&dots) {
            // Narrow, the legend's dots say which mark is which.
            let figures = format!("{} h = {}", text::hours(o.hours_per_month), engine::format::multiple(o.x_single));
            let text = if compact { figures } else { format!("{label}: {figures}") };
            let font = Font::new(12.0).bold().color(*color);
            let (w, h) = (font.width(&text) + 8.0, 18.0);
            let mut candidates =
                vec![(x - 14.0 - w, y - 24.0), (x + 14.0, y + 8.0), (x + 14.0, y - 26.0), (x - 14.0 - w, y + 8.0)];
            candidates.extend((1..12).map(|k| (x - 14.0 - w, y - 24.0 - 22.0 * f64::from(k))));
            candidates.extend((1..12).map(|k| (x + 14.0, y + 8.0 + 22.0 * f64::from(k))));
            let fits =
                |&(lx, ly): &(f64, f64)| lx >= x0 + 4.0 && lx + w <= x1 - 4.0 && ly >= top && ly + h <= bottom - 2.0;
            let free = |&(lx, ly): &(f64, f64)| {
                let inside = |px: f64, py: f64, pad: f64| {
                    px > lx - pad && px < lx + w + pad && py > ly - pad && py < ly + h + pad
                };
                !obstacles.iter().any(|&(px, py)| inside(px, py, 2.0))
                    && !dots.iter().any(|&(px, py, r)| inside(px, py, r + 2.0))
                    && !taken.iter().any(|&(tx, ty, tw, th)| lx < tx + tw && tx < lx + w && ly < ty + th && ty < ly + h)
            };
            let (lx, ly) = candidates
                .iter()
                .copied()
                .find(|p| fits(p) && free(p))
                .or_else(|| candidates.iter().copied().find(fits))
                .unwrap_or((x + 14.0, y - 9.0));
            let lx = lx.clamp(0.0, (width - w).max(0.0));
            c.rect_alpha(lx, ly, w, h, palette::BG, 0.85);
            c.text(lx + 4.0, ly + h / 2.0, &text, &font);
            taken.push((lx, ly, w, h));
        }
    })
}

/// The right axis: the same hours as multiples of the source of truth alone.
fn right_axis(c: &Canvas<'_>, hours: &Axis, single: f64, (x, top, bottom, width): (f64, f64, f64, f64), label: &str) {
    let multiples = Axis::to(hours.max / single, 6);
    let font = Font::new(11.0).color(palette::MUTED);
    c.line(&[(x, top), (x, bottom)], palette::MUTED, 1);
    for k in multiples.ticks() {
        let h = k * single;
        if h > hours.max + 1e-9 {
            break;
        }
        let y = hours.map(h, bottom, top);
        c.line(&[(x, y), (x + 4.0, y)], palette::MUTED, 1);
        c.text(x + 8.0, y, &format!("{}×", text::num(k, multiples.decimals())), &font);
    }
    let title = format!("× {label} alone");
    c.text(
        width - MARGIN + 4.0,
        f64::midpoint(top, bottom),
        &title,
        &Font::new(12.0).color(palette::MUTED).align(Align::Middle).vertical(),
    );
}

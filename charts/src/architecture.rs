//! The architecture diagram: stores as boxes by role, in layers from the source of truth; flows as
//! arrows labelled with their kind and staleness budget; dual writes dashed in the critical
//! colour; what the recommendations add or remove marked.

use engine::{Report, Status};
use workload::Role;

use crate::{
    Frame,
    budgets::Budgets,
    canvas::{self, Align, Canvas, Font},
    layout::{self, Flow, LABEL_MAX, LABEL_PX, Node, Rect},
    palette,
    parts::{self, Key, MARGIN},
};

fn legend_items() -> Vec<(Key, String)> {
    vec![
        (Key::Swatch(palette::SOURCE_OF_TRUTH), "source of truth".to_string()),
        (Key::Swatch(palette::PIPELINE), "pipeline".to_string()),
        (Key::Swatch(palette::DERIVED), "derived".to_string()),
        (Key::Line(palette::MUTED, false), "flow".to_string()),
        (Key::Line(palette::CRITICAL, true), "dual write".to_string()),
        (Key::Line(palette::ACCENT, false), "added or changed".to_string()),
        (Key::Line(palette::INFO, true), "removed".to_string()),
    ]
}

/// The title block, drawn for `width`: its title, its lines, and the height they and the
/// legend take.
pub(crate) fn head(report: &Report, nodes: &[Node<'_>], flows: &[Flow], width: f64) -> (String, Vec<String>, f64) {
    let title = format!("Architecture — {}", report.name);
    let lines = vec![
        "Stores in columns by distance from the source of truth; arrows are flows labelled kind · ≤ staleness budget."
            .to_string(),
        verdict(nodes, flows),
    ];
    let height = parts::header_height(width, &title, &lines)
        + 8.0
        + parts::legend_height(MARGIN, width - MARGIN, &legend_items());
    (title, lines, height)
}

/// The diagram as SVG, flows labelled with their kind only.
pub fn architecture(report: &Report) -> String {
    architecture_with(report, &Budgets::new(), &Frame::default())
}

/// The diagram as SVG, flows labelled with their kind and the staleness budget of the store they
/// feed, drawn for `frame` (never narrower than its columns: a wider diagram scrolls).
pub fn architecture_with(report: &Report, budgets: &Budgets, frame: &Frame) -> String {
    let (nodes, flows) = layout::model(report, budgets);
    let frame_width = frame.width_or(layout::MIN_WIDTH);
    let (title, lines, head_h) = head(report, &nodes, &flows, frame_width);
    let geo = layout::geometry(&nodes, &flows, head_h, frame_width);
    let legend = legend_items();
    canvas::svg(geo.width, geo.height, &title, frame.scheme, |c| {
        // The title block and legend are laid out for the frame, which the canvas is at least as wide as.
        let legend_top = parts::header(c, frame_width, &title, &lines) + 8.0;
        parts::legend(c, MARGIN, legend_top, frame_width - MARGIN, &legend);
        if nodes.is_empty() {
            c.text(MARGIN, geo.content_top + 20.0, "No stores.", &Font::new(13.0).color(palette::MUTED));
        }
        // Flows under boxes; removed ones first so the rest draw over them.
        let mut order: Vec<usize> = (0..flows.len()).collect();
        order.sort_by_key(|&k| flows.get(k).is_none_or(|f| f.status != Status::Removed));
        for k in order {
            if let (Some(f), Some(r)) = (flows.get(k), geo.routes.get(k)) {
                flow(c, f, &r.points, r.label_box);
            }
        }
        for (node, placed) in nodes.iter().zip(&geo.boxes) {
            store(c, node, placed.rect);
        }
    })
}

/// What the recommendations do, in one sentence: "The recommendations remove 5 stores and 4 flows."
fn verdict(nodes: &[Node<'_>], flows: &[Flow]) -> String {
    let stores = |s: Status| nodes.iter().filter(|n| n.store.status == s).count();
    let flows = |s: Status| flows.iter().filter(|f| f.status == s).count();
    let things = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    for (verb, status) in [("add", Status::Added), ("remove", Status::Removed)] {
        let items: Vec<String> = [(stores(status), "store"), (flows(status), "flow")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| things(n, what))
            .collect();
        if !items.is_empty() {
            parts.push(format!("{verb} {}", items.join(" and ")));
        }
    }
    if flows(Status::Changed) > 0 {
        parts.push(format!("change {}", things(flows(Status::Changed), "flow")));
    }
    match parts.as_slice() {
        [] => "The recommendations keep the architecture as it is.".to_string(),
        [one] => format!("The recommendations {one}."),
        [init @ .., last] => format!("The recommendations {}, and {last}.", init.join(", ")),
    }
}

/// One flow: its line, arrowhead and label.
fn flow(c: &mut Canvas<'_>, f: &Flow, points: &[(f64, f64)], label: Rect) {
    let removed = f.status == Status::Removed;
    let color = if f.dual {
        palette::CRITICAL
    } else if matches!(f.status, Status::Added | Status::Changed) {
        palette::ACCENT
    } else if removed {
        palette::INFO
    } else {
        palette::MUTED
    };
    let alpha = if removed { 0.5 } else { 1.0 };
    // The line stops at the arrowhead's base.
    let mut line = points.to_vec();
    let tip = line.last().copied().unwrap_or((0.0, 0.0));
    let before = line.len().checked_sub(2).and_then(|i| line.get(i)).copied().unwrap_or(tip);
    if let Some(last) = line.last_mut() {
        last.0 -= 8.0;
    }
    if f.dual {
        c.dashed(&line, color, alpha, 2, (7, 4));
    } else if removed {
        c.dashed(&line, color, alpha, 2, (3, 4));
    } else {
        c.line(&line, color, 2);
    }
    c.arrowhead(before, (tip.0 - 1.0, tip.1), color, alpha);
    c.rect_alpha(label.x, label.y, label.w, label.h, palette::BG, 0.9);
    let font = Font::new(LABEL_PX).color(if removed { palette::INFO } else { color }).align(Align::End);
    let font = if f.dual { font.bold() } else { font };
    c.label(label.x + label.w - 2.0, label.y + label.h / 2.0, &f.label, LABEL_MAX, &font);
}

/// One store's box: role strip, id, type and role, and a badge when added or removed.
fn store(c: &mut Canvas<'_>, node: &Node<'_>, r: Rect) {
    let s = node.store;
    let removed = s.status == Status::Removed;
    let role_color = match s.role {
        Role::SourceOfTruth => palette::SOURCE_OF_TRUTH,
        Role::Pipeline => palette::PIPELINE,
        Role::Derived => palette::DERIVED,
    };
    c.rect(r.x, r.y, r.w, r.h, if removed { palette::SURFACE } else { palette::BG });
    c.rect_alpha(r.x, r.y, 6.0, r.h, role_color, if removed { 0.45 } else { 1.0 });
    match s.status {
        Status::Added => c.dashed_outline(r.x, r.y, r.w, r.h, palette::ACCENT, 2),
        Status::Removed => c.dashed_outline(r.x, r.y, r.w, r.h, palette::INFO, 2),
        Status::Kept | Status::Changed => c.outline(r.x, r.y, r.w, r.h, palette::BORDER, 1),
    }
    let text = if removed { palette::MUTED } else { palette::TEXT };
    let cy = r.y + r.h / 2.0;
    let max = r.w - 24.0;
    c.text(r.x + 14.0, cy - 20.0, layout::role(s.role), &Font::new(11.0).color(palette::MUTED));
    c.label(r.x + 14.0, cy - 2.0, &s.id, max, &Font::new(13.0).bold().color(text));
    c.label(r.x + 14.0, cy + 16.0, &s.name, max, &Font::new(11.0).color(palette::MUTED));
    let badge = match s.status {
        Status::Added => Some(("+ add", palette::ACCENT)),
        Status::Removed => Some(("− remove", palette::INFO)),
        Status::Kept | Status::Changed => None,
    };
    if let Some((label, color)) = badge {
        let font = Font::new(11.0).bold().color(palette::BG).align(Align::Middle);
        let w = font.width(label) + 12.0;
        let (bx, by) = (r.x + r.w - w - 8.0, r.y - 8.0);
        c.rect(bx, by, w, 16.0, color);
        c.text(bx + w / 2.0, by + 8.0, label, &font);
    }
}

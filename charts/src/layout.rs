//! The architecture diagram's layered layout: stores in columns by their distance from a source of
//! truth (the longest chain of flows reaching them), flows routed through the gaps between
//! columns, each labelled just before the store it feeds.
//!
//! Nothing overlaps by construction: boxes in a column are stacked with a gap, columns are as far
//! apart as their flow labels need, a store fed by several flows is tall enough for one port (and
//! one label) per flow, and flows that skip a column run along lanes above every box.

use std::collections::HashMap;

use engine::{ArchFlow, ArchStore, Report, Status};
use workload::{Role, Via};

use crate::{Frame, budgets::Budgets, parts, text};

/// Box size.
pub(crate) const BOX_W: f64 = 230.0;
pub(crate) const BOX_H: f64 = 66.0;
/// Vertical gap between boxes in a column.
const V_GAP: f64 = 30.0;
/// Vertical distance between two ports of one box.
const PORT_STEP: f64 = 24.0;
/// Horizontal distance between vertical channels in a gap.
const CHANNEL_STEP: f64 = 10.0;
/// Lanes above the boxes, for flows that skip columns.
const LANE_STEP: f64 = 12.0;
/// The widest flow label; longer ones are shortened (full text in a tooltip).
pub(crate) const LABEL_MAX: f64 = 220.0;
/// Flow label font size.
pub(crate) const LABEL_PX: f64 = 11.0;
/// Room for the arrowhead before a box.
const ARROW: f64 = 12.0;
/// The diagram's own width when it needs no more (room for the title and legend on one line each).
pub(crate) const MIN_WIDTH: f64 = 900.0;

/// An axis-aligned rectangle, in pixels from the top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// A store's box.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The store id.
    pub id: String,
    /// Its box.
    pub rect: Rect,
    /// Its column: 0 for stores fed by nothing, else one more than the furthest store feeding it.
    pub layer: usize,
}

/// A flow's path and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Upstream store id.
    pub from: String,
    /// Downstream store id.
    pub to: String,
    /// The polyline, ending at the downstream box's left edge.
    pub points: Vec<(f64, f64)>,
    /// The label: kind (old → new when the recommendations change it) and staleness budget.
    pub label: String,
    /// Where the label is drawn (at most 220 pixels wide; longer labels are shortened).
    pub label_box: Rect,
}

/// The diagram's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Where the title block and legend end.
    pub(crate) content_top: f64,
    /// The stores, in the order of the report's recommended architecture.
    pub boxes: Vec<Placed>,
    /// The flows, in the same order as the report's.
    pub routes: Vec<Route>,
}

/// A store of the diagram (the recommended architecture keeps removed stores, so it has them all).
pub(crate) struct Node<'r> {
    pub(crate) store: &'r ArchStore,
}

/// A flow of the diagram, with what it was before the recommendations.
pub(crate) struct Flow {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) status: Status,
    /// A dual write now, or before the recommendations replaced it.
    pub(crate) dual: bool,
    pub(crate) label: String,
}

/// The label of a flow kind.
fn via(v: Via) -> &'static str {
    match v {
        Via::Cdc => "CDC",
        Via::Outbox => "outbox",
        Via::DualWrite => "dual write",
        Via::BatchEtl => "batch ETL",
        Via::Stream => "stream",
        Via::Polling => "polling",
        Via::CacheAside => "cache-aside",
        Via::AppWrite => "app write",
        Via::Invalidation => "invalidation",
        Via::Replication => "replication",
        Via::RepairJob => "repair job",
    }
}

/// A role's label.
pub(crate) fn role(r: Role) -> &'static str {
    match r {
        Role::SourceOfTruth => "source of truth",
        Role::Derived => "derived",
        Role::Pipeline => "pipeline",
    }
}

/// The stores and flows to draw: the recommended architecture (removed items kept), each flow
/// matched to the current one it came from (the engine keeps their order and appends new ones).
pub(crate) fn model<'r>(report: &'r Report, budgets: &Budgets) -> (Vec<Node<'r>>, Vec<Flow>) {
    let arch = &report.architecture;
    let (stores, flows): (&[ArchStore], &[ArchFlow]) = if arch.recommended.stores.is_empty() {
        (&arch.current.stores, &arch.current.flows)
    } else {
        (&arch.recommended.stores, &arch.recommended.flows)
    };
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in stores.iter().enumerate() {
        index.entry(s.id.as_str()).or_insert(i);
    }
    let nodes = stores.iter().map(|store| Node { store }).collect();
    let mut out = Vec::new();
    for (i, f) in flows.iter().enumerate() {
        let (Some(&from), Some(&to)) = (index.get(f.from.as_str()), index.get(f.to.as_str())) else { continue };
        if from == to {
            continue;
        }
        let was = arch.current.flows.get(i).filter(|c| c.to == f.to).map(|c| c.via);
        let mut label = match f.status {
            Status::Added => "+ ".to_string(),
            Status::Removed => "− ".to_string(),
            Status::Kept | Status::Changed => String::new(),
        };
        match was {
            Some(w) if w != f.via => label.push_str(&format!("{} → {}", via(w), via(f.via))),
            _ => label.push_str(via(f.via)),
        }
        if let Some(budget) = budgets.get(&f.to) {
            label.push_str(&format!(" · ≤{budget}"));
        }
        out.push(Flow {
            from,
            to,
            status: f.status,
            dual: f.via == Via::DualWrite || was == Some(Via::DualWrite),
            label,
        });
    }
    (nodes, out)
}

/// Layers by the longest chain of flows from a store fed by nothing (so every flow points right).
fn layers(n: usize, flows: &[Flow]) -> Vec<usize> {
    let mut layer = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for f in flows {
            let next = layer.get(f.from).map_or(0, |l| l + 1).min(n);
            if let Some(l) = layer.get_mut(f.to)
                && *l < next
            {
                *l = next;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

/// The diagram's geometry for a report drawn for `frame` (its width is the frame's, or more when
/// its columns need more); `budgets` label the flows (see [`Budgets`]).
pub fn layout(report: &Report, budgets: &Budgets, frame: &Frame) -> Layout {
    let (nodes, flows) = model(report, budgets);
    let width = frame.width_or(MIN_WIDTH);
    let (_, _, head) = crate::architecture::head(report, &nodes, &flows, width);
    geometry(&nodes, &flows, head, width)
}

/// Lays out `nodes` and `flows` under a title block and legend `head` pixels tall, on a canvas at
/// least `min_width` wide.
pub(crate) fn geometry(nodes: &[Node<'_>], flows: &[Flow], head: f64, min_width: f64) -> Layout {
    let count = nodes.len();
    let layer = layers(count, flows);
    let columns = layer.iter().copied().max().map_or(0, |m| m + 1);

    // Order each column by the mean position of the stores feeding it.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns];
    let mut position = vec![0.0f64; count];
    for col in 0..columns {
        let mut members: Vec<(f64, usize)> = (0..count)
            .filter(|&i| layer.get(i) == Some(&col))
            .map(|i| {
                let parents: Vec<f64> = flows
                    .iter()
                    .filter(|f| f.to == i && layer.get(f.from).is_some_and(|&l| l < col))
                    .filter_map(|f| position.get(f.from).copied())
                    .collect();
                let key =
                    if parents.is_empty() { f64::MAX } else { parents.iter().sum::<f64>() / parents.len() as f64 };
                (key, i)
            })
            .collect();
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (p, &(_, i)) in members.iter().enumerate() {
            if let Some(slot) = position.get_mut(i) {
                *slot = p as f64;
            }
        }
        if let Some(o) = order.get_mut(col) {
            *o = members.into_iter().map(|(_, i)| i).collect();
        }
    }

    // Box heights: one port per incoming flow.
    let incoming = |i: usize| flows.iter().filter(|f| f.to == i).count();
    let height_of = |i: usize| BOX_H.max(PORT_STEP * incoming(i) as f64 + 16.0);

    // Flows that skip columns run along lanes above the boxes.
    let long: Vec<usize> = (0..flows.len())
        .filter(|&k| {
            flows
                .get(k)
                .is_some_and(|f| layer.get(f.to).copied().unwrap_or(0) != layer.get(f.from).copied().unwrap_or(0) + 1)
        })
        .collect();

    // Gap g lies between column g and g + 1: a channel per store of column g with outgoing
    // flows, one per long flow ending in column g + 1, then the labels of flows ending there.
    let label_w = |f: &Flow| text::width(&f.label, LABEL_PX, false).min(LABEL_MAX);
    let mut sources_in_gap: Vec<Vec<usize>> = vec![Vec::new(); columns];
    let mut long_in_gap: Vec<Vec<usize>> = vec![Vec::new(); columns];
    let mut gap_w = vec![0.0f64; columns];
    for g in 0..columns.saturating_sub(1) {
        let sources: Vec<usize> = order
            .get(g)
            .map(|o| o.iter().copied().filter(|&i| flows.iter().any(|f| f.from == i)).collect())
            .unwrap_or_default();
        let ending: Vec<usize> =
            long.iter().copied().filter(|&k| flows.get(k).is_some_and(|f| layer.get(f.to) == Some(&(g + 1)))).collect();
        let labels = flows.iter().filter(|f| layer.get(f.to) == Some(&(g + 1))).map(label_w).fold(0.0, f64::max);
        let channels = (sources.len() + ending.len()) as f64;
        if let Some(w) = gap_w.get_mut(g) {
            *w = (16.0 + CHANNEL_STEP * channels + 16.0 + labels + ARROW + 6.0).max(70.0);
        }
        if let Some(s) = sources_in_gap.get_mut(g) {
            *s = sources;
        }
        if let Some(l) = long_in_gap.get_mut(g) {
            *l = ending;
        }
    }

    let content_top = head + 24.0;
    let lanes_h = if long.is_empty() { 0.0 } else { LANE_STEP * long.len() as f64 + 12.0 };
    let boxes_top = content_top + lanes_h;
    let column_h =
        |col: &Vec<usize>| col.iter().map(|&i| height_of(i)).sum::<f64>() + V_GAP * col.len().saturating_sub(1) as f64;
    let tallest = order.iter().map(column_h).fold(0.0, f64::max);

    let mut col_x = Vec::with_capacity(columns);
    let mut cursor = parts::MARGIN;
    for g in 0..columns {
        col_x.push(cursor);
        cursor += BOX_W + gap_w.get(g).copied().unwrap_or(0.0);
    }
    let width = (cursor + parts::MARGIN).max(min_width);

    let mut rects = vec![Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; count];
    for (col, members) in order.iter().enumerate() {
        let mut y = boxes_top + (tallest - column_h(members)) / 2.0;
        let cx = col_x.get(col).copied().unwrap_or(parts::MARGIN);
        for &i in members {
            let h = height_of(i);
            if let Some(r) = rects.get_mut(i) {
                *r = Rect { x: cx, y, w: BOX_W, h };
            }
            y += h + V_GAP;
        }
    }

    // Ports: incoming flows spread down the box's left edge, in the order of their sources.
    let mut port_y = vec![0.0f64; flows.len()];
    for i in 0..count {
        let mut into: Vec<usize> = (0..flows.len()).filter(|&k| flows.get(k).is_some_and(|f| f.to == i)).collect();
        let source_y = |k: &usize| flows.get(*k).and_then(|f| rects.get(f.from)).map_or(0.0, |r| r.y);
        into.sort_by(|a, b| source_y(a).total_cmp(&source_y(b)).then(a.cmp(b)));
        let r = rects.get(i).copied().unwrap_or(Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 });
        let step = r.h / (into.len() + 1) as f64;
        for (j, k) in into.iter().enumerate() {
            if let Some(p) = port_y.get_mut(*k) {
                *p = (r.y + step * (j + 1) as f64).round();
            }
        }
    }

    let mut routes = Vec::with_capacity(flows.len());
    for (k, f) in flows.iter().enumerate() {
        let (Some(src_box), Some(dst_box)) = (rects.get(f.from), rects.get(f.to)) else { continue };
        let (Some(src), Some(dst)) = (nodes.get(f.from), nodes.get(f.to)) else { continue };
        let from_col = layer.get(f.from).copied().unwrap_or(0);
        let to_col = layer.get(f.to).copied().unwrap_or(0);
        let gap_start = |g: usize| col_x.get(g).map_or(0.0, |x| x + BOX_W);
        let channel = sources_in_gap.get(from_col).and_then(|s| s.iter().position(|&i| i == f.from)).unwrap_or(0);
        let out_x = gap_start(from_col) + 16.0 + CHANNEL_STEP * channel as f64;
        let sy = (src_box.y + src_box.h / 2.0).round();
        let py = port_y.get(k).copied().unwrap_or(dst_box.y);
        let points = if let Some(lane) = long.iter().position(|&l| l == k) {
            let gap = to_col.saturating_sub(1);
            let regular = sources_in_gap.get(gap).map_or(0, Vec::len);
            let slot = long_in_gap.get(gap).and_then(|l| l.iter().position(|&x| x == k)).unwrap_or(0);
            let in_x = gap_start(gap) + 16.0 + CHANNEL_STEP * (regular + slot) as f64;
            let lane_y = content_top + 6.0 + LANE_STEP * lane as f64;
            vec![(src_box.x + src_box.w, sy), (out_x, sy), (out_x, lane_y), (in_x, lane_y), (in_x, py), (dst_box.x, py)]
        } else {
            vec![(src_box.x + src_box.w, sy), (out_x, sy), (out_x, py), (dst_box.x, py)]
        };
        let label_width = label_w(f);
        let label_box = Rect { x: dst_box.x - ARROW - label_width - 2.0, y: py - 17.0, w: label_width + 4.0, h: 14.0 };
        routes.push(Route {
            from: src.store.id.clone(),
            to: dst.store.id.clone(),
            points,
            label: f.label.clone(),
            label_box,
        });
    }

    let boxes = nodes
        .iter()
        .zip(&rects)
        .zip(&layer)
        .map(|((node, rect), &layer)| Placed { id: node.store.id.clone(), rect: *rect, layer })
        .collect();
    let height = boxes_top + tallest + 28.0;
    Layout { width, height, content_top, boxes, routes }
}

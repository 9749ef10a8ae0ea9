//! storewise charts: a report drawn as SVG, the same picture in the browser (WASM), the server
//! and the command line.
//!
//! Four charts, each a function of an [`engine::Report`] returning a standalone SVG document:
//!
//! - [`overhead`]: operational overhead by store and category (deployment, monitoring, backup &
//!   recovery, security, consistency, interactions), current beside recommended, with the totals
//!   in hours and dollars per month;
//! - [`growth`]: total overhead against the number of stores as the cost model predicts, beside a
//!   linear reference, with the current and recommended architectures marked ([`engine::cost::Growth`]
//!   gives the numbers);
//! - [`table`]: the seed table's six metrics for one store alone, current and recommended;
//! - [`architecture`]: stores as boxes by role in layers from the source of truth, flows as arrows
//!   labelled with their kind and staleness budget, dual writes dashed in the critical colour,
//!   stores the recommendations add or remove marked ([`layout`] gives the geometry).
//!
//! The crate is pure (no I/O, no clocks), draws with plotters' SVG backend and never asks it to
//! measure text: widths are estimated the same way on every target, so a report lays out
//! identically everywhere. Each chart is drawn for a [`Frame`]: a width it lays out for (the web
//! app passes the width of a chart's box; without one, the chart's own width) and a [`Scheme`],
//! light or dark ([`render_in`]; [`render`] and [`render_with`] draw the default frame).
//! Colours are those of `style/tokens.css`. User text (store ids, names)
//! is XML-escaped; labels too long for their place are shortened with an ellipsis and keep their
//! full text in a `<title>` tooltip.
//!
//! ```
//! let catalog = catalog::Catalog::embedded().expect("the embedded catalog parses");
//! let text = "version: 1\nname: demo\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n";
//! let parsed = workload::parse(text, catalog);
//! let report = engine::analyze(parsed.workload.as_ref().expect("valid"), parsed.catalog_or(catalog));
//! let svg = charts::render("overhead".parse().expect("a chart kind"), &report);
//! assert!(svg.starts_with("<svg") && svg.contains("Operational overhead"));
//! ```

mod architecture;
mod budgets;
mod canvas;
mod frame;
mod growth;
mod kind;
mod layout;
mod overhead;
mod palette;
mod parts;
mod scale;
mod table;
mod text;

pub use architecture::{architecture, architecture_with};
pub use budgets::Budgets;
pub use frame::{Frame, Scheme};
pub use growth::growth;
pub use kind::{Kind, UnknownKind};
pub use layout::{Layout, Placed, Rect, Route, layout};
pub use overhead::overhead;
pub use table::table;

/// Draws one chart of a report (flows labelled with their kind only: see [`render_with`]).
pub fn render(kind: Kind, report: &engine::Report) -> String {
    render_with(kind, report, &Budgets::new())
}

/// Draws one chart of a report at its own width in the light scheme, labelling the
/// architecture's flows with the staleness budgets.
pub fn render_with(kind: Kind, report: &engine::Report, budgets: &Budgets) -> String {
    render_in(kind, report, budgets, &Frame::default())
}

/// Draws one chart of a report for `frame` (the width it gets, the colour scheme), labelling the
/// architecture's flows with the staleness budgets.
pub fn render_in(kind: Kind, report: &engine::Report, budgets: &Budgets, frame: &Frame) -> String {
    match kind {
        Kind::Overhead => overhead(report, frame),
        Kind::Growth => growth(report, growth::default_up_to(report), frame),
        Kind::Table => table(report, frame),
        Kind::Architecture => architecture_with(report, budgets, frame),
    }
}

//! Every chart of S1, S2 and S6 as an SVG snapshot; user text escaped in every chart; the
//! diagram of 20 stores without overlapping boxes or labels.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use charts::{Budgets, Kind, Rect};
use engine::Report;

const EXAMPLES: [(&str, &str); 3] = [
    ("s1", include_str!("../../examples/s1-logistics.yaml")),
    ("s2", include_str!("../../examples/s2-dual-write.yaml")),
    ("s6", include_str!("../../examples/s6-ecommerce.yaml")),
];

fn analyze(text: &str) -> (Report, Budgets) {
    let catalog = catalog::Catalog::embedded().expect("the embedded catalog parses");
    let parsed = workload::parse(text, catalog);
    let w = parsed.workload.as_ref().unwrap_or_else(|| panic!("invalid workload: {:#?}", parsed.diagnostics));
    (engine::analyze(w, parsed.catalog_or(catalog)), Budgets::from_workload(w))
}

/// Checks that `svg` is well-formed XML with the SVG root and a title, then snapshots it.
fn check(name: &str, svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}");
    assert_eq!(root.first_element_child().map(|e| e.tag_name().name()), Some("title"), "{name}");
    insta::assert_snapshot!(name, svg);
}

#[test]
fn every_chart_of_s1_s2_s6() {
    for (example, text) in EXAMPLES {
        let (report, budgets) = analyze(text);
        for kind in Kind::ALL {
            check(&format!("{example}-{kind}"), &charts::render_with(kind, &report, &budgets));
        }
    }
}

#[test]
fn kinds_parse_and_print() {
    for kind in Kind::ALL {
        assert_eq!(kind.to_string().parse::<Kind>(), Ok(kind));
    }
    assert!("pie".parse::<Kind>().unwrap_err().to_string().contains("overhead, growth, table or architecture"));
}

#[test]
fn growth_curve_is_superlinear_and_holds_s1_near_eight_times() {
    let (report, _) = analyze(EXAMPLES[0].1);
    let g = &report.growth;
    assert_eq!(g.points.len(), 8);
    assert_eq!(g.points[0].model_hours, g.single_hours);
    let four = g.points[3];
    let times = four.model_hours / g.single_hours;
    assert!((7.5..=8.5).contains(&times), "S1 at 4 stores: {times}×");
    assert!((four.model_hours - report.overhead.current.hours_per_month).abs() < 0.1, "{four:?}");
    for w in g.points.windows(3) {
        let (first, second, third) = (w[0].model_hours, w[1].model_hours, w[2].model_hours);
        assert!(third - second > second - first, "not superlinear: {first} {second} {third}");
        assert!(w[1].model_hours > w[1].linear_hours);
    }
}

const HOSTILE: &str = r#"
version: 1
name: "<script>alert(1)</script>"
stores:
  - id: "<script>alert(1)</script>"
    type: postgresql
    role: source_of_truth
  - id: "a-store-with-a-name-far-too-long-for-any-box-&-an-ampersand"
    type: redis
    role: derived
    fed_by: { from: "<script>alert(1)</script>", via: dual_write }
    staleness_budget: 1s
"#;

#[test]
fn user_text_is_escaped_in_every_chart() {
    let (report, budgets) = analyze(HOSTILE);
    for kind in Kind::ALL {
        let svg = charts::render_with(kind, &report, &budgets);
        assert!(!svg.contains("<script"), "{kind}: raw <script in\n{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{kind}: no escaped name in\n{svg}");
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{kind}: not XML: {e}"));
    }
    let svg = charts::architecture_with(&report, &budgets, &charts::Frame::default());
    assert!(svg.contains("<title>a-store-with-a-name-far-too-long-for-any-box-&amp;-an-ampersand</title>"), "{svg}");
}

/// A source of truth, a Kafka pipeline and 18 derived stores (some by CDC, some through Kafka,
/// one by dual write, one skipping a column), with long ids.
fn twenty_stores() -> String {
    let types = ["redis", "clickhouse", "elasticsearch", "mongodb", "neo4j", "influxdb", "meilisearch", "qdrant", "s3"];
    let mut y = String::from(
        "version: 1\nname: Twenty stores\nstores:\n  - { id: main-db, type: postgresql, role: source_of_truth }\n  - { id: events, type: kafka, role: pipeline, fed_by: { from: main-db, via: cdc } }\n",
    );
    for i in 0..18 {
        let kind = types[i % types.len()];
        let (from, via) = match i {
            0 => ("main-db", "dual_write"),
            i if i % 3 == 0 => ("main-db", "cdc"),
            _ => ("events", "stream"),
        };
        y.push_str(&format!(
            "  - {{ id: derived-store-number-{i:02}-with-a-long-name, type: {kind}, role: derived, fed_by: {{ from: {from}, via: {via} }}, staleness_budget: {}s }}\n",
            i + 1
        ));
    }
    y.push_str("  - { id: downstream, type: duckdb, role: derived, fed_by: [{ from: derived-store-number-01-with-a-long-name, via: batch_etl }, { from: main-db, via: batch_etl }] }\n");
    y
}

fn inside(r: &Rect, width: f64, height: f64) -> bool {
    r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= width && r.y + r.h <= height
}

#[test]
fn twenty_stores_lay_out_without_overlaps() {
    let (report, budgets) = analyze(&twenty_stores());
    assert_eq!(report.architecture.current.stores.len(), 21);
    let layout = charts::layout(&report, &budgets, &charts::Frame::default());
    let boxes: Vec<Rect> = layout.boxes.iter().map(|b| b.rect).collect();
    let labels: Vec<Rect> = layout.routes.iter().map(|r| r.label_box).collect();
    assert!(boxes.len() >= 21 && labels.len() >= 21);
    for (i, a) in boxes.iter().enumerate() {
        assert!(inside(a, layout.width, layout.height), "box {i} outside the canvas: {a:?}");
        for (j, b) in boxes.iter().enumerate().skip(i + 1) {
            assert!(!a.overlaps(b), "boxes {} and {} overlap", layout.boxes[i].id, layout.boxes[j].id);
        }
    }
    for (i, a) in labels.iter().enumerate() {
        assert!(inside(a, layout.width, layout.height), "label {i} outside the canvas: {a:?}");
        for b in labels.iter().skip(i + 1) {
            assert!(!a.overlaps(b), "labels overlap: {a:?} {b:?}");
        }
        for b in &boxes {
            assert!(!a.overlaps(b), "label {a:?} over box {b:?}");
        }
    }
    // Every flow points right, into its store's box.
    for r in &layout.routes {
        let (first, last) = (r.points[0], *r.points.last().unwrap());
        assert!(first.0 < last.0, "{} → {} points left", r.from, r.to);
    }

    // The same geometry in the SVG: one rect per box, none overlapping.
    let svg = charts::architecture_with(&report, &budgets, &charts::Frame::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let attr = |n: &roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let drawn: Vec<Rect> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("width") == Some("230"))
        .map(|n| Rect { x: attr(&n, "x"), y: attr(&n, "y"), w: attr(&n, "width"), h: attr(&n, "height") })
        .collect();
    assert_eq!(drawn.len(), boxes.len(), "{svg}");
    for (i, a) in drawn.iter().enumerate() {
        for b in drawn.iter().skip(i + 1) {
            assert!(!a.overlaps(b), "drawn boxes overlap: {a:?} {b:?}");
        }
    }
}

/// Issue 14: drawn for a phone (358 px: a 390-pixel screen less the page's margins) in either
/// scheme, every chart is that wide (the diagram at least, as its columns need), its text is
/// 11 px or more and starts on the canvas, and the dark scheme draws on the page's dark
/// background. S1's four, narrow and dark, are snapshots.
#[test]
fn issue_14_charts_drawn_for_a_phone_keep_their_text_at_11_px_or_more() {
    use charts::{Frame, Scheme};
    for (example, text) in EXAMPLES {
        let (report, budgets) = analyze(text);
        for scheme in [Scheme::Light, Scheme::Dark] {
            for kind in Kind::ALL {
                let name = format!("{example}-{kind}-358-{scheme:?}").to_lowercase();
                let svg = charts::render_in(kind, &report, &budgets, &Frame::new(358.0, scheme));
                let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
                let number = |n: &roxmltree::Node<'_, '_>, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
                let width = number(&doc.root_element(), "width").unwrap();
                if kind == Kind::Architecture {
                    assert!(width >= 358.0, "{name}: {width}");
                } else {
                    assert!((width - 358.0).abs() < 1e-9, "{name}: {width} px wide");
                }
                let background = doc.descendants().find(|n| n.has_tag_name("rect")).and_then(|n| n.attribute("fill"));
                assert_eq!(background, Some(if scheme == Scheme::Dark { "#0F1115" } else { "#FFFFFF" }), "{name}");
                for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
                    let size = number(&t, "font-size").unwrap();
                    assert!(size >= 11.0 - 1e-9, "{name}: {size} px text {:?}", t.text());
                    let x = number(&t, "x").unwrap();
                    assert!((0.0..=width).contains(&x), "{name}: text at x = {x} of {width}: {:?}", t.text());
                }
                if example == "s1" && scheme == Scheme::Dark {
                    check(&name, &svg);
                }
            }
        }
    }
}

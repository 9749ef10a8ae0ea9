//! The four charts as inline SVG, each drawn for the width of its box and in the page's colour
//! scheme, with a caption, a full-screen view with zoom and pan, and an SVG download.
//!
//! The SVG text comes only from the charts crate (our plotters code, which escapes every label
//! it draws); no user text is ever inserted as HTML.

use std::sync::Arc;

use engine::Report;
use leptos::{
    html::{Dialog, Div},
    prelude::*,
};

use crate::{
    analysis::{self, ChartKind},
    download,
    state::AppState,
};

/// The chart grid, and the full-screen view of the chart the user opened.
#[component]
pub fn Charts(
    /// The shared state.
    state: AppState,
    /// The report the charts draw.
    report: Arc<Report>,
) -> impl IntoView {
    let base = crate::format::slug(&report.name);
    let open = RwSignal::new(None::<ChartKind>);
    let for_viewer = Arc::clone(&report);
    view! {
        <section class="charts" aria-labelledby="charts-h">
            <h3 id="charts-h">"Charts"</h3>
            <div class="chart-grid">
                {ChartKind::ALL.into_iter().map(move |kind| {
                    let file = format!("{base}-{}.svg", kind.slug());
                    view! { <ChartFigure state=state kind=kind report=Arc::clone(&report) file=file open=open /> }
                }).collect_view()}
            </div>
            {move || open.get().map(|kind| view! {
                <Viewer state=state kind=kind report=Arc::clone(&for_viewer) open=open />
            })}
        </section>
    }
}

/// One chart, drawn once its box is measured and again when the window's width or the scheme
/// changes.
#[component]
fn ChartFigure(
    state: AppState,
    kind: ChartKind,
    report: Arc<Report>,
    /// The downloaded file's name (`logistics-platform-overhead.svg`).
    file: String,
    /// The chart on show full screen.
    open: RwSignal<Option<ChartKind>>,
) -> impl IntoView {
    let slug = kind.slug();
    let title_id = format!("chart-{slug}-title");
    let labelled_by = title_id.clone();
    let wide = matches!(kind, ChartKind::Architecture | ChartKind::Overhead);
    let boxed = NodeRef::<Div>::new();
    // The box's width (0 until measured): the chart is drawn for it. A new analysis at the same
    // window width starts from the widths measured last and reads no layout: its charts are
    // drawn once, at once, and the page keeps its height while the user types.
    let slot = ChartKind::ALL.iter().position(|k| *k == kind).unwrap_or_default();
    let remembered = move || state.chart_widths.with_value(|(at, w)| (*at, w.get(slot).copied().unwrap_or_default()));
    let width = RwSignal::new(remembered().1);
    // Measured in an animation frame, where the browser lays the page out anyway (reading a width
    // right after the results are replaced would force an extra layout of the whole page).
    Effect::new(move |_| {
        let viewport = state.viewport.get();
        let Some(el) = boxed.get() else { return };
        if remembered() == (viewport, width.get_untracked()) && width.get_untracked() > 0 {
            return;
        }
        request_animation_frame(move || {
            let measured = u32::try_from(el.client_width()).unwrap_or(0);
            let _ = state.chart_widths.try_update_value(|(at, w)| {
                *at = viewport;
                if let Some(last) = w.get_mut(slot) {
                    *last = measured;
                }
            });
            if width.try_get_untracked().is_some_and(|was| was != measured) {
                let _ = width.try_set(measured);
            }
        });
    });
    // Drawn in a task of its own once the rest of the results are on show, so that the four
    // charts of a large file are four short tasks rather than part of one long one (issue 14
    // item 2); at once when printing, before the browser lays the printout out.
    let svg = RwSignal::new(String::new());
    // The diagram is never narrower than its columns: wider than its box, the figure says so.
    let overflows = RwSignal::new(false);
    let drawn = Arc::clone(&report);
    Effect::new(move |_| {
        let (w, media) = (width.get(), state.media.get());
        if w == 0 {
            return;
        }
        let frame = charts::Frame::new(f64::from(w), media.scheme);
        let report = Arc::clone(&drawn);
        let draw = move || {
            // a newer frame (a resize, a scheme change) was asked for since: its own task draws it
            if (width.try_get_untracked(), state.media.try_get_untracked()) != (Some(w), Some(media)) {
                return;
            }
            let drawn = analysis::draw(kind, &report, &frame);
            let wider = kind == ChartKind::Architecture
                && charts::layout(&report, &charts::Budgets::new(), &frame).width > f64::from(w) + 1.0;
            let _ = svg.try_set(drawn);
            let _ = overflows.try_set(wider);
        };
        if media.printing {
            draw();
        } else {
            set_timeout(draw, std::time::Duration::ZERO);
        }
    });
    view! {
        <figure class="chart" class:wide=wide data-testid=format!("chart-{slug}") aria-labelledby=labelled_by>
            <figcaption>
                <h4 id=title_id>{kind.title()}</h4>
                <p>{kind.caption()}</p>
            </figcaption>
            // The diagram, never narrower than its columns, may scroll in its box: it takes focus,
            // so the keyboard scrolls it too.
            <div
                class="chart-svg"
                class:diagram=kind == ChartKind::Architecture
                node_ref=boxed
                role="img"
                aria-label=kind.caption()
                tabindex=(kind == ChartKind::Architecture).then_some("0")
                inner_html=svg
            ></div>
            {move || overflows.get().then(|| view! {
                <p class="chart-hint" data-testid="chart-scroll-hint">
                    "Wider than its box: scroll it sideways, or open it full screen."
                </p>
            })}
            <div class="chart-actions">
                <button
                    type="button"
                    class="button small"
                    id=format!("chart-{slug}-full")
                    data-testid=format!("full-chart-{slug}")
                    on:click=move |_| open.set(Some(kind))
                >
                    "Full screen"
                </button>
                <button
                    type="button"
                    class="button small"
                    data-testid=format!("download-chart-{slug}")
                    title="The chart at its own width in the light scheme, as the command line draws it"
                    on:click=move |_| {
                        let svg = analysis::draw(kind, &report, &charts::Frame::default());
                        if let Err(message) = download::save(&file, "image/svg+xml", &svg) {
                            state.notice.set(Some(message));
                        }
                    }
                >
                    "Download SVG"
                </button>
            </div>
        </figure>
    }
}

/// Zoom limits of the full-screen view.
const ZOOM_MIN: f64 = 0.2;
const ZOOM_MAX: f64 = 8.0;
/// One step of the zoom buttons and keys.
const ZOOM_STEP: f64 = 1.25;
/// One step of the arrow keys, in CSS pixels.
const PAN_STEP: f64 = 48.0;

/// A view of the chart: zoomed `zoom` times, its top left corner at `pan` in the stage.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    zoom: f64,
    pan: (f64, f64),
}

impl View {
    /// Zoomed by `factor` about the stage point `at`, which stays where it is.
    fn zoomed(self, factor: f64, at: (f64, f64)) -> View {
        let zoom = (self.zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX);
        let k = zoom / self.zoom;
        View { zoom, pan: (at.0 - (at.0 - self.pan.0) * k, at.1 - (at.1 - self.pan.1) * k) }
    }

    /// Moved by `by` stage pixels.
    fn panned(self, by: (f64, f64)) -> View {
        View { zoom: self.zoom, pan: (self.pan.0 + by.0, self.pan.1 + by.1) }
    }

    /// Followed by a pinch: two fingers moved from `before` to `after` (stage points). The
    /// view moves with their midpoint and zooms by the change in their distance about it.
    fn pinched(self, before: [(f64, f64); 2], after: [(f64, f64); 2]) -> View {
        let span = |[a, b]: [(f64, f64); 2]| (a.0 - b.0).hypot(a.1 - b.1);
        let mid = |[a, b]: [(f64, f64); 2]| (f64::midpoint(a.0, b.0), f64::midpoint(a.1, b.1));
        let (was, now) = (span(before), span(after));
        if was <= 1.0 || now <= 0.0 {
            return self;
        }
        let (m0, m1) = (mid(before), mid(after));
        self.panned((m1.0 - m0.0, m1.1 - m0.1)).zoomed(now / was, m1)
    }

    /// The whole width of a `content`-sized chart in a `stage`-sized box, from its top, centred
    /// when narrower; never enlarged.
    fn fit_width(stage: (f64, f64), content: (f64, f64)) -> View {
        if content.0 <= 0.0 || stage.0 <= 0.0 {
            return View { zoom: 1.0, pan: (0.0, 0.0) };
        }
        let zoom = (stage.0 / content.0).clamp(ZOOM_MIN, 1.0);
        View { zoom, pan: (((stage.0 - content.0 * zoom) / 2.0).max(0.0), 0.0) }
    }

    fn transform(self) -> String {
        format!("translate({:.1}px, {:.1}px) scale({:.4})", self.pan.0, self.pan.1, self.zoom)
    }
}

/// The chart full screen in a modal dialog, drawn for the window's width: drag to pan, the wheel
/// or a pinch to zoom, buttons and keys for both; Escape closes it.
#[component]
fn Viewer(state: AppState, kind: ChartKind, report: Arc<Report>, open: RwSignal<Option<ChartKind>>) -> impl IntoView {
    let slug = kind.slug();
    let dialog = NodeRef::<Dialog>::new();
    let stage = NodeRef::<Div>::new();
    let content = NodeRef::<Div>::new();
    let view_of = RwSignal::new(View { zoom: 1.0, pan: (0.0, 0.0) });
    // Pointers down on the stage: id and last position, for drags and pinches.
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let svg = move || {
        let width = (f64::from(state.viewport.get()) - 32.0).max(charts::Frame::NARROWEST);
        analysis::draw(kind, &report, &charts::Frame::new(width, state.media.get().scheme))
    };
    // The stage's inner size, the chart's untransformed size (a transform changes neither).
    let fit = move || {
        if let (Some(s), Some(c)) = (stage.get_untracked(), content.get_untracked()) {
            let stage_size = (f64::from(s.client_width()), f64::from(s.client_height()));
            let chart_size = (f64::from(c.offset_width()), f64::from(c.offset_height()));
            view_of.set(View::fit_width(stage_size, chart_size));
        }
    };
    let centre = move || stage.get_untracked().map_or((0.0, 0.0), |s| (f64::from(s.client_width()) / 2.0, 0.0));
    let local = move |x: i32, y: i32| {
        stage.get_untracked().map_or((0.0, 0.0), |s| {
            let r = s.get_bounding_client_rect();
            (f64::from(x) - r.left(), f64::from(y) - r.top())
        })
    };
    Effect::new(move |_| {
        // Fitted again when the chart is drawn again (a resize, a change of scheme).
        state.viewport.track();
        state.media.track();
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
            request_animation_frame(fit);
        }
    });
    // A pointer lifted or lost ends its part in a drag or pinch.
    let lift =
        move |e: leptos::ev::PointerEvent| pointers.update_value(|p| p.retain(|(id, _, _)| *id != e.pointer_id()));
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let title_id = format!("viewer-{slug}-title");
    let labelled_by = title_id.clone();
    let hint_id = format!("viewer-{slug}-hint");
    let described_by = hint_id.clone();
    view! {
        <dialog
            class="chart-viewer"
            node_ref=dialog
            data-testid="chart-viewer"
            aria-labelledby=labelled_by
            on:close=move |_| open.set(None)
        >
            <div class="viewer-bar">
                <h4 id=title_id>{kind.title()}</h4>
                <p class="viewer-zoom" aria-live="polite" data-testid="viewer-zoom">
                    {move || format!("{:.0} %", view_of.get().zoom * 100.0)}
                </p>
                <button type="button" class="button small" data-testid="viewer-zoom-out" aria-label="Zoom out"
                    on:click=move |_| view_of.update(|v| *v = v.zoomed(1.0 / ZOOM_STEP, centre()))>"−"</button>
                <button type="button" class="button small" data-testid="viewer-fit" on:click=move |_| fit()>"Fit width"</button>
                <button type="button" class="button small" data-testid="viewer-zoom-in" aria-label="Zoom in"
                    on:click=move |_| view_of.update(|v| *v = v.zoomed(ZOOM_STEP, centre()))>"+"</button>
                <button type="button" class="button small" data-testid="viewer-close" on:click=move |_| close()>"Close"</button>
            </div>
            <p id=hint_id class="viewer-hint">
                "Drag to move; wheel or pinch to zoom. Keys: + and − zoom, 0 fits, arrows move, Escape closes."
            </p>
            <div
                class="viewer-stage"
                node_ref=stage
                tabindex="0"
                role="img"
                aria-label=kind.caption()
                aria-describedby=described_by
                data-testid="viewer-stage"
                on:pointerdown=move |e| {
                    if let Some(s) = stage.get_untracked() {
                        let _ = s.set_pointer_capture(e.pointer_id());
                    }
                    let at = local(e.client_x(), e.client_y());
                    pointers.update_value(|p| {
                        p.retain(|(id, _, _)| *id != e.pointer_id());
                        p.push((e.pointer_id(), at.0, at.1));
                    });
                }
                on:pointermove=move |e| {
                    let at = local(e.client_x(), e.client_y());
                    let before = pointers.get_value();
                    let Some(&(_, px, py)) = before.iter().find(|(id, _, _)| *id == e.pointer_id()) else { return };
                    pointers.update_value(|p| {
                        if let Some(slot) = p.iter_mut().find(|(id, _, _)| *id == e.pointer_id()) {
                            *slot = (e.pointer_id(), at.0, at.1);
                        }
                    });
                    match before.as_slice() {
                        [_] => view_of.update(|v| *v = v.panned((at.0 - px, at.1 - py))),
                        [a, b] => {
                            let other = if a.0 == e.pointer_id() { b } else { a };
                            let fixed = (other.1, other.2);
                            view_of.update(|v| *v = v.pinched([(px, py), fixed], [at, fixed]));
                        }
                        _ => {}
                    }
                }
                on:pointerup=lift
                on:pointercancel=lift
                on:wheel=move |e| {
                    e.prevent_default();
                    let at = local(e.client_x(), e.client_y());
                    let factor = (-e.delta_y().clamp(-400.0, 400.0) * 0.002).exp();
                    view_of.update(|v| *v = v.zoomed(factor, at));
                }
                on:keydown=move |e| {
                    let factor = match e.key().as_str() {
                        "+" | "=" => Some(ZOOM_STEP),
                        "-" | "_" => Some(1.0 / ZOOM_STEP),
                        _ => None,
                    };
                    let moved = match e.key().as_str() {
                        "ArrowLeft" => Some((PAN_STEP, 0.0)),
                        "ArrowRight" => Some((-PAN_STEP, 0.0)),
                        "ArrowUp" => Some((0.0, PAN_STEP)),
                        "ArrowDown" => Some((0.0, -PAN_STEP)),
                        _ => None,
                    };
                    if let Some(factor) = factor {
                        view_of.update(|v| *v = v.zoomed(factor, centre()));
                    } else if let Some(by) = moved {
                        view_of.update(|v| *v = v.panned(by));
                    } else if e.key() == "0" {
                        fit();
                    } else {
                        return;
                    }
                    e.prevent_default();
                }
            >
                <div
                    class="viewer-content"
                    node_ref=content
                    style:transform=move || view_of.get().transform()
                    inner_html=svg
                ></div>
            </div>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor_and_stays_in_bounds() {
        let v = View { zoom: 1.0, pan: (10.0, 20.0) };
        let z = v.zoomed(2.0, (110.0, 120.0));
        // The chart point under (110, 120) was (100, 100); it still is.
        assert!(((110.0 - z.pan.0) / z.zoom - 100.0).abs() < 1e-9);
        assert!(((120.0 - z.pan.1) / z.zoom - 100.0).abs() < 1e-9);
        assert!((v.zoomed(1000.0, (0.0, 0.0)).zoom - ZOOM_MAX).abs() < 1e-9);
        assert!((v.zoomed(1e-6, (0.0, 0.0)).zoom - ZOOM_MIN).abs() < 1e-9);
        assert_eq!(v.panned((5.0, -5.0)).pan, (15.0, 15.0));
    }

    #[test]
    fn a_pinch_zooms_by_the_change_in_span_about_the_fingers() {
        let v = View { zoom: 1.0, pan: (0.0, 0.0) };
        let wider = v.pinched([(100.0, 100.0), (200.0, 100.0)], [(50.0, 100.0), (250.0, 100.0)]);
        assert!((wider.zoom - 2.0).abs() < 1e-9);
        // The chart point between the fingers (150, 100) stays between them.
        assert!(((150.0 - wider.pan.0) / wider.zoom - 150.0).abs() < 1e-9);
        assert_eq!(v.pinched([(1.0, 1.0), (1.0, 1.0)], [(0.0, 0.0), (9.0, 9.0)]), v);
    }

    #[test]
    fn fit_width_never_enlarges_and_centres_a_narrow_chart() {
        let wide = View::fit_width((400.0, 700.0), (1200.0, 900.0));
        assert!((wide.zoom - 400.0 / 1200.0).abs() < 1e-9 && wide.pan == (0.0, 0.0));
        let narrow = View::fit_width((1000.0, 700.0), (600.0, 400.0));
        assert!((narrow.zoom - 1.0).abs() < 1e-9 && (narrow.pan.0 - 200.0).abs() < 1e-9);
        assert_eq!(View::fit_width((0.0, 0.0), (0.0, 0.0)).zoom, 1.0);
    }
}

//! The four charts as inline SVG, each with a caption and an SVG download.
//!
//! The SVG text comes only from `charts::render` (our plotters code, which escapes every label
//! it draws); no user text is ever inserted as HTML.

use leptos::prelude::*;

use crate::{analysis::Chart, download, state::AppState};

/// The chart grid.
#[component]
pub fn Charts(
    /// The shared state.
    state: AppState,
    /// The drawn charts.
    charts: Vec<Chart>,
    /// The start of the downloaded files' names: the workload's name as a slug.
    base: String,
) -> impl IntoView {
    view! {
        <section class="charts" aria-labelledby="charts-h">
            <h3 id="charts-h">"Charts"</h3>
            <div class="chart-grid">
                {charts.into_iter().map(move |chart| {
                    let file = format!("{base}-{}.svg", chart.kind.slug());
                    view! { <ChartFigure state=state chart=chart file=file /> }
                }).collect_view()}
            </div>
        </section>
    }
}

/// One chart.
#[component]
pub fn ChartFigure(
    /// The shared state.
    state: AppState,
    /// The chart to show.
    chart: Chart,
    /// The downloaded file's name (`logistics-platform-overhead.svg`).
    file: String,
) -> impl IntoView {
    let kind = chart.kind;
    let slug = kind.slug();
    let title_id = format!("chart-{slug}-title");
    let labelled_by = title_id.clone();
    let svg = chart.svg;
    let for_download = svg.clone();
    let wide = matches!(kind, crate::analysis::ChartKind::Architecture | crate::analysis::ChartKind::Overhead);
    view! {
        <figure class="chart" class:wide=wide data-testid=format!("chart-{slug}") aria-labelledby=labelled_by>
            <figcaption>
                <h4 id=title_id>{kind.title()}</h4>
                <p>{kind.caption()}</p>
            </figcaption>
            <div class="chart-svg" role="img" aria-label=kind.caption() inner_html=svg></div>
            <button
                type="button"
                class="button small"
                data-testid=format!("download-chart-{slug}")
                on:click=move |_| {
                    if let Err(message) = download::save(&file, "image/svg+xml", &for_download) {
                        state.notice.set(Some(message));
                    }
                }
            >
                "Download SVG"
            </button>
        </figure>
    }
}

//! Downloading the report: Markdown (for a design review) and JSON (the API's format).

use std::sync::Arc;

use engine::Report;
use leptos::prelude::*;

use crate::{download, format::slug, state::AppState};

/// The report as pretty JSON: what `storewise analyze --format json` prints as a file's `report`.
pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The two download buttons.
#[component]
pub fn Downloads(
    /// The shared state.
    state: AppState,
    /// The report to show.
    report: std::sync::Arc<Report>,
) -> impl IntoView {
    let report = Arc::new(report);
    let base = slug(&report.name);
    let save = move |name: String, mime: &'static str, content: String| {
        if let Err(message) = download::save(&name, mime, &content) {
            state.notice.set(Some(message));
        }
    };
    let (md_report, md_name) = (Arc::clone(&report), format!("{base}.md"));
    let (json_report, json_name) = (report, format!("{base}.json"));
    view! {
        <div class="downloads" role="group" aria-label="Download the report">
            <span class="downloads-label">"Download the report:"</span>
            {move || {
                // the text has errors: what is on show (and downloaded) is its last valid version
                state.analysis.with(|a| a.report.is_none() && !a.empty).then(|| {
                    view! {
                        <span class="downloads-stale" data-testid="downloads-stale">
                            "The text has errors: these describe its last valid version."
                        </span>
                    }
                })
            }}
            <button
                type="button"
                class="button"
                data-testid="download-markdown"
                on:click=move |_| save(md_name.clone(), "text/markdown;charset=utf-8", engine::render::markdown(&md_report))
            >
                "Markdown"
            </button>
            <button
                type="button"
                class="button"
                data-testid="download-json"
                on:click=move |_| save(json_name.clone(), "application/json", report_json(&json_report))
            >
                "JSON"
            </button>
        </div>
    }
}

//! `POST /api/analyze`: a workload (YAML or JSON) in, the report out (JSON, Markdown or SARIF).

use axum::{
    Json, Router,
    body::Bytes,
    extract::{
        Query, State,
        rejection::{BytesRejection, QueryRejection},
    },
    http::header,
    response::{IntoResponse, Response},
    routing::post,
};
use serde::Deserialize;

use super::{AppState, error::ApiError};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/analyze", post(analyze))
}

#[derive(Debug, Deserialize)]
struct Params {
    #[serde(default)]
    format: Option<String>,
}

/// A workload and its report, with the share of the memory budget it holds until dropped.
pub(super) struct Analysed {
    pub(super) workload: workload::Workload,
    pub(super) report: engine::Report,
    /// Returned to the budget when the handler is done with the report.
    _memory: tokio::sync::OwnedSemaphorePermit,
}

/// Parses and analyses off the async threads (a 5,000-store file takes a few hundred ms), once
/// its share of the memory budget is free: the workload and its report.
pub(super) async fn analysed(state: &AppState, body: Bytes) -> Result<Analysed, ApiError> {
    let memory = state
        .memory
        .admit(body.len())
        .await
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the memory budget was closed")))?;
    let catalog = state.catalog.clone();
    let (workload, report) = tokio::task::spawn_blocking(move || {
        let parsed = workload::parse_bytes(&body, &catalog);
        match &parsed.workload {
            Some(w) => {
                let report = engine::analyze(w, parsed.catalog_or(&catalog));
                Ok((w.clone(), report))
            }
            None => Err(ApiError::Invalid(parsed.diagnostics)),
        }
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("analysis task failed: {e}")))??;
    Ok(Analysed { workload, report, _memory: memory })
}

async fn analyze(
    State(state): State<AppState>,
    params: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let analysed = analysed(&state, body?).await?;
    let report = &analysed.report;
    Ok(match params.format.as_deref().unwrap_or("json") {
        "json" => Json(report).into_response(),
        "markdown" => {
            ([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], engine::render::markdown(report)).into_response()
        }
        "sarif" => Json(engine::render::sarif(&[("workload.yaml", report)])).into_response(),
        other => return Err(ApiError::BadRequest(format!("unknown format `{other}`: use json, markdown or sarif"))),
    })
}

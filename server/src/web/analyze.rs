//! `POST /api/analyze`: a workload (YAML or JSON) in, the report out (JSON, Markdown or SARIF).

use axum::{
    Json,
    body::Bytes,
    extract::{
        Query, State,
        rejection::{BytesRejection, QueryRejection},
    },
    http::header,
    response::{IntoResponse, Response},
};
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState,
    error::{ApiError, ErrorBody},
    openapi::{self, schema},
};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(analyze))
}

#[derive(Debug, Deserialize)]
struct Params {
    #[serde(default)]
    format: Option<String>,
}

/// What the report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum Format {
    /// The report itself (`application/json`).
    Json,
    /// The report for people (`text/markdown`).
    Markdown,
    /// SARIF 2.1.0 (`application/json`), for code-scanning tools.
    Sarif,
}

impl Format {
    const ALL: [Format; 3] = [Format::Json, Format::Markdown, Format::Sarif];

    fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
        }
    }

    pub(super) fn parse(name: &str) -> Option<Self> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A workload and its report, with the share of the memory budget it holds until dropped.
pub(super) struct Analysed {
    pub(super) workload: workload::Workload,
    pub(super) report: engine::Report,
    /// The parse's warnings (a valid file can hold them).
    pub(super) warnings: Vec<workload::Diagnostic>,
    /// Returned to the budget when dropped: with the report, or with the response body
    /// ([`hold_until_sent`]).
    pub(super) memory: tokio::sync::OwnedSemaphorePermit,
}

/// Parses and analyses off the async threads (a 5,000-store file takes a few hundred ms), once
/// its share of the memory budget is free: the workload and its report.
pub(super) async fn analysed(state: &AppState, body: Bytes) -> Result<Analysed, ApiError> {
    let admitted = state
        .memory
        .admit(body.len())
        .await
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the memory budget was closed")))?;
    let catalog = state.catalog.clone();
    // Set when this request is dropped (answered 408) before the analysis is done: the blocking
    // task then skips what is left instead of burning CPU for nobody.
    let abandoned = Abandoned::default();
    let flag = abandoned.0.clone();
    let core = admitted.core;
    let (workload, report, warnings) = tokio::task::spawn_blocking(move || {
        let _core = core; // back to the budget when the analysis is done
        if flag.load(Ordering::Relaxed) {
            return Err(ApiError::Timeout("the request was answered before its analysis began".into()));
        }
        let parsed = workload::parse_bytes(&body, &catalog);
        if flag.load(Ordering::Relaxed) {
            return Err(ApiError::Timeout("the request was answered before its workload was analysed".into()));
        }
        match &parsed.workload {
            Some(w) => {
                // Suppressions' `until` is judged against the server's date.
                let mut report = engine::analyze_as_of(w, parsed.catalog_or(&catalog), crate::input::today(), &[]);
                report.speak(parsed.catalog_or(&catalog));
                Ok((w.clone(), report, parsed.diagnostics.clone()))
            }
            None => Err(ApiError::Invalid(parsed.diagnostics)),
        }
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("analysis task failed: {e}")))??;
    drop(abandoned); // done: the flag no longer matters
    Ok(Analysed { workload, report, warnings, memory: admitted.memory })
}

/// The response, holding the analysis's share of the memory budget until its body has been sent
/// or the connection dropped: a 35 MB report read slowly is memory the budget must count.
pub(super) fn hold_until_sent(response: Response, memory: tokio::sync::OwnedSemaphorePermit) -> Response {
    let (parts, body) = response.into_parts();
    Response::from_parts(parts, axum::body::Body::new(Held { body, _memory: memory }))
}

/// A response body and the memory share it releases when dropped; its length is the body's own
/// (a `Content-Length` reply stays one).
struct Held {
    body: axum::body::Body,
    _memory: tokio::sync::OwnedSemaphorePermit,
}

impl http_body::Body for Held {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        std::pin::Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// Marks an analysis abandoned when the request waiting for it is dropped, as a request answered
/// 408 is (issue 18); once the analysis is done, the mark changes nothing.
#[derive(Default)]
struct Abandoned(Arc<AtomicBool>);

impl Drop for Abandoned {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Analyse a workload
///
/// A workload file (YAML, or JSON) in; its report out: JSON (the default), Markdown or SARIF.
/// An invalid file is a 422 listing every problem with its line, column and field.
#[utoipa::path(post, path = "/api/analyze", tag = "analysis",
    params(("format" = Option<Format>, Query, description = "What to write the report as (default `json`)")),
    request_body(description = "A workload file", content(
        (ref(schema::WORKLOAD_TEXT) = "application/yaml", example = json!(openapi::EXAMPLE)),
        (ref(schema::WORKLOAD) = "application/json"),
        (ref(schema::WORKLOAD_TEXT) = "text/plain", example = json!(openapi::EXAMPLE)),
    )),
    responses(
        (status = OK, description = "The report: JSON for `json` and `sarif`, Markdown for `markdown`", content(
            (ref(schema::REPORT_OR_SARIF) = "application/json"),
            (String = "text/markdown"),
        )),
        (status = BAD_REQUEST, description = "An unknown format or a malformed query", body = ErrorBody),
        (status = UNPROCESSABLE_ENTITY, description = "The workload has errors (`invalid_workload`, with every diagnostic)", body = ErrorBody),
        (status = INTERNAL_SERVER_ERROR, description = "The server failed (`internal`); logged", body = ErrorBody),
    ))]
async fn analyze(
    State(state): State<AppState>,
    params: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let name = params.format.as_deref().unwrap_or("json");
    let format = Format::parse(name)
        .ok_or_else(|| ApiError::BadRequest(format!("unknown format `{name}`: use json, markdown or sarif")))?;
    let Analysed { report, warnings, memory, .. } = analysed(&state, body?).await?;
    let report = &report;
    let response = match format {
        Format::Json => Json(report).into_response(),
        Format::Markdown => {
            ([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], engine::render::markdown(report)).into_response()
        }
        Format::Sarif => {
            Json(engine::render::sarif_report(env!("CARGO_PKG_VERSION"), "workload.yaml", report, &warnings))
                .into_response()
        }
    };
    Ok(hold_until_sent(response, memory))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18: a request dropped before its analysis is done (answered 408) marks it
    /// abandoned, which the blocking task checks before parsing and before analysing.
    #[test]
    fn issue_18_a_dropped_request_abandons_its_analysis() {
        let abandoned = Abandoned::default();
        let flag = abandoned.0.clone();
        assert!(!flag.load(Ordering::Relaxed));
        drop(abandoned);
        assert!(flag.load(Ordering::Relaxed));
    }
}

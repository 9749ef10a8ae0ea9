//! `POST /api/chart/{kind}`: a workload in, one chart of its report out as SVG — drawn by the
//! same chart code as the browser and the CLI.

use axum::{
    body::Bytes,
    extract::{
        Path, State,
        rejection::{BytesRejection, PathRejection},
    },
    http::header,
    response::{IntoResponse, Response},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState,
    analyze::analysed,
    error::{ApiError, ErrorBody},
    openapi::{self, ChartKind, schema},
};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(chart))
}

/// Charts carry no script; this CSP makes sure a browser opening one directly runs none.
const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/// Draw one chart of a workload's report
///
/// The same chart code as the browser and the CLI draws it, as SVG (no script).
#[utoipa::path(post, path = "/api/chart/{kind}", tag = "analysis",
    params(("kind" = ChartKind, Path, description = "Which chart")),
    request_body(description = "A workload file", content(
        (ref(schema::WORKLOAD_TEXT) = "application/yaml", example = json!(openapi::EXAMPLE)),
        (ref(schema::WORKLOAD) = "application/json"),
        (ref(schema::WORKLOAD_TEXT) = "text/plain", example = json!(openapi::EXAMPLE)),
    )),
    responses(
        (status = OK, description = "The chart", content_type = "image/svg+xml", body = String),
        (status = BAD_REQUEST, description = "A malformed path or body", body = ErrorBody),
        (status = NOT_FOUND, description = "No such chart", body = ErrorBody),
        (status = UNPROCESSABLE_ENTITY, description = "The workload has errors (`invalid_workload`, with every diagnostic)", body = ErrorBody),
        (status = INTERNAL_SERVER_ERROR, description = "The server failed (`internal`); logged", body = ErrorBody),
    ))]
async fn chart(
    State(state): State<AppState>,
    kind: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Path(kind) = kind?;
    let kind: charts::Kind = kind.parse().map_err(|_| {
        ApiError::NotFound(format!("unknown chart `{kind}`: use overhead, growth, table or architecture"))
    })?;
    let analysed = analysed(&state, body?).await?;
    let svg = charts::render_with(kind, &analysed.report, &charts::Budgets::from_workload(&analysed.workload));
    Ok(([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CONTENT_SECURITY_POLICY, SVG_CSP)], svg)
        .into_response())
}

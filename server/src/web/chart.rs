//! `POST /api/chart/{kind}`: a workload in, one chart of its report out as SVG — drawn by the
//! same chart code as the browser and the CLI.

use axum::{
    Router,
    body::Bytes,
    extract::{
        Path, State,
        rejection::{BytesRejection, PathRejection},
    },
    http::header,
    response::{IntoResponse, Response},
    routing::post,
};

use super::{AppState, analyze::analysed, error::ApiError};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/chart/{kind}", post(chart))
}

/// Charts carry no script; this CSP makes sure a browser opening one directly runs none.
const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

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

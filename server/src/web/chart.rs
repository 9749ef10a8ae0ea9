//! `POST /api/chart/{kind}[?width=PX&scheme=light|dark]`: a workload in, one chart of its report
//! out as SVG — drawn by the same chart code as the browser and the CLI.

use axum::{
    body::Bytes,
    extract::{
        Path, Query, State,
        rejection::{BytesRejection, PathRejection, QueryRejection},
    },
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState,
    analyze::analysed,
    error::{ApiError, ErrorBody},
    openapi::{self, ChartKind, ChartScheme, schema},
};

/// The narrowest and widest `width` the chart endpoint draws for, in CSS pixels.
const WIDTHS: std::ops::RangeInclusive<u32> = 300..=2400;

#[derive(Debug, Deserialize)]
struct Params {
    #[serde(default)]
    width: Option<u32>,
    #[serde(default)]
    scheme: Option<String>,
}

impl Params {
    /// What the chart is drawn for, or what is wrong with the query.
    fn frame(&self) -> Result<charts::Frame, ApiError> {
        let width = match self.width {
            Some(w) if !WIDTHS.contains(&w) => {
                return Err(ApiError::BadRequest(format!(
                    "width {w} is out of range: use {} to {} CSS pixels, or leave it out for the chart's own width",
                    WIDTHS.start(),
                    WIDTHS.end()
                )));
            }
            w => w.map(f64::from),
        };
        let scheme = match self.scheme.as_deref() {
            None => charts::Scheme::Light,
            Some(name) => charts::Scheme::parse(name)
                .ok_or_else(|| ApiError::BadRequest(format!("unknown scheme `{name}`: use light or dark")))?,
        };
        Ok(charts::Frame { width, scheme })
    }
}

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(chart))
}

/// Charts carry no script; this CSP makes sure a browser opening one directly runs none.
const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/// Draw one chart of a workload's report
///
/// The same chart code as the browser and the CLI draws it, as SVG (no script): at the chart's own
/// width in the light scheme, or for `width` CSS pixels (as the web app draws a chart for its box;
/// the architecture is never narrower than its columns) and in `scheme`.
#[utoipa::path(post, path = "/api/chart/{kind}", tag = "analysis",
    params(
        ("kind" = ChartKind, Path, description = "Which chart"),
        ("width" = Option<u32>, Query, minimum = 300, maximum = 2400, description = "The width to draw for, in CSS pixels (default: the chart's own)"),
        ("scheme" = Option<ChartScheme>, Query, description = "The colour scheme (default `light`)"),
    ),
    request_body(description = "A workload file", content(
        (ref(schema::WORKLOAD_TEXT) = "application/yaml", example = json!(openapi::EXAMPLE)),
        (ref(schema::WORKLOAD) = "application/json"),
        (ref(schema::WORKLOAD_TEXT) = "text/plain", example = json!(openapi::EXAMPLE)),
    )),
    responses(
        (status = OK, description = "The chart", content_type = "image/svg+xml", body = String),
        (status = BAD_REQUEST, description = "A malformed path, query or body (a width out of range, an unknown scheme)", body = ErrorBody),
        (status = NOT_FOUND, description = "No such chart", body = ErrorBody),
        (status = UNPROCESSABLE_ENTITY, description = "The workload has errors (`invalid_workload`, with every diagnostic)", body = ErrorBody),
        (status = INTERNAL_SERVER_ERROR, description = "The server failed (`internal`); logged", body = ErrorBody),
    ))]
async fn chart(
    State(state): State<AppState>,
    kind: Result<Path<String>, PathRejection>,
    params: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Path(kind) = kind?;
    let kind: charts::Kind = kind.parse().map_err(|_| {
        ApiError::NotFound(format!("unknown chart `{kind}`: use overhead, growth, table or architecture"))
    })?;
    let Query(params) = params?;
    let frame = params.frame()?;
    let analysed = analysed(&state, body?).await?;
    let budgets = charts::Budgets::from_workload(&analysed.workload);
    let svg = charts::render_in(kind, &analysed.report, &budgets, &frame);
    Ok(([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CONTENT_SECURITY_POLICY, SVG_CSP)], svg)
        .into_response())
}

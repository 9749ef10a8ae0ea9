//! `GET /rules/{code}`: a rule's page (what it checks, why, an example, what to do instead), the
//! same text as `docs/rules/<CODE>.md`, which SARIF's `helpUri` names.

use axum::{
    extract::{Path, rejection::PathRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState,
    error::{ApiError, ErrorBody},
    share_page::escape,
};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(page))
}

/// A rule's documentation
///
/// Its code, name, severity and precision, then what it checks, why, an example and what to do
/// instead: the Markdown of `docs/rules/<CODE>.md` in an HTML page. SW000 is the diagnostics of an
/// invalid workload.
#[utoipa::path(get, path = "/rules/{code}", operation_id = "rule_page", tag = "meta",
    params(("code" = String, Path, description = "A rule's code (`SW001`, any case) or name (`dual-write`)", example = "SW001")),
    responses(
        (status = OK, description = "The rule's page", content_type = "text/html", body = String),
        (status = BAD_REQUEST, description = "A malformed path", body = ErrorBody),
        (status = NOT_FOUND, description = "A page saying there is no such rule, with the codes there are", content_type = "text/html", body = String),
    ))]
async fn page(code: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(code) = code?;
    let wanted = code.trim();
    let found = engine::rules::described()
        .find(|r| r.code().eq_ignore_ascii_case(wanted) || r.name().eq_ignore_ascii_case(wanted));
    let html = |title: &str, body: &str| {
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body><pre>{}</pre></body></html>\n",
            escape(title),
            escape(body)
        )
    };
    let content_type = [(header::CONTENT_TYPE, "text/html; charset=utf-8")];
    Ok(match found {
        Some(rule) => {
            let title = format!("storewise {} {}", rule.code(), rule.name());
            (content_type, html(&title, &engine::render::rule_page(rule))).into_response()
        }
        None => {
            let codes: Vec<&str> = engine::rules::described().map(engine::Rule::code).collect();
            let body = format!("There is no rule `{wanted}`. The rules are {}.", codes.join(", "));
            (StatusCode::NOT_FOUND, content_type, html("storewise: no such rule", &body)).into_response()
        }
    })
}

//! Limits every request meets around its handler, answered with the JSON error body: a declared
//! body over the route's limit is refused at once (413, before any of it is read), a POST under
//! `/api` must say YAML or JSON (415), a request that takes too long is a 408, a wrong method a
//! 405, a path under `/api` that is no route a 404.

use axum::{
    extract::{Request, State},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::{AppState, MAX_BODY, error::ApiError, share::MAX_SHARED};

/// Body types a POST under `/api` may declare (parameters such as `charset` aside). The app's
/// `fetch` of a string sends `text/plain`; the CLI sends `application/yaml`. A request that
/// declares none is read like a file would be.
pub(crate) const ACCEPTED_TYPES: [&str; 6] =
    ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

/// The body limit of the route at `path`, in bytes.
pub(super) fn body_limit(path: &str) -> usize {
    if path == "/api/share" { MAX_SHARED } else { MAX_BODY }
}

/// Refuses a declared `Content-Length` over the route's limit before reading any of the body,
/// and a POST under `/api` whose `Content-Type` is neither YAML nor JSON.
pub(super) async fn declared_body(request: Request, next: Next) -> Response {
    let limit = body_limit(request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return ApiError::TooLarge(limit).into_response();
    }
    if request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && let Some(declared) = request.headers().get(header::CONTENT_TYPE)
    {
        let essence = declared.to_str().unwrap_or_default().split(';').next().unwrap_or_default().trim();
        if !ACCEPTED_TYPES.iter().any(|t| t.eq_ignore_ascii_case(essence)) {
            return ApiError::UnsupportedMediaType(format!(
                "a workload is YAML or JSON: send it as {}, not `{}`",
                ACCEPTED_TYPES.join(", "),
                workload::printable(&String::from_utf8_lossy(declared.as_bytes()))
            ))
            .into_response();
        }
    }
    next.run(request).await
}

/// Answers 408 (JSON) when the request is not answered within the state's time limit.
pub(super) async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(state.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout(format!(
            "the request took longer than {} s and was stopped",
            state.request_timeout.as_secs_f64()
        ))
        .into_response(),
    }
}

/// The JSON 405 for a route that exists but not with this method (the `Allow` header stays).
pub(super) async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::MethodNotAllowed(method.to_string())
}

/// The JSON 404 for a path under `/api` that is no route.
pub(super) async fn no_such_route() -> ApiError {
    ApiError::NotFound("no such API route".into())
}

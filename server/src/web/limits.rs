//! Limits every request meets around its handler, answered with the JSON error body: a declared
//! body over the route's limit is refused at once (413, before any of it is read), a request
//! that takes too long is a 408, a wrong method a 405, a path under `/api` that is no route a
//! 404.

use axum::{
    extract::{Request, State},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::{AppState, MAX_BODY, error::ApiError, share::MAX_SHARED};

/// The body limit of the route at `path`, in bytes.
pub(super) fn body_limit(path: &str) -> usize {
    if path == "/api/share" { MAX_SHARED } else { MAX_BODY }
}

/// Refuses a declared `Content-Length` over the route's limit before reading any of the body.
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

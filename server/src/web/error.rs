//! The server's one error type: every failure becomes a JSON body with a status; internals
//! are logged, never sent.

use axum::{
    Json,
    extract::rejection::{BytesRejection, PathRejection, QueryRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;
use workload::Diagnostic;

use super::rate::{Limited, whole_seconds};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// The workload has errors; each diagnostic names its line, column and field.
    #[error("the workload has {} error(s)", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// The request itself is wrong (unknown chart kind, bad query).
    #[error("{0}")]
    BadRequest(String),
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// The body is over the limit (in bytes).
    #[error("the request body is larger than the limit of {} KiB", .0 / 1024)]
    TooLarge(usize),
    /// Too many requests from one address; try again after `retry_after`.
    #[error("too many share links from your address: try again in {} s", whole_seconds(.0.retry_after, 1))]
    RateLimited(Limited),
    /// The route exists but not with this method.
    #[error("this route does not answer {0}")]
    MethodNotAllowed(String),
    /// The request (or its body) took longer than allowed.
    #[error("{0}")]
    Timeout(String),
    /// The body's declared type is neither YAML nor JSON.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The request came from another site (a form or script on a page elsewhere).
    #[error("{0}")]
    Forbidden(String),
    /// A stored share link failed its check (altered or damaged in the database): logged,
    /// never served.
    #[error("{0}; it is not served")]
    DamagedLink(String),
    /// Something failed inside the server: logged with details, reported as a bare 500.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A body that could not be read, on a route whose limit is `limit` bytes.
    pub(crate) fn from_rejection(rejection: &BytesRejection, limit: usize) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(limit)
        } else if stalled(rejection) {
            ApiError::Timeout("the request body stalled: no data arrived for too long".into())
        } else {
            ApiError::BadRequest(rejection.body_text())
        }
    }
}

/// Whether the body failed because it sent nothing for longer than the body timeout.
fn stalled(rejection: &BytesRejection) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(e) = source {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        source = e.source();
    }
    false
}

impl From<crate::links::StoreError> for ApiError {
    fn from(e: crate::links::StoreError) -> Self {
        match e {
            crate::links::StoreError::Damaged { .. } => ApiError::DamagedLink(e.to_string()),
            crate::links::StoreError::Database(_) | crate::links::StoreError::Postgres(_) => {
                ApiError::Internal(e.into())
            }
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        ApiError::from_rejection(&rejection, super::MAX_BODY)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            ApiError::Invalid(diagnostics) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "error": { "code": "invalid_workload", "message": self.to_string(), "diagnostics": diagnostics } }),
            ),
            ApiError::BadRequest(m) => {
                (StatusCode::BAD_REQUEST, json!({ "error": { "code": "bad_request", "message": m } }))
            }
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, json!({ "error": { "code": "not_found", "message": m } })),
            ApiError::TooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                json!({ "error": { "code": "too_large", "message": self.to_string() } }),
            ),
            ApiError::RateLimited(limited) => {
                let body = json!({ "error": { "code": "rate_limited", "message": self.to_string() } });
                let retry = HeaderValue::from(whole_seconds(limited.retry_after, 1));
                let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
                response.headers_mut().insert(header::RETRY_AFTER, retry);
                response.headers_mut().extend(limited.quota.headers());
                return response;
            }
            ApiError::MethodNotAllowed(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                json!({ "error": { "code": "method_not_allowed", "message": self.to_string() } }),
            ),
            ApiError::Timeout(m) => {
                (StatusCode::REQUEST_TIMEOUT, json!({ "error": { "code": "timeout", "message": m } }))
            }
            ApiError::UnsupportedMediaType(m) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                json!({ "error": { "code": "unsupported_media_type", "message": m } }),
            ),
            ApiError::Forbidden(m) => {
                (StatusCode::FORBIDDEN, json!({ "error": { "code": "forbidden", "message": m } }))
            }
            ApiError::DamagedLink(m) => {
                tracing::error!(error = %m, "damaged share link refused");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({ "error": { "code": "damaged_link", "message": self.to_string() } }),
                )
            }
            ApiError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({ "error": { "code": "internal", "message": "internal error; it has been logged" } }),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::Duration;

    use super::{super::rate::Quota, *};

    /// Issue 18: `Retry-After` rounds the wait up to whole seconds (1.2 s is 2, not 1).
    #[test]
    fn issue_18_retry_after_rounds_up() {
        let quota = Quota { limit: 10, remaining: 0, reset: Duration::from_secs(20) };
        for (wait, expected) in [(1200, "2"), (1000, "1"), (10, "1"), (59_001, "60")] {
            let limited = Limited { quota, retry_after: Duration::from_millis(wait) };
            let response = ApiError::RateLimited(limited).into_response();
            assert_eq!(response.headers()[header::RETRY_AFTER], expected, "{wait} ms");
            assert_eq!(response.headers()["ratelimit-remaining"], "0");
        }
    }
}

//! The server's one error type: every failure becomes a JSON body with a status; internals
//! are logged, never sent.

use axum::{
    Json,
    extract::rejection::{BytesRejection, PathRejection, QueryRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;
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
    /// The link store is out of reach for now (logged); the client may retry after
    /// [`RETRY_UNAVAILABLE`].
    #[error("the link store cannot be reached right now; try again in {} s", RETRY_UNAVAILABLE.as_secs())]
    Unavailable(String),
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
            _ if e.is_unavailable() => ApiError::Unavailable(e.to_string()),
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

/// The one error body: `{"error": {"code": "…", "message": "…"}}`, with every diagnostic for an
/// invalid workload.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorBody {
    /// What went wrong.
    pub(crate) error: ErrorDetail,
}

/// What went wrong: a stable code, a sentence for people, and the diagnostics of an invalid
/// workload.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorDetail {
    /// Stable: clients branch on it.
    pub(crate) code: ErrorCode,
    /// For people; its wording may change.
    pub(crate) message: String,
    /// Every problem in the workload, with line, column and field (`invalid_workload` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = super::openapi::diagnostics)]
    pub(crate) diagnostics: Option<Vec<Diagnostic>>,
}

/// The error codes, one per kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ErrorCode {
    /// 422: the workload has errors.
    InvalidWorkload,
    /// 400: the request itself is wrong.
    BadRequest,
    /// 404: no such resource or route.
    NotFound,
    /// 413: the body is over the route's limit.
    TooLarge,
    /// 429: too many share links from one address.
    RateLimited,
    /// 405: the route does not answer this method.
    MethodNotAllowed,
    /// 408: the request took too long.
    Timeout,
    /// 415: the body is declared as neither YAML nor JSON.
    UnsupportedMediaType,
    /// 403: the request came from another site.
    Forbidden,
    /// 500: a stored share link failed its check.
    DamagedLink,
    /// 503: the link store cannot be reached right now.
    StoreUnavailable,
    /// 500: something failed inside the server.
    Internal,
}

impl ApiError {
    /// The status and the code of this error.
    pub(crate) fn status(&self) -> (StatusCode, ErrorCode) {
        match self {
            ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidWorkload),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooLarge),
            ApiError::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited),
            ApiError::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed),
            ApiError::Timeout(_) => (StatusCode::REQUEST_TIMEOUT, ErrorCode::Timeout),
            ApiError::UnsupportedMediaType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::UnsupportedMediaType),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            ApiError::DamagedLink(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::DamagedLink),
            ApiError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::StoreUnavailable),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status();
        match &self {
            ApiError::DamagedLink(m) => tracing::error!(error = %m, "damaged share link refused"),
            ApiError::Unavailable(m) => tracing::error!(error = %m, "link store unavailable"),
            ApiError::Internal(e) => tracing::error!(error = format!("{e:#}"), "internal error"),
            _ => {}
        }
        let message = match &self {
            ApiError::BadRequest(m)
            | ApiError::NotFound(m)
            | ApiError::Timeout(m)
            | ApiError::UnsupportedMediaType(m)
            | ApiError::Forbidden(m) => m.clone(),
            ApiError::Internal(_) => "internal error; it has been logged".to_string(),
            _ => self.to_string(),
        };
        let rate = match &self {
            ApiError::RateLimited(limited) => Some(*limited),
            _ => None,
        };
        let unavailable = matches!(self, ApiError::Unavailable(_));
        let diagnostics = match self {
            ApiError::Invalid(diagnostics) => Some(diagnostics),
            _ => None,
        };
        let body = ErrorBody { error: ErrorDetail { code, message, diagnostics } };
        let mut response = (status, Json(body)).into_response();
        if let Some(limited) = rate {
            let retry = HeaderValue::from(whole_seconds(limited.retry_after, 1));
            response.headers_mut().insert(header::RETRY_AFTER, retry);
            response.headers_mut().extend(limited.quota.headers());
        }
        if unavailable {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_UNAVAILABLE.as_secs()));
        }
        response
    }
}

/// How long a client is told to wait when the link store is out of reach: about as long as the
/// PostgreSQL pool waits for a connection.
pub(crate) const RETRY_UNAVAILABLE: std::time::Duration = std::time::Duration::from_secs(5);

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

    /// Issue 15: a link store out of reach (no PostgreSQL connection in time, a refused or
    /// closed connection, SQLite locked) is 503 `store_unavailable` with `Retry-After`, not a 500;
    /// a statement PostgreSQL answered with an error stays a 500.
    #[test]
    fn issue_15_an_unreachable_link_store_is_503_with_retry_after() {
        use crate::links::{PostgresError, StoreError};
        let timeout = PostgresError::Pool(deadpool_postgres::PoolError::Timeout(deadpool_postgres::TimeoutType::Wait));
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None);
        for (error, status) in [
            (StoreError::Postgres(timeout), StatusCode::SERVICE_UNAVAILABLE),
            (StoreError::Postgres(PostgresError::Stopped), StatusCode::SERVICE_UNAVAILABLE),
            (StoreError::Database(busy), StatusCode::SERVICE_UNAVAILABLE),
            (StoreError::Database(rusqlite::Error::InvalidQuery), StatusCode::INTERNAL_SERVER_ERROR),
            (
                StoreError::Postgres(PostgresError::NewerSchema { found: 9, known: 1 }),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
        ] {
            let what = error.to_string();
            let response = ApiError::from(error).into_response();
            assert_eq!(response.status(), status, "{what}");
            let retry = response.headers().get(header::RETRY_AFTER);
            assert_eq!(retry.is_some(), status == StatusCode::SERVICE_UNAVAILABLE, "{what}");
        }
    }
}

//! Short share links: `POST /api/share` stores a workload under its content id,
//! `GET /api/share/{id}` returns the record, `GET /r/{id}` serves the app with it preloaded.

use std::time::Instant;

use axum::{
    Json, Router,
    body::Bytes,
    extract::{
        DefaultBodyLimit, Path, State,
        rejection::{BytesRejection, PathRejection},
    },
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::json;

use super::{AppState, analyze::analysed, error::ApiError, rate::ClientAddr, same_site, share_page};
use crate::links::{LinkId, NewLink, StoredLink};

/// Largest workload a short link stores.
pub(crate) const MAX_SHARED: usize = 256 * 1024;

/// Creating a link (an analysis and a write: one of the heavy routes).
pub(super) fn create_router() -> Router<AppState> {
    Router::new().route("/api/share", post(create).layer(DefaultBodyLimit::max(MAX_SHARED)))
}

/// Reading links.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/share/{id}", get(read)).route("/r/{id}", get(page))
}

/// Stores the workload (when it has no errors) and answers 201 with its link, or 200 with the
/// link stored earlier for the same text, with `RateLimit-*` headers; 403 from another site;
/// 429 when the address creates links too fast.
async fn create(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    same_site::check(&headers)?;
    let quota = state.share_rate.check(client, Instant::now()).map_err(ApiError::RateLimited)?;
    let body = body.map_err(|r| ApiError::from_rejection(&r, MAX_SHARED))?;
    let analysed = analysed(&state, body.clone()).await?;
    let (workload, report) = (&analysed.workload, &analysed.report);
    // It parsed, so it is UTF-8 (a byte-order mark included, which the text keeps).
    let text = String::from_utf8(body.to_vec()).map_err(|e| ApiError::Internal(e.into()))?;
    let link = NewLink {
        id: LinkId::of(&text),
        shared: link::Shared::new(text, report),
        name: workload.name.clone(),
        summary: report.summary,
    };
    let store = state.links.clone();
    let (stored, created) = tokio::task::spawn_blocking(move || store.put(link))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("share task failed: {e}")))?
        .map_err(ApiError::from)?;
    if created {
        tracing::info!(id = %stored.id, bytes = stored.shared.workload.len(), "share link created");
    }
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    let mut response = (status, Json(description(&stored))).into_response();
    response.headers_mut().extend(quota.iter().flat_map(super::rate::Quota::headers));
    Ok(response)
}

/// The record as the API gives it.
pub(super) fn description(stored: &StoredLink) -> serde_json::Value {
    json!({
        "id": stored.id,
        "path": format!("/r/{}", stored.id),
        "name": stored.name,
        "created_at": stored.created_at,
        "summary": stored.summary,
        "shared": stored.shared,
    })
}

/// Looks a link up off the async threads; `None` for ids that are not ids.
pub(super) async fn lookup(state: &AppState, id: &str) -> Result<Option<StoredLink>, ApiError> {
    let Some(id) = LinkId::parse(id) else {
        return Ok(None);
    };
    let store = state.links.clone();
    tokio::task::spawn_blocking(move || store.get(&id))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("lookup task failed: {e}")))?
        .map_err(ApiError::from)
}

async fn read(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(id) = id?;
    match lookup(&state, &id).await? {
        Some(stored) => {
            Ok(([(header::CACHE_CONTROL, "public, max-age=31536000, immutable")], Json(description(&stored)))
                .into_response())
        }
        None => Err(ApiError::NotFound(format!("there is no share link `{id}`"))),
    }
}

async fn page(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let stored = lookup(&state, &id).await?;
    Ok(share_page::render(&state, &id, stored.as_ref()))
}

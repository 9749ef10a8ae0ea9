//! Short share links: `POST /api/share` stores a workload under its content id,
//! `GET /api/share/{id}` returns the record, `GET /r/{id}` serves the app with it preloaded.

use std::time::Instant;

use axum::{
    Json,
    body::Bytes,
    extract::{
        DefaultBodyLimit, Path, State,
        rejection::{BytesRejection, PathRejection},
    },
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

use super::{
    AppState,
    analyze::analysed,
    error::{ApiError, ErrorBody},
    openapi::{self, schema},
    rate::ClientAddr,
    same_site, share_page,
};
use crate::links::{LinkId, NewLink, StoredLink};

/// Largest workload a short link stores.
pub(crate) const MAX_SHARED: usize = 256 * 1024;

/// Creating a link (an analysis and a write: one of the heavy routes).
pub(super) fn create_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create).layer(DefaultBodyLimit::max(MAX_SHARED)))
}

/// Reading links.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read)).routes(routes!(page))
}

/// Store a short share link
///
/// Stores the workload (when it has no errors, at most 256 KiB) under `/r/<id>`: 201 with the new
/// link, or 200 with the link stored earlier for the same text, with `RateLimit-*` headers when
/// the server limits the rate; 403 from another site; 429 when the address creates links too fast.
#[utoipa::path(post, path = "/api/share", operation_id = "share_create", tag = "share links",
    request_body(description = "A workload file (at most 256 KiB)", content(
        (ref(schema::WORKLOAD_TEXT) = "application/yaml", example = json!(openapi::EXAMPLE)),
        (ref(schema::WORKLOAD) = "application/json"),
        (ref(schema::WORKLOAD_TEXT) = "text/plain", example = json!(openapi::EXAMPLE)),
    )),
    responses(
        (status = CREATED, description = "A new link", body = LinkRecord<'_>, links(
            ("read" = (operation_id = "share_read", parameters(("id" = "$response.body#/id")))),
            ("page" = (operation_id = "share_page", parameters(("id" = "$response.body#/id")))),
        ), headers(
            ("RateLimit-Limit" = u32, description = "Links an address may create per minute"),
            ("RateLimit-Remaining" = u32, description = "Links it may create now"),
            ("RateLimit-Reset" = u64, description = "Seconds until the bucket is full again"),
        )),
        (status = OK, description = "The link stored earlier for the same workload", body = LinkRecord<'_>, links(
            ("read" = (operation_id = "share_read", parameters(("id" = "$response.body#/id")))),
            ("page" = (operation_id = "share_page", parameters(("id" = "$response.body#/id")))),
        ), headers(
            ("RateLimit-Limit" = u32, description = "Links an address may create per minute"),
            ("RateLimit-Remaining" = u32, description = "Links it may create now"),
            ("RateLimit-Reset" = u64, description = "Seconds until the bucket is full again"),
        )),
        (status = BAD_REQUEST, description = "A malformed body", body = ErrorBody),
        (status = FORBIDDEN, description = "The request came from another site (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not the `Host`)", body = ErrorBody),
        (status = UNPROCESSABLE_ENTITY, description = "The workload has errors (`invalid_workload`, with every diagnostic)", body = ErrorBody),
        (status = TOO_MANY_REQUESTS, description = "Too many links from this address", body = ErrorBody, headers(
            ("Retry-After" = u64, description = "Whole seconds to wait, rounded up"),
            ("RateLimit-Limit" = u32, description = "Links an address may create per minute"),
            ("RateLimit-Remaining" = u32, description = "Links it may create now (0)"),
            ("RateLimit-Reset" = u64, description = "Seconds until the bucket is full again"),
        )),
        (status = INTERNAL_SERVER_ERROR, description = "The server failed (`internal`, or `damaged_link` when the stored record fails its check); logged", body = ErrorBody),
        (status = SERVICE_UNAVAILABLE, description = "The link store cannot be reached right now (`store_unavailable`); logged", body = ErrorBody, headers(
            ("Retry-After" = u64, description = "Whole seconds to wait before trying again"),
        )),
    ))]
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

// Fields in alphabetical order: the order the record has always been written in.
/// A stored share link, as the API gives it.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct LinkRecord<'a> {
    /// When it was stored (UTC, RFC 3339).
    created_at: &'a str,
    /// The link's id: 120 bits of the workload's SHA-256, in base32.
    #[schema(value_type = String, pattern = "^[a-z2-7]{24}$")]
    id: &'a LinkId,
    /// The workload's name.
    name: &'a str,
    /// The page that opens it: `/r/<id>`.
    #[schema(pattern = "^/r/[a-z2-7]{24}$")]
    path: String,
    /// The workload's text, the versions it was analysed with and the findings it gave.
    #[schema(schema_with = openapi::shared)]
    shared: &'a link::Shared,
    /// Its findings per severity.
    #[schema(schema_with = openapi::summary)]
    summary: &'a engine::Summary,
}

/// The record as the API gives it.
pub(super) fn description(stored: &StoredLink) -> LinkRecord<'_> {
    LinkRecord {
        created_at: &stored.created_at,
        id: &stored.id,
        name: &stored.name,
        path: format!("/r/{}", stored.id),
        shared: &stored.shared,
        summary: &stored.summary,
    }
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

/// A stored share link
///
/// The workload's text, the versions it was analysed with, the findings it gave and when it was
/// stored. A record never changes, so it is cached for a year.
#[utoipa::path(get, path = "/api/share/{id}", operation_id = "share_read", tag = "share links",
    params(("id" = String, Path, description = "The link's id (what follows `/r/`)", example = json!(openapi::example_id()))),
    responses(
        (status = OK, description = "The record", body = LinkRecord<'_>, headers(
            ("Cache-Control" = String, description = "`public, max-age=31536000, immutable`"),
        )),
        (status = BAD_REQUEST, description = "A malformed path", body = ErrorBody),
        (status = NOT_FOUND, description = "No such link", body = ErrorBody),
        (status = INTERNAL_SERVER_ERROR, description = "The stored record failed its check (`damaged_link`: it is not served) or the store failed (`internal`); logged", body = ErrorBody),
        (status = SERVICE_UNAVAILABLE, description = "The link store cannot be reached right now (`store_unavailable`); logged", body = ErrorBody, headers(
            ("Retry-After" = u64, description = "Whole seconds to wait before trying again"),
        )),
    ))]
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

/// The app with a shared workload preloaded
///
/// The app's page with the link's title and Open Graph preview, and the record as a JSON data
/// block; 404 (the same page, saying the link does not exist) for an unknown link.
#[utoipa::path(get, path = "/r/{id}", operation_id = "share_page", tag = "share links",
    params(("id" = String, Path, description = "The link's id", example = json!(openapi::example_id()))),
    responses(
        (status = OK, description = "The app's page with the workload preloaded", content_type = "text/html", body = String),
        (status = BAD_REQUEST, description = "A malformed path", body = ErrorBody),
        (status = NOT_FOUND, description = "The app's page, saying that the link does not exist", content_type = "text/html", body = String),
        (status = INTERNAL_SERVER_ERROR, description = "The stored record failed its check (`damaged_link`) or the store failed (`internal`); logged", body = ErrorBody),
        (status = SERVICE_UNAVAILABLE, description = "The web app is not built (a page saying so), or the link store cannot be reached right now (`store_unavailable`, JSON, with `Retry-After`)", content(
            (String = "text/html"),
            (ErrorBody = "application/json"),
        )),
    ))]
async fn page(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let stored = lookup(&state, &id).await?;
    Ok(share_page::render(&state, &id, stored.as_ref()))
}

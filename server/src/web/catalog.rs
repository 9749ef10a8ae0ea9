//! `GET /api/catalog` (every store type, pattern and remedy) and `GET /api/catalog/{id}`.

use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::header,
    response::{IntoResponse, Response},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState,
    error::{ApiError, ErrorBody},
    openapi::schema,
};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(all)).routes(routes!(one))
}

/// The catalog
///
/// Every store type, access pattern, remedy and flow kind storewise knows, with its sources.
#[utoipa::path(get, path = "/api/catalog", operation_id = "catalog", tag = "catalog", responses(
    (status = OK, description = "The whole catalog", body = ref(schema::CATALOG)),
))]
async fn all(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], state.catalog_json.clone()).into_response()
}

/// One store type
///
/// With its figures, their sources, and what it is not good for.
#[utoipa::path(get, path = "/api/catalog/{id}", operation_id = "catalog_store", tag = "catalog",
    params(("id" = String, Path, description = "A store type id", example = "postgresql")),
    responses(
        (status = OK, description = "The store type", body = ref(schema::STORE)),
        (status = BAD_REQUEST, description = "A malformed path", body = ErrorBody),
        (status = NOT_FOUND, description = "No such store type (the message suggests the nearest)", body = ErrorBody),
    ))]
async fn one(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(id) = id?;
    match state.catalog.store(&id) {
        Some(store) => Ok(Json(store).into_response()),
        None => {
            let hint = state.catalog.suggest_store(&id).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            Err(ApiError::NotFound(format!("unknown store type `{id}`{hint}")))
        }
    }
}

//! `GET /api/catalog` (every store type, pattern and remedy) and `GET /api/catalog/{id}`.

use axum::{
    Json, Router,
    extract::{Path, State, rejection::PathRejection},
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};

use super::{AppState, error::ApiError};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/catalog", get(all)).route("/api/catalog/{id}", get(one))
}

async fn all(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], state.catalog_json.clone()).into_response()
}

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

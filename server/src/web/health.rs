//! `GET /healthz`: the server is up, with the catalog and rules versions it serves.

use axum::{Json, Router, extract::State, routing::get};
use serde_json::{Value, json};

use super::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

async fn health(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "status": "ok", "catalog": state.catalog.version, "rules": engine::RULES_VERSION }))
}

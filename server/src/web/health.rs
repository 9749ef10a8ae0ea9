//! `GET /healthz`: the server is up, with the catalog and rules versions it serves.

use axum::{Json, extract::State};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::AppState;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// The server's health.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Health {
    /// Always `ok` when the server answers.
    #[schema(value_type = String, example = "ok")]
    status: &'static str,
    /// The catalog version it serves (`2+a9064005`: the format and a fingerprint of the data).
    catalog: String,
    /// The rules version.
    #[schema(value_type = String)]
    rules: &'static str,
}

/// Health: the server is up
///
/// With the catalog and rules versions it serves.
#[utoipa::path(get, path = "/healthz", tag = "meta", responses(
    (status = OK, description = "The server is up", body = Health),
))]
async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health { status: "ok", catalog: state.catalog.version.clone(), rules: engine::RULES_VERSION })
}

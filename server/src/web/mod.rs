//! The HTTP server: the app's bundle, the analysis API, the catalog, charts, share links and
//! health.
//!
//! `app(state)` builds the whole router from one `router()` per feature module (`routes()`,
//! which the OpenAPI document at `/api/openapi.json` is generated from too), plus the
//! layers every request goes through (declared body size and type, time limit, tracing,
//! security headers) and the in-flight limit around the heavy routes only (analysis, charts,
//! share creation), so static files, the catalog, share pages and `/healthz` are always served.
//! Under `/api`, every error is JSON: unknown paths (404), wrong methods (405) and the time
//! limit (408) included. `serve` (in `conn.rs`) accepts the connections: caps and timeouts.

mod analyze;
mod assets;
mod bundle;
mod catalog;
mod chart;
mod conn;
mod error;
mod headers;
mod health;
mod limits;
mod memory;
mod openapi;
mod rate;
mod rules;
mod same_site;
mod share;
mod share_page;
mod state;

use std::time::Duration;

use axum::{Router, extract::DefaultBodyLimit, middleware, routing::any};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

#[cfg(feature = "fuzzing")]
pub(crate) use conn::serve_stream;
pub(crate) use conn::{ConnLimits, serve};
pub(crate) use openapi::{document as openapi_document, rewrite_refs};
pub(crate) use state::{AppState, SHARE_RATE};

/// Largest request body accepted (a workload file is far smaller).
pub(crate) const MAX_BODY: usize = 1024 * 1024;
/// Longest a request may take before it is answered 408.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Heavy requests (analysis, charts, share creation) handled at once; more wait their turn
/// (bounding threads and memory under a flood). Other routes are never held back by them.
pub(crate) const MAX_IN_FLIGHT: usize = 256;

/// Every route a client may call, each registered from its handler's `#[utoipa::path]`: the
/// router `app` serves and the OpenAPI document (`openapi.rs`) both come from this one list.
fn routes() -> OpenApiRouter<AppState> {
    let heavy = OpenApiRouter::new()
        .merge(analyze::router())
        .merge(chart::router())
        .merge(share::create_router())
        .layer(GlobalConcurrencyLimitLayer::new(MAX_IN_FLIGHT));
    OpenApiRouter::new()
        .merge(heavy)
        .merge(catalog::router())
        .merge(health::router())
        .merge(share::router())
        .merge(openapi::router())
        .merge(rules::router())
}

/// The whole application.
pub(crate) fn app(state: AppState) -> Router {
    let (routes, _) = routes().split_for_parts();
    let api = routes
        .route("/api", any(limits::no_such_route))
        .route("/api/", any(limits::no_such_route))
        .route("/api/{*rest}", any(limits::no_such_route))
        .method_not_allowed_fallback(limits::method_not_allowed)
        .fallback_service(assets::service(&state))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        // outside the in-flight limit, so time spent waiting for a turn counts too
        .layer(middleware::from_fn_with_state(state.clone(), limits::time_limit))
        .layer(middleware::from_fn(limits::declared_body));
    headers::secure(api).layer(TraceLayer::new_for_http()).with_state(state)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod share_tests;

#[cfg(test)]
mod conn_tests;

#[cfg(test)]
mod openapi_tests;

//! The built web app: files from `dist/`, or the copy embedded in the binary (precompressed `.br`/`.gz` when the client accepts
//! them), `index.html` for every other path so deep links load, and cache headers: hashed
//! assets are immutable for a year, everything else is revalidated.

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
};
use tower_http::services::{ServeDir, ServeFile};

use super::AppState;

/// The service answering every path no API route matched.
pub(super) fn service(state: &AppState) -> Router {
    let Some(dist) = &state.dist else {
        if state.embedded {
            return Router::new().fallback(embedded).layer(middleware::from_fn(cache_headers));
        }
        return Router::new().fallback(not_built);
    };
    let index = ServeFile::new(dist.join("index.html"));
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(index);
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_headers))
}

async fn not_built(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        return no_such_route();
    }
    not_built_page()
}

/// The app embedded in the binary; unknown `/api/` paths stay JSON 404s.
async fn embedded(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        return no_such_route();
    }
    super::bundle::serve(request.uri(), request.headers())
}

fn no_such_route() -> Response {
    super::error::ApiError::NotFound("no such API route".into()).into_response()
}

/// The page served instead of the app when no bundle was built.
pub(super) fn not_built_page() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Html("<!doctype html><title>storewise</title><p>The web app is not built. Run <code>./scripts/run.sh</code>, which builds it and serves it.</p>"),
    )
        .into_response()
}

/// `app-3f2a9c1e.wasm` style names (8+ hex digits before the extension) never change content.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(_, h)| h.len() >= 8 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn recognises_hashed_asset_names() {
        assert!(is_hashed("/app-3f2a9c1e.wasm"));
        assert!(is_hashed("/assets/app-0123456789abcdef.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/boot.js"));
        assert!(!is_hashed("/storewise-app.css"));
    }
}

//! The router, request by request with `oneshot`: the API contract, errors as JSON, headers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use axum::{
    body::{Body, to_bytes},
    http::{Request, StatusCode, header},
};
use serde_json::Value;
use tower::ServiceExt;

use super::{AppState, MAX_BODY, app};
use crate::links::SqliteStore;

const S1: &str = include_str!("../../../examples/s1-logistics.yaml");

/// A fresh directory under the system's temp dir, unique to this test.
pub(super) fn temp_dir(name: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("storewise-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// State over the embedded catalog, a fresh SQLite link store, and `dist` if given.
pub(super) fn state(dist: Option<std::path::PathBuf>) -> AppState {
    state_at(&temp_dir("links").join("links.db"), dist)
}

/// State over the embedded catalog and the SQLite link store at `db`.
pub(super) fn state_at(db: &std::path::Path, dist: Option<std::path::PathBuf>) -> AppState {
    let links = SqliteStore::open(db).unwrap();
    AppState::new(catalog::Catalog::embedded().unwrap().clone(), dist, std::sync::Arc::new(links)).unwrap()
}

async fn send(request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app(state(None)).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec();
    (status, headers, body)
}

fn post(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri).body(body.into()).unwrap()
}

#[tokio::test]
async fn analyze_returns_the_same_report_as_the_engine() {
    let (status, headers, body) = send(post("/api/analyze", S1)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let got: Value = serde_json::from_slice(&body).unwrap();
    let catalog = catalog::Catalog::embedded().unwrap();
    let parsed = workload::parse(S1, catalog);
    let mut report = engine::analyze(parsed.workload.as_ref().unwrap(), catalog);
    report.speak(catalog);
    let expected = serde_json::to_value(report).unwrap();
    assert_eq!(got, expected);
    assert!((6.0..=10.0).contains(&got["overhead"]["current"]["x_single"].as_f64().unwrap()));
}

#[tokio::test]
async fn analyze_accepts_json_bodies() {
    let json =
        r#"{"version": 1, "name": "json", "stores": [{"id": "db", "type": "postgresql", "role": "source_of_truth"}]}"#;
    let (status, _, body) = send(post("/api/analyze", json)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
}

#[tokio::test]
async fn invalid_workload_is_422_with_located_diagnostics() {
    let text = "version: 1\nname: x\nstores:\n  - { id: db, typ: postgres, role: source_of_truth }\n";
    let (status, _, body) = send(post("/api/analyze", text)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["error"]["code"], "invalid_workload");
    let typo = v["error"]["diagnostics"].as_array().unwrap().iter().find(|d| d["path"] == "stores[0].typ").unwrap();
    assert_eq!(typo["span"]["line"], 4);
    assert_eq!(typo["suggestion"], "did you mean `type`?");
}

#[tokio::test]
async fn analyze_formats_markdown_and_sarif_and_rejects_others() {
    let (status, headers, body) = send(post("/api/analyze?format=markdown", S1)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/markdown"));
    assert!(String::from_utf8_lossy(&body).starts_with("# "));
    let (status, _, body) = send(post("/api/analyze?format=sarif", S1)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["version"], "2.1.0");
    let (status, _, body) = send(post("/api/analyze?format=pdf", S1)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8_lossy(&body).contains("unknown format `pdf`"));
}

#[tokio::test]
async fn oversized_body_is_a_json_413() {
    let (status, _, body) = send(post("/api/analyze", vec![b'#'; MAX_BODY + 1])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["error"]["code"], "too_large");
}

#[tokio::test]
async fn catalog_endpoints() {
    let (status, _, body) = send(Request::get("/api/catalog").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v["stores"].as_array().unwrap().len() >= 20);
    let (status, _, body) = send(Request::get("/api/catalog/postgres").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["id"], "postgresql");
    let (status, _, body) = send(Request::get("/api/catalog/postgress").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8_lossy(&body).contains("did you mean `postgresql`?"));
}

#[tokio::test]
async fn health_names_the_versions() {
    let (status, headers, body) = send(Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["rules"], engine::RULES_VERSION);
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("'wasm-unsafe-eval'"));
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
}

#[tokio::test]
async fn serves_the_bundle_with_index_fallback_and_cache_headers() {
    let dir = temp_dir("dist");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>storewise</title>").unwrap();
    std::fs::write(dir.join("app-0123abcd.wasm"), b"\0asm").unwrap();
    let router = app(state(Some(dir.clone())));
    let response =
        router.clone().oneshot(Request::get("/catalog/postgresql").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("<title>storewise</title>"));
    let response = router.oneshot(Request::get("/app-0123abcd.wasm").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn without_a_bundle_the_page_says_how_to_build_it() {
    let (status, _, body) = send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(String::from_utf8_lossy(&body).contains("./scripts/run.sh"));
    let (status, _, _) = send(Request::get("/api/nothing").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn chart_endpoint_draws_svg_and_rejects_unknown_kinds() {
    for kind in ["overhead", "growth", "table", "architecture"] {
        let (status, headers, body) = send(post(&format!("/api/chart/{kind}"), S1)).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("image/svg+xml"));
        assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().starts_with("default-src 'none'"));
        assert!(String::from_utf8_lossy(&body).contains("<svg"), "{kind}");
    }
    let (status, _, body) = send(post("/api/chart/pie", S1)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8_lossy(&body).contains("unknown chart `pie`"));
}

/// Issue 14: the API draws a chart for a width and a scheme, as the web app does, and says what
/// is wrong with a width or scheme it cannot draw.
#[tokio::test]
async fn issue_14_chart_endpoint_draws_for_a_width_and_scheme() {
    let (status, _, body) = send(post("/api/chart/overhead?width=358&scheme=dark", S1)).await;
    assert_eq!(status, StatusCode::OK);
    let svg = String::from_utf8_lossy(&body);
    assert!(svg.contains(r#"width="358""#) && svg.contains(r##"fill="#0F1115""##), "{svg}");
    for (query, says) in [
        ("width=120", "width 120 is out of range: use 300 to 2400"),
        ("scheme=sepia", "unknown scheme `sepia`: use light or dark"),
        ("width=wide", "width"),
    ] {
        let (status, _, body) = send(post(&format!("/api/chart/table?{query}"), S1)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(String::from_utf8_lossy(&body).contains(says), "{query}: {}", String::from_utf8_lossy(&body));
    }
}

/// A body that never sends anything: a client that stalled.
pub(super) struct Stalled;

impl axum::body::HttpBody for Stalled {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

async fn send_to(router: &axum::Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec();
    (status, headers, body)
}

fn error_code(body: &[u8]) -> String {
    let v: Value =
        serde_json::from_slice(body).unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(body)));
    v["error"]["code"].as_str().unwrap().to_string()
}

/// Issue 18: the time limit answers a JSON 408.
#[tokio::test]
async fn issue_18_a_request_over_the_time_limit_is_a_json_408() {
    let router = app(state(None).with_request_timeout(std::time::Duration::from_millis(200)));
    let (status, headers, body) =
        send_to(&router, Request::post("/api/analyze").body(Body::new(Stalled)).unwrap()).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(error_code(&body), "timeout");
}

/// Issue 18: under `/api`, an unknown path is a JSON 404 (not the app's page) and a wrong
/// method a JSON 405 that still says which methods are allowed.
#[tokio::test]
async fn issue_18_api_errors_are_json_even_with_the_bundle() {
    let dir = temp_dir("dist-api");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>storewise</title>").unwrap();
    let router = app(state(Some(dir.clone())));
    for uri in ["/api/nothing", "/api", "/api/", "/api/catalog/postgresql/extra", "/api/share/x/y"] {
        let (status, headers, body) = send_to(&router, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
        assert_eq!(error_code(&body), "not_found", "{uri}");
    }
    let (status, headers, body) = send_to(&router, Request::get("/api/analyze").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[header::ALLOW], "POST");
    assert_eq!(error_code(&body), "method_not_allowed");
    let (status, _, body) = send_to(&router, post("/api/catalog", "")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_code(&body), "method_not_allowed");
    let (status, _, _) = send_to(&router, Request::get("/catalog/postgresql").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "deep links outside /api still load the app");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 18: a declared `Content-Length` over the route's limit is a 413 before any of the body
/// is read (the body here never arrives; before, this was a 408 after the time limit).
#[tokio::test]
async fn issue_18_a_declared_length_over_the_limit_is_refused_at_once() {
    let router = app(state(None));
    for (uri, limit) in [("/api/analyze", MAX_BODY), ("/api/share", super::share::MAX_SHARED)] {
        let request = Request::post(uri).header(header::CONTENT_LENGTH, limit + 1).body(Body::new(Stalled)).unwrap();
        let (status, headers, body) = send_to(&router, request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(error_code(&body), "too_large");
    }
}

/// Issue 18: with every in-flight slot held by a stalled heavy request, `/healthz`, the catalog
/// and static files are still served (before, they waited for a slot and got 408s).
#[tokio::test]
async fn issue_18_the_in_flight_limit_covers_heavy_routes_only() {
    let dir = temp_dir("dist-limit");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>storewise</title>").unwrap();
    let router = app(state(Some(dir.clone())).with_request_timeout(std::time::Duration::from_secs(30)));
    let stalled: Vec<_> = (0..super::MAX_IN_FLIGHT)
        .map(|i| {
            let uri = ["/api/analyze", "/api/chart/overhead", "/api/share"][i % 3];
            let request = Request::post(uri).body(Body::new(Stalled)).unwrap();
            tokio::spawn(router.clone().oneshot(request))
        })
        .collect();
    // let every stalled request take its slot
    for _ in 0..100 {
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    for uri in ["/healthz", "/api/catalog", "/", "/index.html"] {
        let (status, _, _) = send_to(&router, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
    assert!(stalled.iter().all(|t| !t.is_finished()), "the stalled requests still hold their slots");
    stalled.iter().for_each(tokio::task::JoinHandle::abort);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 18: POSTs under `/api` take YAML or JSON (and the app's `text/plain`); a form's types
/// are a JSON 415.
#[tokio::test]
async fn issue_18_posts_take_yaml_or_json_only() {
    let router = app(state(None));
    let typed = |uri: &str, content_type: &str| {
        Request::post(uri).header(header::CONTENT_TYPE, content_type).body(Body::from(S1)).unwrap()
    };
    for refused in ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png"] {
        for uri in ["/api/analyze", "/api/chart/growth", "/api/share"] {
            let (status, headers, body) = send_to(&router, typed(uri, refused)).await;
            assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{uri} {refused}");
            assert_eq!(headers[header::CONTENT_TYPE], "application/json");
            assert_eq!(error_code(&body), "unsupported_media_type");
        }
    }
    for accepted in
        super::limits::ACCEPTED_TYPES.iter().map(ToString::to_string).chain(["text/plain;charset=UTF-8".into()])
    {
        let (status, _, body) = send_to(&router, typed("/api/analyze", &accepted)).await;
        assert_eq!(status, StatusCode::OK, "{accepted}: {}", String::from_utf8_lossy(&body));
    }
}

/// Issue 18: a query or path the router cannot read is a JSON 400 too (axum's own rejections
/// are plain text).
#[tokio::test]
async fn issue_18_unreadable_queries_and_paths_are_json_400s() {
    let router = app(state(None));
    let requests = [
        post("/api/analyze?format=json&format=sarif", S1),
        post("/api/chart/%FF", S1),
        Request::get("/api/catalog/%FF").body(Body::empty()).unwrap(),
        Request::get("/api/share/%FF").body(Body::empty()).unwrap(),
    ];
    for request in requests {
        let uri = request.uri().clone();
        let (status, headers, body) = send_to(&router, request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
        assert_eq!(error_code(&body), "bad_request", "{uri}");
    }
}

/// Issue 13: `/rules/<code>` serves a rule's page — the text of `docs/rules/<CODE>.md`, which
/// SARIF's `helpUri` names — by code in any case or by name, SW000 included, HTML-escaped; an
/// unknown rule is a 404 page listing the codes.
#[tokio::test]
async fn issue_13_rule_pages_are_served_from_the_rule_docs() {
    for uri in ["/rules/SW001", "/rules/sw001", "/rules/dual-write"] {
        let (status, headers, body) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let page = String::from_utf8(body).unwrap();
        assert!(
            page.contains("<title>storewise SW001 dual-write</title>") && page.contains("## What it checks"),
            "{page}"
        );
        let file = include_str!("../../../docs/rules/SW001.md").replace('&', "&amp;").replace('<', "&lt;");
        assert!(page.contains(&file.replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")));
    }
    let (status, _, body) = send(Request::get("/rules/SW000").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().contains("invalid-workload"));
    let (status, _, body) = send(Request::get("/rules/SW999").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8(body).unwrap().contains("SW000, SW001"));
}

/// Issue 15: every GET route answers HEAD with the GET's status and headers and no body, as the
/// README says (the OpenAPI document lists GET only).
#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let router = app(state(None));
    for path in ["/healthz", "/api/catalog", "/api/catalog/postgresql", "/api/share/AAAAAAAAAAAAAAAAAAAA", "/api/nope"]
    {
        let get = send_to(&router, Request::get(path).body(Body::empty()).unwrap()).await;
        let head = send_to(&router, Request::head(path).body(Body::empty()).unwrap()).await;
        assert_eq!(head.0, get.0, "{path}");
        assert_eq!(head.1.get("content-type"), get.1.get("content-type"), "{path}");
        assert!(head.2.is_empty(), "{path}: HEAD sent a body");
    }
}

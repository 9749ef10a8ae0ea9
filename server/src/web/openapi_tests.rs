//! Issue 15: the OpenAPI document against the real router — every route in it is served and
//! every served route is in it, and real responses (successes and every kind of error) have a
//! status, content type and body the document gives for their operation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::Duration;

use axum::{
    Router,
    body::{Body, to_bytes},
    http::{Method, Request, StatusCode, header},
};
use serde_json::Value;
use tower::ServiceExt;

use super::{
    app, openapi,
    tests::{Stalled, state, temp_dir},
};

const S1: &str = include_str!("../../../examples/s1-logistics.yaml");
const INVALID: &str = "version: 1\nname: x\nstores:\n  - { id: db, typ: postgres, role: source_of_truth }\n";

fn document() -> Value {
    openapi::document(catalog::Catalog::embedded().unwrap()).unwrap()
}

/// Every (method, path template) the document describes.
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.push((method.to_uppercase(), path.clone()));
        }
    }
    out.sort();
    out
}

/// The path template with each `{parameter}` filled in.
fn concrete(template: &str) -> String {
    template.replace("{kind}", "overhead").replace("{id}", "postgresql").replace("{code}", "SW001")
}

async fn call(router: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec())
}

/// Issue 15: the routes, exactly — a new route is registered through `routes!`, which puts it in
/// the document; this list says which ones there are, for review.
#[test]
fn issue_15_the_document_lists_every_route() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    let expected = [
        ("GET", "/api/catalog"),
        ("GET", "/api/catalog/{id}"),
        ("GET", "/api/openapi.json"),
        ("GET", "/api/share/{id}"),
        ("GET", "/healthz"),
        ("GET", "/r/{id}"),
        ("GET", "/rules/{code}"),
        ("POST", "/api/analyze"),
        ("POST", "/api/chart/{kind}"),
        ("POST", "/api/share"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(m, p)| ((*m).to_string(), (*p).to_string())).collect();
    assert_eq!(operations(&doc), expected);
}

/// Issue 15: every operation in the document reaches its handler (not the JSON 404 for unknown
/// `/api` paths, not a 405), and every other method on its path is a 405 whose `Allow` names
/// the documented ones: the router serves nothing on these paths that the document leaves out.
#[tokio::test]
async fn issue_15_the_router_serves_exactly_the_documented_operations() {
    let doc = document();
    let router = app(state(None));
    let operations = operations(&doc);
    for (method, template) in &operations {
        let uri = concrete(template);
        let request = Request::builder().method(method.as_str()).uri(&uri);
        let request = request.header(header::CONTENT_TYPE, "application/yaml").body(Body::from(S1)).unwrap();
        let (status, _, body) = call(&router, request).await;
        let text = String::from_utf8_lossy(&body);
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED && !text.contains("no such API route"),
            "{method} {uri}: {status} {text}"
        );
    }
    for template in doc["paths"].as_object().unwrap().keys() {
        let documented: Vec<&str> = operations.iter().filter(|(_, p)| p == template).map(|(m, _)| m.as_str()).collect();
        for method in [Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            if documented.contains(&method.as_str()) {
                continue;
            }
            let request =
                Request::builder().method(method.clone()).uri(concrete(template)).body(Body::empty()).unwrap();
            let (status, headers, _) = call(&router, request).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {template}");
            let allow = headers[header::ALLOW].to_str().unwrap().to_string();
            for m in &documented {
                assert!(allow.contains(m), "{method} {template}: Allow `{allow}` lacks {m}");
            }
        }
    }
}

/// Issue 15: no route is registered around `routes!` (which documents it): in the server's web
/// code, `.route(` appears only for the JSON 404 under `/api`, which answers every path no
/// documented route takes.
#[test]
fn issue_15_routes_are_only_registered_through_the_document() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let allowed = [
        r#".route("/api", any(limits::no_such_route))"#,
        r#".route("/api/", any(limits::no_such_route))"#,
        r#".route("/api/{*rest}", any(limits::no_such_route))"#,
    ];
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with("tests.rs") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines().map(str::trim) {
            for pattern in [".route(", ".route_service(", ".nest(", ".nest_service("] {
                if line.contains(pattern) {
                    assert!(allowed.contains(&line), "{name}: `{line}` registers a route the document does not see");
                    seen += 1;
                }
            }
        }
    }
    assert_eq!(seen, allowed.len());
}

/// Issue 15: every `$ref` in the document points at something in it.
#[test]
fn issue_15_every_reference_resolves() {
    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match v {
                        Value::String(target) if key == "$ref" => out.push(target),
                        _ => refs(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let doc = document();
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.len() > 20, "{found:?}");
    for target in found {
        let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("{target} is not local"));
        assert!(doc.pointer(pointer).is_some(), "{target} resolves to nothing");
    }
}

/// The document compiled by a JSON Schema validator (2020-12, the dialect of OpenAPI 3.1).
struct Validator {
    doc: Value,
    schemas: boon::Schemas,
    compiler: boon::Compiler,
}

const BASE: &str = "http://storewise.invalid/openapi.json";

impl Validator {
    fn new() -> Self {
        let doc = document();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(BASE, doc.clone()).unwrap();
        Self { doc, schemas: boon::Schemas::new(), compiler }
    }

    /// Validates `instance` against the schema at `pointer` in the document.
    fn check(&mut self, pointer: &str, instance: &Value, what: &str) {
        let index = self.compiler.compile(&format!("{BASE}#{pointer}"), &mut self.schemas).unwrap();
        if let Err(e) = self.schemas.validate(instance, index) {
            panic!("{what} does not match {pointer}: {e:#}");
        }
    }

    /// The response object the document gives for this operation and status (a `$ref` followed).
    fn response(&self, method: &str, template: &str, status: StatusCode) -> (String, Value) {
        let pointer = format!(
            "/paths/{}/{}/responses/{}",
            template.replace('~', "~0").replace('/', "~1"),
            method.to_lowercase(),
            status.as_u16()
        );
        let mut response = self
            .doc
            .pointer(&pointer)
            .unwrap_or_else(|| panic!("{method} {template} does not document {status}"))
            .clone();
        let mut at = pointer;
        if let Some(target) = response.get("$ref").and_then(Value::as_str) {
            at = target.trim_start_matches('#').to_string();
            response = self.doc.pointer(&at).unwrap().clone();
        }
        (at, response)
    }
}

/// One request and the status the server must answer it with.
struct Case {
    method: &'static str,
    template: &'static str,
    uri: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Send a body that never arrives instead.
    stalled: bool,
    status: StatusCode,
}

fn case(method: &'static str, template: &'static str, uri: &str, body: &str, status: StatusCode) -> Case {
    let headers = if method == "POST" { vec![("content-type", "application/yaml".to_string())] } else { Vec::new() };
    Case { method, template, uri: uri.to_string(), headers, body: body.as_bytes().to_vec(), stalled: false, status }
}

impl Case {
    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.to_string()));
        self
    }

    fn stalled(mut self) -> Self {
        self.stalled = true;
        self
    }
}

/// Issue 15: real responses — successes and every kind of error each route gives — have a status
/// the document lists for their operation, a content type it lists for that status, and a JSON
/// body valid against its schema.
#[tokio::test]
async fn issue_15_real_responses_match_the_document() {
    use StatusCode as S;
    let dist = temp_dir("openapi-dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><html><head><title>storewise</title></head></html>")
        .unwrap();
    let with_app = app(state(Some(dist)));
    let without_app = app(state(None));
    let limited = app(state(None).with_share_rate(1));
    let slow = app(state(None).with_request_timeout(Duration::from_millis(100)));
    let (_, _, created) = call(&with_app, case("POST", "", "/api/share", S1, S::OK).request()).await;
    let id = serde_json::from_slice::<Value>(&created).unwrap()["id"].as_str().unwrap().to_string();
    let huge = (super::MAX_BODY + 1).to_string();
    let cases: Vec<(&Router, Case)> = vec![
        (&with_app, case("POST", "/api/analyze", "/api/analyze", S1, S::OK)),
        (&with_app, case("POST", "/api/analyze", "/api/analyze?format=json", S1, S::OK)),
        (&with_app, case("POST", "/api/analyze", "/api/analyze?format=markdown", S1, S::OK)),
        (&with_app, case("POST", "/api/analyze", "/api/analyze?format=sarif", S1, S::OK)),
        (&with_app, case("POST", "/api/analyze", "/api/analyze?format=pdf", S1, S::BAD_REQUEST)),
        (&with_app, case("POST", "/api/analyze", "/api/analyze?format=json&format=sarif", S1, S::BAD_REQUEST)),
        (&with_app, case("POST", "/api/analyze", "/api/analyze", INVALID, S::UNPROCESSABLE_ENTITY)),
        (
            &with_app,
            case("POST", "/api/analyze", "/api/analyze", S1, S::UNSUPPORTED_MEDIA_TYPE)
                .header("content-type", "text/html"),
        ),
        (
            &with_app,
            case("POST", "/api/analyze", "/api/analyze", "", S::PAYLOAD_TOO_LARGE).header("content-length", &huge),
        ),
        (&slow, case("POST", "/api/analyze", "/api/analyze", "", S::REQUEST_TIMEOUT).stalled()),
        (&slow, case("POST", "/api/share", "/api/share", "", S::REQUEST_TIMEOUT).stalled()),
        (&with_app, case("POST", "/api/chart/{kind}", "/api/chart/overhead", S1, S::OK)),
        (&with_app, case("POST", "/api/chart/{kind}", "/api/chart/architecture", S1, S::OK)),
        (&with_app, case("POST", "/api/chart/{kind}", "/api/chart/pie", S1, S::NOT_FOUND)),
        (&with_app, case("POST", "/api/chart/{kind}", "/api/chart/growth", INVALID, S::UNPROCESSABLE_ENTITY)),
        (&with_app, case("GET", "/api/catalog", "/api/catalog", "", S::OK)),
        (&with_app, case("GET", "/api/catalog/{id}", "/api/catalog/postgresql", "", S::OK)),
        (&with_app, case("GET", "/api/catalog/{id}", "/api/catalog/postgress", "", S::NOT_FOUND)),
        (&with_app, case("GET", "/api/catalog/{id}", "/api/catalog/%FF", "", S::BAD_REQUEST)),
        (&with_app, case("GET", "/healthz", "/healthz", "", S::OK)),
        (&with_app, case("GET", "/api/openapi.json", "/api/openapi.json", "", S::OK)),
        (&with_app, case("POST", "/api/share", "/api/share", S1, S::OK)),
        (&with_app, case("POST", "/api/share", "/api/share", "name: new\n", S::UNPROCESSABLE_ENTITY)),
        (&with_app, case("POST", "/api/share", "/api/share", S1, S::FORBIDDEN).header("sec-fetch-site", "cross-site")),
        (&limited, case("POST", "/api/share", "/api/share", S1, S::CREATED)),
        (&limited, case("POST", "/api/share", "/api/share", S1, S::TOO_MANY_REQUESTS)),
        (&with_app, case("GET", "/api/share/{id}", &format!("/api/share/{id}"), "", S::OK)),
        (&with_app, case("GET", "/api/share/{id}", "/api/share/aaaaaaaaaaaaaaaaaaaaaaaa", "", S::NOT_FOUND)),
        (&with_app, case("GET", "/r/{id}", &format!("/r/{id}"), "", S::OK)),
        (&with_app, case("GET", "/r/{id}", "/r/nope", "", S::NOT_FOUND)),
        (&without_app, case("GET", "/r/{id}", &format!("/r/{id}"), "", S::SERVICE_UNAVAILABLE)),
        (&with_app, case("GET", "/rules/{code}", "/rules/SW001", "", S::OK)),
        (&with_app, case("GET", "/rules/{code}", "/rules/sw000", "", S::OK)),
        (&with_app, case("GET", "/rules/{code}", "/rules/dual-write", "", S::OK)),
        (&with_app, case("GET", "/rules/{code}", "/rules/SW999", "", S::NOT_FOUND)),
        (&with_app, case("GET", "/rules/{code}", "/rules/%FF", "", S::BAD_REQUEST)),
    ];
    let mut validator = Validator::new();
    for (router, case) in cases {
        let what = format!("{} {}", case.method, case.uri);
        let (method, template, expected) = (case.method, case.template, case.status);
        let (status, headers, body) = call(router, case.request()).await;
        assert_eq!(status, expected, "{what}: {}", String::from_utf8_lossy(&body));
        let (at, response) = validator.response(method, template, status);
        let content_type = headers[header::CONTENT_TYPE].to_str().unwrap();
        let essence = content_type.split(';').next().unwrap().trim();
        let content = &response["content"];
        assert!(content.get(essence).is_some(), "{what}: {status} is documented as {content}, not {content_type}");
        if essence == "application/json" {
            let body: Value = serde_json::from_slice(&body).unwrap();
            validator.check(&format!("{at}/content/application~1json/schema"), &body, &what);
        }
        for name in response.get("headers").and_then(Value::as_object).map_or_else(Vec::new, |h| h.keys().collect()) {
            if status == StatusCode::TOO_MANY_REQUESTS || name == "Cache-Control" {
                assert!(headers.contains_key(name.as_str()), "{what}: no {name} header");
            }
        }
    }
}

impl Case {
    fn request(&self) -> Request<Body> {
        let mut request = Request::builder().method(self.method).uri(&self.uri);
        for (name, value) in &self.headers {
            request = request.header(*name, value);
        }
        let body = if self.stalled { Body::new(Stalled) } else { Body::from(self.body.clone()) };
        request.body(body).unwrap()
    }
}

/// Issue 15: the described report, catalog and share record hold for every example and real case
/// (not only the one the router test sends), and every diagnostic of the invalid fixtures matches
/// the described diagnostic.
#[test]
fn issue_15_every_report_and_the_catalog_match_their_schemas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog = catalog::Catalog::embedded().unwrap();
    let mut validator = Validator::new();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["examples", "tests/v2", "tests/invalid"] {
        files.extend(std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()));
    }
    for case in std::fs::read_dir(root.join("tests/cases")).unwrap() {
        let before = case.unwrap().path().join("before.yaml");
        if before.exists() {
            files.push(before);
        }
    }
    let (mut reports, mut invalid) = (0, 0);
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")) {
        let what = path.display().to_string();
        let parsed = workload::parse_bytes(&std::fs::read(path).unwrap(), catalog);
        match &parsed.workload {
            Some(w) => {
                let mut report = engine::analyze(w, parsed.catalog_or(catalog));
                report.speak(parsed.catalog_or(catalog));
                validator.check("/components/schemas/Report", &serde_json::to_value(&report).unwrap(), &what);
                let sarif = engine::render::sarif_report(
                    env!("CARGO_PKG_VERSION"),
                    "workload.yaml",
                    &report,
                    &parsed.diagnostics,
                );
                validator.check("/components/schemas/ReportOrSarif", &serde_json::to_value(&sarif).unwrap(), &what);
                reports += 1;
            }
            None => invalid += 1,
        }
        for diagnostic in &parsed.diagnostics {
            validator.check("/components/schemas/Diagnostic", &serde_json::to_value(diagnostic).unwrap(), &what);
        }
    }
    assert!(reports >= 30 && invalid >= 10, "{reports} reports, {invalid} invalid files");
    validator.check("/components/schemas/Catalog", &serde_json::to_value(catalog).unwrap(), "the catalog");
}

/// Issue 15: the analysis formats the document lists are the ones the handler takes.
#[test]
fn issue_15_the_documented_formats_are_the_handled_ones() {
    let doc = document();
    let schema = &doc["components"]["schemas"]["Format"];
    let names: Vec<&str> = schema["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(names, ["json", "markdown", "sarif"]);
    for name in names {
        assert!(super::analyze::Format::parse(name).is_some(), "{name}");
    }
}

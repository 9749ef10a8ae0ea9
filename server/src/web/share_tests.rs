//! Short links through the router: one id per workload, records read back, the page behind
//! `/r/<id>` with its preview, limits and errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use axum::{
    Router,
    body::{Body, to_bytes},
    http::{Request, StatusCode, header},
};
use serde_json::Value;
use tower::ServiceExt;

use super::{
    app,
    share::MAX_SHARED,
    tests::{state, state_at, temp_dir},
};

const S1: &str = include_str!("../../../examples/s1-logistics.yaml");
const S2: &str = include_str!("../../../examples/s2-dual-write.yaml");

async fn call(router: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn share(body: impl Into<Body>) -> Request<Body> {
    Request::post("/api/share").body(body.into()).unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn with_bundle() -> Router {
    let dist = temp_dir("share-dist");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>storewise</title></head><body></body></html>",
    )
    .unwrap();
    app(state(Some(dist)))
}

#[tokio::test]
async fn the_same_workload_shared_twice_gives_one_id() {
    let router = app(state(None));
    let (status, _, first) = call(&router, share(S1)).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let first: Value = serde_json::from_str(&first).unwrap();
    let id = first["id"].as_str().unwrap();
    assert_eq!(id.len(), 24, "120 bits in base32");
    assert_eq!(first["path"], format!("/r/{id}"));
    let (status, _, again) = call(&router, share(S1)).await;
    assert_eq!(status, StatusCode::OK);
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again, first, "same record, creation time included");
    let (_, _, other) = call(&router, share(S2)).await;
    assert_ne!(serde_json::from_str::<Value>(&other).unwrap()["id"], first["id"]);
}

#[tokio::test]
async fn a_stored_link_reads_back_whole() {
    let router = app(state(None));
    let (_, _, created) = call(&router, share(S1)).await;
    let created: Value = serde_json::from_str(&created).unwrap();
    let (status, headers, body) = call(&router, get(&format!("/api/share/{}", created["id"].as_str().unwrap()))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    let record: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(record["shared"]["workload"], S1);
    assert_eq!(record["shared"]["made_with"]["rules"], engine::RULES_VERSION);
    assert!(record["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(!record["shared"]["findings"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_404() {
    let router = app(state(None));
    for id in ["aaaaaaaaaaaaaaaaaaaaaaaa", "nope", "..%2F..%2Fetc"] {
        let (status, _, body) = call(&router, get(&format!("/api/share/{id}"))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn invalid_workloads_are_not_stored() {
    let router = app(state(None));
    let (status, _, body) = call(&router, share("version: 1\nname: x\nstores: [{ id: a, typ: redis }]\n")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["error"]["code"], "invalid_workload");
}

#[tokio::test]
async fn over_256_kib_is_a_clear_413() {
    let router = app(state(None));
    let big = format!("{S1}\n{}", "# padding\n".repeat(MAX_SHARED / 10));
    let (status, _, body) = call(&router, share(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["code"], "too_large");
    assert!(v["error"]["message"].as_str().unwrap().contains("256 KiB"), "{v}");
}

#[tokio::test]
async fn the_page_behind_a_short_link_previews_the_result() {
    let router = with_bundle();
    let (_, _, created) = call(&router, share(S2)).await;
    let path = serde_json::from_str::<Value>(&created).unwrap()["path"].as_str().unwrap().to_string();
    let (status, headers, page) = call(&router, get(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(page.contains("<title>Package status with dual writes — storewise</title>"), "{page}");
    assert!(page.contains("<meta property=\"og:title\""));
    assert!(page.contains("critical"), "the preview counts findings by severity: {page}");
    assert!(page.contains("<script type=\"application/json\" id=\"storewise-shared\">"));
    assert_eq!(page.matches("<title>").count(), 1);
}

/// Issue 7: a hostile workload name stays text in the preview and the embedded record.
#[tokio::test]
async fn hostile_names_are_escaped_in_the_page() {
    let router = with_bundle();
    let yaml = "version: 1\nname: \"<img src=x onerror=alert(1)></script>\"\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n";
    let (status, _, created) = call(&router, share(yaml)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let path = serde_json::from_str::<Value>(&created).unwrap()["path"].as_str().unwrap().to_string();
    let (_, _, page) = call(&router, get(&path)).await;
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("</script>\""), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test]
async fn an_unknown_short_link_is_a_404_page_the_app_explains() {
    let router = with_bundle();
    let (status, _, page) = call(&router, get("/r/aaaaaaaaaaaaaaaaaaaaaaaa")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("\"missing\":\"aaaaaaaaaaaaaaaaaaaaaaaa\""), "{page}");
}

#[tokio::test]
async fn creating_links_too_fast_is_a_429_with_retry_after() {
    let router = app(state(None).with_share_rate(2));
    for text in [S1, S2] {
        assert_eq!(call(&router, share(text)).await.0, StatusCode::CREATED);
    }
    let (status, headers, body) = call(&router, share(S1)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["error"]["code"], "rate_limited");
    let (status, _, _) = call(&router, get("/api/share/aaaaaaaaaaaaaaaaaaaaaaaa")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "reading is never limited");
}

/// Issue 18: a form or script on another site cannot create a link; the app (same origin) and
/// the CLI (no `Origin`) can.
#[tokio::test]
async fn issue_18_share_creation_refuses_other_sites() {
    let router = app(state(None));
    let from = |headers: &[(&str, &str)]| {
        let mut request = Request::post("/api/share").header(header::HOST, "localhost:8080");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.body(Body::from(S1)).unwrap()
    };
    for hostile in [
        &[("origin", "https://evil.example")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[("origin", "null"), ("content-type", "text/plain")][..],
    ] {
        let (status, headers, body) = call(&router, from(hostile)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{hostile:?}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["error"]["code"], "forbidden");
    }
    let (status, _, body) =
        call(&router, from(&[("origin", "http://localhost:8080"), ("sec-fetch-site", "same-origin")])).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _, _) = call(&router, from(&[])).await;
    assert_eq!(status, StatusCode::OK, "no Origin (the CLI): allowed, and already stored");
}

/// Issue 18: a record altered in the database (its workload no longer gives its id) or damaged
/// (its summary no longer decodes) is refused with a JSON error that says so, never served —
/// not by the API, not by the page, not as the answer to sharing the same workload again.
#[tokio::test]
async fn issue_18_an_altered_or_damaged_record_is_refused() {
    let db = temp_dir("altered").join("links.db");
    let router = app(state_at(&db, None));
    let id = |body: &str| serde_json::from_str::<Value>(body).unwrap()["id"].as_str().unwrap().to_string();
    let altered = id(&call(&router, share(S1)).await.2);
    let damaged = id(&call(&router, share(S2)).await.2);
    let sql = rusqlite::Connection::open(&db).unwrap();
    sql.execute_batch("DROP TRIGGER links_immutable").unwrap();
    sql.execute("UPDATE links SET workload = workload || '# altered' WHERE id = ?1", [&altered]).unwrap();
    sql.execute("UPDATE links SET summary = '{\"findings\": \"many\"}' WHERE id = ?1", [&damaged]).unwrap();
    drop(sql);
    let refused = |status: StatusCode, headers: &axum::http::HeaderMap, body: &str, why: &str| {
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["code"], "damaged_link", "{v}");
        let message = v["error"]["message"].as_str().unwrap();
        assert!(message.contains(why) && message.contains("not served"), "{message}");
        assert!(!body.contains("# altered"), "the altered text is never sent: {body}");
    };
    for path in [format!("/api/share/{altered}"), format!("/r/{altered}")] {
        let (status, headers, body) = call(&router, get(&path)).await;
        refused(status, &headers, &body, "altered");
    }
    let (status, headers, body) = call(&router, share(S1)).await;
    refused(status, &headers, &body, "altered");
    let (status, headers, body) = call(&router, get(&format!("/api/share/{damaged}"))).await;
    refused(status, &headers, &body, "summary");
}

/// Issue 18: behind a trusted proxy the share rate counts each client `X-Forwarded-For` names;
/// from anyone else the header is ignored; answers say what is left (`RateLimit-*`).
#[tokio::test]
async fn issue_18_the_share_rate_keys_on_the_client_behind_a_trusted_proxy() {
    use std::net::SocketAddr;

    use axum::extract::ConnectInfo;

    let proxy: SocketAddr = "10.0.0.1:40000".parse().unwrap();
    let stranger: SocketAddr = "198.51.100.7:40000".parse().unwrap();
    let router = app(state(None).with_share_rate(1).with_trusted_proxies(&[proxy.ip()]));
    let via = |peer: SocketAddr, client: &'static str, body: &'static str| {
        Request::post("/api/share")
            .header("x-forwarded-for", client)
            .extension(ConnectInfo(peer))
            .body(Body::from(body))
            .unwrap()
    };
    let (status, headers, _) = call(&router, via(proxy, "203.0.113.5", S1)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        (&headers["ratelimit-limit"], &headers["ratelimit-remaining"]),
        (&"1".parse().unwrap(), &"0".parse().unwrap())
    );
    assert!(headers["ratelimit-reset"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    let (status, headers, _) = call(&router, via(proxy, "203.0.113.5", S2)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["ratelimit-remaining"], "0");
    assert!(headers.contains_key(header::RETRY_AFTER));
    let (status, _, _) = call(&router, via(proxy, "203.0.113.6", S2)).await;
    assert_eq!(status, StatusCode::CREATED, "another client behind the proxy has its own bucket");
    let (status, _, _) = call(&router, via(stranger, "203.0.113.7", S1)).await;
    assert_eq!(status, StatusCode::OK, "already stored");
    let (status, _, _) = call(&router, via(stranger, "203.0.113.8", S1)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "a stranger cannot choose its bucket with the header");
}

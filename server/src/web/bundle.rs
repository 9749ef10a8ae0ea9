//! The web app embedded in the binary (the `embed-app` feature, see `build.rs`): served like
//! `dist/` on disk — the brotli or gzip copy when the client accepts it, `index.html` for every
//! other path so deep links load — when `storewise serve` finds no bundle on disk.

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// One embedded file's contents.
fn file(name: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, bytes)| *bytes)
}

/// The embedded `index.html`, as text.
pub(super) fn index_html() -> Option<&'static str> {
    file("index.html").and_then(|b| std::str::from_utf8(b).ok())
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "webmanifest" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether `Accept-Encoding` allows `coding` (a `q=0` refuses it).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |part| {
            let mut bits = part.split(';').map(str::trim);
            let name = bits.next().unwrap_or_default();
            let refused = bits.any(|b| b.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0)));
            (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
        },
    )
}

/// Answers a path from the embedded app.
pub(super) fn serve(uri: &Uri, headers: &HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    let name = if path.is_empty() || path.ends_with('/') || file(path).is_none() { "index.html" } else { path };
    let Some(plain) = file(name) else {
        return super::assets::not_built_page();
    };
    let (bytes, encoding) = [("br", ".br"), ("gzip", ".gz")]
        .iter()
        .find_map(|(coding, ext)| {
            accepts(headers, coding).then(|| file(&format!("{name}{ext}")).map(|b| (b, Some(*coding)))).flatten()
        })
        .unwrap_or((plain, None));
    let mut response = (StatusCode::OK, bytes).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(coding) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_honours_q_zero_and_wildcards() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, br;q=0"));
        assert!(accepts(&h, "gzip"));
        assert!(!accepts(&h, "br"));
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("*"));
        assert!(accepts(&h, "br"));
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        assert!(!accepts(&h, "gzip"));
    }

    #[test]
    fn types_follow_the_extension() {
        assert_eq!(content_type("app_bg.wasm"), "application/wasm");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
    }
}

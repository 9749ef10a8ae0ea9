//! Whether a request that creates something came from this site: a form or script on another
//! site must not be able to create share links in a visitor's name.

use axum::http::{HeaderMap, header};

use super::error::ApiError;

/// Refuses `Sec-Fetch-Site: cross-site` and an `Origin` whose host is not the `Host` the request
/// was sent to. A request with neither header (the CLI, curl) is allowed: browsers send `Origin`
/// on every cross-origin POST.
pub(super) fn check(headers: &HeaderMap) -> Result<(), ApiError> {
    let refused = |why: &str| Err(ApiError::Forbidden(format!("share links are created from this site only: {why}")));
    if headers.get("sec-fetch-site").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site")) {
        return refused("the request came from another site");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or_default();
        let origin_host = origin.split_once("://").map(|(_, rest)| rest.split('/').next().unwrap_or_default());
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        match (origin_host, host) {
            (Some(o), Some(h)) if !o.is_empty() && o.eq_ignore_ascii_case(h.trim()) => {}
            _ => return refused("its Origin is not this server"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    /// Issue 18: only another site's requests are refused.
    #[test]
    fn issue_18_origin_and_fetch_site() {
        assert!(check(&headers(&[])).is_ok(), "the CLI and curl send neither");
        assert!(check(&headers(&[("host", "localhost:8080"), ("origin", "http://localhost:8080")])).is_ok());
        assert!(check(&headers(&[("host", "Example.org"), ("origin", "https://example.org")])).is_ok());
        assert!(check(&headers(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(check(&headers(&[("sec-fetch-site", "cross-site")])).is_err());
        assert!(check(&headers(&[("host", "localhost:8080"), ("origin", "https://evil.example")])).is_err());
        assert!(check(&headers(&[("host", "localhost:8080"), ("origin", "null")])).is_err());
        assert!(check(&headers(&[("origin", "http://localhost:8080")])).is_err(), "no Host to compare with");
    }
}

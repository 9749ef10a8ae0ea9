//! Share links in the browser: the fragment link, the short link (`POST /api/share`), the
//! record a `/r/<id>` page embeds, and the clipboard.

use link::Shared;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Longer links get cut by some chat tools; past this the app makes a short link instead.
pub const LONG_LINK: usize = 2000;

/// The id of the JSON data block a `/r/<id>` page carries (set by the server).
const EMBEDDED_ID: &str = "storewise-shared";

/// A workload that was opened from a link: what the link recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The record: workload, versions, findings.
    pub shared: Shared,
    /// For a short link: its id and when it was made.
    pub short: Option<Stored>,
}

/// A short link's id and creation time.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Stored {
    /// The id in `/r/<id>`.
    pub id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// What a `/r/<id>` page brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Preloaded {
    /// The stored link.
    Link(Origin),
    /// No link has this id.
    Missing(String),
}

#[derive(Deserialize)]
struct Embedded {
    missing: Option<String>,
    #[serde(flatten)]
    stored: Option<Stored>,
    shared: Option<Shared>,
}

/// Reads the data block a `/r/<id>` page embeds (`None` on any other page).
pub fn preloaded() -> Option<Preloaded> {
    let json = web_sys::window()?.document()?.get_element_by_id(EMBEDDED_ID)?.text_content()?;
    Some(parse_embedded(&json))
}

/// The embedded record, or a missing link when it does not read.
pub fn parse_embedded(json: &str) -> Preloaded {
    match serde_json::from_str::<Embedded>(json) {
        Ok(Embedded { shared: Some(shared), stored, .. }) => Preloaded::Link(Origin { shared, short: stored }),
        Ok(Embedded { missing: Some(id), .. }) => Preloaded::Missing(id),
        _ => Preloaded::Missing(String::new()),
    }
}

/// The record for the editor's text as it is now (re-analysed, so it matches the text even
/// while an analysis is pending), or why there is none.
pub fn record(text: &str) -> Result<Shared, String> {
    let catalog = crate::analysis::catalog()?;
    let parsed = workload::parse(text, catalog);
    match &parsed.workload {
        Some(w) => {
            Ok(Shared::new(text, &engine::analyze_as_of(w, parsed.catalog_or(catalog), crate::analysis::today(), &[])))
        }
        None => Err("fix the errors first: a link to a workload with errors would show only the errors".into()),
    }
}

/// `https://host` of the page.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The link that carries the whole record in its fragment.
pub fn fragment_url(shared: &Shared) -> String {
    format!("{}/#{}", origin(), link::fragment(shared))
}

/// Stores the workload on the server this page came from and returns its short link.
pub async fn short_link(text: &str) -> Result<String, String> {
    let detail = |e: JsValue| e.as_string().unwrap_or_else(|| "the server cannot be reached".to_string());
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(text));
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init("/api/share", &init)).await.map_err(detail)?.unchecked_into();
    let body = JsFuture::from(response.text().map_err(detail)?).await.map_err(detail)?.as_string().unwrap_or_default();
    let answer: serde_json::Value =
        serde_json::from_str(&body).map_err(|_| format!("the server answered {} without a link", response.status()))?;
    if let Some(path) = answer.get("path").and_then(serde_json::Value::as_str).filter(|_| response.ok()) {
        return Ok(format!("{}{path}", origin()));
    }
    let message = answer.pointer("/error/message").and_then(serde_json::Value::as_str).unwrap_or("no reason given");
    Err(format!("the server did not store it ({}): {message}", response.status()))
}

/// Puts `text` on the clipboard; false when the browser refuses (no permission, not secure).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_server_embeds() {
        let json = r#"{"id":"abc","path":"/r/abc","name":"n","created_at":"2026-11-21T08:00:00Z","summary":{},
            "shared":{"workload":"version: 1","made_with":{"catalog":"1+x","rules":"1.0"},"findings":[]}}"#;
        let Preloaded::Link(origin) = parse_embedded(json) else { panic!("not a link") };
        assert_eq!(origin.shared.workload, "version: 1");
        assert_eq!(origin.short.unwrap().id, "abc");
        assert_eq!(parse_embedded(r#"{"missing":"zzz"}"#), Preloaded::Missing("zzz".into()));
        assert_eq!(parse_embedded("not json"), Preloaded::Missing(String::new()));
    }

    #[test]
    fn records_need_a_valid_workload() {
        assert!(record(crate::examples::find("s1").unwrap().yaml).is_ok());
        assert!(record("version: 1\nstores: [{ id: a, typ: x }]").unwrap_err().contains("fix the errors"));
    }
}

//! The catalog's prose in the browser: the store types' `estimate` and `note` texts, which the
//! app's embedded catalog leaves out (they are a tenth of the critical path and only a store
//! page shows them; issue 14 item 1). `index.html` names the asset that holds the whole catalog
//! (`<meta name="storewise-prose" content="/catalog-prose-<hash>.json">`); it is fetched once, the
//! first time a store page opens, and kept for the page's life.

use std::{collections::BTreeMap, sync::OnceLock};

use catalog::StoreType;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The store types with their prose, by id.
pub type Stores = BTreeMap<String, StoreType>;

static LOADED: OnceLock<Stores> = OnceLock::new();

/// Reads the asset's text as the store types it holds (a map of file stem to store type).
pub fn parse(json: &str) -> Result<Stores, String> {
    let by_file: BTreeMap<String, StoreType> =
        serde_json::from_str(json).map_err(|e| format!("the catalog's reasoning does not read: {e}"))?;
    Ok(by_file.into_values().map(|s| (s.id.clone(), s)).collect())
}

/// The store types with their prose: fetched the first time, then kept.
pub async fn load() -> Result<&'static Stores, String> {
    if let Some(stores) = LOADED.get() {
        return Ok(stores);
    }
    let detail = |e: JsValue| e.as_string().unwrap_or_else(|| "it could not be fetched (offline?)".to_string());
    let window = web_sys::window().ok_or("no window")?;
    let url = window
        .document()
        .and_then(|d| d.query_selector("meta[name=storewise-prose]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .ok_or("the page names no catalog reasoning to load")?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&url)).await.map_err(detail)?.unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {} for {url}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(detail)?).await.map_err(detail)?.as_string().unwrap_or_default();
    let stores = parse(&text)?;
    Ok(LOADED.get_or_init(|| stores))
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// The asset maps file stems to whole store types; the page looks them up by id.
    #[test]
    fn the_asset_reads_as_the_store_types_by_id() {
        let catalog = crate::analysis::catalog().expect("catalog");
        let by_file: serde_json::Map<String, serde_json::Value> = catalog
            .stores
            .iter()
            .map(|s| (format!("{}-file", s.id), serde_json::to_value(s).expect("a store type serializes")))
            .collect();
        let stores = parse(&serde_json::Value::Object(by_file).to_string()).expect("it reads");
        assert_eq!(stores.len(), catalog.stores.len());
        assert!(stores.contains_key("postgresql"));
        assert!(parse("[]").is_err_and(|e| e.contains("does not read")));
    }
}

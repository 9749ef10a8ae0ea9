//! Keeping the user's work (issue 14): the address always says what is shown (an edited workload
//! as a `#w=` link, replaced in place so typing adds no history entries), the last edit is kept in
//! the browser's local storage and offered back on the next visit, and the page title names the
//! workload. Every call tolerates a browser without storage or history (private modes).

use serde::{Deserialize, Serialize};

/// The local-storage key of the draft.
const DRAFT_KEY: &str = "storewise.draft";
/// The title of a page with no workload on show.
pub const DEFAULT_TITLE: &str = "storewise — data store architecture advisor";
/// Past this many characters the address is not rewritten (browsers and servers cut longer URLs
/// in places; the draft still keeps the work).
pub const MAX_URL_FRAGMENT: usize = 64 * 1024;

/// An edit kept in local storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The editor's text.
    pub text: String,
    /// When it was kept: milliseconds since the Unix epoch.
    pub saved_at: f64,
}

impl Draft {
    /// The workload's `name:` line, for the offer ("Logistics platform"), when it has one.
    pub fn name(&self) -> Option<&str> {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix("name:"))
            .map(|n| n.trim().trim_matches(['"', '\'']))
            .filter(|n| !n.is_empty())
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps `text` as the draft.
pub fn save_draft(text: &str) {
    let draft = Draft { text: text.to_string(), saved_at: js_sys::Date::now() };
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&draft)) {
        // a full storage (or one the user blocked) keeps nothing; the editor still holds the text
        let _ = storage.set_item(DRAFT_KEY, &json);
    }
}

/// The kept draft, if there is one that reads.
pub fn draft() -> Option<Draft> {
    let json = storage()?.get_item(DRAFT_KEY).ok().flatten()?;
    serde_json::from_str::<Draft>(&json).ok().filter(|d| !d.text.trim().is_empty())
}

/// Forgets the draft.
pub fn clear_draft() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(DRAFT_KEY);
    }
}

/// Replaces the address's fragment with `fragment` (without `#`) in place: no history entry, no
/// `hashchange`.
pub fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) else { return };
    let url = format!("{path}#{fragment}");
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// Sets the page title: the workload's name (or the page's) before the app's name.
pub fn set_title(name: Option<&str>) {
    let title = name.map_or_else(|| DEFAULT_TITLE.to_string(), |n| format!("{n} — storewise"));
    if let Some(document) = web_sys::window().and_then(|w| w.document())
        && document.title() != title
    {
        document.set_title(&title);
    }
}

/// "14:32" for a draft kept today, else "2 Dec, 14:32", in the browser's time zone.
pub fn when(saved_at: f64) -> String {
    let saved = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(saved_at));
    let today = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", saved.get_hours(), saved.get_minutes());
    if saved.to_date_string() == today.to_date_string() {
        time
    } else {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = MONTHS.get(saved.get_month() as usize).copied().unwrap_or_default();
        format!("{} {month}, {time}", saved.get_date())
    }
}

#[cfg(test)]
mod tests {
    use super::Draft;

    #[test]
    fn a_drafts_name_is_its_name_line() {
        let d = |text: &str| Draft { text: text.into(), saved_at: 0.0 };
        assert_eq!(d("version: 2\nname: \"Shop on PostgreSQL\"\nstores: []\n").name(), Some("Shop on PostgreSQL"));
        assert_eq!(d("version: 2\nname:\n").name(), None);
        assert_eq!(d("stores: []").name(), None);
    }
}

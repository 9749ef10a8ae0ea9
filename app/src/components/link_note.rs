//! The note over a result opened from a link: when and with which catalog and rules it was
//! made, and — when those differ from the running ones — what changed in the findings.

use leptos::prelude::*;

use crate::state::AppState;

/// Shown while the editor holds the linked workload unchanged.
#[component]
pub fn LinkNote(
    /// The shared state.
    state: AppState,
    /// Today's report of the text on show.
    report: std::sync::Arc<engine::Report>,
) -> impl IntoView {
    move || {
        let origin = state.origin.get()?;
        if !state.text.with(|t| *t == origin.shared.workload) {
            return None;
        }
        let comparison = origin.shared.compare(&report);
        let made = origin.short.as_ref().map(|s| format!(" on {}", s.created_at.get(..10).unwrap_or(&s.created_at)));
        let versions = format!(
            "This result was shared{} with catalog {} and rules {}.",
            made.unwrap_or_default(),
            comparison.made_with.catalog,
            comparison.made_with.rules
        );
        let same = comparison.same_versions();
        let verdict = if same {
            "They are the ones running here, so this is the result as it was shared.".to_string()
        } else if comparison.same_findings() {
            "The catalog or rules have changed since; the findings are the same, the figures may differ.".to_string()
        } else {
            "The catalog or rules have changed since, and so has the result:".to_string()
        };
        let changes = comparison.describe();
        Some(view! {
            <aside class="link-note" class:changed=!same data-testid="link-note" data-same=same.to_string()>
                <p>{versions} " " {verdict}</p>
                {(!same).then(|| view! {
                    <ul data-testid="link-changes">
                        {changes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                })}
            </aside>
        })
    }
}

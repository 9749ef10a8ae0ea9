//! "Copy link": the fragment link when it is short enough, a stored short link otherwise or on
//! request; the link is shown in a box too, for browsers that refuse the clipboard.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    share::{self, LONG_LINK},
    state::AppState,
};

/// Selects the whole link when the box gets focus, ready to copy.
#[allow(clippy::needless_pass_by_value)] // the signature event handlers have
fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlInputElement>(&ev).select();
}

/// What the share box says after a click.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Idle,
    Working,
    Done(String),
    Failed(String),
}

/// The share buttons, the link box and a status line.
#[component]
pub fn ShareLink(
    /// The shared state.
    state: AppState,
) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Idle);
    let make = move |short: bool| {
        let text = state.text.get_untracked();
        let record = match share::record(&text) {
            Ok(r) => r,
            Err(message) => return status.set(Status::Failed(message)),
        };
        status.set(Status::Working);
        spawn_local(async move {
            let fragment = share::fragment_url(&record);
            let length = fragment.len();
            let (link, note) = if !short && fragment.len() <= LONG_LINK {
                (fragment, "the workload is in the link itself: nothing is stored anywhere".to_string())
            } else {
                match share::short_link(&text).await {
                    Ok(link) => (link, "a short link, stored on this server; it never changes".to_string()),
                    Err(e) if short => return status.set(Status::Failed(format!("No short link: {e}."))),
                    Err(e) => (
                        fragment,
                        format!("a long link ({length} characters; some chat tools cut links that long), since {e}"),
                    ),
                }
            };
            url.set(link.clone());
            let copied = share::copy(&link).await;
            status.set(Status::Done(if copied {
                format!("Copied: {note}.")
            } else {
                format!("Select the link above and copy it: {note}.")
            }));
        });
    };
    let busy = move || status.with(|s| *s == Status::Working);
    view! {
        <div class="share" role="group" aria-label="Share this result">
            <span class="downloads-label">"Share:"</span>
            <button type="button" class="button" data-testid="share-copy" disabled=busy on:click=move |_| make(false)>
                "Copy link"
            </button>
            <button type="button" class="button" data-testid="share-short" disabled=busy on:click=move |_| make(true)>
                "Short link"
            </button>
            <Show when=move || !url.with(String::is_empty)>
                <label class="sr-only" for="share-url">"Link to this result"</label>
                <input
                    id="share-url"
                    class="share-url"
                    data-testid="share-url"
                    readonly
                    prop:value=move || url.get()
                    on:focus=select_all
                />
            </Show>
            <p class="share-status" role="status" data-testid="share-status">
                {move || match status.get() {
                    Status::Idle => String::new(),
                    Status::Working => "Making the link…".to_string(),
                    Status::Done(m) | Status::Failed(m) => m,
                }}
            </p>
        </div>
    }
}

//! A `<details>` whose body is built the first time it opens (or the page is printed): a
//! disclosure that stays closed costs the page nothing, however long its body (issue 14 item 2:
//! the overhead table of a 500-store file is 5,000 cells, the jump list 1,000 buttons).

use leptos::{ev, prelude::*};

use crate::state::AppState;

/// A disclosure with a lazily built body.
#[component]
pub fn Disclosure(
    /// The shared state (printing opens every disclosure).
    state: AppState,
    /// The `<details>` element's class.
    class: &'static str,
    /// Its `data-testid`.
    #[prop(optional)]
    test_id: &'static str,
    /// The summary line.
    summary: String,
    /// The body, built once the disclosure has opened.
    children: ChildrenFn,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    let printing = Memo::new(move |_| state.media.with(|m| m.printing));
    let on_toggle = move |e: ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&e).open();
        if open && !opened.get_untracked() {
            opened.set(true);
        }
    };
    view! {
        <details class=class data-testid=(!test_id.is_empty()).then_some(test_id) on:toggle=on_toggle>
            <summary>{summary}</summary>
            {move || (opened.get() || printing.get()).then(|| children())}
        </details>
    }
}

//! What the page is shown on, as signals kept up to date: whether it is printed, the colour
//! scheme the charts are drawn in (the user's `prefers-color-scheme`, light while printing) and the window's width (which
//! tells the charts to measure their boxes again).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};

use crate::{dom, state::AppState};

/// How long resizing must pause before the charts are drawn again for their new width.
const RESIZE_PAUSE: Duration = Duration::from_millis(120);

fn matches(query: &str) -> bool {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

/// The scheme to draw in now: dark when the user prefers it, but never on paper.
fn scheme(printing: bool) -> charts::Scheme {
    if !printing && matches("(prefers-color-scheme: dark)") { charts::Scheme::Dark } else { charts::Scheme::Light }
}

/// What the page is shown on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Media {
    /// The scheme the charts are drawn in.
    pub scheme: charts::Scheme,
    /// The page is printed (or shown as for print): charts are drawn at once, in the light
    /// scheme, and every disclosure's body is built.
    pub printing: bool,
}

/// Sets `state.media` and `state.viewport` and keeps them up to date for the page's life.
pub fn watch(state: AppState) {
    let printing = StoredValue::new(false);
    let update = move || {
        let paper = printing.get_value() || matches("print");
        let now = Media { scheme: scheme(paper), printing: paper };
        if state.media.get_untracked() != now {
            state.media.set(now);
        }
    };
    update();
    state.viewport.set(dom::window_width());
    // The listeners live as long as the page: their closures are leaked on purpose.
    for query in ["(prefers-color-scheme: dark)", "print"] {
        if let Some(list) = web_sys::window().and_then(|w| w.match_media(query).ok().flatten()) {
            let on_change = Closure::<dyn Fn()>::new(update);
            let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            on_change.forget();
        }
    }
    // A printout is drawn light before the browser lays it out, and in the page's scheme after.
    let _before = window_event_listener_untyped("beforeprint", move |_| {
        printing.set_value(true);
        update();
    });
    let _after = window_event_listener_untyped("afterprint", move |_| {
        printing.set_value(false);
        update();
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let _resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let width = dom::window_width();
                if state.viewport.get_untracked() != width {
                    state.viewport.set(width);
                }
            },
            RESIZE_PAUSE,
        )
        .ok();
        pending.set_value(handle);
    });
}

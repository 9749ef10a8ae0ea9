//! Keeps the reader's place in the findings when a new analysis replaces them (issue 14): as the
//! window scrolls, the card at its top and where that card is are noted; once the new list has
//! drawn the card at that place in the list, the window scrolls to put it back where it was.
//! Cards off screen are laid out at a placeholder height until they come into view
//! (`content-visibility: auto`), so without this a reader deep in the findings of the file they
//! are editing would see the content under them jump by the placeholders' difference: each new
//! card above the place takes the height the card at its place in the list had as its
//! placeholder, and the window is then put back by what is left (content that changed).

use std::cell::{Cell, RefCell};

use leptos::prelude::request_animation_frame;

thread_local! {
    /// The first finding card whose bottom is inside the window, when one is in it, and its top
    /// (CSS pixels from the window's top; negative when it starts above).
    static ANCHOR: Cell<Option<(usize, f64)>> = const { Cell::new(None) };
    /// An animation frame is already asked for to note the anchor.
    static NOTING: Cell<bool> = const { Cell::new(false) };
    /// The heights (CSS pixels) of the cards down to the anchor, as laid out when it was noted
    /// (0: filtered out).
    static HEIGHTS: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// The window scrolled: notes the anchor in the next animation frame (once per frame, where the
/// page is laid out anyway).
pub fn note_soon() {
    if NOTING.replace(true) {
        return;
    }
    request_animation_frame(|| {
        NOTING.set(false);
        ANCHOR.set(find());
    });
}

/// Forgets the place: a new text was loaded, or the app itself moved the window (a new page
/// starts at its top).
pub fn forget() {
    ANCHOR.set(None);
    HEIGHTS.with_borrow_mut(Vec::clear);
}

/// The placeholder size of the `index`th card while it is off screen: the height the card at its
/// place had, when it is above the noted place (`contain-intrinsic-size`; else the style sheet's).
pub fn placeholder(index: usize) -> Option<String> {
    HEIGHTS.with_borrow(|h| h.get(index).copied()).filter(|h| *h > 0.0).map(|h| format!("auto {h}px"))
}

/// A new list has drawn its first `drawn` cards: when the noted card is among them, scrolls the
/// window (in the next animation frame) to put it back where it was. Returns whether there is
/// nothing left to do for this list (no place noted, or it is put back).
pub fn restore(drawn: usize) -> bool {
    let Some((index, top)) = ANCHOR.get() else { return true };
    if index >= drawn {
        return false;
    }
    request_animation_frame(move || {
        let Some(window) = web_sys::window() else { return };
        let Some(el) = window.document().and_then(|d| d.get_element_by_id(&slot_id(index))) else { return };
        let delta = el.get_bounding_client_rect().top() - top;
        if delta.abs() >= 1.0 {
            window.scroll_by_with_x_and_y(0.0, delta);
        }
    });
    true
}

/// The id of the `index`th card's slot (what the jump list scrolls to).
pub fn slot_id(index: usize) -> String {
    format!("finding-{index}")
}

/// The first card (not filtered out) whose bottom is below the window's top, if it starts inside
/// the window; notes the heights of the cards down to it.
fn find() -> Option<(usize, f64)> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let height = window.inner_height().ok()?.as_f64()?;
    let mut heights = Vec::new();
    let found = (0..)
        .map_while(|i| document.get_element_by_id(&slot_id(i)).map(|el| (i, el.get_bounding_client_rect())))
        .inspect(|(_, r)| heights.push(r.height()))
        .find(|(_, r)| r.height() > 0.0 && r.bottom() > 0.0)
        .filter(|(_, r)| r.top() < height)
        .map(|(i, r)| (i, r.top()));
    HEIGHTS.set(if found.is_some() { heights } else { Vec::new() });
    found
}

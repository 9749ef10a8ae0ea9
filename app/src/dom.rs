//! Small direct DOM calls the views need: removing the boot note, the location hash, selecting a
//! line in the editor, moving focus. Every call tolerates a missing element.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The editor's line height in CSS pixels; `style/app.css` sets the same (`--sw-editor-lh`).
pub const EDITOR_LINE_HEIGHT_PX: i32 = 20;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Removes the element with this id, if there is one.
pub fn remove_by_id(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        el.remove();
    }
}

/// `location.hash`, or empty.
pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The window's inner width in CSS pixels (0 outside a browser).
pub fn window_width() -> u32 {
    let width = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(0.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a window's width, clamped")]
    let width = width.clamp(0.0, 100_000.0).round() as u32;
    width
}

/// The layout is one column (narrower than the two-column breakpoint of `style/app.css`,
/// 1100 CSS px): the results are below the editor.
pub fn one_column() -> bool {
    (1..1100).contains(&window_width())
}

/// Moves keyboard focus to the element with this id (it needs `tabindex="-1"` unless focusable),
/// without scrolling.
pub fn focus_by_id(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Scrolls the page so the element with this id is in view.
pub fn scroll_to_id(id: &str) {
    scroll_into_view(id, ScrollLogicalPosition::Nearest, ScrollBehavior::Smooth);
}

/// Brings the element with id `id` to the top of the window at once: a jump to one of hundreds
/// of findings, whose cards off screen are laid out only as they come into view (a smooth scroll
/// would aim at where the target was before the cards it passes took their height).
pub fn jump_to_id(id: &str) {
    scroll_into_view(id, ScrollLogicalPosition::Start, ScrollBehavior::Instant);
}

fn scroll_into_view(id: &str, block: ScrollLogicalPosition, behavior: ScrollBehavior) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(block);
        options.set_behavior(behavior);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Scrolls the window to the top (after a route change).
pub fn scroll_to_top() {
    crate::anchor::forget();
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Selects line `line` (1-based) of the editor, scrolls it into the editor's view (a third from
/// the top) and focuses the editor.
pub fn select_line(editor: &HtmlTextAreaElement, line: usize) {
    let text = editor.value();
    let (start, end) = line_span_utf16(&text, line);
    let _ = editor.focus();
    let _ = editor.set_selection_range(start, end);
    let row = i32::try_from(line.saturating_sub(1)).unwrap_or(i32::MAX / EDITOR_LINE_HEIGHT_PX);
    let top = row.saturating_mul(EDITOR_LINE_HEIGHT_PX) - editor.client_height() / 3;
    editor.set_scroll_top(top.max(0));
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Nearest);
    editor.scroll_into_view_with_scroll_into_view_options(&options);
}

/// The start and end of line `line` (1-based) in UTF-16 code units, as the DOM's selection API
/// counts them; past the last line, the end of the text.
pub fn line_span_utf16(text: &str, line: usize) -> (u32, u32) {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        let len = u32::try_from(l.encode_utf16().count()).unwrap_or(u32::MAX);
        if i + 1 == line {
            return (offset, offset.saturating_add(len));
        }
        offset = offset.saturating_add(len).saturating_add(1);
    }
    let end = offset.saturating_sub(1);
    (end, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_spans_count_utf16_units() {
        let text = "ab\n€😀x\n\nlast";
        assert_eq!(line_span_utf16(text, 1), (0, 2));
        assert_eq!(line_span_utf16(text, 2), (3, 7));
        assert_eq!(line_span_utf16(text, 3), (8, 8));
        assert_eq!(line_span_utf16(text, 4), (9, 13));
        assert_eq!(line_span_utf16(text, 9), (13, 13));
    }
}

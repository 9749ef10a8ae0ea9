//! Text made safe for a terminal: control and bidirectional-override characters that came from
//! a file are shown as escapes instead of being sent to the terminal.
//!
//! A workload's names, ids and keys are the file author's text. Printed raw, an ESC starts a
//! terminal escape sequence (recolouring, moving the cursor, retitling the window, hyperlinks),
//! a carriage return overwrites the line, and a right-to-left override reorders what the reader
//! sees. Every renderer that writes such text to a terminal passes it through [`printable`].

use std::{borrow::Cow, fmt::Write as _};

/// `text` with every control character except the newline (C0, DEL, C1) and every bidirectional
/// embedding, override or isolate character written as a Rust-style escape, `\u{1b}`.
///
/// Text with nothing to escape is returned as it is, without copying.
///
/// ```
/// assert_eq!(workload::printable("orders\u{1b}[2J"), "orders\\u{1b}[2J");
/// assert_eq!(workload::printable("orders\nusers"), "orders\nusers");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    if is_printable(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `text` prints as it is: [`printable`] would leave it unchanged.
pub fn is_printable(text: &str) -> bool {
    !text.chars().any(needs_escape)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escapes_terminal_controls_and_bidi_overrides() {
        assert_eq!(printable("a\u{7}b\rc\td\u{7f}e\u{9b}f"), "a\\u{7}b\\u{d}c\\u{9}d\\u{7f}e\\u{9b}f");
        assert_eq!(printable("admin\u{202e}txt.exe"), "admin\\u{202e}txt.exe");
        assert_eq!(printable("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in ["", "orders_db", "Logistik — Lager über 10 % · 日本語", "two\nlines"] {
            assert!(matches!(printable(text), std::borrow::Cow::Borrowed(t) if t == text));
        }
    }
}

//! Text without a font engine: estimated widths, truncation with an ellipsis, safe characters and
//! the number formats the charts print.
//!
//! Widths are estimated from DejaVu Sans advance widths (the widest of the fonts the style's
//! `system-ui` stack falls back to), so a label that fits here fits in any browser. The estimate
//! is the same on every target, so the same report lays out the same everywhere.

/// The ellipsis appended to a truncated label.
pub(crate) const ELLIPSIS: char = '…';

/// Approximate advance width of one character, in ems (DejaVu Sans; bold is handled by the caller).
fn advance(c: char) -> f64 {
    match c {
        ' ' => 0.32,
        'i' | 'j' | 'l' | '\'' | '|' | 'I' | 'J' | '.' | ',' | ':' | ';' | '!' | '·' => 0.30,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '-' => 0.41,
        '"' | '*' | '^' | '`' => 0.50,
        's' | 'z' | 'c' | '_' => 0.56,
        'a' | 'b' | 'd' | 'e' | 'g' | 'h' | 'k' | 'n' | 'o' | 'p' | 'q' | 'u' | 'v' | 'x' | 'y' => 0.64,
        '0'..='9' | '$' | '#' | '?' | 'L' | 'F' | 'P' | 'T' | 'Y' | 'S' | 'E' => 0.64,
        'm' | 'w' | 'W' | 'M' | '%' | '@' | '…' | '—' => 1.0,
        '+' | '−' | '=' | '<' | '>' | '≤' | '≥' | '×' | '→' | '~' => 0.84,
        'A'..='Z' | '&' => 0.78,
        c if c.is_ascii() => 0.64,
        // Wide scripts, symbols and emoji: a full em.
        _ => 1.0,
    }
}

/// Estimated width in pixels of `text` at `px` pixels (bold adds a tenth).
pub(crate) fn width(text: &str, px: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(advance).sum();
    ems * px * if bold { 1.1 } else { 1.0 }
}

/// `text` shortened with an ellipsis to fit `max` pixels, and whether it was shortened.
pub(crate) fn fit(text: &str, px: f64, bold: bool, max: f64) -> (String, bool) {
    if width(text, px, bold) <= max {
        return (text.to_string(), false);
    }
    let budget = max - width("…", px, bold);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = advance(c) * px * if bold { 1.1 } else { 1.0 };
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().to_string();
    (format!("{trimmed}{ELLIPSIS}"), true)
}

/// `text` broken at spaces into lines of at most `max` pixels; a word wider than a line is
/// shortened with an ellipsis (the caller's tooltip keeps the whole text). Never empty.
pub(crate) fn wrap(text: &str, px: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if line.is_empty() || width(&candidate, px, bold) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    lines.push(line);
    lines
}

/// User text made safe to draw: control characters become spaces; private-use characters
/// (the charts use them as markers) and characters XML forbids become U+FFFD. XML escaping itself
/// is done when the SVG is written.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            '\u{E000}'..='\u{F8FF}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Escapes text for XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A number with at most `decimals` decimals, trailing zeros dropped: `95.8`, `4`, `0.25`.
pub(crate) fn num(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let s = format!("{value:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".to_string() } else { s }
}

/// Hours: one decimal at most (`95.8`, `133.5`, `12`), as the text report prints them.
pub(crate) fn hours(value: f64) -> String {
    num(value, 1)
}

/// US dollars with thousands separators, no cents: `$13,830`.
pub(crate) fn usd(value: f64) -> String {
    if !value.is_finite() {
        return "$–".to_string();
    }
    let whole = value.abs().round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && whole > 0 { "−" } else { "" };
    format!("{sign}${grouped}")
}

/// A range `lo–hi`, or one number when both ends agree.
pub(crate) fn range(lo: f64, hi: f64, decimals: usize) -> String {
    if (hi - lo).abs() < 1e-9 { num(lo, decimals) } else { format!("{}–{}", num(lo, decimals), num(hi, decimals)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_truncates() {
        assert_eq!(fit("main-db", 13.0, false, 200.0), ("main-db".to_string(), false));
        let (short, cut) = fit("a-very-long-store-name-that-goes-on-and-on", 13.0, false, 120.0);
        assert!(cut && short.ends_with('…') && width(&short, 13.0, false) <= 120.0, "{short}");
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let lines = wrap("Current: 95.8 h/month · $13,830/month (people $12,000 at $150/h)", 12.0, false, 200.0);
        assert!(lines.len() >= 2 && lines.iter().all(|l| width(l, 12.0, false) <= 200.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Current: 95.8 h/month · $13,830/month (people $12,000 at $150/h)");
        assert_eq!(wrap("", 12.0, false, 100.0), vec![String::new()]);
        assert_eq!(wrap("one-very-long-word-alone", 12.0, false, 40.0).len(), 1);
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(num(95.77, 1), "95.8");
        assert_eq!(num(4.0, 2), "4");
        assert_eq!(hours(133.5), "133.5");
        assert_eq!(usd(13_830.4), "$13,830");
        assert_eq!(usd(950.0), "$950");
        assert_eq!(range(2.0, 5.0, 1), "2–5");
        assert_eq!(range(0.0, 0.0, 1), "0");
    }

    #[test]
    fn cleans_markers_and_controls() {
        assert_eq!(clean("a\u{1}b\u{E000}"), "a b\u{FFFD}");
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
    }
}

//! Diagnostics: what is wrong in a workload file, where, and what to write instead.

use std::fmt::Write as _;

use serde::Serialize;

use crate::printable;

/// A region of the source, 1-based lines and columns (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// First line.
    pub line: usize,
    /// First column.
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column just past the end (equal to `column` for a point).
    pub end_column: usize,
}

impl Span {
    /// A zero-width span at a point.
    pub fn point(line: usize, column: usize) -> Self {
        Self { line, column, end_line: line, end_column: column }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The file cannot be analysed until this is fixed.
    Error,
    /// Analysed, but probably not what was meant.
    Warning,
}

/// The kind of problem, stable for tools and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Kind {
    Syntax,
    Encoding,
    Limit,
    Version,
    MissingField,
    UnknownField,
    DuplicateKey,
    WrongType,
    BadValue,
    BadUnit,
    UnknownStoreType,
    UnknownPattern,
    UnknownRemedy,
    DuplicateId,
    DanglingReference,
    FlowCycle,
    NoSourceOfTruth,
    Override,
}

/// One problem in a workload file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// What kind of problem.
    pub kind: Kind,
    /// The field path, e.g. `stores[1].type` (empty for the document itself).
    pub path: String,
    /// Where.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What to write instead, when we know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(kind: Kind, path: impl Into<String>, span: Span, message: impl Into<String>) -> Self {
        Self { level: Level::Error, kind, path: path.into(), span, message: message.into(), suggestion: None }
    }

    /// A warning.
    pub fn warning(kind: Kind, path: impl Into<String>, span: Span, message: impl Into<String>) -> Self {
        Self { level: Level::Warning, ..Self::error(kind, path, span, message) }
    }

    /// Adds a suggestion.
    #[must_use]
    pub fn suggest(mut self, suggestion: Option<impl Into<String>>) -> Self {
        self.suggestion = suggestion.map(Into::into);
        self
    }

    /// One line: `file:line:column: error: path: message (did you mean …?)`, with control
    /// characters escaped ([`printable`]).
    pub fn one_line(&self, file: &str) -> String {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let path = if self.path.is_empty() { String::new() } else { format!("{}: ", self.path) };
        let hint = self.suggestion.as_ref().map(|s| format!(" ({s})")).unwrap_or_default();
        let line = format!("{file}:{}:{}: {level}: {path}{}{hint}", self.span.line, self.span.column, self.message);
        printable(&line).into_owned()
    }

    /// The diagnostic with the offending source line and a caret under it, like rustc.
    ///
    /// Everything that comes from the file or its name goes through [`printable`], so a control
    /// character in the source is shown as `\u{1b}` (the caret stays under the right spot).
    pub fn render(&self, file: &str, source: &str, color: bool) -> String {
        let (red, yellow, blue, bold, reset) =
            if color { ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m") } else { ("", "", "", "", "") };
        let (label, tint) = match self.level {
            Level::Error => ("error", red),
            Level::Warning => ("warning", yellow),
        };
        let mut out = String::new();
        let _ = writeln!(out, "{bold}{tint}{label}{reset}{bold}: {}{reset}", printable(&self.message));
        let path = if self.path.is_empty() { String::new() } else { format!(" ({})", printable(&self.path)) };
        let _ = writeln!(out, "  {blue}-->{reset} {}:{}:{}{path}", printable(file), self.span.line, self.span.column);
        // An encoding error at the very start concerns the whole file (UTF-16, say): its first
        // "line" would be noise.
        let whole_file = self.kind == Kind::Encoding && (self.span.line, self.span.column) == (1, 1);
        if let Some(text) = source.lines().nth(self.span.line.saturating_sub(1)).filter(|_| !whole_file) {
            let text = text.replace('\t', " ");
            let before: String = text.chars().take(self.span.column.saturating_sub(1)).collect();
            let column = printable(&before).chars().count() + 1;
            let shown: String = printable(&text).chars().take(160).collect();
            let gutter = self.span.line.to_string().len();
            let width = if self.span.end_line == self.span.line && self.span.end_column > self.span.column {
                let marked: String = text
                    .chars()
                    .skip(self.span.column.saturating_sub(1))
                    .take(self.span.end_column - self.span.column)
                    .collect();
                printable(&marked).chars().count().max(1)
            } else {
                1
            };
            let pad = " ".repeat(column.saturating_sub(1).min(shown.chars().count()));
            let _ = writeln!(out, "{blue}{:gutter$} |{reset}", "");
            let _ = writeln!(out, "{blue}{} |{reset} {shown}", self.span.line);
            let _ = writeln!(out, "{blue}{:gutter$} |{reset} {pad}{tint}{}{reset}", "", "^".repeat(width.clamp(1, 80)));
        }
        if let Some(s) = &self.suggestion {
            let _ = writeln!(out, "  {blue}= help:{reset} {}", printable(s));
        }
        out
    }
}

/// Collects diagnostics during one parse.
#[derive(Debug, Default)]
pub(crate) struct Diags {
    pub(crate) list: Vec<Diagnostic>,
}

impl Diags {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        // Cap the list: a 10,000-line file of one mistake needs ten examples, not ten thousand.
        if self.list.len() < MAX_DIAGNOSTICS {
            self.list.push(d);
        }
    }
}

/// Most diagnostics reported for one file.
pub const MAX_DIAGNOSTICS: usize = 200;

//! YAML text to a tree of nodes that remember where they came from (line and column).
//!
//! Built on saphyr-parser's event stream. Bounded: nesting depth, the values written, the values
//! aliases add by expanding (so a "billion laughs" file stops early) and input size are capped.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use crate::diag::{Diagnostic, Diags, Kind, Span};

/// Deepest nesting accepted (a workload file needs 5).
pub const MAX_DEPTH: usize = 64;
/// Most values written in one document (5,000 stores and 50,000 workloads, the most a file may
/// describe, take about 600,000 written out in block style).
pub const MAX_NODES: usize = 1_000_000;
/// Most values aliases may add to a document by expanding (a "billion laughs" file stops here).
pub const MAX_ALIAS_NODES: usize = 250_000;
/// Largest input accepted, in bytes.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it is in the source.
    pub span: Span,
}

/// A scalar as JSON, typed the way YAML's core schema (and editors) type it: a plain scalar that
/// reads as an integer, a finite number or `true`/`false` is one; anything else, and every quoted
/// or block scalar, is a string.
pub fn scalar_json(text: &str, plain: bool) -> serde_json::Value {
    use serde_json::Value as Json;
    if !plain {
        Json::String(text.to_string())
    } else if let Ok(i) = text.parse::<i64>() {
        Json::from(i)
    } else if let Some(f) = text.parse::<f64>().ok().filter(|f| f.is_finite()) {
        Json::from(f)
    } else if text == "true" || text == "false" {
        Json::Bool(text == "true")
    } else {
        Json::String(text.to_string())
    }
}

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null`, or nothing.
    Null,
    /// A scalar; `plain` is false when it was quoted or a block scalar.
    Scalar {
        /// The text.
        text: String,
        /// Written without quotes.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A short description of the node's type, for "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "nothing (null)".to_string(),
            Value::Scalar { text, .. } => {
                let shown: String = text.chars().take(40).collect();
                let more = if text.chars().count() > 40 { "…" } else { "" };
                format!("`{shown}{more}`")
            }
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a mapping".to_string(),
        }
    }

    /// The scalar's text, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value for `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }
}

fn span_of(s: &YamlSpan) -> Span {
    Span { line: s.start.line(), column: s.start.col() + 1, end_line: s.end.line(), end_column: s.end.col() + 1 }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

enum Frame {
    Seq { items: Vec<Node>, span: Span, anchor: usize },
    Map { entries: Vec<(Node, Node)>, key: Option<Node>, span: Span, anchor: usize },
}

/// Parses the first document of `text` into a tree, or describes the first problem found.
pub fn parse_document(text: &str) -> Result<Node, Diagnostic> {
    let mut diags = Diags::default();
    match parse(text, &mut diags) {
        Some(node) if diags.list.is_empty() => Ok(node),
        _ => {
            Err(diags.list.into_iter().next().unwrap_or_else(|| {
                Diagnostic::error(Kind::MissingField, "", Span::point(1, 1), "the document is empty")
            }))
        }
    }
}

/// Parses the first document of `text`. Problems go to `diags`; `None` when nothing usable remains.
pub(crate) fn parse(text: &str, diags: &mut Diags) -> Option<Node> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    // Values written, and values that aliases added by expanding: each has its own limit.
    let mut nodes = 0usize;
    let mut expanded = 0usize;
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, yspan) = match next {
            Ok(pair) => pair,
            Err(e) => {
                let m = e.marker();
                let (line, column) = tab_near(text, e.info(), m.index()).unwrap_or((m.line(), m.col() + 1));
                diags.push(
                    Diagnostic::error(Kind::Syntax, "", Span::point(line, column), syntax_message(e.info()))
                        .suggest(syntax_hint(e.info())),
                );
                return None;
            }
        };
        let span = span_of(&yspan);
        let node = match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    diags.push(
                        Diagnostic::error(
                            Kind::Syntax,
                            "",
                            span,
                            "a workload file holds one YAML document; this is a second",
                        )
                        .suggest(Some("remove the `---` line and everything after it, or split the file")),
                    );
                    break;
                }
                continue;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    diags.push(Diagnostic::error(
                        Kind::Limit,
                        "",
                        span,
                        format!("nesting deeper than {MAX_DEPTH} levels; a workload file needs about 5"),
                    ));
                    return None;
                }
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq { items: Vec::new(), span, anchor }
                } else {
                    Frame::Map { entries: Vec::new(), key: None, span, anchor }
                };
                stack.push(frame);
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                let (node, anchor) = match frame {
                    Frame::Seq { items, span: start, anchor } => {
                        (Node { value: Value::Seq(items), span: join(start, span) }, anchor)
                    }
                    Frame::Map { entries, span: start, anchor, .. } => {
                        (Node { value: Value::Map(entries), span: join(start, span) }, anchor)
                    }
                };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                let value = if plain && is_null(&text) {
                    Value::Null
                } else {
                    Value::Scalar { text: text.into_owned(), plain }
                };
                let node = Node { value, span };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(target) => {
                    expanded += count(target);
                    if expanded > MAX_ALIAS_NODES {
                        return too_many(diags, span, Limit::Aliases);
                    }
                    Node { value: target.value.clone(), span }
                }
                None => {
                    diags.push(Diagnostic::error(Kind::Syntax, "", span, "alias refers to an unknown anchor"));
                    return None;
                }
            },
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return too_many(diags, span, Limit::Written);
        }
        let parent_path = path_of(&stack);
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Some(name) = k.as_str()
                        && let Some((first, _)) = entries.iter().find(|(e, _)| e.as_str() == Some(name))
                    {
                        let path =
                            if parent_path.is_empty() { name.to_string() } else { format!("{parent_path}.{name}") };
                        diags.push(
                            Diagnostic::error(
                                Kind::DuplicateKey,
                                path,
                                k.span,
                                format!(
                                    "key `{name}` appears twice in this mapping (first on line {})",
                                    first.span.line
                                ),
                            )
                            .suggest(Some("keep one of them; YAML would silently use only one")),
                        );
                    }
                    entries.push((k, node));
                }
            },
        }
    }
    root
}

/// The field path of the value being built at the top of `stack` (`stores[0]`).
fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    let depth = stack.len();
    for (i, frame) in stack.iter().enumerate() {
        let last = i + 1 == depth;
        match frame {
            Frame::Seq { items, .. } if !last => path.push_str(&format!("[{}]", items.len())),
            Frame::Map { key: Some(k), .. } if !last => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k.as_str().unwrap_or("?"));
            }
            _ => {}
        }
    }
    path
}

/// Which of the two value limits a document hit.
#[derive(Clone, Copy)]
enum Limit {
    Written,
    Aliases,
}

fn too_many(diags: &mut Diags, span: Span, limit: Limit) -> Option<Node> {
    let (message, help) = match limit {
        Limit::Written => (
            format!(
                "the document holds more than {MAX_NODES} values; storewise reads up to {MAX_NODES} \
                 (5,000 stores and 50,000 workloads, the most a file may describe, take about 600,000)"
            ),
            "split the architecture into several files",
        ),
        Limit::Aliases => (
            format!("aliases expand the document by more than {MAX_ALIAS_NODES} values"),
            "write the values out instead of nesting aliases",
        ),
    };
    diags.push(Diagnostic::error(Kind::Limit, "", span, message).suggest(Some(help)));
    None
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(k, v)| count(k) + count(v)).sum::<usize>(),
        _ => 1,
    }
}

fn join(start: Span, end: Span) -> Span {
    Span { line: start.line, column: start.column, end_line: end.end_line, end_column: end.end_column }
}

/// Where the tab is, for a scanner error about one: the scanner marks where the token it was
/// reading began (a scalar on the line above, say, or the `-` after an indenting tab), not the
/// tab itself. The first tab from the start of the mark's line to two lines further; `None` for
/// other errors or when none is found there.
fn tab_near(text: &str, info: &str, char_index: usize) -> Option<(usize, usize)> {
    if !info.contains("tab") {
        return None;
    }
    let mark = text.char_indices().nth(char_index).map_or(text.len(), |(b, _)| b);
    let start = text.get(..mark).and_then(|before| before.rfind('\n')).map_or(0, |n| n + 1);
    let rest = text.get(start..)?;
    let mut newlines = 0;
    for (offset, c) in rest.char_indices() {
        match c {
            '\t' => return Some(catalog::line_col(text, start + offset)),
            '\n' if newlines == 2 => return None,
            '\n' => newlines += 1,
            _ => {}
        }
    }
    None
}

fn syntax_message(info: &str) -> String {
    format!("YAML syntax error: {info}")
}

fn syntax_hint(info: &str) -> Option<&'static str> {
    if info.contains("tab") {
        Some("indent with spaces; YAML does not allow tabs for indentation")
    } else if info.contains("mapping values are not allowed") {
        Some("a `key: value` inside a value needs quotes, or the indentation is off")
    } else if info.contains("did not find expected") && info.contains(']') {
        Some("a `[` list is not closed with `]`")
    } else if info.contains("did not find expected") && info.contains('}') {
        Some("a `{` mapping is not closed with `}`")
    } else if info.contains("block mapping") || info.contains("indentation") {
        Some("check the indentation of this line against the line above")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> Option<(usize, usize)> {
        let mut diags = Diags::default();
        let _ = parse(text, &mut diags);
        diags.list.first().map(|d| (d.span.line, d.span.column))
    }

    /// Issue 14: the scanner marks the scalar it was reading (the line above); the error points at
    /// the tab itself.
    #[test]
    fn issue_14_a_tab_is_reported_on_its_own_line() {
        let text = "stores:\n  - id: a\n    type: clickhouse\n\trole: derived\n";
        assert_eq!(first_error(text), Some((4, 1)));
        let indented = "stores:\n\t- id: db\n";
        assert_eq!(first_error(indented), Some((2, 1)));
    }
}

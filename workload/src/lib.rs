//! The storewise workload file: YAML (versions 1 and 2) describing the stores a system runs, how
//! data flows between them, what they serve, and what the team proposes to add, replace, move or remove.
//!
//! [`parse`] returns the workload *and* every problem found, each with line, column, field path
//! and a suggestion; it never panics and never stops at the first error. No I/O happens here.

mod date;
pub mod decode;
pub mod diag;
mod encoding;
pub mod model;
mod printable;
#[cfg(feature = "schema")]
pub mod schema;
mod validate;
mod version;
pub mod yaml;

use catalog::Catalog;

pub use date::{Date, DateError};
pub use diag::{Diagnostic, Kind, Level, Span};
pub use encoding::{WideEncoding, binary_kind, wide_encoding};
pub use model::{
    Ask, CacheFacts, Feed, Gauge, Ignore, Incidents, ItemKind, Measured, Proposal, RULE_CODES, Role, RuledOut, Spanned,
    Store, Team, Via, Workload, WorkloadItem,
};
pub use printable::{is_printable, printable};
pub use validate::{MAX_STORES, MAX_WORKLOADS};

/// The outcome of reading one workload file.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The workload, when the file has no errors (warnings allowed).
    pub workload: Option<Workload>,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The catalog with the file's `catalog_overrides` applied, when it has any.
    pub catalog: Option<Catalog>,
}

impl Parsed {
    /// No errors (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.workload.is_some()
    }

    /// The catalog to analyse against: the overridden one if the file has overrides.
    pub fn catalog_or<'a>(&'a self, base: &'a Catalog) -> &'a Catalog {
        self.catalog.as_ref().unwrap_or(base)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.level == Level::Error)
    }
}

/// Reads a workload from raw bytes: checks size and encoding, strips a UTF-8 BOM, then [`parse`]s.
pub fn parse_bytes(bytes: &[u8], catalog: &Catalog) -> Parsed {
    let fail = |d: Diagnostic| Parsed { workload: None, diagnostics: vec![d], catalog: None };
    if bytes.len() > yaml::MAX_BYTES {
        return fail(
            Diagnostic::error(
                Kind::Limit,
                "",
                Span::point(1, 1),
                format!(
                    "the file is {:.1} MB; storewise reads workload files up to {} MB",
                    bytes.len() as f64 / 1_048_576.0,
                    yaml::MAX_BYTES / 1_048_576
                ),
            )
            .suggest(Some("split the architecture into several files")),
        );
    }
    if let Some(kind) = binary_kind(bytes) {
        let message = format!("the file is not text: it looks like {kind}");
        return fail(
            Diagnostic::error(Kind::Encoding, "", Span::point(1, 1), message)
                .suggest(Some("choose the workload's YAML file (a text file, such as architecture.yaml)")),
        );
    }
    if let Some(wide) = wide_encoding(bytes) {
        let message = format!("the file is {} text; storewise reads UTF-8", wide.name);
        return fail(
            Diagnostic::error(Kind::Encoding, "", Span::point(1, 1), message).suggest(Some(wide.suggestion())),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, catalog),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
            let (line, column) = catalog::line_col(valid, valid.len());
            fail(
                Diagnostic::error(Kind::Encoding, "", Span::point(line, column), "the file is not valid UTF-8 text")
                    .suggest(Some("save it as UTF-8 (most editors: File → Save with encoding)")),
            )
        }
    }
}

/// Reads a workload from text. All problems are collected; `workload` is `Some` when there are
/// no errors.
pub fn parse(text: &str, catalog: &Catalog) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = diag::Diags::default();
    let root = yaml::parse(text, &mut diags);
    let Some(root) = root else {
        if diags.list.is_empty() {
            let what = if text.trim().is_empty() { "the file is empty" } else { "the file holds only comments" };
            diags.push(
                Diagnostic::error(Kind::MissingField, "", Span::point(1, 1), what)
                    .suggest(Some("start with `version: 1`, a `name:` and a list of `stores:`")),
            );
        }
        return Parsed { workload: None, diagnostics: diags.list, catalog: None };
    };
    if root.value == yaml::Value::Null {
        diags.push(
            Diagnostic::error(
                Kind::MissingField,
                "",
                root.span,
                "the file has no content (only comments or blank lines)",
            )
            .suggest(Some("start with `version: 1`, a `name:` and a list of `stores:`")),
        );
        return Parsed { workload: None, diagnostics: diags.list, catalog: None };
    }
    let workload = decode::workload(&root, &mut diags);
    let overridden = workload.as_ref().and_then(|w| validate::check(w, &root, catalog, &mut diags));
    let mut diagnostics = diags.list;
    diagnostics.sort_by_key(|d| (d.span.line, d.span.column));
    let valid = !diagnostics.iter().any(|d| d.level == Level::Error);
    Parsed { workload: workload.filter(|_| valid), diagnostics, catalog: overridden.filter(|_| valid) }
}

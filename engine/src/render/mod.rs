//! Rendering a report: terminal text, Markdown for design reviews, SARIF for code scanning; a
//! diff of two reports as text or as Markdown for a pull-request comment; a rule's page.
//!
//! Pure functions from a [`crate::Report`] to text or JSON; no I/O.

mod common;
mod diff;
mod markdown;
mod rule_page;
mod sarif;
mod suppressions;
mod text;

pub use diff::{COMMENT_LIMIT, diff_markdown, diff_text};
pub use markdown::markdown;
pub use rule_page::rule_page;
pub use sarif::{ArtifactUri, SRCROOT, SarifFile, SarifOutcome, SarifRun, sarif, sarif_report};
pub use suppressions::{suppressed_markdown, suppressed_text};
pub use text::text;

//! Rendering a report: terminal text, Markdown for design reviews, SARIF for code scanning.
//!
//! Pure functions from a [`crate::Report`] to text or JSON; no I/O.

mod common;
mod markdown;
mod sarif;
mod text;

pub use markdown::markdown;
pub use sarif::sarif;
pub use text::text;

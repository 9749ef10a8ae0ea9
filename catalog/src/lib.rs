//! The storewise catalog: what each data-store type is good at, what it costs to run, and why
//! we believe it (every figure carries its sources or is marked as an estimate).
//!
//! The data lives in `data/*.toml`, is embedded at compile time and parsed once on first use
//! ([`Catalog::embedded`]); a user's figures replace ours through [`Overrides`]. Without the
//! `prose` feature the embedded store types leave out their reasoning texts
//! ([`Catalog::EMBEDDED_WITH_PROSE`]; the web app loads them apart). This crate does no I/O and
//! knows nothing of workloads.

mod catalog;
mod error;
pub mod lint;
pub mod model;
mod overrides;
pub mod suggest;
pub mod units;

pub use catalog::{Catalog, FORMAT_VERSION};
pub use error::{CatalogError, line_col};
pub use model::{Category, Grade, StoreType};
pub use overrides::Overrides;

//! One module per CLI command.

pub(crate) mod analyze;
pub(crate) mod catalog;
pub(crate) mod schema;
pub(crate) mod validate;

//! One module per CLI command.

pub(crate) mod analyze;
pub(crate) mod catalog;
pub(crate) mod chart;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod man;
pub(crate) mod mcp;
pub(crate) mod openapi;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod share;
pub(crate) mod validate;

//! `storewise schema`: the workload format's JSON Schema.

use anyhow::Result;

use crate::{OK, input};

pub(crate) fn run() -> Result<u8> {
    input::print(&serde_json::to_string_pretty(&workload::schema::json_schema())?)?;
    Ok(OK)
}

//! `storewise openapi [--catalog OVERRIDES.toml]`: the OpenAPI 3.1 document of the server's API,
//! the one `storewise serve` answers at `/api/openapi.json` (for client generators and CI).

use anyhow::Result;

use crate::{
    OK,
    cli::{Global, OutputArgs},
    input,
};

pub(crate) fn run(global: &Global, out: &OutputArgs) -> Result<u8> {
    let catalog = input::catalog(global)?;
    let document = crate::web::openapi_document(&catalog).map_err(anyhow::Error::msg)?;
    input::emit(global, out, &serde_json::to_string_pretty(&document)?)?;
    Ok(OK)
}

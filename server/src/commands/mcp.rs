//! `storewise mcp`: the Model Context Protocol server on standard input and output, for AI
//! assistants (the tools are in `crate::mcp`).

use anyhow::{Context, Result};
use tracing_subscriber::EnvFilter;

use crate::{OK, cli::Global, input};

pub(crate) fn run(global: &Global) -> Result<u8> {
    // Standard output carries only protocol messages: logs go to standard error.
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")))
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .init();
    let catalog = input::catalog(global)?;
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("cannot start the runtime")?;
    let outcome = runtime.block_on(crate::mcp::serve_stdio(catalog));
    // A read of standard input still pending cannot be cancelled: do not wait for it.
    runtime.shutdown_background();
    outcome?;
    Ok(OK)
}

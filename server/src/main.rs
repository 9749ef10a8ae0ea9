//! The `storewise` binary: command-line entry point (validate, catalog, schema, analyze, diff, chart, serve, share, mcp).

mod artifact;
mod baseline;
mod cli;
mod commands;
mod config;
mod input;
mod links;
mod mcp;
mod output;
mod sarif;
mod web;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// jemalloc with background purging: after a burst of heavy analyses its threads return the freed
/// pages to the system within seconds, where glibc's arenas kept most of them (issue 18,
/// BENCHMARKS.md "Memory under a burst").
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Exit code for a clean run.
const OK: u8 = 0;
/// Exit code when a file is invalid or a finding reaches `--fail-on`.
const FINDINGS: u8 = 1;
/// Exit code for usage and I/O errors.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let cwd = std::env::current_dir().unwrap_or_default();
    match config::load(cli.global.config.as_deref(), &cwd) {
        Ok(settings) => {
            if cli.global.verbose {
                match &settings {
                    Some(c) => eprintln!("storewise: config: {}", c.path.display()),
                    None => eprintln!("storewise: config: none"),
                }
            }
            cli.global.settings = settings;
        }
        Err(e) => {
            eprintln!("storewise: error: {e:#}");
            return ExitCode::from(USAGE);
        }
    }
    let result = match &cli.command {
        Command::Validate(args) => commands::validate::run(&cli.global, args),
        Command::Catalog(args) => commands::catalog::run(&cli.global, args),
        Command::Schema => commands::schema::run(&cli.global),
        Command::Openapi => commands::openapi::run(&cli.global),
        Command::Analyze(args) => commands::analyze::run(&cli.global, args),
        Command::Diff(args) => commands::diff::run(&cli.global, args),
        Command::Chart(args) => commands::chart::run(&cli.global, args),
        Command::Serve(args) => commands::serve::run(&cli.global, args),
        Command::Share(args) => commands::share::run(&cli.global, args),
        Command::Mcp => commands::mcp::run(&cli.global),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("storewise: error: {e:#}");
            ExitCode::from(USAGE)
        }
    }
}

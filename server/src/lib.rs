//! storewise's command line and web server: [`run`] is the whole `storewise` program (validate,
//! catalog, schema, analyze, diff, chart, openapi, serve, share, mcp, completions, man); the
//! binary (`main.rs`) calls it and picks the allocator. With the `fuzzing` feature, the `fuzzing` module
//! drives the HTTP server in memory for the fuzz target.

mod artifact;
mod baseline;
mod cli;
mod commands;
mod config;
mod document;
mod files;
mod input;
mod links;
mod mcp;
mod output;
mod sarif;
mod web;

#[cfg(feature = "fuzzing")]
pub mod fuzzing;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Color, Command};

/// Exit code for a clean run.
const OK: u8 = 0;
/// Exit code when a file is invalid or a finding reaches `--fail-on`.
const FINDINGS: u8 = 1;
/// Exit code for usage and I/O errors.
const USAGE: u8 = 2;

/// The `storewise` program: parses the arguments, loads the configuration, runs the command and
/// returns its exit code.
pub fn run() -> ExitCode {
    let mut cli = match parse_args() {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
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
        Command::Schema(args) => commands::schema::run(&cli.global, args),
        Command::Openapi(out) => commands::openapi::run(&cli.global, out),
        Command::Analyze(args) => commands::analyze::run(&cli.global, args),
        Command::Diff(args) => commands::diff::run(&cli.global, args),
        Command::Chart(args) => commands::chart::run(&cli.global, args),
        Command::Serve(args) => commands::serve::run(&cli.global, args),
        Command::Share(args) => commands::share::run(&cli.global, args),
        Command::Mcp => commands::mcp::run(&cli.global),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("storewise: error: {e:#}");
            ExitCode::from(USAGE)
        }
    }
}

/// The arguments, parsed with clap coloured as `--color` says (clap's own errors and help
/// too; `auto` follows the terminal, NO_COLOR and TERM=dumb), and `--version` naming the catalog
/// and rules versions.
fn parse_args() -> Result<Cli, clap::Error> {
    let choice = match color_flag(std::env::args_os().skip(1)) {
        Some(Color::Always) => clap::ColorChoice::Always,
        Some(Color::Never) => clap::ColorChoice::Never,
        Some(Color::Auto) | None if input::colour_refused() => clap::ColorChoice::Never,
        Some(Color::Auto) | None => clap::ColorChoice::Auto,
    };
    let matches = Cli::command().color(choice).version(version()).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// The `--color` value among the arguments before clap reads them (the last one given wins, as
/// in clap); `--` ends the options.
fn color_flag(args: impl Iterator<Item = std::ffi::OsString>) -> Option<Color> {
    use clap::ValueEnum;
    let mut args = args.map(|a| a.to_string_lossy().into_owned());
    let mut found = None;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--" => break,
            "--color" => args.next(),
            _ => arg.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(v) = value {
            found = Color::from_str(&v, true).ok().or(found);
        }
    }
    found
}

/// `storewise --version`: the program's, the embedded catalog's and the rules' versions.
fn version() -> &'static str {
    let catalog = catalog::Catalog::embedded().map_or_else(|_| "unreadable".to_string(), |c| c.version.clone());
    let text = format!("{} (catalog {catalog}, rules {})", env!("CARGO_PKG_VERSION"), engine::RULES_VERSION);
    // once per run: clap keeps the text for the program's lifetime
    Box::leak(text.into_boxed_str())
}

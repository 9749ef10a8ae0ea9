//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{
    Args, Parser, Subcommand, ValueEnum,
    builder::{PossibleValuesParser, TypedValueParser},
};

/// The exit codes, as the commands' `--help` lists them (a macro, so `concat!` can add examples).
macro_rules! exit_codes {
    () => {
        "Exit codes:\n  0  done; no finding at or above --fail-on\n  1  a finding at or above --fail-on, or an \
         invalid workload file\n  2  a usage, configuration or I/O error"
    };
}

/// storewise: decide which data stores a system should run, with numbers and reasons.
#[derive(Debug, Parser)]
#[command(name = "storewise", version, about, long_about = None, after_help = exit_codes!())]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command understands.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// Your own catalog figures (hours, prices), as TOML: `[kafka.ops.deployment]` `hours = 9`.
    #[arg(long, global = true, value_name = "OVERRIDES.toml")]
    pub(crate) catalog: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// The configuration file (default: `storewise.toml` or `.storewise.toml` in the current
    /// directory or a parent, up to the repository root). Flags win over it.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Say on standard error which configuration file is used.
    #[arg(long, short = 'v', global = true, conflicts_with = "quiet")]
    pub(crate) verbose: bool,
    /// Print nothing on standard output and no notes on standard error (errors still): the exit
    /// code tells the outcome; `--output` is still written.
    #[arg(long, short = 'q', global = true)]
    pub(crate) quiet: bool,
    /// The configuration read (filled in after parsing the arguments).
    #[arg(skip)]
    pub(crate) settings: Option<crate::config::Config>,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    /// Colour when writing to a terminal, unless NO_COLOR is set to a non-empty value or TERM is
    /// `dumb`.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check workload files; report every problem with line, column, field and a suggestion.
    Validate(ValidateArgs),
    /// List the store types, or show one in full with its sources.
    Catalog(CatalogArgs),
    /// Print a JSON Schema: of the workload format (for editor validation and completion), or of
    /// the JSON that `analyze`, `validate` or `diff` print.
    Schema(SchemaArgs),
    /// Analyse workload files: findings, operational overhead, the seed-table metrics.
    Analyze(AnalyzeArgs),
    /// Compare two versions of a workload file: findings new, resolved or changed, stores and flows, overhead.
    Diff(DiffArgs),
    /// Draw one chart of a workload's report as SVG: overhead, growth, table or architecture.
    Chart(ChartArgs),
    /// Print the OpenAPI 3.1 document of the server's API (what `serve` answers at /api/openapi.json).
    Openapi(OutputArgs),
    /// Serve the web app and the API (`POST /api/analyze`, `GET /api/catalog`, charts, share links, health).
    Serve(ServeArgs),
    /// Print a link that opens a workload's result: in the URL itself, or short and stored with --server.
    Share(ShareArgs),
    /// Serve the Model Context Protocol on standard input and output, for AI assistants: the tools
    /// validate, analyze, diff, catalog and explain.
    Mcp,
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell.
    #[command(
        after_help = "Examples:\n  source <(storewise completions bash)\n  storewise completions zsh > \"${fpath[1]}/_storewise\"\n  storewise completions fish > ~/.config/fish/completions/storewise.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a directory.
    #[command(after_help = "Examples:\n  storewise man | man -l -\n  storewise man --dir /usr/local/share/man/man1")]
    Man(ManArgs),
}

/// `-o/--output`, shared by the commands that print a document.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Write to this file instead of standard output. A file is replaced atomically (readers
    /// never see half of it) and keeps its permissions; a symbolic link is followed and its
    /// target written (the link stays); a character device or FIFO (/dev/null, a named pipe) is
    /// written directly, never replaced; a directory, block device or socket is refused.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `--fail-on`: a severity, or `none` (never fail on findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailOn {
    /// Findings never fail the run.
    Never,
    /// A finding at or above this severity fails it.
    At(engine::Severity),
}

impl FailOn {
    /// The names `--fail-on` and the configuration's `fail-on` take: the severities, then `none`.
    pub(crate) fn names() -> impl Iterator<Item = &'static str> {
        engine::Severity::ALL.into_iter().map(engine::Severity::as_str).chain(["none"])
    }

    /// Reads one of [`FailOn::names`].
    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "none" => Some(Self::Never),
            _ => name.parse().ok().map(Self::At),
        }
    }

    /// The severity that fails a run, if any.
    pub(crate) fn threshold(self) -> Option<engine::Severity> {
        match self {
            Self::Never => None,
            Self::At(s) => Some(s),
        }
    }
}

/// The parser of `--fail-on` values.
fn fail_on() -> impl TypedValueParser<Value = FailOn> {
    PossibleValuesParser::new(FailOn::names()).map(|name| FailOn::parse(&name).unwrap_or(FailOn::Never))
}

/// `storewise schema`.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which document's schema.
    #[arg(value_enum, default_value_t = SchemaKind::Workload)]
    pub(crate) of: SchemaKind,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// The documents `storewise schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaKind {
    /// The workload file format.
    Workload,
    /// What `storewise analyze --format json` prints.
    Analyze,
    /// What `storewise validate --format json` prints.
    Validate,
}

/// `storewise completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// `storewise man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write `storewise.1` and a `storewise-COMMAND.1` per command into this directory instead
    /// of printing `storewise.1`.
    #[arg(long, value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

/// `storewise serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub(crate) addr: std::net::SocketAddr,
    /// The built web app (default: `dist/` when it holds an index.html).
    #[arg(long, value_name = "DIR")]
    pub(crate) dist: Option<PathBuf>,
    /// Where short share links are stored: a SQLite file (created if missing; default:
    /// `$XDG_DATA_HOME/storewise/links.db`, else `~/.local/share/storewise/links.db`), or a
    /// PostgreSQL database shared by several replicas (`postgres://user:password@host/db`).
    #[arg(long, value_name = "PATH|URL")]
    pub(crate) db: Option<PathBuf>,
    /// Share links one client address may create per minute (0: no limit).
    #[arg(long, value_name = "PER_MINUTE", default_value_t = crate::web::SHARE_RATE)]
    pub(crate) share_rate: u32,
    /// Connections open at once; more are closed at once (default: 10,000, or fewer to stay
    /// within the open-file limit).
    #[arg(long, value_name = "N")]
    pub(crate) max_connections: Option<usize>,
    /// Connections open at once from one client address; more are closed at once (default: 256).
    #[arg(long, value_name = "N")]
    pub(crate) max_connections_per_client: Option<usize>,
    /// A reverse proxy in front of the server (repeatable): on its connections the client is
    /// the rightmost X-Forwarded-For address that is not a trusted proxy (for the share rate),
    /// and the per-client connection cap does not apply to it.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    pub(crate) trusted_proxies: Vec<std::net::IpAddr>,
}

/// `storewise share`.
#[derive(Debug, Args)]
pub(crate) struct ShareArgs {
    /// The workload file (YAML); `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Store it on this storewise server and print the short link (`https://host` or
    /// `http://host:8080`).
    #[arg(long, value_name = "URL")]
    pub(crate) server: Option<String>,
    /// Trust the https server's certificate if this CA (PEM file) signed it, instead of the
    /// built-in Mozilla roots (a company CA, or a self-signed certificate).
    #[arg(long, value_name = "FILE", requires = "server")]
    pub(crate) ca_cert: Option<PathBuf>,
    /// Seconds to wait for the server's answer, connecting included.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, requires = "server")]
    pub(crate) timeout: u64,
    /// Where the printed fragment link points (the server people open it with).
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080", conflicts_with = "server")]
    pub(crate) base: String,
}

/// `storewise validate`.
#[derive(Debug, Args)]
#[command(after_help = concat!(
    "Examples:\n  storewise validate architecture.yaml\n  storewise validate arch/ 'services/**/storewise.yaml' --format json\n\n",
    exit_codes!()
))]
pub(crate) struct ValidateArgs {
    /// Workload files (YAML), directories (every `.yaml` and `.yml` file below them, hidden ones
    /// skipped) or quoted glob patterns (`'arch/**/*.yaml'`); `-` reads standard input.
    /// Default: the configuration's `files`.
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub(crate) format: ValidateFormat,
    /// The name of the file read from standard input (`-`): shown in messages and, relative to
    /// the repository root like a path, its URI in SARIF.
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// Output of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValidateFormat {
    /// Source snippets with carets.
    Text,
    /// JSON: `{format_version, files: [{path, valid, diagnostics}]}` (`storewise schema validate`).
    Json,
    /// SARIF 2.1.0 for code scanning: each diagnostic a result of SW000 at its line and column.
    Sarif,
}

/// `storewise catalog`.
#[derive(Debug, Args)]
pub(crate) struct CatalogArgs {
    /// A store type id or alias (e.g. `postgresql`, `es`); omit to list them all.
    pub(crate) id: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
    pub(crate) format: CatalogFormat,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// Output of `catalog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CatalogFormat {
    /// Tables for a terminal.
    Text,
    /// The catalog data as JSON.
    Json,
}

/// `storewise analyze`.
#[derive(Debug, Args)]
#[command(after_help = concat!(
    "Examples:\n  storewise analyze architecture.yaml\n  storewise analyze arch/ --format sarif -o storewise.sarif\n  \
     storewise analyze 'services/*/storewise.yaml' --fail-on high --quiet\n\n",
    exit_codes!()
))]
pub(crate) struct AnalyzeArgs {
    /// Workload files (YAML), directories (every `.yaml` and `.yml` file below them, hidden ones
    /// skipped) or quoted glob patterns (`'arch/**/*.yaml'`); `-` reads standard input.
    /// Default: the configuration's `files`.
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Output format (default: the configuration's `format`, else text).
    #[arg(long, value_enum)]
    pub(crate) format: Option<AnalyzeFormat>,
    /// The name of the file read from standard input (`-`): shown in messages and, relative to
    /// the repository root like a path, its URI in SARIF.
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<PathBuf>,
    /// List the suppressed findings, each with its suppression's reason (text and Markdown;
    /// JSON and SARIF always carry them).
    #[arg(long)]
    pub(crate) show_suppressed: bool,
    /// Exit with 1 when a finding is at or above this severity; `none` never fails on findings
    /// (suppressed findings do not count; default: the configuration's `fail-on`, else none).
    #[arg(long, value_name = "SEVERITY", value_parser = fail_on())]
    pub(crate) fail_on: Option<FailOn>,
    /// Show (and fail on) only the findings not in this earlier `analyze --format json` output;
    /// a finding is known when its workload's name, code and subjects match.
    #[arg(long, value_name = "REPORT.json")]
    pub(crate) baseline: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// Output of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AnalyzeFormat {
    /// Readable in a terminal.
    Text,
    /// JSON: `{format_version, files: [{path, valid, diagnostics, report}]}` (`storewise schema analyze`).
    Json,
    /// Markdown for a design review.
    Markdown,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
}

/// `storewise diff`.
#[derive(Debug, Args)]
#[command(
    after_help = concat!(
        "Examples:\n  storewise diff old.yaml new.yaml\n  storewise diff --base origin/main architecture.yaml --format markdown --fail-on high\n\n",
        exit_codes!(),
        " (with diff, --fail-on counts only new findings and those that became more severe)"
    )
)]
pub(crate) struct DiffArgs {
    /// The old and the new file (YAML); with --base, only the new one (`-` reads standard input).
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Compare FILE with the same path at this git commit, branch or tag (`git show REF:./FILE`).
    #[arg(long, value_name = "GIT-REF")]
    pub(crate) base: Option<String>,
    /// Output format (Markdown is sized for a pull-request comment).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(crate) format: DiffFormat,
    /// Exit with 1 when a new finding (or one that became more severe) is at or above this
    /// severity; `none` never fails (default: the configuration's `fail-on`, else none).
    #[arg(long, value_name = "SEVERITY", value_parser = fail_on())]
    pub(crate) fail_on: Option<FailOn>,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// Output of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Readable in a terminal.
    Text,
    /// The diff as JSON, with `format_version` and the two files' paths.
    Json,
    /// Markdown for a pull-request comment (under 65,536 characters).
    Markdown,
}

/// `storewise chart`.
#[derive(Debug, Args)]
pub(crate) struct ChartArgs {
    /// The workload file (YAML); `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Which chart.
    #[arg(long, value_enum)]
    pub(crate) kind: ChartKind,
    /// Draw for this width in CSS pixels, as the web app draws a chart for its box (the
    /// architecture never narrower than its columns); without it, the chart's own width.
    #[arg(long, value_name = "PX", value_parser = clap::value_parser!(u16).range(300..=2400))]
    pub(crate) width: Option<u16>,
    /// The colour scheme: light (files, print) or dark (on a dark page).
    #[arg(long, value_enum, default_value_t = ChartScheme::Light)]
    pub(crate) scheme: ChartScheme,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// The colour schemes `storewise chart --scheme` draws in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChartScheme {
    /// Dark ink on white.
    Light,
    /// Light ink on the web app's dark background.
    Dark,
}

impl From<ChartScheme> for charts::Scheme {
    fn from(scheme: ChartScheme) -> Self {
        match scheme {
            ChartScheme::Light => charts::Scheme::Light,
            ChartScheme::Dark => charts::Scheme::Dark,
        }
    }
}

/// The charts `storewise chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChartKind {
    /// Operational overhead by store and category, current beside recommended.
    Overhead,
    /// Total overhead against the number of stores, with a linear reference.
    Growth,
    /// The seed table's six metrics: one store alone, current, recommended.
    Table,
    /// The architecture: stores by role, flows with their kind and staleness budget.
    Architecture,
}

impl From<ChartKind> for charts::Kind {
    fn from(kind: ChartKind) -> Self {
        match kind {
            ChartKind::Overhead => charts::Kind::Overhead,
            ChartKind::Growth => charts::Kind::Growth,
            ChartKind::Table => charts::Kind::Table,
            ChartKind::Architecture => charts::Kind::Architecture,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::{ChartKind, ChartScheme};

    /// One source for every list: the command line's chart kinds and schemes are the charts
    /// crate's, by name and in order (`Kind::ALL`, `Scheme::ALL`).
    #[test]
    fn chart_kinds_and_schemes_are_the_charts_crates() {
        let name = |v: Option<clap::builder::PossibleValue>| v.map(|v| v.get_name().to_string()).unwrap_or_default();
        let kinds: Vec<_> =
            ChartKind::value_variants().iter().map(|k| (name(k.to_possible_value()), charts::Kind::from(*k))).collect();
        let expected: Vec<_> = charts::Kind::ALL.iter().map(|k| (k.as_str().to_string(), *k)).collect();
        assert_eq!(kinds, expected);
        let schemes: Vec<_> = ChartScheme::value_variants()
            .iter()
            .map(|s| (name(s.to_possible_value()), charts::Scheme::from(*s)))
            .collect();
        let expected: Vec<_> = charts::Scheme::ALL.iter().map(|s| (s.as_str().to_string(), *s)).collect();
        assert_eq!(schemes, expected);
    }
}

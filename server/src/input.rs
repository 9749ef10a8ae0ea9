//! Reading workload files and the user's catalog overrides, with paths in every error.

use std::{
    io::{ErrorKind, IsTerminal, Read, Write},
    path::Path,
};

use anyhow::{Context, Result};
use catalog::{Catalog, Overrides};

use crate::cli::{Color, Global, OutputArgs};

/// A workload file's name (as shown in messages) and raw bytes.
pub(crate) struct Input {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

/// The name of standard input when `--stdin-filename` gives none.
pub(crate) const STDIN: &str = "<stdin>";

/// Reads a file, or standard input for `-`. Refuses anything far beyond the parser's limit
/// without reading it all.
pub(crate) fn read(path: &Path) -> Result<Input> {
    read_as(path, None)
}

/// [`read`], standard input named `stdin_name` (`--stdin-filename`) instead of `<stdin>`.
pub(crate) fn read_as(path: &Path, stdin_name: Option<&Path>) -> Result<Input> {
    let limit = workload::yaml::MAX_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes).context("cannot read standard input")?;
        let name = stdin_name.map_or_else(|| STDIN.to_string(), |n| n.display().to_string());
        return Ok(Input { name, bytes });
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    file.take(limit).read_to_end(&mut bytes).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Input { name: path.display().to_string(), bytes })
}

/// The embedded catalog, with `--catalog` overrides applied when given.
pub(crate) fn catalog(global: &Global) -> Result<Catalog> {
    let base = Catalog::embedded().context("the embedded catalog does not load (a bug: please report it)")?;
    let overrides = match (&global.catalog, global.settings.as_ref().and_then(|c| c.catalog.as_ref())) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            Overrides::from_toml(&path.display().to_string(), &text)?
        }
        (None, Some(from_config)) => from_config.clone(),
        (None, None) => return Ok(base.clone()),
    };
    base.with_overrides(&overrides).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the catalog overrides have problems:\n  {}", lines.join("\n  "))
    })
}

/// The configuration's suppressions (none without a configuration).
pub(crate) fn suppressions(global: &Global) -> &[engine::Suppression] {
    global.settings.as_ref().map_or(&[], |c| c.suppressions.as_slice())
}

/// Whether to colour what goes to standard output (`to_file`: it goes to `--output` instead).
pub(crate) fn color(global: &Global, to_file: bool) -> bool {
    colour_for(global, !to_file && std::io::stdout().is_terminal())
}

/// Whether to colour what goes to standard error (diagnostics, logs).
pub(crate) fn stderr_color(global: &Global) -> bool {
    colour_for(global, std::io::stderr().is_terminal())
}

/// `--color`, with `auto` colouring a `terminal` the environment does not refuse colour to.
fn colour_for(global: &Global, terminal: bool) -> bool {
    match global.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && !colour_refused(),
    }
}

/// Whether the environment refuses colour: `NO_COLOR` set to anything but the empty string
/// (no-color.org), or `TERM=dumb`.
pub(crate) fn colour_refused() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Writes `text` and a newline to standard output. A closed pipe (`storewise … | head`) ends the
/// output quietly instead of panicking like `println!` would.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e).context("cannot write to standard output"),
        _ => Ok(()),
    }
}

/// Delivers a command's document and a newline: to `--output` when given (atomically, see
/// [`crate::output`]), else to standard output unless `--quiet`.
pub(crate) fn emit(global: &Global, out: &OutputArgs, text: &str) -> Result<()> {
    match &out.output {
        Some(path) => crate::output::write(path, format!("{text}\n").as_bytes()),
        None if global.quiet => Ok(()),
        None => print(text),
    }
}

/// A note on standard error (`storewise: …`), unless `--quiet`.
pub(crate) fn note(global: &Global, text: &str) {
    if !global.quiet {
        eprintln!("storewise: {text}");
    }
}

/// Parses and analyses one workload file with the configuration's suppressions: its report and
/// the parse's warnings; when it is invalid, prints its located diagnostics to standard error
/// (only the file's name with `--quiet`) and returns the parse with them.
pub(crate) fn report(
    file: &Input,
    catalog: &Catalog,
    global: &Global,
) -> Result<(engine::Report, Vec<workload::Diagnostic>), Box<workload::Parsed>> {
    match analyse_with(&file.bytes, catalog, suppressions(global)) {
        Ok(analysed) => Ok(analysed),
        Err(invalid) => {
            let source = String::from_utf8_lossy(&file.bytes);
            let color = stderr_color(global);
            // --quiet keeps the one line that names the file
            for d in invalid.diagnostics.iter().filter(|_| !global.quiet) {
                eprint!("{}", d.render(&file.name, &source, color));
                eprintln!();
            }
            eprintln!("invalid: {} (run `storewise validate` for details)", file.name);
            Err(invalid)
        }
    }
}

/// Parses and analyses a workload file's bytes: its report, or, when it is invalid, the parse
/// with every diagnostic (errors and warnings, each located). The one way the CLI and
/// `storewise mcp` make a report.
pub(crate) fn analyse(bytes: &[u8], catalog: &Catalog) -> Result<engine::Report, Box<workload::Parsed>> {
    analyse_with(bytes, catalog, &[]).map(|(report, _)| report)
}

/// [`analyse`] with suppressions from outside the file (the configuration's) after its own, as
/// of today; with the report (its options in words: every caller shows it), the parse's warnings.
pub(crate) fn analyse_with(
    bytes: &[u8],
    catalog: &Catalog,
    external: &[engine::Suppression],
) -> Result<(engine::Report, Vec<workload::Diagnostic>), Box<workload::Parsed>> {
    let parsed = workload::parse_bytes(bytes, catalog);
    match &parsed.workload {
        Some(w) => {
            let mut report = engine::analyze_as_of(w, parsed.catalog_or(catalog), today(), external);
            report.speak(parsed.catalog_or(catalog));
            Ok((report, parsed.diagnostics))
        }
        None => Err(Box::new(parsed)),
    }
}

/// Today's date (UTC) from the system clock: the day suppressions' `until` is judged against.
pub(crate) fn today() -> Option<engine::Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    engine::Date::from_unix_days(secs / 86_400)
}

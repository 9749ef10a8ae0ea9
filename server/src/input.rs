//! Reading workload files and the user's catalog overrides, with paths in every error.

use std::{
    io::{ErrorKind, IsTerminal, Read, Write},
    path::Path,
};

use anyhow::{Context, Result};
use catalog::{Catalog, Overrides};

use crate::cli::{Color, Global};

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

/// Whether to colour standard output.
pub(crate) fn color(global: &Global) -> bool {
    match global.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
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

/// Parses and analyses one workload file; when it is invalid, prints its located diagnostics to
/// standard error and returns the parse with them.
pub(crate) fn report(
    file: &Input,
    catalog: &Catalog,
    external: &[engine::Suppression],
    color: bool,
) -> Result<engine::Report, Box<workload::Parsed>> {
    match analyse_with(&file.bytes, catalog, external) {
        Ok(report) => Ok(report),
        Err(invalid) => {
            let source = String::from_utf8_lossy(&file.bytes);
            for d in &invalid.diagnostics {
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
    analyse_with(bytes, catalog, &[])
}

/// [`analyse`] with suppressions from outside the file (the configuration's) after its own, as
/// of today.
pub(crate) fn analyse_with(
    bytes: &[u8],
    catalog: &Catalog,
    external: &[engine::Suppression],
) -> Result<engine::Report, Box<workload::Parsed>> {
    let parsed = workload::parse_bytes(bytes, catalog);
    match &parsed.workload {
        Some(w) => Ok(engine::analyze_as_of(w, parsed.catalog_or(catalog), today(), external)),
        None => Err(Box::new(parsed)),
    }
}

/// Today's date (UTC) from the system clock: the day suppressions' `until` is judged against.
pub(crate) fn today() -> Option<engine::Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    engine::Date::from_unix_days(secs / 86_400)
}

//! `storewise chart FILE --kind KIND [-o OUT.svg]`: one chart of a workload's report, as SVG.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};

use crate::{
    FINDINGS, OK,
    cli::{ChartArgs, Global},
    input,
};

pub(crate) fn run(global: &Global, args: &ChartArgs) -> Result<u8> {
    let base = input::catalog(global)?;
    let file = input::read(&args.file)?;
    let parsed = workload::parse_bytes(&file.bytes, &base);
    let Some(w) = &parsed.workload else {
        let source = String::from_utf8_lossy(&file.bytes);
        for d in &parsed.diagnostics {
            eprint!("{}", d.render(&file.name, &source, input::color(global)));
            eprintln!();
        }
        eprintln!("invalid: {} (run `storewise validate` for details)", file.name);
        return Ok(FINDINGS);
    };
    let report = engine::analyze(w, parsed.catalog_or(&base));
    let svg = charts::render_with(args.kind.into(), &report, &charts::Budgets::from_workload(w));
    match &args.output {
        Some(path) => write_atomically(path, svg.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(svg.as_bytes()).and_then(|()| out.flush()).context("cannot write to standard output")?;
        }
    }
    Ok(OK)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so readers
/// never see half a chart.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map_or_else(|| "chart".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .with_context(|| format!("cannot write {}", tmp.display()));
    if let Err(e) = written.and_then(|()| {
        std::fs::rename(&tmp, path).with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))
    }) {
        std::fs::remove_file(&tmp).ok();
        return Err(e);
    }
    Ok(())
}

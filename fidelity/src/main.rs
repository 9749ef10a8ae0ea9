//! `fidelity [--markdown] [--raise] [DIR]`: scores every case under DIR (default `tests/cases`)
//! and prints the table; `--raise` records today's scores in `DIR/ratchet.toml` when none is worse.

use std::{path::PathBuf, process::ExitCode};

use anyhow::Context as _;
use fidelity::{Format, Ratchet};

fn main() -> ExitCode {
    let mut format = Format::Text;
    let mut raise = false;
    let mut dir = PathBuf::from("tests/cases");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--markdown" => format = Format::Markdown,
            "--raise" => raise = true,
            "-h" | "--help" => {
                println!(
                    "usage: fidelity [--markdown] [--raise] [DIR]\n\nScores the real cases under DIR (default tests/cases); --raise records today's scores in DIR/ratchet.toml."
                );
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with('-') => {
                eprintln!("fidelity: unknown option `{arg}` (try --help)");
                return ExitCode::from(2);
            }
            _ => dir = PathBuf::from(arg),
        }
    }
    match run(&dir, format, raise) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fidelity: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(dir: &std::path::Path, format: Format, raise: bool) -> anyhow::Result<ExitCode> {
    let catalog = catalog::Catalog::embedded().context("loading the embedded catalog")?;
    let cases = fidelity::load(dir).with_context(|| format!("reading the cases in {}", dir.display()))?;
    let outcomes = cases.iter().map(|c| fidelity::run(c, catalog)).collect::<Result<Vec<_>, _>>()?;
    print!("{}", fidelity::table(&outcomes, format));
    let path = dir.join("ratchet.toml");
    let recorded = if path.exists() { Ratchet::read(&path)? } else { Ratchet::default() };
    let cmp = recorded.compare(&outcomes);
    for line in &cmp.better {
        println!("better than recorded: {line}");
    }
    for line in &cmp.worse {
        println!("worse than recorded: {line}");
    }
    if !raise {
        return Ok(ExitCode::SUCCESS);
    }
    if cmp.worse.iter().any(|w| !w.contains("no record")) {
        eprintln!("fidelity: not raising the ratchet while a case scores lower than recorded");
        return Ok(ExitCode::FAILURE);
    }
    std::fs::write(&path, Ratchet::of(&outcomes).to_toml()).with_context(|| format!("writing {}", path.display()))?;
    println!("recorded {} cases in {}", outcomes.len(), path.display());
    Ok(ExitCode::SUCCESS)
}

//! `storewise diff OLD NEW` (or `--base REF FILE`): what a change to a workload file changes in
//! its findings, stores, flows and overhead, as text, JSON or a pull-request comment.

use std::{path::Path, process::Command};

use anyhow::{Context, Result, bail};

use crate::{
    FINDINGS, OK,
    cli::{DiffArgs, DiffFormat, FailOn, Global},
    document,
    input::{self, Input},
};

pub(crate) fn run(global: &Global, args: &DiffArgs) -> Result<u8> {
    let catalog = input::catalog(global)?;
    let color = input::color(global, args.out.output.is_some());
    let (old, new) = match (&args.base, args.files.as_slice()) {
        (Some(base), [file]) => (at_commit(base, file)?, input::read(file)?),
        (None, [old, new]) => (input::read(old)?, input::read(new)?),
        (Some(_), _) => bail!("with --base, give one file: the new version (its old one is read from git)"),
        (None, _) => bail!("give two files, the old version and the new one (or one file with --base <git-ref>)"),
    };
    let (Some((old_report, _)), Some((new_report, _))) =
        (input::report(&old, &catalog, global).ok(), input::report(&new, &catalog, global).ok())
    else {
        return Ok(FINDINGS);
    };
    let diff = engine::diff(&old_report, &new_report);
    let out = match args.format {
        DiffFormat::Text => engine::render::diff_text(&diff, color),
        DiffFormat::Markdown => engine::render::diff_markdown(&diff),
        DiffFormat::Json => serde_json::to_string_pretty(&document::diff(&old.name, &new.name, &diff)?)
            .context("cannot encode the diff")?,
    };
    input::emit(global, &args.out, out.trim_end())?;
    let settings = global.settings.as_ref();
    let threshold = args.fail_on.or_else(|| settings.and_then(|c| c.fail_on)).and_then(FailOn::threshold);
    Ok(match threshold {
        Some(t) if diff.new_at_least(t) > 0 => FINDINGS,
        _ => OK,
    })
}

/// The file as it is at a git commit: `git show REF:./NAME` run in the file's directory.
fn at_commit(base: &str, file: &Path) -> Result<Input> {
    if file.as_os_str() == "-" {
        bail!("--base needs a file path, not standard input");
    }
    if base.starts_with('-') {
        bail!("--base {base:?} is not a git commit, branch or tag");
    }
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = file.file_name().with_context(|| format!("{} names no file", file.display()))?;
    let spec = format!("{base}:./{}", name.to_string_lossy());
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--no-textconv", &spec])
        .output()
        .context("cannot run git (needed for --base)")?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        bail!("cannot read {} at {base}: {}", file.display(), why.trim());
    }
    if out.stdout.len() > workload::yaml::MAX_BYTES {
        bail!("{} at {base} is larger than a workload file may be", file.display());
    }
    Ok(Input { name: format!("{}@{base}", file.display()), bytes: out.stdout })
}

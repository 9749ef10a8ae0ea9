//! `storewise man [--dir DIR]`: the manual pages (clap_mangen), from the same argument
//! definitions the parser uses: `storewise.1` on standard output, or it and one
//! `storewise-COMMAND.1` per command written into a directory.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::{
    OK,
    cli::{Cli, ManArgs},
    output,
};

pub(crate) fn run(args: &ManArgs) -> Result<u8> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    match &args.dir {
        None => output::stdout(&page(command)?)?,
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let mut pages = Vec::new();
            write_all(command, dir, &mut pages)?;
            eprintln!("storewise: wrote {} manual pages into {}", pages.len(), dir.display());
        }
    }
    Ok(OK)
}

/// One command's page as roff.
fn page(command: clap::Command) -> Result<Vec<u8>> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(command).render(&mut roff).context("cannot render the manual page")?;
    Ok(roff)
}

/// Writes the page of `command` and of each of its subcommands (each file replaced atomically).
fn write_all(command: clap::Command, dir: &Path, pages: &mut Vec<String>) -> Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        write_all(sub, dir, pages)?;
    }
    let name = clap_mangen::Man::new(command.clone()).get_filename();
    output::write(&dir.join(&name), &page(command)?)?;
    pages.push(name);
    Ok(())
}

//! `storewise completions SHELL`: the shell completion script (clap_complete), from the same
//! argument definitions the parser uses, so it never lists a command or flag that is not there.

use anyhow::Result;
use clap::CommandFactory;

use crate::{
    OK,
    cli::{Cli, CompletionsArgs},
    output,
};

pub(crate) fn run(args: &CompletionsArgs) -> Result<u8> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "storewise", &mut script);
    output::stdout(&script)?;
    Ok(OK)
}

//! The SARIF log of `analyze` and `validate`: each file located by [`crate::artifact`] (relative
//! to the repository root, `--stdin-filename` for standard input) with what became of it,
//! rendered by `engine::render::sarif`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use engine::render::{SarifFile, SarifOutcome, SarifRun};
use workload::Diagnostic;

use crate::{
    artifact::{Root, Uri, percent_encode},
    input,
};

/// What became of one file, owned until the log is rendered.
pub(crate) enum Outcome {
    Analysed(Box<engine::Report>, Vec<Diagnostic>),
    Invalid(Vec<Diagnostic>),
    Validated(Vec<Diagnostic>),
    Unreadable(String),
}

/// The files of one run, in order, with their URIs.
pub(crate) struct Log {
    root: Root,
    stdin_name: Option<PathBuf>,
    files: Vec<(Uri, Outcome)>,
}

impl Log {
    /// A log for the command's `files` (`-` is standard input, named `stdin_name`): the root is
    /// the first file's repository.
    pub(crate) fn new(files: &[PathBuf], stdin_name: Option<&Path>) -> Log {
        let first = files.first().and_then(|f| if f.as_os_str() == "-" { stdin_name } else { Some(f.as_path()) });
        Log { root: Root::find(first), stdin_name: stdin_name.map(Path::to_path_buf), files: Vec::new() }
    }

    /// Records what became of `path`.
    pub(crate) fn push(&mut self, path: &Path, outcome: Outcome) {
        let uri = match (path.as_os_str() == "-", &self.stdin_name) {
            (true, Some(name)) => self.root.locate(name),
            (true, None) => Uri { uri: percent_encode(input::STDIN.as_bytes()), relative: false },
            (false, _) => self.root.locate(path),
        };
        self.files.push((uri, outcome));
    }

    /// The log as pretty JSON.
    pub(crate) fn render(&self) -> Result<String> {
        let files: Vec<SarifFile<'_>> = self
            .files
            .iter()
            .map(|(uri, outcome)| SarifFile {
                location: uri.as_artifact(),
                outcome: match outcome {
                    Outcome::Analysed(report, warnings) => SarifOutcome::Analysed(report, warnings),
                    Outcome::Invalid(d) => SarifOutcome::Invalid(d),
                    Outcome::Validated(d) => SarifOutcome::Validated(d),
                    Outcome::Unreadable(why) => SarifOutcome::Unreadable(why),
                },
            })
            .collect();
        let root = self.root.uri();
        let run = SarifRun { tool_version: env!("CARGO_PKG_VERSION"), root: Some(&root), files: &files };
        serde_json::to_string_pretty(&engine::render::sarif(&run)).context("cannot encode SARIF")
    }
}

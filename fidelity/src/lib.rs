//! The fidelity benchmark: runs every real case of `tests/cases/` through the engine and scores
//! the advice against what the team did (`expected.toml`), as `scripts/fidelity.sh` prints it
//! and as the ratchet test holds it.
//!
//! Scores follow `tests/cases/README.md`: 2 when every `[[right]]` change is in the report, 1
//! when some are or a `[[partial]]` one is, 0 otherwise; any `[[harmful]]` change makes it 0
//! and counts the answer as harmful. Changes are read from the report's JSON, the contract every
//! consumer gets, never from its prose.

pub mod changes;
pub mod expected;
mod lint;
pub mod ratchet;
mod table;

use std::path::{Path, PathBuf};

use catalog::Catalog;

pub use changes::Change;
pub use expected::{Class, Expected, Matcher};
pub use lint::lint;
pub use ratchet::Ratchet;
pub use table::{Format, table};

/// Why a case could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `expected.toml` or the ratchet is not what the README describes.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// `before.yaml` does not validate.
    #[error("{path}: invalid workload: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The first error.
        message: String,
    },
}

/// One case folder, read.
#[derive(Debug, Clone)]
pub struct Case {
    /// The folder name.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// `expected.toml`.
    pub expected: Expected,
    /// `before.yaml`, as text.
    pub before: String,
    /// `case.md`, as text.
    pub notes: String,
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

/// Reads every case folder under `dir` (folders holding an `expected.toml`), sorted by id.
pub fn load(dir: &Path) -> Result<Vec<Case>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    let mut folders: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.join("expected.toml").is_file()).collect();
    folders.sort();
    folders
        .into_iter()
        .map(|dir| {
            let expected_path = dir.join("expected.toml");
            let expected: Expected = toml::from_str(&read(&expected_path)?)
                .map_err(|e| Error::Format { path: expected_path.clone(), message: e.to_string() })?;
            Ok(Case {
                id: dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                before: read(&dir.join("before.yaml"))?,
                notes: read(&dir.join("case.md"))?,
                expected,
                dir,
            })
        })
        .collect()
}

/// A case's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The case id.
    pub id: String,
    /// Its class.
    pub class: Class,
    /// 0, 1 or 2.
    pub score: u8,
    /// A `[[harmful]]` change is in the report.
    pub harmful: bool,
    /// The report's changes, one phrase each.
    pub recommended: Vec<String>,
    /// Which expected entries matched and which did not.
    pub why: String,
}

/// Scores a list of report changes against a case's expectations.
pub fn score(expected: &Expected, changes: &[Change]) -> (u8, bool, String) {
    let hit = |m: &Matcher| changes.iter().any(|c| m.matches(c));
    let harmful: Vec<String> = expected.harmful.iter().filter(|m| hit(m)).map(Matcher::describe).collect();
    let right_hit: Vec<&Matcher> = expected.right.iter().filter(|m| hit(m)).collect();
    let right_missed: Vec<String> = expected.right.iter().filter(|m| !hit(m)).map(Matcher::describe).collect();
    let partial_hit: Vec<String> = expected.partial.iter().filter(|m| hit(m)).map(Matcher::describe).collect();
    if !harmful.is_empty() {
        return (0, true, format!("harmful: {}", harmful.join("; ")));
    }
    if !expected.right.is_empty() && right_missed.is_empty() {
        return (2, false, "right: every expected change".to_string());
    }
    let missing = format!("missing: {}", right_missed.join("; "));
    if !right_hit.is_empty() || !partial_hit.is_empty() {
        let got: Vec<String> = right_hit.iter().map(|m| m.describe()).chain(partial_hit).collect();
        return (1, false, format!("partly: {}; {missing}", got.join("; ")));
    }
    (0, false, missing)
}

/// Runs one case through the engine and scores it.
pub fn run(case: &Case, catalog: &Catalog) -> Result<Outcome, Error> {
    let path = case.dir.join("before.yaml");
    let parsed = workload::parse(&case.before, catalog);
    let Some(workload) = parsed.workload.as_ref() else {
        let message = parsed.errors().next().map(|d| format!("{}:{}: {}", d.span.line, d.span.column, d.message));
        return Err(Error::Invalid { path, message: message.unwrap_or_default() });
    };
    let catalog = parsed.catalog_or(catalog);
    let report = engine::analyze(workload, catalog);
    let json = serde_json::to_value(&report).map_err(|e| Error::Format { path, message: e.to_string() })?;
    let changes = changes::of_report(&json, catalog);
    let (score, harmful, why) = score(&case.expected, &changes);
    Ok(Outcome {
        id: case.id.clone(),
        class: case.expected.class,
        score,
        harmful,
        recommended: changes.iter().map(Change::describe).collect(),
        why,
    })
}

/// The total: points, the most possible, and the harmful answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Total {
    /// Points scored.
    pub points: u32,
    /// Two per case.
    pub possible: u32,
    /// Cases with a harmful answer.
    pub harmful: u32,
}

impl Total {
    /// Sums outcomes.
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Self {
        let mut t = Total::default();
        for o in outcomes {
            t.points += u32::from(o.score);
            t.possible += 2;
            t.harmful += u32::from(o.harmful);
        }
        t
    }

    /// Points as a share of the possible, in percent.
    pub fn percent(self) -> f64 {
        if self.possible == 0 { 0.0 } else { f64::from(self.points) * 100.0 / f64::from(self.possible) }
    }
}

//! Version 2 is a superset of version 1 (issue 16): every file the project recorded an outcome
//! for before version 2 existed still gets exactly that outcome.
//!
//! - `examples/`: valid, without errors;
//! - `tests/invalid/`: rejected with the diagnostics in its snapshot, compared here byte for byte
//!   without insta (so neither `INSTA_UPDATE=always` nor `INSTA_FORCE_PASS` can let a changed
//!   diagnostic through);
//! - `tests/bad-inputs/`: the outcome recorded in `expected.json` (validity, error and warning
//!   counts, the first error's line, column, field and kind; the findings count is the engine's,
//!   checked by `server/tests/bad_inputs.rs`);
//! - `tests/cases/*/before.v1.yaml`: valid version-1 files;
//! - `tests/links/*.link`: the workload a share link recorded still opens.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use catalog::Catalog;
use serde_json::{Value, json};
use workload::{Level, Parsed, parse_bytes};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn parse(bytes: &[u8]) -> Parsed {
    parse_bytes(bytes, Catalog::embedded().unwrap())
}

fn rendered(parsed: &Parsed, name: &str, bytes: &[u8]) -> String {
    let source = String::from_utf8_lossy(bytes);
    parsed.diagnostics.iter().map(|d| d.render(name, &source, false) + "\n").collect()
}

/// The version a file declares (`version: N` on a line of its own), if it says.
fn declared_version(text: &str) -> Option<u32> {
    text.lines().find_map(|l| l.strip_prefix("version:")).and_then(|v| v.trim().parse().ok())
}

/// A valid file: no errors at all.
fn assert_valid(what: &str, parsed: &Parsed, rendered: &str) {
    let errors = parsed.diagnostics.iter().filter(|d| d.level == Level::Error).count();
    assert!(parsed.is_valid() && errors == 0, "{what} no longer validates:\n{rendered}");
}

#[test]
fn examples_still_validate() {
    let examples = files(&root().join("examples"), "yaml");
    assert_eq!(examples.len(), 7);
    for path in &examples {
        let bytes = fs::read(path).unwrap();
        let parsed = parse(&bytes);
        assert_valid(&path.display().to_string(), &parsed, &rendered(&parsed, "example", &bytes));
    }
}

/// The snapshot's body: what insta stored after its `---` header (`None` when there is none).
fn snapshot_body(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let body = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map(|(_, b)| b)?;
    Some(body.trim_end_matches('\n').to_string())
}

#[test]
fn invalid_fixtures_keep_their_recorded_diagnostics() {
    let fixtures = files(&root().join("tests/invalid"), "yaml");
    let snapshots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/invalid");
    let mut version_1 = 0;
    let mut changed = Vec::new();
    for path in &fixtures {
        let bytes = fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let parsed = parse(&bytes);
        assert!(!parsed.is_valid(), "{name} is accepted now");
        let got = rendered(&parsed, &name, &bytes);
        match snapshot_body(&snapshots.join(format!("{stem}.snap"))) {
            Some(want) if got.trim_end_matches('\n') == want => {}
            Some(want) => changed.push(format!("{name}: recorded\n{want}\nnow\n{got}")),
            None => changed.push(format!("{name}: no recorded diagnostics (snapshots/invalid/{stem}.snap)")),
        }
        if declared_version(&String::from_utf8_lossy(&bytes)) != Some(2) {
            version_1 += 1;
        }
    }
    assert!(changed.is_empty(), "diagnostics differ from the recorded ones:\n\n{}", changed.join("\n\n"));
    assert!(version_1 >= 38, "only {version_1} fixtures are not version 2");
}

/// What the library says of a bad input, in `expected.json`'s terms (without the findings).
fn outcome(bytes: &[u8]) -> Value {
    let parsed = parse(bytes);
    let count = |level: Level| parsed.diagnostics.iter().filter(|d| d.level == level).count();
    let first = parsed.errors().next().map(|d| {
        json!({ "line": d.span.line, "column": d.span.column, "path": d.path, "kind": serde_json::to_value(d.kind).unwrap() })
    });
    json!({
        "bytes": bytes.len(),
        "valid": parsed.is_valid(),
        "errors": count(Level::Error),
        "warnings": count(Level::Warning),
        "first_error": first,
    })
}

#[test]
fn bad_inputs_keep_their_recorded_outcome() {
    let dir = root().join("tests/bad-inputs");
    let expected: BTreeMap<String, Value> =
        serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let corpus = files(&dir, "yaml");
    assert_eq!(corpus.len(), expected.len(), "expected.json and the corpus list different files");
    for path in &corpus {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut want = expected.get(&name).unwrap_or_else(|| panic!("{name} is not in expected.json")).clone();
        want.as_object_mut().unwrap().remove("findings");
        assert_eq!(outcome(&fs::read(path).unwrap()), want, "{name}");
    }
}

#[test]
fn real_cases_version_1_files_still_validate() {
    let mut seen = 0;
    for case in fs::read_dir(root().join("tests/cases")).unwrap() {
        let path = case.unwrap().path().join("before.v1.yaml");
        if !path.exists() {
            continue;
        }
        let bytes = fs::read(&path).unwrap();
        assert_eq!(declared_version(&String::from_utf8_lossy(&bytes)), Some(1), "{}", path.display());
        let parsed = parse(&bytes);
        assert_valid(&path.display().to_string(), &parsed, &rendered(&parsed, "before.v1.yaml", &bytes));
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} before.v1.yaml files");
}

#[test]
fn workloads_in_recorded_share_links_still_validate() {
    let links = files(&root().join("tests/links"), "link");
    assert!(!links.is_empty(), "no recorded links");
    for path in &links {
        let record =
            link::decode(&fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(declared_version(&record.workload), Some(1), "{}", path.display());
        let parsed = workload::parse(&record.workload, Catalog::embedded().unwrap());
        let shown = rendered(&parsed, "link", record.workload.as_bytes());
        assert_valid(&path.display().to_string(), &parsed, &shown);
    }
}

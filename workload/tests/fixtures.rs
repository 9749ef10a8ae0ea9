//! Data-driven diagnostics tests: every file in `tests/invalid/` is parsed, its diagnostics
//! rendered and snapshotted; every example in `examples/` must parse without errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{fs, path::PathBuf};

use catalog::Catalog;
use workload::{Level, Parsed, parse_bytes};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

/// Parses one fixture and renders its diagnostics the way the CLI does (without colour).
fn check(path: &PathBuf) -> (Parsed, String) {
    let bytes = fs::read(path).unwrap();
    let parsed = parse_bytes(&bytes, Catalog::embedded().unwrap());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let source = String::from_utf8_lossy(&bytes);
    let rendered: String = parsed.diagnostics.iter().map(|d| d.render(&name, &source, false) + "\n").collect();
    (parsed, rendered)
}

#[test]
fn every_invalid_fixture_is_rejected_with_located_errors() {
    let fixtures = files("tests/invalid");
    assert!(fixtures.len() >= 30, "only {} invalid fixtures", fixtures.len());
    for path in &fixtures {
        let (parsed, rendered) = check(path);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(!parsed.is_valid(), "{name} was accepted");
        for d in parsed.errors() {
            assert!(d.span.line >= 1 && d.span.column >= 1, "{name}: error without a position: {d:?}");
        }
        insta::with_settings!({ snapshot_path => "snapshots/invalid", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

#[test]
fn every_example_is_valid() {
    let examples = files("examples");
    assert_eq!(examples.len(), 7, "the seven seed scenarios");
    for path in &examples {
        let (parsed, rendered) = check(path);
        let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.level == Level::Error).collect();
        assert!(errors.is_empty() && parsed.is_valid(), "{}:\n{rendered}", path.display());
    }
}

/// Regression for the issue's own example (issue 2): `typ: postgres` suggests `type`.
#[test]
fn typ_suggests_type() {
    let (parsed, _) = check(&root().join("tests/invalid/01-typo-field-type.yaml"));
    let d = parsed.diagnostics.iter().find(|d| d.path == "stores[0].typ").expect("a diagnostic on the typo");
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `type`?"));
    assert_eq!((d.span.line, d.span.column), (6, 5));
}

#[test]
fn all_errors_are_reported_in_one_pass() {
    let (parsed, _) = check(&root().join("tests/invalid/33-many-errors-at-once.yaml"));
    let kinds: Vec<String> = parsed.errors().map(|d| format!("{:?}", d.kind)).collect();
    for expected in
        ["UnknownField", "DanglingReference", "BadUnit", "DuplicateId", "UnknownStoreType", "UnknownPattern"]
    {
        assert!(kinds.iter().any(|k| k == expected), "no {expected} among {kinds:?}");
    }
}

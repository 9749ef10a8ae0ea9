//! The bad-input corpus (`tests/bad-inputs/`, issue 7) through the library, the CLI and the API:
//! each file's outcome (valid with N findings, or invalid with its first error's line, column
//! and field) is recorded in `tests/bad-inputs/expected.json`, and every front end must give
//! it. The browser test `tests/e2e/bad-inputs.test.mjs` checks the WASM app against the same
//! file. `STOREWISE_BLESS=1 cargo test --test bad_inputs` rewrites it after an intended change.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::{collections::BTreeMap, path::PathBuf, time::Instant};

use common::{Server, request, root, storewise, temp_dir};
use serde_json::{Value, json};

/// The API's body limit (`server/src/web/mod.rs`): larger files are refused with 413.
const API_MAX_BODY: usize = 1024 * 1024;
/// Exit codes of `storewise validate`.
const OK: i32 = 0;
const INVALID: i32 = 1;

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/bad-inputs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn name(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// What the library says of a file.
fn check(bytes: &[u8]) -> Value {
    let catalog = catalog::Catalog::embedded().unwrap();
    let parsed = workload::parse_bytes(bytes, catalog);
    let count = |level: workload::Level| parsed.diagnostics.iter().filter(|d| d.level == level).count();
    let first = parsed.errors().next().map(|d| {
        json!({ "line": d.span.line, "column": d.span.column, "path": d.path, "kind": serde_json::to_value(d.kind).unwrap() })
    });
    let findings = parsed.workload.as_ref().map(|w| engine::analyze(w, parsed.catalog_or(catalog)).findings.len());
    json!({
        "bytes": bytes.len(),
        "valid": parsed.workload.is_some(),
        "errors": count(workload::Level::Error),
        "warnings": count(workload::Level::Warning),
        "first_error": first,
        "findings": findings,
    })
}

#[test]
fn the_library_gives_the_recorded_outcome_for_every_file() {
    let files = corpus();
    assert!(files.len() >= 60, "only {} files in the corpus", files.len());
    let got: BTreeMap<String, Value> = files.iter().map(|p| (name(p), check(&std::fs::read(p).unwrap()))).collect();
    let path = root().join("tests/bad-inputs/expected.json");
    if std::env::var_os("STOREWISE_BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
    }
    let expected: BTreeMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for (file, outcome) in &got {
        assert_eq!(Some(outcome), expected.get(file), "{file} (STOREWISE_BLESS=1 records an intended change)");
    }
    assert_eq!(got.len(), expected.len(), "expected.json lists files that are gone");
    for (file, outcome) in &got {
        if outcome["valid"] == false {
            let first = &outcome["first_error"];
            assert!(first["line"].as_u64().unwrap() >= 1 && first["column"].as_u64().unwrap() >= 1, "{file}");
        }
    }
}

fn expected() -> BTreeMap<String, Value> {
    serde_json::from_str(&std::fs::read_to_string(root().join("tests/bad-inputs/expected.json")).unwrap()).unwrap()
}

#[test]
fn the_cli_gives_the_recorded_outcome_for_every_file() {
    for (file, outcome) in expected() {
        let path = format!("tests/bad-inputs/{file}");
        let (code, out, err) = storewise(&["validate", "--format", "json", &path]);
        assert!(!err.contains("panicked"), "{file}: {err}");
        let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{file}: {e}: {out}{err}"));
        assert_eq!(report["files"][0]["path"], path.as_str(), "{file}");
        let report = &report["files"][0];
        assert_eq!(report["valid"], outcome["valid"], "{file}");
        let want_code = if outcome["valid"] == true { OK } else { INVALID };
        assert_eq!(code, want_code, "{file}");
        if let Some(first) = outcome["first_error"].as_object() {
            let shown = report["diagnostics"].as_array().unwrap().iter().find(|d| d["level"] == "error").unwrap();
            assert_eq!(shown["span"]["line"], first["line"], "{file}");
            assert_eq!(shown["span"]["column"], first["column"], "{file}");
            assert_eq!(shown["path"], first["path"], "{file}");
        }
        if outcome["valid"] == true {
            let (code, out, err) = storewise(&["analyze", "--format", "json", &path]);
            assert_eq!(code, 0, "{file}: {err}");
            let document: Value = serde_json::from_str(&out).unwrap();
            let report = &document["files"][0]["report"];
            assert_eq!(report["findings"].as_array().unwrap().len() as u64, outcome["findings"].as_u64().unwrap());
        }
    }
}

#[test]
fn the_api_gives_the_recorded_outcome_for_every_file() {
    let server = Server::start(&temp_dir("bad-inputs-api").join("links.db"), &[]);
    let mut slowest = (0.0f64, String::new());
    for (file, outcome) in expected() {
        let bytes = std::fs::read(root().join("tests/bad-inputs").join(&file)).unwrap();
        let started = Instant::now();
        let (status, body) = request(server.addr(), "POST", "/api/analyze", &bytes).unwrap();
        let took = started.elapsed().as_secs_f64();
        if took > slowest.0 {
            slowest = (took, file.clone());
        }
        let answer: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{file}: {status} {e}: {body}"));
        if bytes.len() > API_MAX_BODY {
            assert_eq!((status, &answer["error"]["code"]), (413, &json!("too_large")), "{file}");
        } else if let Some(first) = outcome["first_error"].as_object() {
            assert_eq!(status, 422, "{file}: {body}");
            let diagnostics = answer["error"]["diagnostics"].as_array().unwrap();
            let shown = diagnostics.iter().find(|d| d["level"] == "error").unwrap();
            assert_eq!(
                (&shown["span"]["line"], &shown["span"]["column"]),
                (&first["line"], &first["column"]),
                "{file}"
            );
        } else {
            assert_eq!(status, 200, "{file}: {body}");
            assert_eq!(answer["findings"].as_array().unwrap().len() as u64, outcome["findings"].as_u64().unwrap());
        }
    }
    eprintln!("slowest API answer: {:.0} ms ({})", slowest.0 * 1000.0, slowest.1);
}

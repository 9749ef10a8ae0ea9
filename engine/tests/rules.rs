//! Data-driven rule fixtures: `tests/rules/<CODE>/fires-*.yaml` must give a finding of rule
//! `<CODE>`, `tests/rules/<CODE>/near-*.yaml` (the smallest change that keeps it silent) none.
//! Each fixture's report is snapshotted as a compact digest: per finding its code, severity and
//! title, its changes, its options table (as `speak::option_row` words it) and its
//! assumptions and recommendation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
};

use engine::{Catalog, Change, Report, speak};

/// The folder holding one folder per rule code.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("rules")
}

/// Every rule folder, sorted.
fn folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root())
        .expect("tests/rules exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// The fixtures of one rule folder, sorted.
fn fixtures(folder: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("a readable rule folder")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    out.sort();
    out
}

fn name_of(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string()
}

/// One change in a line: its kind and main fields.
fn change_line(c: &Change) -> String {
    match c {
        Change::ChangeFlow { store, from, was, via, was_from, backfill } => format!(
            "change_flow {store}: {} {} -> {from} {}{}",
            was_from.as_deref().unwrap_or("?"),
            was.as_str(),
            via.as_str(),
            if *backfill { " (backfill)" } else { "" }
        ),
        Change::ApplyRemedy { store, remedy, units, for_workloads, .. } => format!(
            "apply_remedy {store}: {remedy}{}{}",
            units.map(|n| format!(" x{n}")).unwrap_or_default(),
            if for_workloads.is_empty() { String::new() } else { format!(" for {}", for_workloads.join(", ")) }
        ),
        Change::AddStore { id, store_type, from, via, for_workloads, .. } => {
            format!(
                "add_store {id} ({store_type}) fed from {from} by {} for {}",
                via.as_str(),
                for_workloads.join(", ")
            )
        }
        Change::MoveWorkload { workload, from, to } => format!("move_workload {workload}: {from} -> {to}"),
        Change::RemoveStore { store, into, remedies, .. } => {
            let with: Vec<&str> = remedies.iter().map(|(r, _)| r.as_str()).collect();
            format!(
                "remove_store {store} into {into}{}",
                if with.is_empty() { String::new() } else { format!(" with {}", with.join(", ")) }
            )
        }
        Change::ReplaceStore { store, store_type } => format!("replace_store {store} by {store_type}"),
    }
}

/// The digest of a report: what a reviewer reads.
fn digest(catalog: &Catalog, report: &Report) -> String {
    let mut out = String::new();
    if report.findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in &report.findings {
        let _ = writeln!(out, "{} {}: {}", f.code, f.severity, f.title);
        for c in &f.changes {
            let _ = writeln!(out, "  change: {}", change_line(c));
        }
        for o in &f.options {
            let _ = writeln!(out, "  option: {}", speak::option_row(catalog, o));
        }
        for a in &f.assumptions {
            let _ = writeln!(out, "  assumed: {} = {} (state `{}`)", a.what, a.value, a.state);
        }
        let _ = writeln!(out, "  recommendation: {}", f.recommendation);
        out.push('\n');
    }
    out
}

/// Parses and analyses one fixture, checks that its rule fires (`fires-*`) or stays silent
/// (`near-*`), and snapshots its digest. Returns what is wrong, if anything.
fn check(path: &Path) -> Option<String> {
    let catalog = Catalog::embedded().expect("the embedded catalog parses");
    let folder = path.parent().map(name_of).unwrap_or_default();
    let file = name_of(path);
    let stem = file.trim_end_matches(".yaml");
    let text = std::fs::read_to_string(path).expect("a readable fixture");
    if !text.starts_with('#') {
        return Some(format!("{folder}/{file}: does not start with a comment saying what it shows"));
    }
    let parsed = workload::parse(&text, catalog);
    let Some(w) = parsed.workload.as_ref() else {
        return Some(format!("{folder}/{file}: invalid: {:#?}", parsed.diagnostics));
    };
    let catalog = parsed.catalog_or(catalog);
    let report = engine::analyze(w, catalog);
    let fired = report.findings.iter().any(|f| f.code == folder);
    let expected = if stem.starts_with("fires-") {
        true
    } else if stem.starts_with("near-") {
        false
    } else {
        return Some(format!("{folder}/{file}: name it fires-*.yaml or near-*.yaml"));
    };
    let shown = digest(catalog, &report);
    insta::with_settings!({ input_file => path, omit_expression => true }, {
        insta::assert_snapshot!(format!("{folder}-{stem}"), shown);
    });
    (fired != expected).then(|| {
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        format!("{folder}/{file}: {folder} {} (findings: {codes:?})", if expected { "does not fire" } else { "fires" })
    })
}

#[test]
fn every_fixture_fires_or_stays_silent_as_named() {
    let mut problems = Vec::new();
    for folder in folders() {
        let list = fixtures(&folder);
        let code = name_of(&folder);
        if !list.iter().any(|p| name_of(p).starts_with("fires-")) {
            problems.push(format!("{code}: no fires-*.yaml"));
        }
        if !list.iter().any(|p| name_of(p).starts_with("near-")) {
            problems.push(format!("{code}: no near-*.yaml"));
        }
        problems.extend(list.iter().filter_map(|p| check(p)));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_folder_and_every_folder_a_rule() {
    let names: Vec<String> = folders().iter().map(|p| name_of(p)).collect();
    for rule in engine::rules() {
        assert!(
            names.iter().any(|n| n == rule.code()),
            "{} ({}) has no folder under tests/rules",
            rule.code(),
            rule.name()
        );
    }
    for name in &names {
        assert!(
            engine::rules::rule(name).is_some_and(|r| r.code() == name),
            "tests/rules/{name} names no registered rule"
        );
    }
}

#[test]
fn issue_17_a_saturated_store_names_the_targets_its_workloads_miss() {
    let catalog = Catalog::embedded().expect("the embedded catalog parses");
    let path = root().join("SW012").join("fires-saturated-primary-misses-read-target.yaml");
    let text = std::fs::read_to_string(path).expect("a readable fixture");
    let parsed = workload::parse(&text, catalog);
    let report = engine::analyze(parsed.workload.as_ref().expect("a valid fixture"), catalog);
    let f = report.findings.iter().find(|f| f.code == "SW012").expect("SW012 fires");
    assert!(f.subjects.iter().any(|s| s == "profile-reads"), "subjects: {:?}", f.subjects);
    let miss = f.evidence.iter().find(|e| e.label == "profile-reads misses its target").expect("the miss as evidence");
    assert_eq!(miss.value, "300ms vs 50ms target");
    assert!(f.assumptions.iter().any(|a| a.state == "stores[0].remedies_in_place"), "{:?}", f.assumptions);
}

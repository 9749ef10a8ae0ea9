//! Data-driven diagnostics tests: every file in `tests/invalid/` is parsed, its diagnostics
//! rendered and snapshotted; every example in `examples/` must parse without errors; every
//! version-2 fixture in `tests/v2/` parses without a diagnostic, and together they use every
//! field and flow kind version 2 added.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{fs, path::PathBuf};

use catalog::Catalog;
use workload::{Ask, Level, Parsed, Via, parse_bytes};

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

#[test]
fn every_version_2_fixture_is_valid_and_together_they_use_every_new_field() {
    let fixtures = files("tests/v2");
    assert!(fixtures.len() >= 3, "only {} version-2 fixtures", fixtures.len());
    let mut workloads = Vec::new();
    for path in &fixtures {
        let (parsed, rendered) = check(path);
        assert!(parsed.is_valid() && parsed.diagnostics.is_empty(), "{}:\n{rendered}", path.display());
        let w = parsed.workload.unwrap();
        assert_eq!(w.version, 2, "{}", path.display());
        workloads.push(w);
    }
    let stores: Vec<_> = workloads.iter().flat_map(|w| &w.stores).collect();
    let feeds: Vec<_> = stores.iter().flat_map(|s| &s.fed_by).collect();
    let items: Vec<_> = workloads.iter().flat_map(|w| &w.workloads).collect();
    let asks: Vec<_> = workloads.iter().flat_map(|w| &w.proposals).map(|p| &p.ask).collect();
    let store = |f: &dyn Fn(&workload::Store) -> bool| stores.iter().any(|s| f(s));
    let item = |f: &dyn Fn(&workload::WorkloadItem) -> bool| items.iter().any(|i| f(i));
    let gauge = |f: &dyn Fn(&workload::Store) -> Option<(bool, bool)>| store(&|s| f(s) == Some((true, true)));
    let mut uses: Vec<(&str, bool)> = vec![
        ("horizon", workloads.iter().any(|w| w.horizon.is_some())),
        ("ruled_out", workloads.iter().any(|w| !w.ruled_out.is_empty())),
        ("ruled_out.store", workloads.iter().flat_map(|w| &w.ruled_out).any(|r| r.store.is_some())),
        ("ruled_out.for", workloads.iter().flat_map(|w| &w.ruled_out).any(|r| r.for_workload.is_some())),
        ("ignore", workloads.iter().any(|w| !w.ignore.is_empty())),
        ("ignore.subjects", workloads.iter().flat_map(|w| &w.ignore).any(|i| !i.subjects.is_empty())),
        ("ignore.until", workloads.iter().flat_map(|w| &w.ignore).any(|i| i.until.is_some())),
        ("managed", store(&|s| s.managed.is_some())),
        ("nodes", store(&|s| s.nodes.is_some())),
        ("shards", store(&|s| s.shards.is_some())),
        ("replicas", store(&|s| s.replicas.is_some())),
        ("cpu", gauge(&|s| s.cpu.as_ref().map(|g| (g.measured.is_some(), g.limit.is_some())))),
        ("memory", gauge(&|s| s.memory.as_ref().map(|g| (g.measured.is_some(), g.limit.is_some())))),
        ("iops", gauge(&|s| s.iops.as_ref().map(|g| (g.measured.is_some(), g.limit.is_some())))),
        ("storage", gauge(&|s| s.storage.as_ref().map(|g| (g.measured.is_some(), g.limit.is_some())))),
        ("connections", gauge(&|s| s.connections.as_ref().map(|g| (g.measured.is_some(), g.limit.is_some())))),
        ("store growth", store(&|s| s.growth.is_some())),
        ("skew", store(&|s| s.skew.is_some())),
        ("ops_hours", store(&|s| s.ops_hours.is_some())),
        (
            "an app-filled store without fed_by",
            store(&|s| s.role.value != workload::Role::SourceOfTruth && s.fed_by.is_empty()),
        ),
        ("every", feeds.iter().any(|f| f.every.is_some())),
        ("lag", feeds.iter().any(|f| f.lag.as_ref().is_some_and(|l| l.measured.is_some() && l.target.is_some()))),
        ("replayable", feeds.iter().any(|f| f.replayable.is_some())),
        ("transactional", feeds.iter().any(|f| f.transactional.is_some())),
        ("kind: read", item(&|i| i.kind.as_ref().is_some_and(|k| k.value == workload::ItemKind::Read))),
        ("kind: write", item(&|i| i.kind.as_ref().is_some_and(|k| k.value == workload::ItemKind::Write))),
        ("batch_size", item(&|i| i.batch_size.is_some())),
        ("updates", item(&|i| i.updates.is_some())),
        ("workload growth", item(&|i| i.growth.is_some())),
        ("freshness", item(&|i| i.freshness.is_some())),
        ("read_your_writes", item(&|i| i.read_your_writes.is_some())),
        ("secondary_lookup", item(&|i| i.secondary_lookup.is_some())),
        ("ad_hoc", item(&|i| i.ad_hoc.is_some())),
        ("domain", item(&|i| i.domain.is_some())),
        ("add", asks.iter().any(|a| matches!(a, Ask::Add { .. }))),
        ("replace/by", asks.iter().any(|a| matches!(a, Ask::Replace { .. }))),
        ("move/to", asks.iter().any(|a| matches!(a, Ask::Move { .. }))),
        ("remove", asks.iter().any(|a| matches!(a, Ask::Remove { .. }))),
    ];
    for kind in workload::Incidents::KINDS {
        let used =
            store(&|s| s.incidents.as_ref().is_some_and(|i| i.each().iter().any(|(k, r)| *k == kind && r.is_some())));
        uses.push((kind, used));
    }
    let cache = |f: &dyn Fn(&workload::CacheFacts) -> bool| store(&|s| s.cache.as_ref().is_some_and(|c| f(c)));
    uses.extend([
        ("cache.hit_rate", cache(&|c| c.hit_rate.is_some())),
        ("cache.miss_latency", cache(&|c| c.miss_latency.is_some())),
        ("cache.capacity", cache(&|c| c.capacity.is_some())),
        ("cache.working_set", cache(&|c| c.working_set.is_some())),
        ("cache.ttl", cache(&|c| c.ttl.is_some())),
    ]);
    for (name, via) in Via::ALL.into_iter().filter(|(_, v)| !Via::V1.contains(v)) {
        uses.push((name, feeds.iter().any(|f| f.via.value == via)));
    }
    let missing: Vec<&str> = uses.iter().filter(|(_, used)| !used).map(|(name, _)| *name).collect();
    assert!(missing.is_empty(), "no version-2 fixture uses {missing:?}");
}

/// A `fed_by` chain of `n` stores from a source of truth, cut at store `cut` (fed instead from a
/// store the application fills itself, which is no source of truth).
fn chain(n: usize, cut: usize) -> String {
    let mut y = String::from(
        "version: 2\nname: chain\nstores:\n  - { id: app-filled, type: redis, role: derived }\n  \
         - { id: s0, type: postgresql, role: source_of_truth }\n",
    );
    for i in 1..n {
        let from = if i == cut { "app-filled".to_owned() } else { format!("s{}", i - 1) };
        y.push_str(&format!("  - {{ id: s{i}, type: redis, role: derived, fed_by: {{ from: {from}, via: cdc }} }}\n"));
    }
    y.push_str("workloads:\n  - { id: w, pattern: point_lookup, store: s0, kind: read, rate: 10/s }\n");
    y
}

/// Issue 18: the source-of-truth check walks the flow graph once (it walked every store's
/// upstream chain, 4.5 s on a 5,000-store chain). On such a chain every store is told apart
/// right: fed from the source of truth (no error), or cut off from it (one error each).
#[test]
fn long_fed_by_chains_are_judged_store_by_store() {
    let catalog = Catalog::embedded().unwrap();
    let whole = parse_bytes(chain(4_999, usize::MAX).as_bytes(), catalog);
    assert!(whole.is_valid() && whole.diagnostics.is_empty(), "{:?}", whole.diagnostics.first());
    let cut = parse_bytes(chain(4_999, 4_900).as_bytes(), catalog);
    let orphans: Vec<&str> = cut
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("no source of truth feeds it"))
        .map(|d| d.message.split('`').nth(1).unwrap_or_default())
        .collect();
    let expected: Vec<String> = (4_900..4_999).map(|i| format!("s{i}")).collect();
    assert_eq!(orphans, expected);
}

/// Issue 18: the documented limits are the ones a file meets. 50,000 workloads (the most a file
/// may describe) parse; a file written out past the value limit is told that limit, not one
/// about aliases; an alias bomb is told about aliases.
#[test]
fn the_documented_limits_are_reachable_and_named() {
    let catalog = Catalog::embedded().unwrap();
    let mut most = String::from(
        "version: 2\nname: most\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\nworkloads:\n",
    );
    for i in 0..50_000 {
        most.push_str(&format!("  - {{ id: w{i}, pattern: point_lookup, store: db, rate: 1/s }}\n"));
    }
    assert!(most.len() < workload::yaml::MAX_BYTES, "{} bytes", most.len());
    let parsed = parse_bytes(most.as_bytes(), catalog);
    assert!(parsed.is_valid(), "{:?}", parsed.diagnostics.first());
    assert_eq!(parsed.workload.map(|w| w.workloads.len()), Some(50_000));

    let written = format!("version: 2\nname: long\nlist: [{}]\n", "a,".repeat(workload::yaml::MAX_NODES));
    let parsed = parse_bytes(written.as_bytes(), catalog);
    let message = &parsed.diagnostics.first().unwrap().message;
    assert!(message.starts_with("the document holds more than 1000000 values"), "{message}");

    let mut bomb = String::from("version: 2\nname: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, prev) in (b'b'..=b'h').zip(b'a'..) {
        let (i, prev) = (i as char, prev as char);
        bomb.push_str(&format!(
            "{i}: &{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    let parsed = parse_bytes(bomb.as_bytes(), catalog);
    let message = &parsed.diagnostics.first().unwrap().message;
    assert!(message.starts_with("aliases expand the document by more than 250000 values"), "{message}");
}

//! Share links end to end: every example round-trips, a link written by the first version
//! still opens, damaged links give their message, generated workloads round-trip, and the
//! comparison names what changed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{fs, path::PathBuf};

use catalog::Catalog;
use engine::Severity;
use link::{FindingKey, LinkError, Shared, decode, encode, from_fragment};
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// The record a workload's text gives today.
fn shared(text: &str) -> Shared {
    let catalog = Catalog::embedded().unwrap();
    let parsed = workload::parse(text, catalog);
    let report = engine::analyze(parsed.workload.as_ref().expect("a valid workload"), catalog);
    Shared::new(text, &report)
}

/// Decodes a link file: the record, or the message a person would read.
fn check(path: &PathBuf) -> Result<Shared, String> {
    decode(&fs::read_to_string(path).unwrap()).map_err(|e| e.to_string())
}

#[test]
fn every_example_round_trips() {
    for path in files("examples", "yaml") {
        let record = shared(&fs::read_to_string(&path).unwrap());
        let payload = encode(&record);
        assert!(payload.starts_with("1."), "{}", path.display());
        assert_eq!(decode(&payload).unwrap(), record, "{}", path.display());
        assert_eq!(from_fragment(&format!("#w={payload}")).unwrap(), record);
    }
}

/// A link made by the first link format (issue 6) must open forever.
#[test]
fn a_link_from_the_first_version_still_opens() {
    let record = check(&root().join("tests/links/v1-s1.link")).unwrap();
    assert_eq!(record.made_with.catalog, "1+612eb154");
    assert_eq!(record.made_with.rules, "1.0");
    assert_eq!(
        record.findings,
        vec![FindingKey {
            code: "SW011".into(),
            subjects: vec!["main-db".into(), "events".into(), "status-cache".into(), "analytics".into()],
            severity: Severity::Info,
        }]
    );
    let parsed = workload::parse(&record.workload, Catalog::embedded().unwrap());
    assert_eq!(parsed.workload.unwrap().name, "Logistics platform");
}

#[test]
fn damaged_links_say_what_is_wrong() {
    let fixtures = files("tests/links/damaged", "link");
    assert!(fixtures.len() >= 8);
    for path in &fixtures {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let message = check(path).expect_err(&name);
        insta::with_settings!({ snapshot_path => "snapshots/damaged", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, message);
        });
    }
}

#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    assert_eq!(check(&root().join("tests/links/damaged/bomb.link")).unwrap_err(), LinkError::TooLarge.to_string());
}

#[test]
fn comparison_names_new_gone_and_regraded_findings() {
    let text = fs::read_to_string(root().join("examples/s6-ecommerce.yaml")).unwrap();
    let now = {
        let catalog = Catalog::embedded().unwrap();
        engine::analyze(workload::parse(&text, catalog).workload.as_ref().unwrap(), catalog)
    };
    let mut then = Shared::new(text.clone(), &now);
    assert!(then.compare(&now).same_versions() && then.compare(&now).same_findings());
    let first = then.findings.remove(0);
    then.findings[0].severity = Severity::Info;
    then.findings.push(FindingKey { code: "SW999".into(), subjects: vec!["gone".into()], severity: Severity::Low });
    then.made_with.rules = "0.9".into();
    let comparison = then.compare(&now);
    assert!(!comparison.same_versions());
    assert_eq!(comparison.appeared, vec![first]);
    assert_eq!(comparison.gone.len(), 1);
    assert_eq!(comparison.regraded.len(), 1);
    assert_eq!(comparison.regraded[0].was, Severity::Info);
    let lines = comparison.describe();
    assert!(lines.iter().any(|l| *l == format!("Rules 0.9 then, {} now.", engine::RULES_VERSION)), "{lines:?}");
    assert!(lines.iter().any(|l| l == "No longer found: SW999 on gone (low)."), "{lines:?}");
}

/// A workload file built from catalog store types, ids and flows drawn by proptest.
fn generated_workload() -> impl Strategy<Value = String> {
    let types = ["postgresql", "redis", "kafka", "elasticsearch", "clickhouse", "mongodb", "s3"];
    let store = (0..types.len(), "[a-z][a-z0-9-]{0,12}", any::<bool>());
    (proptest::collection::vec(store, 1..8), "[ -~]{0,40}", proptest::collection::vec(any::<char>(), 0..20)).prop_map(
        move |(stores, name, comment)| {
            let mut text = format!(
                "# {}\nversion: 1\nname: {:?}\nstores:\n",
                comment.iter().collect::<String>().replace(['\n', '\r'], " "),
                name
            );
            for (i, (t, id, derived)) in stores.iter().enumerate() {
                let role = if i == 0 || !derived { "source_of_truth" } else { "derived" };
                text.push_str(&format!("  - id: {id}-{i}\n    type: {}\n    role: {role}\n", types[*t]));
            }
            text
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_workloads_round_trip(text in generated_workload()) {
        let catalog = Catalog::embedded().unwrap();
        let parsed = workload::parse(&text, catalog);
        let report = parsed.workload.as_ref().map(|w| engine::analyze(w, catalog));
        let record = match &report {
            Some(r) => Shared::new(text.clone(), r),
            None => Shared { workload: text.clone(), made_with: link::MadeWith { catalog: "x".into(), rules: "y".into() }, findings: vec![] },
        };
        let back = decode(&encode(&record)).unwrap();
        prop_assert_eq!(&back, &record);
        prop_assert_eq!(back.workload, text);
    }

    #[test]
    fn any_text_round_trips(text in "\\PC{0,2000}") {
        let record = Shared { workload: text, made_with: link::MadeWith { catalog: "1+0".into(), rules: "1.0".into() }, findings: vec![] };
        prop_assert_eq!(decode(&encode(&record)).unwrap(), record);
    }

    #[test]
    fn decoding_never_panics(payload in "[0-9]{0,2}\\.?[A-Za-z0-9_-]{0,400}") {
        let _ = decode(&payload);
    }
}

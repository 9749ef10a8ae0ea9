//! How expected changes match a report's changes, and how a case is scored (issue 12's rubric).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use fidelity::{Change, Expected, score};

fn change(kind: &str, fields: &[(&str, &[&str])]) -> Change {
    let fields: BTreeMap<String, Vec<String>> =
        fields.iter().map(|(k, v)| ((*k).to_string(), v.iter().map(|s| (*s).to_string()).collect())).collect();
    Change { kind: kind.to_string(), fields }
}

fn expected(text: &str) -> Expected {
    toml::from_str(text).expect("expected.toml parses")
}

const ADD: &str = r#"
class = "add"
decision = "Added a column store for the dashboards."
[[right]]
kind = "add_store"
family = ["column_store", "realtime_olap"]
for = ["dashboards"]
[[partial]]
kind = "apply_remedy"
store = "main-db"
remedy = ["materialized_view"]
[[harmful]]
kind = "remove_store"
store = "events"
"#;

#[test]
fn every_right_change_scores_two() {
    let add = change("add_store", &[("family", &["column_store"]), ("for", &["dashboards", "reports"])]);
    assert_eq!(score(&expected(ADD), &[add]).0, 2);
}

#[test]
fn a_list_key_must_cover_every_workload_named() {
    let add = change("add_store", &[("family", &["column_store"]), ("for", &["reports"])]);
    assert_eq!(
        score(&expected(ADD), &[add]),
        (0, false, "missing: add_store family=column_store|realtime_olap for=dashboards".into())
    );
}

#[test]
fn a_partial_change_scores_one_and_a_wrong_family_nothing() {
    let remedy = change("apply_remedy", &[("store", &["main-db"]), ("remedy", &["materialized_view"])]);
    let wrong = change("add_store", &[("family", &["search"]), ("for", &["dashboards"])]);
    assert_eq!(score(&expected(ADD), &[remedy, wrong.clone()]).0, 1);
    assert_eq!(score(&expected(ADD), &[wrong]).0, 0);
    assert_eq!(score(&expected(ADD), &[]).0, 0, "doing nothing scores 0");
}

#[test]
fn a_harmful_change_scores_zero_whatever_else_is_right() {
    let add = change("add_store", &[("family", &["column_store"]), ("for", &["dashboards"])]);
    let remove = change("remove_store", &[("store", &["events"]), ("into", &["main-db"])]);
    assert_eq!(score(&expected(ADD), &[add, remove]), (0, true, "harmful: remove_store store=events".into()));
}

#[test]
fn version_one_dual_write_changes_read_as_flow_changes() {
    let catalog = catalog::Catalog::embedded().expect("catalog");
    let report = serde_json::json!({ "findings": [{ "changes": [
        { "kind": "replace_dual_writes", "source": "db", "targets": ["search", "cache"], "via": "cdc", "through": null },
        { "kind": "add_store", "id": "x", "store_type": "clickhouse", "from": "db", "via": "cdc", "for_workloads": ["w"] }
    ]}]});
    let changes = fidelity::changes::of_report(&report, catalog);
    let described: Vec<String> = changes.iter().map(Change::describe).collect();
    assert_eq!(
        described,
        [
            "flow db→search dual_write→cdc",
            "flow db→cache dual_write→cdc",
            "add clickhouse (column_store) from db via cdc for w"
        ]
    );
}

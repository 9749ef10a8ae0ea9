//! `storewise share` and short links on a real server process: fragment links decode to the
//! file, short links are one per workload and survive a restart (issue 6).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Server, root, storewise, temp_dir};

fn temp_db(name: &str) -> std::path::PathBuf {
    temp_dir(name).join("links.db")
}

#[test]
fn a_fragment_link_holds_the_file() {
    let (code, out, err) = storewise(&["share", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 0, "{err}");
    let url = out.trim();
    let fragment = url.strip_prefix("http://127.0.0.1:8080/#").expect(url);
    let shared = link::from_fragment(fragment).unwrap();
    assert_eq!(shared.workload, std::fs::read_to_string(root().join("examples/s1-logistics.yaml")).unwrap());
    assert_eq!(shared.made_with.rules, engine::RULES_VERSION);
    let (_, out, _) = storewise(&["share", "--base", "https://storewise.example/", "examples/s2-dual-write.yaml"]);
    assert!(out.starts_with("https://storewise.example/#w=1."), "{out}");
}

#[test]
fn share_refuses_invalid_files_and_overrides_it_cannot_carry() {
    let (code, _, err) = storewise(&["share", "--color", "never", "tests/invalid/01-typo-field-type.yaml"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `type`?"), "{err}");
    let overrides = temp_db("overrides").with_file_name("team.toml");
    std::fs::write(&overrides, "").unwrap();
    let (code, _, err) = storewise(&["share", "--catalog", overrides.to_str().unwrap(), "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("catalog_overrides"), "{err}");
}

#[test]
fn a_server_that_is_not_there_is_a_clear_error() {
    let (code, _, err) = storewise(&["share", "--server", "http://127.0.0.1:9", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot connect to 127.0.0.1:9"), "{err}");
    let (code, _, err) = storewise(&["share", "--server", "https://example.org", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("only http://"), "{err}");
}

/// Issue 6: short links survive a restart (here, a kill), and one workload gets one id.
#[test]
fn short_links_survive_a_restart() {
    let db = temp_db("restart");
    let server = Server::start(&db, &[]);
    let (code, first, err) = storewise(&["share", "--server", &server.url, "examples/s6-ecommerce.yaml"]);
    assert_eq!(code, 0, "{err}");
    let first = first.trim().to_string();
    let (_, again, _) = storewise(&["share", "--server", &server.url, "examples/s6-ecommerce.yaml"]);
    assert_eq!(again.trim(), first, "the same workload shared twice gives one link");
    let id = first.rsplit('/').next().unwrap().to_string();
    assert!(id.len() * 5 >= 96, "{id}");
    let (status, before) = server.get(&format!("/api/share/{id}"));
    assert_eq!(status, 200, "{before}");
    drop(server);

    let server = Server::start(&db, &[]);
    let (status, after) = server.get(&format!("/api/share/{id}"));
    assert_eq!(status, 200, "{after}");
    assert_eq!(after, before, "the record, creation time included, is unchanged");
    let record: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        record["shared"]["workload"].as_str().unwrap(),
        std::fs::read_to_string(root().join("examples/s6-ecommerce.yaml")).unwrap()
    );
}

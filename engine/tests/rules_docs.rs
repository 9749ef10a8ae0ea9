//! Every rule is documented (what it checks, why, an example, what to do instead), its page in
//! `docs/rules/` is generated from those docs, and the registry's codes are unique, well formed
//! and in order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::HashSet;

use engine::{Severity, rules};

#[test]
fn every_rule_has_the_four_headings() {
    for rule in engine::rules::described() {
        let docs = rule.docs();
        let first = docs.lines().next().unwrap_or_default();
        assert!(
            !first.trim().is_empty() && !first.starts_with('#'),
            "{}: the docs open with a summary line",
            rule.code()
        );
        let mut last = 0;
        for heading in ["# What it checks", "# Why", "# Example", "# Instead"] {
            let at =
                docs.find(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("{} lacks `{heading}`", rule.code()));
            assert!(at > last, "{}: `{heading}` out of order", rule.code());
            last = at;
        }
        assert!(docs.contains("```"), "{}: the example has a code block", rule.code());
        assert!(!rule.summary().is_empty() && !rule.name().is_empty());
    }
}

#[test]
fn codes_are_unique_well_formed_and_ordered() {
    let mut seen = HashSet::new();
    let mut previous = String::new();
    for rule in rules() {
        let code = rule.code();
        assert!(seen.insert(code), "{code} twice");
        assert!(code.len() == 5 && code.starts_with("SW") && code[2..].chars().all(|c| c.is_ascii_digit()), "{code}");
        assert!(code > previous.as_str(), "{code} after {previous}");
        previous = code.to_string();
        assert!(seen.len() == 1 || code != "SW000");
        assert!(engine::rules::rule(&code.to_lowercase()).is_some());
    }
    assert!(rules().len() >= 11);
    let names: HashSet<&str> = rules().iter().map(|r| r.name()).collect();
    assert_eq!(names.len(), rules().len(), "rule names are unique");
}

#[test]
fn the_dual_write_rule_is_the_critical_one() {
    let critical: Vec<&str> = rules().iter().filter(|r| r.severity() == Severity::Critical).map(|r| r.code()).collect();
    assert_eq!(critical, ["SW001"]);
    assert!(rules().iter().any(|r| r.severity() == Severity::Info));
}

/// The rule tables in README.md (code, name, severity, summary) and ARCHITECTURE.md (code, name,
/// file) list the registry, in its order: the registry is the one source.
#[test]
fn the_readme_and_architecture_tables_follow_the_registry() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let rows = |file: &str| -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        text.lines()
            .filter(|l| l.starts_with("| SW"))
            .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect())
            .collect()
    };
    let readme = rows("README.md");
    let architecture = rows("ARCHITECTURE.md");
    assert_eq!(readme.len(), rules().len(), "README.md lists every rule once");
    assert_eq!(architecture.len(), rules().len(), "ARCHITECTURE.md lists every rule once");
    for ((rule, r), a) in rules().iter().zip(&readme).zip(&architecture) {
        let severity = rule.severity().to_string();
        assert_eq!(
            r,
            &[rule.code(), rule.name(), severity.as_str(), rule.summary()],
            "README.md row for {}",
            rule.code()
        );
        assert_eq!(a.get(..2), Some(&[rule.code().to_string(), rule.name().to_string()][..]), "ARCHITECTURE.md row");
        let file = a.get(2).map(|f| f.trim_matches('`')).unwrap_or_default();
        assert!(std::path::Path::new(&format!("{root}/{file}")).is_file(), "{file} exists");
    }
}

/// Issue 13: every rule SARIF describes (SW000 and the registry) has its page
/// `docs/rules/<CODE>.md`, SARIF's `helpUri`, generated from its docs and nothing else there.
/// `STOREWISE_WRITE_DOCS=1 cargo test -p storewise-engine --test rules_docs` writes them.
#[test]
fn issue_13_docs_rules_pages_are_generated_from_the_rule_docs() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules"));
    let write = std::env::var_os("STOREWISE_WRITE_DOCS").is_some_and(|v| v == "1");
    if write {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut expected = HashSet::new();
    for rule in engine::rules::described() {
        let name = format!("{}.md", rule.code());
        let page = engine::render::rule_page(rule);
        let path = dir.join(&name);
        if write {
            std::fs::write(&path, &page).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == page,
            "docs/rules/{name} is not generated from {}'s docs: run STOREWISE_WRITE_DOCS=1 cargo test -p storewise-engine --test rules_docs",
            rule.code()
        );
        assert_eq!(engine::rules::help_uri(rule.code()), format!("{}{name}", engine::rules::DOCS_BASE));
        expected.insert(name);
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(expected.contains(&name), "docs/rules/{name} is no rule's page: remove it");
    }
}

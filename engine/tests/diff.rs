//! `engine::diff` on fixture pairs: `tests/diff/<case>/old.yaml` and `new.yaml` → a snapshot of
//! the diff as text and as Markdown; and the Markdown of a very large diff stays under GitHub's
//! comment limit with a note where it is cut (issue 13).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{fmt::Write as _, path::Path};

use engine::{Catalog, Report, render};

fn report(text: &str) -> Report {
    let catalog = Catalog::embedded().unwrap();
    let parsed = workload::parse(text, catalog);
    let w = parsed.workload.as_ref().unwrap_or_else(|| panic!("invalid fixture: {:?}", parsed.diagnostics));
    engine::analyze(w, parsed.catalog_or(catalog))
}

/// Diffs one case folder and snapshots both renderings.
fn check(case: &Path) {
    let read = |name: &str| std::fs::read_to_string(case.join(name)).unwrap();
    let diff = engine::diff(&report(&read("old.yaml")), &report(&read("new.yaml")));
    let mut out = render::diff_text(&diff, false);
    let _ = write!(out, "\n--- markdown ---\n{}", render::diff_markdown(&diff));
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    insta::assert_snapshot!(format!("diff-{name}"), out);
}

#[test]
fn every_case_diffs_as_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("diff");
    let mut cases: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 3, "the diff fixtures are missing");
    for case in cases {
        check(&case);
    }
}

#[test]
fn a_file_diffed_with_itself_has_no_change() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/s6-ecommerce.yaml")).unwrap();
    let diff = engine::diff(&report(&text), &report(&text));
    assert!(diff.is_empty(), "{diff:?}");
    assert_eq!(diff.new_at_least(engine::Severity::Info), 0);
    assert_eq!(diff.unchanged, report(&text).findings.len());
}

#[test]
fn issue_13_a_huge_diff_fits_a_pull_request_comment() {
    let old = "version: 2\nname: fleet\nstores:\n  - { id: main-db, type: postgresql, role: source_of_truth }\n";
    let mut new = old.to_string();
    for i in 0..600 {
        let _ = writeln!(
            new,
            "  - {{ id: cache-with-a-long-name-{i:05}, type: redis, role: derived, fed_by: {{ from: main-db, via: dual_write }} }}"
        );
    }
    let diff = engine::diff(&report(old), &report(&new));
    assert!(diff.appeared.len() >= 600, "{}", diff.appeared.len());
    let md = render::diff_markdown(&diff);
    assert!(md.chars().count() <= render::COMMENT_LIMIT, "{} characters", md.chars().count());
    assert!(md.contains("The diff is cut here"), "no cut-off note");
    assert!(md.starts_with("### storewise: fleet"), "the summary comes first");
    assert_eq!(md.matches("<details").count(), md.matches("</details>").count(), "an unclosed block");
    assert_eq!(
        diff.new_at_least(engine::Severity::Critical),
        diff.appeared.iter().filter(|f| f.severity == engine::Severity::Critical).count()
    );
}

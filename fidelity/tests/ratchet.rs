//! The real-case corpus (issue 12): every case is well formed, the corpus has at least 24 cases
//! and 5 per class, and no case scores lower than `tests/cases/ratchet.toml` records.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use fidelity::{Class, Ratchet};

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

fn catalog() -> &'static catalog::Catalog {
    catalog::Catalog::embedded().expect("the embedded catalog loads")
}

#[test]
fn corpus_is_well_formed() {
    let cases = fidelity::load(&cases_dir()).expect("the cases load");
    let mut problems = Vec::new();
    for case in &cases {
        problems.extend(fidelity::lint(case, catalog()).into_iter().map(|p| format!("{}: {p}", case.id)));
    }
    assert!(problems.is_empty(), "cases not as tests/cases/README.md asks:\n{}", problems.join("\n"));
    assert!(cases.len() >= 24, "the corpus holds {} cases; issue 12 asks for at least 24", cases.len());
    for class in Class::ALL {
        let n = cases.iter().filter(|c| c.expected.class == class).count();
        assert!(n >= 5, "{n} cases of class {}; issue 12 asks for at least 5 per class", class.as_str());
    }
}

#[test]
fn no_case_scores_below_its_record() {
    let cases = fidelity::load(&cases_dir()).expect("the cases load");
    let outcomes: Vec<_> = cases.iter().map(|c| fidelity::run(c, catalog()).expect("the case runs")).collect();
    let ratchet = Ratchet::read(&cases_dir().join("ratchet.toml")).expect("the ratchet reads");
    let cmp = ratchet.compare(&outcomes);
    assert!(
        cmp.worse.is_empty() && cmp.stale.is_empty(),
        "the engine's advice got worse on real cases (or the ratchet is out of date):\n{}\n{}\n{}",
        cmp.worse.join("\n"),
        cmp.stale.iter().map(|s| format!("{s}: recorded, but no such case")).collect::<Vec<_>>().join("\n"),
        fidelity::table(&outcomes, fidelity::Format::Text),
    );
    assert!(
        cmp.better.is_empty(),
        "cases score better than recorded: raise the record with `./scripts/fidelity.sh --raise`:\n{}",
        cmp.better.join("\n")
    );
}

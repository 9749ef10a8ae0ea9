//! The renderers: text (plain and coloured), Markdown and SARIF, snapshotted on the seed
//! scenarios, plus the structural promises each format makes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use engine::{Report, render};

const S1: &str = include_str!("../../examples/s1-logistics.yaml");
const S2: &str = include_str!("../../examples/s2-dual-write.yaml");
const S3: &str = include_str!("../../examples/s3-analytics-bottleneck.yaml");
const S5: &str = include_str!("../../examples/s5-underused-clickhouse.yaml");

fn analyze(text: &str) -> Report {
    let catalog = catalog::Catalog::embedded().expect("catalog");
    let parsed = workload::parse(text, catalog);
    let mut report = engine::analyze(parsed.workload.as_ref().expect("valid"), parsed.catalog_or(catalog));
    report.speak(parsed.catalog_or(catalog));
    report.versions.catalog = "[catalog]".to_string();
    report
}

#[test]
fn text_reads_in_a_terminal() {
    let report = analyze(S3);
    let plain = render::text(&report, false);
    assert!(!plain.contains('\x1b'));
    assert!(plain.contains("HIGH") && plain.contains("SW002"));
    assert!(plain.contains("The seed's table"));
    let coloured = render::text(&report, true);
    assert!(coloured.contains("\x1b[31m") && coloured.contains("\x1b[0m"));
    insta::assert_snapshot!("text_s3", plain);
}

#[test]
fn markdown_is_ready_for_a_design_review() {
    let md = render::markdown(&analyze(S5));
    for part in [
        "# storewise report:",
        "## Summary",
        "## Findings",
        "| Evidence | Value |",
        "## Operational overhead",
        "## The seed's table",
    ] {
        assert!(md.contains(part), "missing {part}");
    }
    insta::assert_snapshot!("markdown_s5", md);
    let s1 = render::markdown(&analyze(S1));
    assert!(s1.contains("| Deployment configs | 1 | 4 | 4 |"), "{s1}");
    assert!(s1.contains("| Time to diagnose a data inconsistency | n/a | 2-8 hours | 2-8 hours |"));
    assert!(s1.contains("| Time for a new engineer to understand the data layer | 1 week | 3 weeks | 3 weeks |"));
}

fn relative(uri: &str) -> render::ArtifactUri<'_> {
    render::ArtifactUri { uri, relative: true }
}

fn sarif_log(files: &[render::SarifFile<'_>]) -> serde_json::Value {
    render::sarif(&render::SarifRun { tool_version: "9.9.9", root: Some("file:///repo/"), files })
}

#[test]
fn sarif_follows_2_1_0() {
    let (s2, s3) = (analyze(S2), analyze(S3));
    let log = sarif_log(&[
        render::SarifFile {
            location: relative("examples/s2-dual-write.yaml"),
            outcome: render::SarifOutcome::Analysed(&s2, &[]),
        },
        render::SarifFile {
            location: relative("examples/s3-analytics-bottleneck.yaml"),
            outcome: render::SarifOutcome::Analysed(&s3, &[]),
        },
    ]);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "storewise");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), engine::rules().len() + 1, "the registry and SW000");
    assert!(rules.iter().all(|r| r["id"].as_str().is_some_and(|id| id.starts_with("SW"))
        && r["shortDescription"]["text"].is_string()
        && r["fullDescription"]["text"].is_string()
        && r["help"]["text"].as_str().is_some_and(|t| t.contains("# Why"))));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), s2.findings.len() + s3.findings.len());
    let first = &results[0];
    assert_eq!(first["ruleId"], "SW001");
    assert_eq!(first["level"], "error");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "examples/s2-dual-write.yaml");
    assert!(location["region"]["startLine"].as_u64().is_some_and(|l| l > 1));
    assert!(location["region"]["startColumn"].as_u64().is_some());
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
    let mut one = sarif_log(&[render::SarifFile {
        location: relative("examples/s2-dual-write.yaml"),
        outcome: render::SarifOutcome::Analysed(&s2, &[]),
    }]);
    one["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!("[rules: checked above]");
    insta::assert_json_snapshot!("sarif_s2", one);
}

/// Issue 13: what GitHub code scanning reads — URIs relative to `%SRCROOT%` (declared in
/// `originalUriBaseIds`), every rule with its page as `helpUri`, `precision` and
/// `problem.severity`, the tool's version apart from the rules', and fingerprints that hold the
/// file (one finding in two files is two alerts) while `Finding::fingerprint` does not.
#[test]
fn issue_13_sarif_is_what_code_scanning_reads() {
    let s2 = analyze(S2);
    let files = [
        render::SarifFile { location: relative("a%20b/s2.yaml"), outcome: render::SarifOutcome::Analysed(&s2, &[]) },
        render::SarifFile {
            location: render::ArtifactUri { uri: "file:///elsewhere/s2.yaml", relative: false },
            outcome: render::SarifOutcome::Analysed(&s2, &[]),
        },
    ];
    let log = sarif_log(&files);
    let run = &log["runs"][0];
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///repo/");
    let driver = &run["tool"]["driver"];
    assert_eq!((&driver["version"], &driver["semanticVersion"]), (&"9.9.9".into(), &"9.9.9".into()));
    assert_eq!(driver["properties"]["rulesVersion"], engine::RULES_VERSION);
    for rule in driver["rules"].as_array().unwrap() {
        let code = rule["id"].as_str().unwrap();
        assert_eq!(rule["helpUri"], format!("https://github.com/storewise/storewise/blob/main/docs/rules/{code}.md"));
        assert!(["very-high", "high", "medium", "low"].contains(&rule["properties"]["precision"].as_str().unwrap()));
        let severity = rule["properties"]["problem.severity"].as_str().unwrap();
        assert!(["error", "warning", "recommendation"].contains(&severity), "{code}: {severity}");
    }
    let results = run["results"].as_array().unwrap();
    let (inside, outside) = results.split_at(s2.findings.len());
    let at = |r: &serde_json::Value| r["locations"][0]["physicalLocation"]["artifactLocation"].clone();
    assert_eq!(at(&inside[0]), serde_json::json!({ "uri": "a%20b/s2.yaml", "uriBaseId": "%SRCROOT%", "index": 0 }));
    assert_eq!(at(&outside[0]), serde_json::json!({ "uri": "file:///elsewhere/s2.yaml", "index": 1 }));
    let print = |r: &serde_json::Value| r["partialFingerprints"]["storewise/v2"].as_str().unwrap().to_string();
    assert_ne!(print(&inside[0]), print(&outside[0]), "the file is part of the fingerprint");
    assert_eq!(s2.findings[0].fingerprint(), engine::fingerprint(s2.findings[0].code, &s2.findings[0].subjects));
    assert_eq!(run["invocations"], serde_json::json!([{ "executionSuccessful": true }]));
}

/// Issue 13: an invalid workload is SARIF results (each diagnostic of SW000 at its line and
/// column, with its kind, path and fix), a failed invocation naming the file, not an empty log;
/// for `validate` the same results and a successful invocation.
#[test]
fn issue_13_sarif_of_an_invalid_workload_has_a_result_per_diagnostic() {
    let catalog = catalog::Catalog::embedded().expect("catalog");
    let text = include_str!("../../tests/invalid/01-typo-field-type.yaml");
    let parsed = workload::parse(text, catalog);
    assert!(parsed.workload.is_none());
    let file = |outcome| [render::SarifFile { location: relative("tests/invalid/01-typo-field-type.yaml"), outcome }];
    let invalid = sarif_log(&file(render::SarifOutcome::Invalid(&parsed.diagnostics)));
    let run = &invalid["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), parsed.diagnostics.len());
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "SW000");
    let typo = results.iter().find(|r| r["properties"]["kind"] == "unknown_field").unwrap();
    assert_eq!(
        (typo["ruleId"].as_str(), typo["ruleIndex"].as_u64(), typo["level"].as_str()),
        (Some("SW000"), Some(0), Some("error"))
    );
    let region = &typo["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(6), Some(5)));
    assert_eq!(typo["properties"]["path"], "stores[0].typ");
    assert!(typo["message"]["text"].as_str().unwrap().contains("did you mean `type`?"));
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(note["message"]["text"].as_str().unwrap().contains("is not a valid workload (2 errors)"));
    insta::assert_json_snapshot!("sarif_invalid", invalid["runs"][0]["results"]);
    let validated = sarif_log(&file(render::SarifOutcome::Validated(&parsed.diagnostics)));
    assert_eq!(validated["runs"][0]["results"], run["results"]);
    assert_eq!(validated["runs"][0]["invocations"], serde_json::json!([{ "executionSuccessful": true }]));
}

/// Issue 7: a store named like HTML is never raw HTML in the Markdown (outside code spans,
/// whose content renders literally), and a backtick cannot end a code span early.
#[test]
fn markdown_keeps_hostile_names_as_text() {
    let evil = "<img src=x onerror=alert(1)>";
    let text = format!(
        "version: 1\nname: \"{evil}\"\nstores:\n  - {{ id: \"{evil}\", type: postgresql, role: source_of_truth }}\n  \
         - {{ id: \"a`b\", type: redis, role: derived, fed_by: {{ from: \"{evil}\", via: dual_write }} }}\n"
    );
    let markdown = render::markdown(&analyze(&text));
    // The report's own collapsible sections are HTML; everything from the file must be text.
    let own = ["<details>", "</details>", "<summary>", "</summary>"];
    let stripped = own.iter().fold(markdown.clone(), |m, tag| m.replace(tag, ""));
    let (mut outside, mut in_code, mut chars) = (String::new(), false, stripped.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next(); // an escaped character is text
            }
            '`' => in_code = !in_code,
            c if !in_code => outside.push(c),
            _ => {}
        }
    }
    assert!(!outside.contains('<'), "raw `<` outside code spans:\n{markdown}");
    assert!(markdown.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(markdown.contains("`a'b`"), "{markdown}");
}

/// Issue 7: names holding terminal control characters (an escape sequence that clears the
/// screen, a window-title sequence ending in BEL, a carriage return, a right-to-left override)
/// are shown escaped in the text and Markdown reports; the coloured text falls back to plain so
/// that no escape sequence reaches the terminal but its own.
#[test]
fn control_characters_in_names_never_reach_the_terminal() {
    let text = "version: 1\nname: \"ops\\e]0;pwned\\a\"\nstores:\n  \
                - { id: \"db\\e[2J\", type: postgresql, role: source_of_truth }\n  \
                - { id: \"cache\\r\\u202Egnp.exe\", type: redis, role: derived, fed_by: { from: \"db\\e[2J\", via: dual_write } }\n";
    let report = analyze(text);
    assert!(!report.findings.is_empty(), "the dual write must be found");
    let raw = |s: &str| s.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
    for (format, out) in [
        ("plain text", render::text(&report, false)),
        ("coloured text", render::text(&report, true)),
        ("Markdown", render::markdown(&report)),
    ] {
        assert!(!raw(&out), "{format} carries a raw control character:\n{out:?}");
        assert!(out.contains("db\\u{1b}[2J"), "{format} must show the escape, escaped:\n{out}");
        assert!(out.contains("\\u{202e}gnp.exe"), "{format}:\n{out}");
    }
    assert!(render::text(&report, false).starts_with("storewise · ops\\u{1b}]0;pwned\\u{7}\n"));
}

/// Issue 17 (words at the edge): `analyze` leaves the options' words out; `speak` puts in a
/// name for every option and one sentence per typed reason, in every seed scenario.
#[test]
fn speak_words_every_option_weighed() {
    let catalog = catalog::Catalog::embedded().expect("catalog");
    for text in [S1, S2, S3, S5] {
        let parsed = workload::parse(text, catalog);
        let mut report = engine::analyze(parsed.workload.as_ref().expect("valid"), catalog);
        let options = |r: &Report| r.findings.iter().flat_map(|f| f.options.clone()).collect::<Vec<_>>();
        assert!(options(&report).iter().all(|o| o.label.is_empty() && o.why.is_empty()));
        report.speak(catalog);
        let spoken = options(&report);
        assert!(!spoken.is_empty() || text == S1, "{}: options weighed", report.name);
        for o in spoken {
            assert!(!o.label.is_empty(), "{}: an option without a name", report.name);
            assert_eq!(o.why.len(), o.reasons.len(), "{}: {}", report.name, o.label);
            assert!(o.why.iter().all(|w| !w.is_empty()), "{}: {}", report.name, o.label);
        }
    }
}

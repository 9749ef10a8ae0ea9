//! The `storewise` binary end to end: exit codes, located errors, the catalog, the schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{closed_stdout, root, storewise, storewise_in};

/// The one report in `analyze --format json`'s document.
fn report(out: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["format_version"], 1, "{out}");
    assert_eq!(v["files"].as_array().map(Vec::len), Some(1), "{out}");
    v["files"][0]["report"].take()
}

fn yaml_files(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| std::path::Path::new(p).extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn validate_accepts_every_example() {
    let files = yaml_files("examples");
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, _) = storewise(&args);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("ok: ").count(), 7, "{out}");
}

#[test]
fn validate_rejects_each_invalid_fixture_with_line_column_and_path() {
    for file in yaml_files("tests/invalid") {
        let (code, out, err) = storewise(&["validate", "--color", "never", &file]);
        assert_eq!(code, 1, "{file}: exit {code}\n{out}{err}");
        assert!(out.contains(&format!("--> {file}:")), "{file}: no file:line:column\n{out}");
        assert!(!err.contains("panicked"), "{file} panicked: {err}");
    }
}

#[test]
fn validate_suggests_type_for_typ() {
    let (code, out, _) = storewise(&["validate", "--color", "never", "tests/invalid/01-typo-field-type.yaml"]);
    assert_eq!(code, 1);
    assert!(out.contains("--> tests/invalid/01-typo-field-type.yaml:6:5 (stores[0].typ)"), "{out}");
    assert!(out.contains("= help: did you mean `type`?"), "{out}");
}

#[test]
fn validate_json_is_structured() {
    let (code, out, _) = storewise(&["validate", "--format", "json", "tests/invalid/02-unknown-store-type.yaml"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["path"], "tests/invalid/02-unknown-store-type.yaml");
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["kind"], "unknown_store_type");
    assert_eq!(d["path"], "stores[0].type");
    assert_eq!(d["span"]["line"], 6);
    assert_eq!(d["suggestion"], "did you mean `postgresql`?");
}

#[test]
fn missing_file_is_a_usage_error() {
    let (code, _, err) = storewise(&["validate", "no/such/file.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot open no/such/file.yaml"), "{err}");
}

#[test]
fn catalog_lists_stores_and_patterns() {
    let (code, out, _) = storewise(&["catalog"]);
    assert_eq!(code, 0);
    let stores = out.lines().skip_while(|l| !l.starts_with("ID ")).skip(1).take_while(|l| !l.is_empty()).count();
    let catalog = catalog::Catalog::embedded().unwrap();
    assert_eq!(stores, catalog.stores.len(), "{out}");
    assert!(stores >= 30, "issue 16 asks for at least 30 store types: {stores}");
    assert!(out.contains(&format!("{} access patterns", catalog.patterns.len())), "{out}");
}

#[test]
fn catalog_shows_postgresql_in_full() {
    let (code, out, _) = storewise(&["catalog", "postgres"]);
    assert_eq!(code, 0);
    for needle in [
        "PostgreSQL (postgresql)",
        "analytical_scan      weak",
        "Materialized view [materialized_view]",
        "Deployment",
        "Backup & recovery",
        "SOURCES",
        "https://www.postgresql.org/docs/current/sql-refreshmaterializedview.html",
    ] {
        assert!(out.contains(needle), "missing {needle:?}\n{out}");
    }
}

#[test]
fn catalog_unknown_id_suggests() {
    let (code, _, err) = storewise(&["catalog", "postgress"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `postgresql`?"), "{err}");
}

#[test]
fn catalog_overrides_file_changes_figures() {
    let dir = std::env::temp_dir().join(format!("storewise-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("team.toml");
    std::fs::write(&file, "[postgresql.ops.deployment]\nhours = 12.5\n").unwrap();
    let (code, out, err) = storewise(&["--catalog", file.to_str().unwrap(), "catalog", "postgresql"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Deployment          12.5 h  (estimate)"), "{out}");
    assert!(out.contains("YOUR FIGURES"), "{out}");
    std::fs::write(&file, "[postgresql.ops.deployment]\nhours = \"lots\"\n").unwrap();
    let (code, _, err) = storewise(&["--catalog", file.to_str().unwrap(), "catalog"]);
    assert_eq!(code, 2);
    assert!(err.contains("postgresql"), "{err}");
}

#[test]
fn schema_is_json_schema() {
    let (code, out, _) = storewise(&["schema"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(v["properties"]["stores"].is_object());
}

/// Issue 15: `storewise openapi` prints the document the server serves at `/api/openapi.json`.
#[test]
fn issue_15_openapi_prints_the_servers_document() {
    let (code, out, err) = storewise(&["openapi"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["openapi"], "3.1.0");
    for path in ["/api/analyze", "/api/chart/{kind}", "/api/share", "/api/openapi.json", "/healthz", "/r/{id}"] {
        assert!(v["paths"][path].is_object(), "{path} is missing");
    }
    assert!(v["components"]["schemas"]["WorkloadStoreType"]["enum"].is_array());
}

#[test]
fn analyze_s1_json_has_the_ratio_and_the_seed_table() {
    let (code, out, err) = storewise(&["analyze", "examples/s1-logistics.yaml", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v = report(&out);
    let x = v["overhead"]["current"]["x_single"].as_f64().unwrap();
    assert!((6.0..=10.0).contains(&x), "x_single {x}");
    for key in ["hours_per_month", "usd_per_month", "by_store", "by_category"] {
        assert!(!v["overhead"]["recommended"][key].is_null(), "overhead.recommended.{key}");
    }
    let t = &v["table"]["current"];
    assert_eq!(t["deployment_configs"], 4, "{t}");
    assert_eq!(t["monitoring_dashboards"], 4, "{t}");
    assert_eq!(t["backup_procedures"], 4, "{t}");
    assert!(v["versions"]["catalog"].as_str().unwrap().starts_with(&format!("{}+", catalog::FORMAT_VERSION)));
    assert_eq!(v["versions"]["rules"], engine::RULES_VERSION);
}

#[test]
fn fail_on_high_exits_1_on_s2_and_0_on_s7() {
    let (code, out, _) =
        storewise(&["analyze", "examples/s2-dual-write.yaml", "--fail-on", "high", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CRITICAL") && out.contains("SW001"), "{out}");
    let (code, out, _) = storewise(&["analyze", "examples/s7-outbox.yaml", "--fail-on", "high"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn analyze_markdown_and_sarif() {
    let (code, out, _) = storewise(&["analyze", "examples/s5-underused-clickhouse.yaml", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# "), "{out}");
    assert!(out.contains("| ") && out.contains("SW005"), "{out}");
    let (code, out, _) = storewise(&["analyze", "examples/s2-dual-write.yaml", "--format", "sarif"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "SW001");
    assert_eq!(result["level"], "error");
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "examples/s2-dual-write.yaml");
    assert!(result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() > 1);
}

#[test]
fn analyze_refuses_an_invalid_file() {
    let (code, _, err) = storewise(&["analyze", "--color", "never", "tests/invalid/02-unknown-store-type.yaml"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `postgresql`?"), "{err}");
}

#[test]
fn chart_writes_svg_for_s1_and_refuses_an_invalid_file() {
    let dir = std::env::temp_dir().join(format!("storewise-chart-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for kind in ["overhead", "growth", "table", "architecture"] {
        let out = dir.join(format!("{kind}.svg"));
        let (code, stdout, err) =
            storewise(&["chart", "examples/s1-logistics.yaml", "--kind", kind, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(stdout.is_empty(), "{kind}: {stdout}");
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{kind}: {svg}");
        assert!(svg.contains("<title>") && svg.contains("Logistics platform"), "{kind}");
    }
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 4, "temporary files left behind: {names:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    let (code, stdout, _) = storewise(&["chart", "examples/s1-logistics.yaml", "--kind", "architecture"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("<svg") && stdout.contains("main-db") && stdout.contains("CDC · ≤2s"), "{stdout}");

    let (code, stdout, err) =
        storewise(&["chart", "--color", "never", "tests/invalid/02-unknown-store-type.yaml", "--kind", "overhead"]);
    assert_eq!(code, 1, "{err}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(err.contains("did you mean `postgresql`?"), "{err}");
    let (code, _, _) = storewise(&["chart", "examples/s1-logistics.yaml", "--kind", "pie"]);
    assert_eq!(code, 2);
    // Issue 14: drawn for a phone's width, in the dark scheme, as the web app draws it.
    let (code, stdout, err) =
        storewise(&["chart", "examples/s1-logistics.yaml", "--kind", "overhead", "--width", "358", "--scheme", "dark"]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains(r#"width="358""#) && stdout.contains(r##"fill="#0F1115""##), "{stdout}");
    let (code, _, err) = storewise(&["chart", "examples/s1-logistics.yaml", "--kind", "table", "--width", "120"]);
    assert_eq!(code, 2);
    assert!(err.contains("300..=2400"), "{err}");
    let (code, _, _) = storewise(&["chart", "examples/missing.yaml", "--kind", "table"]);
    assert_eq!(code, 2);
}

/// Regression (found while building issue 5): `storewise analyze … | head` panicked on the
/// closed pipe. A closed standard output now ends the output quietly.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    let (code, err) = closed_stdout(&["catalog", "--format", "json"]);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn issue_13_diff_counts_only_new_findings_for_fail_on() {
    let (old, new) = ("engine/tests/diff/adds-search/old.yaml", "engine/tests/diff/adds-search/new.yaml");
    let (code, out, err) = storewise(&["diff", old, new, "--fail-on", "critical", "--color", "never"]);
    assert_eq!(code, 1, "a new critical finding fails\n{out}{err}");
    assert!(out.contains("+ store search (elasticsearch)"), "{out}");
    // Reversed, the dual write is resolved: nothing new fails.
    let (code, out, _) = storewise(&["diff", new, old, "--fail-on", "info"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Resolved findings"), "{out}");
    let (code, _, _) = storewise(&["diff", old, new, "--fail-on", "none"]);
    assert_eq!(code, 0);
    let (code, out, _) = storewise(&["diff", old, new, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((&v["format_version"], &v["old_path"], &v["new_path"]), (&1.into(), &old.into(), &new.into()));
    assert_eq!(v["appeared"][0]["code"], "SW001");
    assert_eq!(v["stores_added"][0]["id"], "search");
    let (code, out, _) = storewise(&["diff", old, new, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("### storewise: Shop on PostgreSQL"), "{out}");
}

#[test]
fn issue_13_diff_base_reads_the_file_at_a_git_commit() {
    let dir = common::temp_dir("diff-base");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").arg("-C").arg(&dir).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "t@example.com"]);
    git(&["config", "user.name", "t"]);
    let file = dir.join("arch.yaml");
    std::fs::copy(root().join("engine/tests/diff/adds-search/old.yaml"), &file).unwrap();
    git(&["add", "arch.yaml"]);
    git(&["commit", "-q", "-m", "base"]);
    std::fs::copy(root().join("engine/tests/diff/adds-search/new.yaml"), &file).unwrap();
    let path = file.to_string_lossy().to_string();
    let (code, out, err) = storewise(&["diff", "--base", "HEAD", &path, "--fail-on", "high", "--color", "never"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("1 finding new"), "{out}");
    let (code, _, err) = storewise(&["diff", "--base", "no-such-ref", &path]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read") && err.contains("no-such-ref"), "{err}");
    let (code, _, err) = storewise(&["diff", "--base", "HEAD", &path, &path]);
    assert_eq!(code, 2);
    assert!(err.contains("with --base, give one file"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_13_baseline_shows_only_new_findings() {
    let dir = common::temp_dir("baseline");
    let s2 = "examples/s2-dual-write.yaml";
    let (code, out, _) = storewise(&["analyze", s2, "--format", "json"]);
    assert_eq!(code, 0);
    let known = dir.join("baseline.json");
    std::fs::write(&known, &out).unwrap();
    let known = known.to_string_lossy().to_string();
    // Against its own baseline, nothing is new: no finding shown, nothing fails.
    let (code, out, err) = storewise(&["analyze", s2, "--baseline", &known, "--format", "json", "--fail-on", "info"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("findings in the baseline not shown"), "{err}");
    let v = report(&out);
    assert_eq!((v["findings"].as_array().unwrap().len(), &v["summary"]["findings"]), (0, &serde_json::json!(0)));
    // An edited figure keeps the known findings known; a new dual write is new and fails.
    let text = std::fs::read_to_string(root().join(s2)).unwrap().replacen("size: 100GB", "size: 150GB", 1).replacen(
        "  - id: status-cache\n",
        "  - id: audit-copy\n    type: mongodb\n    role: derived\n    fed_by: { from: main-db, via: dual_write }\n  - id: status-cache\n",
        1,
    );
    let edited = dir.join("s2-edited.yaml");
    std::fs::write(&edited, text).unwrap();
    let edited = edited.to_string_lossy().to_string();
    let (code, out, _) =
        storewise(&["analyze", &edited, "--baseline", &known, "--format", "json", "--fail-on", "critical"]);
    assert_eq!(code, 1, "{out}");
    let v = report(&out);
    let shown = v["findings"].as_array().unwrap();
    assert!(!shown.is_empty());
    for f in shown {
        assert!(f["subjects"].as_array().unwrap().contains(&serde_json::json!("audit-copy")), "{f}");
    }
    // Something that is not a report is refused with what was expected.
    let (code, _, err) = storewise(&["analyze", s2, "--baseline", s2]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a baseline") && err.contains("it is not JSON"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the binary in `dir` with `input` on standard input; returns (exit code, stdout, stderr).
fn storewise_in_with_stdin(dir: &std::path::Path, args: &[&str], input: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_storewise"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn artifact(log: &serde_json::Value, result: usize) -> serde_json::Value {
    log["runs"][0]["results"][result]["locations"][0]["physicalLocation"]["artifactLocation"].clone()
}

/// Issue 13: SARIF URIs are relative to the repository root (the nearest directory holding
/// `.git` above the file), based at `%SRCROOT%` (declared with the root's `file://` URI), and
/// percent-encoded — a space, `#`, `%` and a non-ASCII letter — whether storewise runs in the
/// repository or elsewhere; a file outside the root stays an absolute `file://` URI.
#[test]
fn issue_13_sarif_uris_are_relative_to_the_repository_root() {
    let base = common::temp_dir("sarif-root");
    let repo = std::fs::canonicalize(&base).unwrap().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("deploy")).unwrap();
    let name = "a b#%é.yaml";
    std::fs::copy(root().join("examples/s2-dual-write.yaml"), repo.join("deploy").join(name)).unwrap();
    let encoded = "deploy/a%20b%23%25%C3%A9.yaml";
    let inside = repo.join("deploy").join(name);
    for (cwd, file) in [(repo.clone(), format!("deploy/{name}")), (root(), inside.display().to_string())] {
        let (code, out, err) = storewise_in_with_stdin(&cwd, &["analyze", &file, "--format", "sarif"], b"");
        assert_eq!(code, 0, "{err}");
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(artifact(&log, 0), serde_json::json!({ "uri": encoded, "uriBaseId": "%SRCROOT%", "index": 0 }));
        let root_uri = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().to_string();
        assert!(root_uri.starts_with("file:///") && root_uri.ends_with("/repo/"), "{root_uri}");
        assert_eq!(log["runs"][0]["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    }
    let outside = base.join("outside.yaml");
    std::fs::copy(root().join("examples/s2-dual-write.yaml"), &outside).unwrap();
    let (code, out, err) =
        storewise_in_with_stdin(&repo, &["analyze", outside.to_str().unwrap(), "--format", "sarif"], b"");
    assert_eq!(code, 0, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let uri = artifact(&log, 0)["uri"].as_str().unwrap().to_string();
    assert!(uri.starts_with("file:///") && uri.ends_with("/outside.yaml"), "{uri}");
    assert!(artifact(&log, 0).get("uriBaseId").is_none());
    std::fs::remove_dir_all(&base).unwrap();
}

/// Issue 13: `--stdin-filename` names a workload read from standard input: its SARIF URI (as a
/// path relative to the current directory, then to the repository root) and its name in messages.
#[test]
fn issue_13_stdin_filename_names_the_workload_in_sarif_and_messages() {
    let s2 = std::fs::read(root().join("examples/s2-dual-write.yaml")).unwrap();
    let args = ["analyze", "-", "--stdin-filename", "deploy/arch #1.yaml", "--format", "sarif"];
    let (code, out, err) = storewise_in_with_stdin(&root(), &args, &s2);
    assert_eq!(code, 0, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let at = serde_json::json!({ "uri": "deploy/arch%20%231.yaml", "uriBaseId": "%SRCROOT%", "index": 0 });
    assert_eq!(artifact(&log, 0), at);
    let (code, out, _) = storewise_in_with_stdin(&root().join("server"), &args, &s2);
    assert_eq!(code, 0);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(artifact(&log, 0)["uri"], "server/deploy/arch%20%231.yaml", "relative to the current directory");
    let invalid = std::fs::read(root().join("tests/invalid/01-typo-field-type.yaml")).unwrap();
    let (code, out, _) = storewise_in_with_stdin(
        &root(),
        &["validate", "--color", "never", "-", "--stdin-filename", "arch.yaml"],
        &invalid,
    );
    assert_eq!(code, 1);
    assert!(out.contains("--> arch.yaml:6:5 (stores[0].typ)"), "{out}");
}

/// Issue 13: a valid file's warnings reach SARIF too, as SW000 results at their lines with
/// level `warning`, beside the findings (`analyze` used to drop them), and in the JSON document.
#[test]
fn issue_13_analyze_sarif_keeps_the_warnings_of_a_valid_file() {
    let dir = common::temp_dir("sarif-warnings");
    let text = std::fs::read_to_string(root().join("tests/invalid/51-transactional-on-cdc.yaml"))
        .unwrap()
        .replace("via: appwrite", "via: app_write");
    std::fs::write(dir.join("warned.yaml"), text).unwrap();
    let (code, out, err) = storewise_in(&dir, &["analyze", "warned.yaml", "--format", "sarif"]);
    assert_eq!(code, 0, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    let warning = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "SW000").expect("the warning");
    assert_eq!(warning["level"], "warning");
    assert_eq!(warning["locations"][0]["physicalLocation"]["region"]["startLine"], 10);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true, "a warning does not fail the run");
    let (_, out, _) = storewise_in(&dir, &["analyze", "warned.yaml", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(document["files"][0]["valid"], true);
    assert_eq!(document["files"][0]["diagnostics"][0]["level"], "warning");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 13: an invalid workload in `analyze --format sarif` is its diagnostics as results of
/// SW000 at their lines and columns and a failed invocation naming the file (it used to be a
/// log with no result); `validate --format sarif` gives the same results, the invocation a
/// success; both exit 1.
#[test]
fn issue_13_sarif_of_an_invalid_workload_has_its_diagnostics() {
    let file = "tests/invalid/01-typo-field-type.yaml";
    let (code, out, err) = storewise(&["analyze", file, "examples/s2-dual-write.yaml", "--format", "sarif"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown field `typ`"), "the diagnostics still go to standard error: {err}");
    let analyzed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &analyzed["runs"][0];
    let results = run["results"].as_array().unwrap();
    let typo = results.iter().find(|r| r["properties"]["kind"] == "unknown_field").unwrap();
    assert_eq!(typo["ruleId"], "SW000");
    assert_eq!(typo["locations"][0]["physicalLocation"]["region"]["startLine"], 6);
    assert_eq!(typo["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], file);
    assert!(results.iter().any(|r| r["ruleId"] == "SW001"), "the valid file is analysed too");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert!(note["message"]["text"].as_str().unwrap().starts_with(&format!("{file} is not a valid workload")));
    let (code, out, _) = storewise(&["validate", file, "--format", "sarif"]);
    assert_eq!(code, 1);
    let validated: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sw000: Vec<&serde_json::Value> = results.iter().filter(|r| r["ruleId"] == "SW000").collect();
    assert_eq!(validated["runs"][0]["results"].as_array().unwrap().iter().collect::<Vec<_>>(), sw000);
    assert_eq!(validated["runs"][0]["invocations"][0]["executionSuccessful"], true);
    let (code, out, _) = storewise(&["validate", "examples/s1-logistics.yaml", "--format", "sarif"]);
    assert_eq!(code, 0);
    let valid: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(valid["runs"][0]["results"], serde_json::json!([]));
}

/// S2 with `ignore` entries appended (S2 says `version: 1`; suppressions need version 2).
fn s2_with(ignore: &str) -> String {
    let text = std::fs::read_to_string(root().join("examples/s2-dual-write.yaml")).unwrap();
    format!("{}ignore:\n{ignore}", text.replacen("version: 1", "version: 2", 1))
}

fn codes(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key].as_array().map_or_else(Vec::new, |a| a.iter().map(ToString::to_string).collect())
}

/// Issue 13: a suppression moves its findings out of `findings` and the summary (so `--fail-on`
/// ignores them) into `suppressed`; an expired one suppresses nothing and is noted, an unmatched
/// one is noted as info; `--show-suppressed` lists them with the reason; SARIF marks them.
#[test]
fn issue_13_suppressions_in_the_workload() {
    let dir = common::temp_dir("suppress");
    let file = dir.join("s2.yaml");
    std::fs::write(
        &file,
        s2_with(
            "  - { code: SW001, reason: \"accepted in ADR-12\", until: 2999-12-31 }\n\
             \x20 - { code: SW008, subjects: [status-cache], reason: \"old decision\", until: 2020-01-01 }\n\
             \x20 - { code: SW012, subjects: [nowhere], reason: \"stale\" }\n",
        ),
    )
    .unwrap();
    let file = file.to_string_lossy().to_string();
    let (_, plain, _) = storewise(&["analyze", "examples/s2-dual-write.yaml", "--format", "json"]);
    let plain = report(&plain);
    let (code, out, err) = storewise(&["analyze", &file, "--format", "json", "--fail-on", "critical"]);
    assert_eq!(code, 0, "every critical finding is suppressed: {out}{err}");
    let v = report(&out);
    let shown = v["findings"].as_array().unwrap();
    assert!(shown.iter().all(|f| f["code"] != "SW001"), "{out}");
    let suppressed = v["suppressed"].as_array().unwrap();
    assert!(!suppressed.is_empty() && suppressed.iter().all(|s| s["finding"]["code"] == "SW001"), "{out}");
    assert_eq!(suppressed[0]["by"]["reason"], "accepted in ADR-12");
    assert_eq!(suppressed[0]["by"]["until"], "2999-12-31");
    assert_eq!(suppressed[0]["by"]["origin"], "workload");
    assert_eq!(
        v["summary"]["findings"].as_u64().unwrap() as usize + suppressed.len(),
        plain["summary"]["findings"].as_u64().unwrap() as usize
    );
    let notes = v["suppression_notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{}", codes(&v, "suppression_notes").join("\n"));
    assert_eq!((&notes[0]["kind"], &notes[0]["severity"]), (&"expired".into(), &"low".into()));
    assert_eq!((&notes[1]["kind"], &notes[1]["severity"]), (&"unmatched".into(), &"info".into()));
    // Text: counted and noted; listed in full only when asked.
    let (_, text, _) = storewise(&["analyze", &file, "--color", "never"]);
    assert!(text.contains("suppressed finding") && text.contains("lapsed after 2020-01-01"), "{text}");
    assert!(text.contains("matches no finding") && !text.contains("suppressed: accepted in ADR-12"), "{text}");
    let (_, shown, _) = storewise(&["analyze", &file, "--color", "never", "--show-suppressed"]);
    assert!(shown.contains("suppressed: accepted in ADR-12 (the workload's `ignore`, until 2999-12-31)"), "{shown}");
    let (_, md, _) = storewise(&["analyze", &file, "--format", "markdown", "--show-suppressed"]);
    assert!(md.contains("## Suppressions") && md.contains("_Suppressed: accepted in ADR-12"), "{md}");
    // SARIF: suppressed results carry `suppressions` with kind and justification.
    let (_, sarif, _) = storewise(&["analyze", &file, "--format", "sarif"]);
    let s: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let marked: Vec<&serde_json::Value> =
        s["runs"][0]["results"].as_array().unwrap().iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(marked.len(), suppressed.len());
    assert_eq!(marked[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(marked[0]["suppressions"][0]["justification"], "accepted in ADR-12");
    // A baseline applies to what is left.
    let known = dir.join("known.json");
    std::fs::write(&known, &out).unwrap();
    let (code, out, _) =
        storewise(&["analyze", &file, "--format", "json", "--baseline", &known.to_string_lossy(), "--fail-on", "info"]);
    let v = report(&out);
    assert_eq!((code, &v["summary"]["findings"]), (0, &serde_json::json!(0)), "{out}");
    assert!(!v["suppressed"].as_array().unwrap().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 13: a bad suppression is a located error with the nearest code.
#[test]
fn issue_13_a_bad_suppression_is_a_located_error() {
    let (code, out, _) = storewise(&["validate", "--color", "never", "tests/invalid/53-ignore-unknown-code.yaml"]);
    assert_eq!(code, 1);
    assert!(out.contains("53-ignore-unknown-code.yaml:7:13 (ignore[0].code)"), "{out}");
    assert!(out.contains("did you mean `SW016`?") || out.contains("did you mean `SW006`?"), "{out}");
    let (code, _, err) = storewise(&["analyze", "tests/invalid/55-ignore-missing-reason.yaml"]);
    assert_eq!(code, 1);
    assert!(err.contains("missing field `reason`"), "{err}");
}

/// Issue 13: `storewise.toml` is found in the current directory, or in a parent up to the
/// repository root; `--config` names one; flags win; its suppressions are `external`.
#[test]
fn issue_13_config_discovery_precedence_and_suppressions() {
    let repo = common::temp_dir("config");
    let sub = repo.join("architecture/team");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::copy(root().join("examples/s2-dual-write.yaml"), sub.join("s2.yaml")).unwrap();
    std::fs::write(
        repo.join("storewise.toml"),
        "fail-on = \"critical\"\nformat = \"json\"\nfiles = [\"architecture/team/s2.yaml\"]\n\n\
         [catalog.kafka.ops.deployment]\nhours = 9\n\n\
         [[suppressions]]\ncode = \"SW001\"\nsubjects = [\"status-cache\"]\nreason = \"ADR-12\"\nuntil = 2999-01-01\n",
    )
    .unwrap();
    // From a subdirectory, the repository root's file: its files, format, fail-on and suppressions.
    let (code, out, err) = storewise_in(&sub, &["--verbose", "analyze"]);
    assert_eq!(code, 1, "S2 keeps a critical dual write into Kafka: {out}{err}");
    assert!(err.contains(&format!("config: {}", repo.join("storewise.toml").display())), "{err}");
    let v = report(&out);
    let suppressed = v["suppressed"].as_array().unwrap();
    assert!(!suppressed.is_empty(), "{out}");
    assert!(suppressed.iter().all(|s| s["by"]["origin"] == "config"));
    assert!(v["versions"]["catalog"].as_str().unwrap().ends_with("+overrides"), "the catalog override applies: {out}");
    // Flags win: the format and fail-on given on the command line.
    let (code, out, _) = storewise_in(&sub, &["analyze", "--format", "text", "--fail-on", "none-such"]);
    assert_eq!(code, 2, "{out}");
    let (code, out, _) = storewise_in(&sub, &["analyze", "s2.yaml", "--format", "text", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("storewise · "), "{out}");
    // SARIF marks the configuration's suppressions as external.
    let (_, sarif, _) = storewise_in(&sub, &["analyze", "--format", "sarif"]);
    assert!(sarif.contains("\"kind\": \"external\""), "{sarif}");
    // A file in the current directory wins over the root's; --config names another.
    std::fs::write(sub.join(".storewise.toml"), "format = \"markdown\"\nfiles = [\"s2.yaml\"]\n").unwrap();
    let (code, out, _) = storewise_in(&sub, &["analyze"]);
    assert_eq!(code, 0, "no fail-on here: {out}");
    assert!(out.starts_with("# storewise report"), "{out}");
    let (_, out, _) = storewise_in(&sub, &["--config", "../../storewise.toml", "analyze"]);
    assert!(out.trim_start().starts_with('{'), "{out}");
    // Outside a repository only the current directory is read.
    let lone = common::temp_dir("config-lone");
    let (code, _, err) =
        storewise_in(&lone.join("."), &["--verbose", "analyze", &sub.join("s2.yaml").to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(err.contains("config: none"), "{err}");
    // Mistakes: file, line, column, key and the nearest key; exit 2.
    std::fs::write(sub.join(".storewise.toml"), "format = \"json\"\nfail_on = \"high\"\n").unwrap();
    let (code, _, err) = storewise_in(&sub, &["analyze"]);
    assert_eq!(code, 2);
    assert!(err.contains(".storewise.toml:2:1: unknown key `fail_on`: did you mean `fail-on`?"), "{err}");
    std::fs::write(sub.join(".storewise.toml"), "[[suppressions]]\ncode = \"SW01\"\nreason = \"x\"\n").unwrap();
    let (code, _, err) = storewise_in(&sub, &["analyze"]);
    assert_eq!(code, 2);
    assert!(err.contains(".storewise.toml:2:8: `suppressions.code`: `SW01` is not a rule code"), "{err}");
    let _ = std::fs::remove_dir_all(&repo);
    let _ = std::fs::remove_dir_all(&lone);
}

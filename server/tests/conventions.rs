//! The command line's conventions (issue 13 item 5, modelled on ripgrep's, Checkov's and
//! cfn-lint's): directories and globs as inputs, `--output`, `--quiet`, `--fail-on none`, exit
//! codes and versions in the help, colour per no-color.org, completions, man pages, and JSON
//! output of one shape that matches its published schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

use common::{root, storewise, storewise_in, temp_dir};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_storewise");
const S1: &str = "examples/s1-logistics.yaml";
const S2: &str = "examples/s2-dual-write.yaml";

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn paths(document: &Value) -> Vec<String> {
    document["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| format!("examples/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| std::path::Path::new(p).extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    v.sort();
    v
}

#[test]
fn issue_13_directories_and_quoted_globs_are_inputs() {
    let (code, out, err) = storewise(&["analyze", "examples", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&json(&out)), examples());
    let (code, out, _) = storewise(&["validate", "examples/s[12]-*.yaml", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(paths(&json(&out)), ["examples/s1-logistics.yaml", "examples/s2-dual-write.yaml"]);
    let (code, _, err) = storewise(&["analyze", "examples/no-such-*.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("the pattern examples/no-such-*.yaml matches no file"), "{err}");
    let dir = temp_dir("empty-dir");
    let (code, _, err) = storewise(&["validate", &dir.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no .yaml or .yml file"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_13_output_is_atomic_and_quiet_prints_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("output");
    let out_file = dir.join("report.json");
    std::fs::write(&out_file, "old").unwrap();
    std::fs::set_permissions(&out_file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let target = out_file.to_string_lossy().to_string();
    let (code, out, err) = storewise(&["analyze", S1, "--format", "json", "-o", &target]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(paths(&json(&std::fs::read_to_string(&out_file).unwrap())), [S1]);
    assert_eq!(std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777, 0o640, "permissions kept");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    // --output is written in colour only when asked, never by `auto`
    let (code, _, _) = storewise(&["analyze", S2, "-o", &target]);
    assert_eq!(code, 0);
    assert!(!std::fs::read_to_string(&out_file).unwrap().contains('\x1b'));
    for command in [&["validate", S1][..], &["diff", S1, S2], &["schema"], &["catalog"], &["openapi"]] {
        let args: Vec<&str> = command.iter().copied().chain(["--output", &target]).collect();
        let (code, out, err) = storewise(&args);
        assert_eq!((code, out.as_str()), (0, ""), "{args:?}: {err}");
        assert!(!std::fs::read_to_string(&out_file).unwrap().is_empty(), "{args:?}");
    }
    let (code, _, err) = storewise(&["analyze", S1, "-o", &dir.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("is a directory, not a regular file"), "{err}");
    // --quiet: nothing on standard output, the exit code tells
    let (code, out, err) = storewise(&["analyze", S2, "--fail-on", "critical", "--quiet"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let (code, out, err) = storewise(&["-q", "analyze", "tests/invalid/02-unknown-store-type.yaml"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err.trim(), "invalid: tests/invalid/02-unknown-store-type.yaml (run `storewise validate` for details)");
    let (code, out, _) = storewise(&["analyze", S2, "--quiet", "--format", "json", "-o", &target]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(paths(&json(&std::fs::read_to_string(&out_file).unwrap())), [S2], "--output is written when quiet");
    let (code, _, err) = storewise(&["analyze", S2, "--quiet", "--verbose"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_13_fail_on_none_never_fails_from_the_flag_or_the_config() {
    let (code, _, _) = storewise(&["analyze", S2, "--fail-on", "critical"]);
    assert_eq!(code, 1, "S2 has a critical finding");
    let (code, _, _) = storewise(&["analyze", S2, "--fail-on", "none"]);
    assert_eq!(code, 0);
    let dir = temp_dir("fail-on-none");
    std::fs::copy(root().join(S2), dir.join("s2.yaml")).unwrap();
    std::fs::write(dir.join("storewise.toml"), "fail-on = \"none\"\nfiles = [\"*.yaml\"]\n").unwrap();
    let (code, out, err) = storewise_in(&dir, &["analyze", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&json(&out)), [dir.join("s2.yaml").to_string_lossy()], "the config's files take patterns");
    let (code, _, _) = storewise_in(&dir, &["analyze", "--fail-on", "high"]);
    assert_eq!(code, 1, "the flag wins over the config");
    let (code, _, err) = storewise(&["analyze", S2, "--fail-on", "severe"]);
    assert_eq!(code, 2);
    assert!(err.contains("[possible values: critical, high, medium, low, info, none]"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_13_help_lists_exit_codes_and_version_names_the_catalog_and_rules() {
    for command in [&[][..], &["analyze"], &["validate"], &["diff"]] {
        let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
        let (code, out, _) = storewise(&args);
        assert_eq!(code, 0);
        assert!(
            out.contains("Exit codes:\n  0  done") && out.contains("2  a usage, configuration or I/O error"),
            "{args:?}: {out}"
        );
    }
    let (code, out, _) = storewise(&["--version"]);
    assert_eq!(code, 0);
    let catalog = catalog::Catalog::embedded().unwrap();
    assert_eq!(
        out.trim(),
        format!(
            "storewise {} (catalog {}, rules {})",
            env!("CARGO_PKG_VERSION"),
            catalog.version,
            engine::RULES_VERSION
        )
    );
}

/// Runs `args` under a pseudo-terminal (util-linux `script`), with `env` set; returns what the
/// terminal showed.
fn in_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let quoted: Vec<String> = std::iter::once(BIN).chain(args.iter().copied()).map(|a| format!("'{a}'")).collect();
    let mut command = Command::new("script");
    command
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env("TERM", "xterm");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.stdin(Stdio::null()).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn issue_13_colour_follows_the_terminal_no_color_term_dumb_and_the_flag() {
    let coloured = |args: &[&str], env: &[(&str, &str)]| in_terminal(args, env).contains('\x1b');
    let report = ["analyze", S2];
    assert!(coloured(&report, &[]), "a terminal gets colour");
    assert!(coloured(&report, &[("NO_COLOR", "")]), "an empty NO_COLOR does not disable colour");
    assert!(!coloured(&report, &[("NO_COLOR", "1")]));
    assert!(!coloured(&report, &[("TERM", "dumb")]));
    assert!(!coloured(&["--color", "never", "analyze", S2], &[]));
    // clap's own errors follow the same choice
    let typo = ["analyze", S2, "--frmat", "json"];
    assert!(coloured(&typo, &[]));
    assert!(!coloured(&typo, &[("NO_COLOR", "1")]));
    assert!(!coloured(&["--color=never", "analyze", S2, "--frmat", "json"], &[]));
    let (code, _, err) = storewise(&["--color", "always", "analyze", S2, "--frmat", "json"]);
    assert_eq!(code, 2);
    assert!(err.contains('\x1b'), "--color always colours clap's error on a pipe too: {err:?}");
}

#[test]
fn issue_13_serve_logs_no_colour_codes_when_not_on_a_terminal() {
    let dir = temp_dir("serve-log");
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("links.db"))
        .current_dir(&dir)
        .env("RUST_LOG", "info")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut log = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        log.push_str(&line);
        log.push('\n');
        if line.starts_with("storewise: open ") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(log.contains("share links are stored in SQLite"), "{log}");
    assert!(!log.contains('\x1b'), "{log:?}");
}

#[test]
fn issue_13_completions_complete_commands_and_flags() {
    let (code, script, _) = storewise(&["completions", "bash"]);
    assert_eq!(code, 0);
    let dir = temp_dir("completions");
    std::fs::write(dir.join("storewise.bash"), &script).unwrap();
    // what bash offers for `storewise ana<TAB>` and `storewise analyze --fo<TAB>`
    let complete = |words: &str| {
        let probe = format!(
            "source storewise.bash; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _storewise storewise \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = Command::new("bash").args(["-c", &probe]).current_dir(&dir).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete("storewise ana"), ["analyze"]);
    assert!(complete("storewise analyze --fo").contains(&"--format".to_string()));
    assert!(complete("storewise analyze --fail-on ''").contains(&"none".to_string()));
    let _ = std::fs::remove_dir_all(&dir);
    for (shell, marker) in [
        ("zsh", "#compdef storewise"),
        ("fish", "complete -c storewise"),
        ("elvish", "storewise"),
        ("powershell", "storewise"),
    ] {
        let (code, script, _) = storewise(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains(marker) && script.contains("analyze"), "{shell}");
    }
}

#[test]
fn issue_13_man_pages_render_without_warnings() {
    let dir = temp_dir("man");
    let (code, _, err) = storewise(&["man", "--dir", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let mut pages: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    pages.sort();
    for command in ["storewise.1", "storewise-analyze.1", "storewise-diff.1", "storewise-serve.1", "storewise-man.1"] {
        assert!(pages.contains(&command.to_string()), "{pages:?}");
    }
    for page in &pages {
        let out = Command::new("groff").args(["-man", "-Tutf8", "-ww", "-z"]).arg(dir.join(page)).output().unwrap();
        assert!(out.status.success() && out.stderr.is_empty(), "{page}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let (code, page, _) = storewise(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH storewise 1") && page.contains("analyze") && page.contains("Exit codes"), "{page}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Compiles a schema that `storewise schema KIND` prints.
fn schema(kind: &str) -> (boon::Schemas, boon::SchemaIndex) {
    let (code, text, err) = storewise(&["schema", kind]);
    assert_eq!(code, 0, "{err}");
    let url = format!("http://storewise.invalid/{kind}.schema.json");
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(&url, json(&text)).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&url, &mut schemas).unwrap();
    (schemas, index)
}

#[test]
fn issue_13_json_output_has_one_shape_that_matches_its_published_schema() {
    let (schemas, analyze) = schema("analyze");
    // many files, one invalid and one unreadable, or one file: the same document
    let mixed = ["examples", "tests/v2", "tests/invalid/02-unknown-store-type.yaml", "no/such/file.yaml"];
    let (code, out, _) = storewise(&[&["analyze", "--format", "json"][..], &mixed].concat());
    assert_eq!(code, 2, "the unreadable file is an I/O error");
    let document = json(&out);
    if let Err(e) = schemas.validate(&document, analyze) {
        panic!("analyze --format json does not match its schema: {e:#}");
    }
    let files = document["files"].as_array().unwrap();
    let invalid = files.iter().find(|f| f["path"] == mixed[2]).unwrap();
    assert_eq!((&invalid["valid"], invalid.get("report")), (&false.into(), None));
    assert_eq!(invalid["diagnostics"][0]["kind"], "unknown_store_type");
    let unreadable = files.last().unwrap();
    assert_eq!((&unreadable["path"], &unreadable["valid"]), (&mixed[3].into(), &false.into()));
    assert!(unreadable["error"].as_str().unwrap().contains("cannot open"));
    let (_, one, _) = storewise(&["analyze", S1, "--format", "json"]);
    assert!(schemas.validate(&json(&one), analyze).is_ok());
    assert_eq!(paths(&json(&one)), [S1]);
    // the schema can fail: a report whose findings are not a list does not pass
    let mut broken = json(&one);
    broken["files"][0]["report"]["findings"] = "none".into();
    assert!(schemas.validate(&broken, analyze).is_err());
    let (schemas, validate) = schema("validate");
    let (code, out, _) = storewise(&["validate", "--format", "json", "tests/invalid", "examples"]);
    assert_eq!(code, 1);
    if let Err(e) = schemas.validate(&json(&out), validate) {
        panic!("validate --format json does not match its schema: {e:#}");
    }
    assert!(schemas.validate(&json(&one), validate).is_err(), "validate's files carry no report");
}

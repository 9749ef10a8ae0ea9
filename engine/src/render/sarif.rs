//! SARIF 2.1.0 rendering, for code-scanning tools (GitHub, GitLab, IDEs).
//!
//! Pure: the caller (the CLI, the server) says where each file is as an already computed,
//! percent-encoded URI — relative to the repository root (`%SRCROOT%`) or absolute — and what
//! became of it: a report, the diagnostics of a file that could not be analysed, or an error
//! reading it.

use serde_json::{Map, Value, json};
use workload::{Diagnostic, Level};

use crate::{Finding, RULES_VERSION, Report, fingerprint, rules};

/// The base id of URIs relative to the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// Where a file is, as SARIF names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArtifactUri<'a> {
    /// The URI, percent-encoded (RFC 3986): a relative reference when `relative`, else absolute
    /// (`file:///…`).
    pub uri: &'a str,
    /// Relative to the repository root (`uriBaseId: "%SRCROOT%"`).
    pub relative: bool,
}

/// What became of one file.
#[derive(Debug, Clone, Copy)]
pub enum SarifOutcome<'a> {
    /// Analysed: each finding a result, and each of the parse's warnings a result of SW000 at
    /// its line (a valid file can still hold a field that probably means something else).
    Analysed(&'a Report, &'a [Diagnostic]),
    /// Not a valid workload, so not analysed (`analyze`): each diagnostic a result of SW000, and
    /// the invocation did not succeed, with a notification naming the file.
    Invalid(&'a [Diagnostic]),
    /// Validated (`validate`): each diagnostic a result of SW000; validating it was the job, so
    /// the invocation succeeded.
    Validated(&'a [Diagnostic]),
    /// Not read (the message says why, naming the file): a notification, and the invocation did
    /// not succeed.
    Unreadable(&'a str),
}

/// One file of a run.
#[derive(Debug, Clone, Copy)]
pub struct SarifFile<'a> {
    /// Its URI.
    pub location: ArtifactUri<'a>,
    /// What became of it.
    pub outcome: SarifOutcome<'a>,
}

/// One run of the tool over some files.
#[derive(Debug, Clone, Copy)]
pub struct SarifRun<'a> {
    /// The tool's version (the `storewise` crate's), as `version` and `semanticVersion`.
    pub tool_version: &'a str,
    /// The repository root as an absolute URI ending in `/` (`originalUriBaseIds`), when known.
    pub root: Option<&'a str>,
    /// The files, in order.
    pub files: &'a [SarifFile<'a>],
}

/// One SARIF 2.1.0 log: a single run of the tool `storewise` with every rule described (SW000,
/// the diagnostics of an invalid file, then the registry; `id` = its code, `helpUri` its page in
/// `docs/rules/`), each finding and each diagnostic a result located in its file, and the
/// invocation's success (every file read and valid, for `analyze`).
///
/// Levels: critical and high are `error`, medium `warning`, low and info `note`; a diagnostic's
/// level is its own. Columns count characters (`columnKind: unicodeCodePoints`).
pub fn sarif(run: &SarifRun<'_>) -> Value {
    let described: Vec<&dyn rules::Rule> = rules::described().collect();
    let descriptors: Vec<Value> = described.iter().map(|r| descriptor(*r)).collect();
    let rule_index = |code: &str| described.iter().position(|r| r.code() == code).unwrap_or(0);
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    let mut notifications = Vec::new();
    let mut catalogs = Vec::new();
    for file in run.files {
        let index = artifacts.len();
        let location =
            artifact_location(file.location, (!matches!(file.outcome, SarifOutcome::Unreadable(_))).then_some(index));
        match file.outcome {
            SarifOutcome::Analysed(report, warnings) => {
                catalogs.push(report.versions.catalog.as_str());
                results.extend(
                    report.findings.iter().map(|f| finding_result(f, &location, file.location, rule_index(f.code))),
                );
                results.extend(suppressed_results(report, &location, file.location, rule_index));
                let index = rule_index(rules::Rule::code(&rules::InvalidWorkload));
                results.extend(warnings.iter().map(|d| diagnostic_result(d, &location, file.location, index)));
            }
            SarifOutcome::Invalid(diagnostics) | SarifOutcome::Validated(diagnostics) => {
                let index = rule_index(rules::Rule::code(&rules::InvalidWorkload));
                results.extend(diagnostics.iter().map(|d| diagnostic_result(d, &location, file.location, index)));
                if let SarifOutcome::Invalid(_) = file.outcome {
                    let errors = diagnostics.iter().filter(|d| d.level == Level::Error).count();
                    notifications.push(notification(
                        &location,
                        &format!(
                            "{} is not a valid workload ({errors} error{}): it was not analysed; each problem is a result of SW000",
                            file.location.uri,
                            if errors == 1 { "" } else { "s" }
                        ),
                    ));
                }
            }
            SarifOutcome::Unreadable(why) => {
                notifications.push(notification(&location, why));
                continue;
            }
        }
        let own = artifact_location(file.location, None);
        artifacts.push(json!({ "location": own, "roles": ["analysisTarget"], "sourceLanguage": "yaml" }));
    }
    let mut invocation = Map::new();
    invocation.insert("executionSuccessful".into(), json!(notifications.is_empty()));
    if !notifications.is_empty() {
        invocation.insert("toolExecutionNotifications".into(), Value::Array(notifications));
    }
    let mut out = Map::new();
    out.insert(
        "tool".into(),
        json!({
            "driver": {
                "name": "storewise",
                "version": run.tool_version,
                "semanticVersion": run.tool_version,
                "informationUri": "https://github.com/storewise/storewise",
                "rules": descriptors,
                "properties": { "rulesVersion": RULES_VERSION }
            }
        }),
    );
    out.insert("invocations".into(), json!([Value::Object(invocation)]));
    if run.files.iter().any(|f| f.location.relative) {
        let root = match run.root {
            Some(uri) => json!({ "uri": uri, "description": { "text": "The repository root" } }),
            None => json!({ "description": { "text": "The repository root" } }),
        };
        out.insert("originalUriBaseIds".into(), json!({ SRCROOT: root }));
    }
    out.insert("artifacts".into(), Value::Array(artifacts));
    out.insert("results".into(), Value::Array(results));
    out.insert("columnKind".into(), json!("unicodeCodePoints"));
    out.insert("properties".into(), json!({ "rulesVersion": RULES_VERSION, "catalogVersions": catalogs }));
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [Value::Object(out)]
    })
}

/// The log of one analysed report whose file has no place in a repository (the API's
/// `workload.yaml`): `uri` as given, with no base.
pub fn sarif_report(tool_version: &str, uri: &str, report: &Report, warnings: &[Diagnostic]) -> Value {
    let files = [SarifFile {
        location: ArtifactUri { uri, relative: false },
        outcome: SarifOutcome::Analysed(report, warnings),
    }];
    sarif(&SarifRun { tool_version, root: None, files: &files })
}

/// A rule as the driver describes it: its docs as help, its page as `helpUri`, and what GitHub
/// code scanning reads in its properties (`precision`, `problem.severity`).
fn descriptor(r: &dyn rules::Rule) -> Value {
    let docs = r.docs();
    let first = docs.lines().next().unwrap_or_default();
    json!({
        "id": r.code(),
        "name": r.name(),
        "shortDescription": { "text": r.summary() },
        "fullDescription": { "text": first },
        "help": { "text": docs, "markdown": docs },
        "helpUri": rules::help_uri(r.code()),
        "defaultConfiguration": { "level": r.severity().sarif_level() },
        "properties": {
            "severity": r.severity().as_str(),
            "precision": r.precision().as_str(),
            "problem.severity": r.severity().problem_severity(),
            "tags": ["architecture", "data-stores"]
        }
    })
}

/// An `artifactLocation`: the URI, its base when relative, and its index in `artifacts`.
fn artifact_location(at: ArtifactUri<'_>, index: Option<usize>) -> Value {
    let mut location = Map::new();
    location.insert("uri".into(), json!(at.uri));
    if at.relative {
        location.insert("uriBaseId".into(), json!(SRCROOT));
    }
    if let Some(index) = index {
        location.insert("index".into(), json!(index));
    }
    Value::Object(location)
}

fn notification(location: &Value, text: &str) -> Value {
    json!({
        "level": "error",
        "message": { "text": text },
        "locations": [{ "physicalLocation": { "artifactLocation": location } }]
    })
}

/// A region from 1-based lines and columns (a line or column 0 is read as 1); the end only when
/// it is past the start.
fn region(line: usize, column: usize, end: Option<(usize, usize)>) -> Value {
    let (line, column) = (line.max(1), column.max(1));
    let mut region = Map::new();
    region.insert("startLine".into(), json!(line));
    region.insert("startColumn".into(), json!(column));
    if let Some((end_line, end_column)) = end
        && (end_line > line || (end_line == line && end_column > column))
    {
        region.insert("endLine".into(), json!(end_line));
        region.insert("endColumn".into(), json!(end_column));
    }
    Value::Object(region)
}

/// The partial fingerprint of a result: its identity (a finding's code and subjects, a
/// diagnostic's kind, path and message) hashed with the file's URI, so one finding in two files
/// is two alerts. (`Finding::fingerprint`, which baselines and diffs match on, leaves the file out.)
fn fingerprints(uri: ArtifactUri<'_>, code: &str, identity: &[&str]) -> Value {
    let parts: Vec<&str> = std::iter::once(uri.uri).chain(identity.iter().copied()).collect();
    json!({ "storewise/v2": fingerprint(code, &parts) })
}

/// One result: what every result has. A per-result addition (such as `suppressions`) goes in
/// the two callers, [`finding_result`] and [`diagnostic_result`].
struct Located<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'a str,
    message: String,
    region: Value,
    fingerprints: Value,
    properties: Value,
}

fn result(location: &Value, r: Located<'_>) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("ruleId".into(), json!(r.rule_id));
    out.insert("ruleIndex".into(), json!(r.rule_index));
    out.insert("level".into(), json!(r.level));
    out.insert("message".into(), json!({ "text": r.message }));
    out.insert(
        "locations".into(),
        json!([{ "physicalLocation": { "artifactLocation": location, "region": r.region } }]),
    );
    out.insert("partialFingerprints".into(), r.fingerprints);
    out.insert("properties".into(), r.properties);
    out
}

fn finding_result(f: &Finding, location: &Value, uri: ArtifactUri<'_>, rule_index: usize) -> Value {
    let (line, column) = f.location.map_or((1, 1), |l| (l.line, l.column));
    let evidence: Vec<Value> = f.evidence.iter().map(|e| json!({ "label": e.label, "value": e.value })).collect();
    let options: Vec<Value> =
        f.options.iter().map(|o| json!({ "option": o.label, "verdict": o.verdict, "why": o.why })).collect();
    let identity: Vec<&str> = f.subjects.iter().map(String::as_str).collect();
    let out = result(
        location,
        Located {
            rule_id: f.code,
            rule_index,
            level: f.severity.sarif_level(),
            message: format!("{}\n\n{}", f.title, f.recommendation),
            region: region(line, column, f.location.map(|l| (l.end_line, l.end_column))),
            fingerprints: fingerprints(uri, f.code, &identity),
            properties: json!({
                "severity": f.severity.as_str(),
                "subjects": f.subjects,
                "evidence": evidence,
                "whatWouldChangeThis": f.what_would_change_this,
                "decision": f.decision,
                "options": options,
                "assumptions": f.assumptions
            }),
        },
    );
    Value::Object(out)
}

fn diagnostic_result(d: &Diagnostic, location: &Value, uri: ArtifactUri<'_>, rule_index: usize) -> Value {
    let code = rules::Rule::code(&rules::InvalidWorkload);
    let kind = serde_json::to_value(d.kind).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default();
    let level = match d.level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let message = match &d.suggestion {
        Some(help) => format!("{}\n\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let mut properties = Map::new();
    properties.insert("kind".into(), json!(kind));
    if !d.path.is_empty() {
        properties.insert("path".into(), json!(d.path));
    }
    if let Some(help) = &d.suggestion {
        properties.insert("suggestion".into(), json!(help));
    }
    let out = result(
        location,
        Located {
            rule_id: code,
            rule_index,
            level,
            message,
            region: region(d.span.line, d.span.column, Some((d.span.end_line, d.span.end_column))),
            fingerprints: fingerprints(uri, code, &[&kind, &d.path, &d.message]),
            properties: Value::Object(properties),
        },
    );
    Value::Object(out)
}

/// The report's suppressed findings as results carrying SARIF's `suppressions` (§3.35): `inSource`
/// for the workload's `ignore`, `external` for the configuration, the reason as justification.
fn suppressed_results(
    report: &Report,
    location: &Value,
    uri: ArtifactUri<'_>,
    rule_index: impl Fn(&str) -> usize,
) -> Vec<Value> {
    report
        .suppressed
        .iter()
        .map(|s| {
            let mut r = finding_result(&s.finding, location, uri, rule_index(s.finding.code));
            let kind = match s.by.origin {
                crate::Origin::Workload => "inSource",
                crate::Origin::Config => "external",
            };
            let suppression = match s.by.until {
                Some(until) => json!({
                    "kind": kind, "status": "accepted", "justification": s.by.reason,
                    "properties": { "until": until.to_string() }
                }),
                None => json!({ "kind": kind, "status": "accepted", "justification": s.by.reason }),
            };
            if let Value::Object(fields) = &mut r {
                fields.insert("suppressions".into(), json!([suppression]));
            }
            r
        })
        .collect()
}

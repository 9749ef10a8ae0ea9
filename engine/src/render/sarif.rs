//! SARIF 2.1.0 rendering, for code-scanning tools (GitHub, GitLab, IDEs).

use serde_json::{Value, json};

use crate::{Finding, RULES_VERSION, Report, rules};

/// One SARIF 2.1.0 log for one or more analysed files: a single run of the tool `storewise`
/// (every rule described, `id` = its code), with each finding a result located in its file.
///
/// `runs` pairs each file's path (used as the artifact URI) with its report. Levels: critical
/// and high are `error`, medium `warning`, low and info `note`.
pub fn sarif(runs: &[(&str, &Report)]) -> Value {
    let rule_list = rules();
    let descriptors: Vec<Value> = rule_list
        .iter()
        .map(|r| {
            let docs = r.docs();
            let first = docs.lines().next().unwrap_or_default();
            json!({
                "id": r.code(),
                "name": r.name(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": first },
                "help": { "text": docs, "markdown": docs },
                "defaultConfiguration": { "level": r.severity().sarif_level() },
                "properties": { "severity": r.severity().as_str(), "tags": ["architecture", "data-stores"] }
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for (index, (path, report)) in runs.iter().enumerate() {
        artifacts.push(json!({ "location": { "uri": path } }));
        for f in &report.findings {
            let rule_index = rule_list.iter().position(|r| r.code() == f.code).unwrap_or(0);
            results.push(result(f, path, index, rule_index));
        }
        results.extend(suppressed_results(report, path, index));
    }
    let catalogs: Vec<&str> = runs.iter().map(|(_, r)| r.versions.catalog.as_str()).collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "storewise",
                    "version": RULES_VERSION,
                    "informationUri": "https://github.com/storewise/storewise",
                    "rules": descriptors
                }
            },
            "artifacts": artifacts,
            "results": results,
            "properties": { "rulesVersion": RULES_VERSION, "catalogVersions": catalogs }
        }]
    })
}

fn result(f: &Finding, path: &str, artifact: usize, rule_index: usize) -> Value {
    let mut region = serde_json::Map::new();
    let (line, column) = f.location.map_or((1, 1), |l| (l.line, l.column));
    region.insert("startLine".into(), json!(line));
    region.insert("startColumn".into(), json!(column));
    if let Some(l) = f.location
        && (l.end_line > l.line || l.end_column > l.column)
    {
        region.insert("endLine".into(), json!(l.end_line));
        region.insert("endColumn".into(), json!(l.end_column));
    }
    let evidence: Vec<Value> = f.evidence.iter().map(|e| json!({ "label": e.label, "value": e.value })).collect();
    json!({
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": f.severity.sarif_level(),
        "message": { "text": format!("{}\n\n{}", f.title, f.recommendation) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": path, "index": artifact },
                "region": Value::Object(region)
            }
        }],
        "partialFingerprints": { "storewise/v1": f.fingerprint() },
        "properties": {
            "severity": f.severity.as_str(),
            "subjects": f.subjects,
            "evidence": evidence,
            "whatWouldChangeThis": f.what_would_change_this,
            "decision": f.decision,
            "options": f.options.iter().map(|o| serde_json::json!({
                "option": o.label,
                "verdict": o.verdict,
                "why": o.why,
            })).collect::<Vec<_>>(),
            "assumptions": f.assumptions
        }
    })
}

/// The report's suppressed findings as results carrying SARIF's `suppressions` (§3.35): `inSource`
/// for the workload's `ignore`, `external` for the configuration, the reason as justification.
fn suppressed_results(report: &Report, path: &str, artifact: usize) -> Vec<Value> {
    let rule_list = rules();
    report
        .suppressed
        .iter()
        .map(|s| {
            let rule_index = rule_list.iter().position(|r| r.code() == s.finding.code).unwrap_or(0);
            let mut r = result(&s.finding, path, artifact, rule_index);
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

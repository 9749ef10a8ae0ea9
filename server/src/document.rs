//! The JSON documents the command line prints, and their JSON Schemas: `analyze` and `validate`
//! print one shape for one file or many, `{format_version, files: [...]}`, each file with its
//! path; `diff` adds `format_version` and both paths to the diff. The schemas reuse the server's
//! OpenAPI components (one description of a report and a diagnostic).

use anyhow::{Result, anyhow};
use serde_json::{Map, Value, json};

use crate::cli::SchemaKind;

/// The version of the shapes below: raised when a field is removed or changes meaning (adding
/// one does not).
pub(crate) const FORMAT_VERSION: u32 = 1;

/// One file's outcome in `analyze` and `validate` JSON.
pub(crate) enum Outcome<'a> {
    /// The file could not be read.
    Unreadable(String),
    /// It was parsed: its diagnostics (warnings only, when valid), and its report when analysed.
    Parsed { diagnostics: &'a [workload::Diagnostic], report: Option<&'a engine::Report> },
}

/// `{path, valid, diagnostics, report?, error?}`.
pub(crate) fn file(path: &str, outcome: &Outcome<'_>) -> Value {
    let mut entry = Map::new();
    entry.insert("path".into(), json!(path));
    match outcome {
        Outcome::Unreadable(error) => {
            entry.insert("valid".into(), json!(false));
            entry.insert("diagnostics".into(), json!([]));
            entry.insert("error".into(), json!(error));
        }
        Outcome::Parsed { diagnostics, report } => {
            let valid = !diagnostics.iter().any(|d| d.level == workload::Level::Error);
            entry.insert("valid".into(), json!(valid));
            entry.insert("diagnostics".into(), json!(diagnostics));
            if let Some(report) = report {
                entry.insert("report".into(), json!(report));
            }
        }
    }
    Value::Object(entry)
}

/// The whole document: `{format_version, files}`.
pub(crate) fn files(files: &[Value]) -> Value {
    json!({ "format_version": FORMAT_VERSION, "files": files })
}

/// The diff with `format_version` and the two files' names first.
pub(crate) fn diff(old: &str, new: &str, diff: &engine::ReportDiff) -> Result<Value> {
    let Value::Object(fields) = serde_json::to_value(diff)? else {
        return Err(anyhow!("the diff does not encode as a JSON object"));
    };
    let mut out = Map::new();
    out.insert("format_version".into(), json!(FORMAT_VERSION));
    out.insert("old_path".into(), json!(old));
    out.insert("new_path".into(), json!(new));
    out.extend(fields);
    Ok(Value::Object(out))
}

/// The JSON Schema (2020-12) of what `storewise analyze|validate --format json` prints; the
/// workload format's is `workload::schema`.
pub(crate) fn schema(kind: SchemaKind, catalog: &catalog::Catalog) -> Result<Value> {
    let (title, report) = match kind {
        SchemaKind::Workload => return Ok(workload::schema::json_schema_for(catalog)),
        SchemaKind::Analyze => ("The output of `storewise analyze --format json`", true),
        SchemaKind::Validate => ("The output of `storewise validate --format json`", false),
    };
    let mut defs = components(catalog)?;
    let mut entry = json!({
        "path": { "type": "string", "description": "The file as named on the command line (`<stdin>` or --stdin-filename for standard input)" },
        "valid": { "type": "boolean", "description": "No error among the diagnostics (the file was read)" },
        "diagnostics": {
            "type": "array",
            "items": { "$ref": "#/$defs/Diagnostic" },
            "description": "Every problem found, located (warnings only when valid)",
        },
        "error": { "type": "string", "description": "Why the file could not be read (then no diagnostics)" },
    });
    let required = ["path", "valid", "diagnostics"];
    if report && let Value::Object(properties) = &mut entry {
        properties.insert(
            "report".into(),
            json!({ "$ref": "#/$defs/Report", "description": "Present when the file is valid" }),
        );
    }
    defs.insert(
        "File".into(),
        json!({ "type": "object", "required": required, "properties": entry, "additionalProperties": false }),
    );
    Ok(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "required": ["format_version", "files"],
        "properties": {
            "format_version": { "const": FORMAT_VERSION, "description": "Raised when a field is removed or changes meaning" },
            "files": { "type": "array", "items": { "$ref": "#/$defs/File" }, "description": "One entry per file, in the order given" },
        },
        "additionalProperties": false,
        "$defs": defs,
    }))
}

/// The OpenAPI document's component schemas, their references rewritten to `#/$defs/…`.
fn components(catalog: &catalog::Catalog) -> Result<Map<String, Value>> {
    let document = crate::web::openapi_document(catalog).map_err(anyhow::Error::msg)?;
    let Some(Value::Object(schemas)) = document.pointer("/components/schemas").cloned() else {
        return Err(anyhow!("the OpenAPI document has no component schemas"));
    };
    let mut defs = schemas;
    for def in defs.values_mut() {
        crate::web::rewrite_refs(def, "#/components/schemas/", "#/$defs/");
    }
    Ok(defs)
}

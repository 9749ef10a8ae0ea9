//! The JSON Schema of the workload format, generated from the model types, so editors can
//! validate and complete workload files (`storewise schema`).
//!
//! The model's derive gives the shape; this module then makes it what editors and strict
//! validators need:
//!
//! - the names the catalog defines — store types with their aliases, access patterns, remedy
//!   ids, the options `ruled_out` accepts — become enums with a description of each value,
//!   taken from the catalog, so an editor completes `postgresql` and flags `elasticsaerch`;
//! - every enum says `"type": "string"`, with `enumDescriptions` for the editor;
//! - optional fields are plain (no `null` offered through `anyOf: [$ref, null]` or
//!   `"type": [T, "null"]`), keeping their own description beside the shared type's `$ref`;
//! - no `format` outside the JSON Schema standard (`uint32`, `double` fail strict validators).

use catalog::Catalog;
use serde_json::{Map, Value, json};

use crate::model::{Via, Workload};

/// Where the published schema lives; workload files may point `# yaml-language-server: $schema=` at it.
pub const SCHEMA_ID: &str = "https://storewise.dev/schema/workload-v2.json";

/// The formats JSON Schema 2020-12 defines; any other is dropped.
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// The schema as a JSON value (draft 2020-12), with the names of the embedded catalog.
pub fn json_schema() -> serde_json::Value {
    match Catalog::embedded() {
        Ok(catalog) => json_schema_for(catalog),
        // Without a catalog the names stay plain strings; the shape is still right.
        Err(_) => shape(),
    }
}

/// The schema with the names of `catalog` (the embedded one with a user's overrides applied,
/// for `storewise schema --catalog FILE`).
pub fn json_schema_for(catalog: &Catalog) -> serde_json::Value {
    let mut schema = shape();
    let store_types: Vec<(String, String)> = catalog
        .stores
        .iter()
        .flat_map(|s| {
            let own = (s.id.clone(), format!("{}: {}", s.name, s.summary));
            let aliases = s.aliases.iter().map(|a| (a.clone(), format!("{} (an alias of `{}`)", s.name, s.id)));
            std::iter::once(own).chain(aliases)
        })
        .collect();
    let patterns: Vec<(String, String)> =
        catalog.patterns.iter().map(|p| (p.id.clone(), format!("{}: {}", p.name, p.description))).collect();
    let remedies: Vec<(String, String)> =
        catalog.remedies.iter().map(|r| (r.id.clone(), format!("{}: {}", r.name, r.description))).collect();
    let flows: Vec<(String, String)> = Via::ALL
        .iter()
        .map(|(name, _)| {
            let description = catalog
                .flow(name)
                .map_or_else(|| format!("The flow kind `{name}`."), |f| format!("{}: {}", f.name, f.description));
            ((*name).to_string(), description)
        })
        .collect();
    let ruled_out: Vec<(String, String)> = store_types.iter().chain(&remedies).chain(&flows).cloned().collect();
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for (name, entries) in [
            ("StoreType", store_types),
            ("AccessPattern", patterns),
            ("Remedy", remedies),
            ("RuledOutOption", ruled_out),
        ] {
            if let Some(Value::Object(def)) = defs.get_mut(name) {
                set_enum(def, entries);
            }
        }
    }
    schema
}

/// The schema from the model types, tidied; catalog names are plain strings here.
fn shape() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Workload>().to_value();
    tidy(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), Value::String(SCHEMA_ID.into()));
    }
    schema
}

/// Makes `def` an enum of `entries` (value, description), in order, without repeats.
fn set_enum(def: &mut Map<String, Value>, entries: Vec<(String, String)>) {
    let mut values = Vec::new();
    let mut descriptions = Vec::new();
    for (value, description) in entries {
        if !values.contains(&value) {
            values.push(value);
            descriptions.push(description);
        }
    }
    def.insert("type".into(), json!("string"));
    def.insert("enum".into(), json!(values));
    def.insert("enumDescriptions".into(), json!(descriptions));
}

/// Applies the module's rules to every subschema.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            drop_null(obj);
            if obj.get("format").and_then(Value::as_str).is_some_and(|f| !STANDARD_FORMATS.contains(&f)) {
                obj.remove("format");
            }
            string_enum(obj);
            // Doc comments wrap at 100 columns; editors show a description as one paragraph.
            if let Some(Value::String(text)) = obj.get_mut("description") {
                *text = unwrap_lines(text);
            }
            for child in obj.values_mut() {
                tidy(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Joins the lines of each paragraph (a blank line still separates paragraphs).
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n").map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n")
}

fn is_null_schema(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.len() == 1 && o.get("type") == Some(&json!("null")))
}

/// `"type": [T, "null"]` → `"type": T`; `anyOf: [S, {"type": "null"}]` → S, merged under the
/// keys already there (the field's own description wins over the shared type's).
fn drop_null(obj: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if let [single] = types.as_slice() {
            let single = single.clone();
            obj.insert("type".into(), single);
        }
    }
    let Some(Value::Array(any_of)) = obj.get_mut("anyOf") else { return };
    if !any_of.iter().any(is_null_schema) {
        return;
    }
    any_of.retain(|s| !is_null_schema(s));
    if any_of.len() == 1
        && let Some(Value::Object(only)) = any_of.pop()
    {
        obj.remove("anyOf");
        for (key, value) in only {
            obj.entry(key).or_insert(value);
        }
    }
}

/// schemars writes a documented unit enum as `oneOf: [{ "type": "string", "const": "cdc",
/// "description": … }, …]`; editors complete and explain `enum` + `enumDescriptions` better,
/// and every enum says it is a string.
fn string_enum(obj: &mut Map<String, Value>) {
    let consts: Option<Vec<(Value, Option<Value>)>> = obj.get("oneOf").and_then(Value::as_array).and_then(|variants| {
        variants
            .iter()
            .map(|v| {
                let v = v.as_object()?;
                let value = v.get("const").filter(|c| c.is_string())?.clone();
                Some((value, v.get("description").cloned()))
            })
            .collect()
    });
    if let Some(consts) = consts.filter(|c| !c.is_empty()) {
        obj.remove("oneOf");
        let descriptions: Vec<Value> = consts.iter().map(|(_, d)| d.clone().unwrap_or_else(|| json!(""))).collect();
        obj.insert("enum".into(), Value::Array(consts.into_iter().map(|(v, _)| v).collect()));
        if descriptions.iter().any(|d| d != "") {
            obj.insert("enumDescriptions".into(), Value::Array(descriptions));
        }
    }
    let all_strings = obj.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().all(Value::is_string));
    if all_strings {
        obj.insert("type".into(), json!("string"));
    }
}

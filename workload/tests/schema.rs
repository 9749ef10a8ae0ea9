//! The generated JSON Schema accepts every example and rejects the fixtures that are wrong in
//! structure (not in meaning: a schema cannot know the catalog or the flow graph).

#![cfg(feature = "schema")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{fs, path::PathBuf};

use serde_json::Value as Json;
use workload::yaml::{Node, Value, scalar_json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// YAML node to JSON the way editors (yaml-language-server) see it: plain scalars typed.
fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Scalar { text, plain } => scalar_json(text, *plain),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries.iter().map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), to_json(v))).collect(),
        ),
    }
}

fn instance(path: &str) -> Json {
    let text = fs::read_to_string(root().join(path)).unwrap();
    to_json(&workload::yaml::parse_document(&text).unwrap())
}

fn compiled() -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("workload.json", workload::schema::json_schema()).unwrap();
    let index = compiler.compile("workload.json", &mut schemas).unwrap();
    (schemas, index)
}

#[test]
fn examples_validate_against_the_schema() {
    let (schemas, index) = compiled();
    for entry in fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let rel = format!("examples/{}", path.file_name().unwrap().to_string_lossy());
        if let Err(e) = schemas.validate(&instance(&rel), index) {
            panic!("{rel} does not validate: {e}");
        }
    }
}

#[test]
fn structurally_wrong_fixtures_are_rejected_by_the_schema() {
    let (schemas, index) = compiled();
    for name in [
        "01-typo-field-type",
        "03-missing-version",
        "04-future-version",
        "07-bad-duration-unit",
        "08-duration-without-unit",
        "09-bad-rate",
        "10-negative-cost",
        "11-cost-not-a-number",
        "17-bad-role",
        "18-bad-via",
        "22-missing-required-fields",
        "23-stores-not-a-list",
        "27-unknown-top-level",
        "30-bad-size",
        "31-team-wrong-types",
        "35-not-a-mapping",
    ] {
        let doc = instance(&format!("tests/invalid/{name}.yaml"));
        assert!(schemas.validate(&doc, index).is_err(), "the schema accepts {name}");
    }
}

#[test]
fn schema_fields_match_the_decoder() {
    // Each object of the schema describes exactly the fields its decoder accepts: no field the
    // decoder would reject, none it knows that editors would not complete.
    use workload::decode::{
        FEED_FIELDS, ITEM_FIELDS, MEASURED_FIELDS, PROPOSAL_FIELDS, STORE_FIELDS, TEAM_FIELDS, TOP_FIELDS,
    };
    let schema = workload::schema::json_schema();
    let keys = |object: &Json| -> Vec<String> {
        let mut k: Vec<String> = object["properties"].as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |fields: &[&str]| -> Vec<String> {
        let mut f: Vec<String> = fields.iter().map(ToString::to_string).collect();
        f.sort();
        f
    };
    assert_eq!(keys(&schema), sorted(TOP_FIELDS), "top level");
    assert_eq!(schema["additionalProperties"], Json::Bool(false));
    for (def, fields) in [
        ("Team", TEAM_FIELDS),
        ("Feed", FEED_FIELDS),
        ("Store", STORE_FIELDS),
        ("WorkloadItem", ITEM_FIELDS),
        ("Proposal", PROPOSAL_FIELDS),
        ("Measured", MEASURED_FIELDS),
    ] {
        let object = &schema["$defs"][def];
        assert_eq!(keys(object), sorted(fields), "{def}");
        assert_eq!(object["additionalProperties"], Json::Bool(false), "{def} rejects unknown fields");
    }
}

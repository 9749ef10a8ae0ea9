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
fn examples_and_version_2_fixtures_validate_against_the_schema() {
    let (schemas, index) = compiled();
    let mut seen = 0;
    for dir in ["examples", "tests/v2"] {
        for entry in fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let rel = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            if let Err(e) = schemas.validate(&instance(&rel), index) {
                panic!("{rel} does not validate: {e}");
            }
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} files validated");
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
        // Names the catalog defines are enums: editors flag them too.
        "02-unknown-store-type",
        "19-unknown-pattern",
        "21-proposal-unknown-type",
        "29-unknown-remedy",
        // Version 2.
        "41-bad-percentage",
        "42-bad-growth",
        "43-bad-factor",
        "44-proposal-asks-two-things",
        "45-by-without-replace",
        "46-to-without-move",
        "47-ruled-out-unknown-option",
        "49-zero-nodes",
        "50-typo-in-v2-field",
        "52-every-on-cdc",
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
        CACHE_FIELDS, FEED_FIELDS, INCIDENT_FIELDS, ITEM_FIELDS, LEVEL_FIELDS, MEASURED_FIELDS, PROPOSAL_FIELDS,
        RULED_OUT_FIELDS, STORE_FIELDS, TEAM_FIELDS, TOP_FIELDS,
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
        ("RuledOut", RULED_OUT_FIELDS),
        ("Incidents", INCIDENT_FIELDS),
        ("CacheFacts", CACHE_FIELDS),
        ("MeasuredDuration", MEASURED_FIELDS),
        ("MeasuredRate", MEASURED_FIELDS),
        ("GaugePercent", LEVEL_FIELDS),
        ("GaugeRate", LEVEL_FIELDS),
        ("GaugeSize", LEVEL_FIELDS),
        ("GaugeCount", LEVEL_FIELDS),
    ] {
        let object = &schema["$defs"][def];
        assert_eq!(keys(object), sorted(fields), "{def}");
        assert_eq!(object["additionalProperties"], Json::Bool(false), "{def} rejects unknown fields");
    }
}

/// Every subschema of the schema, with its JSON pointer.
fn walk<'a>(at: &str, value: &'a Json, out: &mut Vec<(String, &'a Json)>) {
    let Json::Object(obj) = value else { return };
    out.push((at.to_string(), value));
    for (k, v) in obj {
        let here = format!("{at}/{k}");
        match (k.as_str(), v) {
            // Maps of name → subschema.
            ("properties" | "$defs" | "patternProperties" | "dependentSchemas", Json::Object(map)) => {
                for (name, sub) in map {
                    walk(&format!("{here}/{name}"), sub, out);
                }
            }
            // Lists of subschemas.
            ("anyOf" | "oneOf" | "allOf" | "prefixItems", Json::Array(items)) => {
                for (i, sub) in items.iter().enumerate() {
                    walk(&format!("{here}/{i}"), sub, out);
                }
            }
            // One subschema.
            ("items" | "additionalProperties" | "propertyNames" | "not" | "if" | "then" | "else" | "contains", _) => {
                walk(&here, v, out);
            }
            _ => {}
        }
    }
}

fn subschemas(schema: &Json) -> Vec<(String, &Json)> {
    let mut out = Vec::new();
    walk("", schema, &mut out);
    out
}

fn strings(value: &Json) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

#[test]
fn catalog_names_are_enums_with_descriptions_from_the_catalog() {
    let catalog = catalog::Catalog::embedded().unwrap();
    let schema = workload::schema::json_schema();
    let defs = &schema["$defs"];
    let store_types = strings(&defs["StoreType"]["enum"]);
    for store in &catalog.stores {
        assert!(store_types.contains(&store.id.as_str()), "{} is not offered", store.id);
        for alias in &store.aliases {
            assert!(store_types.contains(&alias.as_str()), "alias {alias} is not offered");
        }
    }
    let patterns = strings(&defs["AccessPattern"]["enum"]);
    assert_eq!(patterns, catalog.patterns.iter().map(|p| p.id.as_str()).collect::<Vec<_>>());
    let remedies = strings(&defs["Remedy"]["enum"]);
    assert_eq!(remedies, catalog.remedies.iter().map(|r| r.id.as_str()).collect::<Vec<_>>());
    let options = strings(&defs["RuledOutOption"]["enum"]);
    for name in ["cockroachdb", "citus", "cdc", "polling", "read_replica"] {
        assert!(options.contains(&name), "ruled_out cannot name {name}");
    }
    for name in ["StoreType", "AccessPattern", "Remedy", "RuledOutOption"] {
        let def = &defs[name];
        assert_eq!(def["type"], "string", "{name}");
        let values = def["enum"].as_array().unwrap();
        let descriptions = strings(&def["enumDescriptions"]);
        assert_eq!(values.len(), descriptions.len(), "{name}: one description per value");
        assert!(descriptions.iter().all(|d| !d.is_empty()), "{name}: an empty description");
        let mut unique = values.clone();
        unique.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        unique.dedup();
        assert_eq!(unique.len(), values.len(), "{name}: a value repeats");
    }
    let postgres = store_types.iter().position(|t| *t == "postgresql").unwrap();
    let described = strings(&defs["StoreType"]["enumDescriptions"])[postgres];
    assert!(described.starts_with(&catalog.store("postgresql").unwrap().name), "{described}");
    // Where the names are used.
    let store = &defs["Store"]["properties"];
    assert_eq!(store["type"]["$ref"], "#/$defs/StoreType");
    assert_eq!(store["remedies_in_place"]["items"]["$ref"], "#/$defs/Remedy");
    assert_eq!(defs["WorkloadItem"]["properties"]["pattern"]["$ref"], "#/$defs/AccessPattern");
    assert_eq!(defs["WorkloadItem"]["properties"]["tried"]["items"]["$ref"], "#/$defs/Remedy");
    assert_eq!(defs["Proposal"]["properties"]["add"]["$ref"], "#/$defs/StoreType");
    assert_eq!(defs["Proposal"]["properties"]["by"]["$ref"], "#/$defs/StoreType");
    assert_eq!(defs["RuledOut"]["properties"]["option"]["$ref"], "#/$defs/RuledOutOption");
    assert_eq!(schema["properties"]["catalog_overrides"]["propertyNames"]["$ref"], "#/$defs/StoreType");
}

#[test]
fn a_misspelt_store_type_is_flagged() {
    let (schemas, index) = compiled();
    let text = "version: 2\nname: x\nstores:\n  - { id: search, type: elasticsaerch, role: source_of_truth }\n";
    let doc = to_json(&workload::yaml::parse_document(text).unwrap());
    let error = schemas.validate(&doc, index).expect_err("elasticsaerch accepted");
    assert!(error.to_string().contains("elasticsaerch") || format!("{error:#}").contains("enum"), "{error:#}");
    let fixed = text.replace("elasticsaerch", "elasticsearch");
    schemas.validate(&to_json(&workload::yaml::parse_document(&fixed).unwrap()), index).unwrap();
}

#[test]
fn the_user_catalogs_names_are_offered() {
    let base = catalog::Catalog::embedded().unwrap();
    let mut entry = serde_json::Map::new();
    let mut aliases: Vec<Json> =
        base.store("postgresql").unwrap().aliases.iter().map(|a| Json::from(a.as_str())).collect();
    aliases.push("our-pg".into());
    entry.insert("aliases".into(), Json::Array(aliases));
    entry.insert("name".into(), "Our PostgreSQL".into());
    let mut table = serde_json::Map::new();
    table.insert("postgresql".into(), Json::Object(entry));
    let catalog = base.with_overrides(&catalog::Overrides::from_map("team.toml", table)).unwrap();
    let schema = workload::schema::json_schema_for(&catalog);
    let types = strings(&schema["$defs"]["StoreType"]["enum"]);
    let at = types.iter().position(|t| *t == "our-pg").expect("the user's alias is offered");
    assert!(strings(&schema["$defs"]["StoreType"]["enumDescriptions"])[at].contains("Our PostgreSQL"));
    assert!(!strings(&workload::schema::json_schema()["$defs"]["StoreType"]["enum"]).contains(&"our-pg"));
}

#[test]
fn every_enum_is_a_string_or_integer_enum_and_none_offers_null() {
    let schema = workload::schema::json_schema();
    for (at, sub) in subschemas(&schema) {
        let obj = sub.as_object().unwrap();
        if let Some(values) = obj.get("enum").and_then(Json::as_array) {
            let expected = if values.iter().all(Json::is_string) { "string" } else { "integer" };
            assert_eq!(obj.get("type").and_then(Json::as_str), Some(expected), "{at}: enum without its type");
        }
        assert!(
            !obj.contains_key("oneOf") || !obj["oneOf"].as_array().unwrap().iter().any(|v| v.get("const").is_some()),
            "{at}: oneOf of consts"
        );
        let types = obj.get("type").map(ToString::to_string).unwrap_or_default();
        assert!(!types.contains("null"), "{at}: offers null ({types})");
        if let Some(any_of) = obj.get("anyOf").and_then(Json::as_array) {
            assert!(!any_of.iter().any(|s| s["type"] == "null"), "{at}: anyOf with null");
        }
        if let Some(format) = obj.get("format") {
            panic!("{at}: format {format} (not every validator knows it)");
        }
        if obj.contains_key("pattern") {
            assert!(
                obj.get("patternErrorMessage").and_then(Json::as_str).is_some_and(|m| !m.is_empty()),
                "{at}: pattern without patternErrorMessage"
            );
        }
    }
    assert_eq!(schema["properties"]["version"]["enum"], serde_json::json!([1, 2]));
    assert_eq!(schema["properties"]["version"]["type"], "integer");
}

#[test]
fn every_field_has_its_own_description() {
    let schema = workload::schema::json_schema();
    let defs = schema["$defs"].as_object().unwrap();
    let mut objects: Vec<(String, &Json)> = vec![("(top)".into(), &schema)];
    objects.extend(defs.iter().filter(|(_, d)| d.get("properties").is_some()).map(|(n, d)| (n.clone(), d)));
    for (name, object) in objects {
        for (field, property) in object["properties"].as_object().unwrap() {
            let own = property.get("description").and_then(Json::as_str);
            assert!(own.is_some_and(|d| !d.is_empty()), "{name}.{field} has no description");
            let shared = property
                .get("$ref")
                .or_else(|| property.get("items").and_then(|i| i.get("$ref")))
                .and_then(Json::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
                .and_then(|d| defs[d].get("description"))
                .and_then(Json::as_str);
            assert_ne!(own, shared, "{name}.{field} repeats its type's description");
        }
    }
}

#[test]
fn definition_names_are_readable() {
    let schema = workload::schema::json_schema();
    for name in schema["$defs"].as_object().unwrap().keys() {
        assert!(
            name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphabetic()),
            "definition name {name}"
        );
    }
}

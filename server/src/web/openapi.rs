//! The OpenAPI 3.1 document served at `GET /api/openapi.json` (and printed by `storewise
//! openapi`), generated from the routes once per server.
//!
//! Every documented route is registered through `utoipa_axum::routes!` from its handler's
//! `#[utoipa::path]` (method, path, parameters, bodies, responses): the router `app` serves and
//! this document come from the one list in `web::routes`, so they cannot drift. The server's own
//! types (`ErrorBody`, `Health`, `LinkRecord`, `Format`) derive their schemas with utoipa; the
//! bodies the pure crates define (the report, the catalog, a diagnostic, a share record's
//! content, SARIF) are described here, since those crates stay free of server dependencies, and
//! the workload request body is the workload JSON Schema (schemars). The tests validate real
//! responses against these descriptions, so a field added in a pure crate fails them until it is
//! described. What the layers around every route answer (408, 413, and 415 for a POST under
//! `/api`) is added to every operation here.

use axum::{
    body::Bytes,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value, json};
use utoipa::{
    PartialSchema, ToSchema,
    openapi::{
        Info, License, RefOr,
        schema::{ArrayBuilder, ObjectBuilder, Ref, Schema, Type},
    },
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, analyze::Format, error::ApiError, limits::ACCEPTED_TYPES};

/// The workload the document's examples send (seed S1): a valid file, so the examples reach
/// the analysis and create a share link.
// `openapi-example.yaml` links to examples/s1-logistics.yaml, so that `cargo package` carries it
// (a packaged crate holds nothing outside its directory).
pub(super) const EXAMPLE: &str = include_str!("openapi-example.yaml");

/// The id of the share link `EXAMPLE` gets, the example for the routes that read links.
pub(super) fn example_id() -> String {
    crate::links::LinkId::of(EXAMPLE).as_str().to_string()
}

/// References to the schemas described here, for the handlers' `#[utoipa::path]`.
pub(super) mod schema {
    /// A workload file as text (YAML or JSON).
    pub(in crate::web) const WORKLOAD_TEXT: &str = "#/components/schemas/WorkloadText";
    /// A workload as JSON: the workload JSON Schema.
    pub(in crate::web) const WORKLOAD: &str = "#/components/schemas/Workload";
    /// The report or its SARIF log.
    pub(in crate::web) const REPORT_OR_SARIF: &str = "#/components/schemas/ReportOrSarif";
    /// The whole catalog.
    pub(in crate::web) const CATALOG: &str = "#/components/schemas/Catalog";
    /// One store type.
    pub(in crate::web) const STORE: &str = "#/components/schemas/Store";
}

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(openapi_json))
}

/// This document
///
/// The OpenAPI 3.1 description of every route the server answers, with its error bodies.
#[utoipa::path(get, path = "/api/openapi.json", operation_id = "openapi", tag = "meta", responses(
    (status = OK, description = "The OpenAPI 3.1 document", content_type = "application/json", body = Object),
))]
async fn openapi_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    let document = state.openapi.get_or_init(|| {
        document(&state.catalog).and_then(|d| serde_json::to_vec(&d).map_err(|e| e.to_string())).map(Bytes::from)
    });
    match document {
        Ok(bytes) => Ok(([(header::CONTENT_TYPE, "application/json")], bytes.clone()).into_response()),
        Err(e) => Err(ApiError::Internal(anyhow::anyhow!("cannot build the OpenAPI document: {e}"))),
    }
}

/// The whole document, as JSON, for the catalog the server serves (its store types, with the
/// aliases of an override file, are the workload schema's enum).
pub(crate) fn document(catalog: &catalog::Catalog) -> Result<Value, String> {
    let mut api = super::routes().into_openapi();
    let mut license = License::new(env!("CARGO_PKG_LICENSE"));
    license.identifier = Some(env!("CARGO_PKG_LICENSE").into());
    let mut info = Info::new("storewise", env!("CARGO_PKG_VERSION"));
    info.description = Some(
        "Which data stores a system should run, with numbers and reasons: analyse a workload, draw its \
         charts, browse the catalog, store short share links. Every error is the JSON `ErrorBody`."
            .into(),
    );
    info.license = Some(license);
    api.info = info;
    // the parameters' schemas, which utoipa references but does not collect
    let components = api.components.get_or_insert_with(Default::default);
    for (name, schema) in [
        (Format::name(), Format::schema()),
        (ChartKind::name(), ChartKind::schema()),
        (ChartScheme::name(), ChartScheme::schema()),
    ] {
        components.schemas.insert(name.into_owned(), schema);
    }
    let mut doc = serde_json::to_value(&api).map_err(|e| e.to_string())?;
    let components = doc
        .as_object_mut()
        .ok_or("the document is not an object")?
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or("components is not an object")?;
    let schemas = components.entry("schemas").or_insert_with(|| json!({}));
    let schemas = schemas.as_object_mut().ok_or("components.schemas is not an object")?;
    schemas.extend(described());
    schemas.extend(workload_schemas(catalog)?);
    components.insert("responses".into(), shared_responses());
    add_shared_responses(&mut doc)?;
    Ok(doc)
}

/// The errors the layers around every route can answer: (name, status).
const SHARED: [(&str, &str); 3] = [("Timeout", "408"), ("TooLarge", "413"), ("UnsupportedMediaType", "415")];

fn shared_responses() -> Value {
    let description = |status| match status {
        "408" => format!(
            "The request took longer than {} s (`timeout`), or its body sent nothing for too long",
            super::REQUEST_TIMEOUT.as_secs()
        ),
        "413" => format!(
            "The declared or sent body is over the route's limit: {} KiB, {} KiB for `/api/share` (`too_large`)",
            super::MAX_BODY / 1024,
            super::share::MAX_SHARED / 1024
        ),
        _ => "The body is declared as neither YAML nor JSON (`unsupported_media_type`)".to_string(),
    };
    let responses: Map<String, Value> = SHARED
        .iter()
        .map(|(name, status)| {
            let body = json!({ "schema": { "$ref": "#/components/schemas/ErrorBody" } });
            let response = json!({ "description": description(status), "content": { "application/json": body } });
            ((*name).to_string(), response)
        })
        .collect();
    Value::Object(responses)
}

/// Adds the shared errors to every operation: 408 and 413 everywhere, 415 to a POST under `/api`.
fn add_shared_responses(doc: &mut Value) -> Result<(), String> {
    let paths = doc.get_mut("paths").and_then(Value::as_object_mut).ok_or("the document has no paths")?;
    for (path, item) in paths {
        let item = item.as_object_mut().ok_or("a path item is not an object")?;
        for (method, operation) in item {
            let responses = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut)
                .ok_or_else(|| format!("{method} {path} has no responses"))?;
            for (name, status) in SHARED {
                let applies = status != "415" || (method == "post" && path.starts_with("/api/"));
                if applies {
                    responses
                        .entry(status)
                        .or_insert_with(|| json!({ "$ref": format!("#/components/responses/{name}") }));
                }
            }
        }
    }
    Ok(())
}

/// A string schema that takes one of `names`.
fn one_of(names: impl IntoIterator<Item = &'static str>) -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(names)).into()
}

/// A chart's name: one of `charts::Kind::ALL`.
pub(super) enum ChartKind {}

impl PartialSchema for ChartKind {
    fn schema() -> RefOr<Schema> {
        one_of(charts::Kind::ALL.map(charts::Kind::as_str))
    }
}

impl ToSchema for ChartKind {}

/// A chart's colour scheme: one of `charts::Scheme::ALL`.
pub(super) enum ChartScheme {}

impl PartialSchema for ChartScheme {
    fn schema() -> RefOr<Schema> {
        one_of(charts::Scheme::ALL.map(charts::Scheme::as_str))
    }
}

impl ToSchema for ChartScheme {}

/// `schema_with` for a list of diagnostics.
pub(super) fn diagnostics() -> RefOr<Schema> {
    let mut array = ArrayBuilder::new().items(Ref::from_schema_name("Diagnostic")).build();
    array.description = Some("Every problem in the file: errors and warnings".into());
    RefOr::T(Schema::Array(array))
}

/// `schema_with` for a report's summary.
pub(super) fn summary() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name("Summary"))
}

/// `schema_with` for a share record's content.
pub(super) fn shared() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name("Shared"))
}

/// A JSON Schema object that must have `required` and may have only `properties`.
fn closed(description: &str, required: &[&str], properties: Value) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("description".into(), json!(description));
    schema.insert("required".into(), json!(required));
    schema.insert("properties".into(), properties);
    schema.insert("additionalProperties".into(), json!(false));
    Value::Object(schema)
}

/// An array of objects whose shape this document does not spell out.
fn objects(description: &str) -> Value {
    json!({ "type": "array", "description": description, "items": { "type": "object" } })
}

/// The schemas of the bodies the pure crates define, as they serialize.
fn described() -> Map<String, Value> {
    let string = json!({ "type": "string" });
    let number = json!({ "type": "number" });
    let count = json!({ "type": "integer", "minimum": 0 });
    let object = json!({ "type": "object" });
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    let overhead_properties: Map<String, Value> = [
        "hours_per_month",
        "store_hours_per_month",
        "interaction_hours_per_month",
        "infrastructure_usd_per_month",
        "people_usd_per_month",
        "usd_per_month",
        "hourly_cost_usd",
        "single_hours_per_month",
        "x_single",
    ]
    .into_iter()
    .map(|k| (k.to_string(), number.clone()))
    .chain([
        ("by_store".to_string(), objects("Overhead per store, by category")),
        ("interactions".to_string(), objects("Overhead of each pair of stores kept consistent")),
        ("by_category".to_string(), json!({ "type": "object", "additionalProperties": { "type": "number" } })),
    ])
    .collect();
    let overhead_required: Vec<String> = overhead_properties.keys().cloned().collect();
    let table_row = closed(
        "The seed table's metrics for one architecture",
        &[
            "stores",
            "deployment_configs",
            "monitoring_dashboards",
            "backup_procedures",
            "onboarding_weeks",
            "consistency_issues_per_month",
            "diagnosis_hours",
        ],
        json!({
            "stores": count, "deployment_configs": count, "monitoring_dashboards": count,
            "backup_procedures": count, "onboarding_weeks": number,
            "consistency_issues_per_month": object,
            "diagnosis_hours": { "type": ["object", "null"] },
        }),
    );
    let architecture = closed(
        "Stores and flows of one architecture",
        &["stores", "flows"],
        json!({ "stores": objects("The stores"), "flows": objects("The flows between them") }),
    );
    let mut map = Map::new();
    let mut put = |name: &str, schema: Value| map.insert(name.to_string(), schema);
    put("Severity", json!({ "type": "string", "enum": ["info", "low", "medium", "high", "critical"] }));
    put(
        "Summary",
        closed(
            "Findings per severity",
            &["findings", "critical", "high", "medium", "low", "info"],
            json!({ "findings": count, "critical": count, "high": count, "medium": count, "low": count, "info": count }),
        ),
    );
    put(
        "Versions",
        closed(
            "The catalog and rules versions a result was made with",
            &["catalog", "rules"],
            json!({ "catalog": string, "rules": string }),
        ),
    );
    put(
        "Finding",
        closed(
            "One finding: what a rule found, its decision, the options it weighed and the changes it recommends",
            &[
                "code",
                "rule",
                "severity",
                "title",
                "subjects",
                "evidence",
                "recommendation",
                "expected_effect",
                "what_would_change_this",
                "sources",
                "decision",
            ],
            json!({
                "code": { "type": "string", "pattern": "^SW[0-9]{3}$" },
                "rule": string,
                "severity": { "$ref": "#/components/schemas/Severity" },
                "title": string,
                "subjects": strings,
                "evidence": objects("The figures it rests on"),
                "recommendation": string,
                "expected_effect": object,
                "what_would_change_this": string,
                "sources": objects("Where its figures come from"),
                "location": object,
                "changes": objects("The typed changes to the architecture it recommends"),
                "decision": object,
                "options": objects("Every option it considered, with its verdict and reasons"),
                "assumptions": objects("What it assumed where the file is silent"),
            }),
        ),
    );
    put(
        "Report",
        closed(
            "The report: findings, operational overhead, the seed table, the architecture before and after, growth",
            &["name", "versions", "summary", "findings", "overhead", "table", "architecture", "growth"],
            json!({
                "name": string,
                "versions": { "$ref": "#/components/schemas/Versions" },
                "summary": { "$ref": "#/components/schemas/Summary" },
                "findings": { "type": "array", "items": { "$ref": "#/components/schemas/Finding" } },
                "overhead": closed("Operational overhead", &["current", "recommended"], json!({
                    "current": { "$ref": "#/components/schemas/Overhead" },
                    "recommended": { "$ref": "#/components/schemas/Overhead" },
                })),
                "table": closed("The seed table", &["single_label", "single", "current", "recommended"], json!({
                    "single_label": string,
                    "single": { "$ref": "#/components/schemas/TableRow" },
                    "current": { "$ref": "#/components/schemas/TableRow" },
                    "recommended": { "$ref": "#/components/schemas/TableRow" },
                })),
                "architecture": closed("Before and after", &["current", "recommended"], json!({
                    "current": { "$ref": "#/components/schemas/Architecture" },
                    "recommended": { "$ref": "#/components/schemas/Architecture" },
                })),
                "growth": closed("How overhead grows with the number of stores", &["single_hours", "per_store_hours", "points"], json!({
                    "single_hours": number, "per_store_hours": number, "points": objects("The curve"),
                })),
                "suppressed": {
                    "type": "array",
                    "description": "Findings a suppression covers (not in `findings` nor the summary)",
                    "items": closed("A suppressed finding and the suppression covering it", &["finding", "by"], json!({
                        "finding": { "$ref": "#/components/schemas/Finding" },
                        "by": { "$ref": "#/components/schemas/Suppression" },
                    })),
                },
                "suppression_notes": {
                    "type": "array",
                    "description": "Suppressions that have lapsed or match no finding",
                    "items": closed("A suppression that needs attention", &["kind", "severity", "suppression"], json!({
                        "kind": { "type": "string", "enum": ["expired", "unmatched"] },
                        "severity": { "$ref": "#/components/schemas/Severity" },
                        "suppression": { "$ref": "#/components/schemas/Suppression" },
                    })),
                },
            }),
        ),
    );
    put(
        "Suppression",
        closed(
            "A suppression: findings of `code` about every one of `subjects`, accepted for `reason` until `until`",
            &["code", "reason", "origin"],
            json!({
                "code": { "type": "string", "pattern": "^SW[0-9]{3}$" },
                "subjects": strings,
                "reason": string,
                "until": { "type": "string", "format": "date" },
                "origin": { "type": "string", "enum": ["workload", "config"] },
                "location": object,
            }),
        ),
    );
    put(
        "Overhead",
        json!({
            "type": "object",
            "description": "Operational overhead of one architecture, per month",
            "required": overhead_required,
            "properties": overhead_properties,
            "additionalProperties": false,
        }),
    );
    put("TableRow", table_row);
    put("Architecture", architecture);
    put(
        "Sarif",
        json!({
            "type": "object",
            "description": "A SARIF 2.1.0 log: one run, a result per finding",
            "required": ["$schema", "version", "runs"],
            "properties": { "$schema": string, "version": { "const": "2.1.0" }, "runs": objects("One run") },
        }),
    );
    put(
        "ReportOrSarif",
        json!({
            "description": "The report (`format=json`, the default) or its SARIF log (`format=sarif`)",
            "oneOf": [{ "$ref": "#/components/schemas/Report" }, { "$ref": "#/components/schemas/Sarif" }],
        }),
    );
    put(
        "Span",
        closed(
            "A region of the file: 1-based lines and columns (columns count characters)",
            &["line", "column", "end_line", "end_column"],
            json!({ "line": count, "column": count, "end_line": count, "end_column": count }),
        ),
    );
    put(
        "Diagnostic",
        closed(
            "One problem in a workload file",
            &["level", "kind", "path", "span", "message"],
            json!({
                "level": { "type": "string", "enum": ["error", "warning"] },
                "kind": string,
                "path": { "type": "string", "description": "The field, e.g. `stores[1].type` (empty for the document)" },
                "span": { "$ref": "#/components/schemas/Span" },
                "message": string,
                "suggestion": { "type": "string", "description": "What to write instead" },
            }),
        ),
    );
    put(
        "Shared",
        closed(
            "What a share link carries: the workload's text, the versions behind its result, the findings it gave",
            &["workload", "made_with", "findings"],
            json!({
                "workload": string,
                "made_with": { "$ref": "#/components/schemas/Versions" },
                "findings": { "type": "array", "items": closed("A finding, reduced to what identifies it", &["code", "severity", "subjects"], json!({
                    "code": string, "severity": { "$ref": "#/components/schemas/Severity" }, "subjects": strings,
                })) },
            }),
        ),
    );
    put(
        "Store",
        closed(
            "A store type: what it is, its figures with their sources, what it is not good for",
            &["id", "name", "family", "summary", "sources"],
            json!({
                "id": string, "name": string, "family": string, "aliases": strings, "summary": string,
                "deployment": string, "learning_weeks": object, "sources": objects("Where its figures come from"),
                "fit": object, "not_good_for": objects("What it serves badly"),
                "remedies": objects("The remedies it offers in-store, with their cost and reach"),
                "ops": object, "cdc": object, "price": object, "writes": object, "scale_out": object,
            }),
        ),
    );
    put(
        "Catalog",
        closed(
            "Everything storewise knows: store types, access patterns, remedies, flow kinds",
            &["version", "patterns", "remedies", "stores", "flows", "flow_sources"],
            json!({
                "version": string,
                "patterns": objects("The access patterns"),
                "remedies": objects("The in-store remedies"),
                "stores": { "type": "array", "items": { "$ref": "#/components/schemas/Store" } },
                "flows": objects("The flow kinds"),
                "flow_sources": objects("How each store feeds the flows that read it"),
            }),
        ),
    );
    put(
        "WorkloadText",
        json!({
            "type": "string",
            "description": format!(
                "A workload file, YAML (or JSON), at most 1 MiB; also accepted as {}, or with no Content-Type",
                ACCEPTED_TYPES.join(", ")
            ),
        }),
    );
    map
}

/// The workload JSON Schema (schemars), its `$defs` lifted into the components as `Workload…`.
fn workload_schemas(catalog: &catalog::Catalog) -> Result<Map<String, Value>, String> {
    let mut schema = workload::schema::json_schema_for(catalog);
    let root = schema.as_object_mut().ok_or("the workload schema is not an object")?;
    let defs = match root.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    root.remove("$schema");
    root.remove("$id");
    let mut out: Map<String, Value> = defs.into_iter().map(|(name, def)| (format!("Workload{name}"), def)).collect();
    out.insert("Workload".into(), schema);
    for def in out.values_mut() {
        rewrite_refs(def, "#/$defs/", "#/components/schemas/Workload");
    }
    Ok(out)
}

/// Every `$ref` that starts with `from` starts with `to` instead (`#/$defs/X` becomes
/// `#/components/schemas/WorkloadX` here; the command line's schemas go the other way).
pub(crate) fn rewrite_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(target) if key == "$ref" => {
                        if let Some(name) = target.strip_prefix(from) {
                            *target = format!("{to}{name}");
                        }
                    }
                    _ => rewrite_refs(v, from, to),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, from, to)),
        _ => {}
    }
}

//! The JSON Schema of the workload format, generated from the model types, so editors can
//! validate and complete workload files (`storewise schema`).

use crate::model::Workload;

/// Where the published schema lives; workload files may point `# yaml-language-server: $schema=` at it.
pub const SCHEMA_ID: &str = "https://storewise.dev/schema/workload-v1.json";

/// The schema as a JSON value (draft 2020-12).
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Workload).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), serde_json::Value::String(SCHEMA_ID.into()));
    }
    schema
}

//! The typed changes of a report, read from its JSON (the contract), flattened for matching.

use std::collections::BTreeMap;

use catalog::Catalog;
use serde_json::Value;

/// One change of a report: its kind and the values of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `add_store`, `remove_store`, `move_workload`, `apply_remedy`, `change_flow`, `replace_store`.
    pub kind: String,
    /// Key → values (one for a plain field, several for a list such as `for`).
    pub fields: BTreeMap<String, Vec<String>>,
}

impl Change {
    /// The values of one key (empty when the change has none).
    pub fn values(&self, key: &str) -> &[String] {
        self.fields.get(key).map_or(&[], Vec::as_slice)
    }

    fn one(&self, key: &str) -> &str {
        self.values(key).first().map_or("?", String::as_str)
    }

    /// One short phrase: `add clickhouse (column_store) from main-db via cdc for fleet-report`.
    pub fn describe(&self) -> String {
        let list = |key: &str| self.values(key).join(",");
        match self.kind.as_str() {
            "add_store" => {
                let mut s = format!("add {} ({})", self.one("store_type"), self.one("family"));
                if !self.values("from").is_empty() {
                    s.push_str(&format!(" from {} via {}", self.one("from"), self.one("via")));
                }
                if !self.values("for").is_empty() {
                    s.push_str(&format!(" for {}", list("for")));
                }
                s
            }
            "remove_store" => format!("remove {} into {}", self.one("store"), self.one("into")),
            "move_workload" => format!("move {} {}→{}", self.one("workload"), self.one("from"), self.one("to")),
            "apply_remedy" => format!("{} on {}", self.one("remedy"), self.one("store")),
            "change_flow" => {
                format!("flow {}→{} {}→{}", self.one("from"), self.one("store"), self.one("was"), self.one("via"))
            }
            "replace_store" => format!("replace {} by {}", self.one("store"), self.one("store_type")),
            other => other.to_string(),
        }
    }
}

/// Every change of every finding of a JSON report, in report order.
///
/// Fields are taken as they are (strings, and lists of strings), with `for_workloads` read as
/// `for` and the catalog `family` of any `store_type` added. Version 1's `replace_dual_writes`
/// becomes one `change_flow` per store the application stops writing.
pub fn of_report(report: &Value, catalog: &Catalog) -> Vec<Change> {
    let mut out = Vec::new();
    let findings = report.get("findings").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for change in findings.iter().filter_map(|f| f.get("changes")).filter_map(Value::as_array).flatten() {
        let Some(obj) = change.as_object() else { continue };
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or_default().to_string();
        let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, value) in obj.iter().filter(|(k, _)| k.as_str() != "kind") {
            let key = if key == "for_workloads" { "for" } else { key.as_str() };
            let values: Vec<String> = match value {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                _ => continue,
            };
            fields.insert(key.to_string(), values);
        }
        if let Some(family) = fields
            .get("store_type")
            .and_then(|t| t.first())
            .and_then(|t| catalog.store(t))
            .map(|k| k.family.as_str().to_string())
        {
            fields.entry("family".to_string()).or_insert_with(|| vec![family]);
        }
        if kind == "replace_dual_writes" {
            let source = fields.get("source").cloned().unwrap_or_default();
            let via = fields.get("via").cloned().unwrap_or_default();
            for target in fields.get("targets").cloned().unwrap_or_default() {
                let fields = BTreeMap::from([
                    ("store".to_string(), vec![target]),
                    ("from".to_string(), source.clone()),
                    ("via".to_string(), via.clone()),
                    ("was".to_string(), vec!["dual_write".to_string()]),
                ]);
                out.push(Change { kind: "change_flow".to_string(), fields });
            }
        } else {
            out.push(Change { kind, fields });
        }
    }
    out
}

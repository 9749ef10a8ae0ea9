//! User overrides: replace any catalog figure (a team's real hours, its real prices).
//!
//! An override is a partial store entry keyed by store id, deep-merged into the shipped entry:
//! tables merge, other values replace. A replaced figure's evidence becomes "your figure".

use serde_json::{Map, Value};

use crate::{Catalog, error::CatalogError, lint::check_store, model::StoreType};

type Table = Map<String, Value>;

/// Replacement figures from one origin (a file, or a workload's `catalog_overrides`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overrides {
    origin: String,
    stores: Table,
}

impl Overrides {
    /// Parses an override file, e.g. `[kafka.ops.deployment]` / `hours = 9`.
    #[cfg(feature = "toml")]
    pub fn from_toml(origin: &str, text: &str) -> Result<Self, CatalogError> {
        let table: toml::Table = crate::catalog::parse_toml(origin, text)?;
        let stores = match serde_json::to_value(table) {
            Ok(Value::Object(map)) => map,
            Ok(_) => Table::new(),
            Err(e) => {
                return Err(CatalogError::Parse {
                    file: origin.to_string(),
                    line: None,
                    column: None,
                    message: e.to_string(),
                });
            }
        };
        Ok(Self { origin: origin.to_string(), stores })
    }

    /// Wraps an already-built map of store id → partial entry (JSON-shaped, as in the catalog).
    pub fn from_map(origin: &str, stores: Table) -> Self {
        Self { origin: origin.to_string(), stores }
    }

    /// Nothing to override.
    pub fn is_empty(&self) -> bool {
        self.stores.is_empty()
    }

    /// Where these overrides came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

impl Catalog {
    /// A copy of the catalog with `overrides` applied, or every problem they have.
    pub fn with_overrides(&self, overrides: &Overrides) -> Result<Catalog, Vec<CatalogError>> {
        let mut out = self.clone();
        let mut errors = Vec::new();
        for (name, value) in &overrides.stores {
            let origin = overrides.origin.clone();
            let Some(index) = self.index_of(name) else {
                errors.push(CatalogError::UnknownStore {
                    origin,
                    id: name.clone(),
                    suggestion: self.suggest_store(name).map(str::to_string),
                });
                continue;
            };
            let (Some(raw), Value::Object(patch)) = (out.raw(index), value) else {
                errors.push(CatalogError::BadOverride {
                    origin,
                    path: name.clone(),
                    message: "expected a table of fields to replace, e.g. [kafka.ops.deployment] hours = 9".into(),
                });
                continue;
            };
            let mut merged = raw.clone();
            let mut leaves = Vec::new();
            merge(&mut merged, patch, "", &mut leaves);
            for leaf in &leaves {
                mark_user_evidence(&mut merged, leaf, &overrides.origin);
            }
            let mut store = match serde_json::from_value::<StoreType>(Value::Object(merged.clone())) {
                Ok(store) => store,
                Err(e) => {
                    let path = leaves.first().map_or_else(|| name.clone(), |l| format!("{name}.{l}"));
                    errors.push(CatalogError::BadOverride { origin, path, message: e.to_string() });
                    continue;
                }
            };
            // Several keys may name the same store (`postgres`, `postgresql`): accumulate.
            let mut overridden = out.stores.get(index).map(|s| s.overridden.clone()).unwrap_or_default();
            overridden.extend(leaves.iter().cloned());
            store.overridden = overridden;
            let problems = check_store(self, &store);
            if problems.is_empty() {
                out.replace_store(index, merged, store);
            } else {
                errors.extend(problems.into_iter().map(|message| CatalogError::BadOverride {
                    origin: origin.clone(),
                    path: name.clone(),
                    message,
                }));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if !overrides.is_empty() {
            out.version.push_str("+overrides");
        }
        Ok(out)
    }
}

/// Deep-merges `patch` into `base`, recording the dotted path of every replaced leaf.
fn merge(base: &mut Table, patch: &Table, prefix: &str, leaves: &mut Vec<String>) {
    for (key, value) in patch {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        if let (Some(Value::Object(inner)), Value::Object(p)) = (base.get_mut(key), value) {
            merge(inner, p, &path, leaves);
        } else {
            base.insert(key.clone(), value.clone());
            leaves.push(path);
        }
    }
}

/// Marks the block holding `leaf` as the user's figure unless the user gave its evidence too.
fn mark_user_evidence(root: &mut Table, leaf: &str, origin: &str) {
    let mut parts: Vec<&str> = leaf.split('.').collect();
    let field = parts.pop().unwrap_or_default();
    if parts.is_empty() || field == "cite" || field == "estimate" {
        return;
    }
    let mut table = root;
    for part in parts {
        match table.get_mut(part) {
            Some(Value::Object(inner)) => table = inner,
            _ => return,
        }
    }
    table.insert("cite".into(), Value::Array(Vec::new()));
    table.insert("estimate".into(), Value::String(format!("Your figure, from {origin}.")));
}

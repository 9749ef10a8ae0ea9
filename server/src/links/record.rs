//! A stored row as text, and the one check every store applies before serving it: its JSON
//! columns decode and its workload still hashes to its id.

use engine::Summary;
use link::{FindingKey, MadeWith, Shared};

use super::{LinkId, NewLink, StoreError, StoredLink};

/// The columns of one row, as both databases store them (all text).
pub(super) struct Row {
    pub(super) id: String,
    pub(super) workload: String,
    pub(super) name: String,
    pub(super) catalog_version: String,
    pub(super) rules_version: String,
    pub(super) findings: String,
    pub(super) summary: String,
    pub(super) created_at: String,
}

/// The columns in the order both stores select them.
pub(super) const COLUMNS: &str = "id, workload, name, catalog_version, rules_version, findings, summary, created_at";

/// The JSON columns of a link about to be stored: (findings, summary).
pub(super) fn json_columns(link: &NewLink) -> (String, String) {
    (to_json(&link.shared.findings), to_json(&link.summary))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl Row {
    /// The record, or why it is damaged: a row whose JSON columns do not decode, or whose
    /// workload does not hash to its id, is never served.
    pub(super) fn verify(self) -> Result<StoredLink, StoreError> {
        let id = self.id;
        let damaged =
            |what: &str, e: serde_json::Error| StoreError::Damaged { id: id.clone(), reason: format!("{what}: {e}") };
        let findings: Vec<FindingKey> = serde_json::from_str(&self.findings).map_err(|e| damaged("findings", e))?;
        let summary: Summary = serde_json::from_str(&self.summary).map_err(|e| damaged("summary", e))?;
        let Some(link_id) = LinkId::parse(&id) else {
            return Err(StoreError::Damaged { id, reason: "not an id".into() });
        };
        // The id is the workload's hash: a record whose text no longer gives its id was altered.
        if LinkId::of(&self.workload) != link_id {
            return Err(StoreError::Damaged {
                id,
                reason: "its workload does not match its id (the record was altered)".into(),
            });
        }
        Ok(StoredLink {
            id: link_id,
            name: self.name,
            summary,
            created_at: self.created_at,
            shared: Shared {
                workload: self.workload,
                made_with: MadeWith { catalog: self.catalog_version, rules: self.rules_version },
                findings,
            },
        })
    }
}

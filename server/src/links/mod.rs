//! Stored share links: immutable records keyed by a hash of the workload, behind a small trait
//! so a shared database (PostgreSQL) stands in for SQLite when several replicas serve.

#[cfg(test)]
pub(crate) mod contract;
mod id;
mod postgres;
mod record;
mod sqlite;

use engine::Summary;
pub(crate) use id::LinkId;
use link::Shared;
pub(crate) use postgres::{PostgresError, PostgresStore};
use serde::Serialize;
pub(crate) use sqlite::SqliteStore;

/// A link about to be stored.
#[derive(Debug, Clone)]
pub(crate) struct NewLink {
    /// Derived from the workload's text.
    pub(crate) id: LinkId,
    /// The workload, the versions and the findings.
    pub(crate) shared: Shared,
    /// The workload's name, for titles and previews.
    pub(crate) name: String,
    /// Counts by severity when it was made, for previews.
    pub(crate) summary: Summary,
}

/// A stored link: what was stored and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct StoredLink {
    /// Its id.
    pub(crate) id: LinkId,
    /// The workload's name.
    pub(crate) name: String,
    /// Counts by severity when it was made.
    pub(crate) summary: Summary,
    /// When it was first stored (RFC 3339, UTC).
    pub(crate) created_at: String,
    /// The workload, the versions and the findings.
    pub(crate) shared: Shared,
}

/// Where links live. Records are immutable: `put` of an existing id returns the stored one.
pub(crate) trait LinkStore: Send + Sync + 'static {
    /// Stores `link` unless its id exists; returns the stored record and whether it is new.
    /// Returns only once the record is durable.
    fn put(&self, link: NewLink) -> Result<(StoredLink, bool), StoreError>;
    /// The record with this id.
    fn get(&self, id: &LinkId) -> Result<Option<StoredLink>, StoreError>;
}

/// A storage failure (the database is unreadable, full, unreachable, or locked too long).
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    /// The SQLite database failed.
    #[error("link database: {0}")]
    Database(#[from] rusqlite::Error),
    /// The PostgreSQL database failed (or could not be reached in time).
    #[error("link database (PostgreSQL): {0}")]
    Postgres(PostgresError),
    /// A stored record does not decode (the file was edited or damaged).
    #[error("link {id} is damaged in the database: {reason}")]
    Damaged {
        /// The record.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl StoreError {
    /// Whether the store is out of reach for now (PostgreSQL refused, closed or gave no
    /// connection in time; SQLite stayed locked): answered 503 with `Retry-After`, not 500.
    pub(crate) fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Postgres(e) => e.is_unavailable(),
            StoreError::Database(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            }
            StoreError::Database(_) | StoreError::Damaged { .. } => false,
        }
    }
}

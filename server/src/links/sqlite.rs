//! The SQLite link store: one file, WAL journal, `synchronous = FULL` so an acknowledged link
//! survives a crash, triggers that refuse to update or delete a record.

use std::{
    path::Path,
    sync::{
        Mutex, MutexGuard, PoisonError,
        atomic::{AtomicUsize, Ordering},
    },
};

use engine::Summary;
use link::{FindingKey, MadeWith, Shared};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, params};

use super::{LinkId, LinkStore, NewLink, StoreError, StoredLink};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS links (
    id              TEXT PRIMARY KEY,
    workload        TEXT NOT NULL,
    name            TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    rules_version   TEXT NOT NULL,
    findings        TEXT NOT NULL,
    summary         TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE TRIGGER IF NOT EXISTS links_immutable BEFORE UPDATE ON links
    BEGIN SELECT RAISE(ABORT, 'share links are immutable'); END;
CREATE TRIGGER IF NOT EXISTS links_permanent BEFORE DELETE ON links
    BEGIN SELECT RAISE(ABORT, 'share links are permanent'); END;
PRAGMA user_version = 1;
";

const COLUMNS: &str = "id, workload, name, catalog_version, rules_version, findings, summary, created_at";

/// Links in a SQLite file: one writer connection, a few readers (WAL lets them run beside it).
pub(crate) struct SqliteStore {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`.
    pub(crate) fn open(path: &Path) -> Result<Self, StoreError> {
        let writer = Connection::open(path)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        configure(&writer)?;
        writer.execute_batch(SCHEMA)?;
        let count = std::thread::available_parallelism().map_or(2, usize::from).clamp(2, 8);
        let readers = (0..count)
            .map(|_| {
                let reader = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
                )?;
                configure(&reader)?;
                Ok(Mutex::new(reader))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(SqliteStore { writer: Mutex::new(writer), readers, next_reader: AtomicUsize::new(0) })
    }

    /// `PRAGMA integrity_check`: `ok`, or what is wrong.
    pub(crate) fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(lock(&self.writer).query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }

    /// How many links are stored.
    pub(crate) fn count(&self) -> Result<u64, StoreError> {
        Ok(self.reader().query_row("SELECT count(*) FROM links", [], |row| row.get(0))?)
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len().max(1);
        match self.readers.get(i) {
            Some(reader) => lock(reader),
            None => lock(&self.writer),
        }
    }
}

fn configure(connection: &Connection) -> Result<(), StoreError> {
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// A connection whose holder panicked is still consistent (SQLite rolls back an open statement).
fn lock(connection: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    connection.lock().unwrap_or_else(PoisonError::into_inner)
}

impl LinkStore for SqliteStore {
    fn put(&self, link: NewLink) -> Result<(StoredLink, bool), StoreError> {
        let findings = to_json(&link.shared.findings);
        let summary = to_json(&link.summary);
        let mut db = lock(&self.writer);
        let tx = db.transaction()?;
        let inserted = tx.execute(
            "INSERT INTO links (id, workload, name, catalog_version, rules_version, findings, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
            params![
                link.id.as_str(),
                link.shared.workload,
                link.name,
                link.shared.made_with.catalog,
                link.shared.made_with.rules,
                findings,
                summary
            ],
        )?;
        let stored = tx.query_row(&format!("SELECT {COLUMNS} FROM links WHERE id = ?1"), [link.id.as_str()], read)?;
        tx.commit()?;
        Ok((stored?, inserted == 1))
    }

    fn get(&self, id: &LinkId) -> Result<Option<StoredLink>, StoreError> {
        let db = self.reader();
        let mut statement = db.prepare_cached(&format!("SELECT {COLUMNS} FROM links WHERE id = ?1"))?;
        statement.query_row([id.as_str()], read).optional()?.transpose()
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// One row; a row whose JSON columns do not decode, or whose workload does not hash to its id,
/// is reported as damaged, never served.
fn read(row: &Row<'_>) -> rusqlite::Result<Result<StoredLink, StoreError>> {
    let id: String = row.get(0)?;
    let findings: String = row.get(5)?;
    let summary: String = row.get(6)?;
    let damaged =
        |what: &str, e: serde_json::Error| StoreError::Damaged { id: id.clone(), reason: format!("{what}: {e}") };
    let findings: Vec<FindingKey> = match serde_json::from_str(&findings) {
        Ok(f) => f,
        Err(e) => return Ok(Err(damaged("findings", e))),
    };
    let summary: Summary = match serde_json::from_str(&summary) {
        Ok(s) => s,
        Err(e) => return Ok(Err(damaged("summary", e))),
    };
    let Some(link_id) = LinkId::parse(&id) else {
        return Ok(Err(StoreError::Damaged { id, reason: "not an id".into() }));
    };
    let workload: String = row.get(1)?;
    // The id is the workload's hash: a record whose text no longer gives its id was altered.
    if LinkId::of(&workload) != link_id {
        return Ok(Err(StoreError::Damaged {
            id,
            reason: "its workload does not match its id (the record was altered)".into(),
        }));
    }
    Ok(Ok(StoredLink {
        id: link_id,
        name: row.get(2)?,
        summary,
        created_at: row.get(7)?,
        shared: Shared { workload, made_with: MadeWith { catalog: row.get(3)?, rules: row.get(4)? }, findings },
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

    use super::*;

    fn temp_db(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("storewise-sqlite-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("links.db")
    }

    fn new_link(text: &str) -> NewLink {
        NewLink {
            id: LinkId::of(text),
            shared: Shared {
                workload: text.into(),
                made_with: MadeWith { catalog: "1+abc".into(), rules: "1.0".into() },
                findings: vec![],
            },
            name: "n".into(),
            summary: Summary::default(),
        }
    }

    #[test]
    fn stores_once_and_reads_back_after_reopening() {
        let path = temp_db("reopen");
        let store = SqliteStore::open(&path).unwrap();
        let (first, new) = store.put(new_link("a: 1")).unwrap();
        assert!(new);
        let (again, new) = store.put(new_link("a: 1")).unwrap();
        assert!(!new);
        assert_eq!(first, again, "the same workload gives the one stored record, creation time included");
        drop(store);
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.get(&first.id).unwrap(), Some(first));
        assert_eq!(store.get(&LinkId::of("other")).unwrap(), None);
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn records_cannot_be_changed_or_deleted() {
        let store = SqliteStore::open(&temp_db("immutable")).unwrap();
        let (stored, _) = store.put(new_link("b: 2")).unwrap();
        let db = lock(&store.writer);
        let update = db.execute("UPDATE links SET workload = 'x' WHERE id = ?1", [stored.id.as_str()]);
        assert!(update.unwrap_err().to_string().contains("immutable"));
        let delete = db.execute("DELETE FROM links", []);
        assert!(delete.unwrap_err().to_string().contains("permanent"));
    }
}

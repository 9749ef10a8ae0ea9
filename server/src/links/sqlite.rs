//! The SQLite link store: one file, WAL journal, `synchronous = FULL` so an acknowledged link
//! survives a crash, triggers that refuse to update or delete a record.

use std::{
    path::Path,
    sync::{
        Mutex, MutexGuard, PoisonError,
        atomic::{AtomicUsize, Ordering},
    },
};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{
    LinkId, LinkStore, NewLink, StoreError, StoredLink,
    record::{self, COLUMNS, Row},
};

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
        let (findings, summary) = record::json_columns(&link);
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

/// One row, checked before it is served (`record::Row::verify`).
fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredLink, StoreError>> {
    Ok(Row {
        id: row.get(0)?,
        workload: row.get(1)?,
        name: row.get(2)?,
        catalog_version: row.get(3)?,
        rules_version: row.get(4)?,
        findings: row.get(5)?,
        summary: row.get(6)?,
        created_at: row.get(7)?,
    }
    .verify())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

    use std::path::PathBuf;

    use super::*;
    use crate::links::contract::{self, Harness};

    /// A SQLite database in a fresh directory.
    struct Sqlite(PathBuf);

    fn harness(name: &str) -> Sqlite {
        let dir = std::env::temp_dir().join(format!("storewise-sqlite-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Sqlite(dir.join("links.db"))
    }

    impl Harness for Sqlite {
        fn open(&self) -> Box<dyn LinkStore> {
            Box::new(SqliteStore::open(&self.0).unwrap())
        }
        fn execute(&self, sql: &str) -> Result<(), String> {
            Connection::open(&self.0).unwrap().execute_batch(sql).map_err(|e| e.to_string())
        }
        fn tamper(&self, sql: &str) {
            Connection::open(&self.0).unwrap().execute_batch(&format!("DROP TRIGGER links_immutable; {sql}")).unwrap();
            SqliteStore::open(&self.0).unwrap(); // puts the trigger back
        }
    }

    contract::contract_tests!(harness);

    #[test]
    fn the_file_passes_its_integrity_check_and_counts_its_links() {
        let h = harness("integrity");
        let store = SqliteStore::open(&h.0).unwrap();
        store.put(contract::new_link("a: 1")).unwrap();
        store.put(contract::new_link("b: 2")).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        assert_eq!(store.count().unwrap(), 2);
    }
}

//! The PostgreSQL link store, for several replicas behind a load balancer: a pool of
//! connections (deadpool-postgres over tokio-postgres), the schema created or migrated at start
//! under an advisory lock, triggers that refuse to update, delete or truncate a record, and a
//! link acknowledged only after its transaction commits with `synchronous_commit = on`.

use std::{str::FromStr, time::Duration};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

use super::{
    LinkId, LinkStore, NewLink, StoreError, StoredLink,
    record::{self, COLUMNS, Row},
};

/// The schema, one migration per version; `storewise_schema` records the versions applied.
const MIGRATIONS: &[&str] = &["
CREATE TABLE links (
    id              text PRIMARY KEY,
    workload        text NOT NULL,
    name            text NOT NULL,
    catalog_version text NOT NULL,
    rules_version   text NOT NULL,
    findings        text NOT NULL,
    summary         text NOT NULL,
    created_at      text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
);
CREATE FUNCTION storewise_links_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'share links are immutable';
    END IF;
    RAISE EXCEPTION 'share links are permanent';
END
$$;
CREATE TRIGGER links_immutable BEFORE UPDATE ON links FOR EACH ROW EXECUTE FUNCTION storewise_links_refuse();
CREATE TRIGGER links_permanent BEFORE DELETE ON links FOR EACH ROW EXECUTE FUNCTION storewise_links_refuse();
CREATE TRIGGER links_not_truncated BEFORE TRUNCATE ON links FOR EACH STATEMENT EXECUTE FUNCTION storewise_links_refuse();
"];

/// The advisory lock replicas starting together take to migrate one at a time ("storewis").
const MIGRATION_LOCK: i64 = 0x7374_6f72_6577_6973;
/// Connections per replica.
const POOL_SIZE: usize = 16;
/// How long to wait for a connection: to open one, or for one to come free.
const WAIT: Duration = Duration::from_secs(5);

/// A PostgreSQL failure.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PostgresError {
    /// The server or the connection failed (or the URL does not parse).
    #[error(transparent)]
    Client(#[from] tokio_postgres::Error),
    /// No connection could be had in time.
    #[error(transparent)]
    Pool(#[from] deadpool_postgres::PoolError),
    /// The pool could not be set up.
    #[error(transparent)]
    Build(#[from] deadpool_postgres::BuildError),
    /// The database was migrated by a newer storewise.
    #[error("the schema is at version {found}, newer than this storewise knows ({known}): upgrade storewise")]
    NewerSchema {
        /// The version in the database.
        found: i32,
        /// The newest this build knows.
        known: i32,
    },
    /// The runtime that drives the connections has stopped (the server is shutting down).
    #[error("the connection pool has stopped")]
    Stopped,
}

impl PostgresError {
    /// Whether the database could not be reached (refused, closed, or no connection in time), as
    /// opposed to a statement it answered with an error: the caller may try again shortly.
    pub(crate) fn is_unavailable(&self) -> bool {
        match self {
            PostgresError::Pool(deadpool_postgres::PoolError::Backend(e)) | PostgresError::Client(e) => {
                e.as_db_error().is_none()
            }
            PostgresError::Pool(deadpool_postgres::PoolError::Timeout(_) | deadpool_postgres::PoolError::Closed)
            | PostgresError::Stopped => true,
            PostgresError::Pool(_) | PostgresError::Build(_) | PostgresError::NewerSchema { .. } => false,
        }
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Postgres(e.into())
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        StoreError::Postgres(e.into())
    }
}

/// Links in a PostgreSQL database, shared by every replica that points at it.
pub(crate) struct PostgresStore {
    pool: Pool,
    /// The runtime the pool's connections run on; `put` and `get` hand their work to it.
    runtime: tokio::runtime::Handle,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`, without TLS) and
    /// creates or migrates the schema. Run on the multi-threaded runtime that is to drive the
    /// connections; `put` and `get` are then called from blocking threads (`spawn_blocking`).
    pub(crate) async fn connect(url: &str) -> Result<Self, StoreError> {
        let mut config = tokio_postgres::Config::from_str(url)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(WAIT);
        }
        config.application_name("storewise");
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(WAIT))
            .create_timeout(Some(WAIT))
            .recycle_timeout(Some(WAIT))
            .build()
            .map_err(|e| StoreError::Postgres(e.into()))?;
        migrate(&pool).await?;
        Ok(PostgresStore { pool, runtime: tokio::runtime::Handle::current() })
    }

    /// How many links are stored.
    pub(crate) async fn count(&self) -> Result<i64, StoreError> {
        let client = self.pool.get().await?;
        Ok(client.query_one("SELECT count(*) FROM links", &[]).await?.try_get(0)?)
    }

    /// Runs `work` on the pool's runtime and waits for it (from a thread that may block).
    fn run<T: Send + 'static>(
        &self,
        work: impl Future<Output = Result<T, StoreError>> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (done, result) = std::sync::mpsc::sync_channel(1);
        self.runtime.spawn(async move {
            // the caller is gone only if its thread died; nothing to tell then
            let _ = done.send(work.await);
        });
        result.recv().map_err(|_| StoreError::Postgres(PostgresError::Stopped))?
    }
}

/// Applies the migrations the database lacks, one replica at a time.
async fn migrate(pool: &Pool) -> Result<(), StoreError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS storewise_schema (version integer PRIMARY KEY)").await?;
    let found: i32 = tx.query_one("SELECT coalesce(max(version), 0) FROM storewise_schema", &[]).await?.try_get(0)?;
    let known = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
    if found > known {
        return Err(StoreError::Postgres(PostgresError::NewerSchema { found, known }));
    }
    for (version, migration) in (1..).zip(MIGRATIONS).skip(usize::try_from(found).unwrap_or(0)) {
        tx.batch_execute(migration).await?;
        tx.execute("INSERT INTO storewise_schema (version) VALUES ($1)", &[&version]).await?;
        tracing::info!(version, "link database migrated");
    }
    tx.commit().await?;
    Ok(())
}

fn row(row: &tokio_postgres::Row) -> Result<StoredLink, StoreError> {
    Row {
        id: row.try_get(0)?,
        workload: row.try_get(1)?,
        name: row.try_get(2)?,
        catalog_version: row.try_get(3)?,
        rules_version: row.try_get(4)?,
        findings: row.try_get(5)?,
        summary: row.try_get(6)?,
        created_at: row.try_get(7)?,
    }
    .verify()
}

impl LinkStore for PostgresStore {
    fn put(&self, link: NewLink) -> Result<(StoredLink, bool), StoreError> {
        let pool = self.pool.clone();
        self.run(async move {
            let (findings, summary) = record::json_columns(&link);
            let mut client = pool.get().await?;
            let tx = client.transaction().await?;
            // whatever the server's default, the commit returns only once the record is durable
            tx.batch_execute("SET LOCAL synchronous_commit = on").await?;
            let insert = tx
                .prepare_cached(
                    "INSERT INTO links (id, workload, name, catalog_version, rules_version, findings, summary)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
                )
                .await?;
            let inserted = tx
                .execute(
                    &insert,
                    &[
                        &link.id.as_str(),
                        &link.shared.workload,
                        &link.name,
                        &link.shared.made_with.catalog,
                        &link.shared.made_with.rules,
                        &findings,
                        &summary,
                    ],
                )
                .await?;
            // a new statement, a new snapshot: it sees a row another replica committed meanwhile
            let select = tx.prepare_cached(&format!("SELECT {COLUMNS} FROM links WHERE id = $1")).await?;
            let stored = tx.query_one(&select, &[&link.id.as_str()]).await?;
            tx.commit().await?;
            Ok((row(&stored)?, inserted == 1))
        })
    }

    fn get(&self, id: &LinkId) -> Result<Option<StoredLink>, StoreError> {
        let (pool, id) = (self.pool.clone(), id.clone());
        self.run(async move {
            let client = pool.get().await?;
            let select = client.prepare_cached(&format!("SELECT {COLUMNS} FROM links WHERE id = $1")).await?;
            client.query_opt(&select, &[&id.as_str()]).await?.as_ref().map(row).transpose()
        })
    }
}

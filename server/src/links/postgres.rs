//! The PostgreSQL link store, for several replicas behind a load balancer: a pool of
//! connections (deadpool-postgres over tokio-postgres), the schema created or migrated at start
//! under an advisory lock, triggers that refuse to update, delete or truncate a record, and a
//! link acknowledged only after its transaction commits with `synchronous_commit = on`. TLS
//! (rustls) when the URL's `sslmode` asks for it, with the server's certificate verified.

use std::{path::Path, str::FromStr, sync::Arc, time::Duration};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use rustls::pki_types::{CertificateDer, pem::PemObject};
use tokio_postgres::config::SslMode;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::{
    LinkId, LinkStore, NewLink, StoreError, StoredLink,
    record::{self, COLUMNS, Row},
};

/// The certificates a TLS connection trusts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Roots {
    /// Mozilla's root certificates (webpki-roots): the public CAs managed services use.
    Mozilla,
    /// The PEM file `sslrootcert` names (a private CA, such as a cloud provider's).
    File(String),
}

/// Takes libpq's TLS settings out of a connection string (a URL's query or `key=value` words),
/// since tokio-postgres knows neither `sslrootcert` nor `verify-ca`/`verify-full`: the string
/// left, and the roots to trust when TLS is asked for. `sslmode` `require`, `verify-ca` and
/// `verify-full` mean TLS with the certificate and host name verified (storewise never
/// encrypts without verifying, so `require` is as strict as `verify-full`); none, `disable`,
/// `allow` and `prefer` mean no TLS, as before. `sslrootcert=system` is Mozilla's roots.
fn tls_settings(url: &str) -> Result<(String, Option<Roots>), String> {
    let is_url = url.starts_with("postgres://") || url.starts_with("postgresql://");
    let (head, params, sep): (&str, Vec<&str>, &str) = if is_url {
        match url.split_once('?') {
            Some((head, query)) => (head, query.split('&').filter(|p| !p.is_empty()).collect(), "&"),
            None => (url, Vec::new(), "&"),
        }
    } else {
        ("", url.split_whitespace().collect(), " ")
    };
    let (mut mode, mut root, mut kept) = (None, None, Vec::new());
    for param in params {
        match param.split_once('=') {
            Some(("sslmode", v)) => mode = Some(decode(v)),
            Some(("sslrootcert", v)) => root = Some(decode(v)),
            _ => kept.push(param),
        }
    }
    let tls = match mode.as_deref() {
        None | Some("disable" | "allow" | "prefer") => false,
        Some("require" | "verify-ca" | "verify-full") => true,
        Some(other) => {
            return Err(format!(
                "sslmode `{other}` is not one of disable, allow, prefer, require, verify-ca, verify-full"
            ));
        }
    };
    let roots = match root.as_deref() {
        None | Some("system") => Roots::Mozilla,
        Some(path) => Roots::File(path.to_string()),
    };
    let rest = kept.join(sep);
    let url = match (is_url, rest.is_empty()) {
        (true, false) => format!("{head}?{rest}"),
        (true, true) => head.to_string(),
        (false, _) => rest,
    };
    Ok((url, tls.then_some(roots)))
}

/// A URL query value with its `%XX` escapes decoded (a path in `sslrootcert`).
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// rustls' client settings (ring, safe protocol versions, no client certificate) trusting `roots`.
fn client_config(roots: Roots) -> Result<rustls::ClientConfig, String> {
    let mut store = rustls::RootCertStore::empty();
    match roots {
        Roots::Mozilla => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        Roots::File(path) => {
            let certs = CertificateDer::pem_file_iter(Path::new(&path))
                .and_then(Iterator::collect::<Result<Vec<_>, _>>)
                .map_err(|e| format!("sslrootcert {path}: {e}"))?;
            let (added, _) = store.add_parsable_certificates(certs);
            if added == 0 {
                return Err(format!("sslrootcert {path}: no certificate in the file"));
            }
        }
    }
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map(|b| b.with_root_certificates(store).with_no_client_auth())
        .map_err(|e| format!("TLS settings: {e}"))
}

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
    #[error("{}", with_causes(.0, Some(.0)))]
    Client(tokio_postgres::Error),
    /// No connection could be had in time, or one could not be opened.
    #[error("{}", with_causes(.0, match .0 { deadpool_postgres::PoolError::Backend(e) => Some(e), _ => None }))]
    Pool(deadpool_postgres::PoolError),
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
    /// The URL's TLS settings cannot be used (an unknown `sslmode`, an unreadable `sslrootcert`).
    #[error("{0}")]
    Tls(String),
}

impl From<tokio_postgres::Error> for PostgresError {
    fn from(e: tokio_postgres::Error) -> Self {
        PostgresError::Client(e)
    }
}

impl From<deadpool_postgres::PoolError> for PostgresError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        PostgresError::Pool(e)
    }
}

/// `top`'s message, then the causes kept in `client`'s sources, as one line: tokio-postgres
/// keeps why a connection failed (a certificate refused, a connection reset) in its source,
/// which its own message and deadpool's leave out. (So these variants have no `source`: the
/// causes are in the message already.)
fn with_causes(top: &dyn std::fmt::Display, client: Option<&tokio_postgres::Error>) -> String {
    let mut text = top.to_string();
    let causes = std::iter::successors(client.and_then(std::error::Error::source), |e| e.source());
    for cause in causes {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
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
            PostgresError::Pool(_)
            | PostgresError::Build(_)
            | PostgresError::NewerSchema { .. }
            | PostgresError::Tls(_) => false,
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
    /// Connects to `url` (`postgres://user:password@host:port/database`, with libpq's `sslmode`
    /// and `sslrootcert` understood: see [`tls_settings`]) and creates or migrates the schema. Run
    /// on the multi-threaded runtime that is to drive the connections; `put` and `get` are then
    /// called from blocking threads (`spawn_blocking`).
    pub(crate) async fn connect(url: &str) -> Result<Self, StoreError> {
        let (url, tls) = tls_settings(url).map_err(|e| StoreError::Postgres(PostgresError::Tls(e)))?;
        let mut config = tokio_postgres::Config::from_str(&url)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(WAIT);
        }
        config.application_name("storewise");
        config.ssl_mode(if tls.is_some() { SslMode::Require } else { SslMode::Disable });
        // without TLS asked for, the connector is never used (`SslMode::Disable`)
        let connector = MakeRustlsConnect::new(
            client_config(tls.unwrap_or(Roots::Mozilla)).map_err(|e| StoreError::Postgres(PostgresError::Tls(e)))?,
        );
        let manager =
            Manager::from_config(config, connector, ManagerConfig { recycling_method: RecyclingMethod::Fast });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15: libpq's TLS settings are taken out of URLs and `key=value` strings alike.
    #[test]
    fn tls_settings_read_libpq_words() {
        let plain = "postgres://u@h:5432/db";
        assert_eq!(tls_settings(plain), Ok((plain.to_string(), None)));
        assert_eq!(
            tls_settings("postgres://u@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=3"),
            Ok(("postgres://u@h/db?connect_timeout=3".to_string(), Some(Roots::File("/etc/ca.pem".into()))))
        );
        assert_eq!(
            tls_settings("postgres://u@h/db?sslmode=require"),
            Ok(("postgres://u@h/db".into(), Some(Roots::Mozilla)))
        );
        assert_eq!(tls_settings("postgres://u@h/db?sslmode=prefer"), Ok(("postgres://u@h/db".into(), None)));
        assert_eq!(
            tls_settings("host=h user=u sslmode=verify-ca sslrootcert=system"),
            Ok(("host=h user=u".into(), Some(Roots::Mozilla)))
        );
        let wrong = tls_settings("postgres://u@h/db?sslmode=always").unwrap_err();
        assert!(wrong.contains("sslmode `always`"), "{wrong}");
    }

    #[test]
    fn an_unreadable_root_file_is_named() {
        let e = client_config(Roots::File("/nonexistent/ca.pem".into())).unwrap_err();
        assert!(e.starts_with("sslrootcert /nonexistent/ca.pem: "), "{e}");
        assert!(client_config(Roots::Mozilla).is_ok());
    }
}

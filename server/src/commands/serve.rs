//! `storewise serve`: the web app and the API on one address, with structured logs, the
//! connection caps and timeouts of `web::serve`, and a graceful shutdown that lets requests in
//! flight finish.

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use anyhow::{Context, Result, bail};
use tracing_subscriber::EnvFilter;

use crate::{
    OK,
    cli::{Global, ServeArgs},
    input,
    links::{LinkStore, PostgresStore, SqliteStore},
    web::{self, AppState},
};

/// `$XDG_DATA_HOME/storewise/links.db`, else `~/.local/share/storewise/links.db`, else
/// `storewise-links.db` here; the directory is created.
fn default_db() -> Result<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".local/share")));
    let Some(data) = data else {
        return Ok(PathBuf::from("storewise-links.db"));
    };
    let dir = data.join("storewise");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir.join("links.db"))
}

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The URL without its password (in the user part or as a `password=` parameter), for messages
/// and logs.
fn redacted(url: &str) -> String {
    let (url, query) = url.split_once('?').map_or((url, None), |(u, q)| (u, Some(q)));
    let mut shown = match url.split_once("://").and_then(|(scheme, rest)| Some((scheme, rest.rsplit_once('@')?))) {
        Some((scheme, (user, host))) => {
            format!("{scheme}://{}@{host}", user.split_once(':').map_or(user, |(name, _)| name))
        }
        None => url.to_string(),
    };
    if let Some(query) = query {
        let kept: Vec<&str> = query.split('&').filter(|p| !p.to_ascii_lowercase().starts_with("password=")).collect();
        if !kept.is_empty() {
            shown.push('?');
            shown.push_str(&kept.join("&"));
        }
    }
    shown
}

/// The shared PostgreSQL store (several replicas), its schema created or migrated.
async fn postgres(url: &str) -> Result<Arc<dyn LinkStore>> {
    let shown = redacted(url);
    let links = PostgresStore::connect(url).await.with_context(|| format!("cannot open the link database {shown}"))?;
    let count = links.count().await.with_context(|| format!("cannot read {shown}"))?;
    tracing::info!(db = %shown, links = count, "share links are stored in PostgreSQL");
    Ok(Arc::new(links))
}

/// The SQLite store (one server) at `db` or the default path, its integrity checked.
fn sqlite(db: Option<PathBuf>) -> Result<Arc<dyn LinkStore>> {
    let db = match db {
        Some(path) => path,
        None => default_db()?,
    };
    let links = SqliteStore::open(&db).with_context(|| format!("cannot open the link database {}", db.display()))?;
    let integrity = links.integrity_check().with_context(|| format!("cannot check {}", db.display()))?;
    if integrity != "ok" {
        bail!(
            "the link database {} is damaged (PRAGMA integrity_check: {integrity}); restore it from a backup",
            db.display()
        );
    }
    tracing::info!(db = %db.display(), links = links.count()?, integrity = %integrity, "share links are stored in SQLite");
    Ok(Arc::new(links))
}

pub(crate) fn run(global: &Global, args: &ServeArgs) -> Result<u8> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")))
        .with_target(false)
        // logs go to standard output: coloured only on a terminal that takes colour (never into a file)
        .with_ansi(input::color(global, false))
        .init();
    let catalog = input::catalog(global)?;
    let dist = match &args.dist {
        Some(dir) => Some(dir.clone()),
        None => Some(PathBuf::from("dist")).filter(|d| d.join("index.html").is_file()),
    };
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
    let links = match args.db.as_deref().and_then(std::path::Path::to_str).filter(|db| is_postgres(db)) {
        Some(url) => runtime.block_on(postgres(url))?,
        None => sqlite(args.db.clone())?,
    };
    let state = AppState::new(catalog, dist, links)?
        .with_share_rate(args.share_rate)
        .with_trusted_proxies(&args.trusted_proxies)
        .with_embedded_app();
    if state.embedded {
        tracing::info!("serving the web app embedded in this binary");
    } else if state.dist.is_none() {
        tracing::warn!(
            "no built web app (no dist/index.html here, none embedded): serving the API only; ./scripts/run.sh builds \
             one and a binary built with `--features embed-app` carries it"
        );
    }
    let defaults = web::ConnLimits::default();
    let limits = web::ConnLimits {
        max_connections: args.max_connections.unwrap_or(defaults.max_connections).max(1),
        max_per_client: args.max_connections_per_client.unwrap_or(defaults.max_per_client).max(1),
        proxies: args.trusted_proxies.clone(),
        ..defaults
    };
    runtime.block_on(serve(args.addr, state, limits))?;
    Ok(OK)
}

async fn serve(addr: SocketAddr, state: AppState, limits: web::ConnLimits) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    tracing::info!(catalog = %state.catalog.version, rules = engine::RULES_VERSION, "storewise is serving on http://{local}/");
    tracing::info!(
        max_connections = limits.max_connections,
        max_per_client = limits.max_per_client,
        header_timeout_s = limits.header_timeout.as_secs_f64(),
        body_timeout_s = limits.body_timeout.as_secs_f64(),
        "connection limits"
    );
    println!("storewise: open http://{local}/");
    web::serve(listener, web::app(state), limits, shutdown()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_postgres_urls_are_told_from_paths_and_shown_without_password() {
        assert!(is_postgres("postgres://u@h/db") && is_postgres("postgresql://h/db"));
        assert!(!is_postgres("links.db") && !is_postgres("/var/lib/postgres/links.db"));
        assert_eq!(redacted("postgres://app:s3cret@db:5432/links"), "postgres://app@db:5432/links");
        assert_eq!(redacted("postgres://app@db/links"), "postgres://app@db/links");
        assert_eq!(redacted("postgresql://db/links"), "postgresql://db/links");
        assert_eq!(
            redacted("postgres://db/links?user=app&password=s3cret&sslmode=disable"),
            "postgres://db/links?user=app&sslmode=disable"
        );
        assert_eq!(redacted("postgres://app:x@db/links?PASSWORD=y"), "postgres://app@db/links");
    }
}

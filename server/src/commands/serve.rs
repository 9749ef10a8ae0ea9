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
    links::SqliteStore,
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

pub(crate) fn run(global: &Global, args: &ServeArgs) -> Result<u8> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")))
        .with_target(false)
        .init();
    let catalog = input::catalog(global)?;
    let dist = match &args.dist {
        Some(dir) => Some(dir.clone()),
        None => Some(PathBuf::from("dist")).filter(|d| d.join("index.html").is_file()),
    };
    if dist.is_none() {
        tracing::warn!("no built web app (dist/index.html): serving the API only; ./scripts/run.sh builds it");
    }
    let db = match &args.db {
        Some(path) => path.clone(),
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
    let state = AppState::new(catalog, dist, Arc::new(links))?
        .with_share_rate(args.share_rate)
        .with_trusted_proxies(&args.trusted_proxies);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
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

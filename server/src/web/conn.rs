//! Accepting connections: a cap on open connections overall and per client address (the
//! excess is closed at once, before the process runs out of file descriptors), timeouts for
//! slow and idle clients, and a graceful shutdown that lets requests in flight finish.

use std::{
    collections::HashMap,
    future::Future,
    net::{IpAddr, SocketAddr},
    pin::pin,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use axum::{Router, body::Body, extract::ConnectInfo};
use hyper::{body::Incoming, server::conn::http1};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    service::TowerToHyperService,
};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::TcpListener,
    sync::watch,
};
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// How long clients may take and how many connections they may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConnLimits {
    /// Longest a connection may go without sending a complete request head, counted from when it
    /// is accepted and again from the end of each response — so it is also the keep-alive idle
    /// timeout (hyper starts its header timer as soon as a connection goes idle).
    pub(crate) header_timeout: Duration,
    /// Longest a request body may go without sending any data; the request is then answered
    /// 408 and its connection closed, freeing its slot.
    pub(crate) body_timeout: Duration,
    /// Connections open at once, overall.
    pub(crate) max_connections: usize,
    /// Connections open at once from one client address.
    pub(crate) max_per_client: usize,
    /// Addresses the per-client cap does not apply to: trusted proxies, each carrying many
    /// clients (the overall cap still does).
    pub(crate) proxies: Vec<IpAddr>,
}

/// File descriptors kept back from connections (the link database, static files being sent,
/// the runtime's own).
const RESERVED_FDS: usize = 256;

impl Default for ConnLimits {
    /// 10 s for a request head (and idle keep-alive), 5 s of silence in a body; at most 10,000
    /// connections, fewer when the process's open-file limit is lower (each connection may
    /// hold a static file open too), and 256 per client address.
    fn default() -> Self {
        let by_files = open_file_limit().map_or(10_000, |n| n.saturating_sub(RESERVED_FDS) / 2);
        ConnLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(5),
            max_connections: by_files.clamp(16, 10_000),
            max_per_client: 256,
            proxies: Vec::new(),
        }
    }
}

/// The soft limit on open files (`/proc/self/limits`, Linux), if known.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.trim_start_matches("Max open files").split_whitespace().next()?.parse().ok()
}

/// Counts open connections, overall and per client address.
#[derive(Debug)]
struct Admission {
    limits: ConnLimits,
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// One admitted connection; its slot frees when it is dropped.
struct Slot {
    admission: Arc<Admission>,
    client: IpAddr,
}

impl Admission {
    fn admit(self: &Arc<Self>, client: IpAddr) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let (total, by_client) = &mut *open;
        let mine = by_client.get(&client).copied().unwrap_or(0);
        let capped = mine >= self.limits.max_per_client && !self.limits.proxies.contains(&client);
        if *total >= self.limits.max_connections || capped {
            return None;
        }
        *total += 1;
        by_client.insert(client, mine + 1);
        Some(Slot { admission: Arc::clone(self), client })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.admission.open.lock().unwrap_or_else(PoisonError::into_inner);
        let (total, by_client) = &mut *open;
        *total = total.saturating_sub(1);
        if let Some(n) = by_client.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                by_client.remove(&self.client);
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting, lets every
/// connection finish its request in flight, and returns.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let timeouts = Timeouts { header: limits.header_timeout, body: limits.body_timeout };
    let admission = Arc::new(Admission { limits, open: Mutex::new((0, HashMap::new())) });
    let (stop, stopped) = watch::channel(false);
    // every connection task holds a receiver; `closed()` resolves when the last one ends
    let (done, done_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    let mut refused: u64 = 0;
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // out of descriptors or memory: wait a little instead of spinning
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset
                    ) {
                        tracing::warn!(error = %e, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = admission.admit(peer.ip()) else {
            // closed at once: the client sees the connection end, the server keeps its files
            drop(stream);
            refused += 1;
            if refused.is_power_of_two() {
                tracing::warn!(client = %peer.ip(), refused, "connection limit reached: closing new connections");
            }
            continue;
        };
        tokio::spawn(connection(stream, peer, slot, app.clone(), timeouts, stopped.clone(), done_rx.clone()));
    }
    drop(listener);
    drop(done_rx);
    let _ = stop.send(true);
    done.closed().await;
}

/// Serves one already-open byte stream from `peer` exactly as [`serve`] serves an accepted
/// socket (admission, header and body timeouts, the client's address for the handlers) until
/// the stream ends: how the fuzz target (`storewise::fuzzing`) reaches the server.
#[cfg(feature = "fuzzing")]
pub(crate) async fn serve_stream(
    stream: impl AsyncRead + AsyncWrite + Unpin + Send + 'static,
    peer: SocketAddr,
    app: Router,
    limits: ConnLimits,
) {
    let timeouts = Timeouts { header: limits.header_timeout, body: limits.body_timeout };
    let admission = Arc::new(Admission { limits, open: Mutex::new((0, HashMap::new())) });
    let Some(slot) = admission.admit(peer.ip()) else { return };
    let (_stop, stopped) = watch::channel(false);
    let (_done, done_rx) = watch::channel(());
    connection(stream, peer, slot, app, timeouts, stopped, done_rx).await;
}

/// The timeouts of one connection.
#[derive(Debug, Clone, Copy)]
struct Timeouts {
    header: Duration,
    body: Duration,
}

/// Serves one connection with the header and body timeouts; on shutdown, finishes the request
/// in flight and closes.
async fn connection(
    stream: impl AsyncRead + AsyncWrite + Unpin + Send + 'static,
    peer: SocketAddr,
    slot: Slot,
    app: Router,
    timeouts: Timeouts,
    mut stop: watch::Receiver<bool>,
    done: watch::Receiver<()>,
) {
    let body_timeout = timeouts.body;
    let service = app.map_request(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request.map(|body| Body::new(TimeoutBody::new(body_timeout, body)))
    });
    let mut builder = http1::Builder::new();
    // half_close: a client that shuts its sending side after its request (`printf … | nc -N`)
    // still gets the answer; without it, hyper closed such a connection before a slow handler
    // (an analysis) had answered. Idle and slow clients stay bounded by the timeouts.
    builder.timer(TokioTimer::new()).header_read_timeout(timeouts.header).half_close(true);
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
    // the guard `wait_for` returns is not `Send`: drop it inside
    let stopping = async move {
        let _ = stop.wait_for(|stop| *stop).await;
    };
    tokio::select! {
        result = conn.as_mut() => {
            if let Err(e) = result {
                tracing::debug!(client = %peer, error = %e, "connection ended");
            }
        }
        () = stopping => {
            conn.as_mut().graceful_shutdown();
            if let Err(e) = conn.await {
                tracing::debug!(client = %peer, error = %e, "connection ended during shutdown");
            }
        }
    }
    drop(slot);
    drop(done);
}

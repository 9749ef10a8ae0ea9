//! The HTTP server driven in memory, for the fuzz target `fuzz/fuzz_targets/http.rs` (issue 18):
//! request bytes in — through hyper's HTTP/1 parser, the connection's limits and timeouts, the
//! router, its layers and every handler, as `storewise serve` runs them on a socket — and the
//! statuses answered out.

use std::{
    net::{Ipv4Addr, SocketAddr},
    sync::{Arc, OnceLock},
    time::Duration,
};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::{
    links::SqliteStore,
    web::{self, AppState, ConnLimits},
};

/// Longest one exchange may take: past the server's own request time limit (10 s), so an
/// input that hangs the server is seen as a hang (libFuzzer's `-timeout`), not cut short here.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(30);

/// One server for the whole run: a runtime and the router over the embedded catalog and a
/// SQLite link store in a directory of this process's own under the temp directory.
struct Server {
    runtime: tokio::runtime::Runtime,
    app: axum::Router,
}

fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().ok()?;
            let dir = std::env::temp_dir().join(format!("storewise-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&dir).ok()?;
            let links = SqliteStore::open(&dir.join("links.db")).ok()?;
            let catalog = catalog::Catalog::embedded().ok()?.clone();
            let state = AppState::new(catalog, None, Arc::new(links)).ok()?;
            Some(Server { runtime, app: web::app(state) })
        })
        .as_ref()
}

/// Writes `request` to the server as one client connection would (then closes its sending
/// side) and returns the status of every response it read back, in order: none when the bytes
/// hold no request head the server answers. `None` when the server could not be set up.
///
/// Responses are read one after another as a client reads them: the status line, the head,
/// then a body of `content-length` bytes or in chunks; a response with neither runs to the end
/// of the stream. Reading stops at bytes that are not a response.
pub fn http(request: &[u8]) -> Option<Vec<u16>> {
    let server = server()?;
    let app = server.app.clone();
    let request = request.to_vec();
    let answer = server.runtime.block_on(async move {
        let (mut client, stream) = tokio::io::duplex(64 * 1024);
        let limits = ConnLimits {
            header_timeout: Duration::from_secs(2),
            body_timeout: Duration::from_secs(2),
            ..ConnLimits::default()
        };
        let peer = SocketAddr::from((Ipv4Addr::LOCALHOST, 40_000));
        let served = tokio::spawn(web::serve_stream(stream, peer, app, limits));
        let (mut read, mut write) = tokio::io::split(&mut client);
        let send = async move {
            let _ = write.write_all(&request).await;
            let _ = write.shutdown().await;
        };
        let mut answer = Vec::new();
        let receive = read.read_to_end(&mut answer);
        let _ = tokio::time::timeout(EXCHANGE_LIMIT, async { tokio::join!(send, receive) }).await;
        // Wait for the aborted connection to be dropped (its half of the stream with it) before
        // returning: an abort only asks, and a task still being torn down on a worker thread when
        // libFuzzer checks the input's allocations was reported as a leak of the stream's buffer
        // (CI, 2026-12-03: 401 bytes from `DuplexStream::poll_write`; it did not recur alone).
        served.abort();
        let _ = served.await;
        answer
    });
    Some(statuses(&answer))
}

/// The status of each response in `bytes` (see [`http`]).
fn statuses(bytes: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some((status, after)) = response(rest) {
        out.push(status);
        rest = after;
    }
    out
}

/// One response at the start of `bytes`: its status and what follows it.
fn response(bytes: &[u8]) -> Option<(u16, &[u8])> {
    let line = bytes.strip_prefix(b"HTTP/1.1 ")?;
    let status = std::str::from_utf8(line.get(..3)?).ok()?.parse().ok()?;
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(bytes.get(..end)?).to_ascii_lowercase();
    let body = bytes.get(end..)?;
    let header = |name: &str| {
        head.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')).map(|v| v.trim().to_string()))
    };
    if let Some(length) = header("content-length") {
        return Some((status, body.get(length.parse::<usize>().ok()?..)?));
    }
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        let mut rest = body;
        loop {
            let eol = rest.windows(2).position(|w| w == b"\r\n")?;
            let size = std::str::from_utf8(rest.get(..eol)?).ok()?.split(';').next()?.trim().to_string();
            let size = usize::from_str_radix(&size, 16).ok()?;
            rest = rest.get(eol + 2..)?;
            if size == 0 {
                // no trailers: the blank line that ends the body
                return Some((status, rest.strip_prefix(b"\r\n").unwrap_or(rest)));
            }
            rest = rest.get(size..)?.strip_prefix(b"\r\n")?;
        }
    }
    Some((status, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_where_responses_start() {
        let two = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(statuses(two), vec![200, 404]);
        let chunked =
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 408 x\r\n\r\nrest";
        assert_eq!(statuses(chunked), vec![200, 408]);
        assert!(statuses(b"").is_empty());
        assert!(statuses(b"not a response").is_empty());
    }

    /// Issue 18: the fuzz target's way in answers like the server: a health check, an
    /// analysis, an unknown API path as JSON 404, and nothing for bytes that are no request.
    #[test]
    fn requests_reach_the_router_in_memory() {
        assert_eq!(http(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), Some(vec![200]));
        let s1 = include_str!("../../examples/s1-logistics.yaml");
        let post = format!(
            "POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: {}\r\n\r\n{s1}",
            s1.len()
        );
        assert_eq!(http(post.as_bytes()), Some(vec![200]));
        assert_eq!(http(b"GET /api/nope HTTP/1.1\r\nHost: x\r\n\r\n"), Some(vec![404]));
        let two = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nope HTTP/1.1\r\nHost: x\r\n\r\n";
        assert_eq!(http(two), Some(vec![200, 404]));
        assert_eq!(http(b"\x89PNG\r\n\x1a\n"), Some(vec![400]));
    }
}

//! Slow, idle and too many clients on a real socket (issue 18): the accept loop of `serve` with
//! short timeouts and small caps, driven by raw TCP clients.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpSocket, TcpStream},
};

use super::{ConnLimits, app, serve, tests::state};

/// Longest a test waits for the server before calling it a hang (far above every timeout set).
const GUARD: Duration = Duration::from_secs(5);

/// A server on a free loopback port; it stops when the sender is dropped.
async fn start(limits: ConnLimits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve(listener, app(state(None)), limits, async {
        let _ = stopped.await;
    }));
    (addr, stop)
}

fn limits() -> ConnLimits {
    ConnLimits {
        header_timeout: Duration::from_secs(10),
        body_timeout: Duration::from_secs(10),
        max_connections: 100,
        max_per_client: 100,
        proxies: Vec::new(),
    }
}

/// A connection from `from` (any 127.0.0.0/8 address) to `addr`.
async fn connect_from(from: [u8; 4], addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    socket.connect(addr).await.unwrap()
}

/// Reads until the server closes the connection: what it sent, and how long that took.
/// `None` if it is still open after `GUARD`.
async fn until_closed(stream: &mut TcpStream) -> Option<(String, Duration)> {
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(GUARD, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some((String::from_utf8_lossy(&got).into_owned(), start.elapsed())),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// Sends `GET /healthz` on `stream` and reads the response (keep-alive): its status.
async fn health(stream: &mut TcpStream) -> Option<u16> {
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n").await.ok()?;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("\"status\":\"ok\"") {
        let n = tokio::time::timeout(GUARD, stream.read(&mut buf)).await.ok()?.ok()?;
        if n == 0 {
            return None;
        }
        got.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&got).get(9..12)?.parse().ok()
}

/// Issue 18: a client that sends half a request head is disconnected once the header timeout
/// passes (before, it stayed connected for ever).
#[tokio::test]
async fn issue_18_a_half_sent_header_is_dropped_after_the_header_timeout() {
    let (addr, _stop) = start(ConnLimits { header_timeout: Duration::from_millis(300), ..limits() }).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: loc").await.unwrap();
    let (_, took) = until_closed(&mut stream).await.expect("the server closed the half-header connection");
    eprintln!("half-header connection closed after {took:?} (header timeout 300 ms)");
}

/// Issue 18: a kept-alive connection that sends nothing after its response is closed after the
/// header timeout, which hyper starts as soon as the connection goes idle.
#[tokio::test]
async fn issue_18_an_idle_keep_alive_connection_is_closed() {
    let (addr, _stop) = start(ConnLimits { header_timeout: Duration::from_millis(300), ..limits() }).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    assert_eq!(health(&mut stream).await, Some(200));
    let (_, took) = until_closed(&mut stream).await.expect("the server closed the idle connection");
    eprintln!("idle keep-alive connection closed after {took:?} (header timeout 300 ms)");
}

/// Issue 18: a body that stops arriving is answered 408 (JSON) once the body timeout passes and
/// its connection closed, well before the request's own time limit (10 s).
#[tokio::test]
async fn issue_18_a_stalled_body_frees_its_slot() {
    let (addr, _stop) = start(ConnLimits { body_timeout: Duration::from_millis(300), ..limits() }).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"POST /api/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nversion: 1")
        .await
        .unwrap();
    let (response, took) = until_closed(&mut stream).await.expect("the server answered the stalled body");
    eprintln!("stalled body answered and closed after {took:?} (body timeout 300 ms)");
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(response.contains("content-type: application/json"), "{response}");
    assert!(response.contains("\"code\":\"timeout\"") && response.contains("stalled"), "{response}");
}

/// Issue 18: past the per-client cap, a client's new connections are closed at once while
/// another address is still served; past the overall cap, everyone's are; when a connection
/// ends its slot frees and `/healthz` answers again.
#[tokio::test]
async fn issue_18_connection_caps_refuse_the_excess_cleanly() {
    let (addr, _stop) = start(ConnLimits { max_connections: 3, max_per_client: 2, ..limits() }).await;
    let mut first = connect_from([127, 0, 0, 1], addr).await;
    assert_eq!(health(&mut first).await, Some(200));
    let mut idle = connect_from([127, 0, 0, 1], addr).await;
    // the server counts `idle` once it has accepted it: the health check below proves that the
    // accept loop has moved on past it
    let mut other = connect_from([127, 0, 0, 2], addr).await;
    assert_eq!(health(&mut other).await, Some(200), "another address has its own share");

    let mut excess = connect_from([127, 0, 0, 1], addr).await;
    let (sent, took) = until_closed(&mut excess).await.expect("the excess connection was closed");
    assert_eq!(sent, "", "closed without an answer");
    eprintln!("connection over the per-client cap closed after {took:?}");
    let mut overall = connect_from([127, 0, 0, 3], addr).await;
    let (_, took) = until_closed(&mut overall).await.expect("the connection over the overall cap was closed");
    eprintln!("connection over the overall cap closed after {took:?}");

    let _ = idle.shutdown().await;
    drop(idle);
    let mut answered = None;
    for _ in 0..100 {
        let mut again = connect_from([127, 0, 0, 1], addr).await;
        answered = health(&mut again).await;
        if answered.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(answered, Some(200), "a freed slot serves /healthz again");
    assert_eq!(health(&mut first).await, Some(200), "admitted connections were never disturbed");
}

/// Issue 18: shutting down lets an admitted connection's request finish and then stops.
#[tokio::test]
async fn issue_18_shutdown_still_finishes_and_returns() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app(state(None)), limits(), async {
        let _ = stopped.await;
    }));
    let mut stream = TcpStream::connect(addr).await.unwrap();
    assert_eq!(health(&mut stream).await, Some(200));
    drop(stop);
    assert!(until_closed(&mut stream).await.is_some(), "the idle connection is closed on shutdown");
    tokio::time::timeout(GUARD, server).await.expect("serve returned").unwrap();
}

/// Issue 18: a trusted proxy carries many clients, so the per-client cap does not apply to it.
#[tokio::test]
async fn issue_18_a_trusted_proxy_is_not_capped_per_client() {
    let proxy = std::net::IpAddr::from([127, 0, 0, 4]);
    let (addr, _stop) = start(ConnLimits { max_per_client: 1, proxies: vec![proxy], ..limits() }).await;
    let mut first = connect_from([127, 0, 0, 4], addr).await;
    assert_eq!(health(&mut first).await, Some(200));
    let mut second = connect_from([127, 0, 0, 4], addr).await;
    assert_eq!(health(&mut second).await, Some(200), "a second connection from the proxy is served");
    let mut other = connect_from([127, 0, 0, 5], addr).await;
    assert_eq!(health(&mut other).await, Some(200));
    let mut excess = connect_from([127, 0, 0, 5], addr).await;
    assert!(until_closed(&mut excess).await.is_some_and(|(sent, _)| sent.is_empty()), "others are still capped");
}

/// Issue 18 (found while building the HTTP fuzz target): a client that shuts its sending side
/// once its request is written (`printf … | nc -N`) gets the analysis back; hyper used to close
/// such a connection before the analysis had answered.
#[tokio::test]
async fn issue_18_a_half_closed_client_still_gets_its_analysis() {
    let (addr, _stop) = start(limits()).await;
    let mut stream = connect_from([127, 0, 0, 1], addr).await;
    let s1 = include_str!("../../../examples/s1-logistics.yaml");
    let request = format!(
        "POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: {}\r\n\r\n{s1}",
        s1.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    stream.shutdown().await.unwrap();
    let (answer, _) = until_closed(&mut stream).await.expect("the server answers and closes");
    assert!(answer.starts_with("HTTP/1.1 200 "), "{}", answer.lines().next().unwrap_or_default());
    assert!(answer.contains("\"findings\""));
}

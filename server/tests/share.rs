//! `storewise share` and short links on a real server process: fragment links decode to the
//! file, short links are one per workload and survive a restart (issue 6), over http and
//! https (issue 15).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Server, root, storewise, temp_dir};

fn temp_db(name: &str) -> std::path::PathBuf {
    temp_dir(name).join("links.db")
}

#[test]
fn a_fragment_link_holds_the_file() {
    let (code, out, err) = storewise(&["share", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 0, "{err}");
    let url = out.trim();
    let fragment = url.strip_prefix("http://127.0.0.1:8080/#").expect(url);
    let shared = link::from_fragment(fragment).unwrap();
    assert_eq!(shared.workload, std::fs::read_to_string(root().join("examples/s1-logistics.yaml")).unwrap());
    assert_eq!(shared.made_with.rules, engine::RULES_VERSION);
    let (_, out, _) = storewise(&["share", "--base", "https://storewise.example/", "examples/s2-dual-write.yaml"]);
    assert!(out.starts_with("https://storewise.example/#w=1."), "{out}");
}

#[test]
fn share_refuses_invalid_files_and_overrides_it_cannot_carry() {
    let (code, _, err) = storewise(&["share", "--color", "never", "tests/invalid/01-typo-field-type.yaml"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `type`?"), "{err}");
    let overrides = temp_db("overrides").with_file_name("team.toml");
    std::fs::write(&overrides, "").unwrap();
    let (code, _, err) = storewise(&["share", "--catalog", overrides.to_str().unwrap(), "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("catalog_overrides"), "{err}");
}

#[test]
fn a_server_that_is_not_there_is_a_clear_error() {
    let (code, _, err) = storewise(&["share", "--server", "http://127.0.0.1:9", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot connect to 127.0.0.1:9"), "{err}");
    let (code, _, err) = storewise(&["share", "--server", "ftp://example.org", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("not an http:// or https:// URL"), "{err}");
}

/// Issue 15: a server that accepts the connection and never answers is a timeout, said so.
#[test]
fn issue_15_a_server_that_never_answers_times_out() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let held = std::thread::spawn(move || listener.accept().map(|(stream, _)| stream));
    let started = std::time::Instant::now();
    let (code, _, err) = storewise(&["share", "--server", &url, "--timeout", "1", "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("did not answer within 1 s"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
    drop(held.join());
}

/// Issue 15: a proxy that redirects http to https (as nginx is often set up) is named, not
/// followed: a POST must not turn into a GET elsewhere.
#[test]
fn issue_15_a_redirect_says_where_to() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answering = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = [0u8; 4096];
        let _ = stream.read(&mut head);
        stream
            .write_all(
                b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://storewise.example/api/share\r\n\
                  Content-Length: 0\r\nConnection: close\r\n\r\n",
            )
            .unwrap();
    });
    let (code, _, err) = storewise(&["share", "--server", &url, "examples/s1-logistics.yaml"]);
    answering.join().unwrap();
    assert_eq!(code, 2);
    assert!(err.contains("redirects (301 Moved Permanently) to https://storewise.example/api/share"), "{err}");
}

/// Issue 15: `--server https://…` through a TLS proxy in front of a real server, with a
/// self-signed certificate: refused until the certificate is passed with `--ca-cert`.
#[test]
fn issue_15_share_over_https() {
    let dir = temp_dir("https");
    let server = Server::start(&dir.join("links.db"), &[]);
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, certified.cert.pem()).unwrap();
    let proxy = tls::proxy(server.addr(), &certified);

    let (code, _, err) = storewise(&["share", "--server", &proxy, "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2, "an unknown issuer is refused");
    assert!(err.contains("the TLS connection to 127.0.0.1:") && err.contains("--ca-cert"), "{err}");

    let ca_arg = ca.to_str().unwrap();
    let (code, out, err) = storewise(&["share", "--server", &proxy, "--ca-cert", ca_arg, "examples/s1-logistics.yaml"]);
    assert_eq!(code, 0, "{err}");
    let link = out.trim();
    let path = link.strip_prefix(proxy.as_str()).expect(link);
    assert!(path.starts_with("/r/"), "{link}");
    let (status, body) = server.get(&format!("/api/share/{}", path.trim_start_matches("/r/")));
    assert_eq!(status, 200, "{body}");

    let not_pem = dir.join("not.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let (code, _, err) =
        storewise(&["share", "--server", &proxy, "--ca-cert", not_pem.to_str().unwrap(), "examples/s1-logistics.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no PEM certificate"), "{err}");
}

/// A TLS-terminating proxy (rustls) in front of a storewise server: one request per connection.
mod tls {
    use std::{
        io::{Read, Write},
        net::{TcpListener, TcpStream},
        sync::Arc,
    };

    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

    /// Listens on a free port and forwards to `backend`; its `https://` URL.
    pub(crate) fn proxy(backend: &str, certified: &rcgen::CertifiedKey<rcgen::KeyPair>) -> String {
        let chain = vec![CertificateDer::from(certified.cert.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let backend = backend.to_string();
        std::thread::spawn(move || {
            for tcp in listener.incoming().flatten() {
                let connection = rustls::ServerConnection::new(Arc::clone(&config)).unwrap();
                forward(rustls::StreamOwned::new(connection, tcp), &backend);
            }
        });
        url
    }

    fn forward(mut tls: rustls::StreamOwned<rustls::ServerConnection, TcpStream>, backend: &str) {
        let mut request = Vec::new();
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match tls.read(&mut buffer) {
                Ok(0) | Err(_) => return, // a refused handshake ends here
                Ok(n) => request.extend_from_slice(&buffer[..n]),
            }
            if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |n| n.trim().parse::<usize>().unwrap());
                if request.len() >= end + 4 + length {
                    break;
                }
            }
        }
        // one request per backend connection: ask the backend to close after answering
        let line_end = request.windows(2).position(|w| w == b"\r\n").unwrap();
        request.splice(line_end..line_end, b"\r\nConnection: close".iter().copied());
        let mut upstream = TcpStream::connect(backend).unwrap();
        upstream.write_all(&request).unwrap();
        let mut response = Vec::new();
        upstream.read_to_end(&mut response).unwrap();
        tls.write_all(&response).unwrap();
        tls.conn.send_close_notify();
        let _ = tls.flush();
    }
}

/// Issue 6: short links survive a restart (here, a kill), and one workload gets one id.
#[test]
fn short_links_survive_a_restart() {
    let db = temp_db("restart");
    let server = Server::start(&db, &[]);
    let (code, first, err) = storewise(&["share", "--server", &server.url, "examples/s6-ecommerce.yaml"]);
    assert_eq!(code, 0, "{err}");
    let first = first.trim().to_string();
    let (_, again, _) = storewise(&["share", "--server", &server.url, "examples/s6-ecommerce.yaml"]);
    assert_eq!(again.trim(), first, "the same workload shared twice gives one link");
    let id = first.rsplit('/').next().unwrap().to_string();
    assert!(id.len() * 5 >= 96, "{id}");
    let (status, before) = server.get(&format!("/api/share/{id}"));
    assert_eq!(status, 200, "{before}");
    drop(server);

    let server = Server::start(&db, &[]);
    let (status, after) = server.get(&format!("/api/share/{id}"));
    assert_eq!(status, 200, "{after}");
    assert_eq!(after, before, "the record, creation time included, is unchanged");
    let record: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        record["shared"]["workload"].as_str().unwrap(),
        std::fs::read_to_string(root().join("examples/s6-ecommerce.yaml")).unwrap()
    );
}

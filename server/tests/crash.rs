//! Crash safety (issue 7): the server is killed with SIGKILL while clients create share links;
//! after a restart every link whose creation was acknowledged resolves to its workload, and
//! the database passes `PRAGMA integrity_check`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use common::{Server, request, temp_dir};

const CLIENTS: usize = 4;

/// A distinct valid workload per client and sequence number.
fn workload(client: usize, n: usize) -> String {
    format!(
        "version: 1\nname: crash {client}-{n}\nstores:\n  - id: db-{client}-{n}\n    type: postgresql\n    role: source_of_truth\n"
    )
}

#[test]
fn acknowledged_links_survive_sigkill() {
    let db = temp_dir("crash").join("links.db");
    let server = Server::start(&db, &["--share-rate", "0"]);
    let addr = server.addr().to_string();
    let acknowledged: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (addr, acknowledged, stop) = (addr.clone(), Arc::clone(&acknowledged), Arc::clone(&stop));
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let text = workload(client, n);
                    match request(&addr, "POST", "/api/share", text.as_bytes()) {
                        Ok((201, body)) => {
                            let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                            acknowledged.lock().unwrap().push((v["id"].as_str().unwrap().to_string(), text));
                        }
                        Ok((status, body)) => panic!("unexpected {status}: {body}"),
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();

    // Let links pile up, then kill the server mid-stream.
    let deadline = Instant::now() + Duration::from_secs(20);
    while acknowledged.lock().unwrap().len() < 100 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(server); // SIGKILL
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 20, "only {} links were created before the kill", acknowledged.len());

    {
        let connection = rusqlite::Connection::open(&db).unwrap();
        let check: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(check, "ok");
    }
    let server = Server::start(&db, &[]);
    for (id, text) in &acknowledged {
        let (status, body) = server.get(&format!("/api/share/{id}"));
        assert_eq!(status, 200, "acknowledged link {id} was lost: {body}");
        let record: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(record["shared"]["workload"].as_str(), Some(text.as_str()));
    }
    eprintln!("{} acknowledged links, all resolved after SIGKILL and restart", acknowledged.len());
}

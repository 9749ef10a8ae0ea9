//! PostgreSQL (issue 15): the `LinkStore` contract on a real PostgreSQL, the schema created and
//! migrated at start, two `storewise serve` replicas on one database serving each other's
//! links, and SIGKILL of one replica while clients create links through both.
//!
//! Not run by a plain `cargo test` (`test = false` in Cargo.toml): `scripts/test-postgres.sh`
//! starts a throwaway cluster and runs this binary with `STOREWISE_TEST_POSTGRES` set to a URL
//! (`postgres://user@host:port/database`); every test fails when the variable is absent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;
#[allow(dead_code, unreachable_pub, unused_imports)]
#[path = "../src/links/mod.rs"]
mod links;

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use common::{Server, request};
use links::{LinkStore, PostgresStore, StoreError, contract::Harness};
use tokio::runtime::Runtime;
use tokio_postgres::NoTls;

/// The server the script started.
fn admin_url() -> String {
    std::env::var("STOREWISE_TEST_POSTGRES").ok().filter(|url| !url.is_empty()).expect(
        "STOREWISE_TEST_POSTGRES is not set: run ./scripts/test-postgres.sh, which starts a PostgreSQL for these tests",
    )
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

async fn client(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.unwrap();
    tokio::spawn(connection);
    client
}

/// A fresh, empty database for one test; its URL.
async fn database(name: &str) -> String {
    let admin = admin_url();
    let db = format!("storewise_{}", name.replace('-', "_"));
    let admin_client = client(&admin).await;
    admin_client.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await.unwrap();
    admin_client.batch_execute(&format!("CREATE DATABASE {db}")).await.unwrap();
    let (server, _) = admin.rsplit_once('/').expect("STOREWISE_TEST_POSTGRES ends with /database");
    format!("{server}/{db}")
}

/// One contract case's database, with a runtime to drive its stores' connections.
struct Postgres {
    runtime: Runtime,
    url: String,
}

fn harness(name: &str) -> Postgres {
    let runtime = runtime();
    let url = runtime.block_on(database(&format!("contract_{name}")));
    Postgres { runtime, url }
}

impl Harness for Postgres {
    fn open(&self) -> Box<dyn LinkStore> {
        Box::new(self.runtime.block_on(PostgresStore::connect(&self.url)).unwrap())
    }
    fn execute(&self, sql: &str) -> Result<(), String> {
        self.runtime.block_on(async {
            client(&self.url)
                .await
                .batch_execute(sql)
                .await
                .map_err(|e| e.as_db_error().map_or_else(|| e.to_string(), |db| db.message().to_string()))
        })
    }
    fn tamper(&self, sql: &str) {
        self.runtime.block_on(async {
            let sql = format!(
                "BEGIN; ALTER TABLE links DISABLE TRIGGER links_immutable; {sql}; \
                 ALTER TABLE links ENABLE TRIGGER links_immutable; COMMIT"
            );
            client(&self.url).await.batch_execute(&sql).await.unwrap();
        });
    }
}

links::contract::contract_tests!(harness);

#[test]
fn issue_15_truncate_is_refused_too() {
    let h = harness("truncate");
    let store = h.open();
    store.put(links::contract::new_link("t: 1")).unwrap();
    let truncate = h.execute("TRUNCATE links");
    assert!(truncate.as_ref().unwrap_err().contains("permanent"), "{truncate:?}");
}

/// Replicas starting together create the schema once; a schema from a newer storewise is refused.
#[test]
fn issue_15_schema_is_created_once_and_a_newer_one_refused() {
    let runtime = runtime();
    let url = runtime.block_on(database("schema"));
    let stores: Vec<_> = runtime.block_on(async {
        let opening: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                tokio::spawn(async move { PostgresStore::connect(&url).await })
            })
            .collect();
        let mut stores = Vec::new();
        for store in opening {
            stores.push(store.await.unwrap().unwrap());
        }
        stores
    });
    assert_eq!(stores.len(), 4);
    let versions: Vec<i32> = runtime.block_on(async {
        let rows = client(&url).await.query("SELECT version FROM storewise_schema", &[]).await.unwrap();
        rows.iter().map(|r| r.get(0)).collect()
    });
    assert_eq!(versions, [1], "migrated once, to version 1");
    runtime.block_on(async {
        client(&url).await.batch_execute("INSERT INTO storewise_schema VALUES (99)").await.unwrap();
    });
    let error = runtime.block_on(PostgresStore::connect(&url)).err().expect("a newer schema is refused");
    assert!(matches!(error, StoreError::Postgres(_)), "{error}");
    assert!(error.to_string().contains("version 99, newer than this storewise knows (1)"), "{error}");
}

#[test]
fn issue_15_an_unreachable_database_is_a_clear_error() {
    let error = runtime().block_on(PostgresStore::connect("postgres://nobody@127.0.0.1:9/none")).err().unwrap();
    assert!(error.to_string().starts_with("link database (PostgreSQL): "), "{error}");
    let (code, _, err) =
        common::storewise(&["serve", "--addr", "127.0.0.1:0", "--db", "postgres://u:secret@127.0.0.1:9/db"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot open the link database postgres://u@127.0.0.1:9/db"), "{err}");
    assert!(!err.contains("secret"), "the password is never printed: {err}");
}

fn workload(tag: &str) -> String {
    format!(
        "version: 1\nname: replica {tag}\nstores:\n  - id: db-{tag}\n    type: postgresql\n    role: source_of_truth\n"
    )
}

fn id_of(body: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn issue_15_two_replicas_serve_each_others_links() {
    let url = runtime().block_on(database("replicas"));
    let (a, b) = (Server::start(&url, &[]), Server::start(&url, &[]));
    let (status, made_on_a) = a.post("/api/share", &workload("a")).unwrap();
    assert_eq!(status, 201, "{made_on_a}");
    let id = id_of(&made_on_a);
    let (status, read_on_b) = b.get(&format!("/api/share/{id}"));
    assert_eq!(status, 200, "{read_on_b}");
    assert_eq!(read_on_b, a.get(&format!("/api/share/{id}")).1, "both replicas give the one record");
    let (status, again_on_b) = b.post("/api/share", &workload("a")).unwrap();
    assert_eq!((status, id_of(&again_on_b)), (200, id.clone()), "already stored, through the other replica");
    let (status, page) = b.get(&format!("/r/{id}"));
    assert!(status == 200 || status == 503, "{status}: {page}");
    let (status, made_on_b) = b.post("/api/share", &workload("b")).unwrap();
    assert_eq!(status, 201, "{made_on_b}");
    assert_eq!(a.get(&format!("/api/share/{}", id_of(&made_on_b))).0, 200);
}

const CLIENTS_PER_SERVER: usize = 2;

/// SIGKILL one of two replicas while clients create links through both: every acknowledged
/// link is in the database and served by the survivor, which keeps creating links.
#[test]
fn issue_15_sigkill_of_one_replica_loses_no_acknowledged_link() {
    let url = runtime().block_on(database("sigkill"));
    let servers = [Server::start(&url, &["--share-rate", "0"]), Server::start(&url, &["--share-rate", "0"])];
    let addrs = [servers[0].addr().to_string(), servers[1].addr().to_string()];
    let acknowledged: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let after_kill = Arc::new(AtomicUsize::new(0));
    let (killed, stop) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    let clients: Vec<_> = (0..2 * CLIENTS_PER_SERVER)
        .map(|client| {
            let addr = addrs[client % 2].clone();
            let (acknowledged, after_kill, killed, stop) =
                (Arc::clone(&acknowledged), Arc::clone(&after_kill), Arc::clone(&killed), Arc::clone(&stop));
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let text = workload(&format!("{client}-{n}"));
                    match request(&addr, "POST", "/api/share", text.as_bytes()) {
                        Ok((201, body)) => {
                            acknowledged.lock().unwrap().push((id_of(&body), text));
                            if killed.load(Ordering::Relaxed) {
                                after_kill.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Ok((status, body)) => panic!("unexpected {status}: {body}"),
                        Err(_) => break, // its server is gone
                    }
                }
            })
        })
        .collect();

    let wait_for = |what: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !what() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait_for(&|| acknowledged.lock().unwrap().len() >= 200);
    let [mut victim, survivor] = servers;
    victim.child.kill().unwrap(); // SIGKILL, mid-stream
    victim.child.wait().unwrap();
    killed.store(true, Ordering::Relaxed);
    let before_kill = acknowledged.lock().unwrap().len();
    wait_for(&|| after_kill.load(Ordering::Relaxed) >= 100);
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let after = after_kill.load(Ordering::Relaxed);
    assert!(before_kill >= 50, "only {before_kill} links were created before the kill");
    assert!(after >= 100, "the survivor created only {after} links after the kill");

    let mut lost = 0;
    for (id, text) in &acknowledged {
        let (status, body) = survivor.get(&format!("/api/share/{id}"));
        if status == 200 {
            let record: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(record["shared"]["workload"].as_str(), Some(text.as_str()));
        } else {
            lost += 1;
            eprintln!("acknowledged link {id} was lost: {status} {body}");
        }
    }
    let stored: i64 = runtime()
        .block_on(async { client(&url).await.query_one("SELECT count(*) FROM links", &[]).await.unwrap().get(0) });
    eprintln!(
        "kill test: {} links acknowledged ({before_kill} before the SIGKILL, {after} by the survivor after it), \
         {lost} lost, {stored} rows stored",
        acknowledged.len()
    );
    assert_eq!(lost, 0, "acknowledged links were lost");
    assert!(stored >= i64::try_from(acknowledged.len()).unwrap());
}

/// Issue 15: TLS to PostgreSQL when the URL asks for it (libpq's `sslmode`, `sslrootcert`). The
/// script's cluster takes TLS with a certificate from a throwaway CA: trusted through
/// `sslrootcert`, the store's connections are encrypted (`pg_stat_ssl`) and a replica serves
/// links over them; against Mozilla's roots, which do not hold that CA, the connection is
/// refused; a root file that is not there is named.
#[test]
fn issue_15_tls_to_postgresql_is_verified() {
    let ca = std::env::var("STOREWISE_TEST_POSTGRES_CA")
        .expect("STOREWISE_TEST_POSTGRES_CA is not set: run ./scripts/test-postgres.sh");
    let rt = runtime();
    let url = rt.block_on(database("tls"));
    let verified = format!("{url}?sslmode=verify-full&sslrootcert={ca}");
    let store = rt.block_on(PostgresStore::connect(&verified)).unwrap();
    let (stored, new) = store.put(links::contract::new_link("tls: 1")).unwrap();
    assert!(new);
    assert_eq!(store.get(&stored.id).unwrap().map(|l| l.id), Some(stored.id.clone()));
    let (encrypted, plain): (i64, i64) = rt.block_on(async {
        let row = client(&url)
            .await
            .query_one(
                "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_ssl s \
                 JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'storewise' AND a.datname = current_database()",
                &[],
            )
            .await
            .unwrap();
        (row.get(0), row.get(1))
    });
    assert!(encrypted >= 1 && plain == 0, "storewise's connections: {encrypted} encrypted, {plain} not");

    let server = Server::start(&verified, &[]);
    let (status, body) = server.post("/api/share", &workload("tls")).unwrap();
    assert_eq!(status, 201, "{body}");
    assert_eq!(server.get(&format!("/api/share/{}", id_of(&body))).0, 200);

    let refused = rt.block_on(PostgresStore::connect(&format!("{url}?sslmode=require"))).err().unwrap();
    // the cause, as `storewise serve` prints it (anyhow's `{:#}`: every source in turn)
    let chain = std::iter::successors(Some(&refused as &dyn std::error::Error), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
    assert!(chain.contains("TLS handshake") && chain.contains("UnknownIssuer"), "{chain}");
    let (code, _, err) =
        common::storewise(&["serve", "--addr", "127.0.0.1:0", "--db", &format!("{url}?sslmode=require")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("UnknownIssuer"), "serve names the cause: {err}");
    let missing = format!("{url}?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem");
    let missing = rt.block_on(PostgresStore::connect(&missing)).err().unwrap().to_string();
    assert!(missing.contains("sslrootcert /nonexistent/ca.pem"), "{missing}");
}

//! Fuzz target: arbitrary bytes as what one client writes on a connection to `storewise serve`
//! — hyper's HTTP/1 parser, the connection's limits and timeouts, the router, its layers and
//! every handler with the embedded catalog and a SQLite link store (issue 18). Any panic is a
//! crash, and so is a 500: an internal error is a bug whatever the client sent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let statuses = storewise::fuzzing::http(data).expect("the in-memory server starts");
    assert!(
        !statuses.contains(&500),
        "answered 500 to {:?}: {statuses:?}",
        String::from_utf8_lossy(data.get(..data.len().min(512)).unwrap_or_default())
    );
});

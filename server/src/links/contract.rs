//! The `LinkStore` contract: one set of cases every store must pass, run on SQLite by the unit
//! tests and on a real PostgreSQL by `tests/postgres.rs` (issue 15). `contract_tests!` makes one
//! `#[test]` per case for a store's harness.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use engine::{Severity, Summary};
use link::{FindingKey, MadeWith, Shared};

use super::{LinkId, LinkStore, NewLink};

/// What a case needs from a store under test, on a database of its own.
pub(crate) trait Harness {
    /// A store on the case's database, opened anew (as a restart or another replica would).
    fn open(&self) -> Box<dyn LinkStore>;
    /// Runs SQL as an operator would, the triggers in force; the database's message when refused.
    fn execute(&self, sql: &str) -> Result<(), String>;
    /// Runs SQL with the immutability trigger off: a record edited behind the store's back.
    fn tamper(&self, sql: &str);
}

/// A link for `text`, with one finding and its summary.
pub(crate) fn new_link(text: &str) -> NewLink {
    NewLink {
        id: LinkId::of(text),
        shared: Shared {
            workload: text.into(),
            made_with: MadeWith { catalog: "1+abc".into(), rules: "1.0".into() },
            findings: vec![FindingKey {
                code: "SW001".into(),
                subjects: vec!["orders".into(), "search".into()],
                severity: Severity::High,
            }],
        },
        name: format!("name of {text}"),
        summary: Summary { findings: 1, high: 1, ..Summary::default() },
    }
}

/// `put` stores once, returns the stored record again, and a new store reads the same record.
pub(crate) fn stores_once_and_reads_back(h: &dyn Harness) {
    let store = h.open();
    let link = new_link("a: 1");
    let (first, new) = store.put(link.clone()).unwrap();
    assert!(new);
    assert_eq!(first.shared, link.shared);
    assert_eq!((first.name.as_str(), first.summary), (link.name.as_str(), link.summary));
    let shape = first.created_at.as_bytes();
    assert!(
        shape.len() == 20 && shape[4] == b'-' && shape[10] == b'T' && shape[19] == b'Z',
        "RFC 3339 UTC to the second: {}",
        first.created_at
    );
    let (again, new) = store.put(new_link("a: 1")).unwrap();
    assert!(!new);
    assert_eq!(first, again, "the same workload gives the one stored record, creation time included");
    drop(store);
    let store = h.open();
    assert_eq!(store.get(&first.id).unwrap(), Some(first));
    assert_eq!(store.get(&LinkId::of("other")).unwrap(), None);
}

/// The database itself refuses UPDATE and DELETE of a record.
pub(crate) fn records_cannot_be_changed_or_deleted(h: &dyn Harness) {
    let store = h.open();
    let (stored, _) = store.put(new_link("b: 2")).unwrap();
    let id = stored.id.as_str();
    let update = h.execute(&format!("UPDATE links SET workload = 'x' WHERE id = '{id}'"));
    assert!(update.as_ref().unwrap_err().contains("immutable"), "{update:?}");
    let delete = h.execute("DELETE FROM links");
    assert!(delete.as_ref().unwrap_err().contains("permanent"), "{delete:?}");
    assert_eq!(store.get(&stored.id).unwrap(), Some(stored));
}

/// A record altered behind the store's back is refused, saying what is wrong; others still read.
pub(crate) fn altered_records_are_refused(h: &dyn Harness) {
    let store = h.open();
    let (altered, _) = store.put(new_link("c: 3")).unwrap();
    let (damaged, _) = store.put(new_link("d: 4")).unwrap();
    let (intact, _) = store.put(new_link("e: 5")).unwrap();
    h.tamper(&format!("UPDATE links SET workload = workload || '# altered' WHERE id = '{}'", altered.id));
    h.tamper(&format!("UPDATE links SET summary = '{{\"findings\": \"many\"}}' WHERE id = '{}'", damaged.id));
    let store = h.open();
    let error = store.get(&altered.id).unwrap_err().to_string();
    assert!(error.contains("does not match its id"), "{error}");
    let error = store.get(&damaged.id).unwrap_err().to_string();
    assert!(error.contains("summary"), "{error}");
    let error = store.put(new_link("c: 3")).unwrap_err().to_string();
    assert!(error.contains("does not match its id"), "storing it again does not hide the damage: {error}");
    assert_eq!(store.get(&intact.id).unwrap(), Some(intact));
}

/// Two stores on one database (two replicas) putting one workload at once store one record.
pub(crate) fn concurrent_puts_store_one_record(h: &dyn Harness) {
    let stores = [h.open(), h.open()];
    let link = new_link("f: 6");
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (store, link) = (&stores[i % 2], link.clone());
                scope.spawn(move || store.put(link).unwrap())
            })
            .collect();
        handles.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|(_, new)| *new).count(), 1, "exactly one put stored it");
    assert!(results.iter().all(|(stored, _)| *stored == results[0].0), "every put returned the one record");
    assert_eq!(stores[1].get(&link.id).unwrap(), Some(results[0].0.clone()));
}

/// One `#[test]` per contract case, for the harness `$harness(case_name)` returns.
macro_rules! contract_tests {
    ($harness:expr) => {
        #[test]
        fn issue_15_contract_stores_once_and_reads_back() {
            $crate::links::contract::stores_once_and_reads_back(&$harness("reads-back"));
        }
        #[test]
        fn issue_15_contract_records_cannot_be_changed_or_deleted() {
            $crate::links::contract::records_cannot_be_changed_or_deleted(&$harness("immutable"));
        }
        #[test]
        fn issue_15_contract_altered_records_are_refused() {
            $crate::links::contract::altered_records_are_refused(&$harness("altered"));
        }
        #[test]
        fn issue_15_contract_concurrent_puts_store_one_record() {
            $crate::links::contract::concurrent_puts_store_one_record(&$harness("concurrent"));
        }
    };
}
pub(crate) use contract_tests;

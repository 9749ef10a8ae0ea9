//! `expected.toml`: a case's action class and the changes a right, partial or harmful answer holds.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::changes::Change;

/// The kind of decision a case is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The team added a store.
    Add,
    /// The team folded a store into one it already ran (or replaced a source of truth).
    Consolidate,
    /// The team changed how data flows between stores.
    SyncChange,
    /// The team kept its engine and scaled it.
    Keep,
}

impl Class {
    /// Every class, in table order.
    pub const ALL: [Class; 4] = [Class::Add, Class::Consolidate, Class::SyncChange, Class::Keep];

    /// The name as written in `expected.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Add => "add",
            Class::Consolidate => "consolidate",
            Class::SyncChange => "sync_change",
            Class::Keep => "keep",
        }
    }
}

/// A value in a matcher: one string, or a list of acceptable ones.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// Exactly this.
    One(String),
    /// Any of these.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The acceptable values.
    pub fn values(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// One expected change: its kind and the keys that must hold.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Matcher {
    /// The change kind (`add_store`, `remove_store`, …).
    pub kind: String,
    /// Every other key of the entry.
    #[serde(flatten)]
    pub keys: BTreeMap<String, OneOrMany>,
}

/// The keys each change kind takes in a matcher, as the README's table lists them.
pub const KEYS: &[(&str, &[&str])] = &[
    ("add_store", &["store_type", "family", "from", "via", "for"]),
    ("remove_store", &["store", "into"]),
    ("move_workload", &["workload", "from", "to"]),
    ("apply_remedy", &["store", "remedy", "for"]),
    ("change_flow", &["store", "from", "via", "was"]),
    ("replace_store", &["store", "store_type", "family"]),
];

/// Keys whose values must all be among the change's (a set that must be covered); every other
/// key holds when the change's value is one of the listed ones.
const ALL_OF: &[&str] = &["for"];

impl Matcher {
    /// Whether `change` is what this entry describes.
    pub fn matches(&self, change: &Change) -> bool {
        if change.kind != self.kind {
            return false;
        }
        self.keys.iter().all(|(key, want)| {
            let have = change.values(key);
            if ALL_OF.contains(&key.as_str()) {
                want.values().iter().all(|w| have.iter().any(|h| h == w))
            } else {
                have.iter().any(|h| want.values().contains(h))
            }
        })
    }

    /// `add_store family=column_store|realtime_olap for=fleet-report`.
    pub fn describe(&self) -> String {
        let mut out = self.kind.clone();
        for (k, v) in &self.keys {
            out.push(' ');
            out.push_str(k);
            out.push('=');
            out.push_str(&v.values().join("|"));
        }
        out
    }
}

/// A case's `expected.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The action class.
    pub class: Class,
    /// What the team did, in a sentence.
    pub decision: String,
    /// Changes a right answer holds, all of them.
    #[serde(default)]
    pub right: Vec<Matcher>,
    /// Changes that make an answer partly right, any of them.
    #[serde(default)]
    pub partial: Vec<Matcher>,
    /// Changes that make an answer harmful, any of them.
    #[serde(default)]
    pub harmful: Vec<Matcher>,
}

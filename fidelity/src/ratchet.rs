//! `tests/cases/ratchet.toml`: each case's recorded score, which the engine may only raise.

use std::{collections::BTreeMap, path::Path};

use serde::Deserialize;

use crate::{Error, Outcome};

/// One case's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The score recorded.
    pub score: u8,
    /// Whether the advice was harmful when recorded.
    #[serde(default)]
    pub harmful: bool,
}

/// The recorded scores, by case id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratchet {
    /// Case id → record.
    pub cases: BTreeMap<String, Record>,
}

/// How today's outcomes compare with the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Cases that score lower, turned harmful, or have no record: the test fails.
    pub worse: Vec<String>,
    /// Cases that score higher or stopped being harmful: raise the record.
    pub better: Vec<String>,
    /// Records of cases that no longer exist.
    pub stale: Vec<String>,
}

impl Ratchet {
    /// Reads the ratchet file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        toml::from_str(&text).map_err(|e| Error::Format { path: path.to_path_buf(), message: e.to_string() })
    }

    /// The record of today's outcomes.
    pub fn of(outcomes: &[Outcome]) -> Self {
        let cases = outcomes.iter().map(|o| (o.id.clone(), Record { score: o.score, harmful: o.harmful })).collect();
        Ratchet { cases }
    }

    /// Compares today's outcomes with the record.
    pub fn compare(&self, outcomes: &[Outcome]) -> Comparison {
        let mut c = Comparison::default();
        for o in outcomes {
            match self.cases.get(&o.id) {
                None => c.worse.push(format!(
                    "{}: no record (add `{} = {{ score = {}, harmful = {} }}`)",
                    o.id, o.id, o.score, o.harmful
                )),
                Some(r) if o.score < r.score => {
                    c.worse.push(format!("{}: scores {} (recorded {}): {}", o.id, o.score, r.score, o.why));
                }
                Some(r) if o.harmful && !r.harmful => {
                    c.worse.push(format!("{}: now harmful (recorded not harmful): {}", o.id, o.why));
                }
                Some(r) if o.score > r.score || (r.harmful && !o.harmful) => {
                    c.better.push(format!(
                        "{}: scores {} (recorded {}{})",
                        o.id,
                        o.score,
                        r.score,
                        if r.harmful { ", harmful" } else { "" }
                    ));
                }
                Some(_) => {}
            }
        }
        for id in self.cases.keys() {
            if !outcomes.iter().any(|o| &o.id == id) {
                c.stale.push(id.clone());
            }
        }
        c
    }

    /// The file's text: a header, then one line per case.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Each real case's score (0..2) and whether its advice is harmful, as the engine gives\n\
             # them today. The ratchet test fails when a case scores lower or turns harmful; when one\n\
             # improves, raise its record: `./scripts/fidelity.sh --raise`.\n\n[cases]\n",
        );
        for (id, r) in &self.cases {
            out.push_str(&format!("{id} = {{ score = {}, harmful = {} }}\n", r.score, r.harmful));
        }
        out
    }
}

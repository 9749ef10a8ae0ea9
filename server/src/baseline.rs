//! `--baseline FILE`: the findings of an earlier `storewise analyze --format json`, so that a
//! run shows (and fails on) only the findings that are not in it (issue 13).
//!
//! A finding matches when its workload's name and its fingerprint (code and subjects, the one
//! SARIF and `storewise diff` use) are the same: editing a figure does not make a known finding
//! new, while a finding about another store is.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The known findings' fingerprints, by workload name.
#[derive(Debug)]
pub(crate) struct Baseline(HashMap<String, HashSet<String>>);

/// What a baseline needs of a report.
#[derive(Deserialize)]
struct Known {
    name: String,
    findings: Vec<KnownFinding>,
}

#[derive(Deserialize)]
struct KnownFinding {
    code: String,
    subjects: Vec<String>,
}

/// `analyze --format json`'s document (`{format_version, files: [{report}]}`), or, as versions
/// before it wrote, one report or an array of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Reports {
    Document { files: Vec<KnownFile> },
    One(Known),
    Many(Vec<Known>),
}

/// One file of the document: invalid and unreadable files have no report.
#[derive(Deserialize)]
struct KnownFile {
    report: Option<Known>,
}

impl Baseline {
    /// Reads a baseline file: the JSON report (or reports) of `storewise analyze --format json`.
    pub(crate) fn read(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("cannot read the baseline {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("{} is not a baseline", path.display()))
    }

    fn parse(text: &str) -> Result<Self> {
        let value: serde_json::Value = serde_json::from_str(text)
            .context("expected the JSON of `storewise analyze --format json` (it is not JSON)")?;
        let reports = match Reports::deserialize(&value) {
            Ok(Reports::Document { files }) => files.into_iter().filter_map(|f| f.report).collect(),
            Ok(Reports::One(one)) => vec![one],
            Ok(Reports::Many(many)) => many,
            Err(_) => bail!(
                "expected the JSON of `storewise analyze --format json`: `files`, each with its `report` (or, from \
                 earlier versions, a report or an array of them) with `name` and `findings`, each finding with `code` \
                 and `subjects`"
            ),
        };
        let mut known: HashMap<String, HashSet<String>> = HashMap::new();
        for r in reports {
            let prints = known.entry(r.name).or_default();
            prints.extend(r.findings.iter().map(|f| engine::fingerprint(&f.code, &f.subjects)));
        }
        Ok(Self(known))
    }

    /// Removes the known findings from `report`; returns how many.
    pub(crate) fn hide_known(&self, report: &mut engine::Report) -> usize {
        let Some(known) = self.0.get(&report.name) else { return 0 };
        report.retain_findings(|f| !known.contains(&f.fingerprint()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Issue 13: a baseline reads the `{format_version, files}` document, or one report or an
    /// array of them as earlier versions wrote, and says what it expected when the file is
    /// something else.
    #[test]
    fn issue_13_a_baseline_is_one_report_or_many() {
        let one = r#"{ "name": "shop", "findings": [{ "code": "SW001", "subjects": ["db", "search"] }] }"#;
        let document = format!(
            r#"{{ "format_version": 1, "files": [{{ "path": "a.yaml", "valid": true, "report": {one} }},
                {{ "path": "b.yaml", "valid": false, "diagnostics": [] }}] }}"#
        );
        let b = Baseline::parse(&document).unwrap();
        assert!(b.0["shop"].contains(&engine::fingerprint("SW001", &["db", "search"])));
        let b = Baseline::parse(one).unwrap();
        assert!(b.0["shop"].contains(&engine::fingerprint("SW001", &["db", "search"])));
        let many = format!("[{one}, {{ \"name\": \"other\", \"findings\": [] }}]");
        let b = Baseline::parse(&many).unwrap();
        assert_eq!((b.0["shop"].len(), b.0["other"].len()), (1, 0));
        let err = Baseline::parse(r#"{ "findings": 3 }"#).unwrap_err().to_string();
        assert!(err.contains("`name` and `findings`"), "{err}");
        let err = Baseline::parse("version: 2").unwrap_err().to_string();
        assert!(err.contains("it is not JSON"), "{err}");
    }
}

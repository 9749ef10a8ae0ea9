//! Suppressions: findings the team has accepted, from the workload's `ignore` or the caller's
//! configuration, each with its reason and the day it lapses.
//!
//! The engine has no clock: the caller says what day it is ([`crate::analyze_as_of`]); without
//! a day, `until` is not judged. A suppression that has lapsed suppresses nothing and is
//! reported ([`NoteKind::Expired`]), and so is one that matched no finding
//! ([`NoteKind::Unmatched`]), so that stale ones are noticed.

use serde::Serialize;
use workload::{Date, Workload};

use crate::{Finding, Location, Report, Severity, Summary};

/// Where a suppression was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The workload file's `ignore` (SARIF `inSource`).
    Workload,
    /// The configuration (`storewise.toml`; SARIF `external`).
    Config,
}

/// One suppression: findings of `code` about every one of `subjects` (every finding of `code`
/// when there are none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppression {
    /// The rule code.
    pub code: String,
    /// Ids the finding must all be about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Why it is accepted.
    pub reason: String,
    /// The last day it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Where it was written.
    pub origin: Origin,
    /// Where in the workload file, for one from `ignore`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Suppression {
    /// The workload's `ignore` entries, in file order.
    pub fn of(workload: &Workload) -> Vec<Suppression> {
        workload
            .ignore
            .iter()
            .map(|i| Suppression {
                code: i.code.value.clone(),
                subjects: i.subjects.iter().map(|s| s.value.clone()).collect(),
                reason: i.reason.clone(),
                until: i.until.as_ref().map(|u| u.value),
                origin: Origin::Workload,
                location: Location::of(i.at.span),
            })
            .collect()
    }

    /// Whether it covers this finding (its code, and every listed subject among the finding's).
    pub fn matches(&self, f: &Finding) -> bool {
        self.code.eq_ignore_ascii_case(f.code) && self.subjects.iter().all(|s| f.subjects.contains(s))
    }

    /// Whether it has lapsed on `today` (it holds through its `until` day).
    pub fn expired(&self, today: Option<Date>) -> bool {
        matches!((self.until, today), (Some(until), Some(today)) if today > until)
    }
}

/// A finding left out of `findings` by a suppression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppressed {
    /// The finding, as it would have been reported.
    pub finding: Finding,
    /// The suppression that covers it (the first that matches).
    pub by: Suppression,
}

/// Why a suppression is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Its `until` has passed: it suppresses nothing and its findings are reported again.
    Expired,
    /// It matched no finding: the problem is gone, or the code or subjects are wrong.
    Unmatched,
}

/// A suppression that needs attention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuppressionNote {
    /// What is wrong with it.
    pub kind: NoteKind,
    /// How much it matters: an expired suppression is a warning (`low`), an unmatched one `info`.
    pub severity: Severity,
    /// The suppression.
    pub suppression: Suppression,
}

impl Report {
    /// Moves the findings `list` covers (as of `today`) into `suppressed` and counts the summary
    /// again; notes every lapsed suppression and every one that matched nothing. Like a
    /// baseline, the overhead, the seed table and the recommended architecture still reflect
    /// every finding.
    pub fn suppress(&mut self, list: &[Suppression], today: Option<Date>) {
        let mut used = vec![false; list.len()];
        let mut kept = Vec::with_capacity(self.findings.len());
        for f in std::mem::take(&mut self.findings) {
            let by = list.iter().enumerate().find(|(_, s)| !s.expired(today) && s.matches(&f));
            match by {
                Some((i, s)) => {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    self.suppressed.push(Suppressed { finding: f, by: s.clone() });
                }
                None => kept.push(f),
            }
        }
        self.findings = kept;
        self.summary = Summary::of(&self.findings);
        for (s, used) in list.iter().zip(used) {
            let note = if s.expired(today) {
                Some((NoteKind::Expired, Severity::Low))
            } else if !used {
                Some((NoteKind::Unmatched, Severity::Info))
            } else {
                None
            };
            if let Some((kind, severity)) = note {
                self.suppression_notes.push(SuppressionNote { kind, severity, suppression: s.clone() });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn report() -> Report {
        let catalog = catalog::Catalog::embedded().unwrap();
        let text = include_str!("../../examples/s2-dual-write.yaml").replacen("version: 1", "version: 2", 1);
        let parsed = workload::parse(&text, catalog);
        crate::analyze(parsed.workload.as_ref().unwrap(), parsed.catalog_or(catalog))
    }

    fn s(code: &str, subjects: &[&str], until: Option<&str>) -> Suppression {
        Suppression {
            code: code.into(),
            subjects: subjects.iter().map(|x| (*x).to_string()).collect(),
            reason: "ADR-12".into(),
            until: until.map(|u| u.parse().unwrap()),
            origin: Origin::Config,
            location: None,
        }
    }

    /// Issue 13: a suppression matches by code and every listed subject; it holds through its
    /// `until` day; lapsed and unmatched ones are noted; the summary counts what is left.
    #[test]
    fn issue_13_suppressions_match_lapse_and_are_noted() {
        let all = report();
        let dual: Vec<&Finding> = all.findings.iter().filter(|f| f.code == "SW001").collect();
        assert!(dual.len() >= 2);
        let one = dual[0].subjects.last().unwrap().clone();
        let day = Some("2027-03-01".parse().unwrap());
        let mut r = all.clone();
        r.suppress(
            &[s("SW001", &[&one], Some("2027-03-01")), s("SW001", &[], Some("2027-02-28")), s("SW009", &["x"], None)],
            day,
        );
        assert_eq!(r.suppressed.len(), 1, "only the one in force on its last day suppresses");
        assert_eq!(r.findings.len(), all.findings.len() - 1);
        assert_eq!(r.summary.findings, r.findings.len());
        let kinds: Vec<NoteKind> = r.suppression_notes.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, [NoteKind::Expired, NoteKind::Unmatched]);
        // Every text and Markdown report says so, whoever renders it (the CLI, the API, the app).
        let md = crate::render::markdown(&r);
        assert!(md.contains("## Suppressions") && md.contains("**1 suppressed finding**"), "{md}");
        assert!(md.contains("lapsed after 2027-02-28") && md.contains("matches no finding"), "{md}");
        assert!(crate::render::text(&r, false).contains("1 suppressed finding"));
        assert!(!crate::render::markdown(&all).contains("Suppressions"), "nothing to say without suppressions");
        // Without a day, `until` is not judged: the code alone covers every dual write.
        let mut r = all.clone();
        r.suppress(&[s("sw001", &[], Some("2020-01-01"))], None);
        assert_eq!(r.suppressed.len(), dual.len());
        assert!(r.suppression_notes.is_empty());
    }
}

//! The record a link carries: the workload, the versions it was analysed with, its findings.

use engine::{Finding, Report, Severity};
use serde::{Deserialize, Serialize};

/// What a share link (either kind) carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    /// The workload file's text, exactly as it was.
    pub workload: String,
    /// The catalog and rules the result was computed with.
    pub made_with: MadeWith,
    /// The findings it gave, to say what changed if the catalog or rules have changed since.
    pub findings: Vec<FindingKey>,
}

/// The versions behind a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeWith {
    /// The catalog version (`1+3f2a…`, a fingerprint of its data).
    pub catalog: String,
    /// The rules version.
    pub rules: String,
}

/// A finding, reduced to what identifies it: its rule and subjects, and how severe it was.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingKey {
    /// The rule's code (`SW001`).
    pub code: String,
    /// The store and workload ids it is about, main subject first.
    pub subjects: Vec<String>,
    /// Its severity.
    pub severity: Severity,
}

impl Shared {
    /// The record for a workload's text and the report it gave.
    pub fn new(workload: impl Into<String>, report: &Report) -> Self {
        Shared {
            workload: workload.into(),
            made_with: MadeWith { catalog: report.versions.catalog.clone(), rules: report.versions.rules.clone() },
            findings: FindingKey::all(report),
        }
    }
}

impl FindingKey {
    /// The key of one finding.
    pub fn of(finding: &Finding) -> Self {
        FindingKey { code: finding.code.to_string(), subjects: finding.subjects.clone(), severity: finding.severity }
    }

    /// The keys of a report's findings, in report order.
    pub fn all(report: &Report) -> Vec<Self> {
        report.findings.iter().map(FindingKey::of).collect()
    }

    /// `SW001 on orders, payments`.
    pub fn describe(&self) -> String {
        if self.subjects.is_empty() {
            self.code.clone()
        } else {
            format!("{} on {}", self.code, self.subjects.join(", "))
        }
    }

    fn identity(&self) -> (&str, &[String]) {
        (&self.code, &self.subjects)
    }

    pub(crate) fn same_finding(&self, other: &FindingKey) -> bool {
        self.identity() == other.identity()
    }
}

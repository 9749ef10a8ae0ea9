//! What changed between the result a link was made with and the result now.

use engine::{Report, Severity};

use crate::{FindingKey, MadeWith, Shared};

/// A shared result against today's analysis of the same workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The versions the link was made with.
    pub made_with: MadeWith,
    /// The versions running now.
    pub running: MadeWith,
    /// Findings that are new.
    pub appeared: Vec<FindingKey>,
    /// Findings that no longer fire.
    pub gone: Vec<FindingKey>,
    /// Findings that fire with another severity.
    pub regraded: Vec<SeverityChange>,
}

/// A finding whose severity changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityChange {
    /// The finding as it is now.
    pub finding: FindingKey,
    /// Its severity when the link was made.
    pub was: Severity,
}

impl Comparison {
    /// The catalog and rules are those the link was made with.
    pub fn same_versions(&self) -> bool {
        self.made_with == self.running
    }

    /// The findings are the same (whatever the versions).
    pub fn same_findings(&self) -> bool {
        self.appeared.is_empty() && self.gone.is_empty() && self.regraded.is_empty()
    }

    /// What differs, a sentence per line (empty when nothing does).
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.made_with.catalog != self.running.catalog {
            lines.push(format!("Catalog {} then, {} now.", self.made_with.catalog, self.running.catalog));
        }
        if self.made_with.rules != self.running.rules {
            lines.push(format!("Rules {} then, {} now.", self.made_with.rules, self.running.rules));
        }
        lines.extend(self.appeared.iter().map(|f| format!("New: {} ({}).", f.describe(), f.severity)));
        lines.extend(self.gone.iter().map(|f| format!("No longer found: {} ({}).", f.describe(), f.severity)));
        lines.extend(
            self.regraded
                .iter()
                .map(|c| format!("{}: {} then, {} now.", c.finding.describe(), c.was, c.finding.severity)),
        );
        lines
    }
}

impl Shared {
    /// Compares the result this record was made with to `now`, the same workload analysed today.
    pub fn compare(&self, now: &Report) -> Comparison {
        let current = FindingKey::all(now);
        let appeared = current.iter().filter(|c| !self.findings.iter().any(|r| r.same_finding(c))).cloned().collect();
        let gone = self.findings.iter().filter(|r| !current.iter().any(|c| c.same_finding(r))).cloned().collect();
        let regraded = current
            .iter()
            .filter_map(|c| {
                let then = self.findings.iter().find(|r| r.same_finding(c))?;
                (then.severity != c.severity).then(|| SeverityChange { finding: c.clone(), was: then.severity })
            })
            .collect();
        Comparison {
            made_with: self.made_with.clone(),
            running: MadeWith { catalog: now.versions.catalog.clone(), rules: now.versions.rules.clone() },
            appeared,
            gone,
            regraded,
        }
    }
}

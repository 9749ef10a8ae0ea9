//! What changes between two reports of the same architecture file (a pull request's base and
//! head): findings that appeared, were resolved or changed severity; stores and flows added and
//! removed; operations hours and spend per store and category; the seed table's metrics.
//!
//! Pure data from two [`Report`]s; [`crate::render::diff_text`] and
//! [`crate::render::diff_markdown`] turn it into words.

use std::collections::{HashMap, VecDeque};

use catalog::Category;
use serde::Serialize;

use crate::{
    cost::SeedTable,
    report::{Finding, Report},
    severity::Severity,
};

/// Everything that differs between an old and a new report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDiff {
    /// The new report's architecture name.
    pub name: String,
    /// Findings in the new report and not in the old (by code and subjects).
    pub appeared: Vec<FindingRef>,
    /// Findings in the old report and not in the new.
    pub resolved: Vec<FindingRef>,
    /// Findings in both whose severity differs.
    pub changed: Vec<SeverityChange>,
    /// Findings in both with the same severity.
    pub unchanged: usize,
    /// Stores the new file describes and the old did not.
    pub stores_added: Vec<StoreRef>,
    /// Stores the old file described and the new does not.
    pub stores_removed: Vec<StoreRef>,
    /// Flows (`from`, `to`, `via`) only in the new file.
    pub flows_added: Vec<FlowRef>,
    /// Flows only in the old file.
    pub flows_removed: Vec<FlowRef>,
    /// Flows between the same two stores whose kind changed (`dual_write` → `cdc`).
    pub flows_changed: Vec<FlowChange>,
    /// Operations and spend of the architecture as described, before and after.
    pub overhead: OverheadDiff,
    /// The seed table for the architecture as described, before and after.
    pub table: TableChange,
}

/// A finding, as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    /// The rule's code.
    pub code: &'static str,
    /// Its severity (in the report it belongs to).
    pub severity: Severity,
    /// Its title.
    pub title: String,
    /// The store and workload ids it is about.
    pub subjects: Vec<String>,
    /// [`Finding::fingerprint`].
    pub fingerprint: String,
}

/// A finding in both reports at different severities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeverityChange {
    /// The finding as the new report states it.
    pub finding: FindingRef,
    /// Its severity before.
    pub was: Severity,
}

/// A store, as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreRef {
    /// Its id.
    pub id: String,
    /// Its catalog type.
    #[serde(rename = "type")]
    pub store_type: String,
}

/// A flow, as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowRef {
    /// Upstream store.
    pub from: String,
    /// Downstream store.
    pub to: String,
    /// How data flows.
    pub via: workload::Via,
}

/// A flow between the same stores, fed another way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowChange {
    /// Upstream store.
    pub from: String,
    /// Downstream store.
    pub to: String,
    /// How data flowed before.
    pub was: workload::Via,
    /// How it flows now.
    pub via: workload::Via,
}

/// Hours and spend before and after, in total, per store and per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverheadDiff {
    /// Operations hours per month.
    pub hours: BeforeAfter,
    /// Infrastructure plus people, USD per month.
    pub usd: BeforeAfter,
    /// Infrastructure alone, USD per month.
    pub infrastructure_usd: BeforeAfter,
    /// Per store id in either report (absent side: 0), in the new report's order then the
    /// removed ones; only stores whose hours or spend differ.
    pub by_store: Vec<StoreChange>,
    /// Per category (deployment, monitoring, backup, security, consistency), stores and
    /// interactions together; only categories that differ.
    pub by_category: Vec<CategoryChange>,
}

/// A figure before and after.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BeforeAfter {
    /// Before.
    pub before: f64,
    /// After.
    pub after: f64,
}

impl BeforeAfter {
    /// After minus before.
    pub fn delta(&self) -> f64 {
        self.after - self.before
    }

    fn differs(&self) -> bool {
        (self.after - self.before).abs() > 0.005
    }
}

/// One store's hours and spend before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreChange {
    /// The store id.
    pub id: String,
    /// Operations hours per month (0 on the side it is absent from).
    pub hours: BeforeAfter,
    /// Infrastructure, USD per month.
    pub usd: BeforeAfter,
}

/// One category's hours before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryChange {
    /// The category.
    pub category: Category,
    /// Hours per month.
    pub hours: BeforeAfter,
}

/// The seed table before and after (the renderers show the rows that differ).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableChange {
    /// Before.
    pub before: SeedTable,
    /// After.
    pub after: SeedTable,
}

impl ReportDiff {
    /// The new findings at least as severe as `threshold` (what `--fail-on` counts).
    pub fn new_at_least(&self, threshold: Severity) -> usize {
        self.appeared.iter().filter(|f| f.severity >= threshold).count()
            + self.changed.iter().filter(|c| c.finding.severity >= threshold && c.was < threshold).count()
    }

    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty()
            && self.resolved.is_empty()
            && self.changed.is_empty()
            && self.stores_added.is_empty()
            && self.stores_removed.is_empty()
            && self.flows_added.is_empty()
            && self.flows_removed.is_empty()
            && self.flows_changed.is_empty()
            && self.overhead.by_store.is_empty()
            && !self.overhead.hours.differs()
            && !self.overhead.usd.differs()
            && self.table.before == self.table.after
    }
}

fn finding_ref(f: &Finding) -> FindingRef {
    FindingRef {
        code: f.code,
        severity: f.severity,
        title: f.title.clone(),
        subjects: f.subjects.clone(),
        fingerprint: f.fingerprint(),
    }
}

/// Compares two reports: `old` (the base) and `new` (the change).
pub fn diff(old: &Report, new: &Report) -> ReportDiff {
    let mut appeared = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    // Old findings by fingerprint, in report order: each matches at most one new finding (a rule
    // may report twice on the same subjects).
    let mut unmatched: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, f) in old.findings.iter().enumerate() {
        unmatched.entry(f.fingerprint()).or_default().push_back(i);
    }
    let mut matched = vec![false; old.findings.len()];
    for f in &new.findings {
        let hit = unmatched.get_mut(&f.fingerprint()).and_then(VecDeque::pop_front);
        match hit.and_then(|i| old.findings.get(i).map(|o| (i, o))) {
            Some((i, o)) => {
                if let Some(m) = matched.get_mut(i) {
                    *m = true;
                }
                if o.severity == f.severity {
                    unchanged += 1;
                } else {
                    changed.push(SeverityChange { finding: finding_ref(f), was: o.severity });
                }
            }
            None => appeared.push(finding_ref(f)),
        }
    }
    let resolved = old.findings.iter().zip(&matched).filter(|(_, m)| !**m).map(|(f, _)| finding_ref(f)).collect();

    let (a, b) = (&old.architecture.current, &new.architecture.current);
    let store = |s: &crate::ArchStore| StoreRef { id: s.id.clone(), store_type: s.store_type.clone() };
    let stores_added = b.stores.iter().filter(|s| !a.stores.iter().any(|o| o.id == s.id)).map(store).collect();
    let stores_removed = a.stores.iter().filter(|s| !b.stores.iter().any(|n| n.id == s.id)).map(store).collect();
    let same = |x: &crate::ArchFlow, y: &crate::ArchFlow| x.from == y.from && x.to == y.to && x.via == y.via;
    let flow = |f: &crate::ArchFlow| FlowRef { from: f.from.clone(), to: f.to.clone(), via: f.via };
    let mut flows_added: Vec<FlowRef> =
        b.flows.iter().filter(|f| !a.flows.iter().any(|o| same(o, f))).map(flow).collect();
    let mut flows_removed: Vec<FlowRef> =
        a.flows.iter().filter(|f| !b.flows.iter().any(|n| same(n, f))).map(flow).collect();
    // A flow removed and one added between the same two stores is one flow fed another way.
    let mut flows_changed = Vec::new();
    flows_added.retain(|n| {
        let Some(i) = flows_removed.iter().position(|o| o.from == n.from && o.to == n.to) else { return true };
        let o = flows_removed.remove(i);
        flows_changed.push(FlowChange { from: n.from.clone(), to: n.to.clone(), was: o.via, via: n.via });
        false
    });

    ReportDiff {
        name: new.name.clone(),
        appeared,
        resolved,
        changed,
        unchanged,
        stores_added,
        stores_removed,
        flows_added,
        flows_removed,
        flows_changed,
        overhead: overhead(old, new),
        table: TableChange { before: old.table.current.clone(), after: new.table.current.clone() },
    }
}

fn overhead(old: &Report, new: &Report) -> OverheadDiff {
    let (a, b) = (&old.overhead.current, &new.overhead.current);
    let mut by_store = Vec::new();
    for s in &b.by_store {
        let before = a.by_store.iter().find(|o| o.id == s.id);
        let change = StoreChange {
            id: s.id.clone(),
            hours: BeforeAfter { before: before.map_or(0.0, |o| o.total), after: s.total },
            usd: BeforeAfter { before: before.map_or(0.0, |o| o.usd_per_month), after: s.usd_per_month },
        };
        if change.hours.differs() || change.usd.differs() {
            by_store.push(change);
        }
    }
    for s in a.by_store.iter().filter(|s| !b.by_store.iter().any(|n| n.id == s.id)) {
        by_store.push(StoreChange {
            id: s.id.clone(),
            hours: BeforeAfter { before: s.total, after: 0.0 },
            usd: BeforeAfter { before: s.usd_per_month, after: 0.0 },
        });
    }
    let by_category = Category::ALL
        .iter()
        .map(|&c| CategoryChange {
            category: c,
            hours: BeforeAfter { before: a.by_category.get(c), after: b.by_category.get(c) },
        })
        .filter(|c| c.hours.differs())
        .collect();
    OverheadDiff {
        hours: BeforeAfter { before: a.hours_per_month, after: b.hours_per_month },
        usd: BeforeAfter { before: a.usd_per_month, after: b.usd_per_month },
        infrastructure_usd: BeforeAfter {
            before: a.infrastructure_usd_per_month,
            after: b.infrastructure_usd_per_month,
        },
        by_store,
        by_category,
    }
}

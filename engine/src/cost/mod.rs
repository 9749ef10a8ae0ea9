//! The operational cost model: hours per store and category, interactions between stores, the
//! seed's table, and their prices.
//!
//! A store costs its catalog hours per category (for a small production deployment) times
//! `ops.size_factor(size)` and its fleet factor (shards, replicas, nodes), or the hours the team
//! states it spends (`ops_hours`). Stores that share data then cost more together than apart:
//!
//! - each **flow** costs its upkeep (the catalog's `flows.toml`: the connector, consumer, relay or
//!   job, and for dual writes the reconciliation work);
//! - each **pair** of stores in one lineage (stores connected by flows) costs
//!   [`SHARED_DATA_HOURS_PER_PAIR`]: `n` stores make `n(n−1)/2` pairs, the superlinear term;
//! - **incidents**: the lineage's flows cause cross-store inconsistencies (`issues_per_month`,
//!   summed), each taking [`DIAGNOSIS_HOURS_PER_STORE`] × `n` to diagnose; the midpoints multiply
//!   into hours per month.
//!
//! Hours are priced with the team's `hourly_cost_usd` (100 when no team is given) next to the
//! infrastructure bill (a store's `monthly_cost_usd`, else the midpoint of the catalog price times
//! its fleet). `x_single` divides the total by the hours of running the primary source of truth
//! alone.

mod arch;
mod growth;
mod table;

pub(crate) use arch::{Arch, price_range, single_table};
pub(crate) use growth::curve;
pub use growth::{Growth, GrowthPoint};
pub use table::SeedTable;

use catalog::{Catalog, Category, StoreType, model::FlowKind, units::Bytes};
use serde::Serialize;
use workload::Via;

use crate::estimate::Estimate;

/// Hours per month for each pair of stores holding the same data (in one lineage): schema changes
/// rolled through every copy and tested together, reconciliation spot checks, the same data
/// governed (access, retention, deletion requests) in two places.
///
/// Estimate: about 2 h a pair a month. With `n` stores sharing data there are `n(n−1)/2` pairs,
/// which makes the overhead superlinear: 4 stores have 6 pairs, 12 h a month.
pub const SHARED_DATA_HOURS_PER_PAIR: f64 = 2.0;

/// Hours to diagnose one cross-store inconsistency, per store in the lineage it happens in.
///
/// Estimate calibrated on the seed's "2–8 hours" for four stores: the seed says debugging requires
/// understanding every store's consistency model, so the time grows with the number of stores
/// the data passes through, half an hour to two hours each.
pub const DIAGNOSIS_HOURS_PER_STORE: Estimate = Estimate { lo: 0.5, hi: 2.0 };

/// The share of one unit's hours each further shard, replica or node adds: most chores are
/// automated across a fleet (one upgrade procedure, one dashboard), but each unit still fails,
/// lags and needs its backups checked. Estimate: a tenth of a unit's hours each.
pub const FLEET_HOURS_PER_UNIT: f64 = 0.1;

/// The hourly cost used when the file names no team.
pub const DEFAULT_HOURLY_COST_USD: f64 = 100.0;

/// Hours per month in each of the five categories.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CategoryHours {
    /// Containers, configuration, health checks, upgrades.
    pub deployment: f64,
    /// Dashboards, alerts, tuning.
    pub monitoring: f64,
    /// Backups and tested recovery procedures.
    pub backup: f64,
    /// Authentication, TLS, access control, audits.
    pub security: f64,
    /// Keeping data correct within and across stores.
    pub consistency: f64,
}

impl CategoryHours {
    /// The hours of one category.
    pub fn get(&self, category: Category) -> f64 {
        match category {
            Category::Deployment => self.deployment,
            Category::Monitoring => self.monitoring,
            Category::Backup => self.backup,
            Category::Security => self.security,
            Category::Consistency => self.consistency,
        }
    }

    fn slot(&mut self, category: Category) -> &mut f64 {
        match category {
            Category::Deployment => &mut self.deployment,
            Category::Monitoring => &mut self.monitoring,
            Category::Backup => &mut self.backup,
            Category::Security => &mut self.security,
            Category::Consistency => &mut self.consistency,
        }
    }

    /// Adds hours to one category.
    pub fn add(&mut self, category: Category, hours: f64) {
        *self.slot(category) += hours;
    }

    /// Adds another set of hours, category by category.
    pub fn add_all(&mut self, other: &CategoryHours) {
        for c in Category::ALL {
            self.add(c, other.get(c));
        }
    }

    /// The sum over categories.
    pub fn total(&self) -> f64 {
        Category::ALL.iter().map(|&c| self.get(c)).sum()
    }

    /// Every category rounded to two decimals.
    #[must_use]
    pub fn rounded(&self) -> Self {
        let r = crate::estimate::round2;
        Self {
            deployment: r(self.deployment),
            monitoring: r(self.monitoring),
            backup: r(self.backup),
            security: r(self.security),
            consistency: r(self.consistency),
        }
    }
}

/// A store type's hours per month at a data size: catalog hours × `ops.size_factor(size)`.
pub fn store_hours(kind: &StoreType, size: Option<Bytes>) -> CategoryHours {
    let factor = kind.ops.size_factor(size);
    let mut hours = CategoryHours::default();
    for c in Category::ALL {
        hours.add(c, kind.ops.category(c).hours * factor);
    }
    hours
}

/// The multiplier on a store's hours for its fleet: one for a single deployment, plus
/// [`FLEET_HOURS_PER_UNIT`] for each further shard, replica beyond the first, or node beyond three.
pub(crate) fn fleet_factor(units: f64) -> f64 {
    1.0 + FLEET_HOURS_PER_UNIT * (units - 1.0).max(0.0)
}

/// Flows in one lineage, counted by kind (indexed as `Via::ALL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ViaCounts(pub(crate) [usize; 11]);

fn via_index(via: Via) -> usize {
    Via::ALL.iter().position(|(_, v)| *v == via).unwrap_or(0)
}

impl ViaCounts {
    pub(crate) fn add(&mut self, via: Via, n: usize) {
        if let Some(slot) = self.0.get_mut(via_index(via)) {
            *slot += n;
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (Via, usize)> + '_ {
        Via::ALL.iter().map(|(_, v)| (*v, self.0.get(via_index(*v)).copied().unwrap_or(0)))
    }
}

/// The catalog's figures for a flow kind.
pub(crate) fn flow(catalog: &Catalog, via: Via) -> Option<&FlowKind> {
    catalog.flow(via.as_str())
}

/// The interaction cost of one lineage of `n` stores with the given flows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct LineageCost {
    /// Flow upkeep, by category.
    pub(crate) upkeep: CategoryHours,
    /// Pairs of stores sharing data.
    pub(crate) pairs: usize,
    /// Shared-data hours (pairs × constant).
    pub(crate) shared: f64,
    /// Cross-store consistency issues per month.
    pub(crate) issues: Estimate,
    /// Hours to diagnose one (None for a single store).
    pub(crate) diagnosis: Option<Estimate>,
    /// Incident hours per month (midpoints multiplied).
    pub(crate) incidents: f64,
}

impl LineageCost {
    pub(crate) fn of(catalog: &Catalog, n: usize, counts: &ViaCounts) -> Self {
        if n < 2 {
            return LineageCost::default();
        }
        let mut upkeep = CategoryHours::default();
        let mut issues = Estimate::exact(0.0);
        for (via, count) in counts.iter().filter(|(_, c)| *c > 0) {
            let Some(p) = flow(catalog, via) else { continue };
            for (&category, share) in &p.upkeep_split {
                upkeep.add(category, p.upkeep_hours * share * count as f64);
            }
            let range = p.issues_per_month.as_f64();
            issues = issues.plus(Estimate::new(range.lo, range.hi).times(count as f64));
        }
        let pairs = n * (n - 1) / 2;
        let diagnosis = DIAGNOSIS_HOURS_PER_STORE.times(n as f64);
        LineageCost {
            upkeep,
            pairs,
            shared: pairs as f64 * SHARED_DATA_HOURS_PER_PAIR,
            issues,
            diagnosis: Some(diagnosis),
            incidents: issues.mid() * diagnosis.mid(),
        }
    }

    pub(crate) fn total(&self) -> f64 {
        self.upkeep.total() + self.shared + self.incidents
    }
}

/// Interaction hours per month of `stores` stores sharing data through `flows`: flow upkeep,
/// shared-data pairs and incident diagnosis. Zero for one store with no flows.
///
/// Exposed for the "how overhead grows with the number of stores" chart.
pub fn interaction_hours(catalog: &Catalog, stores: usize, flows: &[Via]) -> f64 {
    let mut counts = ViaCounts::default();
    for &via in flows {
        counts.add(via, 1);
    }
    LineageCost::of(catalog, stores, &counts).total()
}

/// Operational overhead of one architecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overhead {
    /// Total ops hours per month: stores plus interactions.
    pub hours_per_month: f64,
    /// Hours of the stores themselves.
    pub store_hours_per_month: f64,
    /// Hours of the interactions between them.
    pub interaction_hours_per_month: f64,
    /// Infrastructure, USD per month.
    pub infrastructure_usd_per_month: f64,
    /// The hours priced at the team's hourly cost.
    pub people_usd_per_month: f64,
    /// Infrastructure plus people.
    pub usd_per_month: f64,
    /// The hourly cost used.
    pub hourly_cost_usd: f64,
    /// Hours of running the primary source of truth alone (the baseline).
    pub single_hours_per_month: f64,
    /// `hours_per_month / single_hours_per_month` (0 when there is no baseline).
    pub x_single: f64,
    /// Per store.
    pub by_store: Vec<StoreOverhead>,
    /// Per interaction.
    pub interactions: Vec<InteractionCost>,
    /// Per category, stores and interactions together.
    pub by_category: CategoryHours,
}

/// One store's overhead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreOverhead {
    /// The store id.
    pub id: String,
    /// Its catalog type.
    #[serde(rename = "type")]
    pub store_type: String,
    /// Hours per category (remedies in place or recommended included).
    pub hours: CategoryHours,
    /// Their sum.
    pub total: f64,
    /// The size multiplier applied to the catalog hours.
    pub size_factor: f64,
    /// The hours are the team's own (`ops_hours`), not the model's.
    pub measured: bool,
    /// Infrastructure, USD per month.
    pub usd_per_month: f64,
}

/// What an interaction cost is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// Keeping one flow running.
    Flow,
    /// Stores in one lineage holding the same data.
    SharedData,
    /// Diagnosing cross-store inconsistencies.
    Incidents,
}

/// One interaction cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InteractionCost {
    /// What it is for.
    pub kind: InteractionKind,
    /// The stores involved.
    pub subjects: Vec<String>,
    /// For a flow, its kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    /// Hours per month.
    pub hours: f64,
    /// How the figure was reached.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_lineage_costs_41_5_hours_and_grows_superlinearly() {
        let catalog = Catalog::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        let s1 = interaction_hours(catalog, 4, &[Via::Cdc, Via::Stream, Via::Stream]);
        assert!((s1 - 41.5).abs() < 1e-9, "{s1}");
        assert_eq!(interaction_hours(catalog, 1, &[]), 0.0);
        let chain = |n: usize| interaction_hours(catalog, n, &vec![Via::Cdc; n - 1]);
        let (two, four, eight) = (chain(2), chain(4), chain(8));
        assert!(four > 2.0 * two && eight > 2.0 * four, "{two} {four} {eight}");
        let dual = interaction_hours(catalog, 2, &[Via::DualWrite]);
        for via in [Via::Cdc, Via::Stream, Via::Outbox, Via::BatchEtl, Via::Polling, Via::CacheAside] {
            assert!(interaction_hours(catalog, 2, &[via]) < dual, "{via:?}");
        }
    }

    #[test]
    fn every_flow_kind_has_catalog_figures() {
        let catalog = Catalog::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        for (name, via) in Via::ALL {
            assert!(flow(catalog, via).is_some(), "data/flows.toml lacks `{name}`");
        }
        assert_eq!(catalog.flows.len(), Via::ALL.len(), "flows.toml has kinds the format does not");
    }
}

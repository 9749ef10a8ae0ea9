//! The seed's comparison table: configs, dashboards, backups, consistency issues, diagnosis time
//! and onboarding time of an architecture.

use serde::Serialize;

use crate::estimate::Estimate;

/// The six metrics of the seed's "operational cost comparison" table (plus the store count).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedTable {
    /// Stores in the architecture.
    pub stores: usize,
    /// Deployment configurations to maintain: every store that is not embedded in the application.
    pub deployment_configs: usize,
    /// Monitoring dashboards and alert sets: every store that is not embedded.
    pub monitoring_dashboards: usize,
    /// Backup and recovery procedures to test: every store.
    pub backup_procedures: usize,
    /// Cross-store consistency issues per month (0 for one store).
    pub consistency_issues_per_month: Estimate,
    /// Hours to diagnose one inconsistency in the largest lineage; `None` ("n/a") for one store.
    pub diagnosis_hours: Option<Estimate>,
    /// Weeks for a new engineer to understand the data layer, to the nearest half week.
    pub onboarding_weeks: f64,
}

/// Rounds weeks to the nearest half week: the figure is an estimate, not a schedule.
pub(crate) fn half_weeks(weeks: f64) -> f64 {
    if weeks.is_finite() { (weeks * 2.0).round() / 2.0 } else { 0.0 }
}

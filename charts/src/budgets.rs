//! Staleness budgets per store, from the workload: the report's architecture does not carry them,
//! and the diagram labels every flow with the budget of the store it feeds.

use std::collections::BTreeMap;

use workload::Workload;

/// Staleness budgets by store id, as written (`2s`, `5m`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budgets(BTreeMap<String, String>);

impl Budgets {
    /// No budgets: flows are labelled with their kind only.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `staleness_budget` of every store of a workload that states one.
    pub fn from_workload(workload: &Workload) -> Self {
        let mut budgets = Self::new();
        for store in &workload.stores {
            if let Some(budget) = &store.staleness_budget {
                budgets.insert(store.id.value.clone(), budget.value.to_string());
            }
        }
        budgets
    }

    /// Sets one store's budget.
    pub fn insert(&mut self, store: impl Into<String>, budget: impl Into<String>) {
        self.0.insert(store.into(), budget.into());
    }

    /// One store's budget.
    pub fn get(&self, store: &str) -> Option<&str> {
        self.0.get(store).map(String::as_str)
    }
}

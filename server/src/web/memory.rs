//! Admission of analyses by the memory they take: a semaphore counted in KiB, so that heavy
//! requests at the in-flight limit cannot together take more than the budget (issue 18).
//!
//! An analysis and its report take about [`BYTES_PER_INPUT_BYTE`] bytes of memory per byte of
//! workload file at the worst (measured: a 473 KB file whose 2,400 workloads all miss their
//! targets peaks at 89 MB above the idle process, its report 35 MB of JSON); small files take
//! [`MIN_KIB`]. A request waits for its share of the budget; the request time limit still applies
//! to the wait, so a flood is answered 408 instead of growing the process.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Memory all analyses in progress may take together, by default.
pub(crate) const BUDGET_KIB: u32 = 384 * 1024;
/// Memory one analysis takes per byte of its input, at the worst measured.
pub(crate) const BYTES_PER_INPUT_BYTE: u64 = 200;
/// The least one analysis is counted for (the catalog's overrides, the report's fixed parts).
pub(crate) const MIN_KIB: u32 = 1024;

/// The budget, shared by every handler that analyses.
#[derive(Clone)]
pub(crate) struct MemoryBudget {
    permits: Arc<Semaphore>,
    total_kib: u32,
}

impl MemoryBudget {
    /// A budget of `total_kib` KiB (at least one analysis of the smallest size).
    pub(crate) fn new(total_kib: u32) -> Self {
        let total_kib = total_kib.max(MIN_KIB);
        Self { permits: Arc::new(Semaphore::new(total_kib as usize)), total_kib }
    }

    /// What an analysis of `input_bytes` is counted for, in KiB: never more than the whole
    /// budget, so that the largest file still runs (alone).
    pub(crate) fn weight(&self, input_bytes: usize) -> u32 {
        let kib = (input_bytes as u64).saturating_mul(BYTES_PER_INPUT_BYTE) / 1024;
        u32::try_from(kib).unwrap_or(u32::MAX).clamp(MIN_KIB, self.total_kib)
    }

    /// Waits until the analysis of `input_bytes` fits in what is left; the permit returns its
    /// share when dropped (after the response is built).
    pub(crate) async fn admit(&self, input_bytes: usize) -> Option<OwnedSemaphorePermit> {
        self.permits.clone().acquire_many_owned(self.weight(input_bytes)).await.ok()
    }

    /// KiB not taken by analyses in progress.
    #[cfg(test)]
    pub(crate) fn available_kib(&self) -> usize {
        self.permits.available_permits()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Issue 18: a small file counts for the minimum, a large one for its measured share, and
    /// none for more than the whole budget; permits come back when dropped.
    #[tokio::test]
    async fn issue_18_analyses_are_admitted_by_memory() {
        let budget = MemoryBudget::new(64 * 1024);
        assert_eq!(budget.weight(2_000), MIN_KIB);
        assert_eq!(budget.weight(100 * 1024), 20_000);
        assert_eq!(budget.weight(4 * 1024 * 1024), 64 * 1024);
        let a = budget.admit(150 * 1024).await.unwrap();
        let b = budget.admit(150 * 1024).await.unwrap();
        assert_eq!(budget.available_kib(), 64 * 1024 - 2 * 30_000);
        // A third does not fit until one returns its share.
        let waiting = tokio::spawn({
            let budget = budget.clone();
            async move { budget.admit(150 * 1024).await.map(drop) }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        drop(a);
        waiting.await.unwrap().unwrap();
        drop(b);
        assert_eq!(budget.available_kib(), 64 * 1024);
    }
}

//! Admission of analyses by the memory and the cores they take (issue 18), so that heavy requests
//! at the in-flight limit can neither together take more memory than the budget nor starve the
//! requests of everyone else.
//!
//! An analysis and its report take about [`BYTES_PER_INPUT_BYTE`] bytes of memory per byte of
//! workload file at the worst (measured: a 473 KB file whose 2,400 workloads all miss their
//! targets peaks at 89 MB above the idle process, its report 35 MB of JSON); small files take
//! [`MIN_KIB`]. Two lanes share the budget: files up to [`SMALL_MAX_KIB`] of weight draw from
//! [`SMALL_KIB`], the rest from what remains, so an everyday file never queues behind a burst of
//! maximal ones (the semaphores are first come, first served). Large analyses also take one of
//! the cores but one (at least one), so a burst of them leaves a core to everything else. A
//! request waits for its share; the request time limit still applies to the wait, so a flood is
//! answered 408 instead of growing the process. The memory share is held until the response
//! body has been sent (a 35 MB report read slowly is memory too).

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Memory all analyses in progress may take together, by default.
pub(crate) const BUDGET_KIB: u32 = 384 * 1024;
/// The part of it reserved for small analyses.
pub(crate) const SMALL_KIB: u32 = 64 * 1024;
/// The largest weight that counts as small (files up to about 20 KB).
pub(crate) const SMALL_MAX_KIB: u32 = 4 * 1024;
/// Memory one analysis takes per byte of its input, at the worst measured.
pub(crate) const BYTES_PER_INPUT_BYTE: u64 = 200;
/// The least one analysis is counted for (the catalog's overrides, the report's fixed parts).
pub(crate) const MIN_KIB: u32 = 1024;

/// The budget, shared by every handler that analyses.
#[derive(Clone)]
pub(crate) struct MemoryBudget {
    small: Arc<Semaphore>,
    large: Arc<Semaphore>,
    large_kib: u32,
    cores: Arc<Semaphore>,
}

/// An admitted analysis: its share of the memory (hold it until the response is sent) and, for a
/// large one, its core (give it back when the analysis is done).
pub(crate) struct Admitted {
    pub(crate) memory: OwnedSemaphorePermit,
    pub(crate) core: Option<OwnedSemaphorePermit>,
}

impl MemoryBudget {
    /// A budget of `total_kib` KiB (at least room for one small and one large analysis) and
    /// `cores` large analyses running at once (at least one).
    pub(crate) fn new(total_kib: u32, cores: usize) -> Self {
        let small_kib = SMALL_KIB.min(total_kib / 4).max(MIN_KIB);
        let large_kib = total_kib.saturating_sub(small_kib).max(SMALL_MAX_KIB + 1);
        Self {
            small: Arc::new(Semaphore::new(small_kib as usize)),
            large: Arc::new(Semaphore::new(large_kib as usize)),
            large_kib,
            cores: Arc::new(Semaphore::new(cores.max(1))),
        }
    }

    /// The default budget, large analyses on every core but one.
    pub(crate) fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::new(BUDGET_KIB, cores.saturating_sub(1))
    }

    /// What an analysis of `input_bytes` is counted for, in KiB: never more than the large
    /// lane, so that the largest file still runs (alone).
    pub(crate) fn weight(&self, input_bytes: usize) -> u32 {
        let kib = (input_bytes as u64).saturating_mul(BYTES_PER_INPUT_BYTE) / 1024;
        u32::try_from(kib).unwrap_or(u32::MAX).clamp(MIN_KIB, self.large_kib)
    }

    /// Waits until the analysis of `input_bytes` fits in what is left of its lane (and, when
    /// large, until a core is free).
    pub(crate) async fn admit(&self, input_bytes: usize) -> Option<Admitted> {
        let weight = self.weight(input_bytes);
        if weight <= SMALL_MAX_KIB {
            let memory = self.small.clone().acquire_many_owned(weight).await.ok()?;
            return Some(Admitted { memory, core: None });
        }
        let memory = self.large.clone().acquire_many_owned(weight).await.ok()?;
        let core = self.cores.clone().acquire_owned().await.ok()?;
        Some(Admitted { memory, core: Some(core) })
    }

    /// KiB not taken by analyses in progress, in the small and the large lane.
    #[cfg(test)]
    pub(crate) fn available_kib(&self) -> (usize, usize) {
        (self.small.available_permits(), self.large.available_permits())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Issue 18: a small file counts for the minimum, a large one for its measured share, and
    /// none for more than the large lane; permits come back when dropped.
    #[tokio::test]
    async fn issue_18_analyses_are_admitted_by_memory() {
        let budget = MemoryBudget::new(128 * 1024, 4);
        let large = 128 * 1024 - 32 * 1024;
        assert_eq!(budget.weight(2_000), MIN_KIB);
        assert_eq!(budget.weight(100 * 1024), 20_000);
        assert_eq!(budget.weight(4 * 1024 * 1024), large);
        let a = budget.admit(200 * 1024).await.unwrap();
        let b = budget.admit(200 * 1024).await.unwrap();
        assert_eq!(budget.available_kib(), (32 * 1024, large as usize - 2 * 40_000));
        // A third does not fit until one returns its share.
        let waiting = tokio::spawn({
            let budget = budget.clone();
            async move { budget.admit(200 * 1024).await.map(drop) }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        drop(a);
        waiting.await.unwrap().unwrap();
        drop(b);
        assert_eq!(budget.available_kib(), (32 * 1024, large as usize));
    }

    /// Issue 18 (the soak run): while large analyses take the whole large lane and every core
    /// they may, a small one is admitted at once, without waiting behind them.
    #[tokio::test]
    async fn issue_18_small_analyses_do_not_queue_behind_large_ones() {
        let budget = MemoryBudget::new(128 * 1024, 1);
        let first = budget.admit(400 * 1024).await.unwrap();
        assert!(first.core.is_some());
        let queued = tokio::spawn({
            let budget = budget.clone();
            async move { budget.admit(400 * 1024).await.map(drop) }
        });
        tokio::task::yield_now().await;
        assert!(!queued.is_finished());
        let small =
            tokio::time::timeout(std::time::Duration::from_secs(1), budget.admit(3_000)).await.unwrap().unwrap();
        assert!(small.core.is_none());
        drop((first, small));
        queued.await.unwrap().unwrap();
    }

    /// Issue 18: a large analysis that has its memory but no free core waits for one, and the
    /// core comes back apart from the memory (which the response body still holds).
    #[tokio::test]
    async fn issue_18_large_analyses_take_a_core_each() {
        let budget = MemoryBudget::new(512 * 1024, 1);
        let first = budget.admit(100 * 1024).await.unwrap();
        let second = tokio::spawn({
            let budget = budget.clone();
            async move { budget.admit(100 * 1024).await.map(|a| a.memory) }
        });
        tokio::task::yield_now().await;
        assert!(!second.is_finished());
        let Admitted { memory, core } = first;
        drop(core);
        let held = second.await.unwrap().unwrap();
        drop((memory, held));
    }
}

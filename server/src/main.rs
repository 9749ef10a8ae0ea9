//! The `storewise` binary: [`storewise::run`] with jemalloc as the allocator.

use std::process::ExitCode;

/// jemalloc with background purging: after a burst of heavy analyses its threads return the freed
/// pages to the system within seconds, where glibc's arenas kept most of them (issue 18,
/// BENCHMARKS.md "Memory under a burst"); 4 arenas, set at build time in `.cargo/config.toml`, keep
/// the peak of the hostile soak under 512 MB ("Hostile soak on a quiet machine").
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    storewise::run()
}

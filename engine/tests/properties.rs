//! Properties over generated workloads: the decision rule holds (no store is ever recommended
//! for a workload without a measured bottleneck), findings come most severe first, and nothing
//! panics, whatever the stores, roles, flows, measurements and proposals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;

use engine::{Change, render};
use proptest::prelude::*;

const TYPES: &[&str] = &[
    "postgresql",
    "mysql",
    "redis",
    "kafka",
    "clickhouse",
    "elasticsearch",
    "mongodb",
    "neo4j",
    "influxdb",
    "timescaledb",
    "duckdb",
    "sqlite",
    "s3",
    "cassandra",
    "rabbitmq",
    "memcached",
];
const ROLES: &[&str] = &["source_of_truth", "derived", "pipeline"];
const VIAS: &[&str] = &["cdc", "outbox", "dual_write", "batch_etl", "stream"];
const DURATIONS: &[&str] = &["200us", "2ms", "20ms", "200ms", "1s", "5s", "30s", "4m", "1h", "1d"];
const SIZES: &[&str] = &["500MB", "5GB", "40GB", "150GB", "600GB", "2TB", "20TB"];
const COUNTS: &[&str] = &["1000", "50k", "300k", "2M", "50M", "2G"];
const RATES: &[&str] = &["48/day", "20/hour", "5/s", "50/s", "300/s", "3k/s", "100k/s"];
const REMEDIES: &[&str] = &["index", "materialized_view", "read_replica", "partitioning", "full_text_index"];

#[derive(Debug, Clone)]
struct GenStore {
    kind: usize,
    role: usize,
    feeds: Vec<(usize, usize, Option<usize>)>,
    budget: Option<usize>,
    size: Option<usize>,
    queries: Option<usize>,
    cost: Option<u32>,
}

#[derive(Debug, Clone)]
struct GenItem {
    pattern: usize,
    store: usize,
    rate: Option<usize>,
    data: Option<usize>,
    items: Option<usize>,
    latency: (Option<usize>, Option<usize>),
    throughput: (Option<usize>, Option<usize>),
    tried: Option<usize>,
}

fn store() -> impl Strategy<Value = GenStore> {
    (
        0..TYPES.len(),
        0..ROLES.len(),
        prop::collection::vec((0..64usize, 0..VIAS.len(), prop::option::of(0..DURATIONS.len())), 0..3),
        prop::option::of(0..DURATIONS.len()),
        prop::option::of(0..SIZES.len()),
        prop::option::of(0..RATES.len()),
        prop::option::of(0..2000u32),
    )
        .prop_map(|(kind, role, feeds, budget, size, queries, cost)| GenStore {
            kind,
            role,
            feeds,
            budget,
            size,
            queries,
            cost,
        })
}

fn item() -> impl Strategy<Value = GenItem> {
    (
        0..17usize,
        0..64usize,
        prop::option::of(0..RATES.len()),
        prop::option::of(0..SIZES.len()),
        prop::option::of(0..COUNTS.len()),
        (prop::option::of(0..DURATIONS.len()), prop::option::of(0..DURATIONS.len())),
        (prop::option::of(0..RATES.len()), prop::option::of(0..RATES.len())),
        prop::option::of(0..REMEDIES.len()),
    )
        .prop_map(|(pattern, store, rate, data, items, latency, throughput, tried)| GenItem {
            pattern,
            store,
            rate,
            data,
            items,
            latency,
            throughput,
            tried,
        })
}

/// A workload file: store 0 is a source of truth; every other store is fed only from earlier
/// stores (no cycles), so most generated files are valid.
fn yaml(stores: &[GenStore], items: &[GenItem], proposals: &[(usize, Option<usize>)], patterns: &[String]) -> String {
    let mut out = String::from("version: 1\nname: generated\nteam: { engineers: 4, hourly_cost_usd: 90 }\nstores:\n");
    for (i, s) in stores.iter().enumerate() {
        let role = if i == 0 { "source_of_truth" } else { ROLES[s.role] };
        let _ = writeln!(out, "  - id: s{i}\n    type: {}\n    role: {role}", TYPES[s.kind]);
        if i > 0 && role != "source_of_truth" {
            let mut feeds: Vec<(usize, usize, Option<usize>)> =
                s.feeds.iter().map(|&(f, v, e)| (f % i, v, e)).collect();
            if feeds.is_empty() {
                feeds.push((0, 0, None));
            }
            feeds.sort_by_key(|f| f.0);
            feeds.dedup_by_key(|f| f.0);
            out.push_str("    fed_by:\n");
            for (from, via, every) in feeds {
                let every =
                    if VIAS[via] == "batch_etl" { every.map(|e| format!(", every: {}", DURATIONS[e])) } else { None };
                let _ = writeln!(out, "      - {{ from: s{from}, via: {}{} }}", VIAS[via], every.unwrap_or_default());
            }
            if let Some(b) = s.budget {
                let _ = writeln!(out, "    staleness_budget: {}", DURATIONS[b]);
            }
        }
        if let Some(z) = s.size {
            let _ = writeln!(out, "    size: {}", SIZES[z]);
        }
        if let Some(q) = s.queries {
            let _ = writeln!(out, "    queries: {}", RATES[q]);
        }
        if let Some(c) = s.cost {
            let _ = writeln!(out, "    monthly_cost_usd: {c}");
        }
    }
    if !items.is_empty() {
        out.push_str("workloads:\n");
    }
    for (i, w) in items.iter().enumerate() {
        let pattern = &patterns[w.pattern % patterns.len()];
        let _ = writeln!(out, "  - id: w{i}\n    pattern: {pattern}\n    store: s{}", w.store % stores.len());
        if let Some(r) = w.rate {
            let _ = writeln!(out, "    rate: {}", RATES[r]);
        }
        if let Some(d) = w.data {
            let _ = writeln!(out, "    data_size: {}", SIZES[d]);
        }
        if let Some(n) = w.items {
            let _ = writeln!(out, "    items: {}", COUNTS[n]);
        }
        let pair = |m: Option<usize>, t: Option<usize>, list: &[&str]| {
            let mut parts = Vec::new();
            if let Some(m) = m {
                parts.push(format!("measured: {}", list[m]));
            }
            if let Some(t) = t {
                parts.push(format!("target: {}", list[t]));
            }
            parts.join(", ")
        };
        if w.latency.0.is_some() || w.latency.1.is_some() {
            let _ = writeln!(out, "    latency: {{ {} }}", pair(w.latency.0, w.latency.1, DURATIONS));
        }
        if w.throughput.0.is_some() || w.throughput.1.is_some() {
            let _ = writeln!(out, "    throughput: {{ {} }}", pair(w.throughput.0, w.throughput.1, RATES));
        }
        if let Some(t) = w.tried {
            let _ = writeln!(out, "    tried: [{}]", REMEDIES[t]);
        }
    }
    if !proposals.is_empty() {
        out.push_str("proposals:\n");
    }
    for (kind, target) in proposals {
        let _ = writeln!(out, "  - add: {}", TYPES[*kind]);
        if let Some(t) = target.filter(|_| !items.is_empty()) {
            let _ = writeln!(out, "    for: w{}", t % items.len());
        }
        out.push_str("    reason: it might be useful\n");
    }
    out
}

/// Whether a workload has a measured figure worse than its target.
fn bottleneck(w: &workload::WorkloadItem) -> bool {
    let slow = w.latency.as_ref().is_some_and(|l| match (l.value.measured, l.value.target) {
        (Some(m), Some(t)) => m.secs() > t.secs(),
        _ => false,
    });
    let short = w.throughput.as_ref().is_some_and(|t| match (t.value.measured, t.value.target) {
        (Some(m), Some(target)) => m.per_sec() < target.per_sec(),
        _ => false,
    });
    slow || short
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_global_rejects: 4096, ..ProptestConfig::default() })]

    #[test]
    fn decision_rule_holds_and_findings_are_sorted(
        stores in prop::collection::vec(store(), 1..8),
        items in prop::collection::vec(item(), 0..10),
        proposals in prop::collection::vec((0..TYPES.len(), prop::option::of(0..16usize)), 0..3),
    ) {
        let catalog = catalog::Catalog::embedded().unwrap();
        let patterns: Vec<String> = catalog.patterns.iter().map(|p| p.id.clone()).collect();
        let text = yaml(&stores, &items, &proposals, &patterns);
        let parsed = workload::parse(&text, catalog);
        prop_assume!(parsed.workload.is_some());
        let w = parsed.workload.as_ref().unwrap();
        let report = engine::analyze(w, parsed.catalog_or(catalog));

        for f in &report.findings {
            for change in &f.changes {
                if let Change::AddStore { for_workloads, .. } = change {
                    prop_assert!(!for_workloads.is_empty(), "{} adds a store for no workload\n{text}", f.code);
                    for id in for_workloads {
                        let item = w.item(id).unwrap();
                        prop_assert!(bottleneck(item), "{} adds a store for {id}, which has no measured bottleneck\n{text}", f.code);
                    }
                }
            }
        }
        prop_assert!(report.findings.windows(2).all(|p| p[0].severity >= p[1].severity), "unsorted\n{text}");
        for o in [&report.overhead.current, &report.overhead.recommended] {
            prop_assert!(o.hours_per_month.is_finite() && o.hours_per_month >= 0.0);
            prop_assert!(o.x_single.is_finite() && o.x_single >= 0.0);
            prop_assert!(o.usd_per_month.is_finite());
        }
        prop_assert!(report.table.current.stores == w.stores.len());
        // The renderers never panic either.
        let _ = render::text(&report, true);
        let _ = render::markdown(&report);
        let _ = render::sarif(&[("generated.yaml", &report)]);
        let _ = serde_json::to_string(&report).unwrap();
    }
}

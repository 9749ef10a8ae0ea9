//! Properties over generated workloads: the decision rule holds (no store is ever recommended
//! for a workload without a measured bottleneck), findings come most severe first, the
//! recommended architecture is consistent (nothing removed is also fed, moved to or folded into),
//! and nothing panics, whatever the stores, roles, flows, measurements and proposals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{collections::BTreeSet, fmt::Write as _};

use engine::{Change, Report, Status, render};
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
/// Whether the decision rule allows adding a store for this workload: a measured figure misses
/// its target, or it is a read its store cannot serve at all (graded `unsuited`: nothing to
/// measure; issue 17).
fn needs_store(catalog: &catalog::Catalog, w: &workload::Workload, item: &workload::WorkloadItem) -> bool {
    let unserved = w
        .stores
        .iter()
        .find(|s| s.id.value == item.store.value)
        .and_then(|s| catalog.store(&s.kind.value))
        .and_then(|k| k.fit(&item.pattern.value))
        .is_some_and(|f| f.grade == catalog::Grade::Unsuited);
    let read = item.kind.as_ref().map(|k| k.value) == Some(workload::ItemKind::Read)
        || (item.kind.is_none()
            && catalog.pattern(&item.pattern.value).is_some_and(|p| p.direction == catalog::model::Direction::Read));
    (unserved && read) || bottleneck(item) || scan_slower_than_needed(catalog, w, item)
}

/// Issue 17: a scan with a measured run time and no target misses the freshness its answers need
/// (its own `freshness`, else its store's staleness budget: any excess; else the catalog's
/// assumption for the pattern: only past ten times it, ten minutes at least).
fn scan_slower_than_needed(catalog: &catalog::Catalog, w: &workload::Workload, item: &workload::WorkloadItem) -> bool {
    let Some(pattern) = catalog.pattern(&item.pattern.value) else { return false };
    let Some(latency) = item.latency.as_ref().map(|l| l.value) else { return false };
    let (Some(measured), None) = (latency.measured, latency.target) else { return false };
    if pattern.shape != catalog::model::Shape::Scan {
        return false;
    }
    let budget = w.stores.iter().find(|s| s.id.value == item.store.value).and_then(|s| s.staleness_budget.as_ref());
    match (item.freshness.as_ref(), budget) {
        (Some(f), _) => f.value.secs() > 0.0 && measured.secs() > f.value.secs(),
        (None, Some(b)) => b.value.secs() > 0.0 && measured.secs() > b.value.secs(),
        (None, None) => {
            let assumed = pattern.assumed_freshness.secs();
            assumed > 0.0 && measured.secs() > assumed.max(60.0) * 10.0
        }
    }
}

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
        let mut report = engine::analyze(w, parsed.catalog_or(catalog));
        report.speak(parsed.catalog_or(catalog));

        for f in &report.findings {
            for change in &f.changes {
                if let Change::AddStore { for_workloads, .. } = change {
                    prop_assert!(!for_workloads.is_empty(), "{} adds a store for no workload\n{text}", f.code);
                    for id in for_workloads {
                        let item = w.item(id).unwrap();
                        prop_assert!(needs_store(parsed.catalog_or(catalog), w, item), "{} adds a store for {id}, which has no measured bottleneck\n{text}", f.code);
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
        let _ = render::sarif_report("0.0.0", "generated.yaml", &report, &parsed.diagnostics);
        let _ = serde_json::to_string(&report).unwrap();
    }
}

// --- version 2: every flow kind, roles, measurements and every kind of proposal ----------------

const TYPES_V2: &[&str] = &[
    "postgresql",
    "mysql",
    "redis",
    "kafka",
    "clickhouse",
    "elasticsearch",
    "mongodb",
    "influxdb",
    "rabbitmq",
    "memcached",
    "s3",
    "neo4j",
    "cassandra",
    "sqlite",
    "cloud_warehouse",
    "sqs",
];
const VIAS_V2: &[&str] = &[
    "cdc",
    "outbox",
    "dual_write",
    "batch_etl",
    "stream",
    "polling",
    "cache_aside",
    "app_write",
    "invalidation",
    "replication",
    "repair_job",
];
const SCHEDULED: &[&str] = &["batch_etl", "polling", "repair_job"];
/// Patterns the stores above are commonly used for, drawn more often than the rest.
const FAVOURED: &[&str] = &[
    "job_queue",
    "cache_ttl",
    "session_store",
    "point_lookup",
    "oltp_transaction",
    "analytical_scan",
    "full_text_search",
    "flexible_documents",
    "timeseries_aggregation",
    "graph_traversal",
];
const PERCENTS: &[&str] = &["20%", "45%", "62%", "72%", "79%", "90%", "98%"];
const GROWTHS: &[&str] = &["+10%/year", "1.5x/year", "2x/year", "3x/year"];
const INCIDENTS: &[&str] = &["outage", "inconsistency", "stall", "replication_lag", "performance"];
const IN_PLACE: &[&str] = &["vertical_scale", "read_replica", "connection_pooling", "index", "partitioning"];
const DOMAINS: &[&str] = &["billing", "files", "catalogue"];
const HORIZONS: &[&str] = &["6mo", "18mo", "2y"];
const RULED_OUT: &[&str] = &["cdc", "outbox", "citus", "read_replica", "elasticsearch", "clickhouse", "sharding"];

#[derive(Debug, Clone)]
struct GenFeed {
    from: usize,
    via: usize,
    every: Option<usize>,
    transactional: Option<bool>,
    lag: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct GenStoreV2 {
    kind: usize,
    role: usize,
    feeds: Vec<GenFeed>,
    budget: Option<usize>,
    size: Option<usize>,
    queries: Option<usize>,
    managed: Option<bool>,
    cpu: Option<usize>,
    connections: Option<usize>,
    growth: Option<usize>,
    incidents: Option<(usize, usize)>,
    ops_hours: Option<u32>,
    cache: Option<(usize, usize, usize)>,
    in_place: Option<usize>,
    replicas: Option<u32>,
}

#[derive(Debug, Clone)]
struct GenItemV2 {
    base: GenItem,
    favoured: Option<usize>,
    kind: Option<bool>,
    read_your_writes: bool,
    secondary_lookup: bool,
    domain: Option<usize>,
    updates: Option<usize>,
}

#[derive(Debug, Clone)]
enum GenProposal {
    Add { kind: usize, item: Option<usize> },
    Remove { store: usize },
    Move { item: usize, to: usize },
    Replace { store: usize, by: usize },
}

fn feed() -> impl Strategy<Value = GenFeed> {
    (
        0..64usize,
        0..VIAS_V2.len(),
        prop::option::of(0..DURATIONS.len()),
        prop::option::of(any::<bool>()),
        prop::option::of((0..DURATIONS.len(), 0..DURATIONS.len())),
    )
        .prop_map(|(from, via, every, transactional, lag)| GenFeed { from, via, every, transactional, lag })
}

fn store_v2() -> impl Strategy<Value = GenStoreV2> {
    (
        // PostgreSQL (the first type) about half the time: most architectures grow around one.
        (
            prop_oneof![1 => Just(0usize), 1 => 0..TYPES_V2.len()],
            0..ROLES.len(),
            prop::collection::vec(feed(), 0..3),
            prop::option::of(0..DURATIONS.len()),
        ),
        (prop::option::of(0..SIZES.len()), prop::option::of(0..RATES.len()), prop::option::of(any::<bool>())),
        (prop::option::of(0..PERCENTS.len()), prop::option::of(0..PERCENTS.len()), prop::option::of(0..GROWTHS.len())),
        (prop::option::of((0..INCIDENTS.len(), 1..4usize)), prop::option::of(1..60u32)),
        (
            prop::option::of((0..PERCENTS.len(), 0..SIZES.len(), 0..SIZES.len())),
            prop::option::of(0..IN_PLACE.len()),
            prop::option::of(0..4u32),
        ),
    )
        .prop_map(
            |(
                (kind, role, feeds, budget),
                (size, queries, managed),
                (cpu, connections, growth),
                (incidents, ops_hours),
                (cache, in_place, replicas),
            )| GenStoreV2 {
                kind,
                role,
                feeds,
                budget,
                size,
                queries,
                managed,
                cpu,
                connections,
                growth,
                incidents,
                ops_hours,
                cache,
                in_place,
                replicas,
            },
        )
}

fn item_v2() -> impl Strategy<Value = GenItemV2> {
    (
        item(),
        prop::option::of(0..FAVOURED.len()),
        prop::option::of(any::<bool>()),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0..DOMAINS.len()),
        prop::option::of(0..PERCENTS.len()),
    )
        .prop_map(|(base, favoured, kind, read_your_writes, secondary_lookup, domain, updates)| GenItemV2 {
            base,
            favoured,
            kind,
            read_your_writes,
            secondary_lookup,
            domain,
            updates,
        })
}

fn proposal() -> impl Strategy<Value = GenProposal> {
    prop_oneof![
        (0..TYPES_V2.len(), prop::option::of(0..16usize)).prop_map(|(kind, item)| GenProposal::Add { kind, item }),
        (0..64usize).prop_map(|store| GenProposal::Remove { store }),
        (0..16usize, 0..64usize).prop_map(|(item, to)| GenProposal::Move { item, to }),
        (0..64usize, 0..TYPES_V2.len()).prop_map(|(store, by)| GenProposal::Replace { store, by }),
    ]
}

/// A version-2 workload file: store 0 is a source of truth; every other store is fed only from
/// earlier stores (no cycles), or by the application itself; flows of every kind, gauges, growth,
/// incidents, cache facts, remedies in place, workloads with and without measurements, proposals
/// of every kind and options ruled out.
fn yaml_v2(
    stores: &[GenStoreV2],
    items: &[GenItemV2],
    proposals: &[GenProposal],
    ruled_out: &[(usize, Option<usize>)],
    horizon: Option<usize>,
    patterns: &[String],
) -> String {
    let mut out = String::from("version: 2\nname: generated\nteam: { engineers: 4, hourly_cost_usd: 90 }\n");
    if let Some(h) = horizon {
        let _ = writeln!(out, "horizon: {}", HORIZONS[h]);
    }
    out.push_str("stores:\n");
    for (i, s) in stores.iter().enumerate() {
        let role = if i == 0 { "source_of_truth" } else { ROLES[s.role] };
        let _ = writeln!(out, "  - id: st{i}\n    type: {}\n    role: {role}", TYPES_V2[s.kind]);
        if i > 0 && role != "source_of_truth" && !s.feeds.is_empty() {
            let mut feeds: Vec<&GenFeed> = s.feeds.iter().collect();
            feeds.sort_by_key(|f| f.from % i);
            feeds.dedup_by_key(|f| f.from % i);
            out.push_str("    fed_by:\n");
            for f in feeds {
                let via = VIAS_V2[f.via];
                let mut line = format!("      - {{ from: st{}, via: {via}", f.from % i);
                if SCHEDULED.contains(&via)
                    && let Some(e) = f.every
                {
                    let _ = write!(line, ", every: {}", DURATIONS[e]);
                }
                if via == "app_write"
                    && let Some(t) = f.transactional
                {
                    let _ = write!(line, ", transactional: {t}");
                }
                if let Some((m, t)) = f.lag {
                    let _ = write!(line, ", lag: {{ measured: {}, target: {} }}", DURATIONS[m], DURATIONS[t]);
                }
                line.push_str(" }");
                let _ = writeln!(out, "{line}");
            }
        }
        if i > 0
            && role != "source_of_truth"
            && let Some(b) = s.budget
        {
            let _ = writeln!(out, "    staleness_budget: {}", DURATIONS[b]);
        }
        if let Some(z) = s.size {
            let _ = writeln!(out, "    size: {}", SIZES[z]);
        }
        if let Some(q) = s.queries {
            let _ = writeln!(out, "    queries: {}", RATES[q]);
        }
        if let Some(m) = s.managed {
            let _ = writeln!(out, "    managed: {m}");
        }
        if let Some(c) = s.cpu {
            let _ = writeln!(out, "    cpu: {{ measured: {}, limit: 80% }}", PERCENTS[c]);
        }
        if let Some(c) = s.connections {
            let _ = writeln!(out, "    connections: {{ measured: {}, limit: 100 }}", PERCENTS[c].trim_end_matches('%'));
        }
        if let Some(g) = s.growth {
            let _ = writeln!(out, "    growth: {}", GROWTHS[g]);
        }
        if let Some((kind, n)) = s.incidents {
            let _ = writeln!(out, "    incidents: {{ {}: {n}/month }}", INCIDENTS[kind]);
        }
        if let Some(h) = s.ops_hours {
            let _ = writeln!(out, "    ops_hours: {h}/month");
        }
        if let Some((hit, capacity, working_set)) = s.cache {
            let _ = writeln!(
                out,
                "    cache: {{ hit_rate: {}, capacity: {}, working_set: {} }}",
                PERCENTS[hit], SIZES[capacity], SIZES[working_set]
            );
        }
        if let Some(r) = s.in_place {
            let _ = writeln!(out, "    remedies_in_place: [{}]", IN_PLACE[r]);
        }
        if let Some(n) = s.replicas {
            let _ = writeln!(out, "    replicas: {n}");
        }
    }
    if !items.is_empty() {
        out.push_str("workloads:\n");
    }
    for (i, w) in items.iter().enumerate() {
        let g = &w.base;
        let pattern = w.favoured.map_or_else(|| patterns[g.pattern % patterns.len()].as_str(), |f| FAVOURED[f]);
        let _ = writeln!(out, "  - id: w{i}\n    pattern: {pattern}\n    store: st{}", g.store % stores.len());
        if let Some(k) = w.kind {
            let _ = writeln!(out, "    kind: {}", if k { "read" } else { "write" });
        }
        if let Some(r) = g.rate {
            let _ = writeln!(out, "    rate: {}", RATES[r]);
        }
        if let Some(d) = g.data {
            let _ = writeln!(out, "    data_size: {}", SIZES[d]);
        }
        if let Some(n) = g.items {
            let _ = writeln!(out, "    items: {}", COUNTS[n]);
        }
        if let (Some(m), Some(t)) = g.latency {
            let _ = writeln!(out, "    latency: {{ measured: {}, target: {} }}", DURATIONS[m], DURATIONS[t]);
        }
        if let (Some(m), Some(t)) = g.throughput {
            let _ = writeln!(out, "    throughput: {{ measured: {}, target: {} }}", RATES[m], RATES[t]);
        }
        if let Some(t) = g.tried {
            let _ = writeln!(out, "    tried: [{}]", REMEDIES[t]);
        }
        if w.read_your_writes {
            out.push_str("    read_your_writes: true\n");
        }
        if w.secondary_lookup {
            out.push_str("    secondary_lookup: true\n");
        }
        if let Some(d) = w.domain {
            let _ = writeln!(out, "    domain: {}", DOMAINS[d]);
        }
        if let Some(u) = w.updates {
            let _ = writeln!(out, "    updates: {}", PERCENTS[u]);
        }
    }
    if !proposals.is_empty() {
        out.push_str("proposals:\n");
    }
    for p in proposals {
        let line = match p {
            GenProposal::Add { kind, item } => match item.filter(|_| !items.is_empty()) {
                Some(t) => format!("{{ add: {}, for: w{} }}", TYPES_V2[*kind], t % items.len()),
                None => format!("{{ add: {} }}", TYPES_V2[*kind]),
            },
            GenProposal::Remove { store } => format!("{{ remove: st{} }}", store % stores.len()),
            GenProposal::Move { item, to } if !items.is_empty() => {
                format!("{{ move: w{}, to: st{} }}", item % items.len(), to % stores.len())
            }
            GenProposal::Move { .. } => continue,
            GenProposal::Replace { store, by } => {
                format!("{{ replace: st{}, by: {} }}", store % stores.len(), TYPES_V2[*by])
            }
        };
        let _ = writeln!(out, "  - {line}");
    }
    if !ruled_out.is_empty() {
        out.push_str("ruled_out:\n");
    }
    for (option, store) in ruled_out {
        let on = store.map(|s| format!(", store: st{}", s % stores.len())).unwrap_or_default();
        let _ = writeln!(out, "  - {{ option: {}{on}, reason: generated }}", RULED_OUT[*option]);
    }
    out
}

/// What is wrong with the recommended architecture, if anything: a store removed and also fed
/// (a `change_flow` or an `add_store` feed from or into it), a workload moved to it, a removal
/// into a removed or unknown store, or a flow kept into or out of a removed store.
fn inconsistencies(w: &workload::Workload, report: &Report) -> Vec<String> {
    let changes: Vec<(&str, &Change)> =
        report.findings.iter().flat_map(|f| f.changes.iter().map(move |c| (f.code, c))).collect();
    let removed: BTreeSet<&str> = changes
        .iter()
        .filter_map(|(_, c)| match c {
            Change::RemoveStore { store, .. } => Some(store.as_str()),
            _ => None,
        })
        .collect();
    let added: BTreeSet<&str> = changes
        .iter()
        .filter_map(|(_, c)| match c {
            Change::AddStore { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (code, c) in &changes {
        match c {
            Change::ChangeFlow { store, from, .. } => {
                if removed.contains(store.as_str()) {
                    out.push(format!("{code} changes the flow into {store}, which is removed"));
                }
                if removed.contains(from.as_str()) {
                    out.push(format!("{code} feeds {store} from {from}, which is removed"));
                }
            }
            Change::AddStore { id, from, .. } => {
                if removed.contains(from.as_str()) {
                    out.push(format!("{code} feeds the new {id} from {from}, which is removed"));
                }
                if removed.contains(id.as_str()) {
                    out.push(format!("{code} adds {id}, which is removed"));
                }
            }
            Change::MoveWorkload { workload, to, .. } if removed.contains(to.as_str()) => {
                out.push(format!("{code} moves {workload} to {to}, which is removed"));
            }
            Change::RemoveStore { store, into, .. } => {
                if removed.contains(into.as_str()) {
                    out.push(format!("{code} folds {store} into {into}, which is removed too"));
                }
                if w.store(into).is_none() && !added.contains(into.as_str()) {
                    out.push(format!("{code} folds {store} into {into}, which is neither a store nor added"));
                }
            }
            _ => {}
        }
    }
    let arch = &report.architecture.recommended;
    let gone: BTreeSet<&str> =
        arch.stores.iter().filter(|s| s.status == Status::Removed).map(|s| s.id.as_str()).collect();
    for f in arch.flows.iter().filter(|f| f.status != Status::Removed) {
        if gone.contains(f.to.as_str()) || gone.contains(f.from.as_str()) {
            out.push(format!(
                "the recommended architecture keeps {} → {} ({}) with a removed end",
                f.from,
                f.to,
                f.via.as_str()
            ));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, max_global_rejects: 65_536, ..ProptestConfig::default() })]

    #[test]
    fn recommended_architecture_is_consistent(
        stores in prop::collection::vec(store_v2(), 1..8),
        items in prop::collection::vec(item_v2(), 0..10),
        proposals in prop::collection::vec(proposal(), 0..3),
        ruled_out in prop::collection::vec((0..RULED_OUT.len(), prop::option::of(0..16usize)), 0..2),
        horizon in prop::option::of(0..HORIZONS.len()),
    ) {
        let catalog = catalog::Catalog::embedded().unwrap();
        let patterns: Vec<String> = catalog.patterns.iter().map(|p| p.id.clone()).collect();
        let text = yaml_v2(&stores, &items, &proposals, &ruled_out, horizon, &patterns);
        let parsed = workload::parse(&text, catalog);
        prop_assume!(parsed.workload.is_some());
        let w = parsed.workload.as_ref().unwrap();
        let report = engine::analyze(w, parsed.catalog_or(catalog));
        let wrong = inconsistencies(w, &report);
        prop_assert!(wrong.is_empty(), "{}\n{text}", wrong.join("\n"));
        prop_assert!(report.findings.windows(2).all(|p| p[0].severity >= p[1].severity), "unsorted\n{text}");
    }
}

//! Benchmarks: analysing S1, analysing and parsing a generated workload of 1,000 stores and
//! 10,000 workloads, and the growth from 100 to 10,000 workloads (it should be close to linear).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::{fmt::Write as _, hint::black_box};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const S1: &str = include_str!("../../examples/s1-logistics.yaml");

/// Derived store types and the pattern their workloads use.
const DERIVED: &[(&str, &str)] = &[
    ("redis", "cache_ttl"),
    ("clickhouse", "analytical_scan"),
    ("elasticsearch", "full_text_search"),
    ("mongodb", "flexible_documents"),
    ("neo4j", "graph_traversal"),
    ("influxdb", "timeseries_query"),
    ("qdrant", "vector_similarity"),
    ("cassandra", "point_lookup"),
];
const SOURCE_PATTERNS: &[&str] =
    &["oltp_transaction", "point_lookup", "analytical_scan", "full_text_search", "range_scan"];

/// A valid workload file: lineages of ten stores (a PostgreSQL source of truth, a Kafka pipeline
/// fed by CDC, eight derived stores fed by stream, CDC, batch ETL or the odd dual write), ten
/// workloads per store with a mix of measured bottlenecks, and a few proposals.
fn generated(workloads: usize) -> String {
    let stores = (workloads / 10).max(10);
    let mut out = String::from("version: 1\nname: generated\nteam: { engineers: 40, hourly_cost_usd: 110 }\nstores:\n");
    for i in 0..stores {
        let group = i / 10;
        let slot = i % 10;
        match slot {
            0 => {
                let _ = writeln!(
                    out,
                    "  - {{ id: s{i}, type: postgresql, role: source_of_truth, size: {}GB }}",
                    50 + group % 700
                );
            }
            1 => {
                let _ = writeln!(
                    out,
                    "  - {{ id: s{i}, type: kafka, role: pipeline, fed_by: {{ from: s{}, via: cdc }}, staleness_budget: 2s }}",
                    group * 10
                );
            }
            _ => {
                let (kind, _) = DERIVED[(slot - 2) % DERIVED.len()];
                let feed = match (group + slot) % 7 {
                    0 => format!("{{ from: s{}, via: batch_etl, every: 1h }}", group * 10),
                    1 => format!("{{ from: s{}, via: cdc }}", group * 10),
                    2 if slot == 9 => format!("{{ from: s{}, via: dual_write }}", group * 10),
                    _ => format!("{{ from: s{}, via: stream }}", group * 10 + 1),
                };
                let _ = writeln!(
                    out,
                    "  - {{ id: s{i}, type: {kind}, role: derived, fed_by: {feed}, staleness_budget: {}, queries: {}/day, size: {}GB }}",
                    ["5s", "1m", "1h", "1d"][(i / 3) % 4],
                    [48, 900, 20_000, 500_000][(i / 5) % 4],
                    [2, 20, 200, 900][(i / 7) % 4],
                );
            }
        }
    }
    out.push_str("workloads:\n");
    for w in 0..workloads {
        let s = w % stores;
        let slot = s % 10;
        let pattern = match slot {
            0 => SOURCE_PATTERNS[(w / stores) % SOURCE_PATTERNS.len()],
            1 => "event_streaming",
            _ => DERIVED[(slot - 2) % DERIVED.len()].1,
        };
        let _ = writeln!(out, "  - id: w{w}\n    pattern: {pattern}\n    store: s{s}\n    rate: {}/s", 1 + w % 500);
        match w % 6 {
            0 => {
                let _ = writeln!(out, "    latency: {{ measured: 4m, target: 5s }}\n    data_size: {}GB", 20 + w % 900);
            }
            1 => out.push_str("    latency: { measured: 40ms, target: 200ms }\n"),
            2 => out.push_str("    items: 300k\n"),
            3 => out.push_str("    throughput: { measured: 200/s, target: 2k/s }\n"),
            _ => {}
        }
    }
    out.push_str("proposals:\n");
    for p in 0..(workloads / 100).max(1) {
        let _ = writeln!(out, "  - {{ add: elasticsearch, for: w{}, reason: it might be useful }}", p * 97 % workloads);
    }
    out
}

fn parse(text: &str) -> workload::Workload {
    let catalog = catalog::Catalog::embedded().unwrap();
    let parsed = workload::parse(text, catalog);
    parsed.workload.unwrap_or_else(|| panic!("generated file invalid: {:?}", parsed.diagnostics.first()))
}

/// A `fed_by` chain of `n` stores from one source of truth (issue 18: validation and lineage
/// must stay linear in its length).
fn chain(n: usize) -> String {
    let mut y =
        String::from("version: 2\nname: chain\nstores:\n  - { id: s0, type: postgresql, role: source_of_truth }\n");
    for i in 1..n {
        y.push_str(&format!(
            "  - {{ id: s{i}, type: redis, role: derived, fed_by: {{ from: s{}, via: cdc }} }}\n",
            i - 1
        ));
    }
    y.push_str("workloads:\n  - { id: w, pattern: point_lookup, store: s0, kind: read, rate: 10/s }\n");
    y
}

fn benches(c: &mut Criterion) {
    let catalog = catalog::Catalog::embedded().unwrap();
    let s1 = parse(S1);
    c.bench_function("analyze/s1", |b| b.iter(|| engine::analyze(black_box(&s1), catalog)));
    c.bench_function("parse/s1", |b| b.iter(|| workload::parse(black_box(S1), catalog)));

    let big_text = generated(10_000);
    let big = parse(&big_text);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("analyze/1000_stores_10000_workloads", |b| {
        b.iter(|| engine::analyze(black_box(&big), catalog));
    });
    // Words at the edge (issue 17): what a renderer pays on top of the analysis to put the
    // options' words in.
    let decided = engine::analyze(&big, catalog);
    group.bench_function("speak/1000_stores_10000_workloads", |b| {
        b.iter_batched(|| decided.clone(), |mut r| r.speak(catalog), criterion::BatchSize::LargeInput);
    });
    group.bench_function("parse/1000_stores_10000_workloads", |b| {
        b.iter(|| workload::parse(black_box(&big_text), catalog));
    });
    group.finish();

    let mut growth = c.benchmark_group("growth");
    growth.sample_size(10);
    for n in [100, 1_000, 10_000] {
        let text = generated(n);
        let w = parse(&text);
        growth.throughput(Throughput::Elements(n as u64));
        growth.bench_with_input(BenchmarkId::new("analyze", n), &w, |b, w| {
            b.iter(|| engine::analyze(black_box(w), catalog));
        });
        growth.bench_with_input(BenchmarkId::new("parse", n), &text, |b, t| {
            b.iter(|| workload::parse(black_box(t), catalog));
        });
    }
    growth.finish();

    let chain_text = chain(5_000);
    let long = parse(&chain_text);
    let mut chained = c.benchmark_group("chain");
    chained.sample_size(10);
    chained.bench_function("parse/5000_stores", |b| b.iter(|| workload::parse(black_box(&chain_text), catalog)));
    chained.bench_function("analyze/5000_stores", |b| b.iter(|| engine::analyze(black_box(&long), catalog)));
    chained.finish();
}

criterion_group!(analyze, benches);
criterion_main!(analyze);

//! Lint tests over the shipped catalog data: ids match file names, every figure has evidence,
//! every reference resolves, every number is plausible, and the required stores are all there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::{fs, path::Path};

use catalog::{Catalog, Category, lint};

fn embedded() -> &'static Catalog {
    match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("the shipped catalog does not load: {e}"),
    }
}

#[test]
fn shipped_catalog_passes_every_lint() {
    let problems = lint::check_catalog(embedded());
    assert!(problems.is_empty(), "catalog problems:\n{}", problems.join("\n"));
}

#[test]
fn file_names_match_ids() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/stores");
    let mut stems: Vec<String> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
        .collect();
    stems.sort();
    let ids: Vec<String> = embedded().stores.iter().map(|s| s.id.clone()).collect();
    assert_eq!(stems, ids, "every data/stores/<id>.toml holds the store `<id>`, and every file is embedded");
}

#[test]
fn covers_the_required_stores_and_patterns() {
    let c = embedded();
    for id in [
        "postgresql",
        "mysql",
        "sqlite",
        "redis",
        "memcached",
        "kafka",
        "rabbitmq",
        "clickhouse",
        "elasticsearch",
        "mongodb",
        "cassandra",
        "neo4j",
        "influxdb",
        "timescaledb",
        "dynamodb",
        "s3",
        "duckdb",
        "qdrant",
        "cloud_warehouse",
    ] {
        assert!(c.store(id).is_some(), "missing store `{id}`");
    }
    assert!(c.stores.len() >= 20, "{} stores", c.stores.len());
    assert!(c.patterns.len() >= 16, "{} patterns", c.patterns.len());
    for alias in ["postgres", "opensearch", "scylladb", "valkey", "snowflake", "bigquery"] {
        assert!(c.store(alias).is_some(), "alias `{alias}` resolves to no store");
    }
}

#[test]
fn ops_hours_are_plausible_for_a_small_deployment() {
    for store in &embedded().stores {
        let total = store.ops.total_hours();
        assert!((0.5..=40.0).contains(&total), "{}: {total} h/month in total", store.id);
        for category in Category::ALL {
            let block = store.ops.category(category);
            assert!(
                !block.chores.is_empty() || block.hours == 0.0,
                "{}: ops.{} lists no chores",
                store.id,
                category.as_str()
            );
        }
        let price = store.price.usd_per_month.as_f64();
        assert!(price.lo >= 0.0 && price.hi < 100_000.0, "{}: price {price:?}", store.id);
    }
}

#[test]
fn every_store_grades_something_strong() {
    for store in &embedded().stores {
        assert!(
            store.fit.values().any(|f| f.grade == catalog::Grade::Strong),
            "{} is strong at nothing: why would anyone run it?",
            store.id
        );
    }
}

#[test]
fn version_is_a_content_fingerprint() {
    let v = &embedded().version;
    assert!(v.starts_with(&format!("{}+", catalog::FORMAT_VERSION)) && v.len() == 10, "{v}");
}

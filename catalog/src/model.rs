//! The catalog's data types: store types, their fit per access pattern, remedies, ops burden.
//!
//! These mirror the TOML files in `data/` one to one (see `FORMAT.md`); unknown keys are errors.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::units::{Amount, Bytes, Count, Duration, Range, Rate};

/// How well a store serves an access pattern, from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Cannot do it, or must never be used for it.
    Unsuited,
    /// A known bad fit: users notice.
    Weak,
    /// Works with tuning or at small scale.
    Fair,
    /// Works well with ordinary care.
    Good,
    /// A primary use case at this scale.
    Strong,
}

impl Grade {
    /// The grade's name as written in catalog files.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Unsuited => "unsuited",
            Grade::Weak => "weak",
            Grade::Fair => "fair",
            Grade::Good => "good",
            Grade::Strong => "strong",
        }
    }
}

/// The kind of store, for grouping in the UI and the architecture diagram, and for judging what
/// a store can stand in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Family {
    Relational,
    KeyValue,
    Document,
    WideColumn,
    Search,
    Graph,
    TimeSeries,
    ColumnStore,
    Stream,
    Queue,
    ObjectStorage,
    Vector,
    Warehouse,
    EmbeddedAnalytics,
    /// Open table formats (Iceberg, Hudi, Delta Lake) on object storage.
    Lakehouse,
    /// SQL engines that query data where it lies (Trino, Presto).
    QueryEngine,
    /// Relational databases that shard and replicate themselves (CockroachDB, YugabyteDB, Spanner).
    DistributedSql,
    /// Column stores built for sub-second queries on fresh event streams (Druid, Pinot).
    RealtimeOlap,
}

impl Family {
    /// Every family, in declaration order.
    pub const ALL: [Family; 18] = [
        Family::Relational,
        Family::KeyValue,
        Family::Document,
        Family::WideColumn,
        Family::Search,
        Family::Graph,
        Family::TimeSeries,
        Family::ColumnStore,
        Family::Stream,
        Family::Queue,
        Family::ObjectStorage,
        Family::Vector,
        Family::Warehouse,
        Family::EmbeddedAnalytics,
        Family::Lakehouse,
        Family::QueryEngine,
        Family::DistributedSql,
        Family::RealtimeOlap,
    ];

    /// The name as written in catalog files and JSON (`column_store`).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Relational => "relational",
            Family::KeyValue => "key_value",
            Family::Document => "document",
            Family::WideColumn => "wide_column",
            Family::Search => "search",
            Family::Graph => "graph",
            Family::TimeSeries => "time_series",
            Family::ColumnStore => "column_store",
            Family::Stream => "stream",
            Family::Queue => "queue",
            Family::ObjectStorage => "object_storage",
            Family::Vector => "vector",
            Family::Warehouse => "warehouse",
            Family::EmbeddedAnalytics => "embedded_analytics",
            Family::Lakehouse => "lakehouse",
            Family::QueryEngine => "query_engine",
            Family::DistributedSql => "distributed_sql",
            Family::RealtimeOlap => "realtime_olap",
        }
    }
}

/// What the ops hours of an entry assume about who runs the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deployment {
    /// Run by the team on VMs or Kubernetes.
    SelfHosted,
    /// A cloud service; no servers to run.
    Managed,
    /// A library inside the application process.
    Embedded,
}

/// How reliable a source is, following the dossier's tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// The project's own documentation.
    Official,
    /// Published by the product's vendor (possible bias).
    Vendor,
    /// A third party with no stake.
    Independent,
    /// Blogs and aggregators: a rough indicator only.
    Low,
    /// A figure the user supplied in an override.
    User,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique within its store file.
    pub id: String,
    /// What the document is.
    pub title: String,
    /// `https://…`, or `seed:000` for the product's seed documents.
    pub url: String,
    /// The page's date, or the date it was read (`YYYY-MM-DD`).
    pub date: String,
    /// How far to trust it.
    pub authority: Authority,
}

/// The evidence behind a figure: cited sources, our own estimate, or both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// Ids of [`Source`]s in the same store entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Our reasoning when the figure is an estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// Implemented by every catalog block that carries a figure, so lints can walk them uniformly.
pub trait Evidenced {
    /// The block's sources and estimate.
    fn evidence(&self) -> Evidence;
}

macro_rules! evidenced {
    ($($ty:ty),*) => {$(
        impl Evidenced for $ty {
            fn evidence(&self) -> Evidence {
                Evidence { cite: self.cite.clone(), estimate: self.estimate.clone() }
            }
        }
    )*};
}

/// The scale up to which a grade or remedy holds; any limit left out is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Data volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Bytes>,
    /// Number of items (rows, documents, vectors, edges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Count>,
    /// Request or event rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
}

impl Scale {
    /// No limit in any dimension.
    pub fn is_unbounded(&self) -> bool {
        self.data.is_none() && self.items.is_none() && self.rate.is_none()
    }
}

/// A numeric figure with its evidence (used for `learning_weeks`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The value.
    pub value: f64,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// How well a store serves one access pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    /// The grade.
    pub grade: Grade,
    /// The scale up to which it holds.
    #[serde(default)]
    pub up_to: Scale,
    /// Typical latency at that scale; absent when the grade is `unsuited`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<Range<Duration>>,
    /// The figures behind it, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// Something the store is not good for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotGoodFor {
    /// The use it is bad at.
    pub what: String,
    /// The access patterns this applies to (the engine rejects the store for them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// The kinds of incoming write this applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub writes: Vec<WriteKind>,
    /// The scale beyond which it applies (empty: at any scale).
    #[serde(default, skip_serializing_if = "Scale::is_unbounded")]
    pub beyond: Scale,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// A way to serve access patterns better inside this store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remedy {
    /// An id from `remedies.toml`.
    pub id: String,
    /// The patterns it improves.
    pub patterns: Vec<String>,
    /// The grade the pattern reaches with it.
    pub grade: Grade,
    /// The scale up to which it holds.
    #[serde(default)]
    pub up_to: Scale,
    /// Typical latency with the remedy in place.
    pub latency: Range<Duration>,
    /// The freshest data it can serve (refresh cadence); `None` when live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_staleness: Option<Duration>,
    /// Ops hours per month it adds.
    pub added_hours: f64,
    /// For remedies that add capacity (replicas, a larger instance, shards): how much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Remedies of the same store it needs in place first (a continuous aggregate needs the
    /// time-series extension); their hours count with it when they are not in place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// Not offered by the hyperscalers' managed services of this engine (an extension RDS or
    /// Cloud SQL does not ship): only for a store the team runs itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub self_hosted_only: bool,
    /// What to do.
    pub how: String,
    /// Where it stops helping.
    pub limits: String,
    /// The figures behind it, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// What a capacity remedy multiplies, and per what.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// The multiplier on the rate its patterns hold to (`fit.*.up_to.rate`): for the whole
    /// deployment (`per = "deployment"`), or added by each unit (a replica, a shard, a database).
    pub factor: f64,
    /// What the factor counts.
    pub per: CapacityUnit,
    /// Most units one deployment takes (15 read replicas on RDS), when there is a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_units: Option<u32>,
}

/// What a capacity factor is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacityUnit {
    /// The remedy as a whole (a larger instance).
    Deployment,
    /// Each read replica.
    Replica,
    /// Each shard (a primary with its share of the rows).
    Shard,
    /// Each separate database a group of tables moves to.
    Database,
}

/// A kind of write a store may have to take to be fed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteKind {
    /// Many small inserts, a row or a few at a time (what a CDC or stream consumer sends).
    Inserts,
    /// Large batches loaded at once (a nightly export, files of Parquet).
    BulkLoads,
    /// In-place updates and deletes of existing rows by key.
    Updates,
    /// Insert-or-replace by key (what applying a change stream needs).
    Upserts,
}

impl WriteKind {
    /// All four, in file order.
    pub const ALL: [WriteKind; 4] = [WriteKind::Inserts, WriteKind::BulkLoads, WriteKind::Updates, WriteKind::Upserts];

    /// The name as written in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WriteKind::Inserts => "inserts",
            WriteKind::BulkLoads => "bulk_loads",
            WriteKind::Updates => "updates",
            WriteKind::Upserts => "upserts",
        }
    }
}

/// How well a store takes one kind of write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriteFit {
    /// The grade.
    pub grade: Grade,
    /// The rate per node up to which the grade holds (rows or requests per second).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<Rate>,
    /// The figures behind it, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// How a store takes the writes that feed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Writes {
    /// Many small inserts.
    pub inserts: WriteFit,
    /// Bulk loads.
    pub bulk_loads: WriteFit,
    /// Updates and deletes by key.
    pub updates: WriteFit,
    /// Upserts by key.
    pub upserts: WriteFit,
}

impl Writes {
    /// The fit for one kind.
    pub fn get(&self, kind: WriteKind) -> &WriteFit {
        match kind {
            WriteKind::Inserts => &self.inserts,
            WriteKind::BulkLoads => &self.bulk_loads,
            WriteKind::Updates => &self.updates,
            WriteKind::Upserts => &self.upserts,
        }
    }
}

/// How a store grows past one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleMode {
    /// It spreads data and load over the nodes it is given (a cluster): capacity grows with nodes.
    Native,
    /// One primary takes the writes; growing past it takes replicas, partitioning into
    /// databases or sharding (the remedies say which and how far).
    Primary,
    /// One node or process only (an embedded library).
    Single,
}

/// A store's scale-out, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleOut {
    /// How it grows.
    pub mode: ScaleMode,
    /// Caveats (rebalancing, hot partitions, a coordinator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// The five categories of operational cost from the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Containers, configuration, health checks, upgrades.
    Deployment,
    /// Dashboards, alerts, tuning.
    Monitoring,
    /// Backups and tested recovery procedures.
    Backup,
    /// Authentication, TLS, access control, audits.
    Security,
    /// Keeping data correct within and across stores.
    Consistency,
}

impl Category {
    /// All five, in the seed's order.
    pub const ALL: [Category; 5] =
        [Category::Deployment, Category::Monitoring, Category::Backup, Category::Security, Category::Consistency];

    /// The name as written in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Deployment => "deployment",
            Category::Monitoring => "monitoring",
            Category::Backup => "backup",
            Category::Security => "security",
            Category::Consistency => "consistency",
        }
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Category::Deployment => "Deployment",
            Category::Monitoring => "Monitoring",
            Category::Backup => "Backup & recovery",
            Category::Security => "Security",
            Category::Consistency => "Consistency",
        }
    }
}

/// One category of operational burden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpsCategory {
    /// Hours per month for a small production deployment.
    pub hours: f64,
    /// The recurring work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chores: Vec<String>,
    /// What to watch (monitoring).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_metrics: Vec<String>,
    /// Backup tools (backup).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    /// Authentication and authorization model (security).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_model: Option<String>,
    /// Consistency model (consistency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// The operational burden of running a store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ops {
    /// The data size the hours are given for.
    pub size_reference: Bytes,
    /// Hours scale with `(size / size_reference) ^ size_exponent`, never below 1×.
    pub size_exponent: f64,
    /// Sources for the scaling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning for the scaling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
    /// Deployment burden.
    pub deployment: OpsCategory,
    /// Monitoring burden.
    pub monitoring: OpsCategory,
    /// Backup and recovery burden.
    pub backup: OpsCategory,
    /// Security burden.
    pub security: OpsCategory,
    /// Consistency burden.
    pub consistency: OpsCategory,
}

impl Ops {
    /// The block for one category.
    pub fn category(&self, category: Category) -> &OpsCategory {
        match category {
            Category::Deployment => &self.deployment,
            Category::Monitoring => &self.monitoring,
            Category::Backup => &self.backup,
            Category::Security => &self.security,
            Category::Consistency => &self.consistency,
        }
    }

    /// Total hours per month at the reference size.
    pub fn total_hours(&self) -> f64 {
        Category::ALL.iter().map(|&c| self.category(c).hours).sum()
    }

    /// The multiplier on hours for a store holding `size` (1.0 at or below the reference).
    pub fn size_factor(&self, size: Option<Bytes>) -> f64 {
        match size {
            Some(Bytes(b)) if b > self.size_reference.0 && self.size_reference.0 > 0.0 => {
                (b / self.size_reference.0).powf(self.size_exponent).max(1.0)
            }
            _ => 1.0,
        }
    }
}

/// Whether a store can be a CDC source or sink, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CdcSide {
    /// Supported at all.
    pub supported: bool,
    /// The connector or mechanism.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Typical end-to-end lag when supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<Range<Duration>>,
    /// Caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// Change data capture capabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cdc {
    /// Changes can be captured from this store.
    pub as_source: CdcSide,
    /// Captured changes can be applied to this store.
    pub as_sink: CdcSide,
    /// A transactional outbox can be written here: one transaction commits a write and the
    /// outbox record that announces it. Absent: a relational store can, any other cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<CdcSide>,
}

impl Cdc {
    /// Whether a transactional outbox can be written in a store of this family with these facts.
    pub fn outbox_supported(&self, family: Family) -> bool {
        self.outbox.as_ref().map_or(family == Family::Relational, |o| o.supported)
    }
}

/// Indicative monthly price of a small production deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// USD per month.
    pub usd_per_month: Amount,
    /// What the figure is.
    pub basis: String,
    /// Caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

evidenced!(Figure, Fit, NotGoodFor, Remedy, OpsCategory, Ops, CdcSide, Price, WriteFit, ScaleOut);

/// One store type: everything storewise knows about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreType {
    /// The id, equal to the file name.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of store.
    pub family: Family,
    /// Other names accepted in workload files.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One or two sentences.
    pub summary: String,
    /// What the ops hours assume.
    pub deployment: Deployment,
    /// Weeks for a new engineer to learn it.
    pub learning_weeks: Figure,
    /// Cited documents.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Fit per access pattern id.
    pub fit: BTreeMap<String, Fit>,
    /// Known bad uses.
    #[serde(default)]
    pub not_good_for: Vec<NotGoodFor>,
    /// In-store remedies.
    #[serde(default)]
    pub remedies: Vec<Remedy>,
    /// Operational burden.
    pub ops: Ops,
    /// Change data capture.
    pub cdc: Cdc,
    /// Indicative price.
    pub price: Price,
    /// How it takes the writes that would feed it (catalog format 2; every shipped store has it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writes: Option<Writes>,
    /// How it grows past one node (catalog format 2; every shipped store has it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_out: Option<ScaleOut>,
    /// Dotted paths of figures replaced by a user override (empty for the shipped data).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<String>,
}

impl StoreType {
    /// It spreads its own data and load over the nodes it is given (`scale_out.mode = native`).
    pub fn spreads_itself(&self) -> bool {
        self.scale_out.as_ref().is_some_and(|s| s.mode == ScaleMode::Native)
    }

    /// The fit for a pattern id, if the store grades it.
    pub fn fit(&self, pattern: &str) -> Option<&Fit> {
        self.fit.get(pattern)
    }

    /// The remedies that improve `pattern`.
    pub fn remedies_for<'a>(&'a self, pattern: &'a str) -> impl Iterator<Item = &'a Remedy> + 'a {
        self.remedies.iter().filter(move |r| r.patterns.iter().any(|p| p == pattern))
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources an evidence block cites, resolved (unknown ids are skipped; the lint forbids them).
    pub fn cited<'a>(&'a self, evidence: &'a Evidence) -> impl Iterator<Item = &'a Source> + 'a {
        evidence.cite.iter().filter_map(move |id| self.source(id))
    }
}

/// An access pattern from `patterns.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Stable id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it means.
    pub description: String,
    /// Whether it reads, writes, or both.
    pub direction: Direction,
    /// What it touches per request.
    pub shape: Shape,
    /// How stale its answers may be when a workload does not say (`0s`: live data).
    pub assumed_freshness: Duration,
    /// Why that assumption, for the finding that states it.
    pub freshness_estimate: String,
    /// Its state is rows a general-purpose database keeps in a table of its own (a `SKIP LOCKED`
    /// job table, a cache table, a session table): a store that serves only such patterns may fold
    /// into the source of truth, when that offers a remedy for each of them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub absorbable: bool,
}

/// Whether an access pattern reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Reads only: replicas and caches can take it.
    Read,
    /// Writes (appends, enqueues): the primary or every shard must take it.
    Write,
    /// Reads and writes in one unit (a transaction, a session update).
    Both,
}

/// What one request of an access pattern touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One record by key.
    Point,
    /// An ordered slice by an indexed range.
    Range,
    /// A large share of the data.
    Scan,
    /// Matches ranked by relevance or similarity.
    Search,
    /// Relationships followed hop by hop.
    Traversal,
    /// Records appended at a high rate.
    Append,
    /// Messages handed from producers to consumers.
    Message,
    /// Large opaque objects.
    Object,
}

/// What a remedy relieves, so the engine can tell whether it answers a bottleneck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Address {
    /// Selective reads that lack an access path (an index).
    SelectiveReads,
    /// Reads of a large share of the data (precomputation, pruning).
    Scans,
    /// More read throughput (replicas, a larger instance, shards).
    ReadCapacity,
    /// More write throughput (a larger instance, shards).
    WriteCapacity,
    /// Too many client connections.
    Connections,
    /// Data volume on one node (shards, tiering, retention).
    Storage,
    /// Table maintenance that stalls on huge tables (vacuum, compaction, index rebuilds).
    Maintenance,
    /// Heavy reads competing with the transactions on the primary.
    Interference,
    /// An access pattern the store does not serve well without it.
    Capability,
}

/// A kind of in-store remedy from `remedies.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemedyKind {
    /// Stable id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// What it relieves.
    pub addresses: Vec<Address>,
    /// The operations category its added hours fall in.
    pub category: Category,
    /// It serves results computed ahead of the query (a materialized view, a rollup): queries
    /// whose filters and groupings are chosen when they run cannot use it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub precomputes: bool,
}

/// What one kind of flow between stores costs, risks and guarantees (`data/flows.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowKind {
    /// The flow kind as written in workload files (`cdc`, `polling`, ...).
    pub via: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Hours per month to keep one such flow running (the connector, consumer, relay or job).
    pub upkeep_hours: f64,
    /// How the upkeep splits over the categories (fractions summing to 1).
    pub upkeep_split: BTreeMap<Category, f64>,
    /// Cross-store consistency issues per month one such flow causes.
    pub issues_per_month: Amount,
    /// Weeks a new engineer needs to learn how it works and fails.
    pub onboarding_weeks: f64,
    /// Typical lag it adds; absent when it comes from elsewhere (`lag_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<Range<Duration>>,
    /// Where its lag comes from when `lag` is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_from: Option<LagFrom>,
    /// What it guarantees and what it breaks, as data.
    pub traits: FlowTraits,
    /// The ways it fails, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure_modes: Vec<String>,
    /// Sources (ids of this file's `[[sources]]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<String>,
    /// Reasoning, for estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
}

/// Where a flow's lag comes from when its kind has no fixed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LagFrom {
    /// The source store's CDC lag (`cdc.as_source.lag`).
    SourceCdc,
    /// The flow's interval (`every`) plus its run time.
    Interval,
}

/// Facts about a flow kind that the rules test. Independent yes/no facts, each read on its own,
/// so a struct of flags is the data's shape.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowTraits {
    /// The application writes both stores with no transaction spanning them: a crash between
    /// the writes leaves them inconsistent with nothing to replay.
    pub dual_write: bool,
    /// Every committed change reaches the target, deletes included.
    pub captures_deletes: bool,
    /// Intermediate states between two reads reach the target (log-based), not just the last one.
    pub captures_every_change: bool,
    /// It queries the source, adding load to it.
    pub loads_source: bool,
    /// What it delivered can be replayed (from a log or outbox) to rebuild or repair the target.
    pub replayable: bool,
    /// The target trails the source: a read after a write may not see it.
    pub asynchronous: bool,
    /// Entries expire or are evicted: the target holds a bounded, recomputable subset.
    pub expiring: bool,
}

/// The sources cited by `data/flows.toml`, and its flow kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowFile {
    /// Cited documents.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// One entry per flow kind.
    pub flow: Vec<FlowKind>,
}

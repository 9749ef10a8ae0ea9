//! The workload file's data model, versions 1 and 2: stores, flows, workloads, proposals, team.
//!
//! Decoded by hand from the YAML tree (`decode.rs`) so every error is collected with its
//! position; serialised with serde for reports and share links; described as JSON Schema.

use catalog::units::{Bytes, Count, Duration, Factor, Growth, Percent, Rate};
use serde::Serialize;

use crate::diag::Span;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A value with the span it was read from; serialises as the bare value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

#[cfg(feature = "schema")]
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The newest format version this build reads (it reads every older one too).
pub const VERSION: u32 = 2;

/// Every format version this build reads.
pub const VERSIONS: [u32; 2] = [1, 2];

/// A whole workload file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields, title = "storewise workload"))]
pub struct Workload {
    /// Format version: `1` or `2` (version 2 adds the fields marked "version 2").
    #[cfg_attr(feature = "schema", schemars(with = "VersionNumber"))]
    pub version: u32,
    /// The architecture's name, shown in reports.
    pub name: String,
    /// A sentence or two of context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The team that runs it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Team>,
    /// The data stores, running or planned.
    pub stores: Vec<Store>,
    /// What the stores are used for, with measured and target figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<WorkloadItem>,
    /// Questions to judge by the decision rule: should we add, replace, move or remove this?
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
    /// Version 2: options the team has already ruled out, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ruled_out: Vec<RuledOut>,
    /// Version 2: how far ahead to plan growth (e.g. `18mo`, `2y`; one year when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub horizon: Option<Spanned<Duration>>,
    /// Your own figures for catalog entries, keyed by store type (same shape as the catalog's files).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<OverridesTable>"))]
    pub catalog_overrides: Option<OverrideTable>,
    /// Version 2: findings the team has decided to accept, each with its reason and, if it
    /// lapses, the date it lapses on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<Ignore>,
}

/// Every rule code the engine has (the engine's registry is tested against this list): the
/// workload names rules in `ignore` without knowing what they check.
pub const RULE_CODES: &[&str] = &[
    "SW001", "SW002", "SW003", "SW004", "SW005", "SW006", "SW007", "SW008", "SW009", "SW010", "SW011", "SW012",
    "SW013", "SW014", "SW015", "SW016",
];

/// Version 2: a suppression. Findings of `code` about every one of `subjects` (every finding of
/// `code` when there are none) are reported apart, with the reason, until `until` has passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Ignore {
    /// The rule's code (`SW006`).
    #[cfg_attr(feature = "schema", schemars(with = "RuleCode"))]
    pub code: Spanned<String>,
    /// Store and workload ids; a finding is suppressed when it is about every one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Spanned<String>>,
    /// Why the finding is accepted (an ADR, a ticket, a sentence).
    pub reason: String,
    /// The last day the suppression holds (`2027-03-01`); after it, the finding is reported again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateText>"))]
    pub until: Option<Spanned<crate::date::Date>>,
    /// Where the entry is, and its index in `ignore` as written.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub at: At,
}

/// `catalog_overrides`, in the catalog's (JSON) shape, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct OverrideTable {
    /// Store type → partial entry.
    pub table: serde_json::Map<String, serde_json::Value>,
    /// Where `catalog_overrides` is in the file.
    pub span: Span,
}

impl Serialize for OverrideTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.table.serialize(s)
    }
}

/// The team running the architecture: prices its hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Team {
    /// Engineers who share the on-call and the data layer.
    pub engineers: u32,
    /// Loaded cost of one engineering hour, USD.
    #[cfg_attr(feature = "schema", schemars(range(min = 0.0)))]
    pub hourly_cost_usd: f64,
}

/// What part a store plays in the data flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Where the application writes; the authority for its data.
    SourceOfTruth,
    /// A copy or projection fed from another store (cache, search index, analytics).
    Derived,
    /// Moves changes between stores (Kafka, a queue) without being the authority.
    Pipeline,
}

impl Role {
    /// All roles, for messages.
    pub const ALL: [(&'static str, Role); 3] =
        [("source_of_truth", Role::SourceOfTruth), ("derived", Role::Derived), ("pipeline", Role::Pipeline)];
}

/// How data reaches a store from another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Change data capture from the source's log (Debezium reading the WAL).
    Cdc,
    /// A transactional outbox table relayed by a poller or CDC.
    Outbox,
    /// The application writes both stores itself: no transaction spans them.
    DualWrite,
    /// Periodic batch extract-transform-load.
    BatchEtl,
    /// A consumer of a stream or queue writes the store.
    Stream,
    /// Version 2: query-based extraction on a schedule (`WHERE updated_at > :last`).
    Polling,
    /// Version 2: the application fills the cache on a miss; entries expire or are invalidated.
    CacheAside,
    /// Version 2: the application writes this store as its own data (a queue, counters).
    AppWrite,
    /// Version 2: writes to the source delete or refresh the cached entries they change.
    Invalidation,
    /// Version 2: the engine's own replication to a replica.
    Replication,
    /// Version 2: a periodic job that compares the stores and repairs what differs.
    RepairJob,
}

impl Via {
    /// All kinds, for messages.
    pub const ALL: [(&'static str, Via); 11] = [
        ("cdc", Via::Cdc),
        ("outbox", Via::Outbox),
        ("dual_write", Via::DualWrite),
        ("batch_etl", Via::BatchEtl),
        ("stream", Via::Stream),
        ("polling", Via::Polling),
        ("cache_aside", Via::CacheAside),
        ("app_write", Via::AppWrite),
        ("invalidation", Via::Invalidation),
        ("replication", Via::Replication),
        ("repair_job", Via::RepairJob),
    ];

    /// The kinds version 1 of the format has.
    pub const V1: [Via; 5] = [Via::Cdc, Via::Outbox, Via::DualWrite, Via::BatchEtl, Via::Stream];

    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(_, v)| *v == self).map_or("cdc", |(n, _)| n)
    }

    /// Whether the flow runs on a schedule (`every` applies).
    pub fn scheduled(self) -> bool {
        matches!(self, Via::BatchEtl | Via::Polling | Via::RepairJob)
    }
}

/// One incoming flow of a store.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(JsonSchema),
    schemars(
        deny_unknown_fields,
        // `from` may be left out only by the application's own writes.
        extend("if" = { "properties": { "via": { "const": "app_write" } }, "required": ["via"] }),
        extend("else" = { "properties": { "from": true }, "required": ["from"] })
    )
)]
pub struct Feed {
    /// The id of the store the data comes from (for `app_write`: the source of truth written
    /// alongside, when there is one).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub from: Spanned<String>,
    /// How it flows.
    pub via: Spanned<Via>,
    /// For `batch_etl`, `polling` and `repair_job`: how often it runs (e.g. `1h`, `1d`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub every: Option<Duration>,
    /// Version 2: the lag measured on this flow against the lag it must stay under.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Measured<DurationText>>"))]
    pub lag: Option<Spanned<Measured<Duration>>>,
    /// Version 2: whether what it delivered can be replayed to rebuild the store (a retained log).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replayable: Option<bool>,
    /// Version 2, for `app_write`: the write shares the source of truth's transaction (an
    /// enqueue in the same database transaction is not a dual write).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactional: Option<bool>,
    /// Anything worth knowing (the relay used, the topic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Version 2: incidents per month by kind, as the team counts them.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Incidents {
    /// The store was down or refused work.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub outage: Option<Rate>,
    /// Its data disagreed with the source of truth.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub inconsistency: Option<Rate>,
    /// Maintenance stalled it (vacuum, compaction, merges, index rebuilds).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub stall: Option<Rate>,
    /// Replicas or consumers fell behind beyond what readers accept.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub replication_lag: Option<Rate>,
    /// It slowed down past its targets (latency incidents, saturation).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub performance: Option<Rate>,
}

impl Incidents {
    /// The kinds, as written in files.
    pub const KINDS: [&'static str; 5] = ["outage", "inconsistency", "stall", "replication_lag", "performance"];

    /// Every kind with its rate, in `KINDS` order.
    pub fn each(&self) -> [(&'static str, Option<Rate>); 5] {
        [
            ("outage", self.outage),
            ("inconsistency", self.inconsistency),
            ("stall", self.stall),
            ("replication_lag", self.replication_lag),
            ("performance", self.performance),
        ]
    }

    /// All incidents, per month.
    pub fn per_month(&self) -> f64 {
        self.each().iter().filter_map(|(_, r)| *r).map(|r| r.per_sec() * 2_592_000.0).sum()
    }
}

/// Version 2: what a cache holds and how well it works.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct CacheFacts {
    /// Share of reads served from the cache.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<PercentText>"))]
    pub hit_rate: Option<Percent>,
    /// What a read costs when it misses (the source's read plus the fill).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub miss_latency: Option<Duration>,
    /// Memory (or disk) the cache has.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SizeText>"))]
    pub capacity: Option<Bytes>,
    /// Data the reads touch in a day (or the window that matters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SizeText>"))]
    pub working_set: Option<Bytes>,
    /// How long entries live.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub ttl: Option<Duration>,
}

/// A data store the architecture runs (or plans to).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Store {
    /// Unique id, referred to by flows and workloads (e.g. `main-db`).
    pub id: Spanned<String>,
    /// A catalog store type or alias (`postgresql`, `kafka`, `clickhouse`, ...).
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(with = "StoreTypeName"))]
    pub kind: Spanned<String>,
    /// Source of truth, derived, or pipeline.
    pub role: Spanned<Role>,
    /// Where its data comes from (one flow or a list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMany<Feed>>"))]
    pub fed_by: Vec<Feed>,
    /// Lag accepted between the source and this store (e.g. `5s`, `1h`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub staleness_budget: Option<Spanned<Duration>>,
    /// What the store costs per month in infrastructure, USD (else the catalog's indicative price).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 0.0)))]
    pub monthly_cost_usd: Option<f64>,
    /// How much data it holds (e.g. `500GB`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SizeText>"))]
    pub size: Option<Bytes>,
    /// How often it is queried (e.g. `48/day`), for judging whether it is underused.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub queries: Option<Rate>,
    /// Remedies already in place on this store (catalog remedy ids), so they are not suggested again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RemedyName>"))]
    pub remedies_in_place: Vec<Spanned<String>>,
    /// Version 2: a managed service (`true`) or run by the team (`false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed: Option<bool>,
    /// Version 2: nodes of a cluster that spreads its own data (Cassandra, Elasticsearch, Kafka).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub nodes: Option<Spanned<u32>>,
    /// Version 2: primaries the data is sharded over (application sharding, Citus, Vitess).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub shards: Option<Spanned<u32>>,
    /// Version 2: read replicas (per shard).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<Spanned<u32>>,
    /// Version 2: CPU at peak on the busiest node or shard, against the level the team keeps under.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Gauge<PercentText>>"))]
    pub cpu: Option<Spanned<Gauge<Percent>>>,
    /// Version 2: memory used at peak on the busiest node, against its limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Gauge<PercentText>>"))]
    pub memory: Option<Spanned<Gauge<Percent>>>,
    /// Version 2: I/O operations per second at peak on the busiest node, against its limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Gauge<RateText>>"))]
    pub iops: Option<Spanned<Gauge<Rate>>>,
    /// Version 2: storage used on the busiest node, against its limit (e.g. the instance's maximum).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Gauge<SizeText>>"))]
    pub storage: Option<Spanned<Gauge<Bytes>>>,
    /// Version 2: client connections at peak, against the limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Gauge<CountText>>"))]
    pub connections: Option<Spanned<Gauge<Count>>>,
    /// Version 2: how fast its load and data grow (e.g. `2x/year`, `+40%/year`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<GrowthText>"))]
    pub growth: Option<Spanned<Growth>>,
    /// Version 2: the busiest shard or node's load against the average (e.g. `4x`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<FactorText>"))]
    pub skew: Option<Spanned<Factor>>,
    /// Version 2: incidents per month by kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incidents: Option<Spanned<Incidents>>,
    /// Version 2: the hours the team actually spends operating it (e.g. `30/month`); the report
    /// uses it instead of the catalog's estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub ops_hours: Option<Spanned<Rate>>,
    /// Version 2: for a cache, its hit rate, miss latency, capacity, working set and TTL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<Spanned<CacheFacts>>,
    /// Anything worth knowing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the entry is, and its index in `stores` as written.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub at: At,
}

/// Where a list entry is in the file: its span and its index in the list as written (entries
/// that failed to decode still count, so paths in messages match the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct At {
    /// The entry's span.
    pub span: Span,
    /// The entry's index in its list.
    pub index: usize,
}

/// A measured figure against its target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields, rename = "Measured{T}"))]
pub struct Measured<T> {
    /// What was measured (p95 unless noted); absent when not measured yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<T>,
    /// What it must be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<T>,
}

/// Version 2: a resource at peak against the level the team keeps it under (or its hard limit).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields, rename = "Gauge{T}"))]
pub struct Gauge<T> {
    /// What was measured at peak.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<T>,
    /// The level not to cross (a policy such as 80 % CPU, or the instance's maximum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<T>,
}

/// One thing the system does with its data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct WorkloadItem {
    /// Unique id (e.g. `fleet-report`).
    pub id: Spanned<String>,
    /// A catalog access pattern (`analytical_scan`, `full_text_search`, ...).
    #[cfg_attr(feature = "schema", schemars(with = "PatternName"))]
    pub pattern: Spanned<String>,
    /// The id of the store that serves it today.
    pub store: Spanned<String>,
    /// How often it runs (e.g. `20/hour`, `2k/s`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RateText>"))]
    pub rate: Option<Rate>,
    /// Data it touches (e.g. `200GB`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SizeText>"))]
    pub data_size: Option<Bytes>,
    /// Items it searches or scans (rows, documents, vectors: e.g. `5M`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<CountText>"))]
    pub items: Option<Count>,
    /// Latency, measured against target.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Measured<DurationText>>"))]
    pub latency: Option<Spanned<Measured<Duration>>>,
    /// Throughput, measured against target.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Measured<RateText>>"))]
    pub throughput: Option<Spanned<Measured<Rate>>>,
    /// Remedies already tried without reaching the target (catalog remedy ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RemedyName>"))]
    pub tried: Vec<Spanned<String>>,
    /// Version 2: whether it reads or writes (else the access pattern says).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Spanned<ItemKind>>,
    /// Version 2, for writes: rows per insert statement or batch (`1` for row-at-a-time).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<CountText>"))]
    pub batch_size: Option<Count>,
    /// Version 2, for writes: the share that updates or deletes existing rows (the rest inserts).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<PercentText>"))]
    pub updates: Option<Percent>,
    /// Version 2: how fast its rate grows (e.g. `2x/year`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<GrowthText>"))]
    pub growth: Option<Spanned<Growth>>,
    /// Version 2: how stale an answer may be (e.g. `5m` for a dashboard, `0s` for live reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub freshness: Option<Spanned<Duration>>,
    /// Version 2: a user must see their own write in the read that follows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_your_writes: Option<bool>,
    /// Version 2: it looks records up by an attribute other than the shard or partition key, so
    /// a sharded store must ask every shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_lookup: Option<bool>,
    /// Version 2: its queries choose their filters and groupings when they run (ad-hoc
    /// exploration), so precomputed results (materialized views, rollups) cannot serve them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ad_hoc: Option<bool>,
    /// Version 2: the group of tables it works on (`files`, `billing`); workloads of different
    /// domains can move to separate databases (functional partitioning).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Anything worth knowing (e.g. "causes transactional latency spikes").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the entry is, and its index in `workloads` as written.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub at: At,
}

/// Version 2: whether a workload item reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Reads (replicas and caches can take it).
    Read,
    /// Writes (the primary or every shard takes it).
    Write,
}

impl ItemKind {
    /// All kinds, for messages.
    pub const ALL: [(&'static str, ItemKind); 2] = [("read", ItemKind::Read), ("write", ItemKind::Write)];
}

/// What a proposal asks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Ask {
    /// Add a store of this catalog type.
    Add {
        /// The catalog store type.
        add: Spanned<String>,
    },
    /// Version 2: replace a store by one of another type.
    Replace {
        /// The store to replace.
        replace: Spanned<String>,
        /// The catalog store type to replace it with.
        by: Spanned<String>,
    },
    /// Version 2: serve a workload from another store the architecture runs.
    Move {
        /// The workload.
        #[serde(rename = "move")]
        workload: Spanned<String>,
        /// The store to serve it.
        to: Spanned<String>,
    },
    /// Version 2: take a store out.
    Remove {
        /// The store.
        remove: Spanned<String>,
    },
}

/// A question for the decision rule: should we add, replace, move or remove this?
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// What it asks.
    #[serde(flatten)]
    pub ask: Ask,
    /// The workload id it is meant to serve, if any.
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    pub for_workload: Option<Spanned<String>>,
    /// Why the team wants it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the entry is, and its index in `proposals` as written.
    #[serde(skip)]
    pub at: At,
}

#[cfg(feature = "schema")]
impl JsonSchema for Proposal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Proposal".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut store_type = |description: &str| {
            let mut schema = generator.subschema_for::<StoreTypeName>();
            schema.insert("description".into(), description.into());
            schema
        };
        let add = store_type("The catalog store type to add (`elasticsearch`).");
        let by = store_type("Version 2, with `replace`: the catalog store type to replace it with.");
        schemars::json_schema!({
            "description": "A question for the decision rule: `add` a store type, `replace` a store `by` a type, `move` a workload `to` a store, or `remove` a store (all but `add` are version 2).",
            "type": "object",
            "properties": {
                "add": add,
                "replace": { "type": "string", "description": "Version 2: the id of the store to replace." },
                "by": by,
                "move": { "type": "string", "description": "Version 2: the id of the workload to serve elsewhere." },
                "to": { "type": "string", "description": "Version 2, with `move`: the id of the store to serve it." },
                "remove": { "type": "string", "description": "Version 2: the id of the store to take out." },
                "for": { "type": "string", "description": "The workload id it is meant to serve." },
                "reason": { "type": "string", "description": "Why the team wants it." }
            },
            // Each branch names its properties (as `true`: the shape is above) so that strict
            // validators (ajv's strictRequired) accept its `required`.
            "oneOf": [
                { "properties": { "add": true }, "required": ["add"] },
                { "properties": { "replace": true, "by": true }, "required": ["replace", "by"] },
                { "properties": { "move": true, "to": true }, "required": ["move", "to"] },
                { "properties": { "remove": true }, "required": ["remove"] }
            ],
            "dependentRequired": { "by": ["replace"], "to": ["move"] },
            "additionalProperties": false
        })
    }
}

impl Proposal {
    /// The store type an `add` or `replace` proposal brings in.
    pub fn store_type(&self) -> Option<&Spanned<String>> {
        match &self.ask {
            Ask::Add { add } => Some(add),
            Ask::Replace { by, .. } => Some(by),
            Ask::Move { .. } | Ask::Remove { .. } => None,
        }
    }
}

/// Version 2: an option the team has ruled out (distinct from `tried`: tried and failed).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct RuledOut {
    /// A catalog store type, a remedy id or a flow kind (`cockroachdb`, `citus`, `cdc`).
    #[cfg_attr(feature = "schema", schemars(with = "RuledOutName"))]
    pub option: Spanned<String>,
    /// The store it would apply to, when it is a remedy for one store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<Spanned<String>>,
    /// The workload it was meant for, if one.
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    pub for_workload: Option<Spanned<String>>,
    /// Why the team ruled it out.
    pub reason: String,
    /// Where the entry is, and its index in `ruled_out` as written.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub at: At,
}

impl Workload {
    /// A store by id.
    pub fn store(&self, id: &str) -> Option<&Store> {
        self.stores.iter().find(|s| s.id.value == id)
    }

    /// A workload item by id.
    pub fn item(&self, id: &str) -> Option<&WorkloadItem> {
        self.workloads.iter().find(|w| w.id.value == id)
    }
}

/// Schema-only stand-ins: text quantities (with the patterns the decoder accepts), the version,
/// and the names the catalog defines (filled in from the catalog by `schema.rs`).
#[cfg(feature = "schema")]
mod text_types {
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    /// A number as the unit parsers read it (`4`, `4.5`, `1_000`, `+40`).
    macro_rules! num {
        () => {
            r"\+?(\d[\d_]*(\.\d*)?|\.\d+)"
        };
    }

    macro_rules! text_schema {
        ($name:ident, $schema_name:literal, $doc:literal, $pattern:expr, $message:literal, $examples:expr) => {
            #[doc = $doc]
            pub(crate) struct $name;
            impl JsonSchema for $name {
                fn schema_name() -> std::borrow::Cow<'static, str> {
                    $schema_name.into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!({
                        "type": "string",
                        "description": $doc,
                        "pattern": $pattern,
                        "patternErrorMessage": $message,
                        "examples": $examples,
                    })
                }
            }
        };
    }

    text_schema!(
        DurationText,
        "Duration",
        "A duration: a number and a unit (us, ms, s, m, h, d, w, mo, y), e.g. `200ms`, `5s`, `4m`, `18mo`.",
        concat!(
            r"^\s*",
            num!(),
            r"\s*(ns|us|µs|ms|millis|msec|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|mo|months?|y|yrs?|years?)\s*$"
        ),
        "Write a duration: a number and a unit (ms, s, m, h, d, w, mo, y), e.g. `200ms`, `5s`, `4m`, `18mo`.",
        ["200ms", "5s", "4m", "1d"]
    );
    text_schema!(
        DateText,
        "Date",
        "A date, year-month-day, e.g. `2027-03-01`.",
        r"^\s*\d{4}-\d{2}-\d{2}\s*$",
        "Write a date as year-month-day, e.g. `2027-03-01`.",
        ["2027-03-01"]
    );
    text_schema!(
        RateText,
        "Rate",
        "A rate: a count per period, e.g. `48/day`, `20/hour`, `10k/s`.",
        concat!(
            r"^\s*",
            num!(),
            r"\s*(k|K|M|m|G|B|bn|T)?\s*/\s*(s|secs?|seconds?|mins?|minutes?|h|hours?|d|days?|w|weeks?|months?)\s*$"
        ),
        "Write a rate: a count, `/` and a period (s, min, hour, day, week, month), e.g. `48/day`, `10k/s`.",
        ["48/day", "20/hour", "10k/s"]
    );
    text_schema!(
        SizeText,
        "Size",
        "A data size: a number and a unit (B, KB, MB, GB, TB, PB; KiB…PiB), e.g. `500GB`.",
        concat!(r"^\s*", num!(), r"\s*([KkMmGgTtPp][Ii]?)?[Bb]\s*$"),
        "Write a size: a number and a unit (B, KB, MB, GB, TB, PB or KiB … PiB), e.g. `500GB`, `2TB`.",
        ["500MB", "200GB", "2TB"]
    );
    text_schema!(
        PercentText,
        "Percent",
        "A percentage, e.g. `72%`.",
        concat!(r"^\s*", num!(), r"\s*%\s*$"),
        "Write a percentage: a number and `%`, e.g. `72%`.",
        ["72%", "80%"]
    );
    text_schema!(
        GrowthText,
        "Growth",
        "Growth over a period: a factor or a percentage per year, quarter, month, week or day, e.g. `2x/year`, `+40%/year`.",
        concat!(r"^\s*", num!(), r"\s*(x|X|×|%)\s*/\s*(year|yr|y|quarter|month|mo|week|w|day|d)s?\s*$"),
        "Write growth as a factor or a percentage per period (year, quarter, month, week, day), e.g. `2x/year`, `+40%/year`, `10%/month`.",
        ["2x/year", "+40%/year", "10%/month"]
    );
    text_schema!(
        FactorText,
        "Factor",
        "A multiplier, e.g. `4x`.",
        concat!(r"^\s*", num!(), r"\s*(x|X|×)\s*$"),
        "Write a factor: a number and `x`, e.g. `4x`.",
        ["4x"]
    );

    /// A count such as `500k`, `10M`, or a plain number.
    pub(crate) struct CountText;
    impl JsonSchema for CountText {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Count".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A count of items: a number with an optional k, M or G suffix, e.g. `500k`, `10M`.",
                "anyOf": [
                    { "type": "number", "minimum": 0 },
                    {
                        "type": "string",
                        "pattern": concat!(r"^\s*", num!(), r"\s*(k|K|M|m|G|B|bn|T)?\s*$"),
                        "patternErrorMessage": "Write a count: a number with an optional k, M or G suffix, e.g. `4.5k`, `10M`."
                    }
                ],
                "examples": ["300k", "5M"],
            })
        }
    }

    /// The format version: one of the versions this build reads.
    pub(crate) struct VersionNumber;
    impl JsonSchema for VersionNumber {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Version".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "integer", "enum": super::VERSIONS })
        }
    }

    /// `catalog_overrides`: partial catalog entries keyed by store type.
    pub(crate) struct OverridesTable;
    impl JsonSchema for OverridesTable {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "CatalogOverrides".into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "object",
                "propertyNames": generator.subschema_for::<StoreTypeName>(),
                "additionalProperties": {
                    "type": "object",
                    "description": "The figures to replace, in the shape of the catalog's store files (`catalog/FORMAT.md`), e.g. `{ ops: { deployment: { hours: 9 } } }`."
                },
            })
        }
    }

    /// A name the catalog defines; `schema.rs` replaces the plain string with the catalog's names.
    macro_rules! catalog_name {
        ($name:ident, $schema_name:literal, $doc:literal) => {
            #[doc = $doc]
            pub(crate) struct $name;
            impl JsonSchema for $name {
                fn schema_name() -> std::borrow::Cow<'static, str> {
                    $schema_name.into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!({ "type": "string", "description": $doc })
                }
            }
        };
    }

    catalog_name!(
        StoreTypeName,
        "StoreType",
        "A catalog store type or one of its aliases (`storewise catalog` lists them)."
    );
    catalog_name!(PatternName, "AccessPattern", "A catalog access pattern.");
    catalog_name!(RemedyName, "Remedy", "A catalog remedy id.");
    catalog_name!(RuledOutName, "RuledOutOption", "A catalog store type or alias, a remedy id, or a flow kind.");

    /// A rule code the engine has.
    pub(crate) struct RuleCode;
    impl JsonSchema for RuleCode {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "RuleCode".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "description": "A rule code (`storewise explain` describes each).",
                "enum": super::RULE_CODES,
            })
        }
    }

    /// One item or a list of them.
    #[derive(JsonSchema)]
    #[serde(untagged)]
    #[schemars(rename = "{T}OrList")]
    #[allow(dead_code)]
    pub(crate) enum OneOrMany<T> {
        One(T),
        Many(Vec<T>),
    }
}
#[cfg(feature = "schema")]
use text_types::{
    CountText, DateText, DurationText, FactorText, GrowthText, OneOrMany, OverridesTable, PatternName, PercentText,
    RateText, RemedyName, RuleCode, RuledOutName, SizeText, StoreTypeName, VersionNumber,
};

//! The workload file's data model, version 1: stores, flows, workloads, proposals, team.
//!
//! Decoded by hand from the YAML tree (`decode.rs`) so every error is collected with its
//! position; serialised with serde for reports and share links; described as JSON Schema.

use catalog::units::{Bytes, Count, Duration, Rate};
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

/// The only format version this build reads.
pub const VERSION: u32 = 1;

/// A whole workload file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(JsonSchema),
    schemars(deny_unknown_fields, title = "storewise workload, version 1")
)]
pub struct Workload {
    /// Format version: `1`.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
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
    /// "Should we add X?" questions to judge by the decision rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
    /// Your own figures for catalog entries, keyed by store type (same shape as the catalog's files).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<std::collections::BTreeMap<String, serde_json::Value>>"))]
    pub catalog_overrides: Option<OverrideTable>,
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
}

impl Via {
    /// All kinds, for messages.
    pub const ALL: [(&'static str, Via); 5] = [
        ("cdc", Via::Cdc),
        ("outbox", Via::Outbox),
        ("dual_write", Via::DualWrite),
        ("batch_etl", Via::BatchEtl),
        ("stream", Via::Stream),
    ];

    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(_, v)| *v == self).map_or("cdc", |(n, _)| n)
    }
}

/// One incoming flow of a store.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Feed {
    /// The id of the store the data comes from.
    pub from: Spanned<String>,
    /// How it flows.
    pub via: Spanned<Via>,
    /// For `batch_etl`: how often the batch runs (e.g. `1h`, `1d`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DurationText>"))]
    pub every: Option<Duration>,
    /// Anything worth knowing (the relay used, the topic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A data store the architecture runs (or plans to).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Store {
    /// Unique id, referred to by flows and workloads (e.g. `main-db`).
    pub id: Spanned<String>,
    /// A catalog store type or alias (`postgresql`, `kafka`, `clickhouse`, ...).
    #[serde(rename = "type")]
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
    pub remedies_in_place: Vec<Spanned<String>>,
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
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Measured<T> {
    /// What was measured (p95 unless noted); absent when not measured yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<T>,
    /// What it must be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<T>,
}

/// One thing the system does with its data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct WorkloadItem {
    /// Unique id (e.g. `fleet-report`).
    pub id: Spanned<String>,
    /// A catalog access pattern (`analytical_scan`, `full_text_search`, ...).
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
    pub tried: Vec<Spanned<String>>,
    /// Anything worth knowing (e.g. "causes transactional latency spikes").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the entry is, and its index in `workloads` as written.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub at: At,
}

/// A question: should we add this store type?
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema), schemars(deny_unknown_fields))]
pub struct Proposal {
    /// The catalog store type to add.
    pub add: Spanned<String>,
    /// The workload id it is meant to serve, if any.
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    pub for_workload: Option<Spanned<String>>,
    /// Why the team wants it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the entry is, and its index in `proposals` as written.
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

/// Schema-only stand-ins for text quantities.
#[cfg(feature = "schema")]
mod text_types {
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    macro_rules! text_schema {
        ($name:ident, $doc:literal, $pattern:literal, $examples:expr) => {
            #[doc = $doc]
            pub(crate) struct $name;
            impl JsonSchema for $name {
                fn schema_name() -> std::borrow::Cow<'static, str> {
                    stringify!($name).into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!({
                        "type": "string",
                        "description": $doc,
                        "pattern": $pattern,
                        "examples": $examples,
                    })
                }
            }
        };
    }

    text_schema!(
        DurationText,
        "A duration: a number and a unit (us, ms, s, m, h, d, w), e.g. `200ms`, `5s`, `4m`.",
        r"^\s*\d+(\.\d+)?\s*(ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)\s*$",
        ["200ms", "5s", "4m", "1d"]
    );
    text_schema!(
        RateText,
        "A rate: a count per period, e.g. `48/day`, `20/hour`, `10k/s`.",
        r"^\s*\d+(\.\d+)?\s*(k|K|M|m|G|B|bn|T)?\s*/\s*(s|sec|second|min|minute|h|hour|d|day|w|week|month)s?\s*$",
        ["48/day", "20/hour", "10k/s"]
    );
    text_schema!(
        SizeText,
        "A data size: a number and a unit (B, KB, MB, GB, TB, PB; KiB…PiB), e.g. `500GB`.",
        r"^\s*\d+(\.\d+)?\s*([KkMmGgTtPp][Ii]?)?[Bb]\s*$",
        ["500MB", "200GB", "2TB"]
    );

    /// A count such as `500k`, `10M`, or a plain number.
    pub(crate) struct CountText;
    impl JsonSchema for CountText {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "CountText".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A count of items: a number with an optional k, M or G suffix, e.g. `500k`, `10M`.",
                "anyOf": [
                    { "type": "integer", "minimum": 0 },
                    { "type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(k|K|M|m|G|B|bn|T)?\s*$" }
                ],
                "examples": ["300k", "5M"],
            })
        }
    }

    /// One item or a list of them.
    #[derive(JsonSchema)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub(crate) enum OneOrMany<T> {
        One(T),
        Many(Vec<T>),
    }
}
#[cfg(feature = "schema")]
use text_types::{CountText, DurationText, OneOrMany, RateText, SizeText};

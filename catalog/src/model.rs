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

/// The kind of store, for grouping in the UI and the architecture diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

evidenced!(Figure, Fit, NotGoodFor, Remedy, OpsCategory, Ops, CdcSide, Price);

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
    /// Dotted paths of figures replaced by a user override (empty for the shipped data).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<String>,
}

impl StoreType {
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Stable id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it means.
    pub description: String,
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
}

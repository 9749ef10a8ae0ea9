//! The loaded catalog: embedded data parsed once, lookups by id or alias, and user overrides.

use std::sync::OnceLock;

use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use crate::{
    error::CatalogError,
    model::{FlowFile, FlowKind, Pattern, RemedyKind, Source, StoreType},
    suggest::nearest,
};

include!(concat!(env!("OUT_DIR"), "/store_files.rs"));
include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

const PATTERNS: &str = include_str!(concat!(env!("OUT_DIR"), "/patterns.json"));
const REMEDIES: &str = include_str!(concat!(env!("OUT_DIR"), "/remedies.json"));
const FLOWS: &str = include_str!(concat!(env!("OUT_DIR"), "/flows.json"));

/// The catalog data format's major version; the content hash follows it in [`Catalog::version`].
pub const FORMAT_VERSION: &str = "2";

/// All store types, access patterns and remedy kinds storewise knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalog {
    /// `1+<hash of the data>`: changes whenever any figure changes; shared links record it.
    pub version: String,
    /// Access patterns, in display order.
    pub patterns: Vec<Pattern>,
    /// Remedy kinds.
    pub remedies: Vec<RemedyKind>,
    /// Store types, sorted by id.
    pub stores: Vec<StoreType>,
    /// Flow kinds (`data/flows.toml`): what each way of moving data costs and guarantees.
    pub flows: Vec<FlowKind>,
    /// The documents `flows` cite.
    pub flow_sources: Vec<Source>,
    /// The raw data of each store, kept so overrides can merge into it and re-check it.
    #[serde(skip)]
    raw: Vec<Map<String, Value>>,
}

/// Parses one embedded JSON document (converted from `file` at build time, where it was checked
/// against the model with line numbers; a failure here means the build script and the model
/// disagree).
fn parse_json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, CatalogError> {
    serde_json::from_str(text).map_err(|e| CatalogError::Parse {
        file: file.to_string(),
        line: None,
        column: None,
        message: e.to_string(),
    })
}

/// Parses a TOML document into `T`, with file, line and column in the error.
#[cfg(feature = "toml")]
pub(crate) fn parse_toml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| crate::error::line_col(text, s.start)).unzip();
        CatalogError::Parse { file: file.to_string(), line, column, message: e.message().to_string() }
    })
}

impl Catalog {
    /// Whether the embedded store types carry their prose (`estimate` and `note` texts): they do
    /// with the `prose` feature; the web app's build has no `note` and a marker for each
    /// `estimate`, and fetches `catalog-prose.json` (from the build's `OUT_DIR`) when a store page
    /// needs them.
    pub const EMBEDDED_WITH_PROSE: bool = WITH_PROSE;

    /// The catalog shipped inside the binary, parsed on first use.
    pub fn embedded() -> Result<&'static Catalog, CatalogError> {
        static CATALOG: OnceLock<Result<Catalog, CatalogError>> = OnceLock::new();
        CATALOG.get_or_init(Catalog::load_embedded).as_ref().map_err(Clone::clone)
    }

    fn load_embedded() -> Result<Catalog, CatalogError> {
        let patterns: Vec<Pattern> = parse_json("data/patterns.toml", PATTERNS)?;
        let remedies: Vec<RemedyKind> = parse_json("data/remedies.toml", REMEDIES)?;
        let flow_file: FlowFile = parse_json("data/flows.toml", FLOWS)?;
        let mut stores = Vec::with_capacity(STORE_FILES.len());
        let mut raw = Vec::with_capacity(STORE_FILES.len());
        for (stem, text) in STORE_FILES {
            let file = format!("data/stores/{stem}.toml");
            let table: Map<String, Value> = parse_json(&file, text)?;
            stores.push(serde_json::from_value::<StoreType>(Value::Object(table.clone())).map_err(|e| {
                CatalogError::Parse { file: file.clone(), line: None, column: None, message: e.to_string() }
            })?);
            raw.push(table);
        }
        // fingerprinted at build time over the whole data, prose included: the same version
        // whether this build embeds the prose or not
        let hash = FINGERPRINT;
        Ok(Catalog {
            version: format!("{FORMAT_VERSION}+{:08x}", hash >> 32),
            patterns,
            remedies,
            stores,
            flows: flow_file.flow,
            flow_sources: flow_file.sources,
            raw,
        })
    }

    /// A store type by id or alias (case-insensitive).
    pub fn store(&self, name: &str) -> Option<&StoreType> {
        self.index_of(name).and_then(|i| self.stores.get(i))
    }

    pub(crate) fn index_of(&self, name: &str) -> Option<usize> {
        // An id as the catalog spells it (the engine's own lookups): stores are sorted by id.
        if let Ok(i) = self.stores.binary_search_by(|s| s.id.as_str().cmp(name)) {
            return Some(i);
        }
        let name = name.trim();
        self.stores
            .iter()
            .position(|s| s.id.eq_ignore_ascii_case(name) || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
    }

    /// The nearest store id or alias to a misspelt name.
    pub fn suggest_store(&self, name: &str) -> Option<&str> {
        let names =
            self.stores.iter().flat_map(|s| std::iter::once(s.id.as_str()).chain(s.aliases.iter().map(String::as_str)));
        let hit = nearest(name, names)?;
        self.store(hit).map(|s| s.id.as_str())
    }

    /// An access pattern by id.
    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.patterns.iter().find(|p| p.id == id)
    }

    /// The nearest pattern id to a misspelt one.
    pub fn suggest_pattern(&self, id: &str) -> Option<&str> {
        nearest(id, self.patterns.iter().map(|p| p.id.as_str()))
    }

    /// A remedy kind by id.
    pub fn remedy(&self, id: &str) -> Option<&RemedyKind> {
        self.remedies.iter().find(|r| r.id == id)
    }

    /// A flow kind by its `via` name (`cdc`, `polling`, ...).
    pub fn flow(&self, via: &str) -> Option<&FlowKind> {
        self.flows.iter().find(|f| f.via == via)
    }

    /// The nearest remedy id to a misspelt one.
    pub fn suggest_remedy(&self, id: &str) -> Option<&str> {
        nearest(id, self.remedies.iter().map(|r| r.id.as_str()))
    }

    pub(crate) fn raw(&self, index: usize) -> Option<&Map<String, Value>> {
        self.raw.get(index)
    }

    pub(crate) fn replace_store(&mut self, index: usize, table: Map<String, Value>, store: StoreType) {
        if let (Some(slot), Some(raw)) = (self.stores.get_mut(index), self.raw.get_mut(index)) {
            *slot = store;
            *raw = table;
        }
    }
}

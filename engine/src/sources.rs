//! Collects the catalog sources behind the figures a finding uses, resolved and de-duplicated.

use catalog::StoreType;

use crate::report::SourceRef;

/// The sources of one finding, in the order first cited.
#[derive(Debug, Default)]
pub(crate) struct Sources(Vec<SourceRef>);

impl Sources {
    /// Adds the sources a catalog block cites (`cite = [...]` ids of `kind`'s `[[sources]]`).
    pub(crate) fn cite(&mut self, kind: &StoreType, cite: &[String]) -> &mut Self {
        for id in cite {
            if let Some(s) = kind.source(id) {
                self.push(kind, s);
            }
        }
        self
    }

    /// Adds the seed documents (`url = "seed:…"`) a catalog entry lists.
    pub(crate) fn seeds(&mut self, kind: &StoreType) -> &mut Self {
        for s in kind.sources.iter().filter(|s| s.url.starts_with("seed:")) {
            self.push(kind, s);
        }
        self
    }

    /// Adds the sources a flow kind cites (`data/flows.toml`).
    pub(crate) fn flow(&mut self, catalog: &catalog::Catalog, kind: &catalog::model::FlowKind) -> &mut Self {
        for id in &kind.cite {
            if let Some(s) = catalog.flow_sources.iter().find(|s| s.id == *id)
                && !self.0.iter().any(|r| r.url == s.url)
            {
                self.0.push(SourceRef {
                    store: format!("flows.{}", kind.via),
                    title: s.title.clone(),
                    url: s.url.clone(),
                    date: s.date.clone(),
                });
            }
        }
        self
    }

    fn push(&mut self, kind: &StoreType, s: &catalog::model::Source) {
        if !self.0.iter().any(|r| r.url == s.url && r.title == s.title) {
            self.0.push(SourceRef {
                store: kind.id.clone(),
                title: s.title.clone(),
                url: s.url.clone(),
                date: s.date.clone(),
            });
        }
    }

    /// The list.
    pub(crate) fn into_vec(self) -> Vec<SourceRef> {
        self.0
    }
}

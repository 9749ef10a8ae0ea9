//! What every handler shares: the catalog (parsed once) and where the app's bundle lives.

use std::{path::PathBuf, sync::Arc};

use axum::body::Bytes;
use catalog::Catalog;

/// Shared, read-only server state.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) catalog: Arc<Catalog>,
    /// The catalog as JSON, encoded once at start-up.
    pub(crate) catalog_json: Bytes,
    /// The built web app (`dist/`), if any.
    pub(crate) dist: Option<PathBuf>,
}

impl AppState {
    /// State over a catalog; `dist` is the directory of the built bundle.
    pub(crate) fn new(catalog: Catalog, dist: Option<PathBuf>) -> anyhow::Result<Self> {
        let catalog_json = Bytes::from(serde_json::to_vec(&catalog)?);
        Ok(Self { catalog: Arc::new(catalog), catalog_json, dist })
    }
}

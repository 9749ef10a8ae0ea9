//! What every handler shares: the catalog (parsed once), the link store, and the built app.

use std::{
    net::IpAddr,
    path::PathBuf,
    sync::{Arc, OnceLock},
    time::Duration,
};

use anyhow::Context;
use axum::body::Bytes;
use catalog::Catalog;

use super::{memory::MemoryBudget, rate::RateLimiter};
use crate::links::LinkStore;

/// Share links a client address may create per minute, by default.
pub(crate) const SHARE_RATE: u32 = 30;
/// How many it may create at once before the rate applies.
pub(crate) const SHARE_BURST: u32 = 10;

/// Shared server state.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) catalog: Arc<Catalog>,
    /// The catalog as JSON, encoded once at start-up.
    pub(crate) catalog_json: Bytes,
    /// The built web app (`dist/`), if any.
    pub(crate) dist: Option<PathBuf>,
    /// With no `dist`, serve the app embedded in the binary (`embed-app`).
    pub(crate) embedded: bool,
    /// The app's `index.html`, read once: the page `/r/<id>` fills in.
    pub(crate) index_html: Option<Arc<str>>,
    /// Stored share links.
    pub(crate) links: Arc<dyn LinkStore>,
    /// Limits how fast one address creates share links.
    pub(crate) share_rate: Arc<RateLimiter>,
    /// Longest a request may take before it is answered 408.
    pub(crate) request_timeout: Duration,
    /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub(crate) trusted_proxies: Arc<[IpAddr]>,
    /// Memory the analyses in progress may take together.
    pub(crate) memory: MemoryBudget,
    /// The OpenAPI document for this catalog, serialized on first request.
    pub(crate) openapi: Arc<OnceLock<Result<Bytes, String>>>,
}

impl AppState {
    /// State over a catalog, the directory of the built bundle (if any) and a link store.
    pub(crate) fn new(catalog: Catalog, dist: Option<PathBuf>, links: Arc<dyn LinkStore>) -> anyhow::Result<Self> {
        let catalog_json = Bytes::from(serde_json::to_vec(&catalog)?);
        let index_html = match &dist {
            Some(dir) => {
                let path = dir.join("index.html");
                let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                Some(Arc::from(text))
            }
            None => None,
        };
        let share_rate = Arc::new(RateLimiter::new(SHARE_RATE, SHARE_BURST));
        Ok(Self {
            catalog: Arc::new(catalog),
            catalog_json,
            dist,
            embedded: false,
            index_html,
            links,
            share_rate,
            request_timeout: super::REQUEST_TIMEOUT,
            trusted_proxies: Arc::from([]),
            memory: MemoryBudget::for_this_machine(),
            openapi: Arc::default(),
        })
    }

    /// Serves the app embedded in the binary when no `dist` directory was given and the binary
    /// carries one (`embedded` then says so).
    pub(crate) fn with_embedded_app(mut self) -> Self {
        if self.dist.is_none()
            && let Some(index) = super::bundle::index_html()
        {
            self.embedded = true;
            self.index_html = Some(Arc::from(index));
        }
        self
    }

    /// Allows `per_minute` share links per client address (0: no limit).
    pub(crate) fn with_share_rate(mut self, per_minute: u32) -> Self {
        self.share_rate = Arc::new(RateLimiter::new(per_minute, SHARE_BURST.min(per_minute.max(1))));
        self
    }

    /// Takes the client's address from `X-Forwarded-For` on connections from these proxies.
    pub(crate) fn with_trusted_proxies(mut self, proxies: &[IpAddr]) -> Self {
        self.trusted_proxies = Arc::from(proxies);
        self
    }

    /// Answers 408 after `timeout` instead of the default (tests use a short one).
    #[cfg(test)]
    pub(crate) fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }
}

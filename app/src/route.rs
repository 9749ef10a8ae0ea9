//! Hash routing: `#/` (analyse), `#/example/s1`, `#/catalog` and `#/catalog/<id>`.
//!
//! Routes live in the fragment so a static file server serves every page and nothing reaches a
//! server. `#w=…` is a share link: the workload and its result, compressed into the fragment.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The analyser: input, diagnostics and results.
    Home,
    /// The analyser with a shipped example loaded (`#/example/s1`).
    Example(String),
    /// The analyser with a share link's workload (`#w=1.eJy…`; the payload after `w=`).
    Link(String),
    /// The catalog matrix: stores × access patterns.
    Catalog,
    /// One store type of the catalog.
    Store(String),
    /// Anything else.
    NotFound(String),
}

impl Route {
    /// Reads a `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if let Some(payload) = hash.strip_prefix(link::FRAGMENT_PREFIX) {
            return Route::Link(payload.to_string());
        }
        let path = hash.strip_prefix('/').unwrap_or(hash).trim_end_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or_default(), parts.next()) {
            ("", None) => Route::Home,
            ("catalog", None) => Route::Catalog,
            ("catalog", Some(id)) if is_id(id) => Route::Store(id.to_ascii_lowercase()),
            ("example", Some(id)) if is_id(id) => Route::Example(id.to_ascii_lowercase()),
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The fragment that leads here (`#/catalog/postgresql`).
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound(_) => "#/".to_string(),
            Route::Example(id) => format!("#/example/{id}"),
            Route::Link(payload) => format!("#{}{payload}", link::FRAGMENT_PREFIX),
            Route::Catalog => "#/catalog".to_string(),
            Route::Store(id) => format!("#/catalog/{id}"),
        }
    }

    /// True for the pages of the catalog section.
    pub fn in_catalog(&self) -> bool {
        matches!(self, Route::Catalog | Route::Store(_))
    }
}

/// The link to one store's catalog page.
pub fn store_href(id: &str) -> String {
    Route::Store(id.to_string()).href()
}

fn is_id(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_routes() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#w=1.abc"), Route::Link("1.abc".into()));
        assert_eq!(Route::parse("#/catalog"), Route::Catalog);
        assert_eq!(Route::parse("#/catalog/"), Route::Catalog);
        assert_eq!(Route::parse("#/catalog/PostgreSQL"), Route::Store("postgresql".into()));
        assert_eq!(Route::parse("#/example/s1"), Route::Example("s1".into()));
        assert!(matches!(Route::parse("#/catalog/<script>"), Route::NotFound(_)));
        assert!(matches!(Route::parse("#/nope"), Route::NotFound(_)));
    }

    #[test]
    fn hrefs_round_trip() {
        for r in [
            Route::Home,
            Route::Catalog,
            Route::Store("redis".into()),
            Route::Example("s3".into()),
            Route::Link("1.eJy".into()),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
    }
}

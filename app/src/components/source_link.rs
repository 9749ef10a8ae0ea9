//! A cited source: a link that opens in a new tab when it is a web address, plain text otherwise
//! (`seed:000` names one of the product's seed documents).

use leptos::prelude::*;

/// The address, if it is safe to link (`https://` or `http://`).
pub fn web_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

/// The host of a web address (`https://debezium.io/blog/…` → `debezium.io`).
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// One source's title, linked when it has a web address, with the site's host after it.
#[component]
pub fn SourceLink(
    /// The source's title.
    title: String,
    /// Its address (`https://…` or `seed:000`).
    url: String,
) -> impl IntoView {
    match web_url(&url) {
        Some(href) => view! {
            <a href=href.to_string() target="_blank" rel="noopener noreferrer">{title}</a>
            <span class="host">{format!(" ({})", host(href))}</span>
        }
        .into_any(),
        None => view! { <span>{title}" ("<code>{url}</code>")"</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::web_url;

    #[test]
    fn links_only_web_addresses() {
        assert_eq!(web_url("https://example.com/a"), Some("https://example.com/a"));
        assert_eq!(web_url("seed:000"), None);
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(super::host("https://debezium.io/blog/x?y"), "debezium.io");
    }
}

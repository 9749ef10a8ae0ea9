//! The page behind a short link: the app's `index.html` with the link's title, Open Graph
//! preview and the stored record embedded as a JSON data block (not script: the CSP holds).

use axum::{
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use engine::Severity;

use super::{AppState, assets::not_built_page, error::ApiError, share::description};
use crate::links::StoredLink;

/// The id of the data block the app reads at start-up.
const DATA_ID: &str = "storewise-shared";

pub(super) fn render(state: &AppState, id: &str, stored: Option<&StoredLink>) -> Response {
    let Some(index) = &state.index_html else {
        return not_built_page();
    };
    let (status, title, summary, data) = match stored {
        Some(link) => (
            StatusCode::OK,
            format!("{} — storewise", link.name),
            preview(link),
            serde_json::to_string(&description(link)),
        ),
        None => (
            StatusCode::NOT_FOUND,
            "Share link not found — storewise".to_string(),
            "This storewise link does not exist: check that it was copied whole.".to_string(),
            Ok(serde_json::json!({ "missing": id }).to_string()),
        ),
    };
    let data = match data {
        Ok(data) => data,
        Err(e) => return ApiError::Internal(e.into()).into_response(),
    };
    let head = format!(
        "<title>{title}</title>\n  <meta name=\"description\" content=\"{summary}\">\n  \
         <meta property=\"og:type\" content=\"website\">\n  <meta property=\"og:site_name\" content=\"storewise\">\n  \
         <meta property=\"og:title\" content=\"{title}\">\n  <meta property=\"og:description\" content=\"{summary}\">\n  \
         <meta name=\"twitter:card\" content=\"summary\">\n  \
         <script type=\"application/json\" id=\"{DATA_ID}\">{data}</script>",
        title = escape(&title),
        summary = escape(&summary),
        data = script_safe(&data),
    );
    let page = replace_head(index, &head);
    (status, [(header::CACHE_CONTROL, "no-cache")], Html(page)).into_response()
}

/// `3 findings: 1 critical, 2 high. Catalog 1+abc, rules 1.0. Shared 2026-11-21.`
fn preview(link: &StoredLink) -> String {
    let counts: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| link.summary.count(**s) > 0)
        .map(|s| format!("{} {s}", link.summary.count(*s)))
        .collect();
    let findings = match link.summary.findings {
        0 => "No findings".to_string(),
        1 => format!("1 finding: {}", counts.join(", ")),
        n => format!("{n} findings: {}", counts.join(", ")),
    };
    let day = link.created_at.get(..10).unwrap_or(&link.created_at);
    format!(
        "{findings}. Catalog {}, rules {}. Shared {day}.",
        link.shared.made_with.catalog, link.shared.made_with.rules
    )
}

/// Puts `head` in place of the template's `<title>…</title>` (or before `</head>`).
fn replace_head(index: &str, head: &str) -> String {
    if let (Some(start), Some(end)) = (index.find("<title>"), index.find("</title>"))
        && start < end
    {
        let end = end + "</title>".len();
        return format!("{}{head}{}", &index[..start], &index[end..]);
    }
    match index.find("</head>") {
        Some(at) => format!("{}{head}\n{}", &index[..at], &index[at..]),
        None => format!("{head}\n{index}"),
    }
}

/// Text for an HTML attribute or element.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that cannot close its `<script>` element: `<`, `>` and `&` become `\u003c`… (still
/// the same JSON, since they can only occur inside strings).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_text() {
        assert_eq!(escape("<img src=x onerror=\"alert(1)\">"), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
        let json = serde_json::json!({ "name": "</script><script>alert(1)</script>" }).to_string();
        let safe = script_safe(&json);
        assert!(!safe.contains("</script"));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).ok(), serde_json::from_str(&json).ok());
    }

    #[test]
    fn head_goes_where_the_title_was() {
        let page = replace_head("<head><title>x</title><link></head>", "<title>y</title>");
        assert_eq!(page, "<head><title>y</title><link></head>");
        assert_eq!(replace_head("<head></head>", "<t>"), "<head><t>\n</head>");
    }
}

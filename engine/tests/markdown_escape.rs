//! Issue 18: names from a workload file come out of the Markdown report as text — no live link,
//! no remote image, no autolink — and still read as the names they are.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use engine::render;

const LINK_AND_IMAGE: &str = "[click](https://evil.example) ![x](https://evil.example/t.png)";

fn markdown(text: &str) -> String {
    let catalog = catalog::Catalog::embedded().expect("catalog");
    let parsed = workload::parse(text, catalog);
    let mut report = engine::analyze(parsed.workload.as_ref().expect("valid"), parsed.catalog_or(catalog));
    report.speak(parsed.catalog_or(catalog));
    render::markdown(&report)
}

/// The text a Markdown reader could turn into markup: outside code spans, with every
/// backslash-escaped character (which renders as itself) taken out.
fn live(line: &str) -> String {
    let (mut out, mut in_code, mut chars) = (String::new(), false, line.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '`' => in_code = !in_code,
            c if !in_code => out.push(c),
            _ => {}
        }
    }
    out
}

/// What a reader sees of escaped text: backslash escapes and the entities `escape` writes
/// resolved.
fn shown(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">")
}

/// Issue 18: link, image, `<…>` autolink, bare URL, `www.` and e-mail names stay text.
#[test]
fn issue_18_names_never_become_links_or_images() {
    let text = format!(
        "version: 1\nname: \"{LINK_AND_IMAGE}\"\nstores:\n  \
         - {{ id: \"<https://evil.example>\", type: postgresql, role: source_of_truth }}\n  \
         - {{ id: \"https://evil.example\", type: redis, role: derived, fed_by: {{ from: \"<https://evil.example>\", via: dual_write }} }}\n  \
         - {{ id: \"www.evil.example mail@evil.example\", type: redis, role: derived, fed_by: {{ from: \"<https://evil.example>\", via: dual_write }} }}\n"
    );
    let md = markdown(&text);
    let hostile: Vec<&str> = md.lines().filter(|l| l.contains("evil")).collect();
    assert!(hostile.len() >= 3, "the names appear in the report:\n{md}");
    for line in &hostile {
        let live = live(line);
        for markup in ["](", "![", "][", "://", "<", "www.", "@"] {
            assert!(!live.contains(markup), "`{markup}` is live in:\n{line}");
        }
    }
    let title = md.lines().next().unwrap();
    assert_eq!(shown(title), format!("# storewise report: {LINK_AND_IMAGE}"), "the name still reads as itself");
    assert!(md.contains("https\\://evil.example"), "{md}");
    assert!(md.contains("&lt;https\\://evil.example&gt;") || md.contains("`<https://evil.example>`"), "{md}");
}

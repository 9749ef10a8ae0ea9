//! Checks that a case folder is what `tests/cases/README.md` asks for.

use catalog::{Catalog, model::Family};
use workload::Via;

use crate::{Case, expected::KEYS};

/// The sections `case.md` must have, in order.
pub(crate) const SECTIONS: [&str; 6] =
    ["## Sources", "## Before", "## Decision", "## Result", "## Cannot express", "## Scoring"];

/// Problems with one case, each a sentence naming the file (empty when it is well formed).
pub fn lint(case: &Case, catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    if !case.notes.starts_with("# ") {
        out.push("case.md: must open with a `# Company: decision` title line".to_string());
    }
    for section in SECTIONS {
        match case.notes.get(at..).and_then(|rest| rest.find(section)) {
            Some(i) => at += i + section.len(),
            None => out.push(format!("case.md: lacks a `{section}` section (or it is out of order)")),
        }
    }
    if !["[Q]", "[Q,", "[Q:"].iter().any(|m| case.notes.contains(m)) {
        out.push("case.md: quotes no figure from its sources ([Q])".to_string());
    }
    if !case.notes.contains("https://") {
        out.push("case.md: names no source URL".to_string());
    }

    let parsed = workload::parse(&case.before, catalog);
    let Some(w) = parsed.workload.as_ref() else {
        for d in parsed.errors() {
            out.push(format!("before.yaml:{}:{}: {}", d.span.line, d.span.column, d.message));
        }
        return out;
    };
    let catalog = parsed.catalog_or(catalog);
    let e = &case.expected;
    if e.right.is_empty() {
        out.push("expected.toml: needs at least one [[right]] entry".to_string());
    }
    let groups = [("right", &e.right), ("partial", &e.partial), ("harmful", &e.harmful)];
    for (group, matchers) in groups {
        for (i, m) in matchers.iter().enumerate() {
            let here = format!("expected.toml: [[{group}]] #{}", i + 1);
            let Some((_, keys)) = KEYS.iter().find(|(k, _)| *k == m.kind) else {
                let kinds: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                out.push(format!("{here}: unknown kind `{}` (one of {})", m.kind, kinds.join(", ")));
                continue;
            };
            for (key, value) in &m.keys {
                if !keys.contains(&key.as_str()) {
                    out.push(format!("{here}: `{key}` is not a key of {} (one of {})", m.kind, keys.join(", ")));
                    continue;
                }
                for v in value.values() {
                    let known = match key.as_str() {
                        "store" | "into" | "to" => w.store(v).is_some(),
                        "from" => w.store(v).is_some(),
                        "for" | "workload" => w.item(v).is_some(),
                        "store_type" => catalog.store(v).is_some(),
                        "family" => Family::ALL.iter().any(|f| f.as_str() == v),
                        "remedy" => catalog.remedy(v).is_some(),
                        "via" | "was" => Via::ALL.iter().any(|(name, _)| name == v),
                        _ => true,
                    };
                    if !known {
                        out.push(format!("{here}: {key} `{v}` is not in before.yaml or the catalog"));
                    }
                }
            }
        }
    }
    out
}

//! Version 2 of the format is a superset of version 1: a file that says `version: 1` and uses a
//! field or flow kind version 2 added gets an error naming the version it needs.

use crate::{
    diag::{Diagnostic, Diags, Kind},
    model::Via,
    yaml::{Node, Value},
};

/// Top-level fields version 2 added.
const TOP: &[&str] = &["horizon", "ruled_out"];
/// Store fields version 2 added.
const STORE: &[&str] = &[
    "managed",
    "nodes",
    "shards",
    "replicas",
    "cpu",
    "memory",
    "iops",
    "storage",
    "connections",
    "growth",
    "skew",
    "incidents",
    "ops_hours",
    "cache",
];
/// Flow fields version 2 added.
const FEED: &[&str] = &["lag", "replayable", "transactional"];
/// Workload fields version 2 added.
const ITEM: &[&str] =
    &["kind", "batch_size", "updates", "growth", "freshness", "read_your_writes", "secondary_lookup", "ad_hoc", "domain"];
/// Proposal fields version 2 added.
const PROPOSAL: &[&str] = &["replace", "by", "move", "to", "remove"];

/// Reports every version-2 field or flow kind in a file that declares an older version.
pub(crate) fn gate(root: &Node, version: u32, diags: &mut Diags) {
    if version >= 2 {
        return;
    }
    check(root, "", TOP, diags);
    for (list, fields) in [("stores", STORE), ("workloads", ITEM), ("proposals", PROPOSAL)] {
        for (i, entry) in items(root.get(list)) {
            let path = format!("{list}[{i}]");
            check(entry, &path, fields, diags);
            if list == "stores" {
                let feeds: Vec<(String, &Node)> = match entry.get("fed_by").map(|n| &n.value) {
                    Some(Value::Map(_)) => entry.get("fed_by").map(|n| (format!("{path}.fed_by"), n)).into_iter().collect(),
                    _ => items(entry.get("fed_by")).map(|(j, n)| (format!("{path}.fed_by[{j}]"), n)).collect(),
                };
                for (feed_path, feed) in feeds {
                    check(feed, &feed_path, FEED, diags);
                    if let Some(via) = feed.get("via").filter(|v| v.as_str().is_some_and(is_v2_via)) {
                        diags.push(
                            Diagnostic::error(
                                Kind::Version,
                                format!("{feed_path}.via"),
                                via.span,
                                format!("flow kind `{}` is new in version 2; this file says `version: 1`", via.as_str().unwrap_or_default()),
                            )
                            .suggest(Some("write `version: 2` at the top of the file (version 2 reads every version-1 file)")),
                        );
                    }
                }
            }
        }
    }
}

fn is_v2_via(name: &str) -> bool {
    Via::ALL.iter().any(|(n, v)| *n == name && !Via::V1.contains(v))
}

fn items(node: Option<&Node>) -> impl Iterator<Item = (usize, &Node)> {
    let list = match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.as_slice(),
        _ => &[],
    };
    list.iter().enumerate()
}

fn check(node: &Node, path: &str, fields: &[&str], diags: &mut Diags) {
    let Value::Map(entries) = &node.value else { return };
    for (key, _) in entries {
        let Some(name) = key.as_str().filter(|n| fields.contains(n)) else { continue };
        let at = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        diags.push(
            Diagnostic::error(Kind::Version, at, key.span, format!("`{name}` is new in version 2; this file says `version: 1`"))
                .suggest(Some("write `version: 2` at the top of the file (version 2 reads every version-1 file)")),
        );
    }
}

//! Version 2 of the format is a superset of version 1: a file that says `version: 1` and uses a
//! field or flow kind version 2 added gets an error naming the version it needs.

use catalog::suggest::nearest;

use crate::{
    diag::{Diagnostic, Diags, Kind, Level},
    model::Via,
    yaml::{Node, Value},
};

/// Top-level fields version 2 added.
const TOP: &[&str] = &["horizon", "ruled_out", "ignore"];
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
const ITEM: &[&str] = &[
    "kind",
    "batch_size",
    "updates",
    "growth",
    "freshness",
    "read_your_writes",
    "secondary_lookup",
    "ad_hoc",
    "domain",
];
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
                    Some(Value::Map(_)) => {
                        entry.get("fed_by").map(|n| (format!("{path}.fed_by"), n)).into_iter().collect()
                    }
                    _ => items(entry.get("fed_by")).map(|(j, n)| (format!("{path}.fed_by[{j}]"), n)).collect(),
                };
                for (feed_path, feed) in feeds {
                    check(feed, &feed_path, FEED, diags);
                    if let Some(via) = feed.get("via") {
                        narrow_unknown_via(via, &format!("{feed_path}.via"), diags);
                    }
                    if let Some(via) = feed.get("via").filter(|v| v.as_str().is_some_and(is_v2_via)) {
                        diags.push(
                            Diagnostic::error(
                                Kind::Version,
                                format!("{feed_path}.via"),
                                via.span,
                                format!(
                                    "flow kind `{}` is new in version 2; this file says `version: 1`",
                                    via.as_str().unwrap_or_default()
                                ),
                            )
                            .suggest(Some(
                                "write `version: 2` at the top of the file (version 2 reads every version-1 file)",
                            )),
                        );
                    }
                }
            }
        }
    }
}

/// An unknown flow kind in a version-1 file is told the version-1 kinds (as before version 2
/// existed), and pointed at a version-2 kind only with the version it needs.
fn narrow_unknown_via(via: &Node, path: &str, diags: &mut Diags) {
    let Some(text) = via.as_str().filter(|t| !Via::ALL.iter().any(|(n, _)| n == t)) else { return };
    let Some(d) = diags.list.iter_mut().find(|d| d.path == path && d.kind == Kind::BadValue && d.level == Level::Error)
    else {
        return;
    };
    let v1: Vec<&str> = Via::V1.iter().map(|v| v.as_str()).collect();
    d.message =
        format!("`{text}` is not one of {}", v1.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "));
    d.suggestion = Some(match nearest(text, Via::ALL.iter().map(|(n, _)| *n)) {
        Some(near) if v1.contains(&near) => format!("did you mean `{near}`?"),
        Some(near) => {
            format!("did you mean `{near}`? It is new in version 2: write `version: 2` at the top of the file")
        }
        None => {
            let v2: Vec<String> =
                Via::ALL.iter().filter(|(_, v)| !Via::V1.contains(v)).map(|(n, _)| format!("`{n}`")).collect();
            format!("version 2 adds {}: write `version: 2` at the top of the file to use them", v2.join(", "))
        }
    });
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
            Diagnostic::error(
                Kind::Version,
                at,
                key.span,
                format!("`{name}` is new in version 2; this file says `version: 1`"),
            )
            .suggest(Some("write `version: 2` at the top of the file (version 2 reads every version-1 file)")),
        );
    }
}

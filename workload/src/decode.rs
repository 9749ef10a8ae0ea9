//! The YAML tree to the typed [`Workload`], collecting every problem instead of stopping at one.
//!
//! Each struct is read through `Fields`, which knows the struct's field names: a key it does
//! not know is reported with the nearest known name ("did you mean `type`?").

use catalog::{suggest::nearest, units::UnitError};

use crate::{
    diag::{Diagnostic, Diags, Kind, Span},
    model::{
        Ask, At, CacheFacts, Feed, Gauge, Ignore, Incidents, ItemKind, Measured, OverrideTable, Proposal, RULE_CODES,
        Role, RuledOut, Spanned, Store, Team, VERSION, VERSIONS, Via, Workload, WorkloadItem,
    },
    yaml::{Node, Value},
};

/// Reads a node into a value, or reports why it cannot.
pub(crate) trait Decode: Sized {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self>;
}

/// The entry's position: its span, and the index at the end of its path (`stores[3]` → 3).
fn at(node: &Node, path: &str) -> At {
    let index =
        path.strip_suffix(']').and_then(|p| p.rsplit_once('[')).and_then(|(_, i)| i.parse().ok()).unwrap_or_default();
    At { span: node.span, index }
}

fn wrong_type(node: &Node, path: &str, expected: &str, diags: &mut Diags) {
    diags.push(Diagnostic::error(
        Kind::WrongType,
        path,
        node.span,
        format!("expected {expected}, found {}", node.describe()),
    ));
}

impl Decode for String {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        match &node.value {
            Value::Scalar { text, .. } if !text.trim().is_empty() => Some(text.clone()),
            _ => {
                wrong_type(node, path, "text", diags);
                None
            }
        }
    }
}

fn number(node: &Node, path: &str, diags: &mut Diags, what: &str) -> Option<f64> {
    let Value::Scalar { text, .. } = &node.value else {
        wrong_type(node, path, what, diags);
        return None;
    };
    let cleaned: String = text.trim().trim_start_matches('$').chars().filter(|c| *c != '_' && *c != ',').collect();
    match cleaned.parse::<f64>() {
        Ok(v) if (0.0..1e15).contains(&v) => Some(v),
        Ok(v) if v < 0.0 => {
            diags.push(Diagnostic::error(
                Kind::BadValue,
                path,
                node.span,
                format!("`{text}` is negative; {what} cannot be"),
            ));
            None
        }
        Ok(_) => {
            diags.push(Diagnostic::error(
                Kind::BadValue,
                path,
                node.span,
                format!("`{text}` is out of range for {what}"),
            ));
            None
        }
        Err(_) => {
            wrong_type(node, path, what, diags);
            None
        }
    }
}

impl Decode for f64 {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        number(node, path, diags, "a number")
    }
}

impl Decode for u32 {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let v = number(node, path, diags, "a whole number")?;
        if v.fract() != 0.0 || v > f64::from(u32::MAX) {
            diags.push(Diagnostic::error(
                Kind::BadValue,
                path,
                node.span,
                format!("`{v}` is not a whole number in range"),
            ));
            return None;
        }
        Some(v as u32)
    }
}

/// Quantities written in human units (`4m`, `48/day`, `500GB`, `10M`).
fn unit<T: std::str::FromStr<Err = UnitError>>(node: &Node, path: &str, diags: &mut Diags, what: &str) -> Option<T> {
    let Value::Scalar { text, .. } = &node.value else {
        wrong_type(node, path, what, diags);
        return None;
    };
    match text.parse::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            // The unit's own message may already say what was expected ("expected a percentage
            // like `72%`, found `lots`"): do not say it twice.
            let message =
                if e.message.starts_with("expected ") { e.message } else { format!("expected {what}: {}", e.message) };
            diags.push(Diagnostic::error(Kind::BadUnit, path, node.span, message).suggest(e.hint));
            None
        }
    }
}

macro_rules! unit_decode {
    ($ty:ty, $what:expr) => {
        impl Decode for $ty {
            fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
                unit(node, path, diags, $what)
            }
        }
    };
}
unit_decode!(catalog::units::Duration, "a duration such as `200ms`, `5s` or `4m`");
unit_decode!(catalog::units::Rate, "a rate such as `48/day` or `10k/s`");
unit_decode!(catalog::units::Bytes, "a size such as `500GB`");
unit_decode!(catalog::units::Count, "a count such as `5M`");
unit_decode!(catalog::units::Percent, "a percentage such as `72%`");
unit_decode!(catalog::units::Growth, "a growth rate such as `2x/year` or `+40%/year`");
unit_decode!(catalog::units::Factor, "a factor such as `4x`");

impl Decode for bool {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        match &node.value {
            Value::Scalar { text, plain: true } if matches!(text.as_str(), "true" | "True" | "TRUE") => Some(true),
            Value::Scalar { text, plain: true } if matches!(text.as_str(), "false" | "False" | "FALSE") => Some(false),
            _ => {
                wrong_type(node, path, "`true` or `false`", diags);
                None
            }
        }
    }
}

fn one_of<T: Copy>(node: &Node, path: &str, diags: &mut Diags, options: &[(&'static str, T)]) -> Option<T> {
    let Value::Scalar { text, .. } = &node.value else {
        wrong_type(node, path, &format!("one of {}", list(options)), diags);
        return None;
    };
    if let Some((_, v)) = options.iter().find(|(n, _)| *n == text) {
        return Some(*v);
    }
    let hint = nearest(text, options.iter().map(|(n, _)| *n)).map(|s| format!("did you mean `{s}`?"));
    diags.push(
        Diagnostic::error(Kind::BadValue, path, node.span, format!("`{text}` is not one of {}", list(options)))
            .suggest(hint),
    );
    None
}

fn list<T>(options: &[(&'static str, T)]) -> String {
    options.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

impl Decode for Role {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        one_of(node, path, diags, &Role::ALL)
    }
}

impl Decode for Via {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        one_of(node, path, diags, &Via::ALL)
    }
}

impl Decode for ItemKind {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        one_of(node, path, diags, &ItemKind::ALL)
    }
}

impl<T: Decode> Decode for Spanned<T> {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        T::decode(node, path, diags).map(|value| Spanned { value, span: node.span })
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        match &node.value {
            Value::Seq(items) => {
                // Keep the items that decoded: later checks still see them, and each broken item
                // has already reported its own problems.
                Some(
                    items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| T::decode(item, &format!("{path}[{i}]"), diags))
                        .collect(),
                )
            }
            Value::Null => Some(Vec::new()),
            _ => {
                wrong_type(node, path, "a list", diags);
                None
            }
        }
    }
}

/// The keys of one mapping, read field by field; leftovers are reported as unknown.
pub(crate) struct Fields<'a> {
    node: &'a Node,
    entries: &'a [(Node, Node)],
    path: String,
    known: &'static [&'static str],
    ok: bool,
}

impl<'a> Fields<'a> {
    /// Starts reading a mapping; reports and returns `None` when `node` is not one.
    pub(crate) fn new(node: &'a Node, path: &str, known: &'static [&'static str], diags: &mut Diags) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => Some(Self { node, entries, path: path.to_string(), known, ok: true }),
            _ => {
                wrong_type(node, path, &format!("a mapping with {}", known.join(", ")), diags);
                None
            }
        }
    }

    fn child(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    fn find(&self, key: &str) -> Option<&'a Node> {
        debug_assert!(self.known.contains(&key), "{key} missing from the known list");
        self.entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
    }

    /// Where a key is written.
    pub(crate) fn key_span(&self, key: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(k, _)| k.span)
    }

    /// The raw node for a key.
    pub(crate) fn raw(&self, key: &str) -> Option<&'a Node> {
        self.find(key).filter(|n| n.value != Value::Null)
    }

    /// An optional field: absent or null is `None` without a diagnostic.
    pub(crate) fn optional<T: Decode>(&mut self, key: &str, diags: &mut Diags) -> Option<T> {
        let node = self.raw(key)?;
        let v = T::decode(node, &self.child(key), diags);
        self.ok &= v.is_some();
        v
    }

    /// A required field: absent is reported.
    pub(crate) fn required<T: Decode>(&mut self, key: &str, diags: &mut Diags, example: &str) -> Option<T> {
        if self.raw(key).is_none() {
            self.ok = false;
            diags.push(
                Diagnostic::error(
                    Kind::MissingField,
                    self.child(key),
                    self.node.span,
                    format!("missing field `{key}`"),
                )
                .suggest(Some(format!("add `{key}: {example}`"))),
            );
            return None;
        }
        self.optional(key, diags)
    }

    /// Reports every key not in the known list, with the nearest known one; returns whether
    /// all fields read cleanly. Callers keep what they could read either way, so that later
    /// checks still run and every problem is reported in one pass.
    pub(crate) fn finish(self, diags: &mut Diags) -> bool {
        let mut ok = self.ok;
        for (key, _) in self.entries {
            let Some(name) = key.as_str() else {
                ok = false;
                diags.push(Diagnostic::error(Kind::WrongType, &self.path, key.span, "keys must be plain names"));
                continue;
            };
            if !self.known.contains(&name) {
                ok = false;
                let hint = nearest(name, self.known.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some(format!("known fields: {}", self.known.join(", "))));
                diags.push(
                    Diagnostic::error(
                        Kind::UnknownField,
                        self.child(name),
                        key.span,
                        format!("unknown field `{name}`"),
                    )
                    .suggest(hint),
                );
            }
        }
        ok
    }
}

impl Decode for Team {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, TEAM_FIELDS, diags)?;
        let engineers = f.required("engineers", diags, "8");
        let hourly = f.required("hourly_cost_usd", diags, "100");
        f.finish(diags);
        Some(Team { engineers: engineers?, hourly_cost_usd: hourly? })
    }
}

impl Decode for Feed {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, FEED_FIELDS, diags)?;
        let via: Option<Spanned<Via>> = f.required("via", diags, "cdc");
        // The application's own writes need not name a source: it may write nothing else.
        let from = if via.as_ref().is_some_and(|v| v.value == Via::AppWrite) {
            Some(f.optional("from", diags).unwrap_or_default())
        } else {
            f.required("from", diags, "main-db")
        };
        let every = f.optional("every", diags);
        let lag = f.optional("lag", diags);
        let replayable = f.optional("replayable", diags);
        let transactional = f.optional("transactional", diags);
        let note = f.optional("note", diags);
        f.finish(diags);
        Some(Feed { from: from?, via: via?, every, lag, replayable, transactional, note })
    }
}

/// `fed_by` takes one flow or a list of them.
struct Feeds(Vec<Feed>);

impl Decode for Feeds {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        match &node.value {
            Value::Map(_) => Feed::decode(node, path, diags).map(|f| Feeds(vec![f])),
            _ => Vec::<Feed>::decode(node, path, diags).map(Feeds),
        }
    }
}

/// The fields each mapping of the format accepts: the decoder reports any other key as unknown,
/// and the schema test checks the JSON Schema describes exactly these.
pub const TEAM_FIELDS: &[&str] = &["engineers", "hourly_cost_usd"];
/// Fields of a `fed_by` flow.
pub const FEED_FIELDS: &[&str] = &["from", "via", "every", "lag", "replayable", "transactional", "note"];
/// Fields of a `{ measured, target }` figure.
pub const MEASURED_FIELDS: &[&str] = &["measured", "target"];
/// Fields of a `{ measured, limit }` resource level.
pub const LEVEL_FIELDS: &[&str] = &["measured", "limit"];
/// Fields of a proposal.
pub const PROPOSAL_FIELDS: &[&str] = &["add", "replace", "by", "move", "to", "remove", "for", "reason"];
/// Fields of a ruled-out option.
pub const RULED_OUT_FIELDS: &[&str] = &["option", "store", "for", "reason"];
/// Fields of an `ignore` entry (a suppression).
pub const IGNORE_FIELDS: &[&str] = &["code", "subjects", "reason", "until"];
/// Fields of a store's `incidents`.
pub const INCIDENT_FIELDS: &[&str] = &Incidents::KINDS;
/// Fields of a store's `cache`.
pub const CACHE_FIELDS: &[&str] = &["hit_rate", "miss_latency", "capacity", "working_set", "ttl"];
/// Fields of a store.
pub const STORE_FIELDS: &[&str] = &[
    "id",
    "type",
    "role",
    "fed_by",
    "staleness_budget",
    "monthly_cost_usd",
    "size",
    "queries",
    "remedies_in_place",
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
    "note",
];

impl Decode for Store {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, STORE_FIELDS, diags)?;
        let id = f.required("id", diags, "main-db");
        let kind = f.required("type", diags, "postgresql");
        let role = f.required("role", diags, "source_of_truth");
        let fed_by = f.optional::<Feeds>("fed_by", diags).map(|x| x.0);
        let staleness_budget = f.optional("staleness_budget", diags);
        let monthly_cost_usd = f.optional("monthly_cost_usd", diags);
        let size = f.optional("size", diags);
        let queries = f.optional("queries", diags);
        let remedies_in_place = f.optional("remedies_in_place", diags);
        let managed = f.optional("managed", diags);
        let nodes = f.optional("nodes", diags);
        let shards = f.optional("shards", diags);
        let replicas = f.optional("replicas", diags);
        let cpu = f.optional("cpu", diags);
        let memory = f.optional("memory", diags);
        let iops = f.optional("iops", diags);
        let storage = f.optional("storage", diags);
        let connections = f.optional("connections", diags);
        let growth = f.optional("growth", diags);
        let skew = f.optional("skew", diags);
        let incidents = f.optional("incidents", diags);
        let ops_hours = f.optional("ops_hours", diags);
        let cache = f.optional("cache", diags);
        let note = f.optional("note", diags);
        f.finish(diags);
        Some(Store {
            managed,
            nodes,
            shards,
            replicas,
            cpu,
            memory,
            iops,
            storage,
            connections,
            growth,
            skew,
            incidents,
            ops_hours,
            cache,
            id: id?,
            kind: kind?,
            role: role?,
            fed_by: fed_by.unwrap_or_default(),
            staleness_budget,
            monthly_cost_usd,
            size,
            queries,
            remedies_in_place: remedies_in_place.unwrap_or_default(),
            note,
            at: at(node, path),
        })
    }
}

impl Decode for Incidents {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, INCIDENT_FIELDS, diags)?;
        let out = Incidents {
            outage: f.optional("outage", diags),
            inconsistency: f.optional("inconsistency", diags),
            stall: f.optional("stall", diags),
            replication_lag: f.optional("replication_lag", diags),
            performance: f.optional("performance", diags),
        };
        f.finish(diags);
        Some(out)
    }
}

impl Decode for CacheFacts {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, CACHE_FIELDS, diags)?;
        let out = CacheFacts {
            hit_rate: f.optional("hit_rate", diags),
            miss_latency: f.optional("miss_latency", diags),
            capacity: f.optional("capacity", diags),
            working_set: f.optional("working_set", diags),
            ttl: f.optional("ttl", diags),
        };
        f.finish(diags);
        Some(out)
    }
}

impl<T: Decode> Decode for Gauge<T> {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, LEVEL_FIELDS, diags)?;
        let measured = f.optional("measured", diags);
        let limit = f.optional("limit", diags);
        f.finish(diags);
        Some(Gauge { measured, limit })
    }
}

impl<T: Decode> Decode for Measured<T> {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, MEASURED_FIELDS, diags)?;
        let measured = f.optional("measured", diags);
        let target = f.optional("target", diags);
        f.finish(diags);
        Some(Measured { measured, target })
    }
}

/// Fields of a workload item.
pub const ITEM_FIELDS: &[&str] = &[
    "id",
    "pattern",
    "store",
    "rate",
    "data_size",
    "items",
    "latency",
    "throughput",
    "tried",
    "kind",
    "batch_size",
    "updates",
    "growth",
    "freshness",
    "read_your_writes",
    "secondary_lookup",
    "ad_hoc",
    "domain",
    "note",
];

impl Decode for WorkloadItem {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, ITEM_FIELDS, diags)?;
        let id = f.required("id", diags, "fleet-report");
        let pattern = f.required("pattern", diags, "analytical_scan");
        let store = f.required("store", diags, "main-db");
        let rate = f.optional("rate", diags);
        let data_size = f.optional("data_size", diags);
        let items = f.optional("items", diags);
        let latency = f.optional("latency", diags);
        let throughput = f.optional("throughput", diags);
        let tried = f.optional("tried", diags);
        let kind = f.optional("kind", diags);
        let batch_size = f.optional("batch_size", diags);
        let updates = f.optional("updates", diags);
        let growth = f.optional("growth", diags);
        let freshness = f.optional("freshness", diags);
        let read_your_writes = f.optional("read_your_writes", diags);
        let secondary_lookup = f.optional("secondary_lookup", diags);
        let ad_hoc = f.optional("ad_hoc", diags);
        let domain = f.optional("domain", diags);
        let note = f.optional("note", diags);
        f.finish(diags);
        Some(WorkloadItem {
            kind,
            batch_size,
            updates,
            growth,
            freshness,
            read_your_writes,
            secondary_lookup,
            ad_hoc,
            domain,
            id: id?,
            pattern: pattern?,
            store: store?,
            rate,
            data_size,
            items,
            latency,
            throughput,
            tried: tried.unwrap_or_default(),
            note,
            at: at(node, path),
        })
    }
}

impl Decode for Proposal {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, PROPOSAL_FIELDS, diags)?;
        let given: Vec<&str> =
            ["add", "replace", "move", "remove"].into_iter().filter(|k| f.raw(k).is_some()).collect();
        let ask = match given.as_slice() {
            ["add"] => f.optional("add", diags).map(|add| Ask::Add { add }),
            ["replace"] => {
                let replace = f.optional("replace", diags);
                let by = f.required("by", diags, "postgresql");
                replace.zip(by).map(|(replace, by)| Ask::Replace { replace, by })
            }
            ["move"] => {
                let workload = f.optional("move", diags);
                let to = f.required("to", diags, "main-db");
                workload.zip(to).map(|(workload, to)| Ask::Move { workload, to })
            }
            ["remove"] => f.optional("remove", diags).map(|remove| Ask::Remove { remove }),
            [] => {
                diags.push(
                    Diagnostic::error(Kind::MissingField, format!("{path}.add"), node.span, "missing field `add`")
                        .suggest(Some(
                            "a proposal asks one thing: `add: <store type>`, `replace: <store>` with `by: <store type>`, \
                             `move: <workload>` with `to: <store>`, or `remove: <store>`",
                        )),
                );
                None
            }
            many => {
                // Point at the second question: the first is the one the proposal was about.
                let second = many.get(1).copied().unwrap_or_default();
                let span = f.key_span(second).unwrap_or(node.span);
                let asks = many.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
                let split = many
                    .iter()
                    .map(|k| match *k {
                        "replace" => "`{ replace: …, by: … }`".to_string(),
                        "move" => "`{ move: …, to: … }`".to_string(),
                        other => format!("`{{ {other}: … }}`"),
                    })
                    .collect::<Vec<_>>()
                    .join(" and ");
                diags.push(
                    Diagnostic::error(
                        Kind::BadValue,
                        format!("{path}.{second}"),
                        span,
                        format!("a proposal asks one thing; this one has {asks}"),
                    )
                    .suggest(Some(format!("split it into one proposal per question: {split}"))),
                );
                None
            }
        };
        let for_workload = f.optional("for", diags);
        let reason = f.optional("reason", diags);
        // `by` and `to` belong to `replace` and `move`.
        for (key, owner) in [("by", "replace"), ("to", "move")] {
            if let Some(n) = f.raw(key).filter(|_| !given.contains(&owner)) {
                let span = f.key_span(key).unwrap_or(n.span);
                diags.push(
                    Diagnostic::error(
                        Kind::UnknownField,
                        format!("{path}.{key}"),
                        span,
                        format!("`{key}` goes with `{owner}`"),
                    )
                    .suggest(Some(format!("write `{owner}:` beside it, or remove `{key}`"))),
                );
            }
        }
        f.finish(diags);
        Some(Proposal { ask: ask?, for_workload, reason, at: at(node, path) })
    }
}

impl Decode for RuledOut {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, RULED_OUT_FIELDS, diags)?;
        let option = f.required("option", diags, "cockroachdb");
        let store = f.optional("store", diags);
        let for_workload = f.optional("for", diags);
        let reason = f.required("reason", diags, "\"we evaluated it: ...\"");
        f.finish(diags);
        Some(RuledOut { option: option?, store, for_workload, reason: reason?, at: at(node, path) })
    }
}

impl Decode for crate::date::Date {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let Value::Scalar { text, .. } = &node.value else {
            wrong_type(node, path, "a date such as `2027-03-01`", diags);
            return None;
        };
        match text.parse() {
            Ok(date) => Some(date),
            Err(crate::date::DateError(message)) => {
                diags.push(
                    Diagnostic::error(Kind::BadValue, path, node.span, message)
                        .suggest(Some("write the last day the suppression holds as year-month-day: `2027-03-01`")),
                );
                None
            }
        }
    }
}

/// A rule code: one of [`RULE_CODES`] (any case is read as upper case), else the nearest.
pub(crate) fn rule_code(node: &Node, path: &str, diags: &mut Diags) -> Option<Spanned<String>> {
    let text: Spanned<String> = Decode::decode(node, path, diags)?;
    let upper = text.value.trim().to_ascii_uppercase();
    if RULE_CODES.contains(&upper.as_str()) {
        return Some(Spanned { value: upper, span: text.span });
    }
    let hint = nearest(&upper, RULE_CODES.iter().copied()).map(|c| format!("did you mean `{c}`?")).or_else(|| {
        Some(format!(
            "rule codes run from `{}` to `{}`",
            RULE_CODES.first().unwrap_or(&""),
            RULE_CODES.last().unwrap_or(&"")
        ))
    });
    diags.push(
        Diagnostic::error(Kind::BadValue, path, node.span, format!("`{}` is not a rule code", text.value))
            .suggest(hint),
    );
    None
}

impl Decode for Ignore {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        let mut f = Fields::new(node, path, IGNORE_FIELDS, diags)?;
        let code = match f.raw("code") {
            Some(n) => rule_code(n, &format!("{path}.code"), diags),
            None => f.required::<Spanned<String>>("code", diags, "SW006"),
        };
        let subjects = f.optional("subjects", diags);
        let reason = f.required("reason", diags, "\"decided in ADR-12\"");
        let until = f.optional("until", diags);
        f.finish(diags);
        Some(Ignore { code: code?, subjects: subjects.unwrap_or_default(), reason: reason?, until, at: at(node, path) })
    }
}

/// `catalog_overrides` converted to JSON values for the catalog's merge.
struct Overrides(OverrideTable);

impl Decode for Overrides {
    fn decode(node: &Node, path: &str, diags: &mut Diags) -> Option<Self> {
        match to_json(node, path, diags)? {
            serde_json::Value::Object(table) => Some(Overrides(OverrideTable { table, span: node.span })),
            _ => {
                wrong_type(node, path, "a mapping of store type to replaced figures", diags);
                None
            }
        }
    }
}

/// A YAML node as JSON, plain scalars typed the way YAML's core schema types them.
fn to_json(node: &Node, path: &str, diags: &mut Diags) -> Option<serde_json::Value> {
    use serde_json::Value as Json;
    Some(match &node.value {
        Value::Null => {
            diags.push(Diagnostic::error(Kind::WrongType, path, node.span, "an override needs a value"));
            return None;
        }
        Value::Scalar { text, plain } => crate::yaml::scalar_json(text, *plain),
        Value::Seq(items) => Json::Array(
            items.iter().enumerate().map(|(i, n)| to_json(n, &format!("{path}[{i}]"), diags)).collect::<Option<_>>()?,
        ),
        Value::Map(entries) => {
            let mut table = serde_json::Map::new();
            for (k, v) in entries {
                let Some(key) = k.as_str() else {
                    diags.push(Diagnostic::error(Kind::WrongType, path, k.span, "keys must be plain names"));
                    return None;
                };
                table.insert(key.to_string(), to_json(v, &format!("{path}.{key}"), diags)?);
            }
            Json::Object(table)
        }
    })
}

/// Fields at the top of the document.
pub const TOP_FIELDS: &[&str] = &[
    "version",
    "name",
    "description",
    "team",
    "horizon",
    "stores",
    "workloads",
    "proposals",
    "ruled_out",
    "catalog_overrides",
    "ignore",
];

/// Reads the whole document, as much of it as can be read; `None` only when the document is not
/// a workload of a version this build reads. Problems are in `diags`.
pub(crate) fn workload(root: &Node, diags: &mut Diags) -> Option<Workload> {
    let mut f = Fields::new(root, "", TOP_FIELDS, diags)?;
    let version = match f.raw("version") {
        None => {
            diags.push(
                Diagnostic::error(Kind::Version, "version", Span::point(1, 1), "missing `version`")
                    .suggest(Some(format!("start the file with `version: {VERSION}`"))),
            );
            Some(VERSION)
        }
        Some(node) => {
            let v: Option<u32> = Decode::decode(node, "version", diags);
            match v {
                Some(v) if VERSIONS.contains(&v) => Some(v),
                Some(other) => {
                    diags.push(
                        Diagnostic::error(
                            Kind::Version,
                            "version",
                            node.span,
                            format!(
                                "this storewise reads workload format versions 1 and {VERSION}; the file says {other}"
                            ),
                        )
                        .suggest(Some(if other > VERSION {
                            format!("upgrade storewise, or rewrite the file in version {VERSION}")
                        } else {
                            format!("write `version: {VERSION}`")
                        })),
                    );
                    // Another version's fields would only produce noise: stop here.
                    return None;
                }
                None => Some(VERSION),
            }
        }
    };
    let name = f.required("name", diags, "Logistics platform");
    let description = f.optional("description", diags);
    let team = f.optional("team", diags);
    let stores: Option<Vec<Store>> = f.required("stores", diags, "[...]");
    let workloads = f.optional("workloads", diags);
    let proposals = f.optional("proposals", diags);
    let ruled_out = f.optional("ruled_out", diags);
    let horizon = f.optional("horizon", diags);
    let overrides = f.optional::<Overrides>("catalog_overrides", diags).map(|o| o.0);
    let ignore = f.optional("ignore", diags);
    f.finish(diags);
    if let Some(version) = version {
        crate::version::gate(root, version, diags);
    }
    Some(Workload {
        version: version?,
        name: name.unwrap_or_default(),
        description,
        team,
        stores: stores.unwrap_or_default(),
        workloads: workloads.unwrap_or_default(),
        proposals: proposals.unwrap_or_default(),
        ruled_out: ruled_out.unwrap_or_default(),
        horizon,
        catalog_overrides: overrides,
        ignore: ignore.unwrap_or_default(),
    })
}

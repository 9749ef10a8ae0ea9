//! Words at the edge: the phrases for options, reasons and verdicts, rendered from the typed
//! decisions. The renderers (text, Markdown, SARIF) and the app use these; no decision reads them.

use std::fmt::{self, Write as _};

use catalog::{Catalog, model::Address, units::Duration};
use workload::Via;

use crate::{
    format::{and_list, num},
    load::UpTo,
    options::{Choice, Considered, FeedGap, Reason, TieBreak, Verdict},
};

/// A remedy's display name (`Materialized view`), else its id.
pub fn remedy_name<'a>(catalog: &'a Catalog, id: &'a str) -> &'a str {
    catalog.remedy(id).map_or(id, |r| r.name.as_str())
}

/// A remedy's name inside a sentence: first letter lower-cased unless it starts an acronym.
pub fn remedy_phrase(catalog: &Catalog, id: &str) -> String {
    lower_first(remedy_name(catalog, id))
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => {
            let mut out = String::with_capacity(name.len() + 2);
            out.extend(a.to_lowercase());
            out.push_str(name.get(a.len_utf8()..).unwrap_or_default());
            out
        }
        _ => name.to_string(),
    }
}

/// A store type's display name, else the id.
pub fn store_name<'a>(catalog: &'a Catalog, id: &'a str) -> &'a str {
    catalog.store(id).map_or(id, |k| k.name.as_str())
}

/// What an option is, in a few words: `materialized view on main-db`, `2 read replicas`,
/// `a new ClickHouse`, `serve it from search`, `fold sessions into main-db`, `CDC`.
pub fn option_name(catalog: &Catalog, c: &Considered) -> String {
    match &c.choice {
        Choice::Remedy { store, remedy } => format!("{} on {store}", remedy_phrase(catalog, remedy)),
        Choice::Scale { store, remedy, units } => match units {
            Some(n) => format!("{} ({n}) on {store}", remedy_phrase(catalog, remedy)),
            None => format!("{} on {store}", remedy_phrase(catalog, remedy)),
        },
        Choice::Existing { store } => format!("serve it from {store}"),
        Choice::NewStore { store_type } => format!("a new {}", store_name(catalog, store_type)),
        Choice::Fold { store, into } => format!("fold {store} into {into}"),
        Choice::Flow { via } => via_name(*via).to_string(),
    }
}

/// A flow kind's name in a sentence.
pub fn via_name(via: Via) -> &'static str {
    match via {
        Via::Cdc => "CDC",
        Via::Outbox => "a transactional outbox",
        Via::DualWrite => "a dual write",
        Via::BatchEtl => "a batch job",
        Via::Stream => "a stream consumer",
        Via::Polling => "query-based polling",
        Via::CacheAside => "cache-aside",
        Via::AppWrite => "the application's own writes",
        Via::Invalidation => "cache invalidation",
        Via::Replication => "replication",
        Via::RepairJob => "a repair job",
    }
}

/// The verdict in a word.
pub fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Chosen => "picked",
        Verdict::Viable => "viable",
        Verdict::Rejected => "rejected",
        Verdict::Unknown => "unknown",
    }
}

fn pct(x: f64) -> String {
    format!("{}%", num((x * 100.0).round()))
}

fn address(a: Address) -> &'static str {
    match a {
        Address::SelectiveReads => "selective reads",
        Address::Scans => "scans",
        Address::ReadCapacity => "read capacity",
        Address::WriteCapacity => "write capacity",
        Address::Connections => "connections",
        Address::Storage => "storage",
        Address::Maintenance => "maintenance stalls",
        Address::Interference => "interference with transactions",
        Address::Capability => "the access pattern",
    }
}

/// One reason in a phrase: `reaches the 5s target (50ms..2s)`, `600GB is beyond its 500GB scale`.
pub fn reason(catalog: &Catalog, r: &Reason) -> String {
    let mut out = String::with_capacity(64);
    let _ = write_reason(&mut out, catalog, r);
    out
}

/// [`reason`], written into `out`.
fn write_reason(out: &mut String, catalog: &Catalog, r: &Reason) -> fmt::Result {
    let secs = |x: f64| Duration(x.max(0.0));
    match r {
        Reason::AtScale { share, given } => {
            let percent = share * 100.0;
            if percent < 1.0 {
                write!(out, "at under 1% of the scale its {given} is given for")
            } else {
                write!(out, "at {}% of the scale its {given} is given for", crate::format::num(percent.round()))
            }
        }
        Reason::Reaches { range, target_secs } => write!(out, "{range} reaches the {} target", secs(*target_secs)),
        Reason::OptimisticOnly { range, target_secs } => {
            write!(out, "reaches the {} target only at its optimistic end ({range})", secs(*target_secs))
        }
        Reason::Misses { range, target_secs } => write!(out, "{range} misses the {} target", secs(*target_secs)),
        Reason::Graded { grade, up_to: Some(up_to) } => {
            out.push_str("graded ");
            out.push_str(grade.as_str());
            out.push(' ');
            write!(out, "{}", UpTo(up_to))
        }
        Reason::Graded { grade, up_to: None } => {
            write!(out, "graded {} for every workload it serves", grade.as_str())
        }
        Reason::WeakGrade { grade } => write!(out, "graded only {} for it", grade.as_str()),
        Reason::BeyondScale { load, limit } => write!(out, "{load} is beyond its {limit} scale"),
        Reason::ScaleUnknown { figure } => {
            write!(out, "its scale holds only to a limit: state the workload's `{figure}`")
        }
        Reason::SelectiveOnly => {
            out.push_str("it helps selective queries only; a scan of a large share of the data stays a scan");
            Ok(())
        }
        Reason::DoesNotAddress { need } => write!(out, "it does not add {}", address(*need)),
        Reason::TooStale { refresh_secs, freshness_secs } => write!(
            out,
            "its data is up to {} old, more than the {} the workload accepts",
            secs(*refresh_secs),
            secs(*freshness_secs)
        ),
        Reason::FreshEnough { refresh_secs, freshness_secs } => {
            write!(out, "up to {} old, within the {} accepted", secs(*refresh_secs), secs(*freshness_secs))
        }
        Reason::Fed { via, through } => match through {
            Some(p) => write!(out, "fed from {p} by {}", via_name(*via)),
            None => write!(out, "fed from the source of truth by {}", via_name(*via)),
        },
        Reason::CannotBeFed(FeedGap::NoCdcSource { store }) => {
            write!(out, "{store} offers no change data capture to feed it")
        }
        Reason::CannotBeFed(FeedGap::NoOutbox { store }) => {
            write!(out, "{store} cannot commit a write and its outbox record in one transaction")
        }
        Reason::CannotBeFed(FeedGap::NoSink) => {
            out.push_str("it cannot apply a stream of changes (no sink connector)");
            Ok(())
        }
        Reason::WritePattern { write, grade } => {
            write!(out, "it takes {} {} (graded {})", write_phrase(*write), grade_adverb(*grade), grade.as_str())
        }
        Reason::NotGoodFor { what } => write!(out, "not good for: {}", lower_first(what)),
        Reason::Tried => {
            out.push_str("already tried without reaching the target");
            Ok(())
        }
        Reason::InPlace => {
            out.push_str("already in place");
            Ok(())
        }
        Reason::RuledOut { reason } => write!(out, "ruled out by the team: {}", reason.trim()),
        Reason::AdHoc => {
            out.push_str("it serves results computed ahead of time, and the workload's queries are ad hoc");
            Ok(())
        }
        Reason::NotOnManaged => {
            out.push_str("not offered by the managed service the store runs on");
            Ok(())
        }
        Reason::Holds { utilization, .. } if *utilization < 0.005 => {
            out.write_str("it takes all of the load off the store")
        }
        Reason::Holds { utilization, horizon_months } => write!(
            out,
            "the load then stays at {} of the limit to the {}-month horizon",
            pct(*utilization),
            num(horizon_months.round())
        ),
        Reason::Short { utilization, months } => {
            if *months <= 0.0 {
                write!(out, "the load would still be at {} of the limit", pct(*utilization))
            } else {
                write!(
                    out,
                    "the load would still cross the limit in {} months ({} at the horizon)",
                    num(months.round()),
                    pct(*utilization)
                )
            }
        }
        Reason::Relieves { need } => write!(out, "it relieves {} directly", address(*need)),
        Reason::MaxUnits { max } => write!(out, "at most {max} can be added"),
        Reason::Unknown { figure } => write!(out, "cannot be judged: state {figure}"),
        Reason::ReadShare { share } if *share < 0.005 => {
            out.write_str("none of its load is reads a replica could take")
        }
        Reason::ReadShare { share } => {
            write!(out, "only {} of the load is reads a replica could take", pct(*share))
        }
        Reason::For { workload, reason } => {
            write!(out, "for {workload}, ")?;
            write_reason(out, catalog, reason)
        }
        Reason::ReadYourWrites { workloads } => {
            write!(out, "{} must read their own writes and stay on the primary", and_list(workloads))
        }
        Reason::AddedAnyway { workload } => {
            write!(out, "it is added anyway, for {workload}: taking this load too adds no store")
        }
        Reason::SpansShards { shards } => write!(
            out,
            "it reads across the whole data set, and the {shards} shards each hold their own keys with nothing to \
             join them"
        ),
        Reason::ScatterGather { share } => {
            write!(out, "{} of the load looks up by a secondary attribute and reaches every shard", pct(*share))
        }
        Reason::Overloaded { utilization } => write!(out, "it would then carry {} of its limit", pct(*utilization)),
        Reason::Proposed => {
            out.push_str("proposed by the team");
            Ok(())
        }
        Reason::Lost { to, by } => write!(out, "{} wins: {}", key_name(catalog, to), tie_break(*by)),
    }
}

fn key_name(catalog: &Catalog, key: &str) -> String {
    if catalog.remedy(key).is_some() {
        remedy_phrase(catalog, key)
    } else if let Some(k) = catalog.store(key) {
        k.name.clone()
    } else {
        key.to_string()
    }
}

/// The stated rule's key, in words.
pub fn tie_break(by: TieBreak) -> &'static str {
    match by {
        TieBreak::FullReach => "its whole range reaches the target",
        TieBreak::Rung => "it changes less (a remedy before a store already run, before scaling, before a new store)",
        TieBreak::Grade => "a better catalog grade",
        TieBreak::Hours => "fewer operations hours",
        TieBreak::Cost => "less spend",
        TieBreak::Order => "first in the catalog",
        TieBreak::Shared => "one new store serves both: it is added anyway",
    }
}

fn write_phrase(w: catalog::model::WriteKind) -> &'static str {
    match w {
        catalog::model::WriteKind::Inserts => "many small inserts",
        catalog::model::WriteKind::BulkLoads => "bulk loads",
        catalog::model::WriteKind::Updates => "updates and deletes",
        catalog::model::WriteKind::Upserts => "the upserts a change stream sends",
    }
}

fn grade_adverb(g: catalog::Grade) -> &'static str {
    match g {
        catalog::Grade::Unsuited => "not at all",
        catalog::Grade::Weak => "badly",
        _ => "only fairly",
    }
}

/// Renders an option's words into it (`label`, `why`), from its typed choice and reasons.
pub fn words(catalog: &Catalog, c: &mut Considered) {
    c.label = option_name(catalog, c);
    c.why = c.reasons.iter().map(|r| reason(catalog, r)).collect();
}

/// An option's row: `a new ClickHouse — picked: graded strong …; 50ms..2s reaches the 5s target`.
pub fn option_row(catalog: &Catalog, c: &Considered) -> String {
    let reasons: Vec<String> = c.reasons.iter().map(|r| reason(catalog, r)).collect();
    let mut row = format!("{} — {}", option_name(catalog, c), verdict_word(c.verdict));
    if !reasons.is_empty() {
        row.push_str(": ");
        row.push_str(&reasons.join("; "));
    }
    if let Some(h) = c.added_hours.filter(|h| *h != 0.0) {
        row.push_str(&format!(" [{}{} h/month]", if h > 0.0 { "+" } else { "" }, num((h * 10.0).round() / 10.0)));
    }
    row
}

/// The chosen option's reasons in favour, as one clause.
pub fn why_chosen(catalog: &Catalog, c: &Considered) -> String {
    let good: Vec<String> = c
        .reasons
        .iter()
        .filter(|r| {
            matches!(
                r.inner(),
                Reason::Reaches { .. }
                    | Reason::Graded { .. }
                    | Reason::FreshEnough { .. }
                    | Reason::Fed { .. }
                    | Reason::Holds { .. }
            )
        })
        .map(|r| reason(catalog, r))
        .collect();
    and_list(&good)
}

/// The strongest reason an option lost, as one clause: a rejection first, then a missing figure,
/// then the rule's tie-break.
pub fn why_not(catalog: &Catalog, c: &Considered) -> Option<String> {
    let weight = |r: &Reason| match r.inner() {
        Reason::AtScale { .. }
        | Reason::Reaches { .. }
        | Reason::Graded { .. }
        | Reason::FreshEnough { .. }
        | Reason::Fed { .. }
        | Reason::Holds { .. }
        | Reason::Relieves { .. }
        | Reason::Proposed
        | Reason::ReadYourWrites { .. }
        | Reason::ScatterGather { .. }
        | Reason::MaxUnits { .. } => None,
        Reason::Lost { .. } => Some(3),
        Reason::OptimisticOnly { .. } => Some(2),
        Reason::Unknown { .. } | Reason::ScaleUnknown { .. } => Some(1),
        _ => Some(0),
    };
    c.reasons.iter().filter_map(|r| weight(r).map(|w| (w, r))).min_by_key(|(w, _)| *w).map(|(_, r)| reason(catalog, r))
}

/// A phrase as the start of a sentence: its first letter upper-cased.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

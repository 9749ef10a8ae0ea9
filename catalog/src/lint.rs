//! Consistency checks on store entries: every figure has evidence, every reference resolves,
//! every number is plausible. Run on the shipped data by the tests and on every user override.

use std::collections::BTreeSet;

use crate::{
    Catalog,
    model::{Address, Category, Evidence, Evidenced, FlowKind, StoreType, WriteKind},
};

/// Most hours per month one category of one store may plausibly take for a small deployment.
pub const MAX_CATEGORY_HOURS: f64 = 80.0;

/// Problems found in one store entry, each a sentence naming the field.
pub fn check_store(catalog: &Catalog, store: &StoreType) -> Vec<String> {
    let mut problems = Vec::new();
    let source_ids: Vec<&str> = store.sources.iter().map(|s| s.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    for source in &store.sources {
        if !seen.insert(source.id.as_str()) {
            problems.push(format!("sources: id `{}` appears twice", source.id));
        }
        if !(source.url.starts_with("https://") || source.url.starts_with("http://") || source.url.starts_with("seed:"))
        {
            problems.push(format!("sources.{}: url `{}` is not http(s) or seed:", source.id, source.url));
        }
        if !is_date(&source.date) {
            problems.push(format!("sources.{}: date `{}` is not YYYY-MM-DD", source.id, source.date));
        }
    }
    let mut evidence = |path: &str, e: Evidence| {
        if e.cite.is_empty() && e.estimate.as_deref().is_none_or(|s| s.trim().is_empty()) {
            problems.push(format!("{path}: has neither `cite` nor `estimate`"));
        }
        for id in &e.cite {
            if !source_ids.contains(&id.as_str()) {
                problems.push(format!("{path}: cites `{id}`, which is not among the [[sources]]"));
            }
        }
    };
    evidence("learning_weeks", store.learning_weeks.evidence());
    for pattern in &catalog.patterns {
        match store.fit.get(&pattern.id) {
            Some(fit) => evidence(&format!("fit.{}", pattern.id), fit.evidence()),
            None => evidence(&format!("fit.{} (missing)", pattern.id), Evidence::default()),
        }
    }
    for (i, item) in store.not_good_for.iter().enumerate() {
        evidence(&format!("not_good_for[{i}]"), item.evidence());
    }
    for remedy in &store.remedies {
        evidence(&format!("remedies.{}", remedy.id), remedy.evidence());
    }
    evidence("ops", store.ops.evidence());
    for category in Category::ALL {
        evidence(&format!("ops.{}", category.as_str()), store.ops.category(category).evidence());
    }
    match &store.writes {
        Some(writes) => {
            for kind in WriteKind::ALL {
                evidence(&format!("writes.{}", kind.as_str()), writes.get(kind).evidence());
            }
        }
        None => evidence("writes (missing)", Evidence::default()),
    }
    match &store.scale_out {
        Some(scale) => evidence("scale_out", scale.evidence()),
        None => evidence("scale_out (missing)", Evidence::default()),
    }
    evidence("cdc.as_source", store.cdc.as_source.evidence());
    evidence("cdc.as_sink", store.cdc.as_sink.evidence());
    if let Some(outbox) = &store.cdc.outbox {
        evidence("cdc.outbox", outbox.evidence());
    }
    evidence("price", store.price.evidence());

    for id in store.fit.keys() {
        if catalog.pattern(id).is_none() {
            problems.push(format!("fit.{id}: unknown access pattern{}", hint(catalog.suggest_pattern(id))));
        }
    }
    for remedy in &store.remedies {
        if catalog.remedy(&remedy.id).is_none() {
            problems.push(format!(
                "remedies.{}: unknown remedy{}",
                remedy.id,
                hint(catalog.suggest_remedy(&remedy.id))
            ));
        }
        for p in &remedy.patterns {
            if catalog.pattern(p).is_none() {
                problems.push(format!("remedies.{}.patterns: unknown access pattern `{p}`", remedy.id));
            }
        }
        if !(0.0..=MAX_CATEGORY_HOURS).contains(&remedy.added_hours) {
            problems.push(format!(
                "remedies.{}.added_hours: {} is not in 0..={MAX_CATEGORY_HOURS}",
                remedy.id, remedy.added_hours
            ));
        }
    }
    for (i, item) in store.not_good_for.iter().enumerate() {
        for p in &item.patterns {
            if catalog.pattern(p).is_none() {
                problems.push(format!("not_good_for[{i}].patterns: unknown access pattern `{p}`"));
            }
        }
        if item.patterns.is_empty() && item.writes.is_empty() {
            problems.push(format!(
                "not_good_for[{i}]: names no `patterns` or `writes`, so the engine cannot test it (\"{}\")",
                item.what
            ));
        }
    }
    for remedy in &store.remedies {
        if let Some(c) = remedy.capacity
            && !(c.factor.is_finite() && c.factor > 0.0 && c.factor <= 100.0)
        {
            problems.push(format!("remedies.{}.capacity.factor: {} is not in (0, 100]", remedy.id, c.factor));
        }
        for needed in &remedy.requires {
            if !store.remedies.iter().any(|r| r.id == *needed) {
                problems.push(format!("remedies.{}.requires: `{needed}` is not a remedy of this store", remedy.id));
            }
        }
        let adds_capacity = catalog
            .remedy(&remedy.id)
            .is_some_and(|k| k.addresses.iter().any(|a| matches!(a, Address::ReadCapacity | Address::WriteCapacity)));
        if adds_capacity && remedy.capacity.is_none() {
            problems.push(format!("remedies.{}: a capacity remedy needs `capacity = {{ factor, per }}`", remedy.id));
        }
    }
    for category in Category::ALL {
        let hours = store.ops.category(category).hours;
        if !hours.is_finite() || !(0.0..=MAX_CATEGORY_HOURS).contains(&hours) {
            problems.push(format!("ops.{}.hours: {hours} is not in 0..={MAX_CATEGORY_HOURS}", category.as_str()));
        }
    }
    if !(0.0..=2.0).contains(&store.ops.size_exponent) {
        problems.push(format!("ops.size_exponent: {} is not in 0..=2", store.ops.size_exponent));
    }
    if !(0.0..=12.0).contains(&store.learning_weeks.value) {
        problems.push(format!("learning_weeks.value: {} is not in 0..=12", store.learning_weeks.value));
    }
    if store.cdc.as_source.supported && store.cdc.as_source.lag.is_none() {
        problems.push("cdc.as_source.lag: a supported CDC source needs its typical lag".to_string());
    }
    problems
}

/// Problems across the whole catalog: per store, plus duplicate ids and aliases.
pub fn check_catalog(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    for store in &catalog.stores {
        for name in std::iter::once(&store.id).chain(&store.aliases) {
            if !names.insert(name.as_str()) {
                problems.push(format!("{}: name `{name}` is used by two stores", store.id));
            }
        }
        problems.extend(check_store(catalog, store).into_iter().map(|p| format!("{}: {p}", store.id)));
    }
    problems.extend(check_flows(catalog));
    problems
}

/// Problems in the flow kinds: evidence, splits that sum to one, plausible figures, a lag or
/// where it comes from.
pub fn check_flows(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let ids: Vec<&str> = catalog.flow_sources.iter().map(|s| s.id.as_str()).collect();
    for f in &catalog.flows {
        let at = format!("flows.{}", f.via);
        check_flow(f, &ids, &at, &mut problems);
    }
    problems
}

fn check_flow(f: &FlowKind, ids: &[&str], at: &str, problems: &mut Vec<String>) {
    if f.cite.is_empty() && f.estimate.as_deref().is_none_or(|s| s.trim().is_empty()) {
        problems.push(format!("{at}: has neither `cite` nor `estimate`"));
    }
    for id in &f.cite {
        if !ids.contains(&id.as_str()) {
            problems.push(format!("{at}: cites `{id}`, which is not among the [[sources]]"));
        }
    }
    let sum: f64 = f.upkeep_split.values().sum();
    if (sum - 1.0).abs() > 1e-6 {
        problems.push(format!("{at}.upkeep_split: fractions sum to {sum}, not 1"));
    }
    if !(0.0..=MAX_CATEGORY_HOURS).contains(&f.upkeep_hours) {
        problems.push(format!("{at}.upkeep_hours: {} is not in 0..={MAX_CATEGORY_HOURS}", f.upkeep_hours));
    }
    if f.lag.is_none() && f.lag_from.is_none() {
        problems.push(format!("{at}: needs a `lag` or a `lag_from`"));
    }
}

fn hint(suggestion: Option<&str>) -> String {
    suggestion.map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default()
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

//! Consolidation plans shared by SW005 and SW006: can the source of truth serve everything a
//! store serves, how, and what removing the store saves.

use catalog::Grade;
use workload::Role;

use crate::{
    assess::{Need, Served, Tolerance, serve},
    change::Change,
    context::Context,
    cost::{delta, price_range},
    estimate::Estimate,
    format::{and_list, article, cadence, hours, secs_range, usd_range},
    report::{Figure, Finding, Latency, Location},
    rules::{fit_text, remedy_phrase},
    sources::Sources,
};

/// Queries per day above which a derived store is not "underused".
pub const UNDERUSED_QUERIES_PER_DAY: f64 = 1_000.0;

/// How a store's workloads would be served by the store taking over.
#[derive(Debug)]
pub(crate) struct Plan<'a> {
    pub(crate) store: usize,
    pub(crate) into: usize,
    pub(crate) served: Vec<(usize, Served<'a>)>,
    pub(crate) tolerance: Tolerance,
}

/// The store's queries per day: its `queries`, else the sum of its workloads' rates.
pub(crate) fn queries_per_day(cx: &Context<'_>, store: usize) -> Option<f64> {
    let info = cx.store(store)?;
    if let Some(q) = info.store.queries {
        return Some(q.per_day());
    }
    let rates: Vec<f64> = info
        .items
        .iter()
        .filter_map(|&i| cx.items.get(i))
        .filter_map(|i| i.item.rate)
        .map(catalog::units::Rate::per_day)
        .collect();
    (!rates.is_empty() && rates.len() == info.items.len()).then(|| rates.iter().sum())
}

/// Whether every workload of `store` can be served by the source of truth it would fold into,
/// directly or with one remedy each, at `min_grade` or better.
pub(crate) fn plan<'a>(cx: &Context<'a>, store: usize, min_grade: Grade) -> Option<Plan<'a>> {
    let info = cx.store(store)?;
    if info.role() == Role::Pipeline || info.items.is_empty() || !info.consumers.is_empty() {
        return None;
    }
    let into = if info.role() == Role::SourceOfTruth { cx.primary? } else { cx.root_of_truth(store)? };
    if into == store {
        return None;
    }
    let kind = cx.store(into)?.kind?;
    let tolerance = match &info.store.staleness_budget {
        Some(b) => Tolerance { secs: b.value.secs(), stated: true },
        None if info.role() == Role::SourceOfTruth => Tolerance { secs: 0.0, stated: false },
        None => Tolerance::of(cx, store),
    };
    let mut served = Vec::with_capacity(info.items.len());
    for &i in &info.items {
        let item = cx.items.get(i)?;
        let s = serve(kind, &Need::of(item, tolerance, min_grade))?;
        served.push((i, s));
    }
    Some(Plan { store, into, served, tolerance })
}

/// Fills a consolidation finding's evidence, recommendation, effect, sources and change.
pub(crate) fn describe(cx: &Context<'_>, plan: &Plan<'_>, f: &mut Finding, why: &str) {
    let (Some(info), Some(into)) = (cx.store(plan.store), cx.store(plan.into)) else { return };
    let Some(into_kind) = into.kind else { return };
    let mut sources = Sources::default();
    f.subjects.push(info.id().to_string());
    f.subjects.push(into.id().to_string());
    f.location = Location::of(info.store.id.span);

    let usd =
        info.store.monthly_cost_usd.map(Estimate::exact).or_else(|| info.kind.map(price_range)).unwrap_or_default();
    f.evidence.push(Figure::new(
        "monthly cost",
        if info.store.monthly_cost_usd.is_some() {
            usd_range(usd)
        } else {
            format!("{} (catalog price)", usd_range(usd))
        },
    ));
    if let Some(k) = info.kind.filter(|_| info.store.monthly_cost_usd.is_none()) {
        sources.cite(k, &k.price.cite);
    }
    if let Some(b) = &info.store.staleness_budget {
        f.evidence.push(Figure::new("staleness budget", crate::format::secs(b.value.secs())));
    }

    let mut remedies: Vec<(String, f64)> = Vec::new();
    let mut ways = Vec::new();
    for (i, s) in &plan.served {
        let Some(item) = cx.items.get(*i) else { continue };
        let how = match s.remedy {
            Some(r) => {
                if !remedies.iter().any(|(id, _)| *id == r.id) {
                    remedies.push((r.id.clone(), r.added_hours));
                }
                sources.cite(into_kind, &r.cite);
                let refresh = r
                    .min_staleness
                    .map(|m| format!(" refreshed {}", cadence(plan.tolerance.secs.max(m.secs()))))
                    .unwrap_or_default();
                format!("{}{refresh}", article(&remedy_phrase(cx, &r.id)))
            }
            None => {
                if let Some(fit) = into_kind.fit(item.pattern()) {
                    sources.cite(into_kind, &fit.cite);
                }
                format!("{} as it is", into_kind.name)
            }
        };
        if let Some(fit) = item.fit {
            f.evidence.push(Figure::new(format!("{} on {}", item.id(), info.label()), fit_text(fit)));
        }
        f.evidence.push(Figure::new(format!("{} on {}", item.id(), into.label()), format!("{how}: {}", s.text)));
        let lat = s.latency.map(|l| format!(" ({})", secs_range(l))).unwrap_or_default();
        ways.push(format!("{} with {how}{lat}", item.id()));
    }
    let added: f64 = remedies.iter().map(|(_, h)| h).sum();
    let saved_hours = delta::remove_store(cx, plan.store, added);
    let removed_own = info.kind.map_or(0.0, |k| crate::cost::store_hours(k, info.store.size).total());
    f.evidence.push(Figure::new(format!("{} operations", info.label()), format!("{} a month", hours(removed_own))));
    let moved = (info.role() == Role::SourceOfTruth || info.roots.iter().all(|&r| r == plan.store))
        .then(|| info.store.size.map(|b| b.0))
        .flatten();

    let remedy_note = if remedies.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = remedies.iter().map(|(id, _)| remedy_phrase(cx, id)).collect();
        format!(", net of the {} the {} add{}", hours(added), and_list(&names), if names.len() == 1 { "s" } else { "" })
    };
    let flows: Vec<&str> = info.feeds.iter().map(|fl| fl.via().as_str()).collect();
    let flow_note = if flows.is_empty() { String::new() } else { format!(", its {} flow", and_list(&flows)) };
    let budget = info
        .store
        .staleness_budget
        .as_ref()
        .map(|b| format!(", within its {} staleness budget", crate::format::secs(b.value.secs())))
        .unwrap_or_default();
    f.recommendation = format!(
        "Remove {store} and serve {ways}{budget}. {why} This saves {usd}/month and about {saved} a month of operations \
         ({kind} itself{flow_note}{cross}){remedy_note}.{moved_note}",
        store = info.id(),
        ways = and_list(&ways),
        usd = usd_range(usd),
        saved = hours(-saved_hours),
        kind = info.type_name(),
        cross = if cx.lineage_of(plan.store).stores >= 2 { " and the cross-store work it brings" } else { "" },
        moved_note = if moved.is_some() {
            format!(" Its data moves into {}, which becomes its source of truth.", into.id())
        } else {
            String::new()
        },
    );
    if let [(_, s)] = plan.served.as_slice()
        && let Some(l) = s.latency
    {
        f.expected_effect.latency = Some(Latency(l));
    }
    f.expected_effect.usd_per_month = Some(usd.negate().rounded());
    f.expected_effect.ops_hours_per_month = Some(Estimate::exact(saved_hours).rounded());
    f.expected_effect.people_usd_per_month = Some(Estimate::exact(saved_hours * cx.hourly).rounded());
    f.sources = sources.into_vec();
    f.changes.push(Change::RemoveStore {
        store: info.id().to_string(),
        into: into.id().to_string(),
        remedies,
        moved_bytes: moved,
    });
}

//! `storewise catalog [ID]`: the store types as a table, or one in full with its sources.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use catalog::{Catalog, Category, StoreType, model::Evidence};

use crate::{
    OK,
    cli::{CatalogArgs, CatalogFormat, Global},
    input,
};

pub(crate) fn run(global: &Global, args: &CatalogArgs) -> Result<u8> {
    let catalog = input::catalog(global)?;
    let out = match (&args.id, args.format) {
        (None, CatalogFormat::Json) => serde_json::to_string_pretty(&catalog)?,
        (None, CatalogFormat::Text) => list(&catalog),
        (Some(id), format) => {
            let Some(store) = catalog.store(id) else {
                let hint = catalog.suggest_store(id).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
                bail!("unknown store type `{id}`{hint}; `storewise catalog` lists them");
            };
            match format {
                CatalogFormat::Json => serde_json::to_string_pretty(store)?,
                CatalogFormat::Text => show(&catalog, store),
            }
        }
    };
    input::emit(global, &args.out, &out)?;
    Ok(OK)
}

/// The table of all stores, then the access patterns.
pub(crate) fn list(catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "storewise catalog {} — {} store types\n", catalog.version, catalog.stores.len());
    let _ = writeln!(out, "{:<16} {:<36} {:<18} {:>8} {:>12}  strong at", "ID", "NAME", "FAMILY", "OPS h/mo", "USD/mo");
    for s in &catalog.stores {
        let strong: Vec<&str> = catalog
            .patterns
            .iter()
            .filter(|p| s.fit(&p.id).is_some_and(|f| f.grade == catalog::Grade::Strong))
            .map(|p| p.id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "{:<16} {:<36} {:<18} {:>8.1} {:>12}  {}",
            s.id,
            truncate(&s.name, 36),
            format!("{:?}", s.family).to_lowercase(),
            s.ops.total_hours(),
            s.price.usd_per_month.to_string(),
            strong.join(", ")
        );
    }
    let _ = writeln!(out, "\n{} access patterns\n", catalog.patterns.len());
    for p in &catalog.patterns {
        let _ = writeln!(out, "{:<20} {}", p.id, p.description);
    }
    let _ = write!(out, "\n`storewise catalog ID` shows one store in full, with its sources.");
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { s.chars().take(n - 1).chain(['…']).collect() }
}

/// `[1][4]` references to the store's numbered source list, or `(estimate)`.
fn refs(store: &StoreType, e: &Evidence) -> String {
    let mut parts: Vec<String> = e
        .cite
        .iter()
        .filter_map(|id| store.sources.iter().position(|s| s.id == *id).map(|i| format!("[{}]", i + 1)))
        .collect();
    if e.estimate.is_some() {
        parts.push("(estimate)".into());
    }
    parts.join("")
}

/// One store in full.
pub(crate) fn show(catalog: &Catalog, s: &StoreType) -> String {
    use catalog::model::Evidenced;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", s.name, s.id);
    if !s.aliases.is_empty() {
        let _ = writeln!(out, "also: {}", s.aliases.join(", "));
    }
    let _ = writeln!(out, "{}\n", s.summary);
    let _ = writeln!(out, "FIT PER ACCESS PATTERN");
    let _ = writeln!(out, "  {:<20} {:<9} {:<28} {:<14} sources", "pattern", "grade", "holds up to", "latency");
    for p in &catalog.patterns {
        let Some(f) = s.fit(&p.id) else { continue };
        let scale = [
            f.up_to.data.map(|d| format!("{d} data")),
            f.up_to.items.map(|i| format!("{i} items")),
            f.up_to.rate.map(|r| r.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let latency = f.latency.map_or_else(|| "—".into(), |l| l.to_string());
        let _ = writeln!(
            out,
            "  {:<20} {:<9} {:<28} {:<14} {}",
            p.id,
            f.grade.as_str(),
            scale,
            latency,
            refs(s, &f.evidence())
        );
    }
    if !s.not_good_for.is_empty() {
        let _ = writeln!(out, "\nNOT GOOD FOR");
        for n in &s.not_good_for {
            let _ = writeln!(out, "  - {} {}", n.what, refs(s, &n.evidence()));
        }
    }
    if !s.remedies.is_empty() {
        let _ = writeln!(out, "\nIN-STORE REMEDIES");
        for r in &s.remedies {
            let name = catalog.remedy(&r.id).map_or(r.id.as_str(), |k| k.name.as_str());
            let stale = r.min_staleness.map(|d| format!(", data as fresh as {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {name} [{}] for {}: {} up to the same scale, {} latency{stale}, +{} h/month {}",
                r.id,
                r.patterns.join(", "),
                r.grade.as_str(),
                r.latency,
                r.added_hours,
                refs(s, &r.evidence())
            );
            let _ = writeln!(out, "      how: {}", r.how);
            let _ = writeln!(out, "      limits: {}", r.limits);
        }
    }
    let _ = writeln!(
        out,
        "\nOPERATIONAL BURDEN ({:?} deployment, hours per month at {}; {:.1} h/month in total)",
        s.deployment,
        s.ops.size_reference,
        s.ops.total_hours()
    );
    for c in Category::ALL {
        let block = s.ops.category(c);
        let _ = writeln!(out, "  {:<18} {:>5.1} h  {}", c.label(), block.hours, refs(s, &block.evidence()));
        for m in &block.key_metrics {
            let _ = writeln!(out, "      watch: {m}");
        }
        for t in &block.tools {
            let _ = writeln!(out, "      tool: {t}");
        }
        if let Some(a) = &block.auth_model {
            let _ = writeln!(out, "      auth: {a}");
        }
        if let Some(m) = &block.model {
            let _ = writeln!(out, "      model: {m}");
        }
        for chore in &block.chores {
            let _ = writeln!(out, "      - {chore}");
        }
    }
    let side = |name: &str, c: &catalog::model::CdcSide| {
        let how = c.via.as_deref().unwrap_or("");
        let lag = c.lag.map(|l| format!(", lag {l}")).unwrap_or_default();
        format!(
            "  {name:<10} {}{} {how}{lag} {}\n",
            if c.supported { "yes" } else { "no" },
            if how.is_empty() { "" } else { ":" },
            refs(s, &c.evidence())
        )
    };
    let _ = write!(
        out,
        "\nCHANGE DATA CAPTURE\n{}{}",
        side("as source", &s.cdc.as_source),
        side("as sink", &s.cdc.as_sink)
    );
    let _ = writeln!(
        out,
        "\nPRICE\n  ${}/month: {} {}",
        s.price.usd_per_month,
        s.price.basis,
        refs(s, &s.price.evidence())
    );
    let _ = writeln!(
        out,
        "\nLEARNING\n  {} weeks for a new engineer {}",
        s.learning_weeks.value,
        refs(s, &s.learning_weeks.evidence())
    );
    if !s.overridden.is_empty() {
        let _ = writeln!(out, "\nYOUR FIGURES\n  {}", s.overridden.join(", "));
    }
    let _ = writeln!(out, "\nSOURCES");
    for (i, src) in s.sources.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {} — {} ({}, {:?})", i + 1, src.title, src.url, src.date, src.authority);
    }
    out.trim_end().to_string()
}

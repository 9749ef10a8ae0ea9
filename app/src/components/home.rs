//! The analyser page: the one-line pitch, the input column (drop zone, examples, editor,
//! problems) and the results column (verdict, downloads, findings, charts, tables).

use leptos::prelude::*;

use crate::{
    components::{
        charts::Charts, diagnostics::Diagnostics, downloads::Downloads, editor::Editor, findings::Findings,
        input::Input, link_note::LinkNote, overhead_table::OverheadTable, seed_table::SeedTable, share_link::ShareLink,
        verdict::Verdict,
    },
    state::AppState,
};

/// The analyser.
#[component]
pub fn Home(
    /// The shared state.
    state: AppState,
) -> impl IntoView {
    view! {
        <section class="intro">
            <h1 id="page-title" tabindex="-1">"Should your system run another data store?"</h1>
            <p class="lede">
                "storewise reads a YAML description of your data stores and tells you, with numbers and "
                "sources, which stores to add, which to consolidate, how data must flow between them, and "
                "what it all costs to operate."
            </p>
        </section>
        <div class="workspace">
            <section class="panel input-panel" aria-labelledby="input-title">
                <h2 id="input-title">"Your architecture"</h2>
                <Input state=state />
                <Editor state=state />
                <Diagnostics state=state />
            </section>
            <section class="panel results-panel" aria-labelledby="results-title">
                <h2 id="results-title" class="sr-only">"Results"</h2>
                <Verdict state=state />
                {move || {
                    state.results.get().and_then(|shown| {
                        let report = shown.report.clone()?;
                        let stale = state.analysis.with(|a| a.report.is_none());
                        Some(view! {
                            <div class="results" class:stale=stale>
                                <LinkNote state=state report=report.clone() />
                                <Downloads state=state report=report.clone() />
                                <ShareLink state=state />
                                <Findings state=state report=report.clone() />
                                <Charts state=state charts=shown.charts.clone() base=crate::format::slug(&report.name) />
                                <SeedTable report=report.clone() />
                                <OverheadTable report=report />
                            </div>
                        })
                    })
                }}
                {move || state.analysis.with(|a| a.empty).then(|| view! { <HowItWorks /> })}
            </section>
        </div>
    }
}

/// What the results column shows before anything is loaded.
#[component]
fn HowItWorks() -> impl IntoView {
    let types = crate::analysis::catalog().map_or(0, |c| c.stores.len());
    view! {
        <div class="how">
            <h3>"How it works"</h3>
            <ol>
                <li>"Describe the stores you run (or plan): their roles, how data flows between them, "
                    "what each serves and what you measured. Start from an example."</li>
                <li>"storewise applies the rules of polyglot persistence: add a store only for a measured "
                    "bottleneck it directly addresses, prefer the store you already run, derive stores from "
                    "one source of truth by CDC or an outbox, never by dual writes."</li>
                <li>"It counts the operational cost of every store and of the interactions between them, "
                    "today and with its recommendations, and cites the source of every figure."</li>
            </ol>
            <p>"Edit the YAML and everything updates as you type. " <a href="#/catalog">"Browse the catalog"</a>
                " to see what storewise knows about " {types} " store types."</p>
        </div>
    }
}

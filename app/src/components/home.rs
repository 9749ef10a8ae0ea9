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
                <DraftOffer state=state />
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
                                <Charts state=state report=report.clone() />
                                <SeedTable table=report.table.clone() />
                                <OverheadTable state=state report=report />
                            </div>
                        })
                    })
                }}
                {move || state.analysis.with(|a| a.empty).then(|| view! { <HowItWorks /> })}
            </section>
        </div>
    }
}

/// Unsaved work from an earlier visit (kept in this browser), offered back.
#[component]
fn DraftOffer(state: AppState) -> impl IntoView {
    move || {
        state.draft.get().map(|draft| {
            let what = draft.name().map(|n| format!(" ({n})")).unwrap_or_default();
            view! {
                <div class="draft-offer" role="status" data-testid="draft-offer">
                    <p>{format!("You have unsaved work from {}{what}, kept in this browser.", crate::keep::when(draft.saved_at))}</p>
                    <button type="button" class="button" data-testid="draft-restore" on:click=move |_| state.restore_draft()>
                        "Restore it"
                    </button>
                    <button type="button" class="button" data-testid="draft-discard" on:click=move |_| state.discard_draft()>
                        "Discard it"
                    </button>
                </div>
            }
        })
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

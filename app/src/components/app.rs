//! The shell: header with navigation, the page the hash names, the footer; hash routing.

use leptos::{ev, prelude::*};

use crate::{
    analysis,
    components::{catalog_matrix::CatalogMatrix, home::Home, store_page::StorePage},
    dom, examples, keep,
    route::Route,
    share::{self, Preloaded},
    state::AppState,
};

/// Which page to draw: `Home` and `Example` share one, so loading an example does not redraw.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Home,
    Catalog,
    Store(String),
    NotFound,
}

fn page_of(route: &Route) -> Page {
    match route {
        Route::Home | Route::Example(_) | Route::Link(_) => Page::Home,
        Route::Catalog => Page::Catalog,
        Route::Store(id) => Page::Store(id.clone()),
        Route::NotFound(_) => Page::NotFound,
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    // A `/r/<id>` page carries its stored workload.
    match share::preloaded() {
        Some(Preloaded::Link(origin)) => state.load_link(origin),
        Some(Preloaded::Missing(id)) => state.notice.set(Some(format!(
            "There is no share link `{id}` on this server: check that the whole link was copied. \
             You can still load a file or an example."
        ))),
        // Unsaved work from an earlier visit is offered back on the analyser (not over an example
        // or a link the address asks for).
        None if matches!(state.route.get_untracked(), Route::Home) => state.draft.set(keep::draft()),
        None => {}
    }
    crate::media::watch(state);
    // The handles are dropped on purpose: the app lives as long as the page.
    let _listener = window_event_listener(ev::hashchange, move |_| {
        state.route.set(Route::parse(&dom::location_hash()));
    });
    // Leaving with an edit asks first (the draft keeps it too).
    let _unload = window_event_listener(ev::beforeunload, move |e| {
        if state.dirty() {
            e.prevent_default();
            e.set_return_value("");
        }
    });
    // The title names the workload on show, or the catalog page.
    Effect::new(move |_| {
        let name = match state.route.get() {
            Route::Catalog => Some("Catalog".to_string()),
            Route::Store(id) => Some(
                analysis::catalog()
                    .ok()
                    .and_then(|c| c.store(&id).map(|s| format!("{} · catalog", s.name)))
                    .unwrap_or_else(|| "Catalog".to_string()),
            ),
            Route::NotFound(_) => Some("Page not found".to_string()),
            _ => state.results.with(|r| r.as_ref().and_then(|a| a.report.as_ref()).map(|r| r.name.clone())),
        };
        keep::set_title(name.as_deref());
    });
    let page = Memo::new(move |_| state.route.with(page_of));

    // Deep links to examples load them; a new page starts at the top with focus on its title.
    Effect::new(move |previous: Option<Page>| {
        match state.route.get() {
            Route::Example(id) => match examples::find(&id) {
                Some(example) => state.load_example(example),
                None => state.notice.set(Some(format!("there is no example `{id}`: the examples are s1 to s7"))),
            },
            Route::Link(payload) => match link::decode(&payload) {
                Ok(shared) => state.load_link(share::Origin { shared, short: None }),
                Err(e) => state.notice.set(Some(format!("This share link cannot be opened: {e}."))),
            },
            // back on the analyser: the address names the workload on show again
            Route::Home if previous.is_some() => state.reflect(),
            _ => {}
        }
        let now = page.get();
        if previous.as_ref().is_some_and(|p| *p != now) {
            dom::scroll_to_top();
            request_animation_frame(|| dom::focus_by_id("page-title"));
        }
        now
    });

    let nav_current = move |catalog: bool| move || (state.route.with(Route::in_catalog) == catalog).then_some("page");

    view! {
        <header class="top">
            <a class="brand" href="#/">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                "storewise"
            </a>
            <nav aria-label="Main">
                <a href="#/" aria-current=nav_current(false)>"Analyse"</a>
                <a href="#/catalog" aria-current=nav_current(true)>"Catalog"</a>
            </nav>
        </header>
        <main id="main">
            {move || match page.get() {
                Page::Home => view! { <Home state=state /> }.into_any(),
                Page::Catalog => view! { <CatalogMatrix /> }.into_any(),
                Page::Store(id) => view! { <StorePage id=id /> }.into_any(),
                Page::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
        <footer class="bottom">
            <p>
                "Runs in your browser: nothing you load or type leaves this page. "
                {move || {
                    state.results.with(|r| {
                        r.as_ref()
                            .and_then(|a| a.report.as_ref())
                            .map(|r| format!("Catalog {} · rules {}.", r.versions.catalog, r.versions.rules))
                            .unwrap_or_default()
                    })
                }}
            </p>
        </footer>
    }
}

/// An unknown route.
#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page narrow">
            <h1 id="page-title" tabindex="-1">"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="#/">"Analyse an architecture"</a> " or "
                <a href="#/catalog">"browse the catalog"</a> "."</p>
        </section>
    }
}

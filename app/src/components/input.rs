//! Getting a workload in: a drop zone, a file picker and one button per shipped example.

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement};

use crate::{examples::EXAMPLES, file, state::AppState};

/// Reads a file into the editor; problems become the notice line.
fn open(state: AppState, f: web_sys::File) {
    spawn_local(async move {
        match file::read(f).await {
            Ok(loaded) => {
                let note = match loaded.note {
                    Some(note) => Some(note),
                    None if loaded.text.trim().is_empty() => Some(format!(
                        "{} is empty: a workload file starts with `version: 1`, a `name:` and `stores:`",
                        loaded.name
                    )),
                    None => None,
                };
                state.load(loaded.name, loaded.text);
                state.notice.set(note);
            }
            Err(message) => state.notice.set(Some(message)),
        }
    });
}

/// The drop zone, the file picker and the example buttons.
#[component]
pub fn Input(
    /// The shared state.
    state: AppState,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        over.set(false);
        match ev.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.item(0)) {
            Some(f) => open(state, f),
            None => state.notice.set(Some("drop a file (a workload .yaml) here".to_string())),
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(f) = input.files().and_then(|files| files.item(0)) {
            open(state, f);
        }
        // so that picking the same file again still fires `change`
        input.set_value("");
    };

    view! {
        <div
            class="dropzone"
            class:over=move || over.get()
            on:dragenter=move |ev: DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragover=move |ev: DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <p class="drop-hint">"Drop a workload YAML file here, or"</p>
            <input
                type="file"
                id="file-input"
                class="file-input"
                data-testid="file-input"
                accept=".yaml,.yml,application/yaml,application/x-yaml,text/yaml,text/x-yaml,text/plain"
                on:change=on_pick
            />
            <label for="file-input" class="button primary">"Choose a file…"</label>
        </div>
        <div class="examples" role="group" aria-labelledby="examples-label">
            <span id="examples-label" class="examples-label">"Load an example:"</span>
            {EXAMPLES
                .iter()
                .map(|example| {
                    view! {
                        <button
                            type="button"
                            class="example"
                            data-testid=format!("example-{}", example.id)
                            title=example.title
                            on:click=move |_| state.load_example(example)
                        >
                            <strong>{example.label}</strong>
                            " "
                            <span>{example.short}</span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {move || state.notice.get().map(|message| view! { <p class="notice" role="alert" data-testid="notice">{message}</p> })}
    }
}

//! The YAML editor: a plain textarea (no wrapping) with a line-number gutter that follows its
//! scrolling and marks the lines that have errors.

use leptos::{html::Div, prelude::*};
use workload::Level;

use crate::{dom::EDITOR_LINE_HEIGHT_PX, state::AppState};

/// The text of the gutter: `1\n2\n…\nn`.
fn numbers(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 4);
    for n in 1..=lines {
        out.push_str(&n.to_string());
        out.push('\n');
    }
    out
}

/// The editor with its gutter.
#[component]
pub fn Editor(
    /// The shared state.
    state: AppState,
) -> impl IntoView {
    let gutter = NodeRef::<Div>::new();
    let lines = Memo::new(move |_| state.text.with(|t| t.matches('\n').count() + 1));
    let marks = Memo::new(move |_| {
        state.analysis.with(|a| {
            let mut lines: Vec<(usize, bool)> =
                a.diagnostics.iter().map(|d| (d.span.line.max(1), d.level == Level::Error)).collect();
            lines.dedup();
            lines
        })
    });
    let sync = move |_| {
        if let (Some(editor), Some(gutter)) = (state.editor.get_untracked(), gutter.get_untracked()) {
            gutter.set_scroll_top(editor.scroll_top());
        }
    };

    view! {
        <div class="editor-block" id="editor-block">
            <div class="editor-head">
                <label for="editor">"Workload YAML"</label>
                <span class="editor-source" data-testid="editor-source">{move || state.source.get().unwrap_or_default()}</span>
                <span class="editor-status" aria-hidden="true">
                    {move || if state.pending.get() { "analysing…" } else { "" }}
                </span>
            </div>
            <FirstError state=state />
            <div class="editor">
                <div class="gutter" aria-hidden="true" node_ref=gutter>
                    <div class="gutter-inner">
                        {move || {
                            marks
                                .get()
                                .into_iter()
                                .map(|(line, error)| {
                                    let row = i64::try_from(line - 1).unwrap_or(0);
                                    let top = row * i64::from(EDITOR_LINE_HEIGHT_PX);
                                    view! {
                                        <span
                                            class="mark"
                                            class:mark-error=error
                                            class:mark-warning=!error
                                            style:top=format!("{top}px")
                                        ></span>
                                    }
                                })
                                .collect_view()
                        }}
                        <pre>{move || numbers(lines.get())}</pre>
                    </div>
                </div>
                <textarea
                    id="editor"
                    data-testid="editor"
                    node_ref=state.editor
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    aria-describedby="diagnostics-status"
                    placeholder="version: 1\nname: My platform\nstores:\n  - id: main-db\n    type: postgresql\n    role: source_of_truth"
                    prop:value=move || state.text.get()
                    on:input=move |ev| state.edit(event_target_value(&ev))
                    on:scroll=sync
                ></textarea>
            </div>
        </div>
    }
}

/// The first error, just above the editor where the eye is while typing (the full list is further
/// down), with a button that selects its line.
#[component]
fn FirstError(state: AppState) -> impl IntoView {
    move || {
        state.analysis.with(|a| {
            let mut errors = a.diagnostics.iter().filter(|d| d.level == Level::Error);
            let first = errors.next()?;
            let more = errors.count();
            let (line, column) = (first.span.line.max(1), first.span.column.max(1));
            let hint = first.suggestion.as_ref().map(|s| format!(" — {s}")).unwrap_or_default();
            let rest = match more {
                0 => String::new(),
                1 => " (1 more error below)".to_string(),
                n => format!(" ({n} more errors below)"),
            };
            Some(view! {
                <p class="first-error" data-testid="first-error">
                    <button type="button" class="link-button" data-testid="first-error-jump" on:click=move |_| state.jump_to(line)>
                        {format!("Line {line}, column {column}")}
                    </button>
                    {format!(": {}{hint}{rest}", first.message)}
                </p>
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn numbers_every_line() {
        assert_eq!(numbers(3), "1\n2\n3\n");
    }
}

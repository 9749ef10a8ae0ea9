//! The problems list: every error and warning with line, column, field, message and
//! suggestion; a click selects the line in the editor.

use leptos::prelude::*;
use workload::{Diagnostic, Level};

use crate::{format::plural, state::AppState};

/// The status line above the list.
fn status(diagnostics: &[Diagnostic], empty: bool) -> String {
    let errors = diagnostics.iter().filter(|d| d.level == Level::Error).count();
    let warnings = diagnostics.len() - errors;
    match (errors, warnings) {
        _ if empty => String::new(),
        (0, 0) => "No problems in the file.".to_string(),
        (0, w) => format!("{}: the file was analysed.", plural(w, "warning", "warnings")),
        (e, 0) => format!("{}: fix to see the analysis.", plural(e, "error", "errors")),
        (e, w) => format!("{} and {}.", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
    }
}

/// The problems of the current text.
#[component]
pub fn Diagnostics(
    /// The shared state.
    state: AppState,
) -> impl IntoView {
    view! {
        <div class="diagnostics" data-testid="diagnostics">
            <p id="diagnostics-status" class="diagnostics-status">
                {move || state.analysis.with(|a| a.failure.clone().unwrap_or_else(|| status(&a.diagnostics, a.empty)))}
            </p>
            <ol class="diagnostic-list">
                {move || {
                    state
                        .analysis
                        .get()
                        .diagnostics
                        .iter()
                        .map(|d| {
                            let line = d.span.line.max(1);
                            let error = d.level == Level::Error;
                            view! {
                                <li data-testid="diagnostic" class="diagnostic" class:error=error class:warning=!error>
                                    <button type="button" on:click=move |_| state.jump_to(line)>
                                        <span class="where">{format!("line {line}, column {}", d.span.column)}</span>
                                        <span class="level">{if error { "error" } else { "warning" }}</span>
                                        {(!d.path.is_empty()).then(|| view! { <code class="path">{d.path.clone()}</code> })}
                                        <span class="message">{d.message.clone()}</span>
                                        {d.suggestion.clone().map(|s| view! { <span class="suggestion">{s}</span> })}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use workload::{Kind, Span};

    #[test]
    fn counts_errors_and_warnings() {
        let e = Diagnostic::error(Kind::Syntax, "", Span::point(1, 1), "bad");
        let w = Diagnostic::warning(Kind::BadValue, "", Span::point(2, 1), "odd");
        assert_eq!(status(&[], true), "");
        assert_eq!(status(&[], false), "No problems in the file.");
        assert_eq!(status(std::slice::from_ref(&e), false), "1 error: fix to see the analysis.");
        assert_eq!(status(&[e, w], false), "1 error and 1 warning.");
    }
}

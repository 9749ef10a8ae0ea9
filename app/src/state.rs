//! The state the components share: the editor's text, the latest analysis (debounced), the
//! results on show, the route, and a notice line for file and download problems.

use std::{sync::Arc, time::Duration};

use leptos::{html::Textarea, prelude::*};

use crate::{analysis, analysis::Analysis, dom, examples::Example, route::Route, share::Origin};

/// How long typing must pause before the text is analysed again.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Signals shared by every view; `Copy`, so views take it by value.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The editor's text.
    pub text: RwSignal<String>,
    /// The analysis of the text as of the last run.
    pub analysis: RwSignal<Arc<Analysis>>,
    /// The analysis whose report is on show: the latest with a report. While an edit has
    /// errors it stays (marked stale); loading a new file or example clears it.
    pub results: RwSignal<Option<Arc<Analysis>>>,
    /// An analysis is scheduled (the user is typing).
    pub pending: RwSignal<bool>,
    /// Where the text came from (a file name or an example), for the editor's label.
    pub source: RwSignal<Option<String>>,
    /// A problem to tell that is not in the file (unreadable file, failed download).
    pub notice: RwSignal<Option<String>>,
    /// The current page.
    pub route: RwSignal<Route>,
    /// The link the text was opened from, if it was: what the link recorded.
    pub origin: RwSignal<Option<Arc<Origin>>>,
    /// The editor's textarea, when mounted.
    pub editor: NodeRef<Textarea>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    /// Fresh state on the page the location hash names.
    pub fn new() -> Self {
        AppState {
            text: RwSignal::new(String::new()),
            analysis: RwSignal::new(Arc::new(analysis::run(""))),
            results: RwSignal::new(None),
            pending: RwSignal::new(false),
            source: RwSignal::new(None),
            notice: RwSignal::new(None),
            route: RwSignal::new(Route::parse(&dom::location_hash())),
            origin: RwSignal::new(None),
            editor: NodeRef::new(),
            timer: StoredValue::new(None),
        }
    }

    /// The user typed: keep the text, analyse once typing pauses.
    pub fn edit(&self, text: String) {
        self.text.set(text);
        self.cancel_timer();
        let me = *self;
        match set_timeout_with_handle(move || me.analyze_now(), DEBOUNCE) {
            Ok(handle) => {
                self.timer.set_value(Some(handle));
                self.pending.set(true);
            }
            Err(_) => self.analyze_now(),
        }
    }

    /// Analyses the current text now (cancelling a scheduled run).
    pub fn analyze_now(&self) {
        self.cancel_timer();
        let result = Arc::new(analysis::run(&self.text.get_untracked()));
        if result.report.is_some() || result.empty {
            self.results.set(result.report.is_some().then(|| Arc::clone(&result)));
        }
        self.analysis.set(result);
        self.pending.set(false);
    }

    /// Replaces the text with a file's or an example's, analyses it at once, and when it has
    /// errors selects the first one's line in the editor.
    pub fn load(&self, source: String, text: String) {
        self.results.set(None);
        self.notice.set(None);
        self.origin.set(None);
        self.source.set(Some(source));
        self.text.set(text);
        self.analyze_now();
        if let Some((line, _)) = self.analysis.get_untracked().first_error() {
            let me = *self;
            // after the editor shows the new text
            request_animation_frame(move || me.jump_to(line));
        }
    }

    /// Loads the workload a share link carries, remembering what the link recorded.
    pub fn load_link(&self, origin: Origin) {
        let source = match &origin.short {
            Some(stored) => format!("short link {}", stored.id),
            None => "shared link".to_string(),
        };
        self.load(source, origin.shared.workload.clone());
        self.origin.set(Some(Arc::new(origin)));
    }

    /// Loads a shipped example.
    pub fn load_example(&self, example: &Example) {
        self.load(format!("{} — {}", example.label, example.file), example.yaml.to_string());
    }

    /// Selects a line of the editor and scrolls it into view.
    pub fn jump_to(&self, line: usize) {
        if let Some(editor) = self.editor.get_untracked() {
            dom::select_line(&editor, line);
        }
    }

    fn cancel_timer(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

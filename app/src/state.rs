//! The state the components share: the editor's text, the latest analysis (debounced), the
//! results on show, the route, a notice line for file and download problems, and what keeps the
//! user's work ([`crate::keep`]): the text as loaded, the draft on offer, whether the address
//! already names what is shown.

use std::{sync::Arc, time::Duration};

use leptos::{html::Textarea, prelude::*};

use crate::{
    analysis,
    analysis::Analysis,
    dom,
    examples::Example,
    keep::{self, Draft},
    media::Media,
    route::Route,
    share::Origin,
};

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
    /// The text as it was loaded (a file, an example, a link, a restored draft: empty): the text
    /// differs from it once the user edits.
    pub loaded: RwSignal<String>,
    /// Unsaved work from an earlier visit, offered back until restored, discarded or typed over.
    pub draft: RwSignal<Option<Draft>>,
    /// The address already names what is shown (an example's or a link's): no `#w=` needed.
    pub pinned: RwSignal<bool>,
    /// What the page is shown on: the scheme the charts are drawn in, and whether it is
    /// printed ([`crate::media`]).
    pub media: RwSignal<Media>,
    /// The window's width in CSS pixels, updated when a resize pauses: charts measure their boxes
    /// again when it changes ([`crate::media`]).
    pub viewport: RwSignal<u32>,
    /// The window width the charts' boxes were last measured at, and each box's width then (in
    /// [`analysis::ChartKind::ALL`] order; 0 until measured): a new analysis at the same window
    /// width draws its charts for them at once, without reading the page's layout again.
    pub chart_widths: StoredValue<(u32, [u32; 4])>,
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
            loaded: RwSignal::new(String::new()),
            draft: RwSignal::new(None),
            pinned: RwSignal::new(false),
            media: RwSignal::new(Media { scheme: charts::Scheme::Light, printing: false }),
            viewport: RwSignal::new(0),
            chart_widths: StoredValue::new((0, [0; 4])),
            timer: StoredValue::new(None),
        }
    }

    /// The text differs from what was loaded: leaving the page would lose it (but for the draft).
    pub fn dirty(&self) -> bool {
        let text = self.text.get_untracked();
        !text.trim().is_empty() && self.loaded.with_untracked(|l| *l != text)
    }

    /// The user typed: keep the text, analyse once typing pauses.
    pub fn edit(&self, text: String) {
        // a notice about a file, and the file's name, go when the text is no longer that file's
        // (replaced by a paste, say): a notice on any edit, the name when the first line changed
        if self.notice.get_untracked().is_some() {
            self.notice.set(None);
        }
        let first_line = |t: &str| t.lines().next().unwrap_or_default().to_string();
        if self.source.get_untracked().is_some() && self.loaded.with_untracked(|l| first_line(l) != first_line(&text)) {
            self.source.set(None);
        }
        self.text.set(text);
        self.pinned.set(false);
        if self.draft.get_untracked().is_some() {
            self.draft.set(None); // typed over: the offer goes, the next save replaces it
        }
        self.cancel_timer();
        let me = *self;
        match set_timeout_with_handle(move || me.analyze_in_steps(), DEBOUNCE) {
            Ok(handle) => {
                self.timer.set_value(Some(handle));
                self.pending.set(true);
            }
            Err(_) => self.analyze_now(),
        }
    }

    /// Analyses the current text now, in one go (cancelling a scheduled run): a file, an example
    /// or a link was loaded.
    pub fn analyze_now(&self) {
        self.cancel_timer();
        let result = Arc::new(analysis::run(&self.text.get_untracked()));
        self.show(&result);
        self.keep(&result);
    }

    /// Typing paused: analyses the current text in four tasks, so that none holds the page for
    /// long on a large file (issue 14 item 2): parse; analyse; show; keep (the draft, the `#w=`
    /// link). An edit or a load in between abandons the rest.
    fn analyze_in_steps(&self) {
        self.cancel_timer();
        let text = self.text.get_untracked();
        let parsed = analysis::parse(&text);
        self.then(text, Next::Analyse(parsed));
    }

    /// Runs the next step of [`AppState::analyze_in_steps`] in a task of its own, unless the text
    /// is no longer `text` by then.
    fn then(self, text: String, next: Next) {
        set_timeout(
            move || {
                if self.text.try_with_untracked(|now| *now == text) != Some(true) {
                    return;
                }
                match next {
                    Next::Analyse(parsed) => self.then(text, Next::Show(Arc::new(analysis::analyse(parsed)))),
                    Next::Show(result) => {
                        self.show(&result);
                        self.then(text, Next::Keep(result));
                    }
                    Next::Keep(result) => self.keep(&result),
                }
            },
            Duration::ZERO,
        );
    }

    /// Shows an analysis: its report replaces the one on show (an analysis with errors leaves it,
    /// marked stale).
    fn show(&self, result: &Arc<Analysis>) {
        if result.report.is_some() || result.empty {
            self.results.set(result.report.is_some().then(|| Arc::clone(result)));
        }
        self.analysis.set(Arc::clone(result));
        self.pending.set(false);
    }

    /// Makes the address name what is shown again (back on the analyser with a workload on show).
    pub fn reflect(&self) {
        self.pinned.set(false);
        let analysis = self.analysis.get_untracked();
        self.keep(&analysis);
    }

    /// After an analysis: an edit is kept as the draft; a valid workload the address does not
    /// name yet becomes its `#w=` link, replaced in place.
    fn keep(&self, result: &Analysis) {
        let text = self.text.get_untracked();
        if self.dirty() {
            keep::save_draft(&text);
        }
        if let (false, Some(report)) = (self.pinned.get_untracked(), &result.report) {
            let fragment = link::fragment(&link::Shared::new(text, report));
            if fragment.len() <= keep::MAX_URL_FRAGMENT {
                keep::replace_fragment(&fragment);
                self.pinned.set(true);
            }
        }
    }

    /// Replaces the text with a file's or an example's, analyses it at once, and when it has
    /// errors selects the first one's line in the editor.
    pub fn load(&self, source: String, text: String) {
        self.load_as(source, text, false);
    }

    /// [`AppState::load`]; `pinned`: the address already names this text.
    fn load_as(&self, source: String, text: String, pinned: bool) {
        // a new text: the reader's place in the last one's findings means nothing in it
        crate::anchor::forget();
        self.results.set(None);
        self.notice.set(None);
        self.origin.set(None);
        self.source.set(Some(source));
        self.loaded.set(text.clone());
        self.pinned.set(pinned);
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
        // the address is the link (a fragment, or /r/<id>)
        self.load_as(source, origin.shared.workload.clone(), true);
        self.origin.set(Some(Arc::new(origin)));
    }

    /// Restores the draft on offer: its text, to be saved like any edit.
    pub fn restore_draft(&self) {
        if let Some(draft) = self.draft.get_untracked() {
            self.draft.set(None);
            self.load("your unsaved work (kept in this browser)".to_string(), draft.text);
            self.loaded.set(String::new()); // still unsaved
        }
    }

    /// Forgets the draft on offer.
    pub fn discard_draft(&self) {
        self.draft.set(None);
        keep::clear_draft();
    }

    /// Loads a shipped example.
    pub fn load_example(&self, example: &Example) {
        keep::replace_fragment(Route::Example(example.id.to_string()).href().trim_start_matches('#'));
        self.load_as(format!("{} — {}", example.label, example.file), example.yaml.to_string(), true);
        // on a phone (one column) the verdict is below the editor: bring it into view
        if dom::one_column() {
            request_animation_frame(|| dom::scroll_to_id("verdict-h"));
        }
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

/// The steps of a run after parsing ([`AppState::analyze_in_steps`]).
enum Next {
    Analyse(analysis::Step),
    Show(Arc<Analysis>),
    Keep(Arc<Analysis>),
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

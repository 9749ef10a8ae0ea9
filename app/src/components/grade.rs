//! Fit grades as the catalog shows them: a short mark with a colour, never colour alone.

use catalog::Grade;
use leptos::prelude::*;

/// The mark shown in the matrix: `S`, `G`, `F`, `W`, `×`.
pub fn mark(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "S",
        Grade::Good => "G",
        Grade::Fair => "F",
        Grade::Weak => "W",
        Grade::Unsuited => "×",
    }
}

/// What a grade means, for the legend.
pub fn meaning(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "a primary use case at this scale",
        Grade::Good => "works well with ordinary care",
        Grade::Fair => "works with tuning or at small scale",
        Grade::Weak => "a known bad fit: users notice",
        Grade::Unsuited => "cannot do it, or must never be used for it",
    }
}

/// All grades, best first.
pub const GRADES: [Grade; 5] = [Grade::Strong, Grade::Good, Grade::Fair, Grade::Weak, Grade::Unsuited];

/// A grade badge: mark and word, coloured.
#[component]
pub fn GradeBadge(
    /// The grade.
    grade: Grade,
) -> impl IntoView {
    view! {
        <span class=format!("grade-badge g-{}", grade.as_str())>
            <span class="grade-mark" aria-hidden="true">{mark(grade)}</span>
            " "
            {grade.as_str()}
        </span>
    }
}

/// The legend of the grade colours.
#[component]
pub fn GradeLegend() -> impl IntoView {
    view! {
        <ul class="legend" aria-label="Grades">
            {GRADES
                .iter()
                .map(|&g| view! {
                    <li>
                        <span class=format!("cell-mark g-{}", g.as_str()) aria-hidden="true">{mark(g)}</span>
                        <span><strong>{g.as_str()}</strong>{format!(": {}", meaning(g))}</span>
                    </li>
                })
                .collect_view()}
            <li><span class="cell-mark g-none" aria-hidden="true">"·"</span><strong>"not graded"</strong></li>
        </ul>
    }
}

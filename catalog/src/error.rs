//! Errors from loading the catalog or applying a user's overrides.

/// Something wrong in catalog data or in an override.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// A catalog or override file is not valid TOML or does not match the format.
    #[error("{file}{}: {message}", position(*.line, *.column))]
    Parse {
        /// The file (`data/stores/kafka.toml`, or the user's override file).
        file: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// An override names a store type the catalog does not have.
    #[error("{origin}: unknown store type `{id}`{}", did_you_mean(.suggestion.as_deref()))]
    UnknownStore {
        /// Where the override came from.
        origin: String,
        /// The id written.
        id: String,
        /// The nearest known id.
        suggestion: Option<String>,
    },
    /// An override replaced a figure with a value of the wrong shape.
    #[error("{origin}: `{path}`: {message}")]
    BadOverride {
        /// Where the override came from.
        origin: String,
        /// The dotted path of the field (`kafka.ops.deployment.hours`).
        path: String,
        /// What is wrong.
        message: String,
    },
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default()
}

/// Converts a byte offset into a 1-based (line, column), counting columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

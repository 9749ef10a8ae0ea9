//! `Kind`: which chart, by the name the command line and the web API use.

use std::{fmt, str::FromStr};

/// One of the four charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Operational overhead by store and category, current beside recommended.
    Overhead,
    /// Total overhead against the number of stores, with a linear reference.
    Growth,
    /// The seed table's six metrics.
    Table,
    /// Stores and flows.
    Architecture,
}

impl Kind {
    /// All four, in the order the README shows them.
    pub const ALL: [Kind; 4] = [Kind::Overhead, Kind::Growth, Kind::Table, Kind::Architecture];

    /// The name: `overhead`, `growth`, `table`, `architecture`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Overhead => "overhead",
            Kind::Growth => "growth",
            Kind::Table => "table",
            Kind::Architecture => "architecture",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a chart kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown chart `{}`: expected overhead, growth, table or architecture", self.0)
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, UnknownKind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

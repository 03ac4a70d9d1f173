//! What is wrong with one row, at its line and column: the row is refused (or skipped), the
//! others are not affected.

use serde::{Deserialize, Serialize};

use crate::domain::intake::{Problem, RegField};

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The file's line the row starts on (1-based; the header is line 1 in most files).
    pub line: u64,
    /// The source column (0-based), when the problem is in one cell.
    pub column: Option<usize>,
    /// The registration field concerned, when there is one.
    pub field: Option<RegField>,
    pub kind: ProblemKind,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// More non-empty cells than the header has columns.
    ExtraColumns { found: usize, expected: usize },
    /// A cell larger than [`super::read::MAX_CELL_BYTES`] (its content is not kept).
    CellTooLarge { bytes: usize },
    /// A value the mapping has no translation for (an enumeration such as the channel).
    UnknownValue { value: String },
    /// A date or time that does not read in the chosen format.
    BadDate { value: String },
    /// No column is mapped to a value the registration needs, and there is no default.
    Unmapped,
    /// The same row identity appeared earlier in the file.
    Duplicate { first_line: u64 },
    /// The domain's registration validation refused the value (the form's rules).
    Invalid { problem: Problem },
}

impl RowProblem {
    /// Stable code the UI translates (the domain's field codes for `Invalid`).
    pub fn code(&self) -> &'static str {
        match &self.kind {
            ProblemKind::ExtraColumns { .. } => "csv_extra_columns",
            ProblemKind::CellTooLarge { .. } => "csv_cell_too_large",
            ProblemKind::UnknownValue { .. } => "csv_unknown_value",
            ProblemKind::BadDate { .. } => "csv_bad_date",
            ProblemKind::Unmapped => "csv_unmapped",
            ProblemKind::Duplicate { .. } => "csv_duplicate_row",
            ProblemKind::Invalid { problem } => problem.code(),
        }
    }

    /// A short English description (the rejects file; the UI translates [`Self::code`]).
    pub fn describe(&self, headers: &[String]) -> String {
        let at = match (self.column.and_then(|c| headers.get(c)), self.field) {
            (Some(h), _) => format!("{h}: "),
            (None, Some(f)) => format!("{}: ", f.key()),
            (None, None) => String::new(),
        };
        let what = match &self.kind {
            ProblemKind::ExtraColumns { found, expected } => format!("{found} columns, the header has {expected}"),
            ProblemKind::CellTooLarge { bytes } => format!("cell of {bytes} bytes is too large"),
            ProblemKind::UnknownValue { value } => format!("unknown value \"{value}\""),
            ProblemKind::BadDate { value } => format!("\"{value}\" is not a date in the chosen format"),
            ProblemKind::Unmapped => "no column mapped".to_string(),
            ProblemKind::Duplicate { first_line } => format!("same row as line {first_line}"),
            ProblemKind::Invalid { problem } => problem.code().replace('_', " "),
        };
        format!("{at}{what}")
    }
}

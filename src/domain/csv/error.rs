//! Whole-file problems: the file is refused with one of these and nothing is imported.
//! Problems of single rows are [`super::convert::RowProblem`]s instead.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a CSV file cannot be read at all (or written).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is a spreadsheet workbook ({kind}), not CSV: save it as CSV first")]
    Workbook { kind: String },
    #[error("the file is not text (binary content)")]
    Binary,
    #[error("the file is neither UTF-8 nor GBK/GB18030 text")]
    UnknownEncoding,
    #[error("the file has a header row but no data rows")]
    OnlyHeaders,
    #[error("the header row is empty")]
    NoHeader,
    #[error("a quoted field starting on line {line} is never closed")]
    UnterminatedQuote { line: u64 },
    #[error("the file has more than {limit} rows")]
    TooManyRows { limit: usize },
    #[error("the header has more than {limit} columns")]
    TooManyColumns { limit: usize },
    #[error("the CSV cannot be read near line {line}: {message}")]
    Malformed { line: u64, message: String },
    #[error("the CSV could not be written: {0}")]
    Write(String),
}

impl CsvError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            CsvError::Empty => "csv_empty",
            CsvError::TooLarge { .. } => "csv_too_large",
            CsvError::Workbook { .. } => "csv_workbook",
            CsvError::Binary => "csv_binary",
            CsvError::UnknownEncoding => "csv_unknown_encoding",
            CsvError::OnlyHeaders => "csv_only_headers",
            CsvError::NoHeader => "csv_no_header",
            CsvError::UnterminatedQuote { .. } => "csv_unterminated_quote",
            CsvError::TooManyRows { .. } => "csv_too_many_rows",
            CsvError::TooManyColumns { .. } => "csv_too_many_columns",
            CsvError::Malformed { .. } => "csv_malformed",
            CsvError::Write(_) => "csv_write_failed",
        }
    }
}

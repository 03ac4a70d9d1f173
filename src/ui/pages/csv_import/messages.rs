//! The CSV import's messages in the user's language: whole-file errors with their line or
//! limit, and one row's problem at its column.

use crate::domain::csv::mapping::Target;
use crate::domain::csv::{CsvError, ProblemKind, RowProblem, MAX_FILE_BYTES};
use crate::domain::intake::{FieldIssue, RegField};
use crate::i18n::*;
use crate::services::csv::CsvServiceError;
use crate::ui::text::fill;
use crate::ui::text::{error_text, field_problem_text, Translate};
use leptos_i18n::td_string;

/// Why a file cannot be read, with the line or limit it concerns.
pub fn file_error_text(locale: Locale, e: &CsvServiceError) -> String {
    let l = locale;
    match e {
        CsvServiceError::File(f) => match f {
            CsvError::Empty => td_string!(l, csv_error.empty).to_string(),
            CsvError::TooLarge { limit } => fill(
                td_string!(l, csv_error.too_large),
                &[("mb", (limit / (1024 * 1024)).to_string())],
            ),
            CsvError::Workbook { .. } => td_string!(l, csv_error.workbook).to_string(),
            CsvError::Binary => td_string!(l, csv_error.binary).to_string(),
            CsvError::UnknownEncoding => td_string!(l, csv_error.unknown_encoding).to_string(),
            CsvError::OnlyHeaders => td_string!(l, csv_error.only_headers).to_string(),
            CsvError::NoHeader => td_string!(l, csv_error.no_header).to_string(),
            CsvError::UnterminatedQuote { line } => fill(
                td_string!(l, csv_error.unterminated_quote),
                &[("line", line.to_string())],
            ),
            CsvError::TooManyRows { limit } => fill(
                td_string!(l, csv_error.too_many_rows),
                &[("limit", limit.to_string())],
            ),
            CsvError::TooManyColumns { limit } => fill(
                td_string!(l, csv_error.too_many_columns),
                &[("limit", limit.to_string())],
            ),
            CsvError::Malformed { line, .. } => fill(
                td_string!(l, csv_error.malformed),
                &[("line", line.to_string())],
            ),
            CsvError::Write(_) => td_string!(l, csv_error.write_failed).to_string(),
        },
        CsvServiceError::Unreadable(_) => td_string!(l, csv_error.unreadable).to_string(),
        other => error_text(l, other.code()),
    }
}

/// The largest file accepted, in MB, for the picker's hint.
pub fn max_file_mb() -> u64 {
    MAX_FILE_BYTES / (1024 * 1024)
}

/// Where a problem is: its column's header, else the field's name, else nothing.
pub fn problem_place(locale: Locale, p: &RowProblem, headers: &[String]) -> Option<String> {
    if let Some(h) = p.column.and_then(|c| headers.get(c)) {
        return Some(h.clone());
    }
    let field = p.field?;
    Target::of_field(field)
        .first()
        .map(|t| t.text(locale).to_string())
}

/// What is wrong, in the user's language.
pub fn problem_text(locale: Locale, p: &RowProblem) -> String {
    let l = locale;
    match &p.kind {
        ProblemKind::ExtraColumns { found, expected } => fill(
            td_string!(l, csv_problem.extra_columns),
            &[
                ("found", found.to_string()),
                ("expected", expected.to_string()),
            ],
        ),
        ProblemKind::CellTooLarge { bytes } => fill(
            td_string!(l, csv_problem.cell_too_large),
            &[("kb", (bytes / 1024).to_string())],
        ),
        ProblemKind::UnknownValue { value } => fill(
            td_string!(l, csv_problem.unknown_value),
            &[("value", value.clone())],
        ),
        ProblemKind::BadDate { value } => fill(
            td_string!(l, csv_problem.bad_date),
            &[("value", value.clone())],
        ),
        ProblemKind::Unmapped => td_string!(l, csv_problem.unmapped).to_string(),
        ProblemKind::Duplicate { first_line } => fill(
            td_string!(l, csv_problem.duplicate),
            &[("line", first_line.to_string())],
        ),
        // Only the contact field has wording of its own; any other field reads the same.
        ProblemKind::Invalid { problem } => field_problem_text(
            l,
            FieldIssue {
                field: p.field.unwrap_or(RegField::OwnWords),
                problem: *problem,
            },
        )
        .to_string(),
    }
}

/// A problem with its place: "Consumer complaint narrative: too long".
pub fn problem_line(locale: Locale, p: &RowProblem, headers: &[String]) -> String {
    match problem_place(locale, p, headers) {
        Some(place) => fill(td_string!(locale, csv_problem.at), &[("place", place), ("problem", problem_text(locale, p))]),
        None => problem_text(locale, p),
    }
}

//! Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`,
//! `+`, `-` or `@` as a formula, and tab or carriage return can hide such a start. Every
//! exported cell passes [`guard`]: such a cell is prefixed with an apostrophe, which Excel,
//! LibreOffice and Google Sheets show as text (the apostrophe itself is not displayed in
//! Excel). The `csv` crate then quotes whatever needs quoting.

use std::borrow::Cow;

/// The characters a spreadsheet may read as the start of a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `value`, made safe to open in a spreadsheet: text that could start a formula (also after
/// leading spaces or line breaks, which some spreadsheets skip) gets a leading `'`.
pub fn guard(value: &str) -> Cow<'_, str> {
    let first = value.trim_start_matches([' ', '\n']).chars().next();
    match first {
        Some(c) if FORMULA_STARTS.contains(&c) || value.starts_with(FORMULA_STARTS) => Cow::Owned(format!("'{value}")),
        // Full-width variants are folded to ASCII by some spreadsheets' input handling.
        Some('＝' | '＋' | '－' | '＠') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// Whether `value` would be changed by [`guard`].
pub fn is_dangerous(value: &str) -> bool {
    matches!(guard(value), Cow::Owned(_))
}

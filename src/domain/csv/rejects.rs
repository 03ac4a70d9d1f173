//! The rows that cannot be imported, back as CSV: the original columns (so the file can be
//! corrected and imported again), then the line they came from and what is wrong.

use super::convert::ImportPlan;
use super::error::CsvError;
use super::problem::RowProblem;
use super::read::SourceTable;
use super::write::write_table;

/// The rejected rows of `plan` as CSV bytes (UTF-8 with BOM, CRLF). `line_header` and
/// `problems_header` name the two added columns; problems are described in English
/// ([`RowProblem::describe`]).
pub fn rejects_csv(table: &SourceTable, plan: &ImportPlan, line_header: &str, problems_header: &str) -> Result<Vec<u8>, CsvError> {
    rejects_csv_with(table, plan, line_header, problems_header, &|p: &RowProblem| p.describe(&table.headers))
}

/// [`rejects_csv`] with the problems described by `describe` (the caller's language).
pub fn rejects_csv_with(
    table: &SourceTable,
    plan: &ImportPlan,
    line_header: &str,
    problems_header: &str,
    describe: &dyn Fn(&RowProblem) -> String,
) -> Result<Vec<u8>, CsvError> {
    let mut headers = table.headers.clone();
    headers.push(line_header.to_string());
    headers.push(problems_header.to_string());
    let by_line: std::collections::HashMap<u64, &[String]> = table.rows.iter().map(|r| (r.line, r.cells.as_slice())).collect();
    let rows = plan.rejected().map(|(row, problems)| {
        let mut cells: Vec<String> = by_line.get(&row.line).map(|c| c.to_vec()).unwrap_or_default();
        cells.resize(table.headers.len(), String::new());
        cells.push(row.line.to_string());
        cells.push(problems.iter().map(describe).collect::<Vec<_>>().join("; "));
        cells
    });
    write_table(&headers, rows)
}

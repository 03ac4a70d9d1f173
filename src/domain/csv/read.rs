//! Text to a table: the delimiter (comma, semicolon or tab) detected, the header row, every
//! data row with its line number, and the limits. Parsing is the `csv` crate's (RFC 4180:
//! quoted fields with delimiters, doubled quotes and line breaks; CRLF or LF; a missing final
//! line break); blank lines and rows of empty cells are skipped.

use serde::{Deserialize, Serialize};

use crate::domain::keyed::Keyed;

use super::error::CsvError;
use super::problem::{ProblemKind, RowProblem};

/// The largest cell kept (bytes); a larger one is a problem of its row.
pub const MAX_CELL_BYTES: usize = 64 * 1024;
/// The most data rows a file may have.
pub const MAX_ROWS: usize = 200_000;
/// The most columns a header may have.
pub const MAX_COLUMNS: usize = 512;

/// A field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRow {
    /// The line it starts on (1-based).
    pub line: u64,
    /// As many cells as the header has columns (short rows are padded with empty cells).
    pub cells: Vec<String>,
    /// Problems found while reading (too many columns, a cell too large).
    pub problems: Vec<RowProblem>,
}

/// A read file: its header and rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceTable {
    pub delimiter: Delimiter,
    /// Column names (blank ones named `Column N`, repeated ones numbered).
    pub headers: Vec<String>,
    pub rows: Vec<SourceRow>,
}

impl SourceTable {
    /// The first `n` rows, for a preview.
    pub fn preview(&self, n: usize) -> &[SourceRow] {
        &self.rows[..n.min(self.rows.len())]
    }

    /// The index of a column by its header.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }

    /// The distinct non-empty values of a column in first-seen order, at most `limit` (what
    /// a value mapping must translate).
    pub fn distinct_values(&self, column: usize, limit: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for row in &self.rows {
            let v = row.cells.get(column).map(|s| s.trim()).unwrap_or("");
            if !v.is_empty() && !out.iter().any(|o| o == v) {
                if out.len() == limit {
                    break;
                }
                out.push(v.to_string());
            }
        }
        out
    }
}

fn reader(text: &str, delimiter: Delimiter) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes())
}

/// The delimiter that splits the first rows into the most columns consistently; comma when
/// none splits anything.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for d in Delimiter::all() {
        let mut records = reader(text, d).into_records().take(20).filter_map(Result::ok);
        let Some(header) = records.next() else { continue };
        let width = header.len();
        if width < 2 {
            continue;
        }
        let consistent = 1 + records.filter(|r| r.len() == width).count();
        if (consistent, width) > (best.1, best.2) {
            best = (d, consistent, width);
        }
    }
    best.0
}

/// Whether the text from a record's start to the end of the file opens a quoted field that is
/// never closed: the `csv` crate ends such a field at the end of the file without an error.
fn unterminated(raw: &str, delimiter: u8) -> bool {
    let opens_quoted = raw.starts_with('"') || raw.as_bytes().windows(2).any(|w| (w[0] == delimiter || w[0] == b'\n') && w[1] == b'"');
    opens_quoted && raw.bytes().filter(|&b| b == b'"').count() % 2 == 1
}

fn header_names(raw: &csv::StringRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, h) in raw.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').trim();
        let base = if h.is_empty() { format!("Column {}", i + 1) } else { h.to_string() };
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        out.push(name);
    }
    out
}

/// Reads `text` with `delimiter` (or the detected one).
pub fn read_table(text: &str, delimiter: Option<Delimiter>) -> Result<SourceTable, CsvError> {
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    let mut records = reader(text, delimiter);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    let mut last_line = 1;
    let mut record = csv::StringRecord::new();
    loop {
        let start = records.position().byte() as usize;
        match records.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.line_at(text, e.position().map_or(start, |p| p.byte() as usize));
                return Err(CsvError::Malformed { line, message: e.to_string() });
            }
        }
        let line = lines.line_at(text, start);
        last_line = line;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(headers) = &header else {
            if record.len() > MAX_COLUMNS {
                return Err(CsvError::TooManyColumns { limit: MAX_COLUMNS });
            }
            header = Some(header_names(&record));
            continue;
        };
        if rows.len() == MAX_ROWS {
            return Err(CsvError::TooManyRows { limit: MAX_ROWS });
        }
        rows.push(source_row(&record, line, headers.len()));
    }
    let raw_tail = text.get(lines.counted_to..).unwrap_or("");
    if unterminated(raw_tail, delimiter.byte()) {
        return Err(CsvError::UnterminatedQuote { line: last_line });
    }
    let headers = header.ok_or(CsvError::NoHeader)?;
    if rows.is_empty() {
        return Err(CsvError::OnlyHeaders);
    }
    Ok(SourceTable { delimiter, headers, rows })
}

/// The line a record starts on. The `csv` crate reports a record's start before the line
/// breaks (and blank lines) that precede it, so those are skipped here; lines are counted
/// once, as the reading moves forward.
#[derive(Default)]
struct LineCounter {
    counted_to: usize,
    newlines: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: usize) -> u64 {
        let rest = text.get(byte..).unwrap_or("");
        let start = byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        if start > self.counted_to {
            self.newlines += text.as_bytes()[self.counted_to..start].iter().filter(|&&b| b == b'\n').count() as u64;
            self.counted_to = start;
        }
        1 + self.newlines
    }
}

fn source_row(record: &csv::StringRecord, line: u64, width: usize) -> SourceRow {
    let mut problems = Vec::new();
    let found = record.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()).last().map_or(0, |(i, _)| i + 1);
    if found > width {
        problems.push(RowProblem { line, column: Some(width), field: None, kind: ProblemKind::ExtraColumns { found, expected: width } });
    }
    let mut cells: Vec<String> = Vec::with_capacity(width);
    for (i, c) in record.iter().take(width).enumerate() {
        if c.len() > MAX_CELL_BYTES {
            problems.push(RowProblem { line, column: Some(i), field: None, kind: ProblemKind::CellTooLarge { bytes: c.len() } });
            cells.push(String::new());
        } else {
            cells.push(c.to_string());
        }
    }
    cells.resize(width, String::new());
    SourceRow { line, cells, problems }
}

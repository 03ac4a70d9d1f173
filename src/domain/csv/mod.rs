//! CSV export and import with column mapping (issue #14). Pure: bytes in, bytes or typed
//! results out; the `services::csv` layer reads files and writes complaints.
//!
//! - Export: [`write::write_table`] (any table: UTF-8 with BOM, CRLF, every cell guarded
//!   against formula injection by [`cell::guard`]) and [`export::export_complaints`] (the
//!   supervisor's columns of the Complaints list, optionally redacted, SPEC §12).
//! - Import: [`decode::decode`] (encoding detection, binary and size refusal) →
//!   [`read::read_table`] (delimiter detection, header, limits) → [`mapping::propose`] (an
//!   editable, serialisable [`mapping::CsvMapping`]) → [`convert::plan_import`] (each row into
//!   a validated `intake::Registration` with its stable [`convert::RowKey`], or its problems at
//!   their row and column) → [`rejects::rejects_csv`] (the refused rows back as CSV).
//!
//! Parsing and quoting are the `csv` crate's; GB18030 decoding is the browser's `TextDecoder`
//! (natively `encoding_rs`'s, see `decode`).

pub mod cell;
pub mod convert;
pub mod dates;
pub mod decode;
pub mod error;
pub mod problem;
pub mod export;
pub mod mapping;
pub mod read;
pub mod rejects;
pub mod write;

pub use convert::{plan_import, ImportPlan, PlannedRow, RowKey};
pub use dates::DateFormat;
#[cfg(not(target_arch = "wasm32"))]
pub use decode::decode;
pub use decode::{decode_with, Decoded, LegacyDecoder, SourceEncoding, MAX_FILE_BYTES};
pub use error::CsvError;
pub use problem::{ProblemKind, RowProblem};
pub use export::{export_complaints, ExportColumn, ExportLanguage, ExportRow};
pub use mapping::{propose, CsvMapping, Target};
pub use read::{read_table, Delimiter, SourceRow, SourceTable};
pub use rejects::{rejects_csv, rejects_csv_with};
pub use write::write_table;

// Native only: they decode GB18030 with encoding_rs, which the wasm build does not link.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

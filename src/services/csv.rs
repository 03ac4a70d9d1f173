//! CSV import and export (issue #14): the use cases over the pure `domain::csv`.
//!
//! Import: [`read_csv_file`] (the size is checked before a byte is read, so a 100 MB file is
//! refused at once) → [`Desk::propose_csv_mapping`] or a saved mapping ([`Desk::csv_mappings`])
//! → [`Desk::preview_csv`] (the plan with every row's problems, and the rows imported before;
//! writes nothing) → [`Desk::import_csv`]: the valid rows through the domain's registration
//! command (`RegisterImported`: the form's validation, numbering and clocks, with the file and
//! row recorded), [`CSV_CHUNK_ROWS`] complaints per transaction, progress after each chunk,
//! a Stop between chunks, rows whose key a complaint already has skipped (so importing a file
//! again adds nothing). Export: [`Desk::export_csv`] for what the Complaints list shows.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::JsFuture;

use super::desk::CHANGED_COMPLAINTS;
use super::import::IMPORT_LOCK;
use super::Desk;
use crate::browser::{broadcast, clock, locks, random};
use crate::domain::command::{self, Command, Context};
use crate::domain::csv::export::{export_complaints, ExportLanguage, ExportRow};
use crate::domain::csv::mapping::{propose, untranslated, CsvMapping, Target};
use crate::domain::csv::read::{read_table, Delimiter, SourceTable};
use crate::domain::csv::{decode_with, plan_import, CsvError, ImportPlan, SourceEncoding, MAX_FILE_BYTES};
use crate::domain::payload::{ImportSource, MAX_SOURCE_FILE_CHARS};
use crate::domain::state::ComplaintState;
use crate::domain::workflow::Status;
use crate::store::csv_import::{commit_chunk, ChunkItem};
use crate::store::events::{self, CommitError};
use crate::store::list::{Filter, Order};
use crate::store::views::{self, ComplaintView};
use crate::store::{meta, StoreError};

/// Complaints registered per transaction.
pub const CSV_CHUNK_ROWS: usize = 200;
/// The most complaints one CSV export holds (as the list's batch export).
pub const MAX_CSV_EXPORT: u32 = 5_000;
/// The `meta` key of the saved mappings.
const MAPPINGS_KEY: &str = "csv-mappings";

/// Why reading, importing or exporting CSV failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvServiceError {
    #[error(transparent)]
    File(#[from] CsvError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the file could not be read: {0}")]
    Unreadable(String),
    #[error("more than {limit} complaints: narrow the list first")]
    TooMany { limit: u32 },
}

impl CsvServiceError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            CsvServiceError::File(e) => e.code(),
            CsvServiceError::Store(e) => e.code(),
            CsvServiceError::Unreadable(_) => "csv_unreadable",
            CsvServiceError::TooMany { .. } => "export_too_many",
        }
    }
}

impl From<CommitError> for CsvServiceError {
    fn from(e: CommitError) -> Self {
        match e {
            CommitError::Store(e) => CsvServiceError::Store(e),
            CommitError::Command(e) => CsvServiceError::Store(StoreError::Failed(e.to_string())),
        }
    }
}

/// A read CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    /// The file's name as picked (recorded on every imported complaint).
    pub name: String,
    pub encoding: SourceEncoding,
    pub table: SourceTable,
}

/// Reads a file's bytes (see `domain::csv`); `delimiter` `None` detects it.
pub fn read_csv_bytes(name: &str, bytes: &[u8], delimiter: Option<Delimiter>) -> Result<CsvFile, CsvError> {
    let decoded = decode_with(bytes, &crate::browser::text::gb18030)?;
    let table = read_table(&decoded.text, delimiter)?;
    Ok(CsvFile { name: name.to_string(), encoding: decoded.encoding, table })
}

/// Reads a picked or dropped file. A file over `MAX_FILE_BYTES` is refused before it is read.
pub async fn read_csv_file(file: &web_sys::File, delimiter: Option<Delimiter>) -> Result<CsvFile, CsvServiceError> {
    if file.size() > MAX_FILE_BYTES as f64 {
        return Err(CsvError::TooLarge { limit: MAX_FILE_BYTES }.into());
    }
    if file.size() == 0.0 {
        return Err(CsvError::Empty.into());
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| CsvServiceError::Unreadable(format!("{e:?}")))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    // Decoding and parsing a large file takes a moment: let the page paint its "reading" state.
    clock::yield_to_browser().await;
    Ok(read_csv_bytes(&file.name(), &bytes, delimiter)?)
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvPreview {
    /// Every row: its registration, or its problems at their line and column.
    pub plan: ImportPlan,
    /// Keys of valid rows a complaint already has (imported before): they will be skipped.
    pub imported_before: HashSet<String>,
    /// Values of mapped choice columns that nothing translates yet.
    pub untranslated: Vec<(Target, String)>,
    /// Headers the mapping names that the file does not have.
    pub missing_headers: Vec<String>,
}

impl CsvPreview {
    /// Valid rows not imported before: what the import will register.
    pub fn new_rows(&self) -> usize {
        self.plan.valid().filter(|(r, _)| !self.imported_before.contains(r.key.as_str())).count()
    }
}

/// How far an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvProgress {
    pub done: usize,
    pub total: usize,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvImportReport {
    /// Complaints registered now.
    pub registered: usize,
    /// Rows skipped because a complaint with their key exists (imported before).
    pub skipped: usize,
    /// Rows with problems, not imported (see the preview's plan; export them as rejects).
    pub rejected: usize,
    /// Rows the registration command refused when they were stored (e.g. the clock moved
    /// past a received time): line and the command error's code.
    pub refused: Vec<(u64, &'static str)>,
    /// The person pressed Stop: the chunks before were stored; importing again completes.
    pub stopped: bool,
}

/// A saved mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMapping {
    pub name: String,
    pub mapping: CsvMapping,
}

/// Which complaints a list export holds: what the list shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Search(String),
    Filtered(Filter),
}

/// A CSV export: UTF-8 bytes with a BOM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvExport {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub rows: usize,
}

impl CsvExport {
    /// The bytes as text (they are UTF-8; the BOM is its first character), for
    /// `browser::download::text_url` and `share_text_file`, which write it back as UTF-8.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

impl Desk {
    /// A mapping proposed from the file's headers and rows; `importer` is the default
    /// 首问负责人 (this device's name when empty).
    pub fn propose_csv_mapping(&self, file: &CsvFile, importer: &str) -> CsvMapping {
        let device = self.device();
        let owner = if importer.trim().is_empty() { device.name.as_str() } else { importer };
        propose(&file.table, owner)
    }

    /// The plan of an import with `mapping`, and the rows imported before. Writes nothing.
    pub async fn preview_csv(&self, file: &CsvFile, mapping: &CsvMapping) -> Result<CsvPreview, CsvServiceError> {
        let plan = plan_import(&file.table, mapping, self.business_now());
        let keys: Vec<String> = plan.valid().map(|(r, _)| r.key.0.clone()).collect();
        let imported_before = views::imported_keys(&self.db, &keys).await?;
        Ok(CsvPreview {
            untranslated: untranslated(&file.table, mapping),
            missing_headers: mapping.missing_headers(&file.table.headers),
            plan,
            imported_before,
        })
    }

    /// Registers the file's valid rows (see the module documentation). `actor` is who
    /// imports. Rows with problems are not written; rows imported before are skipped.
    pub async fn import_csv(
        &self,
        file: &CsvFile,
        mapping: &CsvMapping,
        actor: &str,
        progress: impl Fn(CsvProgress),
        stop: Rc<Cell<bool>>,
    ) -> Result<CsvImportReport, CsvServiceError> {
        let _lock = locks::lock(IMPORT_LOCK).await.ok();
        let plan = plan_import(&file.table, mapping, self.business_now());
        let valid: Vec<_> = plan.valid().collect();
        let mut report = CsvImportReport { rejected: plan.rejected_count(), ..CsvImportReport::default() };
        let total = valid.len();
        progress(CsvProgress { done: 0, total });
        let device = self.device();
        let actor = device.actor(actor);
        let file_name: String = crate::domain::files::download_name(&file.name).chars().take(MAX_SOURCE_FILE_CHARS).collect();
        let file_name = if file_name.trim().is_empty() { "import.csv".to_string() } else { file_name };
        let config = self.config();
        let mut done = 0;
        for chunk in valid.chunks(CSV_CHUNK_ROWS) {
            if stop.get() {
                report.stopped = true;
                break;
            }
            let items: Vec<ChunkItem> = chunk.iter().map(|(r, reg)| ChunkItem { key: r.key.0.clone(), day: reg.received_at.date() }).collect();
            let now_ms = clock::now_ms();
            let outcome = commit_chunk(&self.db, &items, &config, now_ms, |i, clock, serial| {
                let (row, registration) = chunk[i];
                let ctx = Context::on(&device, &actor, clock, now_ms, random::bytes::<10>(), &config);
                let source = ImportSource { file: file_name.clone(), row: row.key.0.clone() };
                command::execute(None, Command::RegisterImported { registration: registration.clone(), serial, source }, &ctx)
            })
            .await;
            let outcome = match outcome {
                Ok(o) => o,
                Err(e) => {
                    if report.registered > 0 {
                        broadcast::announce(CHANGED_COMPLAINTS);
                    }
                    return Err(e.into());
                }
            };
            report.registered += outcome.stored.len();
            report.skipped += outcome.skipped.len();
            report.refused.extend(outcome.refused.iter().map(|(i, e)| (chunk[*i].0.line, e.code())));
            done += chunk.len();
            progress(CsvProgress { done, total });
            clock::yield_to_browser().await;
        }
        if report.registered > 0 {
            broadcast::announce(CHANGED_COMPLAINTS);
        }
        Ok(report)
    }

    /// The saved mappings, by name.
    pub async fn csv_mappings(&self) -> Result<Vec<SavedMapping>, StoreError> {
        Ok(meta::get_json::<Vec<SavedMapping>>(&self.db, MAPPINGS_KEY).await?.unwrap_or_default())
    }

    /// Saves `mapping` as `name` (replacing a mapping of that name).
    pub async fn save_csv_mapping(&self, name: &str, mapping: &CsvMapping) -> Result<(), StoreError> {
        let mut all = self.csv_mappings().await?;
        all.retain(|m| m.name != name);
        all.push(SavedMapping { name: name.trim().to_string(), mapping: mapping.clone() });
        crate::domain::sort::sort_by(&mut all, |a, b| a.name.cmp(&b.name));
        meta::put_json(&self.db, MAPPINGS_KEY, &all).await
    }

    /// Forgets the saved mapping `name`.
    pub async fn delete_csv_mapping(&self, name: &str) -> Result<(), StoreError> {
        let mut all = self.csv_mappings().await?;
        all.retain(|m| m.name != name);
        meta::put_json(&self.db, MAPPINGS_KEY, &all).await
    }

    /// Every complaint the list shows (its search in its order, or its filter newest first),
    /// read page by page; `None` when there are more than `max`.
    pub async fn listed(&self, listed: &Listed, max: u32) -> Result<Option<Vec<ComplaintView>>, StoreError> {
        let mut rows = Vec::new();
        match listed {
            Listed::Search(q) => {
                let mut after = None;
                loop {
                    let page = self.search_page(q, after.as_ref(), max + 1 - rows.len() as u32).await?;
                    rows.extend(page.rows);
                    after = page.next;
                    if after.is_none() || rows.len() > max as usize {
                        break;
                    }
                }
            }
            Listed::Filtered(f) => {
                let mut after = None;
                loop {
                    let page = self.list(Order::Newest, f, after.as_ref(), max + 1 - rows.len() as u32).await?;
                    rows.extend(page.rows);
                    after = page.next;
                    if after.is_none() || rows.len() > max as usize {
                        break;
                    }
                }
            }
        }
        Ok((rows.len() <= max as usize).then_some(rows))
    }

    /// What the Complaints list shows (its search or filter, every page of it, newest first)
    /// as CSV for a spreadsheet; `redacted` leaves the customer's personal data out.
    pub async fn export_csv(&self, listed: &Listed, redacted: bool, lang: &dyn ExportLanguage) -> Result<CsvExport, CsvServiceError> {
        let Some(rows) = self.listed(listed, MAX_CSV_EXPORT).await? else {
            return Err(CsvServiceError::TooMany { limit: MAX_CSV_EXPORT });
        };
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let states = events::fold_complaints(&self.db, &ids).await?;
        let out: Vec<ExportRow> = rows.into_iter().zip(&states).map(|(view, state)| export_row(view, state.as_ref())).collect();
        let config = self.config();
        let now_ms = clock::now_ms();
        let bytes = export_complaints(&out, redacted, lang, &config.calendar, now_ms)?;
        let stamp = config.calendar.local(now_ms).format("%Y%m%d-%H%M");
        let file_name = format!("complaints-{stamp}{}.csv", if redacted { "-redacted" } else { "" });
        Ok(CsvExport { file_name, bytes, rows: out.len() })
    }
}

/// The export row of a complaint: the list's stored row, plus from its folded state what the
/// row does not hold (handler, when it was closed, the survey's mean score).
pub fn export_row(view: ComplaintView, state: Option<&ComplaintState>) -> ExportRow {
    let closed_ms = state.filter(|s| matches!(s.status(), Some(Status::Closed | Status::Archived))).and_then(|s| {
        s.last_transition(|t| t.to == Status::Closed).map(|w| w.at_ms)
    });
    let satisfaction = state.and_then(|s| s.surveys.iter().max_by_key(|x| (x.hlc, x.id.clone()))).map(|s| {
        let m = s.value.mean_hundredths();
        format!("{}.{:02}", m / 100, m % 100)
    });
    ExportRow {
        number: view.number,
        received_at: Some(view.received_at),
        channel: Some(view.channel),
        customer_name: view.customer_name,
        customer_phone: view.customer_phone,
        product: view.product,
        type_key: view.type_key,
        urgency: view.urgency,
        status: view.status,
        handler: state.and_then(|s| s.handler().cloned()),
        department: view.department,
        due_ms: view.due_ms,
        closed_ms,
        satisfaction,
        device: view.device,
    }
}

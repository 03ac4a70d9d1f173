//! Exporting a batch file (SPEC §13): events exactly as stored, chosen by scope (everything,
//! what changed since this device's last export, a period, one complaint), with their photos
//! and documents if asked, optionally redacted (SPEC §12) and sealed with a passphrase. The
//! file is made in memory; the UI offers it as a download or a share.

use chrono::NaiveDate;
use wasm_bindgen_futures::JsFuture;

use super::Desk;
use crate::browser::{clock, crypto};
use crate::domain::batch::error::BatchError;
use crate::domain::batch::format::Selection;
use crate::domain::batch::redact::write_redacted_batch;
use crate::domain::batch::select::{select, watermark};
use crate::domain::batch::write::{write_batch, AttachmentFile, ExportRequest, WrittenBatch};
use crate::domain::eventset::EventSet;
use crate::domain::ids::ComplaintId;
use crate::store::{attachments, events, meta, StoreError};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportScope {
    All,
    /// What this device wrote since its last export of everything or of changes.
    SinceLast,
    /// Events of business days `from..=to`.
    Period { from: NaiveDate, to: NaiveDate },
    Complaint(ComplaintId),
    /// Every event of these complaints (a filtered list's rows).
    Listed(Vec<ComplaintId>),
}

/// How to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub scope: ExportScope,
    pub with_files: bool,
    /// Personal data removed (never with files: a photo may show anyone).
    pub redacted: bool,
    /// Seal the file with this passphrase (AES-GCM, key from PBKDF2).
    pub passphrase: Option<String>,
}

/// A made batch file.
#[derive(Debug, Clone)]
pub struct ExportedFile {
    pub file_name: String,
    pub text: String,
    pub events: u64,
    pub complaints: u64,
    pub files: u64,
    pub sealed: bool,
}

/// Why a batch was not made. Nothing is changed either way, but the day's batch number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Seal(#[from] crypto::SealError),
    #[error("the period ends before it starts")]
    BadPeriod,
    #[error("nothing to export")]
    Nothing,
}

impl ExportError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Store(e) => e.code(),
            ExportError::Batch(e) => e.code(),
            ExportError::Seal(e) => e.code(),
            ExportError::BadPeriod => "export_bad_period",
            ExportError::Nothing => "export_nothing",
        }
    }
}

impl Desk {
    /// A batch of everything this device holds: every event, and every complaint's files when
    /// `with_files`. Numbered per day (`complaints-K7Q-2026-11-25-0001.json`).
    pub async fn export_all(&self, with_files: bool) -> Result<WrittenBatch, ExportError> {
        let all = events::all(&self.db).await?;
        let files = if with_files { self.files_of(None).await? } else { Vec::new() };
        let request_parts = self.request_parts().await?;
        let device = self.device();
        let request = ExportRequest { device: &device, created_ms: request_parts.0, day: request_parts.1, sequence: request_parts.2, selection: Selection::All };
        let batch = write_batch(&request, all.iter(), &files)?;
        if let Some(mark) = watermark(all.iter()) {
            meta::put_export_watermark(&self.db, mark).await?;
        }
        Ok(batch)
    }

    /// A batch file as asked (see [`ExportOptions`]). An export of everything or of the
    /// changes moves this device's "since the last export" mark; a redacted one does not.
    pub async fn export(&self, options: &ExportOptions) -> Result<ExportedFile, ExportError> {
        let config = self.config();
        let selection = match &options.scope {
            ExportScope::All => Selection::All,
            ExportScope::SinceLast => Selection::Since { after: meta::export_watermark(&self.db).await?.unwrap_or_default() },
            ExportScope::Period { from, to } => {
                if to < from {
                    return Err(ExportError::BadPeriod);
                }
                let start = |d: NaiveDate| config.calendar.utc(d.and_hms_opt(0, 0, 0).unwrap_or_default());
                let end = to.succ_opt().ok_or(ExportError::BadPeriod)?;
                Selection::Period { from_ms: start(*from), to_ms: start(end) }
            }
            ExportScope::Complaint(id) => Selection::Complaint { complaint: id.clone() },
            ExportScope::Listed(ids) => Selection::Listed { complaints: ids.len() as u64 },
        };
        let stored: EventSet = match &options.scope {
            ExportScope::Complaint(id) => events::of_complaint(&self.db, id.as_str()).await?.into_iter().collect(),
            ExportScope::Listed(ids) => {
                let mut set = EventSet::new();
                for id in ids {
                    for e in events::of_complaint(&self.db, id.as_str()).await? {
                        set.insert(e);
                    }
                }
                set
            }
            _ => events::all(&self.db).await?.into_iter().collect(),
        };
        let chosen = select(&selection, &stored);
        if chosen.is_empty() {
            return Err(ExportError::Nothing);
        }
        let files = if options.with_files && !options.redacted {
            let complaints: std::collections::BTreeSet<&ComplaintId> = crate::domain::sort::set_of(chosen.iter().map(|e| e.complaint()));
            self.files_of(Some(&complaints)).await?
        } else {
            Vec::new()
        };
        let (created_ms, day, sequence) = self.request_parts().await?;
        let device = self.device();
        let request = ExportRequest { device: &device, created_ms, day, sequence, selection: selection.clone() };
        let batch = if options.redacted {
            write_redacted_batch(&request, chosen.iter().copied(), &files)?
        } else {
            write_batch(&request, chosen.iter().copied(), &files)?
        };
        let moves_mark = !options.redacted && matches!(options.scope, ExportScope::All | ExportScope::SinceLast);
        if let (true, Some(mark)) = (moves_mark, watermark(chosen.iter().copied())) {
            meta::put_export_watermark(&self.db, mark).await?;
        }
        let counts = batch.manifest.counts;
        let (file_name, text, sealed) = match options.passphrase.as_deref() {
            Some(pass) => (batch.file_name.replace(".json", "-sealed.json"), crypto::seal(batch.text.as_bytes(), pass).await?, true),
            None => (batch.file_name, batch.text, false),
        };
        Ok(ExportedFile { file_name, text, events: counts.events, complaints: counts.complaints, files: counts.attachments, sealed })
    }

    /// Now, its business day, and the day's next batch number.
    async fn request_parts(&self) -> Result<(i64, NaiveDate, u32), StoreError> {
        let created_ms = clock::now_ms();
        let day = self.config().calendar.local(created_ms).date();
        Ok((created_ms, day, meta::next_batch_sequence(&self.db, day).await?))
    }

    /// The stored files of the given complaints (of every complaint when `None`), with bytes.
    async fn files_of(&self, only: Option<&std::collections::BTreeSet<&ComplaintId>>) -> Result<Vec<AttachmentFile>, StoreError> {
        let mut out = Vec::new();
        for f in attachments::complaint_files(&self.db).await? {
            let complaint = ComplaintId::from(f.complaint.as_str());
            if only.is_some_and(|set| !set.contains(&complaint)) {
                continue;
            }
            let buffer = JsFuture::from(f.blob.array_buffer()).await.map_err(|e| StoreError::from_js(&e))?;
            let content = js_sys::Uint8Array::new(&buffer).to_vec();
            out.push(AttachmentFile { key: f.key, complaint, name: f.name, mime: f.mime, content });
        }
        Ok(out)
    }
}

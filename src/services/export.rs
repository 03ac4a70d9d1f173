//! Exporting a batch file (SPEC §13): this device's events exactly as stored, with their
//! photos and documents if asked, in the batch format of `domain::batch`. The file is made in
//! memory; the UI offers it as a download.

use wasm_bindgen_futures::JsFuture;

use super::Desk;
use crate::browser::clock;
use crate::domain::batch::error::BatchError;
use crate::domain::batch::format::Selection;
use crate::domain::batch::write::{write_batch, AttachmentFile, ExportRequest, WrittenBatch};
use crate::domain::ids::ComplaintId;
use crate::store::{attachments, events, meta, StoreError};

/// Why a batch was not made. Nothing is changed either way, but the day's batch number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Batch(#[from] BatchError),
}

impl ExportError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Store(e) => e.code(),
            ExportError::Batch(e) => e.code(),
        }
    }
}

impl Desk {
    /// A batch of everything this device holds: every event, and every complaint's files when
    /// `with_files`. Numbered per day (`complaints-K7Q-2026-11-25-0001.json`).
    pub async fn export_all(&self, with_files: bool) -> Result<WrittenBatch, ExportError> {
        let all = events::all(&self.db).await?;
        let files = if with_files { self.files_of_complaints().await? } else { Vec::new() };
        let created_ms = clock::now_ms();
        let day = self.config().calendar.local(created_ms).date();
        let sequence = meta::next_batch_sequence(&self.db, day).await?;
        let device = self.device();
        let request = ExportRequest { device: &device, created_ms, day, sequence, selection: Selection::All };
        Ok(write_batch(&request, all.iter(), &files)?)
    }

    /// Every complaint's stored file, with its bytes.
    async fn files_of_complaints(&self) -> Result<Vec<AttachmentFile>, StoreError> {
        let mut out = Vec::new();
        for f in attachments::complaint_files(&self.db).await? {
            let buffer = JsFuture::from(f.blob.array_buffer()).await.map_err(|e| StoreError::from_js(&e))?;
            let content = js_sys::Uint8Array::new(&buffer).to_vec();
            out.push(AttachmentFile { key: f.key, complaint: ComplaintId::from(f.complaint.as_str()), name: f.name, mime: f.mime, content });
        }
        Ok(out)
    }
}

//! Photos and documents of a complaint (SPEC §3): attaching one (the file and its event in one
//! transaction) and showing a stored one.

use crate::browser::{clock, random};
use crate::domain::command::Command;
use crate::domain::payload::Attachment;
use crate::services::files::AttachmentUrl;
use crate::services::ActionError;
use crate::store::attachments;
use crate::store::schema::ATTACHMENTS;
use crate::store::views::ComplaintView;
use crate::store::StoreError;

use super::{Desk, MAX_ATTACHMENT_BYTES};

impl Desk {
    /// Attaches a photo or document (SPEC §3) to a complaint: the file and its
    /// `attachment_added` event are stored in one transaction, or neither.
    pub async fn attach(&self, id: &str, file: &web_sys::File, actor: &str) -> Result<ComplaintView, ActionError> {
        if file.size() > MAX_ATTACHMENT_BYTES as f64 {
            return Err(ActionError::TooLarge);
        }
        let key = new_attachment_key();
        let now_ms = clock::now_ms();
        // A picked file's name is the device's, not the person's: it is cleaned (folders, control
        // and text-direction characters such as the "gpj.exe" trick) rather than refused.
        let name = crate::domain::files::download_name(&file.name());
        let record = attachments::record(&key, id, &name, file, now_ms)?;
        let attachment = Attachment { key, name, mime: file.type_(), bytes: file.size() as u64 };
        self.execute_with(id, Command::AddAttachment { attachment }, actor, Some((ATTACHMENTS, record)), None).await
    }

    /// An object URL of an attachment's file, if this device has the file: inline for
    /// allowlisted raster images, download-only for anything else (see `AttachmentUrl`).
    /// The caller revokes it when it is no longer shown.
    pub async fn attachment_url(&self, key: &str) -> Result<Option<AttachmentUrl>, StoreError> {
        let Some(blob) = attachments::blob(&self.db, key).await? else { return Ok(None) };
        AttachmentUrl::for_blob(&blob).map(Some)
    }
}

/// A new key for a stored file.
pub(super) fn new_attachment_key() -> String {
    format!("att-{}", random::bytes::<16>().iter().map(|b| format!("{b:02x}")).collect::<String>())
}

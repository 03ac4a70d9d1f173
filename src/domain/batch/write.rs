//! Writing a batch: entries with their checksums, the manifest with counts and span, the
//! file checksum, and the file name. Events go in fold order (HLC, then id), one per line,
//! so a registration comes before what followed it and the file reads well in an editor.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use chrono::NaiveDate;

use super::checksum::{file_sha256, sha256_hex};
use super::error::BatchError;
use super::format::{
    file_name, format_version, AttachmentEntry, Counts, EventEntry, ExportingDevice, Manifest, Redaction, Selection, Span, FORMAT_NAME,
    MAX_BATCH_BYTES,
};
use crate::domain::device::DeviceIdentity;
use crate::domain::event::Event;
use crate::domain::ids::{ComplaintId, EventId};

/// Who exports, when, and what was asked for.
#[derive(Debug, Clone)]
pub struct ExportRequest<'a> {
    pub device: &'a DeviceIdentity,
    /// Now (UTC ms).
    pub created_ms: i64,
    /// The business day of `created_ms` (the file name's date).
    pub day: NaiveDate,
    /// This device's serial for its batches of `day`, from 1.
    pub sequence: u32,
    pub selection: Selection,
}

/// An attached file to carry, read from the attachment store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    pub key: String,
    pub complaint: ComplaintId,
    pub name: String,
    pub mime: String,
    pub content: Vec<u8>,
}

/// A written batch.
#[derive(Debug, Clone)]
pub struct WrittenBatch {
    pub file_name: String,
    /// The file's content (UTF-8 JSON).
    pub text: String,
    pub manifest: Manifest,
    /// The file checksum.
    pub sha256: String,
}

/// Writes a complete batch of `events` (deduplicated by id, keeping the preferred copy) and
/// `attachments`. Fails only when the file would be larger than a reader accepts.
pub fn write_batch<'e>(request: &ExportRequest, events: impl IntoIterator<Item = &'e Event>, attachments: &[AttachmentFile]) -> Result<WrittenBatch, BatchError> {
    let entries = unique(events).into_iter().map(|e| (e.clone(), Vec::new())).collect();
    write_entries(request, entries, attachments, None)
}

/// One copy per id, the preferred one, in fold order.
pub(super) fn unique<'e>(events: impl IntoIterator<Item = &'e Event>) -> Vec<&'e Event> {
    let mut by_id: BTreeMap<&EventId, &Event> = BTreeMap::new();
    for e in events {
        let keep = by_id.get(e.id()).map_or(e, |old| Event::preferred(old, e));
        by_id.insert(e.id(), keep);
    }
    let mut out: Vec<&Event> = by_id.into_values().collect();
    crate::domain::sort::sort_by(&mut out, |a, b| a.order_key().cmp(&b.order_key()));
    out
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "[]".into()
    } else {
        format!("[\n{}\n]", items.join(",\n"))
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string(v).expect("batch parts serialise")
}

/// Writes the file from prepared entries (`personal_data` paths per event, for redacted batches).
pub(super) fn write_entries(
    request: &ExportRequest,
    events: Vec<(Event, Vec<String>)>,
    attachments: &[AttachmentFile],
    redaction: Option<Redaction>,
) -> Result<WrittenBatch, BatchError> {
    let complaints: BTreeSet<&ComplaintId> = crate::domain::sort::set_of(events.iter().map(|(e, _)| e.complaint()));
    let span = match (events.iter().map(|(e, _)| e.hlc()).min(), events.iter().map(|(e, _)| e.hlc()).max()) {
        (Some(first), Some(last)) => Some(Span { first, last }),
        _ => None,
    };
    let redacted = redaction.is_some();
    let manifest = Manifest {
        device: ExportingDevice { id: request.device.id.clone(), code: request.device.code.clone(), name: request.device.name.clone() },
        created_ms: request.created_ms,
        sequence: request.sequence,
        selection: request.selection.clone(),
        redacted,
        redaction,
        counts: Counts { events: events.len() as u64, complaints: complaints.len() as u64, attachments: attachments.len() as u64 },
        span,
    };
    let event_entries: Vec<String> = events
        .iter()
        .map(|(e, paths)| to_json(&EventEntry { sha256: sha256_hex(e.to_json().as_bytes()), event: e.to_json().to_string(), personal_data: paths.clone() }))
        .collect();
    let attachment_entries: Vec<String> = attachments
        .iter()
        .map(|a| {
            to_json(&AttachmentEntry {
                key: a.key.clone(),
                complaint: a.complaint.clone(),
                name: a.name.clone(),
                mime: a.mime.clone(),
                bytes: a.content.len() as u64,
                sha256: sha256_hex(&a.content),
                data: base64::engine::general_purpose::STANDARD.encode(&a.content),
            })
        })
        .collect();
    let (manifest_json, events_json, attachments_json) = (to_json(&manifest), list(&event_entries), list(&attachment_entries));
    let version = format_version();
    let sha256 = file_sha256(FORMAT_NAME, &version, &manifest_json, &events_json, Some(&attachments_json));
    let text = format!(
        "{{\"format\":{},\"version\":{},\n\"manifest\":{manifest_json},\n\"events\":{events_json},\n\"attachments\":{attachments_json},\n\"sha256\":\"{sha256}\"}}\n",
        to_json(&FORMAT_NAME),
        to_json(&version),
    );
    if text.len() as u64 > MAX_BATCH_BYTES {
        return Err(BatchError::TooLarge(text.len() as u64));
    }
    let file_name = file_name(&request.device.code, request.day, request.sequence, redacted);
    Ok(WrittenBatch { file_name, text, manifest, sha256 })
}

//! A batch made of loose entries rather than a file: records kept in quarantine, or documents
//! pulled from a sync server. They go through the same per-record checks (`records`) and then
//! the same import plan as a file's entries, so nothing enters by a side door.

use serde_json::value::RawValue;

use super::format::{Counts, ExportingDevice, Manifest, Selection, FORMAT_MAJOR, FORMAT_MINOR};
use super::read::ReadBatch;
use super::records;

/// Reads event entries (`{"sha256":…,"event":…}`) and attachment entries (the file format's)
/// as one batch from `source`. Positions (`ReadBatch::positions`, `Refusal::index`) are indexes
/// into each list; `positions_of` maps them elsewhere if the caller needs to.
pub fn read_entries(event_entries: &[String], attachment_entries: &[String], source: ExportingDevice) -> ReadBatch {
    let raw = |texts: &[String]| -> Vec<Box<RawValue>> {
        texts.iter().map(|t| RawValue::from_string(t.clone()).unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"))).collect()
    };
    let (event_raw, attachment_raw) = (raw(event_entries), raw(attachment_entries));
    let ev = records::events(&event_raw.iter().map(AsRef::as_ref).collect::<Vec<_>>());
    let att = records::attachments(&attachment_raw.iter().map(AsRef::as_ref).collect::<Vec<_>>());
    let mut refused = ev.refused;
    refused.extend(att.refused);
    let manifest = Manifest {
        device: source,
        created_ms: 0,
        sequence: 0,
        selection: Selection::Other,
        redacted: false,
        redaction: None,
        counts: Counts { events: ev.accepted.len() as u64, complaints: 0, attachments: att.accepted.len() as u64 },
        span: None,
    };
    ReadBatch {
        manifest,
        version: (FORMAT_MAJOR, FORMAT_MINOR),
        file_sha256: String::new(),
        events: ev.accepted,
        attachments: att.accepted,
        refused,
        duplicates: ev.duplicates + att.duplicates,
        personal_data: ev.personal_data,
        positions: ev.positions,
    }
}

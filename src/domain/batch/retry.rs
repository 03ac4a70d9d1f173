//! Reading records kept in quarantine again, with this app's rules: a newer app may accept
//! what an older one refused (a newer event version it now reads, a rule relaxed), and a record
//! refused because of what the device held may fit now. Only records that came from batch
//! files are retried (their quarantine ids start with `batch:`).

use serde_json::value::RawValue;

use super::checksum::sha256_hex;
use super::error::Refusal;
use super::format::{Counts, EventEntry, ExportingDevice, Manifest, Selection};
use super::read::ReadBatch;
use super::records;

/// The source device named for retried records: they come from this device's quarantine.
pub const QUARANTINE_SOURCE: &str = "quarantine";

/// Which list of a batch a quarantined record came from, from its quarantine id.
fn section(quarantine_id: &str) -> Option<&'static str> {
    let mut parts = quarantine_id.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("batch"), Some(_), Some("events")) => Some("events"),
        (Some("batch"), Some(_), Some("attachments")) => Some("attachments"),
        _ => None,
    }
}

/// Whether a quarantined record came from a batch file (and can be retried).
pub fn is_retryable(quarantine_id: &str) -> bool {
    section(quarantine_id).is_some()
}

/// The kept records read again as one batch, to plan and import like any other. `kept` is
/// `(quarantine id, kept text)`; an event kept as its bare text (refused by the plan, not by
/// the reader) is wrapped into an entry with its checksum. Positions in the result
/// (`ReadBatch::positions`, `Refusal::index`) are indexes into `kept`.
pub fn reread(kept: &[(String, String)]) -> ReadBatch {
    let mut event_texts: Vec<(usize, String)> = Vec::new();
    let mut attachment_texts: Vec<(usize, String)> = Vec::new();
    for (i, (id, text)) in kept.iter().enumerate() {
        match section(id) {
            Some("events") => {
                let entry = if serde_json::from_str::<EventEntry>(text).is_ok() {
                    text.clone()
                } else {
                    // A bare event text: its own checksum makes it an entry again.
                    serde_json::to_string(&EventEntry { sha256: sha256_hex(text.as_bytes()), event: text.clone(), personal_data: Vec::new() }).unwrap_or_default()
                };
                event_texts.push((i, entry));
            }
            Some(_) => attachment_texts.push((i, text.clone())),
            None => {}
        }
    }
    let raw = |texts: &[(usize, String)]| -> Vec<Box<RawValue>> {
        texts.iter().map(|(_, t)| RawValue::from_string(t.clone()).unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"))).collect()
    };
    let (event_raw, attachment_raw) = (raw(&event_texts), raw(&attachment_texts));
    let ev = records::events(&event_raw.iter().map(AsRef::as_ref).collect::<Vec<_>>());
    let att = records::attachments(&attachment_raw.iter().map(AsRef::as_ref).collect::<Vec<_>>());
    // Back to positions in `kept`.
    let at = |texts: &[(usize, String)], j: usize| texts.get(j).map_or(usize::MAX, |t| t.0);
    let mut refused: Vec<Refusal> = ev.refused.into_iter().map(|r| Refusal { index: at(&event_texts, r.index), ..r }).collect();
    refused.extend(att.refused.into_iter().map(|r| Refusal { index: at(&attachment_texts, r.index), ..r }));
    let positions = ev.positions.into_iter().map(|(id, j)| (id, at(&event_texts, j))).collect();
    let manifest = Manifest {
        device: ExportingDevice { id: QUARANTINE_SOURCE.into(), code: String::new(), name: String::new() },
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
        version: (super::format::FORMAT_MAJOR, super::format::FORMAT_MINOR),
        file_sha256: String::new(),
        events: ev.accepted,
        attachments: att.accepted,
        refused,
        duplicates: ev.duplicates + att.duplicates,
        personal_data: ev.personal_data,
        positions,
    }
}

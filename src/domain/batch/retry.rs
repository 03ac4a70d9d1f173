//! Reading records kept in quarantine again, with this app's rules: a newer app may accept
//! what an older one refused (a newer event version it now reads, a rule relaxed), and a record
//! refused because of what the device held may fit now. Only records that came from batch
//! files are retried (their quarantine ids start with `batch:`).

use super::checksum::sha256_hex;
use super::entries::read_entries;
use super::error::Section;
use super::format::{EventEntry, ExportingDevice};
use super::read::ReadBatch;

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
    let events: Vec<String> = event_texts.iter().map(|t| t.1.clone()).collect();
    let attachments: Vec<String> = attachment_texts.iter().map(|t| t.1.clone()).collect();
    let source = ExportingDevice { id: QUARANTINE_SOURCE.into(), code: String::new(), name: String::new() };
    let mut batch = read_entries(&events, &attachments, source);
    // Back to positions in `kept`.
    let at = |texts: &[(usize, String)], j: usize| texts.get(j).map_or(usize::MAX, |t| t.0);
    for r in &mut batch.refused {
        r.index = match r.section {
            Section::Events => at(&event_texts, r.index),
            Section::Attachments => at(&attachment_texts, r.index),
        };
    }
    for i in batch.positions.values_mut() {
        *i = at(&event_texts, *i);
    }
    batch
}

//! The batch file format (see `docs/batch-format.md`): constants, the manifest and the
//! entries as serde types, and the file name.
//!
//! A batch is one JSON object with the keys `format`, `version`, `manifest`, `events`,
//! `attachments` and `sha256`. Events travel as their exact stored JSON text (a JSON string),
//! so the bytes a device stored are the bytes every other device stores.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::device::is_code_char;
use crate::domain::hlc::Hlc;
use crate::domain::ids::ComplaintId;

/// The value of `format`: anything else is not one of our batches.
pub const FORMAT_NAME: &str = "complaint-desk-batch";
/// The major version this app reads and writes; a file with a larger major is refused.
pub const FORMAT_MAJOR: u32 = 1;
/// The minor version this app writes. Minor versions only add optional fields, so any
/// `1.x` is read (fields this app does not know are ignored).
pub const FORMAT_MINOR: u32 = 0;
/// The largest batch file read (bytes). Tablets hold the file, its text and the parsed
/// events in memory at once; larger exports are split by period or complaint.
pub const MAX_BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// `format_version()`, e.g. `1.0`.
pub fn format_version() -> String {
    format!("{FORMAT_MAJOR}.{FORMAT_MINOR}")
}

/// The device that wrote the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportingDevice {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// What the person asked to export. Informational: the reader trusts the events, not this.
/// Wire format: `{"kind":"period","from_ms":…,"to_ms":…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Selection {
    /// Every event on the device.
    All,
    /// Events written after an HLC watermark (the previous export's `span.last`).
    Since { after: Hlc },
    /// Events whose HLC lies in `[from_ms, to_ms)`.
    Period { from_ms: i64, to_ms: i64 },
    /// Every event of one complaint.
    Complaint { complaint: ComplaintId },
    /// Every event of the complaints a list showed (its filter at the time): how many.
    Listed { complaints: u64 },
    /// A selection a newer app made (minor versions may add kinds).
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for Selection {
    /// Reads the kind and keeps the other keys as JSON text until the kind says which it needs:
    /// serde's reader of an internally tagged enum buffers the whole object into its `Content`
    /// tree first and links a second reader of every variant. Manifests are JSON text, so this
    /// reads from `serde_json` only. A kind this app does not know is [`Selection::Other`],
    /// whatever its keys hold.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Selection, D::Error> {
        use serde::de::Error;
        use serde_json::value::RawValue;
        #[derive(Deserialize)]
        struct Wire {
            kind: String,
            after: Option<Box<RawValue>>,
            from_ms: Option<Box<RawValue>>,
            to_ms: Option<Box<RawValue>>,
            complaint: Option<Box<RawValue>>,
            complaints: Option<Box<RawValue>>,
        }
        fn field<T: serde::de::DeserializeOwned, E: Error>(raw: Option<Box<RawValue>>, name: &'static str) -> Result<T, E> {
            let raw = raw.ok_or_else(|| E::missing_field(name))?;
            serde_json::from_str(raw.get()).map_err(|e| E::custom(format!("{name}: {e}")))
        }
        let w = Wire::deserialize(d)?;
        Ok(match w.kind.as_str() {
            "all" => Selection::All,
            "since" => Selection::Since { after: field(w.after, "after")? },
            "period" => Selection::Period { from_ms: field(w.from_ms, "from_ms")?, to_ms: field(w.to_ms, "to_ms")? },
            "complaint" => Selection::Complaint { complaint: field(w.complaint, "complaint")? },
            "listed" => Selection::Listed { complaints: field(w.complaints, "complaints")? },
            _ => Selection::Other,
        })
    }
}

/// How many entries the file holds; checked against the entries themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub events: u64,
    pub complaints: u64,
    pub attachments: u64,
}

/// The oldest and newest event clock in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub first: Hlc,
    pub last: Hlc,
}

/// What was removed from a redacted batch and which free texts may still hold personal data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Redaction {
    /// Fields emptied in every event that carries them, e.g. `customer.phone`.
    pub removed: Vec<String>,
    /// Events left out because this app cannot read them (they may hold personal data).
    pub withheld_events: u64,
    /// Attachments are never part of a redacted batch (a photo may show anyone).
    pub withheld_attachments: u64,
}

/// The manifest: who wrote the batch, when, what it covers, and how much it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub device: ExportingDevice,
    /// When the batch was written (UTC ms).
    pub created_ms: i64,
    /// The exporting device's serial for its batches of that day (the file name's last part).
    pub sequence: u32,
    pub selection: Selection,
    /// A redacted batch: personal data removed. Never merged into a desk as a complete import.
    #[serde(default)]
    pub redacted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redaction: Option<Redaction>,
    pub counts: Counts,
    /// `null` for a batch without events.
    pub span: Option<Span>,
}

/// One event: its exact stored JSON text and that text's SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEntry {
    /// Lowercase hex SHA-256 of the UTF-8 bytes of `event`.
    pub sha256: String,
    /// The event's JSON text, exactly as stored (`Event::to_json`).
    pub event: String,
    /// Redacted batches: payload paths of free texts that may hold personal data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personal_data: Vec<String>,
}

/// One attached file, its content as base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentEntry {
    /// The key its `attachment_added` event names.
    pub key: String,
    pub complaint: ComplaintId,
    pub name: String,
    pub mime: String,
    /// Size of the decoded content.
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the decoded content.
    pub sha256: String,
    /// The content, standard base64 with padding (RFC 4648 §4).
    pub data: String,
}

/// The suggested file name, e.g. `complaints-K7Q-2026-11-25-0001.json`: device code, the
/// business day of the export and the device's serial for that day. Only code characters
/// survive from `code`, so the name is always safe on any file system.
pub fn file_name(code: &str, day: NaiveDate, sequence: u32, redacted: bool) -> String {
    let code: String = code.chars().filter(|c| is_code_char(*c)).take(4).collect();
    let code = if code.is_empty() { "XX".to_string() } else { code };
    let suffix = if redacted { "-redacted" } else { "" };
    format!("complaints-{code}-{}-{:04}{suffix}.json", day.format("%Y-%m-%d"), sequence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(file_name("K7Q", day, 1, false), "complaints-K7Q-2026-11-25-0001.json");
        assert_eq!(file_name("K7Q", day, 12, true), "complaints-K7Q-2026-11-25-0012-redacted.json");
        assert_eq!(file_name("../\u{202E}", day, 1, false), "complaints-XX-2026-11-25-0001.json");
        assert_eq!(format_version(), "1.0");
    }

    #[test]
    fn selection_wire_format() {
        let s = Selection::Since { after: Hlc { ms: 5, c: 1 } };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"kind":"since","after":{"ms":5,"c":1}}"#);
        let other: Selection = serde_json::from_str(r#"{"kind":"by_department"}"#).unwrap();
        assert_eq!(other, Selection::Other);
    }

    #[test]
    fn every_selection_reads_back_in_any_key_order_and_a_broken_one_says_why() {
        let read = |t: &str| serde_json::from_str::<Selection>(t);
        let all = [
            Selection::All,
            Selection::Since { after: Hlc { ms: 5, c: 1 } },
            Selection::Period { from_ms: -3, to_ms: 1_700_000_000_000 },
            Selection::Complaint { complaint: ComplaintId::new(Hlc { ms: 7, c: 0 }, [9; 10], 0) },
            Selection::Listed { complaints: 12 },
        ];
        for s in all {
            assert_eq!(read(&serde_json::to_string(&s).unwrap()).unwrap(), s);
        }
        assert_eq!(read(r#"{"to_ms":9,"extra":[1],"from_ms":1,"kind":"period"}"#).unwrap(), Selection::Period { from_ms: 1, to_ms: 9 });
        // A newer kind is read whatever its keys hold.
        assert_eq!(read(r#"{"kind":"by_department","after":"sales","complaints":-1}"#).unwrap(), Selection::Other);
        let err = |t: &str| read(t).unwrap_err().to_string();
        assert!(err(r#"{"kind":"since"}"#).contains("missing field `after`"));
        assert!(err(r#"{"kind":"since","after":null}"#).contains("missing field `after`"));
        assert!(err(r#"{"kind":"period","from_ms":1,"to_ms":"tomorrow"}"#).contains("to_ms: invalid type"));
        assert!(err(r#"{"kind":"listed","complaints":-1}"#).contains("complaints: invalid value"));
        assert!(err(r#"{"after":{"ms":5,"c":1}}"#).contains("missing field `kind`"));
        assert!(err(r#"{"kind":3}"#).contains("invalid type"));
    }
}

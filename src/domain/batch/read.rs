//! Reading a batch file: the whole-file checks (what it is, format, version, checksum,
//! manifest, counts, redaction), then every record on its own (`records`). A whole-file
//! problem is a [`BatchError`] and nothing is imported; a record problem refuses that record.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::checksum::{file_sha256, matches};
use super::error::{BatchError, Refusal};
use super::format::{Manifest, FORMAT_MAJOR, FORMAT_NAME};
use super::records::{self, AttachmentData};
use super::sealed::{open_envelope, SEALED_FORMAT_NAME};
use super::sniff::{json_error, sniff};
use crate::domain::device::{validate_code, validate_name};
use crate::domain::event::Event;
use crate::domain::ids::EventId;
use crate::domain::text::{self, TextRule};
use crate::domain::time_range::is_accepted_ms;

/// How the batch is going to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Accept a redacted batch (for reviewing or reporting, never merged into a desk: its
    /// redacted copies would replace the originals there).
    pub accept_redacted: bool,
}

/// A batch that passed the whole-file checks, its records sorted into accepted and refused.
#[derive(Debug, Clone)]
pub struct ReadBatch {
    pub manifest: Manifest,
    /// `(major, minor)` as the file states it.
    pub version: (u32, u32),
    /// The file checksum (identifies the file, e.g. in quarantine keys).
    pub file_sha256: String,
    /// Accepted events, one per id, sorted by id.
    pub events: Vec<Event>,
    /// Accepted attachments, one per key, sorted by key.
    pub attachments: Vec<AttachmentData>,
    /// Refused records, in file order (events first).
    pub refused: Vec<Refusal>,
    /// Identical extra copies of an event or attachment in the file (harmless, not imported twice).
    pub duplicates: usize,
    /// Redacted batches: per event, the payload paths of free texts that may hold personal data.
    pub personal_data: BTreeMap<EventId, Vec<String>>,
    /// Where each accepted event was in the file (for quarantine records).
    pub positions: BTreeMap<EventId, usize>,
}

/// The top level, every part kept as its raw text so the checksum covers the exact bytes.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    #[serde(borrow)]
    manifest: Option<&'a RawValue>,
    #[serde(borrow)]
    events: Option<&'a RawValue>,
    #[serde(borrow)]
    attachments: Option<&'a RawValue>,
    #[serde(borrow)]
    sha256: Option<&'a RawValue>,
}

/// Reads a batch file (its bytes as picked by the person). See the module documentation.
pub fn read_batch(bytes: &[u8], options: ReadOptions) -> Result<ReadBatch, BatchError> {
    let text = sniff(bytes)?;
    let top: Top = serde_json::from_str(text).map_err(json_error)?;
    let format = top.format.ok_or(BatchError::NotABatch)?;
    let format = string(format).ok_or_else(|| BatchError::WrongFormat(shown(format.get())))?;
    if format == SEALED_FORMAT_NAME {
        // Read once it is opened with its passphrase; a damaged or newer envelope says so now,
        // before anyone types a passphrase for it.
        open_envelope(bytes)?;
        return Err(BatchError::PassphraseNeeded);
    }
    if format != FORMAT_NAME {
        return Err(BatchError::WrongFormat(shown(&format)));
    }
    let (version_text, version) = read_version(top.version, FORMAT_MAJOR)?;
    let missing = |what: &str| BatchError::Malformed(format!("{what} is missing"));
    let (manifest_raw, events_raw) = (top.manifest.ok_or_else(|| missing("manifest"))?, top.events.ok_or_else(|| missing("events"))?);
    let given = top.sha256.and_then(string).ok_or_else(|| missing("sha256"))?;
    let expected = file_sha256(&format, &version_text, manifest_raw.get(), events_raw.get(), top.attachments.map(|a| a.get()));
    if !matches(&given, &expected) {
        return Err(BatchError::ChecksumMismatch);
    }
    let manifest: Manifest = serde_json::from_str(manifest_raw.get()).map_err(|e| BatchError::Malformed(format!("manifest: {e}")))?;
    check_manifest(&manifest)?;
    if manifest.redacted && !options.accept_redacted {
        return Err(BatchError::Redacted);
    }
    let event_entries = list(events_raw, "events", manifest.counts.events)?;
    let attachment_entries = match top.attachments {
        Some(raw) => list(raw, "attachments", manifest.counts.attachments)?,
        None => Vec::new(),
    };
    count("events", manifest.counts.events, event_entries.len())?;
    count("attachments", manifest.counts.attachments, attachment_entries.len())?;

    let ev = records::events(&event_entries);
    let att = records::attachments(&attachment_entries);
    let mut refused = ev.refused;
    refused.extend(att.refused);
    Ok(ReadBatch {
        manifest,
        version,
        file_sha256: expected,
        events: ev.accepted,
        attachments: att.accepted,
        refused,
        duplicates: ev.duplicates + att.duplicates,
        personal_data: ev.personal_data,
        positions: ev.positions,
    })
}

/// The entries of a list, never more than `declared` (a file of millions of tiny entries
/// must not cost memory before its counts are found wrong).
fn list<'a>(raw: &'a RawValue, what: &'static str, declared: u64) -> Result<Vec<&'a RawValue>, BatchError> {
    if raw.get() == "null" {
        return Ok(Vec::new());
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match serde::de::DeserializeSeed::deserialize(Bounded(declared), &mut de) {
        Ok(items) => Ok(items),
        Err(e) if e.to_string().starts_with(MORE_THAN_DECLARED) => Err(BatchError::CountMismatch { what, declared, found: declared + 1 }),
        Err(_) => Err(BatchError::Malformed(format!("{what} is not a list"))),
    }
}

const MORE_THAN_DECLARED: &str = "more entries than declared";

struct Bounded(u64);

impl<'de> serde::de::DeserializeSeed<'de> for Bounded {
    type Value = Vec<&'de RawValue>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Bounded {
    type Value = Vec<&'de RawValue>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<&RawValue>()? {
            if out.len() as u64 >= self.0 {
                return Err(serde::de::Error::custom(MORE_THAN_DECLARED));
            }
            out.push(item);
        }
        Ok(out)
    }
}

pub(crate) fn string(raw: &RawValue) -> Option<String> {
    serde_json::from_str(raw.get()).ok()
}

/// Why a file's `version` was not accepted (each reader turns it into its own error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VersionProblem {
    /// Missing, not `major.minor`, or an older major this app does not read.
    Bad(String),
    /// A newer major: the file comes from a newer app.
    Newer(String),
}

/// The `version` field of a file whose format this app reads at major `major`: its text and
/// `(major, minor)`. Minors only add optional fields, so any minor is read.
pub(crate) fn read_version(raw: Option<&RawValue>, major: u32) -> Result<(String, (u32, u32)), VersionProblem> {
    let text = raw.and_then(string).ok_or_else(|| VersionProblem::Bad(shown(raw.map_or("", |v| v.get()))))?;
    let version = parse_version(&text).ok_or_else(|| VersionProblem::Bad(shown(&text)))?;
    match version.0.cmp(&major) {
        std::cmp::Ordering::Greater => Err(VersionProblem::Newer(shown(&text))),
        std::cmp::Ordering::Less => Err(VersionProblem::Bad(shown(&text))),
        std::cmp::Ordering::Equal => Ok((text, version)),
    }
}

impl From<VersionProblem> for BatchError {
    fn from(p: VersionProblem) -> Self {
        match p {
            VersionProblem::Bad(v) => BatchError::BadVersion(v),
            VersionProblem::Newer(v) => BatchError::NewerVersion(v),
        }
    }
}

/// `major.minor`, both plain decimal numbers.
pub(crate) fn parse_version(v: &str) -> Option<(u32, u32)> {
    let (major, minor) = v.split_once('.')?;
    let num = |s: &str| if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) { s.parse().ok() } else { None };
    Some((num(major)?, num(minor)?))
}

/// A value from the file, made safe to put in a message: short, one line, no direction tricks.
pub(crate) fn shown(v: &str) -> String {
    v.chars().take(60).map(|c| if c.is_control() || text::is_bidi_control(c) { '?' } else { c }).collect()
}

fn count(what: &'static str, declared: u64, found: usize) -> Result<(), BatchError> {
    if declared != found as u64 {
        return Err(BatchError::CountMismatch { what, declared, found: found as u64 });
    }
    Ok(())
}

/// The manifest is shown in the preview, so its texts obey the same rules as any text.
fn check_manifest(m: &Manifest) -> Result<(), BatchError> {
    let bad = |what: &str| BatchError::Malformed(format!("manifest: {what}"));
    text::required(&m.device.id, TextRule::line(64)).map_err(|_| bad("device id"))?;
    validate_code(&m.device.code).map_err(|_| bad("device code"))?;
    validate_name(&m.device.name).map_err(|_| bad("device name"))?;
    if !is_accepted_ms(m.created_ms) {
        return Err(bad("created_ms out of range"));
    }
    if let Some(span) = m.span {
        if !is_accepted_ms(span.first.ms) || !is_accepted_ms(span.last.ms) || span.first > span.last {
            return Err(bad("span out of range"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse_version("1.0"), Some((1, 0)));
        assert_eq!(parse_version("1.12"), Some((1, 12)));
        for bad in ["1", "1.", ".1", "1.0.0", "v1.0", "1.-1", "99999999999.0", "１.0"] {
            assert_eq!(parse_version(bad), None, "{bad}");
        }
        assert_eq!(shown("a\u{202E}b\nc"), "a?b?c");
    }
}

//! Per-record checks of a batch: each event entry (shape, checksum, `Event::from_json`,
//! `validate_event`) and each attachment entry (shape, base64, size, checksum, the rules of
//! `attachment_added`). Every entry is either accepted or refused with a reason; copies of
//! one id are accepted once when identical and all refused when they differ (the file cannot
//! say which copy is genuine).

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::checksum::{matches, sha256_hex};
use super::error::{Problem, Refusal, Section};
use super::format::{AttachmentEntry, EventEntry};
use crate::domain::event::Event;
use crate::domain::event_rules::{validate_event, EventError};
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::payload::{Attachment, MAX_ATTACHMENT_BYTES};

/// An accepted attachment, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentData {
    pub key: String,
    pub complaint: ComplaintId,
    pub name: String,
    pub mime: String,
    pub content: Vec<u8>,
    pub sha256: String,
}

pub(super) struct Sorted<T> {
    pub accepted: Vec<T>,
    pub refused: Vec<Refusal>,
    pub duplicates: usize,
    pub personal_data: BTreeMap<EventId, Vec<String>>,
    /// Where each accepted event was (its first copy) in the file.
    pub positions: BTreeMap<EventId, usize>,
}

fn refusal(section: Section, index: usize, raw: &RawValue, id: Option<String>, complaint: Option<String>, problem: Problem) -> Refusal {
    Refusal { section, index, id, complaint, problem, original: raw.get().to_string() }
}

/// The ids an event text claims, read loosely (for a refusal's record, and to tell a bad id
/// from any other malformed event).
#[derive(Deserialize, Default)]
struct Claimed {
    id: Option<String>,
    complaint: Option<String>,
}

fn claimed(text: &str) -> Claimed {
    serde_json::from_str(text).unwrap_or_default()
}

fn check_event(entry: &EventEntry) -> Result<Event, Problem> {
    if !matches(&entry.sha256, &sha256_hex(entry.event.as_bytes())) {
        return Err(Problem::ChecksumMismatch);
    }
    let event = Event::from_json(&entry.event).map_err(|e| {
        let c = claimed(&entry.event);
        match (c.id.map(EventId).filter(|i| !i.is_valid()), c.complaint.map(EventId).filter(|i| !i.is_valid())) {
            (Some(_), _) => Problem::Invalid(EventError::BadId("id")),
            (_, Some(_)) => Problem::Invalid(EventError::BadId("complaint")),
            _ => Problem::Malformed(e.to_string()),
        }
    })?;
    validate_event(&event).map_err(Problem::Invalid)?;
    Ok(event)
}

/// Sorts the event entries into accepted (one per id, by id) and refused.
pub(super) fn events(entries: &[&RawValue]) -> Sorted<Event> {
    let mut refused = Vec::new();
    let mut by_id: BTreeMap<EventId, Vec<(usize, Event, Vec<String>)>> = BTreeMap::new();
    for (i, raw) in entries.iter().enumerate() {
        let entry: EventEntry = match serde_json::from_str(raw.get()) {
            Ok(e) => e,
            Err(e) => {
                refused.push(refusal(Section::Events, i, raw, None, None, Problem::Malformed(e.to_string())));
                continue;
            }
        };
        match check_event(&entry) {
            Ok(event) => by_id.entry(event.id().clone()).or_default().push((i, event, entry.personal_data)),
            Err(problem) => {
                let c = claimed(&entry.event);
                refused.push(refusal(Section::Events, i, raw, c.id, c.complaint, problem));
            }
        }
    }
    let mut out = Sorted { accepted: Vec::new(), refused, duplicates: 0, personal_data: BTreeMap::new(), positions: BTreeMap::new() };
    for (id, mut copies) in by_id {
        if copies.iter().all(|(_, e, _)| *e == copies[0].1) {
            out.duplicates += copies.len() - 1;
            let (i, event, paths) = copies.swap_remove(0);
            out.positions.insert(id.clone(), i);
            if !paths.is_empty() {
                out.personal_data.insert(id, paths);
            }
            out.accepted.push(event);
        } else {
            for (i, e, _) in copies {
                let r = refusal(Section::Events, i, entries[i], Some(id.to_string()), Some(e.complaint().to_string()), Problem::DuplicateInFile);
                out.refused.push(r);
            }
        }
    }
    crate::domain::sort::sort_by_key(&mut out.refused, |r| r.index);
    out
}

/// Base64 of the largest accepted attachment, with room for padding.
const MAX_ATTACHMENT_BASE64: usize = (MAX_ATTACHMENT_BYTES as usize).div_ceil(3) * 4;

fn check_attachment(entry: AttachmentEntry) -> Result<AttachmentData, Problem> {
    if !entry.complaint.is_valid() {
        return Err(Problem::Malformed("the complaint id is not a ULID".into()));
    }
    if entry.data.len() > MAX_ATTACHMENT_BASE64 {
        return Err(Problem::AttachmentInvalid(crate::domain::errors::CommandError::AttachmentTooLarge));
    }
    let content = base64::engine::general_purpose::STANDARD.decode(entry.data.as_bytes()).map_err(|_| Problem::AttachmentData)?;
    if content.len() as u64 != entry.bytes {
        return Err(Problem::AttachmentSize);
    }
    let sha256 = sha256_hex(&content);
    if !matches(&entry.sha256, &sha256) {
        return Err(Problem::ChecksumMismatch);
    }
    let checked = Attachment { key: entry.key, name: entry.name, mime: entry.mime, bytes: entry.bytes }.validate().map_err(Problem::AttachmentInvalid)?;
    Ok(AttachmentData { key: checked.key, complaint: entry.complaint, name: checked.name, mime: checked.mime, content, sha256 })
}

/// Sorts the attachment entries into accepted (one per key, by key) and refused.
pub(super) fn attachments(entries: &[&RawValue]) -> Sorted<AttachmentData> {
    let mut refused = Vec::new();
    let mut by_key: BTreeMap<String, Vec<(usize, AttachmentData)>> = BTreeMap::new();
    for (i, raw) in entries.iter().enumerate() {
        let entry: AttachmentEntry = match serde_json::from_str(raw.get()) {
            Ok(e) => e,
            Err(e) => {
                refused.push(refusal(Section::Attachments, i, raw, None, None, Problem::Malformed(e.to_string())));
                continue;
            }
        };
        let (key, complaint) = (entry.key.clone(), entry.complaint.to_string());
        match check_attachment(entry) {
            Ok(a) => by_key.entry(a.key.clone()).or_default().push((i, a)),
            Err(problem) => refused.push(refusal(Section::Attachments, i, raw, Some(key), Some(complaint), problem)),
        }
    }
    let mut out = Sorted { accepted: Vec::new(), refused, duplicates: 0, personal_data: BTreeMap::new(), positions: BTreeMap::new() };
    for (key, mut copies) in by_key {
        if copies.iter().all(|(_, a)| *a == copies[0].1) {
            out.duplicates += copies.len() - 1;
            out.accepted.push(copies.swap_remove(0).1);
        } else {
            for (i, a) in copies {
                let r = refusal(Section::Attachments, i, entries[i], Some(key.clone()), Some(a.complaint.to_string()), Problem::DuplicateInFile);
                out.refused.push(r);
            }
        }
    }
    crate::domain::sort::sort_by_key(&mut out.refused, |r| r.index);
    out
}

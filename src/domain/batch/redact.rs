//! Redacted batches: for reviewing or reporting outside the desk, with the customer's
//! personal data removed.
//!
//! - Emptied in every `registered` and `fields_set` event that carries them: the customer's
//!   name, phone, email, address and customer number, and the incident's place (often a
//!   home address). The customer becomes `anonymous`, so the event still passes validation.
//!   Changed events are redacted copies (`"redacted":true`, same id).
//! - Free texts that may still hold personal data (the customer's own words, notes,
//!   summaries, comments …) are kept and listed per event (`personal_data`, payload paths).
//! - Events this app cannot read (unknown kind, newer version, malformed) are withheld: they
//!   may hold personal data it cannot find. So are all attachments (a photo may show anyone).
//!   The manifest counts both.
//! - The manifest says `"redacted": true`; a reader refuses it for a complete import.

use serde_json::Value;

use super::error::BatchError;
use super::format::Redaction;
use super::write::{unique, write_entries, AttachmentFile, ExportRequest, WrittenBatch};
use crate::domain::event::Event;
use crate::domain::fields::FieldValue;
use crate::domain::intake::{Customer, Incident};
use crate::domain::payload::{Body, Parsed};

/// The fields emptied, as the manifest lists them.
pub const REMOVED_FIELDS: [&str; 6] = ["customer.name", "customer.phone", "customer.email", "customer.address", "customer.customer_no", "incident.place"];

/// Payload keys of free texts written by people about the case.
const FREE_TEXT_KEYS: [&str; 18] = [
    "own_words", "restatement", "expectation_note", "summary", "text", "note", "reason", "comment", "suggestions", "need", "reply", "cause",
    "went_well", "to_improve", "handling", "ruling", "order_ref", "company",
];

fn redact_customer(c: &mut Customer) {
    c.anonymous = true;
    for s in [&mut c.name, &mut c.phone, &mut c.email, &mut c.address, &mut c.customer_no] {
        s.clear();
    }
}

fn redact_incident(i: &mut Incident) {
    i.place.clear();
}

/// An event as a redacted batch carries it, or `None` when it is withheld.
pub fn redact_for_export(event: &Event) -> Option<(Event, Vec<String>)> {
    let body = match Body::parse(event) {
        Parsed::Known(b) => b,
        Parsed::Newer | Parsed::Malformed(_) => return None,
    };
    let changed = match body {
        Body::Registered(mut r) if !event.is_redacted() => {
            redact_customer(&mut r.registration.customer);
            redact_incident(&mut r.registration.incident);
            Some(Body::Registered(r))
        }
        Body::FieldsSet(mut f) if !event.is_redacted() => {
            let mut touched = false;
            for ch in &mut f.changes {
                match &mut ch.value {
                    FieldValue::Customer(c) => redact_customer(c),
                    FieldValue::Incident(i) => redact_incident(i),
                    _ => continue,
                }
                touched = true;
            }
            touched.then_some(Body::FieldsSet(f))
        }
        _ => None,
    };
    let out = match changed {
        Some(body) => event.redacted_with(body.to_json().ok()?).ok()?,
        None => event.clone(),
    };
    let paths = free_texts(out.payload_json());
    Some((out, paths))
}

/// Paths (`registration.incident.own_words`, `changes.0.value.note`) of non-empty free texts.
pub fn free_texts(payload: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(v) = serde_json::from_str::<Value>(payload) {
        walk(&v, String::new(), &mut out);
    }
    out
}

fn walk(v: &Value, path: String, out: &mut Vec<String>) {
    let join = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                match child {
                    Value::String(s) if FREE_TEXT_KEYS.contains(&k.as_str()) && !s.trim().is_empty() => out.push(join(k)),
                    _ => walk(child, join(k), out),
                }
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, child)| walk(child, join(&i.to_string()), out)),
        _ => {}
    }
}

/// Writes a redacted batch of `events`; `attachments` are counted, never written.
pub fn write_redacted_batch<'e>(request: &ExportRequest, events: impl IntoIterator<Item = &'e Event>, attachments: &[AttachmentFile]) -> Result<WrittenBatch, BatchError> {
    let mut withheld = 0u64;
    let mut entries = Vec::new();
    for e in unique(events) {
        match redact_for_export(e) {
            Some(entry) => entries.push(entry),
            None => withheld += 1,
        }
    }
    let redaction = Redaction { removed: REMOVED_FIELDS.iter().map(|s| s.to_string()).collect(), withheld_events: withheld, withheld_attachments: attachments.len() as u64 };
    write_entries(request, entries, &[], Some(redaction))
}

//! CouchDB documents for sync (SPEC §13), pure: how an event or a file becomes an immutable
//! document, how pulled documents become batch entries (then the same checks and plan as a
//! file), how `_bulk_docs` answers are sorted, and the retry delay.
//!
//! - Event: `{"_id":<event id>,"type":"event","complaint","device","hlc_ms","sha256","event"}`,
//!   `event` being the exact stored JSON text.
//! - File: `{"_id":"att:<key>","type":"attachment","complaint","name","mime","bytes","sha256",
//!   "_attachments":{"file":{"content_type","data":<base64>}}}`.
//!
//! Documents are created once and never changed: a second write of an id is a conflict, which
//! is fine when the stored content is the same (a retried request) and a problem to show when
//! it differs (never overwritten either way).

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::batch::checksum::sha256_hex;
use super::event::Event;

/// The `_id` of a file's document.
pub fn attachment_doc_id(key: &str) -> String {
    format!("att:{key}")
}

#[derive(Serialize)]
struct EventDoc<'a> {
    _id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    complaint: &'a str,
    device: &'a str,
    hlc_ms: i64,
    sha256: String,
    event: &'a str,
}

/// An event's document, as JSON.
pub fn event_doc(e: &Event) -> serde_json::Value {
    let text = e.to_json();
    serde_json::to_value(EventDoc { _id: e.id().as_str(), kind: "event", complaint: e.complaint().as_str(), device: e.device(), hlc_ms: e.hlc().ms, sha256: sha256_hex(text.as_bytes()), event: text })
        .unwrap_or(serde_json::Value::Null)
}

/// A stored file to send.
#[derive(Debug, Clone)]
pub struct FileToSend<'a> {
    pub key: &'a str,
    pub complaint: &'a str,
    pub name: &'a str,
    pub mime: &'a str,
    pub content: &'a [u8],
}

/// A file's document, its content inline (base64) as `_bulk_docs` takes it.
pub fn attachment_doc(f: &FileToSend) -> serde_json::Value {
    serde_json::json!({
        "_id": attachment_doc_id(f.key),
        "type": "attachment",
        "complaint": f.complaint,
        "name": f.name,
        "mime": f.mime,
        "bytes": f.content.len(),
        "sha256": sha256_hex(f.content),
        "_attachments": { "file": { "content_type": f.mime, "data": base64::engine::general_purpose::STANDARD.encode(f.content) } },
    })
}

/// Whether the server's copy of a document holds the same content as ours (a conflict on
/// create that is really an earlier, acknowledged-late write of the same thing).
pub fn same_content(ours: &serde_json::Value, theirs: &serde_json::Value) -> bool {
    let field = |v: &serde_json::Value, k: &str| v.get(k).cloned();
    match ours.get("type").and_then(|t| t.as_str()) {
        Some("event") => field(ours, "event").is_some() && field(ours, "event") == field(theirs, "event"),
        Some("attachment") => field(ours, "sha256").is_some() && field(ours, "sha256") == field(theirs, "sha256"),
        _ => false,
    }
}

/// What a pulled document is, as batch entries for the file reader's checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pulled {
    /// An event entry (`{"sha256","event"}` text).
    Event(String),
    /// An attachment entry (the batch format's text).
    Attachment(String),
    /// A design or other document: not ours, ignored.
    Other,
    /// Ours but unreadable: kept in quarantine with this reason.
    Bad(String),
}

#[derive(Deserialize)]
struct AnyDoc {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    complaint: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    mime: Option<String>,
    #[serde(default)]
    bytes: Option<u64>,
    #[serde(default, rename = "_id")]
    id: Option<String>,
    #[serde(default, rename = "_attachments")]
    attachments: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Sorts a pulled document (the `doc` of a `_changes` row, fetched with attachments inline).
pub fn pulled(doc: &serde_json::Value) -> Pulled {
    let Ok(d) = AnyDoc::deserialize(doc) else { return Pulled::Bad("not a document".into()) };
    match d.kind.as_deref() {
        Some("event") => match (d.sha256, d.event) {
            (Some(sha256), Some(event)) => Pulled::Event(serde_json::json!({ "sha256": sha256, "event": event }).to_string()),
            _ => Pulled::Bad("an event document without its event or checksum".into()),
        },
        Some("attachment") => {
            let key = d.id.as_deref().and_then(|i| i.strip_prefix("att:")).map(str::to_string);
            let data = d.attachments.as_ref().and_then(|a| a.get("file")).and_then(|f| f.get("data")).and_then(|v| v.as_str()).map(str::to_string);
            match (key, d.complaint, d.name, d.mime, d.bytes, d.sha256, data) {
                (Some(key), Some(complaint), Some(name), Some(mime), Some(bytes), Some(sha256), Some(data)) => Pulled::Attachment(
                    serde_json::json!({ "key": key, "complaint": complaint, "name": name, "mime": mime, "bytes": bytes, "sha256": sha256, "data": data }).to_string(),
                ),
                _ => Pulled::Bad("a file document without its content or fields".into()),
            }
        }
        _ => Pulled::Other,
    }
}

/// One row of a `_bulk_docs` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct BulkResult {
    pub id: Option<String>,
    #[serde(default)]
    pub ok: Option<bool>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A `_bulk_docs` answer sorted out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sorted {
    /// Created now.
    pub created: Vec<String>,
    /// Existing already: to compare with the server's copy.
    pub exists: Vec<String>,
    /// Refused by the server (validation, permissions): `(id, error, reason)`.
    pub refused: Vec<(String, String, String)>,
}

/// Sorts the answer to a `_bulk_docs` of `sent` ids; an id the server did not answer for is
/// treated as not sent (it is sent again next time: creating is idempotent here).
pub fn sort_bulk(sent: &[String], results: &[BulkResult]) -> Sorted {
    let mut out = Sorted::default();
    for r in results {
        let Some(id) = r.id.clone().filter(|i| sent.contains(i)) else { continue };
        match (r.ok, r.error.as_deref()) {
            (Some(true), _) => out.created.push(id),
            (_, Some("conflict")) => out.exists.push(id),
            (_, Some(e)) => out.refused.push((id, e.to_string(), r.reason.clone().unwrap_or_default())),
            _ => {}
        }
    }
    out
}

/// The delay before retry number `attempt` (0-based) after a failure: exponential from 2 s,
/// capped at 5 minutes, with "full jitter" (`jitter` in 0..1 from the caller's randomness) so
/// many tablets coming back online do not hit the server in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    const BASE: u64 = 2_000;
    const CAP: u64 = 300_000;
    let ceiling = BASE.saturating_mul(1u64 << attempt.min(20)).min(CAP);
    let j = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
    // At least half the ceiling: a retry never comes sooner than the backoff promises.
    (ceiling as f64 * (0.5 + 0.5 * j)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::batch::entries::read_entries;
    use crate::domain::batch::format::ExportingDevice;
    use crate::domain::tests::{local, Device};

    fn one_event() -> Event {
        let mut d = Device::new("dev-a", "KAA", "clerk", crate::domain::config::DomainConfig::default());
        crate::domain::batch::tests::register(&mut d, local(2023, 10, 9, 9, 0), 1);
        let e = d.events.iter().next().unwrap().clone();
        e
    }

    #[test]
    fn an_event_goes_out_and_comes_back_through_the_record_checks() {
        let e = one_event();
        let doc = event_doc(&e);
        assert_eq!(doc["_id"], e.id().as_str());
        assert_eq!(doc["event"], e.to_json());
        let Pulled::Event(entry) = pulled(&doc) else { panic!("an event") };
        let batch = read_entries(&[entry], &[], ExportingDevice { id: "server".into(), code: String::new(), name: String::new() });
        assert_eq!(batch.events.len(), 1);
        assert_eq!(batch.events[0].to_json(), e.to_json(), "byte for byte");
        // A document whose text was changed on the server is refused by the same checks.
        let mut forged = doc.clone();
        forged["event"] = serde_json::Value::String(e.to_json().replace("dev-a", "dev-b"));
        let Pulled::Event(entry) = pulled(&forged) else { panic!() };
        let batch = read_entries(&[entry], &[], ExportingDevice { id: "server".into(), code: String::new(), name: String::new() });
        assert_eq!((batch.events.len(), batch.refused.len()), (0, 1));
    }

    #[test]
    fn a_file_goes_out_and_comes_back() {
        let content = b"\x89PNG\r\n\x1a\nabc";
        let e = one_event();
        let doc = attachment_doc(&FileToSend { key: "k1", complaint: e.complaint().as_str(), name: "a.png", mime: "image/png", content });
        let Pulled::Attachment(entry) = pulled(&doc) else { panic!("a file") };
        let batch = read_entries(&[], &[entry], ExportingDevice { id: "server".into(), code: String::new(), name: String::new() });
        assert_eq!(batch.attachments.len(), 1, "{:?}", batch.refused);
        assert_eq!(batch.attachments[0].content, content);
    }

    #[test]
    fn other_documents_and_broken_ones() {
        assert_eq!(pulled(&serde_json::json!({"_id": "_design/x", "views": {}})), Pulled::Other);
        assert!(matches!(pulled(&serde_json::json!({"_id": "e", "type": "event"})), Pulled::Bad(_)));
        assert!(matches!(pulled(&serde_json::json!({"_id": "att:x", "type": "attachment", "complaint": "c"})), Pulled::Bad(_)));
        assert!(matches!(pulled(&serde_json::json!("text")), Pulled::Bad(_)));
    }

    #[test]
    fn bulk_answers_and_same_content() {
        let sent = vec!["a".to_string(), "b".into(), "c".into(), "d".into()];
        let results: Vec<BulkResult> = serde_json::from_str(
            r#"[{"id":"a","ok":true,"rev":"1-x"},{"id":"b","error":"conflict","reason":"Document update conflict."},
               {"id":"c","error":"forbidden","reason":"events are immutable"},{"id":"zz","ok":true}]"#,
        )
        .unwrap();
        let s = sort_bulk(&sent, &results);
        assert_eq!(s.created, vec!["a"]);
        assert_eq!(s.exists, vec!["b"]);
        assert_eq!(s.refused, vec![("c".into(), "forbidden".into(), "events are immutable".into())]);
        let e = one_event();
        let ours = event_doc(&e);
        let mut theirs = ours.clone();
        theirs["_rev"] = "1-abc".into();
        assert!(same_content(&ours, &theirs));
        theirs["event"] = "{}".into();
        assert!(!same_content(&ours, &theirs));
    }

    #[test]
    fn backoff_grows_is_capped_and_never_too_soon() {
        assert_eq!(backoff_ms(0, 1.0), 2_000);
        assert_eq!(backoff_ms(0, 0.0), 1_000);
        assert_eq!(backoff_ms(3, 1.0), 16_000);
        assert_eq!(backoff_ms(30, 1.0), 300_000);
        assert_eq!(backoff_ms(u32::MAX, f64::NAN), 225_000);
        for a in 0..40 {
            assert!(backoff_ms(a + 1, 0.0) >= backoff_ms(a, 0.0));
        }
    }
}

//! Typed event payloads: each known `kind` and its current schema version. Parsing never
//! fails the fold: an unknown kind, a newer version or a malformed payload is reported as
//! such and the event is kept untouched.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::communication::{CommEntry, ProgressUpdate};
use super::errors::{optional, required, CommandError};
use super::text::TextRule;
use super::event::Event;
use super::fields::{FieldKey, FieldValue};
use super::ids::EventId;
use super::intake::Registration;
use super::investigation::Evidence;
use super::plan::{PlanResponse, PlanStep, StepClosed};
use super::responsibility::{DeptReply, DeptRequest};
use super::survey::Survey;
use super::workflow::{Status, TransitionCause};

/// `registered`: the complaint's first event; its id is the complaint id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    pub number: String,
    /// Business date the number was issued for, and the device's serial on that date.
    pub day: NaiveDate,
    pub serial: u32,
    pub device_code: String,
    pub registration: Registration,
    /// Where an imported complaint came from (a CSV file and the row's key); absent for
    /// complaints registered on a form, and in events written before imports recorded it
    /// (older apps ignore the field: payloads are kept byte-for-byte).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ImportSource>,
}

/// The file and row an imported complaint was registered from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSource {
    /// The file's name as it was picked.
    pub file: String,
    /// The row's stable key (`domain::csv::RowKey`): `id:<source id>` or `fp:<fingerprint>`.
    pub row: String,
}

/// Longest recorded source file name and row key.
pub const MAX_SOURCE_FILE_CHARS: usize = 255;
pub const MAX_SOURCE_ROW_CHARS: usize = 200;

/// One field write: the value and the writes of that field its author had seen. Wire format:
/// `{"field":"urgency","value":"normal","supersedes":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    #[serde(flatten)]
    pub value: FieldValue,
    pub supersedes: Vec<EventId>,
}

impl<'de> Deserialize<'de> for Change {
    /// Reads the keys in any order; the value stays JSON text until its field is known
    /// ([`FieldValue::from_json`]). Events are JSON text, so this reads from `serde_json` only.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Change, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            field: FieldKey,
            value: Box<serde_json::value::RawValue>,
            supersedes: Vec<EventId>,
        }
        let w = Wire::deserialize(d)?;
        let value = FieldValue::from_json(w.field, w.value.get()).map_err(serde::de::Error::custom)?;
        Ok(Change { value, supersedes: w.supersedes })
    }
}

/// `fields_set`: one or more field writes (classification, routing, corrections, resolving
/// a conflict …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldsSet {
    pub changes: Vec<Change>,
    #[serde(default)]
    pub note: String,
}

/// The customer's answer after resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub resolved: bool,
    pub note: String,
}

/// `transition`: a status change; a write to the status register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: Status,
    pub to: Status,
    pub cause: TransitionCause,
    pub supersedes: Vec<EventId>,
    #[serde(default)]
    pub note: String,
    /// For waits: the status to go back to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume_to: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_response: Option<PlanResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<Confirmation>,
}

/// `attachment_added`: a photo or document kept in the attachment store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Key in the attachment store (e.g. a content hash).
    pub key: String,
    pub name: String,
    pub mime: String,
    pub bytes: u64,
}

/// The largest photo or document accepted (a phone camera's photo is 2–6 MB).
pub const MAX_ATTACHMENT_BYTES: u64 = 15 * 1024 * 1024;

impl Attachment {
    /// Checks the store key, file name, media type (may be empty: browsers do not always know
    /// it) and size.
    pub fn validate(self) -> Result<Attachment, CommandError> {
        if self.bytes > MAX_ATTACHMENT_BYTES {
            return Err(CommandError::AttachmentTooLarge);
        }
        Ok(Attachment {
            key: required(&self.key, TextRule::LINE, "key")?,
            name: required(&self.name, TextRule::LINE, "name")?,
            mime: optional(&self.mime, TextRule::line(255), "mime")?,
            bytes: self.bytes,
        })
    }
}

/// `anonymised`: personal data was removed after the retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anonymised {
    pub reason: String,
}

/// Every known payload.
// A registration is much larger than other payloads; bodies are short-lived, so no boxing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Registered(Registered),
    FieldsSet(FieldsSet),
    Transition(Transition),
    Communication(CommEntry),
    Progress(ProgressUpdate),
    Evidence(Evidence),
    Attachment(Attachment),
    StepPlanned(PlanStep),
    StepClosed(StepClosed),
    DeptRequested(DeptRequest),
    DeptReplied(DeptReply),
    Survey(Survey),
    Anonymised(Anonymised),
}

/// Every event kind this app knows, by its stored name (`registered`, `fields_set`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    Registered,
    FieldsSet,
    Transition,
    Communication,
    ProgressUpdate,
    EvidenceAdded,
    AttachmentAdded,
    StepPlanned,
    StepClosed,
    DeptRequested,
    DeptReplied,
    SurveyRecorded,
    Anonymised,
}

impl EventKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The schema version this app writes and reads for this kind.
    pub fn version(self) -> u32 {
        match self {
            EventKind::Registered
            | EventKind::FieldsSet
            | EventKind::Transition
            | EventKind::Communication
            | EventKind::ProgressUpdate
            | EventKind::EvidenceAdded
            | EventKind::AttachmentAdded
            | EventKind::StepPlanned
            | EventKind::StepClosed
            | EventKind::DeptRequested
            | EventKind::DeptReplied
            | EventKind::SurveyRecorded
            | EventKind::Anonymised => 1,
        }
    }
}

/// How an event's payload read.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Known(Body),
    /// A kind this app does not know, or a newer version of a known kind.
    Newer,
    /// A known kind and version whose payload does not parse.
    Malformed(String),
}

impl Body {
    /// The event kind of this payload.
    pub fn event_kind(&self) -> EventKind {
        match self {
            Body::Registered(_) => EventKind::Registered,
            Body::FieldsSet(_) => EventKind::FieldsSet,
            Body::Transition(_) => EventKind::Transition,
            Body::Communication(_) => EventKind::Communication,
            Body::Progress(_) => EventKind::ProgressUpdate,
            Body::Evidence(_) => EventKind::EvidenceAdded,
            Body::Attachment(_) => EventKind::AttachmentAdded,
            Body::StepPlanned(_) => EventKind::StepPlanned,
            Body::StepClosed(_) => EventKind::StepClosed,
            Body::DeptRequested(_) => EventKind::DeptRequested,
            Body::DeptReplied(_) => EventKind::DeptReplied,
            Body::Survey(_) => EventKind::SurveyRecorded,
            Body::Anonymised(_) => EventKind::Anonymised,
        }
    }

    /// The stored name of this payload's kind.
    pub fn kind(&self) -> &'static str {
        self.event_kind().as_str()
    }

    /// The schema version written for this kind.
    pub fn version(&self) -> u32 {
        self.event_kind().version()
    }

    /// The payload as JSON text.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        match self {
            Body::Registered(p) => serde_json::to_string(p),
            Body::FieldsSet(p) => serde_json::to_string(p),
            Body::Transition(p) => serde_json::to_string(p),
            Body::Communication(p) => serde_json::to_string(p),
            Body::Progress(p) => serde_json::to_string(p),
            Body::Evidence(p) => serde_json::to_string(p),
            Body::Attachment(p) => serde_json::to_string(p),
            Body::StepPlanned(p) => serde_json::to_string(p),
            Body::StepClosed(p) => serde_json::to_string(p),
            Body::DeptRequested(p) => serde_json::to_string(p),
            Body::DeptReplied(p) => serde_json::to_string(p),
            Body::Survey(p) => serde_json::to_string(p),
            Body::Anonymised(p) => serde_json::to_string(p),
        }
    }

    /// Reads an event's payload.
    pub fn parse(event: &Event) -> Parsed {
        let Ok(kind) = event.kind().parse::<EventKind>() else { return Parsed::Newer };
        if event.version() > kind.version() {
            return Parsed::Newer;
        }
        let text = event.payload_json();
        let body = match kind {
            EventKind::Registered => serde_json::from_str(text).map(Body::Registered),
            EventKind::FieldsSet => serde_json::from_str(text).map(Body::FieldsSet),
            EventKind::Transition => serde_json::from_str(text).map(Body::Transition),
            EventKind::Communication => serde_json::from_str(text).map(Body::Communication),
            EventKind::ProgressUpdate => serde_json::from_str(text).map(Body::Progress),
            EventKind::EvidenceAdded => serde_json::from_str(text).map(Body::Evidence),
            EventKind::AttachmentAdded => serde_json::from_str(text).map(Body::Attachment),
            EventKind::StepPlanned => serde_json::from_str(text).map(Body::StepPlanned),
            EventKind::StepClosed => serde_json::from_str(text).map(Body::StepClosed),
            EventKind::DeptRequested => serde_json::from_str(text).map(Body::DeptRequested),
            EventKind::DeptReplied => serde_json::from_str(text).map(Body::DeptReplied),
            EventKind::SurveyRecorded => serde_json::from_str(text).map(Body::Survey),
            EventKind::Anonymised => serde_json::from_str(text).map(Body::Anonymised),
        };
        match body {
            Ok(b) => Parsed::Known(b),
            Err(e) => Parsed::Malformed(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classify::Urgency;
    use crate::domain::event::NewEvent;
    use crate::domain::hlc::Hlc;

    fn event(kind: &str, v: u32, payload: &str) -> Event {
        let id = EventId::new(Hlc { ms: 1, c: 0 }, [3; 10], 0);
        Event::build(NewEvent {
            id: id.clone(),
            complaint: id,
            device: "d".into(),
            actor: "a".into(),
            hlc: Hlc { ms: 1, c: 0 },
            at: None,
            base: None,
            kind: kind.into(),
            v,
            payload: payload.into(),
        })
        .unwrap()
    }

    #[test]
    fn known_newer_and_malformed() {
        let body = Body::FieldsSet(FieldsSet {
            changes: vec![Change { value: FieldValue::Urgency(Urgency::Urgent), supersedes: vec![] }],
            note: String::new(),
        });
        let json = body.to_json().unwrap();
        assert_eq!(json, r#"{"changes":[{"field":"urgency","value":"urgent","supersedes":[]}],"note":""}"#);
        assert_eq!(Body::parse(&event("fields_set", 1, &json)), Parsed::Known(body));
        assert_eq!(Body::parse(&event("fields_set", 2, &json)), Parsed::Newer);
        assert_eq!(Body::parse(&event("video_call", 1, "{}")), Parsed::Newer);
        assert!(matches!(Body::parse(&event("fields_set", 1, "{}")), Parsed::Malformed(_)));
    }

    #[test]
    fn a_field_write_is_read_in_any_key_order_and_refused_with_its_reason() {
        let read = |t: &str| serde_json::from_str::<Change>(t);
        let urgent = Change { value: FieldValue::Urgency(Urgency::Urgent), supersedes: vec![] };
        assert_eq!(read(r#"{"value":"urgent","supersedes":[],"field":"urgency"}"#).unwrap(), urgent);
        assert_eq!(read(r#"{"supersedes":[],"field":"urgency","value":"urgent","extra":1}"#).unwrap(), urgent);
        let err = |t: &str| read(t).unwrap_err().to_string();
        assert!(err(r#"{"field":"status","value":"closed","supersedes":[]}"#).contains("status"));
        assert!(err(r#"{"field":"colour","value":"red","supersedes":[]}"#).contains("unknown variant `colour`"));
        assert!(err(r#"{"field":"urgency","value":"sometime","supersedes":[]}"#).contains("unknown variant `sometime`"));
        assert!(err(r#"{"field":"urgency","supersedes":[]}"#).contains("missing field `value`"));
        assert!(err(r#"{"field":"urgency","value":"urgent"}"#).contains("missing field `supersedes`"));
        assert!(err(r#"{"field":"urgency","value":"urgent","value":"normal","supersedes":[]}"#).contains("duplicate field `value`"));
    }

    #[test]
    fn every_kind_reads_back_by_its_stored_name() {
        use strum::IntoEnumIterator;
        for k in EventKind::iter() {
            assert_eq!(k.as_str().parse::<EventKind>(), Ok(k));
        }
        assert_eq!(EventKind::Anonymised.as_str(), "anonymised");
        assert_eq!(EventKind::ProgressUpdate.as_str(), "progress_update");
        assert!("Anonymised".parse::<EventKind>().is_err());
    }
}

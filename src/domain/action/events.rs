//! The action's event kinds and payloads, and the check of an action event from a file or sync.
//!
//! - `action_created` (v1): the stream's first event (its id is the stream id): every field's
//!   first value, the problem and the complaints linked at creation.
//! - `action_set` (v1): writes to fields (title, owner, due, status, note), each naming the
//!   writes of that field its author had seen (`supersedes`), as `fields_set` does.
//! - `action_linked` (v1): a complaint linked or unlinked; one register per complaint.
//!
//! An action kind of a newer version is kept byte-for-byte (as every event of a newer app).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{self, validate_refs, ActionError, ActionField, ActionStatus, ComplaintRef, Problem};
use crate::domain::event::Event;
use crate::domain::event_rules::EventError;
use crate::domain::ids::EventId;

/// `action_created`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionCreated {
    pub title: String,
    pub problem: Problem,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub complaints: Vec<ComplaintRef>,
}

/// One field's value in an `action_set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ActionValue {
    Title(String),
    Owner(String),
    Due(NaiveDate),
    Status(ActionStatus),
    Note(String),
}

impl ActionValue {
    /// The field this value is written to.
    pub fn field(&self) -> ActionField {
        match self {
            ActionValue::Title(_) => ActionField::Title,
            ActionValue::Owner(_) => ActionField::Owner,
            ActionValue::Due(_) => ActionField::Due,
            ActionValue::Status(_) => ActionField::Status,
            ActionValue::Note(_) => ActionField::Note,
        }
    }

    fn validate(&self) -> Result<(), ActionError> {
        match self {
            ActionValue::Title(t) => model::required(t, model::TITLE, ActionField::Title).map(drop),
            ActionValue::Owner(o) => model::required(o, model::OWNER, ActionField::Owner).map(drop),
            ActionValue::Due(d) => model::due(*d).map(drop),
            ActionValue::Status(_) => Ok(()),
            ActionValue::Note(n) => model::optional(n, model::NOTE, ActionField::Note).map(drop),
        }
    }
}

/// A field write and the writes of that field its author had seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionChange {
    #[serde(flatten)]
    pub value: ActionValue,
    pub supersedes: Vec<EventId>,
}

/// `action_set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSet {
    pub changes: Vec<ActionChange>,
}

/// `action_linked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLinked {
    pub complaint: ComplaintRef,
    pub linked: bool,
    pub supersedes: Vec<EventId>,
}

/// Every action event kind, by its stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum ActionKind {
    ActionCreated,
    ActionSet,
    ActionLinked,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
    /// The schema version this app writes and reads.
    pub fn version(self) -> u32 {
        1
    }
}

/// A known action payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionBody {
    Created(ActionCreated),
    Set(ActionSet),
    Linked(ActionLinked),
}

/// How an action event's payload read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedAction {
    Known(ActionBody),
    /// Not an action kind.
    NotAction,
    /// An action kind of a newer version.
    Newer,
    Malformed(String),
}

/// True for the stored name of an action event kind (any version).
pub fn is_action_kind(kind: &str) -> bool {
    kind.parse::<ActionKind>().is_ok()
}

/// True when a stream's events are an action's (they carry action kinds), not a complaint's.
pub fn is_action_stream<'a>(events: impl IntoIterator<Item = &'a Event>) -> bool {
    events.into_iter().any(|e| is_action_kind(e.kind()))
}

impl ActionBody {
    pub fn kind(&self) -> ActionKind {
        match self {
            ActionBody::Created(_) => ActionKind::ActionCreated,
            ActionBody::Set(_) => ActionKind::ActionSet,
            ActionBody::Linked(_) => ActionKind::ActionLinked,
        }
    }

    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        match self {
            ActionBody::Created(p) => serde_json::to_string(p),
            ActionBody::Set(p) => serde_json::to_string(p),
            ActionBody::Linked(p) => serde_json::to_string(p),
        }
    }

    /// Reads an event's payload.
    pub fn parse(e: &Event) -> ParsedAction {
        let Ok(kind) = e.kind().parse::<ActionKind>() else { return ParsedAction::NotAction };
        if e.version() > kind.version() {
            return ParsedAction::Newer;
        }
        let text = e.payload_json();
        let body = match kind {
            ActionKind::ActionCreated => serde_json::from_str(text).map(ActionBody::Created),
            ActionKind::ActionSet => serde_json::from_str(text).map(ActionBody::Set),
            ActionKind::ActionLinked => serde_json::from_str(text).map(ActionBody::Linked),
        };
        match body {
            Ok(b) => ParsedAction::Known(b),
            Err(e) => ParsedAction::Malformed(e.to_string()),
        }
    }

    /// The rules a command applies, for a payload from anywhere.
    pub fn validate(&self) -> Result<(), ActionError> {
        match self {
            ActionBody::Created(c) => {
                model::required(&c.title, model::TITLE, ActionField::Title)?;
                c.problem.validate()?;
                model::required(&c.owner, model::OWNER, ActionField::Owner)?;
                model::due(c.due)?;
                model::optional(&c.note, model::NOTE, ActionField::Note)?;
                validate_refs(&c.complaints).map(drop)
            }
            ActionBody::Set(s) => s.changes.iter().try_for_each(|c| c.value.validate()),
            ActionBody::Linked(l) => l.complaint.validate().map(drop),
        }
    }
}

/// The check of an action event from storage, a file or sync (`event_rules::validate_event`
/// calls it after the envelope checks): `None` when the event is not an action's.
pub fn validate_action_event(e: &Event) -> Option<Result<(), EventError>> {
    Some(match ActionBody::parse(e) {
        ParsedAction::NotAction => return None,
        ParsedAction::Newer => Ok(()),
        ParsedAction::Malformed(why) => Err(EventError::Malformed(why)),
        ParsedAction::Known(ActionBody::Created(_)) if e.id() != e.complaint() => Err(EventError::BadId("complaint")),
        ParsedAction::Known(body) => body.validate().map_err(EventError::Action),
    })
}

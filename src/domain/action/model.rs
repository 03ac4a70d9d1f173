//! The values of an improvement action and their checks (the same text rules as everything
//! else: lengths, control and bidi characters, invisible-only values).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ids::ComplaintId;
use crate::domain::text::{self, TextError, TextRule};
use crate::domain::time_range::is_accepted_date;

/// The most complaints one action links (a review row's complaints are capped to it).
pub const MAX_LINKS: usize = 200;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    /// Still to be worked on (planned or in progress).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// Which kind of review row an action answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProblemKind {
    /// A type (and sub-type) with its share of the period.
    Category,
    /// A product coming back within the period.
    Product,
    /// A customer coming back within the period.
    Customer,
    /// Anything else a supervisor names.
    Other,
}

/// The recurring problem an action answers: its kind, the key of the review row (a type key and
/// optional `/sub-type`, a product key) and the row's text as the creator saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    #[serde(default)]
    pub key: String,
    pub label: String,
}

/// A complaint an action answers: its id and its number (shown, and kept should the complaint
/// not be on this device).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ComplaintRef {
    pub id: ComplaintId,
    #[serde(default)]
    pub number: String,
}

/// The editable fields, by name: where a refusal is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActionField {
    Title,
    Problem,
    Owner,
    Due,
    Status,
    Note,
    Complaints,
}

/// What the form submits (creating or editing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    pub title: String,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub note: String,
}

/// Why an action was refused. Nothing is stored then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("{field:?}: {error}")]
    Text { field: ActionField, error: TextError },
    #[error("the due date lies outside the accepted range (1900-01-01 to 2200-01-01)")]
    DueOutOfRange,
    #[error("a linked complaint's id is not a ULID")]
    BadComplaint,
    #[error("an action links at most {MAX_LINKS} complaints")]
    TooManyComplaints,
    #[error("no such improvement action")]
    NotFound,
    #[error("the device clock lies outside the accepted time range")]
    ClockOutOfRange,
    #[error("the event could not be encoded")]
    Encoding,
}

impl ActionError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::Text { error, .. } => error.code(),
            ActionError::DueOutOfRange => "action_due_out_of_range",
            ActionError::BadComplaint => "action_bad_complaint",
            ActionError::TooManyComplaints => "action_too_many_complaints",
            ActionError::NotFound => "action_not_found",
            ActionError::ClockOutOfRange => "clock_out_of_range",
            ActionError::Encoding => "encoding",
        }
    }

    /// The field the refusal belongs to, if one.
    pub fn field(&self) -> Option<ActionField> {
        match self {
            ActionError::Text { field, .. } => Some(*field),
            ActionError::DueOutOfRange => Some(ActionField::Due),
            ActionError::BadComplaint | ActionError::TooManyComplaints => Some(ActionField::Complaints),
            _ => None,
        }
    }
}

/// The text rules of the fields.
pub(crate) const TITLE: TextRule = TextRule::LINE;
pub(crate) const OWNER: TextRule = TextRule::NAME;
pub(crate) const NOTE: TextRule = TextRule::NOTE;
pub(crate) const KEY: TextRule = TextRule::line(200);
pub(crate) const NUMBER: TextRule = TextRule::line(64);

pub(crate) fn required(value: &str, rule: TextRule, field: ActionField) -> Result<String, ActionError> {
    text::required(value, rule).map_err(|error| ActionError::Text { field, error })
}

pub(crate) fn optional(value: &str, rule: TextRule, field: ActionField) -> Result<String, ActionError> {
    text::optional(value, rule).map_err(|error| ActionError::Text { field, error })
}

pub(crate) fn due(d: NaiveDate) -> Result<NaiveDate, ActionError> {
    if is_accepted_date(d) { Ok(d) } else { Err(ActionError::DueOutOfRange) }
}

impl ActionInput {
    /// The input with its texts tidied, or the first refusal.
    pub fn validate(&self) -> Result<ActionInput, ActionError> {
        Ok(ActionInput {
            title: required(&self.title, TITLE, ActionField::Title)?,
            owner: required(&self.owner, OWNER, ActionField::Owner)?,
            due: due(self.due)?,
            status: self.status,
            note: optional(&self.note, NOTE, ActionField::Note)?,
        })
    }
}

impl Problem {
    /// The problem with its texts tidied.
    pub fn validate(&self) -> Result<Problem, ActionError> {
        Ok(Problem {
            kind: self.kind,
            key: optional(&self.key, KEY, ActionField::Problem)?,
            label: required(&self.label, TITLE, ActionField::Problem)?,
        })
    }
}

impl ComplaintRef {
    /// A well-formed reference: a ULID and a clean number text.
    pub fn validate(&self) -> Result<ComplaintRef, ActionError> {
        if !self.id.is_valid() {
            return Err(ActionError::BadComplaint);
        }
        Ok(ComplaintRef { id: self.id.clone(), number: optional(&self.number, NUMBER, ActionField::Complaints)? })
    }
}

/// Checks a list of references: each well-formed, each complaint once, at most [`MAX_LINKS`].
pub(crate) fn validate_refs(refs: &[ComplaintRef]) -> Result<Vec<ComplaintRef>, ActionError> {
    let mut out: Vec<ComplaintRef> = Vec::with_capacity(refs.len());
    for r in refs {
        let r = r.validate()?;
        if !out.iter().any(|o| o.id == r.id) {
            out.push(r);
        }
    }
    if out.len() > MAX_LINKS {
        return Err(ActionError::TooManyComplaints);
    }
    Ok(out)
}

//! Validation of a whole event that comes from storage, a batch file or sync, before it is
//! stored, folded or observed by the device's clock: its HLC and `at` inside the accepted time range,
//! well-formed ids, clean envelope texts, and a known payload obeying the commands' rules
//! (`payload_rules`). Unknown kinds and newer versions are accepted on their envelope alone
//! and kept byte-for-byte. What fails is for the caller to quarantine with `code()`.

use super::errors::CommandError;
use super::event::Event;
use super::payload::{Body, Parsed};
use super::text::{self, TextError, TextRule};
use super::time_range::is_accepted_ms;

/// The largest event accepted (its JSON text). A full registration is a few tens of kB.
pub const MAX_EVENT_BYTES: usize = 256 * 1024;

/// Why an event cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("the event is larger than {MAX_EVENT_BYTES} bytes")]
    TooLarge,
    #[error("the event's clock (HLC) lies outside the accepted time range (1900-01-01 to 2200-01-01)")]
    HlcOutOfRange,
    #[error("the time the event's step was taken (at) lies outside the accepted time range (1900-01-01 to 2200-01-01)")]
    AtOutOfRange,
    #[error("an id of the event is not a ULID: {0}")]
    BadId(&'static str),
    #[error("an envelope text of the event is refused: {field}: {error}")]
    Envelope { field: &'static str, error: TextError },
    #[error("the payload of a known kind does not parse: {0}")]
    Malformed(String),
    #[error("the payload breaks a rule: {0} ({code})", code = .0.code())]
    Payload(CommandError),
    #[error("the improvement action breaks a rule: {0} ({code})", code = .0.code())]
    Action(super::action::ActionError),
}

impl EventError {
    /// Stable code the UI translates; for `Payload`, [`EventError::rule`] gives the rule's own code.
    pub fn code(&self) -> &'static str {
        match self {
            EventError::TooLarge => "event_too_large",
            EventError::HlcOutOfRange => "event_hlc_out_of_range",
            EventError::AtOutOfRange => "event_at_out_of_range",
            EventError::BadId(_) => "event_bad_id",
            EventError::Envelope { .. } => "event_bad_envelope",
            EventError::Malformed(_) => "event_malformed",
            EventError::Payload(_) | EventError::Action(_) => "event_payload_invalid",
        }
    }

    /// The broken rule's own code (e.g. `bidi_control`, `time_out_of_range`) where there is one.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            EventError::Envelope { error, .. } => Some(error.code()),
            EventError::Payload(e) => Some(e.code()),
            EventError::Action(e) => Some(e.code()),
            _ => None,
        }
    }
}

fn envelope(value: &str, rule: TextRule, field: &'static str, required: bool) -> Result<(), EventError> {
    let checked = if required { text::required(value, rule).map(drop) } else { text::check(value, rule) };
    checked.map_err(|error| EventError::Envelope { field, error })
}

/// Checks an event from storage, a batch file or sync (see the module documentation).
pub fn validate_event(e: &Event) -> Result<(), EventError> {
    if e.to_json().len() > MAX_EVENT_BYTES {
        return Err(EventError::TooLarge);
    }
    if !is_accepted_ms(e.hlc().ms) {
        return Err(EventError::HlcOutOfRange);
    }
    // SLA clocks count with `at`: an absurd one would stretch or shrink them by centuries.
    if e.at().is_some_and(|at| !is_accepted_ms(at)) {
        return Err(EventError::AtOutOfRange);
    }
    for (id, field) in [(Some(e.id()), "id"), (Some(e.complaint()), "complaint"), (e.base(), "base")] {
        if id.is_some_and(|id| !id.is_valid()) {
            return Err(EventError::BadId(field));
        }
    }
    envelope(e.device(), TextRule::line(64), "device", true)?;
    // Older events may carry no actor (nobody had said who was at the tablet).
    envelope(e.actor(), TextRule::NAME, "actor", false)?;
    envelope(e.kind(), TextRule::line(64), "kind", true)?;
    if let Some(checked) = super::action::validate_action_event(e) {
        return checked;
    }
    match Body::parse(e) {
        Parsed::Newer => Ok(()),
        Parsed::Malformed(why) => Err(EventError::Malformed(why)),
        Parsed::Known(Body::Registered(_)) if e.id() != e.complaint() => Err(EventError::BadId("complaint")),
        Parsed::Known(body) => body.validate(),
    }
}

impl Event {
    /// [`validate_event`] on this event.
    pub fn validate(&self) -> Result<(), EventError> {
        validate_event(self)
    }
}

//! The rules a known payload must obey when it arrives from storage, a batch file or sync:
//! the same text, time, score and amount rules as the commands that make it. Rules that
//! depend on the state or the clock of the device that took the step (in the future, a
//! deadline already past, a department not configured here) are not applied: another device
//! accepted the event under its own state and clock.

use chrono::NaiveDateTime;

use super::errors::{optional, required, CommandError};
use super::event_rules::EventError;
use super::fields::FieldValue;
use super::ids::EventId;
use super::payload::{Body, Change, ImportSource, Registered, MAX_SOURCE_FILE_CHARS, MAX_SOURCE_ROW_CHARS};
use super::responsibility::{validate_shares, PartyOutcome};
use super::text::TextRule;
use super::time_range::is_accepted_date;

impl Body {
    /// Checks the payload with the commands' rules (see the module documentation).
    pub fn validate(&self) -> Result<(), EventError> {
        match self {
            Body::FieldsSet(f) if !f.changes.iter().all(|c| c.supersedes.iter().all(EventId::is_valid)) => Err(EventError::BadId("supersedes")),
            Body::Transition(t) if !t.supersedes.iter().all(EventId::is_valid) => Err(EventError::BadId("supersedes")),
            _ => self.check().map_err(EventError::Payload),
        }
    }

    fn check(&self) -> Result<(), CommandError> {
        match self {
            Body::Registered(r) => registered(r),
            Body::FieldsSet(f) => {
                f.changes.iter().try_for_each(change)?;
                optional(&f.note, TextRule::NOTE, "note").map(drop)
            }
            Body::Transition(t) => {
                optional(&t.note, TextRule::NOTE, "note")?;
                if let Some(r) = &t.plan_response {
                    r.clone().validate()?;
                }
                if let Some(c) = &t.confirmation {
                    optional(&c.note, TextRule::NOTE, "note")?;
                }
                Ok(())
            }
            Body::Communication(c) => c.clone().validate().map(drop),
            Body::Progress(p) => p.clone().validate().map(drop),
            Body::Evidence(e) => e.clone().validate().map(drop),
            Body::Attachment(a) => a.clone().validate().map(drop),
            Body::StepPlanned(s) => s.clone().validate().map(drop),
            Body::StepClosed(c) => {
                required(&c.step, TextRule::NAME, "step")?;
                optional(&c.note, TextRule::NOTE, "note").map(drop)
            }
            Body::DeptRequested(r) => r.clone().validate().map(drop),
            Body::DeptReplied(r) => r.clone().validate().map(drop),
            Body::Survey(s) => s.clone().validate().map(drop),
            Body::Anonymised(a) => required(&a.reason, TextRule::multiline(500), "reason").map(drop),
        }
    }
}

fn registered(r: &Registered) -> Result<(), CommandError> {
    required(&r.number, TextRule::LINE, "number")?;
    required(&r.device_code, TextRule::line(16), "device_code")?;
    if !is_accepted_date(r.day) {
        return Err(CommandError::TimeOutOfRange("day"));
    }
    // A serial is printed with at most 9 digits (`number`).
    if !(1..=999_999_999).contains(&r.serial) {
        return Err(CommandError::Required("serial"));
    }
    r.source.as_ref().map_or(Ok(()), check_source)?;
    let issues = r.registration.issues_at_rest();
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CommandError::Invalid(issues))
    }
}

/// The recorded source of an imported complaint: a file name and a row key, both one line.
pub(super) fn check_source(source: &ImportSource) -> Result<(), CommandError> {
    required(&source.file, TextRule::line(MAX_SOURCE_FILE_CHARS), "source.file")?;
    required(&source.row, TextRule::line(MAX_SOURCE_ROW_CHARS), "source.row")?;
    Ok(())
}

fn change(c: &Change) -> Result<(), CommandError> {
    let name = |v: &str, field| required(v, TextRule::NAME, field).map(drop);
    match &c.value {
        FieldValue::Customer(v) => fields(v.issues()),
        // The registration's receipt time is not at hand: only the occurrence time's range.
        FieldValue::Incident(v) => fields(v.issues(NaiveDateTime::MAX)),
        FieldValue::RequestType(_) | FieldValue::Nature(_) | FieldValue::Urgency(_) => Ok(()),
        FieldValue::Classification(v) => {
            name(&v.type_key, "type")?;
            v.subtype.as_deref().map_or(Ok(()), |s| name(s, "subtype"))
        }
        FieldValue::Severity(v) => name(v, "severity"),
        FieldValue::Department(v) => name(v, "department"),
        FieldValue::Handler(v) => name(v, "handler"),
        FieldValue::Grade(g) => optional(&g.note, TextRule::NOTE, "note").map(drop),
        FieldValue::RootCause(v) => v.clone().validate().map(drop),
        FieldValue::Verification(v) => v.clone().validate().map(drop),
        FieldValue::Approval(v) => v.clone().validate().map(drop),
        FieldValue::Suggestion(v) => v.clone().validate().map(drop),
        FieldValue::Shares(v) => validate_shares(v).map(drop),
        FieldValue::Arbitration(v) => v.clone().validate().map(drop),
        FieldValue::Outcomes(v) => v.iter().try_for_each(outcome),
        FieldValue::CaseSummary(v) => v.clone().validate().map(drop),
    }
}

fn outcome(o: &PartyOutcome) -> Result<(), CommandError> {
    required(&o.party, TextRule::NAME, "party")?;
    optional(&o.note, TextRule::NOTE, "note").map(drop)
}

fn fields(issues: Vec<super::intake::FieldIssue>) -> Result<(), CommandError> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CommandError::Invalid(issues))
    }
}

//! The folded state of one complaint and the questions the UI asks of it. Built only by
//! `fold::fold`; see there for why it is the same on every device.

use serde::Serialize;
use std::collections::BTreeMap;

use super::classify::{Classification, Urgency};
use super::communication::{CommEntry, ProgressUpdate};
use super::config::DomainConfig;
use super::fields::{FieldKey, FieldValue};
use super::hlc::Hlc;
use super::ids::{ComplaintId, EventId};
use super::intake::{Customer, Incident, Nature, RequestType};
use super::investigation::Evidence;
use super::payload::{Anonymised, Attachment, Registered, Transition};
use super::plan::{PlanStep, StepClosed, StepOutcome};
use super::mvreg::{Register, Write};
use super::responsibility::{DeptReply, DeptRequest};
use super::retention::anonymise_customer;
use super::survey::Survey;
use super::workflow::{Status, TransitionCause};

/// A value with the event that recorded it (全程留痕: who, when, on which device).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stamped<T> {
    pub id: EventId,
    /// Orders it among the complaint's events.
    pub hlc: Hlc,
    /// When the step was taken, by its device's clock (`Event::at_ms`).
    pub at_ms: i64,
    pub actor: String,
    pub device: String,
    pub value: T,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepState {
    pub step: Stamped<PlanStep>,
    /// Every close recorded (normally one; concurrent closes are all kept).
    pub closes: Vec<Stamped<StepClosed>>,
}

impl StepState {
    pub fn outcome(&self) -> Option<StepOutcome> {
        self.closes.first().map(|c| c.value.outcome)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeptRequestState {
    pub request: Stamped<DeptRequest>,
    pub replies: Vec<Stamped<DeptReply>>,
}

/// Why an event could not be read fully.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Unreadable {
    /// Unknown kind or newer version: a newer app is needed.
    Newer,
    Malformed(String),
    /// Refers to a plan step or request this device has not seen.
    Orphan,
    /// A second `registered` event for the complaint.
    DuplicateRegistration,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrailEntry {
    pub id: EventId,
    pub hlc: Hlc,
    /// When the step was taken, by its device's clock (`Event::at_ms`): the time to show.
    pub at_ms: i64,
    pub actor: String,
    pub device: String,
    pub kind: String,
}

/// A field whose concurrent values wait for a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub field: FieldKey,
    /// Every concurrent value's event id, oldest first; the winner is last.
    pub candidates: Vec<EventId>,
    pub winner: EventId,
}

/// The state of one complaint.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ComplaintState {
    pub id: ComplaintId,
    pub registered: Option<Stamped<Registered>>,
    pub fields: BTreeMap<FieldKey, Register<FieldValue>>,
    pub status_register: Register<Transition>,
    pub communications: Vec<Stamped<CommEntry>>,
    pub progress: Vec<Stamped<ProgressUpdate>>,
    pub evidence: Vec<Stamped<Evidence>>,
    pub attachments: Vec<Stamped<Attachment>>,
    pub steps: Vec<StepState>,
    pub dept_requests: Vec<DeptRequestState>,
    pub surveys: Vec<Stamped<Survey>>,
    pub anonymised: Option<Stamped<Anonymised>>,
    /// Events kept but not (fully) understood, with the reason.
    pub unreadable: Vec<(EventId, String, Unreadable)>,
    pub trail: Vec<TrailEntry>,
    /// The newest event in fold order: the `base` of the next command.
    pub last_event: Option<EventId>,
    pub max_hlc: Hlc,
}

macro_rules! field_getter {
    ($name:ident, $variant:ident, $t:ty) => {
        pub fn $name(&self) -> Option<&$t> {
            match self.fields.get(&FieldKey::$variant)?.value()? {
                FieldValue::$variant(v) => Some(v),
                _ => None,
            }
        }
    };
}

impl ComplaintState {
    pub fn is_registered(&self) -> bool {
        self.registered.is_some()
    }

    /// The current status (`None` before the `registered` event is known).
    pub fn status(&self) -> Option<Status> {
        self.registered.as_ref()?;
        Some(self.status_register.value().map(|t| t.to).unwrap_or(Status::Registered))
    }

    /// The complaint number.
    pub fn number(&self) -> Option<&str> {
        self.registered.as_ref().map(|r| r.value.number.as_str())
    }

    /// 首问负责人: fixed at registration, never changed.
    pub fn first_contact_owner(&self) -> Option<&str> {
        self.registered.as_ref().map(|r| r.value.registration.first_contact_owner.as_str())
    }

    /// The customer, anonymised once the complaint was anonymised.
    pub fn customer(&self) -> Option<Customer> {
        let c = match self.fields.get(&FieldKey::Customer)?.value()? {
            FieldValue::Customer(c) => c.clone(),
            _ => return None,
        };
        Some(if self.anonymised.is_some() { anonymise_customer(&c) } else { c })
    }

    field_getter!(incident, Incident, Incident);
    field_getter!(request_type, RequestType, RequestType);
    field_getter!(nature, Nature, Nature);
    field_getter!(classification, Classification, Classification);
    field_getter!(urgency, Urgency, Urgency);
    field_getter!(severity, Severity, String);
    field_getter!(department, Department, String);
    field_getter!(handler, Handler, String);
    field_getter!(grade, Grade, super::grading::GradeRecord);
    field_getter!(root_cause, RootCause, super::investigation::RootCause);
    field_getter!(verification, Verification, super::investigation::Verification);
    field_getter!(approval, Approval, super::plan::Approval);
    field_getter!(suggestion, Suggestion, super::plan::Suggestion);
    field_getter!(shares, Shares, Vec<super::responsibility::Share>);
    field_getter!(arbitration, Arbitration, super::responsibility::Ruling);
    field_getter!(outcomes, Outcomes, Vec<super::responsibility::PartyOutcome>);
    field_getter!(case_summary, CaseSummary, super::retention::CaseSummary);

    /// The register of a field (its full history and heads).
    pub fn field(&self, key: FieldKey) -> Option<&Register<FieldValue>> {
        self.fields.get(&key)
    }

    /// Every field with concurrent values waiting for a person, status included.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out: Vec<Conflict> = self
            .fields
            .iter()
            .filter(|(_, r)| r.in_conflict())
            .map(|(k, r)| Conflict { field: *k, candidates: r.head_ids(), winner: r.winner().map(|w| w.id.clone()).unwrap_or_default() })
            .collect();
        if self.status_register.in_conflict() {
            let w = self.status_register.winner().map(|w| w.id.clone()).unwrap_or_default();
            out.push(Conflict { field: FieldKey::Status, candidates: self.status_register.head_ids(), winner: w });
        }
        out
    }

    /// True when events from a newer app version are present.
    pub fn needs_newer_app(&self) -> bool {
        self.unreadable.iter().any(|(_, _, u)| *u == Unreadable::Newer)
    }

    /// Status history that led to the current status, oldest first.
    pub fn status_history(&self) -> Vec<&Write<Transition>> {
        self.status_register.chain()
    }

    /// Handling round: 1, plus one per reopen (二次处理) on the current history.
    pub fn round(&self) -> u32 {
        1 + self.status_history().iter().filter(|w| w.value.cause.starts_round()).count() as u32
    }

    /// The latest transition on the history with this cause.
    pub fn last_transition(&self, pred: impl Fn(&Transition) -> bool) -> Option<&Write<Transition>> {
        self.status_history().into_iter().rev().find(|w| pred(&w.value))
    }

    /// Steps planned since the current round started and not cancelled.
    pub fn current_steps(&self) -> Vec<&StepState> {
        let since = self.last_transition(|t| t.cause.starts_round()).map(|w| w.hlc);
        self.steps
            .iter()
            .filter(|s| since.is_none_or(|h| s.step.hlc > h) && s.outcome() != Some(StepOutcome::Cancelled))
            .collect()
    }

    /// Approved after the plan was last proposed.
    pub fn plan_approved(&self) -> bool {
        let proposed = self.last_transition(|t| t.cause == TransitionCause::ProposePlan).map(|w| w.hlc);
        let approval = self.fields.get(&FieldKey::Approval).and_then(|r| r.winner()).map(|w| w.hlc);
        matches!((proposed, approval), (Some(p), Some(a)) if a > p)
    }

    /// Verified after the current round started.
    pub fn verified(&self) -> bool {
        let since = self.last_transition(|t| t.cause.starts_round()).map(|w| w.hlc);
        let w = self.fields.get(&FieldKey::Verification).and_then(|r| r.winner());
        matches!(w, Some(w) if since.is_none_or(|h| w.hlc > h) && matches!(&w.value, FieldValue::Verification(v) if v.confirmed))
    }

    /// Failed outbound contact attempts since the complaint was last resolved.
    pub fn failed_attempts_since_resolved(&self) -> u32 {
        let since = self.last_transition(|t| t.to == Status::Resolved).map(|w| w.hlc);
        self.communications.iter().filter(|c| since.is_some_and(|h| c.hlc > h) && c.value.failed_attempt()).count() as u32
    }

    /// The 3-month re-survey of the latest closing is still to be done: the complaint is
    /// closed or archived (archiving does not cancel it) and no re-survey followed the closing.
    pub fn re_survey_pending(&self) -> bool {
        if !matches!(self.status(), Some(Status::Closed | Status::Archived)) || self.anonymised.is_some() {
            return false;
        }
        let closed = self.last_transition(|t| t.to == Status::Closed).map(|w| w.hlc);
        closed.is_some_and(|c| !self.surveys.iter().any(|s| s.value.re_survey && s.hlc > c))
    }

    /// Complex or escalated (needs a case summary; longer progress-update limit).
    pub fn is_complex(&self, config: &DomainConfig) -> bool {
        let rank = self.severity().and_then(|s| config.severity.get(s).ok()).map(|l| l.rank);
        super::retention::needs_case_summary(
            rank,
            self.nature().map(|n| n.seriousness),
            self.grade().is_some_and(|g| g.grade.is_complaint()),
            !self.dept_requests.is_empty(),
            self.round(),
        )
    }

    /// Classification shortcut for routing.
    pub fn routed_department(&self, config: &DomainConfig) -> Option<String> {
        self.department().cloned().or_else(|| self.classification().map(|c: &Classification| config.routing.route(c).to_string()))
    }

    /// The urgency, `Normal` until classified.
    pub fn urgency_or_default(&self) -> Urgency {
        self.urgency().copied().unwrap_or(Urgency::Normal)
    }
}

//! The command API: current state + command + context → new event(s), or a typed error.
//! Validation happens here, so an illegal command never becomes an event.

use serde::{Deserialize, Serialize};

use super::config::DomainConfig;
use super::device::DeviceIdentity;
use super::errors::{text, CommandError};
use super::event::{Event, NewEvent};
use super::fields::{FieldKey, FieldValue};
use super::hlc::Hlc;
use super::ids::EventId;
use super::intake::{Customer, Incident, Nature, Registration, RequestType};
use super::investigation::{Evidence, RootCause, Verification};
use super::payload::{Anonymised, Attachment, Body, Change, Confirmation, FieldsSet, Registered, Transition};
use super::plan::{Approval, PlanResponse, PlanStep, StepClosed, Suggestion};
use super::precheck::precheck;
use super::responsibility::{validate_outcomes, validate_shares, DeptReply, DeptRequest, PartyOutcome, Ruling, Share};
use super::retention::CaseSummary;
use super::state::ComplaintState;
use super::survey::Survey;
use super::time_range::check_ms;
use super::workflow::{CommandKind, Status, TransitionCause};
use super::{classify, communication, grading};

/// Who issues a command, where and when. The domain has no clock or randomness of its own.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub actor: &'a str,
    pub device_id: &'a str,
    pub device_code: &'a str,
    /// This device's last HLC value (persisted by the store).
    pub clock: Hlc,
    /// The device's wall clock, UTC ms: each new event's `at` (when the step was taken).
    pub now_ms: i64,
    /// Fresh random bytes for the event ids.
    pub random: [u8; 10],
    pub config: &'a DomainConfig,
}

impl<'a> Context<'a> {
    /// The context of a step taken on `device` by `actor` now.
    pub fn on(device: &'a DeviceIdentity, actor: &'a str, clock: Hlc, now_ms: i64, random: [u8; 10], config: &'a DomainConfig) -> Self {
        Context { actor, device_id: &device.id, device_code: &device.code, clock, now_ms, random, config }
    }
}

/// The result of a command: the new events (to append) and the device's new clock value.
#[derive(Debug, Clone)]
pub struct Issued {
    pub events: Vec<Event>,
    pub clock: Hlc,
}

/// Every command with its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// `serial`: this device's next serial for the business day (`fold::next_serial`).
    Register { registration: Registration, serial: u32 },
    /// A registration from an imported file (CSV import): the same rules as `Register`, with
    /// the file and row recorded on the `registered` event.
    RegisterImported { registration: Registration, serial: u32, source: super::payload::ImportSource },
    CorrectCustomer { customer: Customer },
    CorrectIncident { incident: Incident },
    Classify { classification: classify::Classification, urgency: classify::Urgency, severity: Option<String>, nature: Option<Nature>, request_type: Option<RequestType> },
    /// `None` routes by the routing table.
    Route { department: Option<String> },
    AssignHandler { handler: String },
    /// A manual grade overrides the bands (and is required without score or behaviour).
    Grade { score: Option<grading::Score>, behaviour: grading::Behaviour, manual: Option<grading::Grade>, note: String },
    StartInvestigation { note: String },
    AddEvidence { evidence: Evidence },
    AddAttachment { attachment: Attachment },
    RecordRootCause { root_cause: RootCause },
    RequestDepartment { request: DeptRequest },
    ReplyDepartment { reply: DeptReply },
    SetShares { shares: Vec<Share> },
    RecordArbitration { ruling: Ruling },
    RecordOutcomes { outcomes: Vec<PartyOutcome> },
    PlanStep { step: PlanStep },
    CloseStep { close: StepClosed },
    ProposePlan { note: String },
    ApprovePlan { approval: Approval },
    RecordSuggestion { suggestion: Suggestion },
    RespondToPlan { response: PlanResponse },
    RecordVerification { verification: Verification },
    MarkResolved { note: String },
    Wait { on_customer: bool, reason: String },
    Resume { note: String },
    LogCommunication { entry: communication::CommEntry },
    ProgressUpdate { update: communication::ProgressUpdate },
    ConfirmWithCustomer { resolved: bool, note: String },
    CloseAfterFailedContact { note: String },
    Reopen { reason: String },
    RecordSurvey { survey: Survey },
    RecordCaseSummary { summary: CaseSummary },
    Archive,
    Anonymise { reason: String },
    /// Keep one of a field's concurrent values (by the id of the event that wrote it).
    ResolveConflict { field: FieldKey, keep: EventId },
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        use Command as C;
        use CommandKind as K;
        match self {
            C::Register { .. } | C::RegisterImported { .. } => K::Register,
            C::CorrectCustomer { .. } => K::CorrectCustomer,
            C::CorrectIncident { .. } => K::CorrectIncident,
            C::Classify { .. } => K::Classify,
            C::Route { .. } => K::Route,
            C::AssignHandler { .. } => K::AssignHandler,
            C::Grade { .. } => K::Grade,
            C::StartInvestigation { .. } => K::StartInvestigation,
            C::AddEvidence { .. } => K::AddEvidence,
            C::AddAttachment { .. } => K::AddAttachment,
            C::RecordRootCause { .. } => K::RecordRootCause,
            C::RequestDepartment { .. } => K::RequestDepartment,
            C::ReplyDepartment { .. } => K::ReplyDepartment,
            C::SetShares { .. } => K::SetShares,
            C::RecordArbitration { .. } => K::RecordArbitration,
            C::RecordOutcomes { .. } => K::RecordOutcomes,
            C::PlanStep { .. } => K::PlanStep,
            C::CloseStep { .. } => K::CloseStep,
            C::ProposePlan { .. } => K::ProposePlan,
            C::ApprovePlan { .. } => K::ApprovePlan,
            C::RecordSuggestion { .. } => K::RecordSuggestion,
            C::RespondToPlan { .. } => K::RespondToPlan,
            C::RecordVerification { .. } => K::RecordVerification,
            C::MarkResolved { .. } => K::MarkResolved,
            C::Wait { .. } => K::Wait,
            C::Resume { .. } => K::Resume,
            C::LogCommunication { .. } => K::LogCommunication,
            C::ProgressUpdate { .. } => K::ProgressUpdate,
            C::ConfirmWithCustomer { .. } => K::ConfirmWithCustomer,
            C::CloseAfterFailedContact { .. } => K::CloseAfterFailedContact,
            C::Reopen { .. } => K::Reopen,
            C::RecordSurvey { .. } => K::RecordSurvey,
            C::RecordCaseSummary { .. } => K::RecordCaseSummary,
            C::Archive => K::Archive,
            C::Anonymise { .. } => K::Anonymise,
            C::ResolveConflict { .. } => K::ResolveConflict,
        }
    }
}

/// Validates `cmd` against `state` (None for a new complaint) and returns the new events.
pub fn execute(state: Option<&ComplaintState>, cmd: Command, ctx: &Context) -> Result<Issued, CommandError> {
    // A wall clock outside the accepted range would stamp absurd times on everything.
    check_ms(ctx.now_ms).map_err(|_| CommandError::ClockOutOfRange)?;
    precheck(state, cmd.kind(), ctx.config, ctx.now_ms)?;
    let bodies = match state.filter(|s| s.is_registered()) {
        None => match cmd {
            Command::Register { registration, serial } => vec![register(registration, serial, None, ctx)?],
            Command::RegisterImported { registration, serial, source } => vec![register(registration, serial, Some(source), ctx)?],
            _ => return Err(CommandError::NotRegistered),
        },
        Some(st) => super::command_rules::bodies(st, cmd, ctx)?,
    };
    emit(state, bodies, ctx)
}

fn register(registration: Registration, serial: u32, source: Option<super::payload::ImportSource>, ctx: &Context) -> Result<Body, CommandError> {
    let cal = &ctx.config.calendar;
    let registration = registration.validate(cal.local(ctx.now_ms)).map_err(CommandError::Invalid)?;
    let mask = ctx.config.mask().map_err(|_| CommandError::BadMask)?;
    let day = registration.received_at.date();
    let channel_code = ctx.config.channel_codes.code(registration.channel).to_string();
    let number = mask.format(day, &channel_code, ctx.device_code, serial.max(1));
    source.as_ref().map_or(Ok(()), super::payload_rules::check_source)?;
    Ok(Body::Registered(Registered { number, day, serial: serial.max(1), device_code: ctx.device_code.into(), registration, source }))
}

/// Turns payloads into events: ids from the HLC and randomness, HLCs after everything the
/// author had seen, `at` the device's wall clock, each event's base the one before it.
fn emit(state: Option<&ComplaintState>, bodies: Vec<Body>, ctx: &Context) -> Result<Issued, CommandError> {
    let mut clock = match state {
        Some(s) => ctx.clock.observe(s.max_hlc, ctx.now_ms),
        None => ctx.clock.tick(ctx.now_ms),
    };
    let mut base = state.and_then(|s| s.last_event.clone());
    let mut complaint = state.map(|s| s.id.clone());
    let mut events = Vec::new();
    for (i, body) in bodies.into_iter().enumerate() {
        if i > 0 {
            clock = clock.tick(ctx.now_ms);
        }
        // An absurd HLC seen on this complaint must not spread to new events.
        check_ms(clock.ms).map_err(|_| CommandError::ClockOutOfRange)?;
        let id = EventId::new(clock, ctx.random, i as u16);
        let complaint_id = complaint.get_or_insert_with(|| id.clone()).clone();
        let event = Event::build(NewEvent {
            id: id.clone(),
            complaint: complaint_id,
            device: ctx.device_id.into(),
            actor: ctx.actor.into(),
            hlc: clock,
            at: Some(ctx.now_ms),
            base: base.replace(id),
            kind: body.kind().into(),
            v: body.version(),
            payload: body.to_json().map_err(|_| CommandError::Encoding)?,
        })
        .map_err(|_| CommandError::Encoding)?;
        events.push(event);
    }
    Ok(Issued { events, clock })
}

/// A `fields_set` payload superseding each field's current values.
pub(crate) fn set_fields(st: &ComplaintState, values: Vec<FieldValue>, note: &str) -> Body {
    let changes = values
        .into_iter()
        .map(|v| Change { supersedes: st.field(v.key()).map(|r| r.head_ids()).unwrap_or_default(), value: v })
        .collect();
    Body::FieldsSet(FieldsSet { changes, note: note.trim().to_string() })
}

/// A `transition` payload superseding the current status values.
pub(crate) fn transition(st: &ComplaintState, to: Status, cause: TransitionCause, note: &str) -> Body {
    Body::Transition(transition_of(st, to, cause, note))
}

/// The transition itself, for callers that add details.
pub(crate) fn transition_of(st: &ComplaintState, to: Status, cause: TransitionCause, note: &str) -> Transition {
    Transition {
        from: st.status().unwrap_or(Status::Registered),
        to,
        cause,
        supersedes: st.status_register.head_ids(),
        note: note.trim().to_string(),
        resume_to: None,
        plan_response: None,
        confirmation: None,
    }
}

pub(crate) fn confirmation(resolved: bool, note: &str) -> Option<Confirmation> {
    Some(Confirmation { resolved, note: note.trim().to_string() })
}

pub(crate) fn anonymised(reason: &str) -> Result<Body, CommandError> {
    Ok(Body::Anonymised(Anonymised { reason: text(reason, 500, "reason")? }))
}

/// Validates shares for `SetShares`.
pub(crate) fn shares(s: &[Share]) -> Result<Vec<Share>, CommandError> {
    validate_shares(s)
}

/// Validates outcomes against the recorded shares.
pub(crate) fn outcomes(st: &ComplaintState, o: &[PartyOutcome]) -> Result<Vec<PartyOutcome>, CommandError> {
    validate_outcomes(o, st.shares().map(Vec::as_slice).unwrap_or(&[]))
}

//! The per-command rules: validate the command's data against the state and build payloads.

use super::command::{anonymised, confirmation, outcomes, set_fields, shares, transition, transition_of, Command, Context};
use super::communication::note;
use super::errors::{required, text, CommandError};
use super::intake::CLOCK_TOLERANCE;
use super::text::{tidy, TextRule};
use super::time_range::is_later_than;
use super::fields::{FieldKey, FieldValue};
use super::grading::{grade, GradeRecord};
use super::payload::{Body, Transition};
use super::state::ComplaintState;
use super::workflow::{Status, TransitionCause as Cause};

/// Payloads for a command on a registered complaint (preconditions already checked).
pub(crate) fn bodies(st: &ComplaintState, cmd: Command, ctx: &Context) -> Result<Vec<Body>, CommandError> {
    let cfg = ctx.config;
    let now_local = cfg.calendar.local(ctx.now_ms);
    let not_future = |t: chrono::NaiveDateTime| if is_later_than(t, now_local, CLOCK_TOLERANCE) { Err(CommandError::InFuture) } else { Ok(t) };
    let one = |b: Body| Ok(vec![b]);
    match cmd {
        Command::Register { .. } | Command::RegisterImported { .. } => Err(CommandError::AlreadyRegistered),
        Command::CorrectCustomer { mut customer } => {
            customer = checked_customer(customer)?;
            one(set_fields(st, vec![FieldValue::Customer(customer)], "correct"))
        }
        Command::CorrectIncident { mut incident } => {
            incident.tidy();
            let received = st.registered.as_ref().map(|r| r.value.registration.received_at).unwrap_or(now_local);
            let issues = incident.issues(received);
            if !issues.is_empty() {
                return Err(CommandError::Invalid(issues));
            }
            one(set_fields(st, vec![FieldValue::Incident(incident)], "correct"))
        }
        Command::Classify { classification, urgency, severity, nature, request_type } => {
            cfg.types.check(&classification)?;
            let mut values = vec![FieldValue::Urgency(urgency)];
            if let Some(s) = severity {
                cfg.severity.get(&s)?;
                values.push(FieldValue::Severity(s));
            }
            values.extend(nature.map(FieldValue::Nature));
            values.extend(request_type.map(FieldValue::RequestType));
            // Routing follows the type unless someone already chose a department by hand.
            if st.department().is_none() {
                values.push(FieldValue::Department(cfg.routing.route(&classification).to_string()));
            }
            values.insert(0, FieldValue::Classification(classification));
            let mut out = vec![set_fields(st, values, "classify")];
            if st.status() == Some(Status::Registered) {
                out.push(transition(st, Status::Classified, Cause::Classify, ""));
            }
            Ok(out)
        }
        Command::Route { department } => {
            let d = match department {
                Some(d) if cfg.routing.knows(&tidy(&d)) => tidy(&d),
                Some(d) => return Err(CommandError::UnknownDepartment(d)),
                None => cfg.routing.route(st.classification().ok_or(CommandError::NotClassified)?).to_string(),
            };
            one(set_fields(st, vec![FieldValue::Department(d)], "route"))
        }
        Command::AssignHandler { handler } => one(set_fields(st, vec![FieldValue::Handler(required(&handler, TextRule::NAME, "handler")?)], "assign")),
        Command::Grade { score, behaviour, manual, note: n } => {
            let (g, is_manual) = match manual {
                Some(g) => (g, true),
                None => (grade(score, behaviour, &cfg.grading)?, false),
            };
            let rec = GradeRecord { grade: g, score, behaviour, manual: is_manual, note: note(&n)? };
            one(set_fields(st, vec![FieldValue::Grade(rec)], "grade"))
        }
        Command::StartInvestigation { note: n } => one(transition(st, Status::Investigating, Cause::StartInvestigation, &note(&n)?)),
        Command::AddEvidence { evidence } => one(Body::Evidence(evidence.validate()?)),
        Command::AddAttachment { attachment } => one(Body::Attachment(attachment.validate()?)),
        Command::RecordRootCause { root_cause } => one(set_fields(st, vec![FieldValue::RootCause(root_cause.validate()?)], "")),
        Command::RequestDepartment { request } => {
            if !cfg.routing.knows(&tidy(&request.department)) {
                return Err(CommandError::UnknownDepartment(request.department));
            }
            let request = request.validate()?;
            if request.deadline.is_some_and(|d| d < now_local) {
                return Err(CommandError::DeadlineInPast);
            }
            one(Body::DeptRequested(request))
        }
        Command::ReplyDepartment { reply } => {
            let reply = reply.validate()?;
            let req = st.dept_requests.iter().find(|d| d.request.id.as_str() == reply.request).ok_or(CommandError::UnknownRequest)?;
            if !req.replies.is_empty() {
                return Err(CommandError::AlreadyReplied);
            }
            one(Body::DeptReplied(reply))
        }
        Command::SetShares { shares: s } => one(set_fields(st, vec![FieldValue::Shares(shares(&s)?)], "")),
        Command::RecordArbitration { ruling } => {
            let ruling = ruling.validate()?;
            let mut values = vec![FieldValue::Arbitration(ruling.clone())];
            values.extend(ruling.shares.map(FieldValue::Shares));
            one(set_fields(st, values, "arbitration"))
        }
        Command::RecordOutcomes { outcomes: o } => one(set_fields(st, vec![FieldValue::Outcomes(outcomes(st, &o)?)], "")),
        Command::PlanStep { step } => one(Body::StepPlanned(step.validate()?)),
        Command::CloseStep { mut close } => {
            let step = st.steps.iter().find(|s| s.step.id.as_str() == close.step).ok_or(CommandError::UnknownStep)?;
            if step.outcome().is_some() {
                return Err(CommandError::StepClosed);
            }
            close.note = note(&close.note)?;
            one(Body::StepClosed(close))
        }
        Command::ProposePlan { note: n } => one(transition(st, Status::PlanProposed, Cause::ProposePlan, &note(&n)?)),
        Command::ApprovePlan { approval } => {
            let approval = approval.validate()?;
            // The proposer is who recorded the plan's proposal of the current round.
            let proposer = st.last_transition(|t| t.to == Status::PlanProposed).map(|w| w.actor.as_str()).unwrap_or_default();
            approval.check_four_eyes(proposer)?;
            approval.check_role(&cfg.staff)?;
            one(set_fields(st, vec![FieldValue::Approval(approval)], "approve"))
        }
        Command::RecordSuggestion { suggestion } => one(set_fields(st, vec![FieldValue::Suggestion(suggestion.validate()?)], "")),
        Command::RespondToPlan { response } => {
            let response = response.validate()?;
            let (to, cause) = if response.accepted { (Status::PlanAccepted, Cause::CustomerAcceptedPlan) } else { (Status::Investigating, Cause::CustomerRejectedPlan) };
            with(transition_of(st, to, cause, ""), |t| t.plan_response = Some(response))
        }
        Command::RecordVerification { verification } => one(set_fields(st, vec![FieldValue::Verification(verification.validate()?)], "")),
        Command::MarkResolved { note: n } => one(transition(st, Status::Resolved, Cause::MarkResolved, &note(&n)?)),
        Command::Wait { on_customer, reason } => {
            let to = if on_customer { Status::WaitingOnCustomer } else { Status::WaitingOnThirdParty };
            let back = st.status();
            with(transition_of(st, to, Cause::Wait, &text(&reason, 500, "reason")?), |t| t.resume_to = back)
        }
        Command::Resume { note: n } => {
            let back = st.status_register.value().and_then(|t| t.resume_to).unwrap_or(Status::Investigating);
            one(transition(st, back, Cause::Resume, &note(&n)?))
        }
        Command::LogCommunication { entry } => {
            let entry = entry.validate()?;
            not_future(entry.at)?;
            one(Body::Communication(entry))
        }
        Command::ProgressUpdate { update } => one(Body::Progress(update.validate()?)),
        Command::ConfirmWithCustomer { resolved, note: n } => {
            let n = note(&n)?;
            let (to, cause) = if resolved { (Status::Closed, Cause::CustomerConfirmedResolved) } else { (Status::Investigating, Cause::CustomerSaysNotResolved) };
            with(transition_of(st, to, cause, &n), |t| t.confirmation = confirmation(resolved, &n))
        }
        Command::CloseAfterFailedContact { note: n } => one(transition(st, Status::Closed, Cause::CloseAfterFailedContact, &note(&n)?)),
        Command::Reopen { reason } => one(transition(st, Status::Investigating, Cause::Reopen, &text(&reason, 2000, "reason")?)),
        Command::RecordSurvey { survey } => {
            let survey = survey.validate()?;
            let status = st.status();
            if status == Some(Status::Archived) && !survey.re_survey {
                return Err(CommandError::Archived);
            }
            if survey.re_survey && !matches!(status, Some(Status::Closed | Status::Archived)) {
                return Err(CommandError::NotClosed);
            }
            one(Body::Survey(survey))
        }
        Command::RecordCaseSummary { summary } => one(set_fields(st, vec![FieldValue::CaseSummary(summary.validate()?)], "")),
        Command::Archive => one(transition(st, Status::Archived, Cause::Archive, "")),
        Command::Anonymise { reason } => one(anonymised(&reason)?),
        Command::ResolveConflict { field, keep } => resolve(st, field, &keep),
    }
}

fn with(mut t: Transition, f: impl FnOnce(&mut Transition)) -> Result<Vec<Body>, CommandError> {
    f(&mut t);
    Ok(vec![Body::Transition(t)])
}

/// Resolving a conflict is itself an event: a write of the kept value superseding every head.
fn resolve(st: &ComplaintState, field: FieldKey, keep: &super::ids::EventId) -> Result<Vec<Body>, CommandError> {
    if field == FieldKey::Status {
        let heads = st.status_register.heads();
        if heads.len() < 2 {
            return Err(CommandError::NoConflict);
        }
        let kept = heads.iter().find(|w| &w.id == keep).ok_or(CommandError::NotAConflictingValue)?;
        let resume_to = kept.value.resume_to;
        return with(transition_of(st, kept.value.to, Cause::ResolveConflict, ""), |t| t.resume_to = resume_to);
    }
    let reg = st.field(field).ok_or(CommandError::NoConflict)?;
    if !reg.in_conflict() {
        return Err(CommandError::NoConflict);
    }
    let kept = reg.heads().into_iter().find(|w| &w.id == keep).ok_or(CommandError::NotAConflictingValue)?;
    Ok(vec![set_fields(st, vec![kept.value.clone()], "resolve_conflict")])
}

/// A corrected customer, tidied and checked by the same rules as at registration.
fn checked_customer(mut c: super::intake::Customer) -> Result<super::intake::Customer, CommandError> {
    c.tidy();
    let issues = c.issues();
    if issues.is_empty() {
        Ok(c)
    } else {
        Err(CommandError::Invalid(issues))
    }
}

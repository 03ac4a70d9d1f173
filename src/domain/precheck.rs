//! Which commands are legal now: the status table of `workflow` plus the state-dependent
//! preconditions (a handler before investigating, approval before asking the customer, …).
//! The UI offers exactly `legal_commands`; `command::execute` runs the same checks.

use strum::IntoEnumIterator;
use super::config::DomainConfig;
use super::errors::CommandError;
use super::plan::StepOutcome;
use super::state::ComplaintState;
use super::workflow::{CommandKind, Status};

/// Checks everything about `kind` that does not depend on the command's data.
pub fn precheck(state: Option<&ComplaintState>, kind: CommandKind, config: &DomainConfig, now_ms: i64) -> Result<(), CommandError> {
    use CommandKind::*;
    let status = state.and_then(|s| s.status());
    if !kind.allowed_in(status) {
        return Err(match (state, status) {
            (Some(s), Some(_)) if kind == Register && s.is_registered() => CommandError::AlreadyRegistered,
            (_, None) => CommandError::NotRegistered,
            (_, Some(Status::Archived)) => CommandError::Archived,
            (_, Some(status)) => CommandError::IllegalTransition { command: kind, status },
        });
    }
    let Some(st) = state.filter(|s| s.is_registered()) else { return Ok(()) };
    if st.anonymised.is_some() {
        return Err(CommandError::Anonymised);
    }
    match kind {
        StartInvestigation if st.handler().is_none() => Err(CommandError::HandlerRequired),
        ProposePlan if !st.current_steps().iter().any(|s| s.step.value.is_remedy()) => Err(CommandError::PlanIncomplete),
        RespondToPlan if !st.plan_approved() => Err(CommandError::PlanNotApproved),
        MarkResolved if st.current_steps().iter().any(|s| s.step.value.is_remedy() && s.outcome() != Some(StepOutcome::Done)) => {
            Err(CommandError::StepsOpen)
        }
        MarkResolved if !st.verified() => Err(CommandError::NotVerified),
        CloseAfterFailedContact if st.failed_attempts_since_resolved() < config.failed_attempts_to_close => {
            Err(CommandError::NotEnoughAttempts { needed: config.failed_attempts_to_close, made: st.failed_attempts_since_resolved() })
        }
        CloseStep if st.steps.iter().all(|s| s.outcome().is_some()) => Err(CommandError::UnknownStep),
        ReplyDepartment if st.dept_requests.iter().all(|d| !d.replies.is_empty()) => Err(CommandError::UnknownRequest),
        RecordOutcomes if st.shares().is_none() => Err(CommandError::UnknownParty(String::new())),
        ResolveConflict if st.conflicts().is_empty() => Err(CommandError::NoConflict),
        // On an archived complaint only the pending re-survey may still be recorded.
        RecordSurvey if st.status() == Some(Status::Archived) && !st.re_survey_pending() => Err(CommandError::Archived),
        Archive if !st.conflicts().is_empty() => Err(CommandError::ConflictsPending),
        Archive if st.is_complex(config) && st.case_summary().is_none() => Err(CommandError::CaseSummaryRequired),
        Anonymise => {
            let archived = st.last_transition(|t| t.to == Status::Archived).filter(|_| st.status() == Some(Status::Archived));
            let cal = &config.calendar;
            // Counted from when it was archived on its device (`at`), not from its HLC, which
            // another device's fast clock may have pushed ahead.
            match archived {
                Some(w) if config.retention.is_due(cal.local(w.at_ms).date(), cal.local(now_ms).date()) => Ok(()),
                _ => Err(CommandError::RetentionNotDue),
            }
        }
        _ => Ok(()),
    }
}

/// The commands that may be issued now, in `CommandKind` declaration order.
pub fn legal_commands(state: Option<&ComplaintState>, config: &DomainConfig, now_ms: i64) -> Vec<CommandKind> {
    CommandKind::iter().filter(|k| precheck(state, *k, config, now_ms).is_ok()).collect()
}

//! Typed errors for every rejected command, each with a stable `code()` the UI translates.

use thiserror::Error;

use super::intake::FieldIssue;
use super::workflow::{CommandKind, Status};

/// Why a command was refused. Refused commands never become events.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommandError {
    #[error("some fields are invalid")]
    Invalid(Vec<FieldIssue>),
    #[error("{command:?} is not allowed while the complaint is {status:?}")]
    IllegalTransition { command: CommandKind, status: Status },
    #[error("the complaint is not registered on this device yet")]
    NotRegistered,
    #[error("the complaint is already registered")]
    AlreadyRegistered,
    #[error("the complaint is archived and read-only")]
    Archived,
    #[error("personal data of this complaint was anonymised")]
    Anonymised,
    #[error("the complaint must be classified first")]
    NotClassified,
    #[error("unknown complaint type {0}")]
    UnknownType(String),
    #[error("unknown sub-type {0}")]
    UnknownSubtype(String),
    #[error("unknown severity level {0}")]
    UnknownSeverity(String),
    #[error("unknown department {0}")]
    UnknownDepartment(String),
    #[error("a required text is empty: {0}")]
    Required(&'static str),
    #[error("a text is too long: {0}")]
    TooLong(&'static str),
    #[error("the score must be between 0 and 10 in steps of 0.1")]
    ScoreOutOfRange,
    #[error("without a score or an outside complaint a manager must grade by hand")]
    ManualGradeRequired,
    #[error("responsibility shares must sum to 100 (they sum to {0})")]
    SharesSum(u32),
    #[error("each responsible party may appear once, with a share from 1 to 100")]
    SharesInvalid,
    #[error("an outcome names a party that has no responsibility share")]
    UnknownParty(String),
    #[error("the plan needs at least one remedy step with an owner and a deadline")]
    PlanIncomplete,
    #[error("the plan must be approved before the customer is asked")]
    PlanNotApproved,
    #[error("a reason is required when the customer rejects the plan")]
    RejectReasonRequired,
    #[error("open remedy steps remain")]
    StepsOpen,
    #[error("the result must be verified before resolving")]
    NotVerified,
    #[error("unknown plan step")]
    UnknownStep,
    #[error("the plan step is already closed")]
    StepClosed,
    #[error("unknown cross-department request")]
    UnknownRequest,
    #[error("the cross-department request was already answered")]
    AlreadyReplied,
    #[error("the deadline lies before the time of the request")]
    DeadlineInPast,
    #[error("{needed} failed contact attempts are needed before closing without the customer ({made} made)")]
    NotEnoughAttempts { needed: u32, made: u32 },
    #[error("survey scores must be from 1 to 5")]
    SurveyScore,
    #[error("say whether the delay was explained to the customer")]
    ExplanationRequired,
    #[error("this complex or escalated case needs a case summary before archiving")]
    CaseSummaryRequired,
    #[error("the retention period has not ended yet")]
    RetentionNotDue,
    #[error("the field has no conflict to resolve")]
    NoConflict,
    #[error("the chosen value is not one of the conflicting values")]
    NotAConflictingValue,
    #[error("unknown template placeholder {{{0}}}")]
    UnknownPlaceholder(String),
    #[error("a '{{' in the template is never closed")]
    UnclosedPlaceholder,
    #[error("a named handler must be assigned first")]
    HandlerRequired,
    #[error("conflicting edits must be resolved first")]
    ConflictsPending,
    #[error("the time lies in the future")]
    InFuture,
    #[error("the re-survey is only done after closing")]
    NotClosed,
    #[error("the complaint number mask is invalid")]
    BadMask,
    #[error("the event could not be encoded")]
    Encoding,
}

impl CommandError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        use CommandError::*;
        match self {
            Invalid(_) => "invalid_fields",
            IllegalTransition { .. } => "illegal_transition",
            NotRegistered => "not_registered",
            AlreadyRegistered => "already_registered",
            Archived => "archived",
            Anonymised => "anonymised",
            NotClassified => "not_classified",
            UnknownType(_) => "unknown_type",
            UnknownSubtype(_) => "unknown_subtype",
            UnknownSeverity(_) => "unknown_severity",
            UnknownDepartment(_) => "unknown_department",
            Required(_) => "required",
            TooLong(_) => "too_long",
            ScoreOutOfRange => "score_out_of_range",
            ManualGradeRequired => "manual_grade_required",
            SharesSum(_) => "shares_sum",
            SharesInvalid => "shares_invalid",
            UnknownParty(_) => "unknown_party",
            PlanIncomplete => "plan_incomplete",
            PlanNotApproved => "plan_not_approved",
            RejectReasonRequired => "reject_reason_required",
            StepsOpen => "steps_open",
            NotVerified => "not_verified",
            UnknownStep => "unknown_step",
            StepClosed => "step_closed",
            UnknownRequest => "unknown_request",
            AlreadyReplied => "already_replied",
            DeadlineInPast => "deadline_in_past",
            NotEnoughAttempts { .. } => "not_enough_attempts",
            SurveyScore => "survey_score",
            ExplanationRequired => "explanation_required",
            CaseSummaryRequired => "case_summary_required",
            RetentionNotDue => "retention_not_due",
            NoConflict => "no_conflict",
            NotAConflictingValue => "not_a_conflicting_value",
            UnknownPlaceholder(_) => "unknown_placeholder",
            UnclosedPlaceholder => "unclosed_placeholder",
            HandlerRequired => "handler_required",
            ConflictsPending => "conflicts_pending",
            InFuture => "in_future",
            NotClosed => "not_closed",
            BadMask => "bad_mask",
            Encoding => "encoding",
        }
    }
}

/// Checks a required, length-limited text (already trimmed by the caller or here).
pub fn text(value: &str, max: usize, name: &'static str) -> Result<String, CommandError> {
    let v = value.trim();
    if v.is_empty() {
        Err(CommandError::Required(name))
    } else if v.chars().count() > max {
        Err(CommandError::TooLong(name))
    } else {
        Ok(v.to_string())
    }
}

/// Checks an optional, length-limited text.
pub fn optional_text(value: &str, max: usize, name: &'static str) -> Result<String, CommandError> {
    let v = value.trim();
    if v.chars().count() > max {
        Err(CommandError::TooLong(name))
    } else {
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_texts_checked() {
        assert_eq!(CommandError::SharesSum(90).code(), "shares_sum");
        assert_eq!(CommandError::SharesSum(90).to_string(), "responsibility shares must sum to 100 (they sum to 90)");
        assert_eq!(text("  a ", 5, "x"), Ok("a".into()));
        assert_eq!(text("  ", 5, "x"), Err(CommandError::Required("x")));
        assert_eq!(text("abcdef", 5, "x"), Err(CommandError::TooLong("x")));
        assert_eq!(optional_text(" ", 5, "x"), Ok(String::new()));
    }
}

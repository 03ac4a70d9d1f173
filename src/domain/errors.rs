//! Typed errors for every rejected command, each with a stable `code()` the UI translates.

use thiserror::Error;

use super::intake::FieldIssue;
use super::text::{self, TextError, TextRule};
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
    #[error("a text contains a control character: {0}")]
    ControlCharacter(&'static str),
    #[error("a text contains a bidirectional control character: {0}")]
    BidiControl(&'static str),
    #[error("a time lies outside the accepted range (1900-01-01 to 2200-01-01): {0}")]
    TimeOutOfRange(&'static str),
    #[error("the device clock or the complaint's history lies outside the accepted time range")]
    ClockOutOfRange,
    #[error("the amount is negative or too large")]
    AmountOutOfRange,
    #[error("the attachment is too large")]
    AttachmentTooLarge,
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
    #[error("the plan is approved by someone other than the person who proposed it")]
    ApproverIsProposer,
    #[error("the approver is not on the staff list")]
    ApproverNotStaff,
    #[error("the approver does not have the manager role")]
    ApproverNotManager,
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
            ControlCharacter(_) => "control_character",
            BidiControl(_) => "bidi_control",
            TimeOutOfRange(_) => "time_out_of_range",
            ClockOutOfRange => "clock_out_of_range",
            AmountOutOfRange => "amount_out_of_range",
            AttachmentTooLarge => "attachment_too_large",
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
            ApproverIsProposer => "approver_is_proposer",
            ApproverNotStaff => "approver_not_staff",
            ApproverNotManager => "approver_not_manager",
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

impl CommandError {
    /// The error for a text rule broken by the field `name`.
    pub fn of_text(e: TextError, name: &'static str) -> CommandError {
        match e {
            TextError::Required => CommandError::Required(name),
            TextError::TooLong => CommandError::TooLong(name),
            TextError::ControlCharacter => CommandError::ControlCharacter(name),
            TextError::BidiControl => CommandError::BidiControl(name),
        }
    }
}

/// A required text of field `name` under `rule` (see `text`), tidied.
pub fn required(value: &str, rule: TextRule, name: &'static str) -> Result<String, CommandError> {
    text::required(value, rule).map_err(|e| CommandError::of_text(e, name))
}

/// An optional text of field `name` under `rule`, tidied (empty when nothing visible).
pub fn optional(value: &str, rule: TextRule, name: &'static str) -> Result<String, CommandError> {
    text::optional(value, rule).map_err(|e| CommandError::of_text(e, name))
}

/// A business wall-clock time of field `name` inside the accepted range.
pub fn local_time(t: chrono::NaiveDateTime, name: &'static str) -> Result<chrono::NaiveDateTime, CommandError> {
    super::time_range::check_local(t).map_err(|_| CommandError::TimeOutOfRange(name))
}

/// Checks a required, length-limited (multi-line) text. Prefer [`required`] with a rule.
pub fn text(value: &str, max: usize, name: &'static str) -> Result<String, CommandError> {
    required(value, TextRule::multiline(max), name)
}

/// Checks an optional, length-limited (multi-line) text. Prefer [`optional`] with a rule.
pub fn optional_text(value: &str, max: usize, name: &'static str) -> Result<String, CommandError> {
    optional(value, TextRule::multiline(max), name)
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
        assert_eq!(required("a\u{202E}b", TextRule::NAME, "x").unwrap_err().code(), "bidi_control");
        assert_eq!(optional("a\u{1b}", TextRule::NOTE, "x"), Err(CommandError::ControlCharacter("x")));
    }
}

//! Errors of the use cases, each with a stable code the UI translates.

use thiserror::Error;

use crate::domain::errors::CommandError;
use crate::domain::intake::FieldIssue;
use crate::domain::settings::SettingsError;
use crate::store::events::CommitError;
use crate::store::StoreError;

/// Why a registration was not saved. Nothing is stored in any case.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegisterError {
    /// Field-level problems, keyed by the domain's field keys (`customer.name`, …).
    #[error("the form has invalid fields")]
    Invalid(Vec<FieldIssue>),
    /// The domain refused the command for another reason: its stable `code()`.
    #[error("the registration was refused: {0}")]
    Refused(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RegisterError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            RegisterError::Invalid(_) => "invalid_fields",
            RegisterError::Refused(code) => code,
            RegisterError::Store(e) => e.code(),
        }
    }
}

impl From<CommandError> for RegisterError {
    fn from(e: CommandError) -> Self {
        match e {
            CommandError::Invalid(issues) => RegisterError::Invalid(issues),
            other => RegisterError::Refused(other.code()),
        }
    }
}

impl From<CommitError> for RegisterError {
    fn from(e: CommitError) -> Self {
        match e {
            CommitError::Command(e) => e.into(),
            CommitError::Store(e) => RegisterError::Store(e),
        }
    }
}

/// Why a command on an existing complaint was not saved. Nothing is stored in any case.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActionError {
    /// The domain refused it (illegal in this status, unknown type, a required text empty, …).
    #[error("the command was refused: {0}")]
    Refused(CommandError),
    #[error("no such complaint on this device")]
    NotFound,
    #[error("the file is too large")]
    TooLarge,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ActionError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::Refused(e) => e.code(),
            ActionError::NotFound => "not_found",
            ActionError::TooLarge => "attachment_too_large",
            ActionError::Store(e) => e.code(),
        }
    }
}

impl ActionError {
    /// The form field the refusal is about (the domain's name for a required or too long
    /// text: `handler`, `reason`, …), so the UI can show it at that input.
    pub fn field(&self) -> Option<&'static str> {
        use CommandError as E;
        let ActionError::Refused(e) = self else { return None };
        Some(match e {
            E::Required(f) | E::TooLong(f) | E::ControlCharacter(f) | E::BidiControl(f) | E::TimeOutOfRange(f) => f,
            E::AmountOutOfRange => "amount",
            E::RejectReasonRequired => "reason",
            E::ApproverIsProposer | E::ApproverNotStaff | E::ApproverNotManager => "approver",
            E::ExplanationRequired => "explained",
            E::DeadlineInPast => "deadline",
            E::InFuture => "at",
            E::ScoreOutOfRange => "score",
            E::ManualGradeRequired => "manual",
            E::UnknownDepartment(_) => "department",
            E::SharesSum(_) | E::SharesInvalid => "shares",
            _ => return None,
        })
    }
}

impl ActionError {
    /// The field-level problems of a refused form (`invalid_fields`), if that is the refusal.
    pub fn issues(&self) -> &[FieldIssue] {
        match self {
            ActionError::Refused(CommandError::Invalid(list)) => list,
            _ => &[],
        }
    }
}

impl From<CommitError> for ActionError {
    fn from(e: CommitError) -> Self {
        match e {
            CommitError::Command(e) => ActionError::Refused(e),
            CommitError::Store(e) => ActionError::Store(e),
        }
    }
}

/// Why the settings were not saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsSaveError {
    #[error(transparent)]
    Invalid(#[from] SettingsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SettingsSaveError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            SettingsSaveError::Invalid(e) => e.code,
            SettingsSaveError::Store(e) => e.code(),
        }
    }

    /// The form field it is about, by the domain's name (`templates` for a template's body).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            SettingsSaveError::Invalid(e) => Some(e.field),
            SettingsSaveError::Store(_) => None,
        }
    }
}

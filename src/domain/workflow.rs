//! The closed-loop workflow (SPEC §2, §9, §10): statuses, every command, and which commands
//! each status allows. State-dependent preconditions (plan approved, attempts made …) are
//! checked in `precheck::precheck`; `precheck::legal_commands` combines both for the UI.

use serde::{Deserialize, Serialize};

/// Where a complaint is in the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    /// Received and registered (接收与记录).
    Registered,
    /// Type, urgency and department set (分类与紧急程度评估).
    Classified,
    /// Investigating (调查与核实); also where a reopened complaint goes (二次处理).
    Investigating,
    /// A plan was proposed and awaits approval and the customer's answer.
    PlanProposed,
    /// The customer accepted the plan; it is being executed.
    PlanAccepted,
    /// Waiting on the customer: clocks pause.
    WaitingOnCustomer,
    /// Waiting on a third party: clocks pause.
    WaitingOnThirdParty,
    /// Done on our side; awaiting the customer's confirmation (谁投诉谁关闭).
    Resolved,
    /// Closed on the customer's confirmation or after recorded failed contact attempts.
    Closed,
    /// Archived: read-only, kept for the retention period.
    Archived,
}

impl Status {
    /// Handling is under way (not waiting, not finished).
    pub fn is_active(self) -> bool {
        matches!(self, Status::Registered | Status::Classified | Status::Investigating | Status::PlanProposed | Status::PlanAccepted)
    }

    pub fn is_waiting(self) -> bool {
        matches!(self, Status::WaitingOnCustomer | Status::WaitingOnThirdParty)
    }

    /// Still open (not closed or archived).
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Archived)
    }
}

/// Every command, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CommandKind {
    Register,
    CorrectCustomer,
    CorrectIncident,
    Classify,
    Route,
    AssignHandler,
    Grade,
    StartInvestigation,
    AddEvidence,
    AddAttachment,
    RecordRootCause,
    RequestDepartment,
    ReplyDepartment,
    SetShares,
    RecordArbitration,
    RecordOutcomes,
    PlanStep,
    CloseStep,
    ProposePlan,
    ApprovePlan,
    RecordSuggestion,
    RespondToPlan,
    RecordVerification,
    MarkResolved,
    Wait,
    Resume,
    LogCommunication,
    ProgressUpdate,
    ConfirmWithCustomer,
    CloseAfterFailedContact,
    Reopen,
    RecordSurvey,
    RecordCaseSummary,
    Archive,
    Anonymise,
    ResolveConflict,
}

impl CommandKind {
    /// Does the status allow this command at all? (`None` = not registered yet.)
    pub fn allowed_in(self, status: Option<Status>) -> bool {
        use CommandKind::*;
        use Status::*;
        let Some(s) = status else { return self == Register };
        match self {
            Register => false,
            Anonymise => true,
            // Archived complaints are read-only, but archiving does not cancel the 3-month
            // re-survey (SPEC §7): it can still be recorded.
            RecordSurvey if s == Archived => true,
            _ if s == Archived => false,
            // Facts about the case and its people can be recorded until archiving.
            CorrectCustomer | CorrectIncident | Grade | AddAttachment | LogCommunication | SetShares | RecordArbitration
            | RecordOutcomes | ReplyDepartment | ResolveConflict | RecordCaseSummary => true,
            Classify | Route | AssignHandler | AddEvidence | RecordRootCause | RequestDepartment | PlanStep | CloseStep
            | RecordSuggestion | RecordVerification => s.is_active() || s.is_waiting(),
            ProgressUpdate => s.is_active() || s.is_waiting() || s == Resolved,
            StartInvestigation => s == Classified,
            ProposePlan => s == Investigating,
            ApprovePlan | RespondToPlan => s == PlanProposed,
            MarkResolved => s == PlanAccepted,
            Wait => s.is_active(),
            Resume => s.is_waiting(),
            ConfirmWithCustomer | CloseAfterFailedContact => s == Resolved,
            RecordSurvey => s == Resolved || s == Closed,
            Reopen | Archive => s == Closed,
        }
    }
}

/// What a status transition was for (stored in the `transition` event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TransitionCause {
    Classify,
    StartInvestigation,
    ProposePlan,
    CustomerAcceptedPlan,
    CustomerRejectedPlan,
    MarkResolved,
    Wait,
    Resume,
    CustomerConfirmedResolved,
    CustomerSaysNotResolved,
    CloseAfterFailedContact,
    Reopen,
    Archive,
    /// A person chose between concurrent transitions.
    ResolveConflict,
}

impl TransitionCause {
    /// Starts a new handling round (二次处理).
    pub fn starts_round(self) -> bool {
        matches!(self, TransitionCause::CustomerSaysNotResolved | TransitionCause::Reopen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn status_table() {
        use CommandKind::*;
        assert!(Register.allowed_in(None));
        assert!(!Classify.allowed_in(None));
        assert!(Classify.allowed_in(Some(Status::Registered)));
        assert!(!StartInvestigation.allowed_in(Some(Status::Registered)));
        assert!(StartInvestigation.allowed_in(Some(Status::Classified)));
        assert!(!MarkResolved.allowed_in(Some(Status::PlanProposed)));
        assert!(Resume.allowed_in(Some(Status::WaitingOnCustomer)));
        assert!(!Wait.allowed_in(Some(Status::WaitingOnCustomer)));
        assert!(ConfirmWithCustomer.allowed_in(Some(Status::Resolved)));
        assert!(!Archive.allowed_in(Some(Status::Resolved)));
        assert!(Reopen.allowed_in(Some(Status::Closed)));
        let archived: Vec<_> = CommandKind::iter().filter(|k| k.allowed_in(Some(Status::Archived))).collect();
        assert_eq!(archived, vec![RecordSurvey, Anonymise]);
        assert_eq!(CommandKind::iter().count(), 36);
    }
}

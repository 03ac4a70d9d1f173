//! The phases of the loop a step belongs to, so the complaint page groups the steps that are
//! not next by where they fall (issue #12: "group the rest by phase").

use serde::{Deserialize, Serialize};

use super::workflow::CommandKind;

/// A phase of the loop, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Phase {
    /// Classification, routing, the handler and the grade.
    Intake,
    /// Talking to the customer, waiting and progress updates.
    Contact,
    /// Evidence, root cause, other departments.
    Investigation,
    /// The plan, its approval, the customer's answer, its steps, verification.
    Plan,
    /// Confirmation, survey, summary, archive.
    Closing,
    /// Corrections, attachments and responsibility: records kept at any time.
    Records,
}

impl CommandKind {
    /// The phase this step belongs to.
    pub fn phase(self) -> Phase {
        use CommandKind::*;
        match self {
            Register | Classify | Route | AssignHandler | Grade => Phase::Intake,
            LogCommunication | ProgressUpdate | Wait | Resume => Phase::Contact,
            StartInvestigation | AddEvidence | RecordRootCause | RequestDepartment | ReplyDepartment => Phase::Investigation,
            PlanStep | CloseStep | ProposePlan | ApprovePlan | RecordSuggestion | RespondToPlan | RecordVerification | MarkResolved => Phase::Plan,
            ConfirmWithCustomer | CloseAfterFailedContact | Reopen | RecordSurvey | RecordCaseSummary | Archive => Phase::Closing,
            CorrectCustomer | CorrectIncident | AddAttachment | SetShares | RecordArbitration | RecordOutcomes | Anonymise | ResolveConflict => {
                Phase::Records
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keyed::Keyed;

    #[test]
    fn steps_fall_in_the_phase_a_clerk_looks_for_them() {
        assert_eq!(CommandKind::LogCommunication.phase(), Phase::Contact);
        assert_eq!(CommandKind::ApprovePlan.phase(), Phase::Plan);
        assert_eq!(CommandKind::Archive.phase(), Phase::Closing);
        // Every phase has steps.
        for p in Phase::all() {
            assert!(CommandKind::all().into_iter().any(|k| k.phase() == p), "{p:?}");
        }
    }
}

//! What to do next, decided once for every page (SPEC §2, §7): which legal steps are the
//! natural next ones, which commands stop which clock, and when a complaint's deadlines come
//! into view ("nearly due" is the clock's own warning share, not a fixed number of hours).

use serde::{Deserialize, Serialize};

use super::config::DomainConfig;
use super::precheck::legal_commands;
use super::sla::{ClockKind, ClockState, ClockView};
use super::state::ComplaintState;
use super::workflow::{CommandKind, Status};

/// The commands whose event stops a clock of this kind.
pub fn stopped_by(kind: ClockKind) -> &'static [CommandKind] {
    use CommandKind::*;
    match kind {
        ClockKind::Registration => &[Register],
        ClockKind::FirstContact => &[LogCommunication],
        ClockKind::InitialPlan => &[ProposePlan],
        ClockKind::Resolution => &[MarkResolved],
        ClockKind::ProgressUpdate => &[ProgressUpdate, MarkResolved],
        ClockKind::SatisfactionFollowUp => &[RecordSurvey, ConfirmWithCustomer, CloseAfterFailedContact],
        ClockKind::LongTermFollowUp => &[RecordSurvey],
        ClockKind::DepartmentReply => &[ReplyDepartment],
    }
}

/// A complaint's deadlines as lists show them: the earliest due time of a running clock and
/// the instant the first running clock enters its warning (never later than `due_ms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Deadline {
    pub due_ms: Option<i64>,
    pub warn_ms: Option<i64>,
    /// The clock that is due first, to name it ("First contact due in 6 h").
    #[serde(default)]
    pub kind: Option<ClockKind>,
}

/// Where a deadline stands at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// No running clock with a due time.
    None,
    /// Due in this many ms, not yet in warning.
    Later(i64),
    /// In warning ("nearly due"): due in this many ms.
    Soon(i64),
    /// Overdue by this many ms.
    Overdue(i64),
}

impl Deadline {
    /// The deadline of evaluated clocks: stopped ones do not count.
    pub fn of(clocks: &[ClockView]) -> Deadline {
        let running = || clocks.iter().filter(|c| c.instance.stop.is_none());
        let first = running().filter_map(|c| c.due.map(|d| (d, c.instance.kind))).min();
        let due_ms = first.map(|f| f.0);
        let warn_ms = running().filter_map(|c| c.warn_at.or(c.due)).min();
        Deadline { due_ms, warn_ms: warn_ms.map(|w| due_ms.map_or(w, |d| w.min(d))), kind: first.map(|f| f.1) }
    }

    /// Where the deadline stands at `now_ms` (the list evaluates stored deadlines with this).
    pub fn state_at(&self, now_ms: i64) -> DueState {
        match self.due_ms {
            None => DueState::None,
            Some(d) if d < now_ms => DueState::Overdue(now_ms - d),
            Some(d) if self.warn_ms.is_some_and(|w| w <= now_ms) => DueState::Soon(d - now_ms),
            Some(d) => DueState::Later(d - now_ms),
        }
    }
}

impl ComplaintState {
    /// The complaint's deadline at `now_ms` (see [`Deadline`]).
    pub fn deadline(&self, config: &DomainConfig, now_ms: i64) -> Deadline {
        Deadline::of(&self.clocks(config, now_ms))
    }

    /// A running clock is overdue: the customer is owed a progress update with the reason.
    pub fn is_late(&self, config: &DomainConfig, now_ms: i64) -> bool {
        self.clocks(config, now_ms).iter().any(|c| c.state == ClockState::Overdue)
    }

    /// A satisfaction survey is still to be done for the current round: it is resolved (or
    /// closed) and no survey was recorded since it was last resolved.
    fn survey_due(&self) -> bool {
        let resolved = self.last_transition(|t| t.to == Status::Resolved).map(|w| w.hlc);
        matches!(self.status(), Some(Status::Resolved | Status::Closed))
            && resolved.is_some_and(|r| !self.surveys.iter().any(|s| !s.value.re_survey && s.hlc > r))
    }
}

/// The one next step to put first and large: the next step that stops the running clock due
/// soonest (for an urgent complaint whose first-contact clock runs, logging the contact), else
/// the first of `next`.
pub fn most_pressing(state: &ComplaintState, config: &DomainConfig, now_ms: i64, next: &[CommandKind]) -> Option<CommandKind> {
    let mut running: Vec<(i64, ClockKind)> =
        state.clocks(config, now_ms).iter().filter(|c| c.instance.stop.is_none()).filter_map(|c| c.due.map(|d| (d, c.instance.kind))).collect();
    crate::domain::sort::sort(&mut running);
    running.iter().find_map(|(_, kind)| stopped_by(*kind).iter().copied().find(|k| next.contains(k))).or_else(|| next.first().copied())
}

/// The legal steps that are the natural next thing to do now, in `CommandKind` declaration order:
/// the step the loop is waiting for, and the steps that stop a clock in warning or overdue
/// (a running first-contact clock always: the customer is called first). Every other legal
/// step is still offered, just not as "next".
pub fn next_steps(state: &ComplaintState, config: &DomainConfig, now_ms: i64) -> Vec<CommandKind> {
    use CommandKind::*;
    let clocks = state.clocks(config, now_ms);
    let status = state.status();
    let late = clocks.iter().any(|c| c.state == ClockState::Overdue);
    let pressing = |k: CommandKind| {
        clocks.iter().filter(|c| c.instance.stop.is_none()).any(|c| {
            let urgent = c.instance.kind == ClockKind::FirstContact || matches!(c.state, ClockState::Warning | ClockState::Overdue);
            urgent && stopped_by(c.instance.kind).contains(&k)
        })
    };
    let by_flow = |k: CommandKind| match k {
        Classify => status == Some(Status::Registered),
        AssignHandler => state.handler().is_none(),
        StartInvestigation | ProposePlan | RespondToPlan | MarkResolved | Resume | ConfirmWithCustomer | CloseAfterFailedContact
        | Archive => true,
        ApprovePlan => !state.plan_approved(),
        PlanStep => status == Some(Status::Investigating) && state.current_steps().is_empty(),
        CloseStep => status == Some(Status::PlanAccepted),
        RecordVerification => status == Some(Status::PlanAccepted) && !state.verified(),
        ProgressUpdate => late,
        LogCommunication => status == Some(Status::Resolved),
        RecordSurvey => state.survey_due(),
        RecordCaseSummary => status == Some(Status::Closed) && state.is_complex(config) && state.case_summary().is_none(),
        _ => false,
    };
    legal_commands(Some(state), config, now_ms).into_iter().filter(|k| by_flow(*k) || pressing(*k)).collect()
}

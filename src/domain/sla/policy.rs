//! The clock table of SPEC §7 and its presets: seed 000 (default), 002 and 004.

use serde::{Deserialize, Serialize};

use super::Span;
use crate::domain::classify::Urgency;

/// Every SLA clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ClockKind {
    /// Receipt → registration/acceptance (seed 004).
    Registration,
    /// Receipt → the handler's first contact with the customer (seed 002).
    FirstContact,
    /// Receipt → initial plan / complaint handling opinion (seed 002).
    InitialPlan,
    /// Round start → resolved, by urgency (seed 000). Each reopened round has its own.
    Resolution,
    /// Round start → a progress update with reason and new ETA when running late (seed 002/003).
    ProgressUpdate,
    /// Resolved → satisfaction follow-up (seed 000).
    SatisfactionFollowUp,
    /// Closed → re-survey of the original complainant (seed 003).
    LongTermFollowUp,
    /// Cross-department request → reply (seed 003, or the request's own deadline).
    DepartmentReply,
}

impl ClockKind {
    /// Waiting on the customer or a third party pauses these clocks. Registration is ours alone,
    /// the long-term follow-up runs after closing, and departments owe replies regardless.
    pub fn pausable(self) -> bool {
        !matches!(self, ClockKind::Registration | ClockKind::LongTermFollowUp | ClockKind::DepartmentReply)
    }

    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            ClockKind::Registration => "registration",
            ClockKind::FirstContact => "first_contact",
            ClockKind::InitialPlan => "initial_plan",
            ClockKind::Resolution => "resolution",
            ClockKind::ProgressUpdate => "progress_update",
            ClockKind::SatisfactionFollowUp => "satisfaction_follow_up",
            ClockKind::LongTermFollowUp => "long_term_follow_up",
            ClockKind::DepartmentReply => "department_reply",
        }
    }
}

/// The time limits. See the module documentation of `sla` for working vs calendar time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaPolicy {
    pub key: String,
    pub registration: Span,
    pub first_contact: Span,
    pub first_contact_urgent: Span,
    /// Complaint handling opinion (投诉处理意见).
    pub initial_plan_complaint: Span,
    /// Initial plan for a complex case that is not a complaint.
    pub initial_plan_complex: Span,
    pub resolution_urgent: Span,
    pub resolution_normal: Span,
    pub resolution_low: Span,
    pub progress_routine: Span,
    pub progress_complex: Span,
    pub satisfaction_follow_up: Span,
    pub long_term_follow_up: Span,
    pub department_reply: Span,
    /// Warn when this share (per mille) of a clock's time is used: 800 = 80 %.
    pub warning_permille: u16,
}

impl Default for SlaPolicy {
    /// Seed 000 with the SPEC §7 table.
    fn default() -> Self {
        SlaPolicy {
            key: "seed_000".into(),
            registration: Span::CalendarHours(24),
            first_contact: Span::WorkingHours(1),
            first_contact_urgent: Span::CalendarMinutes(15),
            initial_plan_complaint: Span::WorkingHours(4),
            initial_plan_complex: Span::WorkingHours(2),
            resolution_urgent: Urgency::Urgent.default_resolution(),
            resolution_normal: Urgency::Normal.default_resolution(),
            resolution_low: Urgency::Low.default_resolution(),
            progress_routine: Span::WorkingHours(2),
            progress_complex: Span::CalendarHours(24),
            satisfaction_follow_up: Span::WorkingDays(2),
            long_term_follow_up: Span::CalendarMonths(3),
            department_reply: Span::CalendarDays(5),
            warning_permille: 800,
        }
    }
}

impl SlaPolicy {
    /// Seed 002 (standard service process): the satisfaction survey is done within 2 hours
    /// after the service ends; everything else as the default table.
    pub fn seed_002() -> Self {
        SlaPolicy { key: "seed_002".into(), satisfaction_follow_up: Span::WorkingHours(2), ..SlaPolicy::default() }
    }

    /// Seed 004 (after-sales manual): acceptance within 24 h, response within 24 h, handling
    /// within 3–7 working days (normal 3, low 7).
    pub fn seed_004() -> Self {
        SlaPolicy {
            key: "seed_004".into(),
            first_contact: Span::CalendarHours(24),
            first_contact_urgent: Span::CalendarHours(24),
            resolution_low: Span::WorkingDays(7),
            ..SlaPolicy::default()
        }
    }

    /// The resolution limit for an urgency.
    pub fn resolution(&self, u: Urgency) -> Span {
        match u {
            Urgency::Urgent => self.resolution_urgent,
            Urgency::Normal => self.resolution_normal,
            Urgency::Low => self.resolution_low,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_differ_where_the_seeds_do() {
        let d = SlaPolicy::default();
        assert_eq!(d.resolution(Urgency::Normal), Span::WorkingDays(3));
        assert_eq!(d.resolution(Urgency::Urgent), Span::CalendarHours(24));
        assert_eq!(SlaPolicy::seed_002().satisfaction_follow_up, Span::WorkingHours(2));
        assert_eq!(SlaPolicy::seed_004().resolution(Urgency::Low), Span::WorkingDays(7));
        assert!(!ClockKind::Registration.pausable());
        assert!(ClockKind::Resolution.pausable());
    }
}

//! The plan (制定方案与执行, SPEC §6): remedy and prevention steps each with a named owner and a
//! deadline, department approval, the complainant's suggestion, and the customer's acceptance
//! or rejection with a reason.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::errors::{local_time, optional, required, CommandError};
use super::text::TextRule;
use super::staff::{find, same_name, Role, StaffMember};

/// The largest compensation or refund amount accepted: ¥10,000,000,000.00 in cents. Far above any
/// real case; it keeps sums of amounts (reports, exports) from overflowing.
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000_000_000;

/// Kinds of remedy (补救措施), in the order forms offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RemedyKind {
    Repair,
    Exchange,
    Return,
    Refund,
    Apology,
    Compensation,
    Explanation,
    Visit,
    Other,
}

/// Remedy for the customer, or prevention for the process (预防措施).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "remedy")]
pub enum StepKind {
    Remedy(RemedyKind),
    Prevention,
}

/// One plan step: concrete text, one named owner, a deadline (business time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanStep {
    #[serde(flatten)]
    pub kind: StepKind,
    pub text: String,
    pub owner: String,
    pub deadline: NaiveDateTime,
    /// Compensation or refund amount in cents (分).
    pub amount_cents: Option<i64>,
}

impl PlanStep {
    pub fn validate(self) -> Result<PlanStep, CommandError> {
        if self.amount_cents.is_some_and(|a| !(0..=MAX_AMOUNT_CENTS).contains(&a)) {
            return Err(CommandError::AmountOutOfRange);
        }
        Ok(PlanStep {
            text: required(&self.text, TextRule::NOTE, "step")?,
            owner: required(&self.owner, TextRule::NAME, "owner")?,
            deadline: local_time(self.deadline, "deadline")?,
            ..self
        })
    }

    pub fn is_remedy(&self) -> bool {
        matches!(self.kind, StepKind::Remedy(_))
    }
}

/// Parses a money amount typed in yuan (`1200`, `99.5`, `0,05`) into cents (分); `None` for
/// anything else (negative, more than two decimals, not a number).
pub fn parse_yuan(value: &str) -> Option<i64> {
    let v = value.trim().replace(',', ".");
    let (whole, frac) = v.split_once('.').unwrap_or((&v, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || frac.len() > 2 || !digits(frac) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    whole.checked_mul(100)?.checked_add(frac)
}

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum StepOutcome {
    Done,
    Cancelled,
}

/// Closing a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepClosed {
    /// The id of the `step_planned` event.
    pub step: String,
    pub outcome: StepOutcome,
    pub note: String,
}

/// The department's approval of the plan (审核).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub approver: String,
    pub note: String,
}

impl Approval {
    pub fn validate(self) -> Result<Approval, CommandError> {
        Ok(Approval { approver: required(&self.approver, TextRule::NAME, "approver")?, note: optional(&self.note, TextRule::NOTE, "note")? })
    }

    /// Four eyes (issue #12): the plan is approved by someone other than who proposed it.
    /// Names compare as people write them: case and runs of blanks do not matter.
    pub fn check_four_eyes(&self, proposer: &str) -> Result<(), CommandError> {
        if !proposer.trim().is_empty() && same_name(proposer, &self.approver) {
            return Err(CommandError::ApproverIsProposer);
        }
        Ok(())
    }

    /// Roles (issue #12): when the desk has a staff list, the approver is on it with the
    /// manager role. A desk without a staff list names people freely, as before. Only commands
    /// taken on this device are judged: events from other devices are not re-judged by role
    /// (their rules may differ, and the record of what happened is kept as it happened).
    pub fn check_role(&self, staff: &[StaffMember]) -> Result<(), CommandError> {
        if staff.is_empty() {
            return Ok(());
        }
        match find(staff, &self.approver) {
            None => Err(CommandError::ApproverNotStaff),
            Some(m) if !m.has(Role::Manager) => Err(CommandError::ApproverNotManager),
            Some(_) => Ok(()),
        }
    }
}

/// The complainant's time limit for handling (处理时限).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeLimit {
    SameDay,
    ThreeDays,
    Days(u16),
}

/// The complainant's suggested handling (投诉处理意见).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub handling: String,
    pub time_limit: TimeLimit,
}

impl Suggestion {
    pub fn validate(self) -> Result<Suggestion, CommandError> {
        Ok(Suggestion { handling: required(&self.handling, TextRule::NOTE, "handling")?, ..self })
    }
}

/// The customer accepts (接受理由) or rejects (不接受理由) the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanResponse {
    pub accepted: bool,
    pub reason: String,
}

impl PlanResponse {
    pub fn validate(self) -> Result<PlanResponse, CommandError> {
        let reason = optional(&self.reason, TextRule::NOTE, "reason")?;
        if !self.accepted && reason.is_empty() {
            return Err(CommandError::RejectReasonRequired);
        }
        Ok(PlanResponse { reason, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_not_approved_by_its_proposer() {
        let by = |name: &str| Approval { approver: name.into(), note: String::new() };
        assert_eq!(by("Li Na").check_four_eyes("Li Na"), Err(CommandError::ApproverIsProposer));
        assert_eq!(by("  li   na ").check_four_eyes("Li Na"), Err(CommandError::ApproverIsProposer));
        assert_eq!(by("Manager Sun").check_four_eyes("Li Na"), Ok(()));
        // A proposal recorded without a name (older data) does not block the approval.
        assert_eq!(by("Manager Sun").check_four_eyes(""), Ok(()));
    }

    #[test]
    fn a_plan_is_approved_by_a_manager_on_the_staff_list() {
        let by = |name: &str| Approval { approver: name.into(), note: String::new() };
        let staff = vec![StaffMember::new("Li Na", &[Role::Clerk, Role::Handler]), StaffMember::new("Manager Sun", &[Role::Manager])];
        assert_eq!(by("li na").check_role(&staff), Err(CommandError::ApproverNotManager));
        assert_eq!(by("Zhao").check_role(&staff), Err(CommandError::ApproverNotStaff));
        assert_eq!(by("manager  sun").check_role(&staff), Ok(()));
        assert_eq!(by("Zhao").check_role(&[]), Ok(()), "no staff list: names are free");
    }

    #[test]
    fn amounts_in_yuan_become_cents() {
        assert_eq!(parse_yuan("1200"), Some(120_000));
        assert_eq!(parse_yuan(" 99.5 "), Some(9_950));
        assert_eq!(parse_yuan("0,05"), Some(5));
        assert_eq!(parse_yuan("-1"), None);
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan(""), None);
        assert_eq!(parse_yuan("99999999999999999999"), None);
    }
    use chrono::NaiveDate;

    #[test]
    fn steps_need_owner_and_text_and_serialize_flat() {
        let deadline = NaiveDate::from_ymd_opt(2023, 10, 9).unwrap().and_hms_opt(18, 0, 0).unwrap();
        let step = PlanStep {
            kind: StepKind::Remedy(RemedyKind::Visit),
            text: "3天内安排工程师上门检测".into(),
            owner: " 售后主管王工 ".into(),
            deadline,
            amount_cents: None,
        };
        let ok = step.clone().validate().unwrap();
        assert_eq!(ok.owner, "售后主管王工");
        let json = serde_json::to_string(&ok).unwrap();
        assert!(json.starts_with(r#"{"kind":"remedy","remedy":"visit","text":"#), "{json}");
        assert_eq!(serde_json::from_str::<PlanStep>(&json).unwrap(), ok);
        let prevention = PlanStep { kind: StepKind::Prevention, ..ok.clone() };
        assert_eq!(serde_json::from_str::<PlanStep>(&serde_json::to_string(&prevention).unwrap()).unwrap(), prevention);
        assert_eq!(PlanStep { owner: " ".into(), ..step.clone() }.validate(), Err(CommandError::Required("owner")));
        assert_eq!(PlanStep { owner: "王\u{202E}工".into(), ..step.clone() }.validate(), Err(CommandError::BidiControl("owner")));
        assert_eq!(PlanStep { amount_cents: Some(-1), ..step.clone() }.validate(), Err(CommandError::AmountOutOfRange));
        assert_eq!(PlanStep { amount_cents: Some(MAX_AMOUNT_CENTS + 1), ..step.clone() }.validate(), Err(CommandError::AmountOutOfRange));
        let ancient = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap().and_hms_opt(18, 0, 0).unwrap();
        assert_eq!(PlanStep { deadline: ancient, ..step }.validate(), Err(CommandError::TimeOutOfRange("deadline")));
    }

    #[test]
    fn rejection_needs_a_reason() {
        assert_eq!(PlanResponse { accepted: false, reason: " ".into() }.validate(), Err(CommandError::RejectReasonRequired));
        assert!(PlanResponse { accepted: true, reason: "".into() }.validate().is_ok());
    }
}

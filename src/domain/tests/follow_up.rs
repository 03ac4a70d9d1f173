//! SPEC §7 after closing, through commands, events and the fold: archiving does not cancel the
//! 3-month re-survey, a reopen cancels the earlier closing's re-survey, and no clock is left
//! running that no legal command can stop (it would keep the complaint overdue for ever).

use chrono::NaiveDateTime;

use super::{local, Device};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::communication::{CommEntry, ContactResult, Direction};
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::ids::ComplaintId;
use crate::domain::intake::tests::example;
use crate::domain::intake::Registration;
use crate::domain::investigation::Verification;
use crate::domain::next_steps::stopped_by;
use crate::domain::plan::{Approval, PlanResponse, PlanStep, RemedyKind, StepClosed, StepKind, StepOutcome};
use crate::domain::precheck::legal_commands;
use crate::domain::responsibility::DeptRequest;
use crate::domain::retention::CaseSummary;
use crate::domain::sla::{ClockKind, ClockState, ClockView};
use crate::domain::survey::tests::worked_example_survey;
use crate::domain::survey::Survey;
use crate::domain::workflow::{CommandKind, Status};

fn day(m: u32, d: u32, h: u32) -> NaiveDateTime {
    local(2023, m, d, h, 0)
}

fn re_survey() -> Survey {
    Survey { re_survey: true, ..worked_example_survey() }
}

fn re_surveys(views: &[ClockView]) -> Vec<&ClockView> {
    views.iter().filter(|v| v.instance.kind == ClockKind::LongTermFollowUp).collect()
}

/// A registered complaint, classified, with a handler and under investigation, received on
/// day `dd` of October 2023.
fn open(d: &mut Device, dd: u32) -> ComplaintId {
    let at = |h, m| local(2023, 10, dd, h, m);
    let registration = Registration { received_at: at(8, 30), ..example() };
    let c = d.run_at(None, at(9, 0), Command::Register { registration, serial: 1 }).unwrap()[0].id().clone();
    let classification = Classification { type_key: "billing".into(), subtype: None };
    d.run_at(Some(&c), at(9, 1), Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None }).unwrap();
    d.run_at(Some(&c), at(9, 2), Command::AssignHandler { handler: "qian".into() }).unwrap();
    d.run_at(Some(&c), at(9, 3), Command::StartInvestigation { note: String::new() }).unwrap();
    c
}

/// Takes an investigated complaint through one plan to resolved, on day `dd`.
fn resolve(d: &mut Device, c: &ComplaintId, dd: u32) {
    let at = |h, m| local(2023, 10, dd, h, m);
    let refund = PlanStep { kind: StepKind::Remedy(RemedyKind::Refund), text: "退款".into(), owner: "finance".into(), deadline: at(18, 0), amount_cents: Some(100) };
    let step = d.run_at(Some(c), at(9, 10), Command::PlanStep { step: refund }).unwrap()[0].id().to_string();
    d.run_at(Some(c), at(9, 11), Command::ProposePlan { note: String::new() }).unwrap();
    // The device's person proposed it: they cannot approve it too (four eyes), and nothing is stored.
    let before = d.events.len();
    let own = Command::ApprovePlan { approval: Approval { approver: d.actor.to_uppercase(), note: String::new() } };
    assert_eq!(d.run_at(Some(c), at(9, 12), own), Err(crate::domain::errors::CommandError::ApproverIsProposer));
    assert_eq!(d.events.len(), before);
    d.run_at(Some(c), at(9, 12), Command::ApprovePlan { approval: Approval { approver: "m".into(), note: String::new() } }).unwrap();
    d.run_at(Some(c), at(9, 13), Command::RespondToPlan { response: PlanResponse { accepted: true, reason: String::new() } }).unwrap();
    d.run_at(Some(c), at(9, 14), Command::CloseStep { close: StepClosed { step, outcome: StepOutcome::Done, note: String::new() } }).unwrap();
    d.run_at(Some(c), at(9, 15), Command::RecordVerification { verification: Verification { confirmed: true, result: "ok".into() } }).unwrap();
    d.run_at(Some(c), at(9, 16), Command::MarkResolved { note: String::new() }).unwrap();
}

/// After closing, every clock still running can be stopped by a command that is legal now.
fn assert_running_clocks_can_stop(d: &Device, c: &ComplaintId, at: NaiveDateTime) {
    let st = d.state(c);
    let now = d.ms(at);
    let legal = legal_commands(Some(&st), &d.config, now);
    for v in st.clocks(&d.config, now).iter().filter(|v| v.instance.stop.is_none()) {
        assert!(
            stopped_by(v.instance.kind).iter().any(|k| legal.contains(k)),
            "{:?} runs in {:?} but none of {:?} is legal ({legal:?})",
            v.instance.kind,
            st.status(),
            stopped_by(v.instance.kind)
        );
    }
}

#[test]
fn archiving_keeps_the_re_survey_and_it_can_still_be_recorded() {
    let mut d = Device::new("tablet-a", "A2", "li", DomainConfig::default());
    let c = open(&mut d, 9);
    // A department is asked and never answers before archiving.
    let request = DeptRequest { department: "finance".into(), need: "核对账单".into(), deadline: None };
    d.run_at(Some(&c), day(10, 9, 9), Command::RequestDepartment { request }).unwrap();
    resolve(&mut d, &c, 9);
    d.run_at(Some(&c), day(10, 10, 9), Command::ConfirmWithCustomer { resolved: true, note: String::new() }).unwrap();
    d.run_at(Some(&c), day(10, 10, 10), Command::RecordSurvey { survey: worked_example_survey() }).unwrap();
    assert_running_clocks_can_stop(&d, &c, day(10, 10, 11));
    // Cross-department help makes it a case for a summary before archiving.
    let summary = CaseSummary { cause: "计费错误".into(), went_well: String::new(), to_improve: "核对计费".into() };
    d.run_at(Some(&c), day(10, 11, 8), Command::RecordCaseSummary { summary }).unwrap();
    d.run_at(Some(&c), day(10, 11, 9), Command::Archive).unwrap();
    assert_running_clocks_can_stop(&d, &c, day(10, 11, 10));

    // Four months later the re-survey is overdue, and it can be recorded on the archived case.
    let st = d.state(&c);
    let later = d.ms(local(2024, 2, 10, 9, 0));
    let views = st.clocks(&d.config, later);
    let running: Vec<_> = views.iter().filter(|v| v.instance.stop.is_none()).map(|v| v.instance.kind).collect();
    assert_eq!(running, vec![ClockKind::LongTermFollowUp], "archiving stopped the department's clock");
    assert_eq!(re_surveys(&views)[0].state, ClockState::Overdue);
    assert_eq!(legal_commands(Some(&st), &d.config, later), vec![CommandKind::RecordSurvey]);
    // Only the re-survey: the archive stays read-only otherwise.
    let err = d.run_at(Some(&c), local(2024, 2, 10, 9, 0), Command::RecordSurvey { survey: worked_example_survey() }).unwrap_err();
    assert_eq!(err, CommandError::Archived);
    d.run_at(Some(&c), local(2024, 2, 10, 9, 0), Command::RecordSurvey { survey: re_survey() }).unwrap();

    let st = d.state(&c);
    assert_eq!(st.status(), Some(Status::Archived));
    let views = st.clocks(&d.config, later + 1000);
    assert_eq!(re_surveys(&views)[0].state, ClockState::MetLate, "done, late, and that stays in the history");
    assert!(views.iter().all(|v| v.instance.stop.is_some()), "nothing left running: off the overdue lists");
    assert_eq!(legal_commands(Some(&st), &d.config, later + 1000), Vec::<CommandKind>::new());
    let again = d.run_at(Some(&c), local(2024, 2, 11, 9, 0), Command::RecordSurvey { survey: re_survey() }).unwrap_err();
    assert_eq!(again, CommandError::Archived);
}

#[test]
fn a_reopen_cancels_the_earlier_closings_re_survey() {
    let mut d = Device::new("tablet-b", "B2", "li", DomainConfig::default());
    let c = open(&mut d, 9);
    resolve(&mut d, &c, 9);
    d.run_at(Some(&c), day(10, 10, 9), Command::ConfirmWithCustomer { resolved: true, note: String::new() }).unwrap();
    let views = d.state(&c).clocks(&d.config, d.ms(day(10, 10, 10)));
    assert_eq!(re_surveys(&views).len(), 1);

    d.run_at(Some(&c), day(10, 12, 9), Command::Reopen { reason: "又坏了".into() }).unwrap();
    let st = d.state(&c);
    let views = st.clocks(&d.config, d.ms(local(2024, 2, 1, 9, 0)));
    assert!(re_surveys(&views).is_empty(), "the earlier closing's re-survey is cancelled: {views:#?}");

    // The second closing has its own re-survey, in round 2.
    resolve(&mut d, &c, 12);
    d.run_at(Some(&c), day(10, 13, 9), Command::ConfirmWithCustomer { resolved: true, note: String::new() }).unwrap();
    let views = d.state(&c).clocks(&d.config, d.ms(day(10, 13, 10)));
    let lt = re_surveys(&views);
    assert_eq!(lt.len(), 1);
    assert_eq!((lt[0].instance.round, lt[0].instance.start, lt[0].state), (2, d.ms(day(10, 13, 9)), ClockState::Running));
}

#[test]
fn a_re_survey_done_before_a_reopen_stays_in_the_history() {
    let mut d = Device::new("tablet-c", "C2", "li", DomainConfig::default());
    let c = open(&mut d, 9);
    resolve(&mut d, &c, 9);
    d.run_at(Some(&c), day(10, 10, 9), Command::ConfirmWithCustomer { resolved: true, note: String::new() }).unwrap();
    // The re-survey finds the problem back, and the case is reopened.
    d.run_at(Some(&c), local(2024, 1, 8, 9, 0), Command::RecordSurvey { survey: re_survey() }).unwrap();
    d.run_at(Some(&c), local(2024, 1, 8, 9, 5), Command::Reopen { reason: "复访发现问题".into() }).unwrap();
    let views = d.state(&c).clocks(&d.config, d.ms(local(2024, 1, 8, 10, 0)));
    let lt = re_surveys(&views);
    assert_eq!((lt.len(), lt[0].instance.round, lt[0].state), (1, 1, ClockState::Met));
}

#[test]
fn closing_after_failed_contact_ends_the_handling_clocks() {
    let mut d = Device::new("tablet-e", "E2", "li", DomainConfig::default());
    let c = open(&mut d, 9);
    resolve(&mut d, &c, 9);
    let attempt = |h| Command::LogCommunication {
        entry: CommEntry { at: day(10, 10, h), channel: crate::domain::channel::Channel::Phone, direction: Direction::Outbound, who: "li".into(), summary: "无人接听".into(), result: Some(ContactResult::Failed) },
    };
    for h in [9, 11, 15] {
        d.run_at(Some(&c), day(10, 10, h), attempt(h)).unwrap();
    }
    d.run_at(Some(&c), day(10, 10, 16), Command::CloseAfterFailedContact { note: String::new() }).unwrap();
    d.run_at(Some(&c), day(10, 11, 9), Command::Archive).unwrap();
    let st = d.state(&c);
    let views = st.clocks(&d.config, d.ms(day(10, 20, 9)));
    // The customer was never reached: the first contact was missed, the follow-up attempted.
    let kind = |k| views.iter().find(|v| v.instance.kind == k).unwrap().state;
    assert_eq!(kind(ClockKind::FirstContact), ClockState::MetLate);
    assert_eq!(kind(ClockKind::SatisfactionFollowUp), ClockState::Met);
    let running: Vec<_> = views.iter().filter(|v| v.instance.stop.is_none()).map(|v| v.instance.kind).collect();
    assert_eq!(running, vec![ClockKind::LongTermFollowUp]);
    assert_running_clocks_can_stop(&d, &c, day(10, 20, 9));
}

/// Roles (issue #12): with a staff list, the plan is approved by a manager on it other than the
/// proposer; the refusals change nothing stored. The four-eyes rule comes first.
#[test]
fn a_plan_is_approved_by_a_manager_other_than_its_proposer() {
    use crate::domain::staff::{Role, StaffMember};
    let staff = vec![
        StaffMember::new("Li Na", &[Role::Clerk, Role::Handler]),
        StaffMember::new("Zhao", &[Role::Handler]),
        StaffMember::new("Manager Sun", &[Role::Handler, Role::Manager]),
    ];
    let mut d = Device::new("dev-roles", "K7R", "Li Na", DomainConfig { staff, ..DomainConfig::default() });
    let c = open(&mut d, 9);
    let at = |h, m| local(2023, 10, 9, h, m);
    let step = PlanStep { kind: StepKind::Remedy(RemedyKind::Repair), text: "修".into(), owner: "Zhao".into(), deadline: at(18, 0), amount_cents: None };
    d.run_at(Some(&c), at(9, 10), Command::PlanStep { step }).unwrap();
    d.run_at(Some(&c), at(9, 11), Command::ProposePlan { note: String::new() }).unwrap();
    let before = d.events.len();
    let by = |name: &str| Command::ApprovePlan { approval: Approval { approver: name.into(), note: String::new() } };
    assert_eq!(d.run_at(Some(&c), at(9, 12), by("li na")), Err(CommandError::ApproverIsProposer));
    assert_eq!(d.run_at(Some(&c), at(9, 12), by("Zhao")), Err(CommandError::ApproverNotManager));
    assert_eq!(d.run_at(Some(&c), at(9, 12), by("Somebody")), Err(CommandError::ApproverNotStaff));
    assert_eq!(d.events.len(), before, "refusals store nothing");
    d.actor = "Manager Sun".into();
    d.run_at(Some(&c), at(9, 13), by("Manager Sun")).unwrap();
    assert_eq!(d.events.len(), before + 1);
}

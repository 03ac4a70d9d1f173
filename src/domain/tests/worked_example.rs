//! SPEC §14 end to end on the China 2023 calendar: received on the National Day holiday,
//! register → classify → route → plan → investigate → resolve → confirm → survey → close →
//! archive → anonymise after the retention period, with the SLA clocks checked on the way.

use super::{local, Device};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::communication::{CommEntry, ContactResult, Direction};
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::ids::ComplaintId;
use crate::domain::intake::tests::example;
use crate::domain::investigation::{CauseCategory, Evidence, EvidenceKind, RootCause, Verification};
use crate::domain::plan::{Approval, PlanResponse, PlanStep, RemedyKind, StepClosed, StepKind, StepOutcome};
use crate::domain::retention::redact_all;
use crate::domain::sla::{BusinessCalendar, ClockKind, ClockState, ClockView};
use crate::domain::survey::tests::worked_example_survey;
use crate::domain::workflow::{CommandKind, Status};

fn clock(views: &[ClockView], kind: ClockKind) -> &ClockView {
    views.iter().find(|v| v.instance.kind == kind).unwrap()
}

fn call(at: chrono::NaiveDateTime, summary: &str) -> Command {
    Command::LogCommunication {
        entry: CommEntry { at, channel: crate::domain::channel::Channel::Phone, direction: Direction::Outbound, who: "li.kefu".into(), summary: summary.into(), result: Some(ContactResult::Reached) },
    }
}

#[test]
fn worked_example_end_to_end() {
    let config = DomainConfig { calendar: BusinessCalendar::china_2023(), ..DomainConfig::default() };
    let mut d = Device::new("tablet-k7", "K7", "li.kefu", config);
    let day = |dd, h, m| local(2023, 10, dd, h, m);

    // Register: the customer phoned on 1 October at 09:30.
    let ev = d.run_at(None, day(1, 9, 32), Command::Register { registration: example(), serial: 3 }).unwrap();
    let c: ComplaintId = ev[0].id().clone();
    assert_eq!(ev[0].complaint(), &c);
    let st = d.state(&c);
    assert_eq!(st.number(), Some("20231001-TEL-K7-003"));
    assert_eq!(st.status(), Some(Status::Registered));
    assert_eq!(st.first_contact_owner(), Some("li.kefu"));
    assert_eq!(crate::domain::fold::next_serial(d.events.iter(), "tablet-k7", day(1, 0, 0).date()), 4);
    assert_eq!(d.run_at(Some(&c), day(1, 9, 33), Command::StartInvestigation { note: String::new() }).unwrap_err().code(), "illegal_transition");

    // Classify and route: product quality, normal → after-sales.
    let classification = Classification { type_key: "product_quality".into(), subtype: Some("below_spec".into()) };
    let ev = d
        .run_at(Some(&c), day(1, 9, 40), Command::Classify { classification, urgency: Urgency::Normal, severity: Some("minor".into()), nature: None, request_type: None })
        .unwrap();
    assert_eq!(ev.len(), 2, "field writes and the status transition");
    assert_eq!(ev[1].base(), Some(ev[0].id()));
    let st = d.state(&c);
    assert_eq!((st.status(), st.department().map(String::as_str)), (Some(Status::Classified), Some("after_sales")));
    assert_eq!(d.run_at(Some(&c), day(1, 9, 41), Command::StartInvestigation { note: String::new() }).unwrap_err(), CommandError::HandlerRequired);
    d.run_at(Some(&c), day(1, 9, 42), Command::AssignHandler { handler: "zhang.after_sales_lead".into() }).unwrap();
    d.run_at(Some(&c), day(1, 10, 0), call(day(1, 10, 0), "致歉并告知已安排专人处理")).unwrap();
    d.run_at(Some(&c), day(1, 10, 5), Command::StartInvestigation { note: String::new() }).unwrap();

    // Plan: an engineer visits within 3 days; replace free if it is a quality fault.
    assert_eq!(d.run_at(Some(&c), day(1, 10, 10), Command::ProposePlan { note: String::new() }).unwrap_err(), CommandError::PlanIncomplete);
    let visit = PlanStep { kind: StepKind::Remedy(RemedyKind::Visit), text: "3天内安排工程师上门检测，若确认质量问题，免费更换同型号空调".into(), owner: "wang.engineer".into(), deadline: day(4, 18, 0), amount_cents: None };
    let visit_id = d.run_at(Some(&c), day(1, 10, 20), Command::PlanStep { step: visit }).unwrap()[0].id().clone();
    let training = PlanStep { kind: StepKind::Prevention, text: "优化安装人员培训，增加安装后功能检测环节".into(), owner: "zhao.training".into(), deadline: day(31, 18, 0), amount_cents: None };
    d.run_at(Some(&c), day(1, 10, 21), Command::PlanStep { step: training }).unwrap();
    d.run_at(Some(&c), day(1, 10, 30), Command::ProposePlan { note: String::new() }).unwrap();
    let accept = Command::RespondToPlan { response: PlanResponse { accepted: true, reason: "同意上门检测".into() } };
    assert_eq!(d.run_at(Some(&c), day(1, 10, 35), accept.clone()).unwrap_err(), CommandError::PlanNotApproved);
    d.run_at(Some(&c), day(1, 10, 40), Command::ApprovePlan { approval: Approval { approver: "after_sales_manager".into(), note: String::new() } }).unwrap();
    d.run_at(Some(&c), day(1, 10, 50), accept).unwrap();
    assert_eq!(d.state(&c).status(), Some(Status::PlanAccepted));

    // Investigate and execute: the outdoor unit was mounted at the wrong angle; reinstalled.
    let evidence = Evidence { kind: EvidenceKind::ServiceRecord, note: "安装记录与上门检测记录".into(), attachments: vec![] };
    d.run_at(Some(&c), day(3, 15, 0), Command::AddEvidence { evidence }).unwrap();
    d.run_at(Some(&c), day(3, 15, 5), Command::RecordRootCause { root_cause: RootCause { category: CauseCategory::Installation, text: "外机安装角度偏差".into() } }).unwrap();
    assert_eq!(d.run_at(Some(&c), day(3, 15, 10), Command::MarkResolved { note: String::new() }).unwrap_err(), CommandError::StepsOpen);
    let close = StepClosed { step: visit_id.to_string(), outcome: StepOutcome::Done, note: "已重新安装".into() };
    d.run_at(Some(&c), day(3, 16, 0), Command::CloseStep { close }).unwrap();
    assert_eq!(d.run_at(Some(&c), day(3, 16, 5), Command::MarkResolved { note: String::new() }).unwrap_err(), CommandError::NotVerified);
    d.run_at(Some(&c), day(3, 16, 10), Command::RecordVerification { verification: Verification { confirmed: true, result: "重新安装后制冷正常".into() } }).unwrap();
    d.run_at(Some(&c), day(3, 16, 30), Command::MarkResolved { note: String::new() }).unwrap();

    // SLA on the holiday calendar: 3 working days count 7, 8 and 9 October (make-up weekend).
    let st = d.state(&c);
    let views = st.clocks(&d.config, d.ms(day(3, 17, 0)));
    let res = clock(&views, ClockKind::Resolution);
    assert_eq!(d.config.calendar.local(res.due.unwrap()), day(9, 18, 0));
    assert_eq!(res.state, ClockState::Met);
    assert_eq!(clock(&views, ClockKind::Registration).state, ClockState::Met);
    assert_eq!(clock(&views, ClockKind::FirstContact).state, ClockState::Met);
    assert_eq!(clock(&views, ClockKind::InitialPlan).state, ClockState::Met);
    let follow = clock(&views, ClockKind::SatisfactionFollowUp);
    assert_eq!((d.config.calendar.local(follow.due.unwrap()), follow.state), (day(8, 18, 0), ClockState::Running));
    assert_eq!(
        crate::domain::precheck::legal_commands(Some(&st), &d.config, d.ms(day(3, 17, 0))),
        vec![
            CommandKind::CorrectCustomer, CommandKind::CorrectIncident, CommandKind::Grade, CommandKind::AddAttachment,
            CommandKind::SetShares, CommandKind::RecordArbitration, CommandKind::LogCommunication, CommandKind::ProgressUpdate,
            CommandKind::ConfirmWithCustomer, CommandKind::RecordSurvey, CommandKind::RecordCaseSummary,
        ]
    );

    // Follow-up call within 1–2 working days: satisfied, handled quickly; suggests an online lookup.
    d.run_at(Some(&c), day(7, 10, 0), call(day(7, 10, 0), "回访：满意，处理及时")).unwrap();
    d.run_at(Some(&c), day(7, 10, 2), Command::ConfirmWithCustomer { resolved: true, note: "客户确认已解决".into() }).unwrap();
    d.run_at(Some(&c), day(7, 10, 5), Command::RecordSurvey { survey: worked_example_survey() }).unwrap();
    let st = d.state(&c);
    assert_eq!(st.status(), Some(Status::Closed));
    assert_eq!(st.surveys[0].value.suggestions, "建议增加线上进度查询功能");
    let views = st.clocks(&d.config, d.ms(day(7, 11, 0)));
    assert_eq!(clock(&views, ClockKind::SatisfactionFollowUp).state, ClockState::Met);
    let long_term = clock(&views, ClockKind::LongTermFollowUp);
    assert_eq!((d.config.calendar.local(long_term.due.unwrap()), long_term.state), (local(2024, 1, 7, 10, 2), ClockState::Running));
    assert!(views.iter().all(|v| !v.ever_overdue()), "{views:#?}");

    // Archive: read-only afterwards.
    d.run_at(Some(&c), day(8, 9, 0), Command::Archive).unwrap();
    let st = d.state(&c);
    assert_eq!(st.status(), Some(Status::Archived));
    // Archiving does not cancel the 3-month re-survey (SPEC §7): it is the one step left.
    assert_eq!(crate::domain::precheck::legal_commands(Some(&st), &d.config, d.ms(day(8, 10, 0))), vec![CommandKind::RecordSurvey]);
    assert_eq!(d.run_at(Some(&c), day(8, 10, 0), Command::RecordSurvey { survey: worked_example_survey() }).unwrap_err(), CommandError::Archived);
    assert_eq!(d.run_at(Some(&c), day(8, 10, 0), call(day(8, 10, 0), "x")).unwrap_err(), CommandError::Archived);
    assert_eq!(d.run_at(Some(&c), day(8, 10, 0), Command::Anonymise { reason: "retention".into() }).unwrap_err(), CommandError::RetentionNotDue);

    // Two years later: anonymise, and redact the stored events themselves.
    let later = local(2025, 10, 8, 9, 0);
    d.run_at(Some(&c), later, Command::Anonymise { reason: "保存期满".into() }).unwrap();
    let redacted = redact_all(d.events.iter());
    assert_eq!(redacted.len(), 1, "only the registration carries personal data here");
    d.events.extend(redacted);
    let st = d.state(&c);
    let customer = st.customer().unwrap();
    assert!(customer.name.is_empty() && customer.phone.is_empty() && customer.anonymous);
    assert!(!d.events.iter().any(|e| e.to_json().contains("138 5678")), "no phone number left in any event");
    assert_eq!(st.number(), Some("20231001-TEL-K7-003"), "the case itself stays for statistics");
    assert_eq!(d.run_at(Some(&c), later, Command::Anonymise { reason: "again".into() }).unwrap_err(), CommandError::Anonymised);
    super::assert_all_valid(&d.events);
}

#[test]
fn not_resolved_reopens_for_a_second_round_and_failed_contact_closes() {
    let mut d = Device::new("tablet-q", "Q2", "li", DomainConfig::default());
    let day = |dd, h, m| local(2023, 10, dd, h, m);
    let c = d.run_at(None, day(9, 9, 32), Command::Register { registration: super::super::intake::tests::example(), serial: 1 }).unwrap()[0].id().clone();
    let cls = Classification { type_key: "billing".into(), subtype: None };
    d.run_at(Some(&c), day(9, 9, 40), Command::Classify { classification: cls, urgency: Urgency::Urgent, severity: None, nature: None, request_type: None }).unwrap();
    d.run_at(Some(&c), day(9, 9, 41), Command::AssignHandler { handler: "qian".into() }).unwrap();
    d.run_at(Some(&c), day(9, 9, 42), Command::StartInvestigation { note: String::new() }).unwrap();
    let refund = PlanStep { kind: StepKind::Remedy(RemedyKind::Refund), text: "退还多扣费用".into(), owner: "finance".into(), deadline: day(9, 18, 0), amount_cents: Some(5000) };
    let step = d.run_at(Some(&c), day(9, 9, 50), Command::PlanStep { step: refund }).unwrap()[0].id().to_string();
    d.run_at(Some(&c), day(9, 9, 55), Command::ProposePlan { note: String::new() }).unwrap();
    d.run_at(Some(&c), day(9, 10, 0), Command::ApprovePlan { approval: Approval { approver: "m".into(), note: String::new() } }).unwrap();
    let reject = PlanResponse { accepted: false, reason: " ".into() };
    assert_eq!(d.run_at(Some(&c), day(9, 10, 5), Command::RespondToPlan { response: reject }).unwrap_err(), CommandError::RejectReasonRequired);
    d.run_at(Some(&c), day(9, 10, 6), Command::RespondToPlan { response: PlanResponse { accepted: true, reason: String::new() } }).unwrap();
    d.run_at(Some(&c), day(9, 11, 0), Command::CloseStep { close: StepClosed { step, outcome: StepOutcome::Done, note: String::new() } }).unwrap();
    d.run_at(Some(&c), day(9, 11, 5), Command::RecordVerification { verification: Verification { confirmed: true, result: "已退款".into() } }).unwrap();
    d.run_at(Some(&c), day(9, 11, 10), Command::MarkResolved { note: String::new() }).unwrap();
    d.run_at(Some(&c), day(9, 14, 0), Command::ConfirmWithCustomer { resolved: false, note: "仍被多扣".into() }).unwrap();
    let st = d.state(&c);
    assert_eq!((st.status(), st.round()), (Some(Status::Investigating), 2));
    assert!(st.current_steps().is_empty(), "round 2 needs its own plan");
    // Round 2 has its own resolution clock: urgent → 24 calendar hours from the reopen.
    let views = st.clocks(&d.config, d.ms(day(9, 15, 0)));
    let r2 = views.iter().find(|v| v.instance.kind == ClockKind::Resolution && v.instance.round == 2).unwrap();
    assert_eq!(d.config.calendar.local(r2.due.unwrap()), day(10, 14, 0));
    assert!(st.is_complex(&d.config), "a second round makes it a case for a summary");

    // Fast-forward round 2 and then fail to reach the customer three times.
    let refund2 = PlanStep { kind: StepKind::Remedy(RemedyKind::Refund), text: "补退差额".into(), owner: "finance".into(), deadline: day(10, 18, 0), amount_cents: Some(1000) };
    let step2 = d.run_at(Some(&c), day(9, 15, 0), Command::PlanStep { step: refund2 }).unwrap()[0].id().to_string();
    d.run_at(Some(&c), day(9, 15, 1), Command::ProposePlan { note: String::new() }).unwrap();
    d.run_at(Some(&c), day(9, 15, 2), Command::ApprovePlan { approval: Approval { approver: "m".into(), note: String::new() } }).unwrap();
    d.run_at(Some(&c), day(9, 15, 3), Command::RespondToPlan { response: PlanResponse { accepted: true, reason: String::new() } }).unwrap();
    d.run_at(Some(&c), day(9, 15, 4), Command::CloseStep { close: StepClosed { step: step2, outcome: StepOutcome::Done, note: String::new() } }).unwrap();
    assert_eq!(d.run_at(Some(&c), day(9, 15, 5), Command::MarkResolved { note: String::new() }).unwrap_err(), CommandError::NotVerified, "round 1's verification does not count");
    d.run_at(Some(&c), day(9, 15, 6), Command::RecordVerification { verification: Verification { confirmed: true, result: "差额已退".into() } }).unwrap();
    d.run_at(Some(&c), day(9, 15, 7), Command::MarkResolved { note: String::new() }).unwrap();
    let attempt = |h| Command::LogCommunication { entry: CommEntry { at: day(10, h, 0), channel: crate::domain::channel::Channel::Phone, direction: Direction::Outbound, who: "li".into(), summary: "无人接听".into(), result: Some(ContactResult::Failed) } };
    d.run_at(Some(&c), day(10, 9, 0), attempt(9)).unwrap();
    d.run_at(Some(&c), day(10, 11, 0), attempt(11)).unwrap();
    assert_eq!(d.run_at(Some(&c), day(10, 12, 0), Command::CloseAfterFailedContact { note: String::new() }).unwrap_err(), CommandError::NotEnoughAttempts { needed: 3, made: 2 });
    d.run_at(Some(&c), day(10, 16, 0), attempt(16)).unwrap();
    d.run_at(Some(&c), day(10, 16, 5), Command::CloseAfterFailedContact { note: "三次未接通".into() }).unwrap();
    assert_eq!(d.state(&c).status(), Some(Status::Closed));
    assert_eq!(d.run_at(Some(&c), day(11, 9, 0), Command::Archive).unwrap_err(), CommandError::CaseSummaryRequired);
    let summary = crate::domain::retention::CaseSummary { cause: "计费规则错误".into(), went_well: "当天退款".into(), to_improve: "上线前核对计费规则".into() };
    d.run_at(Some(&c), day(11, 9, 1), Command::RecordCaseSummary { summary }).unwrap();
    d.run_at(Some(&c), day(11, 9, 2), Command::Archive).unwrap();
    assert_eq!(d.state(&c).status(), Some(Status::Archived));
    super::assert_all_valid(&d.events);
}

//! `next_steps` and the deadline the list shows, mirroring what the complaint page and the
//! Complaints list decided themselves before, plus the SPEC's clocks.

use super::{local, Device};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::communication::{CommEntry, ContactResult, Direction};
use crate::domain::config::DomainConfig;
use crate::domain::intake::tests::example;
use crate::domain::intake::Registration;
use crate::domain::next_steps::{most_pressing, next_steps, Deadline, DueState};
use crate::domain::sla::ClockKind;
use crate::domain::workflow::CommandKind::*;

/// The worked example's registration, received at `at`.
fn received(at: chrono::NaiveDateTime) -> Command {
    Command::Register { registration: Registration { received_at: at, ..example() }, serial: 1 }
}

fn call(at: chrono::NaiveDateTime) -> Command {
    Command::LogCommunication {
        entry: CommEntry { at, channel: crate::domain::channel::Channel::Phone, direction: Direction::Outbound, who: "li".into(), summary: "致歉".into(), result: Some(ContactResult::Reached) },
    }
}

#[test]
fn an_urgent_complaint_calls_the_customer_first() {
    let mut d = Device::new("tablet-n", "N2", "li", DomainConfig::default());
    let at = |h, m| local(2023, 10, 9, h, m);
    let c = d.run_at(None, at(9, 31), received(at(9, 30))).unwrap()[0].id().clone();
    let st = d.state(&c);
    // Before classifying: classify and name a handler (what the page opened before), and the
    // first-contact clock is running, so the call is due too.
    assert_eq!(next_steps(&st, &d.config, d.ms(at(9, 32))), vec![Classify, AssignHandler, LogCommunication]);
    let classification = Classification { type_key: "product_quality".into(), subtype: None };
    d.run_at(Some(&c), at(9, 33), Command::Classify { classification, urgency: Urgency::Urgent, severity: None, nature: None, request_type: None }).unwrap();
    let st = d.state(&c);
    let next = next_steps(&st, &d.config, d.ms(at(9, 34)));
    assert_eq!(next, vec![AssignHandler, LogCommunication]);
    // Its first-contact clock runs: logging the contact is the one step put first.
    assert_eq!(most_pressing(&st, &d.config, d.ms(at(9, 34)), &next), Some(LogCommunication));
    assert_eq!(most_pressing(&st, &d.config, d.ms(at(9, 34)), &[AssignHandler]), Some(AssignHandler));
    assert_eq!(most_pressing(&st, &d.config, d.ms(at(9, 34)), &[]), None);
    d.run_at(Some(&c), at(9, 35), call(at(9, 35))).unwrap();
    d.run_at(Some(&c), at(9, 36), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    let st = d.state(&c);
    assert_eq!(next_steps(&st, &d.config, d.ms(at(9, 37))), vec![StartInvestigation]);
}

#[test]
fn a_late_complaint_owes_a_progress_update() {
    let mut d = Device::new("tablet-n", "N2", "li", DomainConfig::default());
    let at = |dd, h, m| local(2023, 10, dd, h, m);
    let c = d.run_at(None, at(9, 9, 31), received(at(9, 9, 30))).unwrap()[0].id().clone();
    let classification = Classification { type_key: "billing".into(), subtype: None };
    d.run_at(Some(&c), at(9, 9, 33), Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None }).unwrap();
    d.run_at(Some(&c), at(9, 9, 35), call(at(9, 9, 35))).unwrap();
    d.run_at(Some(&c), at(9, 9, 36), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    d.run_at(Some(&c), at(9, 9, 37), Command::StartInvestigation { note: String::new() }).unwrap();
    let st = d.state(&c);
    assert_eq!(next_steps(&st, &d.config, d.ms(at(9, 9, 40))), vec![PlanStep]);
    // Four working hours later the plan and the progress update are overdue.
    let next = next_steps(&st, &d.config, d.ms(at(9, 15, 0)));
    assert_eq!(next, vec![PlanStep, ProgressUpdate]);
    assert!(st.is_late(&d.config, d.ms(at(9, 15, 0))));
}

#[test]
fn nearly_due_is_the_clocks_warning_share() {
    let mut d = Device::new("tablet-n", "N2", "li", DomainConfig::default());
    let at = |h, m| local(2023, 10, 2, h, m);
    let c = d.run_at(None, local(2023, 10, 1, 9, 31), Command::Register { registration: example(), serial: 1 }).unwrap()[0].id().clone();
    let st = d.state(&c);
    // The example was received on Sunday 1 October 09:30: the first working hour is Monday
    // 09:00-10:00, so the first contact is due at 10:00 and warns at 09:48 (80 %).
    let now = d.ms(at(9, 0));
    let deadline = st.deadline(&d.config, now);
    let first_contact = st.clocks(&d.config, now).into_iter().find(|v| v.instance.kind == ClockKind::FirstContact).unwrap();
    assert_eq!(deadline.due_ms, first_contact.due);
    assert_eq!(deadline.due_ms, Some(d.ms(at(10, 0))));
    assert_eq!(deadline.warn_ms, Some(d.ms(at(9, 48))));
    assert_eq!(deadline.state_at(d.ms(at(9, 47))), DueState::Later(13 * 60_000));
    assert_eq!(deadline.state_at(d.ms(at(9, 48))), DueState::Soon(12 * 60_000));
    assert_eq!(deadline.state_at(d.ms(at(10, 5))), DueState::Overdue(5 * 60_000));
    assert_eq!(Deadline::default().state_at(0), DueState::None);
    // The page's clock states say the same at the same instants.
    let state_at = |h, m| st.clocks(&d.config, d.ms(at(h, m))).into_iter().find(|v| v.instance.kind == ClockKind::FirstContact).unwrap().state;
    assert_eq!((state_at(9, 47), state_at(9, 48)), (crate::domain::sla::ClockState::Running, crate::domain::sla::ClockState::Warning));
}

/// The rule the complaint page applied itself before (`ui/pages/detail/mod.rs::is_next`).
fn page_rule(st: &crate::domain::state::ComplaintState, config: &DomainConfig, now: i64) -> Vec<crate::domain::workflow::CommandKind> {
    use crate::domain::workflow::Status;
    let status = st.status();
    let late = st.is_late(config, now);
    crate::domain::precheck::legal_commands(Some(st), config, now)
        .into_iter()
        .filter(|k| match k {
            Classify => status == Some(Status::Registered),
            AssignHandler => st.handler().is_none(),
            StartInvestigation | ProposePlan | RespondToPlan | MarkResolved | Resume | ConfirmWithCustomer | Archive => true,
            ApprovePlan => !st.plan_approved(),
            PlanStep => status == Some(Status::Investigating) && st.current_steps().is_empty(),
            CloseStep => status == Some(Status::PlanAccepted),
            RecordVerification => status == Some(Status::PlanAccepted) && !st.verified(),
            ProgressUpdate => late,
            LogCommunication => status == Some(Status::Resolved),
            RecordSurvey => st.surveys.is_empty() && matches!(status, Some(Status::Resolved | Status::Closed)),
            RecordCaseSummary => status == Some(Status::Closed) && st.is_complex(config) && st.case_summary().is_none(),
            _ => false,
        })
        .collect()
}

#[test]
fn mirrors_the_page_along_the_loop_and_adds_the_clocks() {
    use crate::domain::investigation::Verification;
    use crate::domain::plan::{Approval, PlanResponse, PlanStep as Step, RemedyKind, StepClosed, StepKind, StepOutcome};
    use crate::domain::survey::tests::worked_example_survey;
    let mut d = Device::new("tablet-m", "M2", "li", DomainConfig::default());
    let at = |h, m| local(2023, 10, 9, h, m);
    let c = d.run_at(None, at(9, 31), received(at(9, 30))).unwrap()[0].id().clone();
    let check = |d: &Device, h, m, expected: &[crate::domain::workflow::CommandKind], extra: &[crate::domain::workflow::CommandKind]| {
        let (st, now) = (d.state(&c), d.ms(at(h, m)));
        let next = next_steps(&st, &d.config, now);
        assert_eq!(next, expected, "at {h}:{m:02} in {:?}", st.status());
        let page = page_rule(&st, &d.config, now);
        assert_eq!(next.iter().filter(|k| !page.contains(k)).copied().collect::<Vec<_>>(), extra, "beyond the page at {h}:{m:02}");
        assert!(page.iter().all(|k| next.contains(k)), "the page's steps stay next at {h}:{m:02}");
    };
    check(&d, 9, 32, &[Classify, AssignHandler, LogCommunication], &[LogCommunication]);
    let classification = Classification { type_key: "billing".into(), subtype: None };
    d.run_at(Some(&c), at(9, 33), Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None }).unwrap();
    d.run_at(Some(&c), at(9, 34), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    check(&d, 9, 35, &[StartInvestigation, LogCommunication], &[LogCommunication]);
    d.run_at(Some(&c), at(9, 36), call(at(9, 36))).unwrap();
    check(&d, 9, 37, &[StartInvestigation], &[]);
    d.run_at(Some(&c), at(9, 38), Command::StartInvestigation { note: String::new() }).unwrap();
    let refund = Step { kind: StepKind::Remedy(RemedyKind::Refund), text: "退款".into(), owner: "finance".into(), deadline: at(18, 0), amount_cents: Some(100) };
    let step = d.run_at(Some(&c), at(9, 40), Command::PlanStep { step: refund }).unwrap()[0].id().to_string();
    d.run_at(Some(&c), at(9, 41), Command::ProposePlan { note: String::new() }).unwrap();
    check(&d, 9, 42, &[ApprovePlan], &[]);
    d.run_at(Some(&c), at(9, 43), Command::ApprovePlan { approval: Approval { approver: "m".into(), note: String::new() } }).unwrap();
    check(&d, 9, 44, &[RespondToPlan], &[]);
    d.run_at(Some(&c), at(9, 45), Command::RespondToPlan { response: PlanResponse { accepted: true, reason: String::new() } }).unwrap();
    check(&d, 9, 46, &[CloseStep, RecordVerification], &[]);
    // The routine progress update is at 80 % of its 2 working hours at 11:06.
    check(&d, 11, 10, &[CloseStep, RecordVerification, ProgressUpdate], &[ProgressUpdate]);
    d.run_at(Some(&c), at(11, 11), Command::CloseStep { close: StepClosed { step, outcome: StepOutcome::Done, note: String::new() } }).unwrap();
    d.run_at(Some(&c), at(11, 12), Command::RecordVerification { verification: Verification { confirmed: true, result: "ok".into() } }).unwrap();
    d.run_at(Some(&c), at(11, 13), Command::MarkResolved { note: String::new() }).unwrap();
    check(&d, 11, 14, &[LogCommunication, ConfirmWithCustomer, RecordSurvey], &[]);
    // Not resolved: a second round, resolved again; its survey is due again (the page looked
    // only for any survey at all).
    d.run_at(Some(&c), at(11, 15), Command::RecordSurvey { survey: worked_example_survey() }).unwrap();
    d.run_at(Some(&c), at(11, 16), Command::ConfirmWithCustomer { resolved: false, note: "仍有问题".into() }).unwrap();
    let refund = Step { kind: StepKind::Remedy(RemedyKind::Refund), text: "补退".into(), owner: "finance".into(), deadline: at(18, 0), amount_cents: Some(50) };
    let step = d.run_at(Some(&c), at(11, 20), Command::PlanStep { step: refund }).unwrap()[0].id().to_string();
    d.run_at(Some(&c), at(11, 21), Command::ProposePlan { note: String::new() }).unwrap();
    d.run_at(Some(&c), at(11, 22), Command::ApprovePlan { approval: Approval { approver: "m".into(), note: String::new() } }).unwrap();
    d.run_at(Some(&c), at(11, 23), Command::RespondToPlan { response: PlanResponse { accepted: true, reason: String::new() } }).unwrap();
    d.run_at(Some(&c), at(11, 24), Command::CloseStep { close: StepClosed { step, outcome: StepOutcome::Done, note: String::new() } }).unwrap();
    d.run_at(Some(&c), at(11, 25), Command::RecordVerification { verification: Verification { confirmed: true, result: "ok".into() } }).unwrap();
    d.run_at(Some(&c), at(11, 26), Command::MarkResolved { note: String::new() }).unwrap();
    check(&d, 11, 27, &[LogCommunication, ConfirmWithCustomer, RecordSurvey], &[RecordSurvey]);
    d.run_at(Some(&c), at(11, 28), Command::ConfirmWithCustomer { resolved: true, note: String::new() }).unwrap();
    d.run_at(Some(&c), at(11, 29), Command::RecordSurvey { survey: worked_example_survey() }).unwrap();
    check(&d, 11, 30, &[RecordCaseSummary], &[]);
}

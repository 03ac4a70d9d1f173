//! A tablet whose clock runs a day ahead: its events drag every HLC that observes them
//! forward, but SLA clocks count each step when it was taken on its own device (`at`), and
//! the import shows which device's clock looks wrong. Durations between steps of devices
//! whose clocks disagree never go negative.

use chrono::{NaiveDateTime, TimeDelta};

use super::{local, Device};
use crate::domain::batch::format::Selection;
use crate::domain::batch::{plan_import, read_batch, write_batch, ExportRequest, ReadOptions};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::communication::ProgressUpdate;
use crate::domain::config::DomainConfig;
use crate::domain::device::DeviceIdentity;
use crate::domain::event::{Event, NewEvent};
use crate::domain::fold::fold;
use crate::domain::hlc::Hlc;
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::intake::tests::example;
use crate::domain::intake::Registration;
use crate::domain::payload::{Body, Confirmation, Registered, Transition};
use crate::domain::plan::{PlanStep, RemedyKind, StepKind};
use crate::domain::responsibility::{DeptReply, DeptRequest};
use crate::domain::skew::{skewed_devices, SkewedDevice, SKEW_TOLERANCE_MS};
use crate::domain::sla::{ClockKind, ClockState, ClockView};
use crate::domain::survey::tests::worked_example_survey;
use crate::domain::survey::Survey;
use crate::domain::workflow::{Status, TransitionCause};

const DAY: i64 = 24 * 3_600_000;

/// Real time on Monday 9 October 2023 (business wall clock).
fn real(h: u32, m: u32) -> NaiveDateTime {
    local(2023, 10, 9, h, m)
}

fn clock(views: &[ClockView], kind: ClockKind) -> &ClockView {
    views.iter().find(|v| v.instance.kind == kind).unwrap()
}

/// B's events exported as a batch file and planned for import on A at A's `now_ms`.
fn export_import(from: &Device, to: &mut Device, created_ms: i64, now_ms: i64) -> crate::domain::batch::ImportPlan {
    let id = DeviceIdentity { id: from.id.clone(), code: from.code.clone(), name: "fast tablet".into() };
    let request = ExportRequest { device: &id, created_ms, day: real(0, 0).date(), sequence: 1, selection: Selection::All };
    let file = write_batch(&request, from.events.iter(), &[]).unwrap();
    let batch = read_batch(file.text.as_bytes(), ReadOptions::default()).unwrap();
    let plan = plan_import(&batch, &to.events, &to.id, now_ms);
    plan.apply_to(&mut to.events);
    if let Some(h) = plan.max_hlc() {
        to.clock = to.clock.observe(h, now_ms);
    }
    plan
}

/// A registers at 09:00; B (a day ahead) assigns the handler at real 09:30; A imports that at
/// 09:45 and then investigates, gives a progress update at 10:15 and proposes a plan at 11:00.
fn scenario() -> (Device, Device, ComplaintId, crate::domain::batch::ImportPlan) {
    let mut a = Device::new("dev-a", "AAA", "li", DomainConfig::default());
    let mut b = Device::new("dev-b", "BBB", "wang", DomainConfig::default());
    let registration = Registration { received_at: real(8, 30), ..example() };
    let c = a.run_at(None, real(9, 0), Command::Register { registration, serial: 1 }).unwrap()[0].id().clone();
    let classification = Classification { type_key: "billing".into(), subtype: None };
    a.run_at(Some(&c), real(9, 1), Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None }).unwrap();
    let b_clock = |t: NaiveDateTime| t + TimeDelta::days(1);
    b.import(&a.events, b.ms(b_clock(real(9, 20))));
    b.run_at(Some(&c), b_clock(real(9, 30)), Command::AssignHandler { handler: "qian".into() }).unwrap();
    let (created, now) = (b.ms(b_clock(real(9, 40))), a.ms(real(9, 45)));
    let plan = export_import(&b, &mut a, created, now);
    a.run_at(Some(&c), real(10, 0), Command::StartInvestigation { note: String::new() }).unwrap();
    let update = ProgressUpdate { text: "已联系财务".into(), new_eta: None, explained: true };
    a.run_at(Some(&c), real(10, 15), Command::ProgressUpdate { update }).unwrap();
    let step = PlanStep { kind: StepKind::Remedy(RemedyKind::Refund), text: "退款".into(), owner: "finance".into(), deadline: real(18, 0), amount_cents: Some(100) };
    a.run_at(Some(&c), real(10, 50), Command::PlanStep { step }).unwrap();
    a.run_at(Some(&c), real(11, 0), Command::ProposePlan { note: String::new() }).unwrap();
    (a, b, c, plan)
}

#[test]
fn a_fast_clock_elsewhere_does_not_make_this_devices_steps_late() {
    let (a, _, c, _) = scenario();
    let st = a.state(&c);
    let handler = st.field(crate::domain::fields::FieldKey::Handler).unwrap().winner().unwrap();
    assert_eq!(handler.at_ms, a.ms(real(9, 30)) + DAY, "B's step at B's clock");
    // A's steps are ordered after B's (their HLCs were dragged a day ahead) ...
    let proposed = st.last_transition(|t| t.to == crate::domain::workflow::Status::PlanProposed).unwrap();
    assert!(proposed.hlc > handler.hlc && proposed.hlc.ms >= a.ms(real(9, 30)) + DAY);
    // ... but taken, and counted, at A's real time.
    assert_eq!(proposed.at_ms, a.ms(real(11, 0)));
    let facts = st.sla_facts(&a.config).unwrap();
    assert_eq!(facts.plan_proposed, Some(a.ms(real(11, 0))));
    assert_eq!(facts.progress_updates, vec![a.ms(real(10, 15))]);
    assert_eq!(facts.registered, Some(a.ms(real(9, 0))));
    let views = st.clocks(&a.config, a.ms(real(11, 5)));
    let plan = clock(&views, ClockKind::InitialPlan);
    assert_eq!((plan.instance.stop, plan.state), (Some(a.ms(real(11, 0))), ClockState::Met));
    assert_eq!(clock(&views, ClockKind::ProgressUpdate).state, ClockState::Met);
    assert_eq!(clock(&views, ClockKind::Registration).state, ClockState::Met);
    // The trail shows when each step was taken.
    let trail: Vec<i64> = st.trail.iter().filter(|t| t.device == "dev-a").map(|t| t.at_ms).collect();
    assert!(trail.iter().all(|t| *t <= a.ms(real(11, 0))), "{trail:?}");
}

#[test]
fn the_import_names_the_device_whose_clock_runs_ahead() {
    let (a, b, _, plan) = scenario();
    let s = plan.summary();
    assert_eq!((s.new_events, s.skewed_devices), (1, 1), "only B's own step is new to A");
    let b_ahead = b.ms(real(9, 30)) + DAY - a.ms(real(9, 45));
    assert_eq!(plan.skewed, vec![SkewedDevice { device: "dev-b".into(), ahead_ms: b_ahead, events: 1 }]);
    // Over everything A holds now: B still, A not (its HLCs ran ahead, its clock did not).
    let later = a.ms(real(11, 5));
    assert_eq!(skewed_devices(a.events.iter(), later), vec![SkewedDevice { device: "dev-b".into(), ahead_ms: b.ms(real(9, 30)) + DAY - later, events: 1 }]);
    assert!(a.events.iter().filter(|e| e.device() == "dev-a").any(|e| e.hlc().ms - later > SKEW_TOLERANCE_MS));
    // Once real time has caught up with B's clock, nothing looks wrong any more.
    assert!(skewed_devices(a.events.iter(), later + DAY).is_empty());
}

/// A step of a hand-made history (the fold does not check legality).
// Only the property tests (native: proptest is not built for wasm32) use every step.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Wait,
    Resume,
    Resolve,
    Close,
    Reopen,
    Progress,
    Survey,
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    ReSurvey,
    Request,
    Reply,
}

// Only the property tests (native) draw from every step.
#[cfg(not(target_arch = "wasm32"))]
const STEPS: [Step; 10] = [Step::Wait, Step::Resume, Step::Resolve, Step::Close, Step::Reopen, Step::Progress, Step::Survey, Step::ReSurvey, Step::Request, Step::Reply];
const H: i64 = 3_600_000;

/// Received and registered at `t0`; then `steps` in this HLC order, each taken at `t0 + offset`
/// by its device's clock (`None`: an older app's event without `at`).
fn timed_history(t0: i64, steps: &[(Step, Option<i64>)]) -> (ComplaintId, Vec<Event>) {
    let cal = DomainConfig::default().calendar;
    let event = |id: EventId, c: &ComplaintId, hlc: Hlc, at: Option<i64>, body: Body| {
        let parts = NewEvent { id, complaint: c.clone(), device: "d".into(), actor: "p".into(), hlc, at, base: None, kind: body.kind().into(), v: 1, payload: body.to_json().unwrap() };
        Event::build(parts).unwrap()
    };
    let reg_hlc = Hlc { ms: t0, c: 0 };
    let c = EventId::new(reg_hlc, [0; 10], 0);
    let registration = Registration { received_at: cal.local(t0), ..example() };
    let reg = Registered { number: "N".into(), day: cal.local(t0).date(), serial: 1, device_code: "AA".into(), registration, source: None };
    let mut events = vec![event(c.clone(), &c, reg_hlc, Some(t0), Body::Registered(reg))];
    let (mut status, mut previous, mut request) = (Status::Investigating, Vec::new(), None);
    for (i, (step, offset)) in steps.iter().enumerate() {
        let hlc = Hlc { ms: t0 + (i as i64 + 1) * 60_000, c: 0 };
        let id = EventId::new(hlc, [i as u8 + 1; 10], 0);
        let transition = |to, cause, confirmation| {
            Body::Transition(Transition { from: status, to, cause, supersedes: previous.clone(), note: String::new(), resume_to: None, plan_response: None, confirmation })
        };
        let body = match step {
            Step::Wait => transition(Status::WaitingOnCustomer, TransitionCause::Wait, None),
            Step::Resume => transition(Status::Investigating, TransitionCause::Resume, None),
            Step::Resolve => transition(Status::Resolved, TransitionCause::MarkResolved, None),
            Step::Close => transition(Status::Closed, TransitionCause::CustomerConfirmedResolved, Some(Confirmation { resolved: true, note: String::new() })),
            Step::Reopen => transition(Status::Investigating, TransitionCause::Reopen, None),
            Step::Progress => Body::Progress(ProgressUpdate { text: "p".into(), new_eta: None, explained: true }),
            Step::Survey => Body::Survey(worked_example_survey()),
            Step::ReSurvey => Body::Survey(Survey { re_survey: true, ..worked_example_survey() }),
            Step::Request => Body::DeptRequested(DeptRequest { department: "finance".into(), need: "n".into(), deadline: None }),
            Step::Reply => Body::DeptReplied(DeptReply { request: request.as_ref().map_or("missing".into(), EventId::to_string), reply: "r".into() }),
        };
        match &body {
            Body::Transition(t) => (status, previous) = (t.to, vec![id.clone()]),
            Body::DeptRequested(_) => request = Some(id.clone()),
            _ => {}
        }
        events.push(event(id, &c, hlc, offset.map(|o| t0 + o), body));
    }
    (c, events)
}

fn monday_10() -> i64 {
    DomainConfig::default().calendar.utc(real(10, 0))
}

#[test]
fn durations_between_devices_never_go_negative() {
    use Step::*;
    let t0 = monday_10();
    // B's clock is a day ahead, A's right; they take turns.
    let steps = [(Wait, DAY), (Resume, 2 * H), (Progress, 3 * H), (Request, DAY), (Reply, 4 * H), (Resolve, -H), (Survey, -2 * H), (Close, DAY), (Reopen, 5 * H), (Resolve, 6 * H)];
    let (c, events) = timed_history(t0, &steps.map(|(s, o)| (s, Some(o))));
    let config = DomainConfig::default();
    let facts = fold(&c, events.iter()).sla_facts(&config).unwrap();
    assert_eq!(facts.pauses, vec![(t0 + DAY, Some(t0 + DAY))], "a pause that ends before it starts counts 0");
    let rounds: Vec<_> = facts.rounds.iter().map(|r| (r.start, r.resolved)).collect();
    assert_eq!(rounds, [(t0, Some(t0)), (t0 + DAY, Some(t0 + DAY))], "resolved before its round began: at the start; reopened before the closing: at the closing");
    assert_eq!(facts.progress_updates, [t0 + 3 * H]);
    assert_eq!(facts.dept_requests[0].replied, Some(t0 + DAY), "a reply never before its request");
    assert_eq!(facts.follow_ups, [t0, t0 + DAY], "the survey never before the resolution it follows");
    assert_eq!(facts.closed, [t0 + DAY]);
    let views = facts.evaluate(&config.sla, &config.calendar, t0 + 2 * DAY);
    assert!(views.iter().all(|v| v.used_ms >= 0), "{views:?}");
    for kind in [ClockKind::Resolution, ClockKind::SatisfactionFollowUp, ClockKind::DepartmentReply] {
        assert_eq!(clock(&views, kind).state, ClockState::Met, "{kind:?}");
    }
}

#[test]
fn times_in_fold_order_are_taken_as_they_are() {
    use Step::*;
    let t0 = monday_10();
    let steps = [(Progress, H), (Wait, 2 * H), (Resume, 3 * H), (Resolve, 4 * H), (Survey, 5 * H), (Close, 6 * H), (Reopen, 7 * H), (Resolve, 8 * H)];
    let with_at = timed_history(t0, &steps.map(|(s, o)| (s, Some(o))));
    let facts = fold(&with_at.0, with_at.1.iter()).sla_facts(&DomainConfig::default()).unwrap();
    assert_eq!(facts.pauses, [(t0 + 2 * H, Some(t0 + 3 * H))]);
    let rounds: Vec<_> = facts.rounds.iter().map(|r| (r.start, r.resolved)).collect();
    assert_eq!(rounds, [(t0, Some(t0 + 4 * H)), (t0 + 7 * H, Some(t0 + 8 * H))]);
    assert_eq!((facts.progress_updates, facts.follow_ups, facts.closed), (vec![t0 + H], vec![t0 + 5 * H, t0 + 6 * H], vec![t0 + 6 * H]));
    // Older events without `at`: their HLCs (one minute apart) are the times, as before.
    let old = timed_history(t0, &steps.map(|(s, _)| (s, None)));
    let facts = fold(&old.0, old.1.iter()).sla_facts(&DomainConfig::default()).unwrap();
    let minute = |n: i64| t0 + n * 60_000;
    assert_eq!(facts.pauses, [(minute(2), Some(minute(3)))]);
    assert_eq!(facts.rounds.iter().map(|r| (r.start, r.resolved)).collect::<Vec<_>>(), [(t0, Some(minute(4))), (minute(7), Some(minute(8)))]);
    assert_eq!(facts.registered, Some(t0));
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the devices' clocks say, SLA facts hold no negative interval, pauses are in
        /// order and apart, and every clock evaluates without panicking to non-negative use.
        #[test]
        fn skewed_times_fold_to_sane_clocks(
            steps in prop::collection::vec((0usize..STEPS.len(), prop::option::weighted(0.9, -3 * DAY..3 * DAY)), 0..30),
            later in 0i64..5 * DAY,
        ) {
            let t0 = monday_10();
            let steps: Vec<_> = steps.into_iter().map(|(s, o)| (STEPS[s], o)).collect();
            let (c, events) = timed_history(t0, &steps);
            let config = DomainConfig::default();
            let facts = fold(&c, events.iter()).sla_facts(&config).unwrap();
            for w in facts.pauses.windows(2) {
                prop_assert!(w[0].1.is_some_and(|end| end <= w[1].0), "{:?}", facts.pauses);
            }
            prop_assert!(facts.pauses.iter().all(|(s, e)| e.is_none_or(|e| e >= *s)));
            prop_assert!(facts.rounds.iter().all(|r| r.resolved.is_none_or(|x| x >= r.start)), "{:?}", facts.rounds);
            prop_assert!(facts.dept_requests.iter().all(|d| d.replied.is_none_or(|x| x >= d.start)));
            for v in facts.evaluate(&config.sla, &config.calendar, t0 + later) {
                prop_assert!(v.used_ms >= 0 && v.budget_ms >= 0, "{v:?}");
            }
        }

        /// Times that follow the fold order (one device, or clocks that agree) are counted as
        /// they are: the floors only ever matter when clocks disagree.
        #[test]
        fn ordered_times_are_unchanged(steps in prop::collection::vec((0usize..STEPS.len(), 0i64..3 * DAY), 0..30)) {
            let t0 = monday_10();
            let mut offsets: Vec<i64> = steps.iter().map(|s| s.1).collect();
            offsets.sort_unstable();
            let steps: Vec<_> = steps.iter().zip(offsets).map(|((s, _), o)| (STEPS[*s], Some(o))).collect();
            let (c, events) = timed_history(t0, &steps);
            let facts = fold(&c, events.iter()).sla_facts(&DomainConfig::default()).unwrap();
            let at = |want: Step| steps.iter().filter(|s| s.0 == want).map(|s| t0 + s.1.unwrap()).collect::<Vec<_>>();
            prop_assert_eq!(&facts.progress_updates, &at(Step::Progress));
            prop_assert_eq!(&facts.closed, &at(Step::Close));
            prop_assert_eq!(&facts.re_surveys, &at(Step::ReSurvey));
            prop_assert_eq!(facts.rounds.iter().skip(1).map(|r| r.start).collect::<Vec<_>>(), at(Step::Reopen));
            let requests = at(Step::Request);
            prop_assert_eq!(facts.dept_requests.iter().map(|d| d.start).collect::<Vec<_>>(), requests);
        }
    }
}

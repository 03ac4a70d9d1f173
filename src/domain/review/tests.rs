//! Hand-computed review of October 2023 on the China 2023 calendar (National Day holiday
//! 29 Sep – 6 Oct, make-up working days Sat 7 and Sun 8 Oct; working time 09–12, 13–18).
//!
//! - A: received on the holiday (Sun 1 Oct 09:30), first reached Sat 7 Oct 09:30 (30 working
//!   minutes: the make-up Saturday is the first working day), resolved Mon 9 Oct 10:00 (7 Oct
//!   8 h + 8 Oct 8 h + 1 h = 1020 min, in time: due 9 Oct 18:00), surveyed "satisfied".
//! - B: received Mon 9 Oct 09:00 but registered Wed 11 Oct 10:00 (registration 24 h: late),
//!   never contacted: first contact and resolution overdue at the review.
//! - C: received Tue 10 Oct 09:00, reached 09:30, waited on the customer Tue 10:00 → Thu 12
//!   10:00, resolved Fri 13 Oct 12:00: 27 working hours, 16 of them waiting → 660 min, in time
//!   only because the pause moves the due time. Surveyed "fairly satisfied".
//! - D: same customer as C, same product as A; resolved Mon 16 Oct, closed, reopened Wed 18,
//!   resolved again: one complaint, two resolution clocks, reopened and second round.
//! - E: closed after three failed contact attempts: first contact met late, no contact time.
//! - Z: received 28 Sep, outside the period.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::channel::Channel;
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::communication::{CommEntry, ContactResult, Direction};
use crate::domain::config::DomainConfig;
use crate::domain::ids::ComplaintId;
use crate::domain::intake::tests::example;
use crate::domain::intake::Registration;
use crate::domain::investigation::Verification;
use crate::domain::plan::{Approval, PlanResponse, PlanStep, RemedyKind, StepClosed, StepKind, StepOutcome};
use crate::domain::sla::{BusinessCalendar, ClockKind};
use crate::domain::survey::tests::worked_example_survey;
use crate::domain::survey::{Rating, Survey, Verdict};
use crate::domain::tests::{local, Device};

fn at(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    local(2023, m, d, h, min)
}

fn config() -> DomainConfig {
    DomainConfig { calendar: BusinessCalendar::china_2023(), ..DomainConfig::default() }
}

struct Spec {
    received: NaiveDateTime,
    registered: NaiveDateTime,
    phone: &'static str,
    /// Empty: an anonymous customer.
    name: &'static str,
    product: &'static str,
    channel: Channel,
    type_key: &'static str,
    subtype: Option<&'static str>,
    urgency: Urgency,
    department: &'static str,
}

fn register(d: &mut Device, s: &Spec) -> ComplaintId {
    let mut registration = Registration { received_at: s.received, channel: s.channel, ..example() };
    registration.customer.phone = s.phone.into();
    registration.customer.name = s.name.into();
    registration.customer.anonymous = s.name.is_empty();
    registration.incident.product = s.product.into();
    registration.incident.occurred_at = None;
    let c = d.run_at(None, s.registered, Command::Register { registration, serial: 1 }).unwrap()[0].id().clone();
    let then = s.registered + chrono::Duration::minutes(1);
    let classification = Classification { type_key: s.type_key.into(), subtype: s.subtype.map(Into::into) };
    d.run_at(Some(&c), then, Command::Classify { classification, urgency: s.urgency, severity: None, nature: None, request_type: None }).unwrap();
    d.run_at(Some(&c), then, Command::Route { department: Some(s.department.into()) }).unwrap();
    d.run_at(Some(&c), then, Command::AssignHandler { handler: "qian".into() }).unwrap();
    d.run_at(Some(&c), then, Command::StartInvestigation { note: String::new() }).unwrap();
    c
}

fn contact(d: &mut Device, c: &ComplaintId, t: NaiveDateTime, result: ContactResult) {
    let entry = CommEntry { at: t, channel: Channel::Phone, direction: Direction::Outbound, who: "li".into(), summary: "电话".into(), result: Some(result) };
    d.run_at(Some(c), t, Command::LogCommunication { entry }).unwrap();
}

/// One plan, approved, accepted, done and verified, then resolved at `t` (the plan steps a
/// few minutes before, so the initial-plan clock is met within its four working hours when
/// `t` is early enough).
fn resolve(d: &mut Device, c: &ComplaintId, plan_at: NaiveDateTime, t: NaiveDateTime) {
    let step = PlanStep { kind: StepKind::Remedy(RemedyKind::Refund), text: "退款".into(), owner: "finance".into(), deadline: t, amount_cents: Some(100) };
    let step = d.run_at(Some(c), plan_at, Command::PlanStep { step }).unwrap()[0].id().to_string();
    d.run_at(Some(c), plan_at, Command::ProposePlan { note: String::new() }).unwrap();
    d.run_at(Some(c), plan_at, Command::ApprovePlan { approval: Approval { approver: "m".into(), note: String::new() } }).unwrap();
    d.run_at(Some(c), plan_at, Command::RespondToPlan { response: PlanResponse { accepted: true, reason: String::new() } }).unwrap();
    d.run_at(Some(c), t, Command::CloseStep { close: StepClosed { step, outcome: StepOutcome::Done, note: String::new() } }).unwrap();
    d.run_at(Some(c), t, Command::RecordVerification { verification: Verification { confirmed: true, result: "ok".into() } }).unwrap();
    d.run_at(Some(c), t, Command::MarkResolved { note: String::new() }).unwrap();
}

fn confirm(d: &mut Device, c: &ComplaintId, t: NaiveDateTime) {
    d.run_at(Some(c), t, Command::ConfirmWithCustomer { resolved: true, note: String::new() }).unwrap();
}

fn fairly() -> Survey {
    let r = |s: u8| Rating { score: s, comment: String::new() };
    Survey { attitude: r(4), efficiency: r(3), competence: r(4), clarity: r(4), overall: r(4), verdict: Verdict::FairlySatisfied, ..worked_example_survey() }
}

fn spec(received: NaiveDateTime, registered: NaiveDateTime) -> Spec {
    Spec {
        received,
        registered,
        phone: "13800000001",
        name: "王",
        product: "空调 KF-35",
        channel: Channel::Phone,
        type_key: "product_quality",
        subtype: Some("malfunction"),
        urgency: Urgency::Normal,
        department: "after_sales",
    }
}

/// The device after the story above, and the review's "now" (Tue 31 Oct 18:00).
fn october() -> (Device, Vec<ComplaintId>, i64) {
    let mut d = Device::new("tablet-r", "R2", "li", config());
    let a = register(&mut d, &spec(at(10, 1, 9, 30), at(10, 1, 10, 0)));
    contact(&mut d, &a, at(10, 7, 9, 30), ContactResult::Reached);
    resolve(&mut d, &a, at(10, 7, 9, 40), at(10, 9, 10, 0));
    confirm(&mut d, &a, at(10, 9, 11, 0));
    d.run_at(Some(&a), at(10, 9, 11, 5), Command::RecordSurvey { survey: worked_example_survey() }).unwrap();

    let b = register(&mut d, &Spec { phone: "13900000002", product: "冰箱", channel: Channel::Web, ..spec(at(10, 9, 9, 0), at(10, 11, 10, 0)) });

    let c_spec = Spec { phone: "13700000003", product: "洗衣机", type_key: "service_attitude", subtype: Some("rude"), department: "customer_service", ..spec(at(10, 10, 9, 0), at(10, 10, 9, 5)) };
    let c = register(&mut d, &c_spec);
    contact(&mut d, &c, at(10, 10, 9, 30), ContactResult::Reached);
    d.run_at(Some(&c), at(10, 10, 10, 0), Command::Wait { on_customer: true, reason: "等客户在家".into() }).unwrap();
    d.run_at(Some(&c), at(10, 12, 10, 0), Command::Resume { note: String::new() }).unwrap();
    resolve(&mut d, &c, at(10, 12, 10, 5), at(10, 13, 12, 0));
    confirm(&mut d, &c, at(10, 13, 14, 0));
    d.run_at(Some(&c), at(10, 13, 14, 5), Command::RecordSurvey { survey: fairly() }).unwrap();

    let dd = register(&mut d, &Spec { phone: "137-0000-0003", ..spec(at(10, 16, 9, 0), at(10, 16, 9, 5)) });
    contact(&mut d, &dd, at(10, 16, 9, 20), ContactResult::Reached);
    resolve(&mut d, &dd, at(10, 16, 9, 30), at(10, 16, 15, 0));
    confirm(&mut d, &dd, at(10, 17, 9, 0));
    d.run_at(Some(&dd), at(10, 18, 9, 0), Command::Reopen { reason: "又坏了".into() }).unwrap();
    resolve(&mut d, &dd, at(10, 18, 9, 30), at(10, 18, 12, 0));
    confirm(&mut d, &dd, at(10, 18, 14, 0));

    let e = register(&mut d, &Spec { phone: "13600000004", product: "电视", channel: Channel::Web, type_key: "billing", subtype: None, urgency: Urgency::Low, department: "customer_service", ..spec(at(10, 20, 9, 0), at(10, 20, 9, 5)) });
    resolve(&mut d, &e, at(10, 20, 9, 10), at(10, 20, 11, 0));
    for h in [13, 14, 15] {
        contact(&mut d, &e, at(10, 20, h, 0), ContactResult::Failed);
    }
    d.run_at(Some(&e), at(10, 20, 16, 0), Command::CloseAfterFailedContact { note: String::new() }).unwrap();

    let z = register(&mut d, &spec(at(9, 28, 9, 0), at(9, 28, 9, 5)));
    let now = d.ms(at(10, 31, 18, 0));
    (d, vec![a, b, c, dd, e, z], now)
}

fn rows(d: &Device, ids: &[ComplaintId], now: i64) -> Vec<ReviewRow> {
    ids.iter().map(|c| ReviewRow::of(&d.state(c), &d.config, now).unwrap()).collect()
}

fn review(rows: &[ReviewRow], period: Period, filter: ReviewFilter, cal: &BusinessCalendar, now: i64) -> ReviewReport {
    let mut r = Review::new(period, filter, cal, now);
    for row in rows {
        r.add(row);
        r.add_open(row);
    }
    r.finish()
}

fn october_period() -> Period {
    Period::month_of(NaiveDate::from_ymd_opt(2023, 10, 17).unwrap())
}

#[test]
fn rows_hold_the_hand_computed_times_and_flags() {
    let (d, ids, now) = october();
    let r = rows(&d, &ids, now);
    let (a, b, c, dd, e) = (&r[0], &r[1], &r[2], &r[3], &r[4]);
    assert_eq!((a.first_contact_min, a.resolution_min), (Some(30), Some(1020)), "the holiday counts no working time");
    assert!(!a.registered_late() && b.registered_late(), "B was registered 49 hours after receipt");
    assert_eq!((b.first_contact_min, b.resolution_min, b.open_ms), (None, None, Some(b.received_ms)));
    assert_eq!((c.first_contact_min, c.resolution_min), (Some(30), Some(660)), "waiting excluded");
    let outcome = |row: &ReviewRow, kind: ClockKind| row.clocks.iter().filter(|c| c.kind == kind).map(|c| c.outcome_at(now)).collect::<Vec<_>>();
    assert_eq!(outcome(c, ClockKind::Resolution), vec![Outcome::Met], "the pause moved the due time past Friday noon");
    assert_eq!(outcome(b, ClockKind::FirstContact), vec![Outcome::Overdue]);
    assert_eq!(outcome(dd, ClockKind::Resolution), vec![Outcome::Met, Outcome::Met], "two rounds, two clocks");
    assert!(dd.reopened && dd.second_round && !c.reopened);
    assert_eq!((dd.first_contact_min, dd.resolution_min), (Some(20), Some(300)));
    assert!(e.closed_after_failed_contact && e.first_contact_min.is_none());
    assert_eq!(outcome(e, ClockKind::FirstContact), vec![Outcome::MetLate]);
    assert_eq!(a.survey.map(|s| (s.scores, s.verdict)), Some(([5, 5, 4, 5, 5], Verdict::Satisfied)));
    assert_eq!(dd.phone_key, c.phone_key, "same customer whatever the formatting");
}

#[test]
fn row_outcomes_are_the_complaint_pages_clock_states() {
    let (d, ids, now) = october();
    for id in &ids {
        let st = d.state(id);
        let row = ReviewRow::of(&st, &d.config, now).unwrap();
        // The row was made at `now`; evaluated later it still agrees with a fresh fold.
        for later in [now, now + 86_400_000 * 40] {
            let live: Vec<Outcome> = st.clocks(&d.config, later).iter().map(|v| row::outcome_of_state(v.state)).collect();
            let stored: Vec<Outcome> = row.clocks.iter().map(|c| c.outcome_at(later)).collect();
            assert_eq!(stored, live, "{id}");
        }
    }
}

#[test]
fn october_review() {
    let (d, ids, now) = october();
    let rows = rows(&d, &ids, now);
    let rep = review(&rows, october_period(), ReviewFilter::default(), &d.config.calendar, now);
    assert_eq!(rep.received, 5, "Z is September; D counts once although reopened");
    let counts = |v: &[report::Count]| v.iter().map(|c| (c.key.clone(), c.n)).collect::<Vec<_>>();
    assert_eq!(counts(&rep.by_type), [("product_quality".into(), 3), ("billing".into(), 1), ("service_attitude".into(), 1)]);
    assert_eq!(counts(&rep.by_department), [("after_sales".into(), 3), ("customer_service".into(), 2)]);
    assert_eq!(rep.by_channel.iter().filter(|(_, n)| *n > 0).copied().collect::<Vec<_>>(), [(Channel::Phone, 3), (Channel::Web, 2)]);
    assert_eq!(counts(&rep.by_product)[0], ("空调 kf-35".into(), 2));
    assert_eq!(rep.other_products, 0);
    assert_eq!(rep.trend.len(), 31, "daily for a month");
    let on = |day: u32| rep.trend[day as usize - 1].1;
    assert_eq!((on(1), on(9), on(10), on(16), on(20), on(2)), (1, 1, 1, 1, 1, 0));

    let clock = |k: ClockKind| *rep.clocks.iter().find(|c| c.kind == k).unwrap();
    let fc = clock(ClockKind::FirstContact);
    assert_eq!((fc.met, fc.met_late, fc.running, fc.overdue), (3, 1, 0, 1));
    assert_eq!(fc.on_time(), Some(600), "3 of 5");
    let res = clock(ClockKind::Resolution);
    assert_eq!((res.met, res.met_late, res.running, res.overdue), (5, 0, 0, 1), "A, C, D twice, E; B overdue");
    assert_eq!(res.on_time(), Some(833));
    let reg = clock(ClockKind::Registration);
    assert_eq!((reg.met, reg.met_late), (4, 1));
    assert_eq!(rep.registered_late, 1);

    // First contact: 20, 30, 30 → median 30, p90 30. Resolution: 300, 660, 1020, 120 (E:
    // Fri 20 Oct 09:00 → 11:00) → sorted 120, 300, 660, 1020: median 300, p90 1020.
    assert_eq!((rep.first_contact.n, rep.first_contact.median, rep.first_contact.p90), (3, Some(30), Some(30)));
    assert_eq!((rep.resolution.n, rep.resolution.median, rep.resolution.p90), (4, Some(300), Some(1020)));
    assert_eq!(report::hours_text(rep.resolution.median), "5.0");

    let s = rep.satisfaction;
    assert_eq!((s.resolved, s.surveyed), (4, 2), "A, C, D, E resolved; A and C surveyed");
    assert_eq!(s.response_rate(), Some(500));
    assert_eq!((s.average(0), s.average(1), s.average(2)), (Some(450), Some(400), Some(400)));
    assert_eq!(s.verdicts, [1, 1, 0, 0]);
    assert_eq!(s.points(), Some(8500));
    assert_eq!((rep.reopened, rep.second_round, rep.closed_after_failed_contact), (1, 1, 1));

    // Categories: product_quality/malfunction 3 (60 %, high), service_attitude/rude 1 and
    // billing 1 (20 %, high). Department "late" counts the commitments only: A and D were
    // late on their progress-update reminder, which has its own rate. All high; urgencies: 4 normal, 1 low.
    let cat = &rep.categories[0];
    assert_eq!((cat.type_key.as_str(), cat.subtype.as_deref(), cat.n, cat.share, cat.frequency), ("product_quality", Some("malfunction"), 3, 600, report::Frequency::High));
    assert_eq!(rep.matrix, [[0, 4, 1], [0, 0, 0], [0, 0, 0]]);
    assert_eq!((rep.repeat_customers, rep.repeat_customer_complaints), (1, 2), "C and D");
    assert_eq!(counts(&rep.repeat_products), [("空调 kf-35".into(), 2)]);

    let dept = |k: &str| rep.departments.iter().find(|d| d.department == k).unwrap().clone();
    let install = dept("after_sales");
    assert_eq!((install.received, install.on_time, install.late, install.satisfaction()), (3, 2, 1, Some(9000)));
    let service = dept("customer_service");
    assert_eq!((service.received, service.on_time, service.late, service.satisfaction()), (2, 1, 1, Some(8000)));
    // Backlog at 31 Oct 18:00: B (22 days) and Z (33 days, outside the period) are open and
    // overdue; filters apply to the backlog, the period does not.
    assert_eq!(rep.backlog, [0, 0, 0, 1, 1]);
    assert_eq!(rep.backlog_overdue, 2);
}

#[test]
fn filters_and_weeks() {
    let (d, ids, now) = october();
    let rows = rows(&d, &ids, now);
    let cal = &d.config.calendar;
    let only = ReviewFilter { department: Some("customer_service".into()), ..ReviewFilter::default() };
    let rep = review(&rows, october_period(), only, cal, now);
    assert_eq!((rep.received, rep.backlog.iter().sum::<u32>()), (2, 0));
    let web = ReviewFilter { channel: Some(Channel::Web), product: Some(" 冰箱 ".into()), ..ReviewFilter::default() };
    assert_eq!(review(&rows, october_period(), web, cal, now).received, 1);
    // The National Day week: only A (Sunday 1 Oct is the week of 25 Sep).
    let week = Period::week_of(NaiveDate::from_ymd_opt(2023, 10, 4).unwrap());
    assert_eq!((week.first.to_string(), week.last.to_string()), ("2023-10-02".into(), "2023-10-08".into()));
    assert_eq!(review(&rows, week, ReviewFilter::default(), cal, now).received, 0);
    let week = week.step(-1);
    let rep = review(&rows, week, ReviewFilter::default(), cal, now);
    assert_eq!((rep.received, rep.trend[6].1), (2, 1), "Z on Thursday 28 Sep, A on Sunday 1 Oct");
    // A year trends by week.
    let year = Period::custom(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()).unwrap();
    let rep = review(&rows, year, ReviewFilter::default(), cal, now);
    assert_eq!((rep.received, rep.trend.len()), (6, 53));
    assert_eq!(rep.trend.iter().map(|t| t.1).sum::<u32>(), 6);
    assert_eq!(year.bucket_of(NaiveDate::from_ymd_opt(2023, 1, 2).unwrap()), Some(1), "1 Jan 2023 is a Sunday: a bucket of its own");
    assert!(Period::custom(year.last, year.first).is_none());
}

/// October with three customers coming back: B's phone again (F, another name: the first
/// seen is shown), C and D, and an anonymous customer twice (G, H). A's September complaint
/// (Z) lies before the period: A comes back only over a range that takes Z in.
#[test]
fn customers_coming_back() {
    let (mut d, mut ids, now) = october();
    ids.push(register(&mut d, &Spec { phone: "139 0000 0002", name: "陈", ..spec(at(10, 25, 9, 0), at(10, 25, 9, 5)) }));
    ids.push(register(&mut d, &Spec { phone: "13500000005", name: "", ..spec(at(10, 26, 9, 0), at(10, 26, 9, 5)) }));
    ids.push(register(&mut d, &Spec { phone: "135-0000-0005", name: "", ..spec(at(10, 27, 9, 0), at(10, 27, 9, 5)) }));
    let rows = rows(&d, &ids, now);
    assert_eq!((rows[0].customer.as_deref(), rows[7].customer.as_deref()), (Some("王"), Some("")), "anonymous: no name");
    let cal = &d.config.calendar;
    let rep = review(&rows, october_period(), ReviewFilter::default(), cal, now);
    assert_eq!((rep.received, rep.repeat_customers, rep.repeat_customer_complaints), (8, 3, 6));
    let shown = |rep: &ReviewReport| rep.repeat_customer_list.iter().map(|c| (c.name.clone().unwrap(), c.phone_tail.clone(), c.n)).collect::<Vec<_>>();
    // All twice: the most recent first (H 27 Oct, F 25 Oct, D 16 Oct).
    assert_eq!(shown(&rep), [("".into(), "0005".into(), 2), ("王".into(), "0002".into(), 2), ("王".into(), "0003".into(), 2)]);
    let number = |i: usize| rows[i].number.clone();
    assert_eq!(rep.repeat_customer_list[2].numbers, [number(2), number(3)], "C then D");
    assert_eq!(rep.repeat_customer_list[1].key, customers::key_text(customers::customer_key("13900000002")));
    assert!(!rep.repeat_customer_list.iter().any(|c| c.phone_tail == "0001"), "A once in October");

    // From Monday 25 Sep: Z counts, A came back too (the oldest, so last).
    let wider = Period::custom(NaiveDate::from_ymd_opt(2023, 9, 25).unwrap(), NaiveDate::from_ymd_opt(2023, 10, 31).unwrap()).unwrap();
    let rep = review(&rows, wider, ReviewFilter::default(), cal, now);
    assert_eq!((rep.repeat_customers, rep.repeat_customer_complaints), (4, 8));
    assert_eq!(shown(&rep)[3], ("王".into(), "0001".into(), 2));
    // The filters apply: web only leaves B alone (F came by phone).
    let web = ReviewFilter { channel: Some(Channel::Web), ..ReviewFilter::default() };
    assert_eq!(review(&rows, october_period(), web, cal, now).repeat_customers, 0);
}

#[test]
fn customer_rows_are_capped_and_keys_stable() {
    assert_eq!(customers::key_text(customers::customer_key("")), "cbf29ce484222325", "FNV-1a's offset basis");
    assert_eq!(customers::customer_key("a"), 0xaf63_dc4c_8601_ec8c);
    let key = customers::customer_key("13800000001");
    assert_eq!(customers::parse_key(&customers::key_text(key)), Some(key));
    assert_eq!((customers::parse_key("12"), customers::parse_key("zzzzzzzzzzzzzzzz")), (None, None));
    let (d, ids, now) = october();
    let base = rows(&d, &ids[..1], now).remove(0);
    // 12 customers with 3, 2, 2, … complaints, plus a row without phone and a one-timer.
    let mut many = Vec::new();
    for c in 0..12u32 {
        for k in 0..if c == 0 { 7 } else { 2 } {
            many.push(ReviewRow { number: format!("N{c}-{k}"), phone_key: format!("1390000{c:04}"), received_ms: base.received_ms + i64::from(c), ..base.clone() });
        }
    }
    many.push(ReviewRow { phone_key: String::new(), ..base.clone() });
    many.push(ReviewRow { phone_key: "1".into(), ..base.clone() });
    let rep = review(&many, october_period(), ReviewFilter::default(), &d.config.calendar, now);
    assert_eq!((rep.repeat_customers, rep.repeat_customer_complaints), (12, 7 + 22));
    let list = &rep.repeat_customer_list;
    assert_eq!(list.len(), customers::TOP_CUSTOMERS);
    assert_eq!((list[0].n, list[0].numbers.len(), list[0].phone_tail.as_str()), (7, customers::NUMBERS_KEPT, "0000"));
    assert_eq!(list[1].phone_tail, "0011", "then the most recent");
}

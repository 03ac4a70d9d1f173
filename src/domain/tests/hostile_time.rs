//! Times at the ends of chrono's range or outside the accepted range (1900–2200): refused with
//! a typed error, never a panic (the release build aborts on panic) nor a silent wrong value.

use chrono::{NaiveDate, NaiveDateTime};

use super::{local, Device};
use crate::domain::command::{execute, Command, Context};
use crate::domain::communication::{CommEntry, Direction};
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::hlc::Hlc;
use crate::domain::intake::tests::example;
use crate::domain::intake::{FieldIssue, Problem, RegField};
use crate::domain::registration::NewComplaint;
use crate::domain::sla::{BusinessCalendar, Span};

fn day(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

fn problems(r: Result<crate::domain::intake::Registration, Vec<FieldIssue>>) -> Vec<(RegField, Problem)> {
    r.unwrap_err().into_iter().map(|i| (i.field, i.problem)).collect()
}

#[test]
fn a_registration_at_the_end_of_time_is_refused_without_panicking() {
    let mut r = example();
    r.received_at = NaiveDateTime::MAX;
    r.incident.occurred_at = Some(NaiveDateTime::MAX);
    let got = problems(r.validate(NaiveDateTime::MAX));
    assert_eq!(got, vec![(RegField::ReceivedAt, Problem::OutOfRange), (RegField::OccurredAt, Problem::OutOfRange)]);
    assert_eq!(Problem::OutOfRange.code(), "time_out_of_range");
    // The occurrence check against a receipt at the end of time does not overflow either.
    assert!(example().incident.issues(NaiveDateTime::MAX).is_empty());
}

#[test]
fn times_before_1900_and_from_2200_are_refused() {
    let mut r = example();
    r.received_at = day(1899, 12, 31);
    r.incident.occurred_at = Some(day(1850, 1, 1));
    let got = problems(r.validate(day(2023, 10, 1)));
    assert_eq!(got, vec![(RegField::ReceivedAt, Problem::OutOfRange), (RegField::OccurredAt, Problem::OutOfRange)]);
    let mut r = example();
    r.received_at = day(1900, 1, 1);
    r.incident.occurred_at = None;
    assert!(r.validate(day(2023, 10, 1)).is_ok(), "1900 is accepted");
}

#[test]
fn the_short_form_refuses_the_end_of_time_too() {
    let form = |received_at| NewComplaint {
        received_at,
        channel: crate::domain::channel::Channel::Phone,
        customer_name: "王".into(),
        customer_phone: "13800138000".into(),
        product: "p".into(),
        description: "d".into(),
        more: Default::default(),
    };
    let check = |received_at, now| form(received_at).into_registration("li").validate(now);
    assert!(check(day(2023, 10, 1), NaiveDateTime::MAX).is_ok());
    let errors = check(NaiveDateTime::MAX, NaiveDateTime::MAX).unwrap_err();
    assert_eq!((errors[0].field, errors[0].problem), (RegField::ReceivedAt, Problem::OutOfRange));
    assert_eq!(check(day(1899, 1, 1), day(2023, 1, 1)).unwrap_err()[0].problem.code(), "time_out_of_range");
}

#[test]
fn a_device_clock_outside_the_range_refuses_commands() {
    let mut d = Device::new("dev-a", "AA", "li", DomainConfig::default());
    let reg = Command::Register { registration: example(), serial: 1 };
    let config = DomainConfig::default();
    for now_ms in [i64::MAX, i64::MIN, d.ms(day(1899, 6, 1)), d.ms(day(2200, 6, 1))] {
        let ctx = Context { actor: "li", device_id: "dev-b", device_code: "BB", clock: Hlc::default(), now_ms, random: [1; 10], config: &config };
        assert_eq!(execute(None, reg.clone(), &ctx).unwrap_err(), CommandError::ClockOutOfRange);
    }
    assert!(d.run_at(None, local(2023, 10, 1, 9, 31), reg).is_ok());
}

#[test]
fn command_times_outside_the_range_are_refused() {
    let mut d = Device::new("dev-a", "AA", "li", DomainConfig::default());
    let c = d.run_at(None, local(2023, 10, 1, 9, 31), Command::Register { registration: example(), serial: 1 }).unwrap()[0].id().clone();
    let call = |at| Command::LogCommunication {
        entry: CommEntry { at, channel: crate::domain::channel::Channel::Phone, direction: Direction::Outbound, who: "li".into(), summary: "s".into(), result: None },
    };
    let at = local(2023, 10, 1, 10, 0);
    assert_eq!(d.run_at(Some(&c), at, call(NaiveDateTime::MAX)).unwrap_err(), CommandError::TimeOutOfRange("at"));
    assert_eq!(d.run_at(Some(&c), at, call(NaiveDateTime::MIN)).unwrap_err().code(), "time_out_of_range");
    assert_eq!(d.run_at(Some(&c), at, call(local(2023, 10, 2, 10, 0))).unwrap_err(), CommandError::InFuture);
    let mut incident = example().incident;
    incident.occurred_at = Some(NaiveDateTime::MAX);
    let err = d.run_at(Some(&c), at, Command::CorrectIncident { incident }).unwrap_err();
    assert_eq!(err, CommandError::Invalid(vec![FieldIssue { field: RegField::OccurredAt, problem: Problem::OutOfRange }]));
}

#[test]
fn calendar_arithmetic_saturates_at_the_ends_of_time() {
    let c = BusinessCalendar::default();
    assert_eq!(c.local(i64::MAX).date(), NaiveDate::MAX, "not 1970");
    assert_eq!(c.local(i64::MIN).date(), NaiveDate::MIN);
    assert_eq!(c.checked_local(i64::MAX), None);
    assert_eq!(c.due(Span::CalendarHours(24), i64::MAX - 10, &[]), None);
    assert_eq!(c.due(Span::WorkingDays(3), i64::MAX - 10, &[]), None);
    assert_eq!(c.due(Span::CalendarMonths(3), i64::MAX - 10, &[]), None);
    assert_eq!(c.measure(Span::CalendarHours(1), i64::MIN, i64::MAX), i64::MAX);
    assert!(c.working_between(i64::MIN, i64::MAX) > 0);
    assert!(!c.is_working_time(i64::MAX));
    let odd = BusinessCalendar { utc_offset_minutes: i32::MAX, ..BusinessCalendar::default() };
    assert_eq!(odd.validate().unwrap_err().code(), "calendar_bad_offset");
    let _ = (odd.local(0), odd.due(Span::WorkingDays(u32::MAX), 0, &[]), odd.working_between(0, i64::MAX));
    assert_eq!(Hlc { ms: i64::MAX, c: 0 }.drift_from(-1), i64::MAX);
}

//! Native tests of improvement actions: events, validation, merge of concurrent edits, fold,
//! periods.

use chrono::NaiveDate;

use super::*;
use crate::domain::event::Event;
use crate::domain::event_rules::{validate_event, EventError};
use crate::domain::hlc::Hlc;
use crate::domain::ids::EventId;
use crate::domain::keyed::Keyed;
use crate::domain::text::TextError;

const T0: i64 = 1_780_000_000_000; // 2026-05-28

fn ctx(device: &'static str, clock: Hlc, now_ms: i64, seed: u8) -> ActionContext<'static> {
    ActionContext { actor: "Supervisor Zhao", device_id: device, clock, now_ms, random: [seed; 10] }
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn input(title: &str, status: ActionStatus) -> ActionInput {
    ActionInput { title: title.into(), owner: "Li Wei".into(), due: day("2026-06-30"), status, note: String::new() }
}

fn problem() -> Problem {
    Problem { kind: ProblemKind::Category, key: "installation".into(), label: "Installation 30 %".into() }
}

fn cref(seed: u8, number: &str) -> ComplaintRef {
    ComplaintRef { id: EventId::new(Hlc { ms: T0 - 86_400_000, c: 0 }, [seed; 10], 0), number: number.into() }
}

fn created() -> Vec<Event> {
    create(&input("Install checklist", ActionStatus::Planned), &problem(), &[cref(1, "A-1"), cref(2, "A-2")], &ctx("dev-a", Hlc::default(), T0, 7)).unwrap().events
}

fn state(events: &[Event]) -> ActionState {
    fold_action(events[0].complaint(), events.iter())
}

#[test]
fn keys_are_what_serde_stores() {
    fn check<T: Keyed + serde::Serialize + std::fmt::Debug>() {
        for v in T::all() {
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(v.key().into()), "{v:?}");
        }
    }
    check::<ActionStatus>();
    check::<ProblemKind>();
    check::<ActionField>();
    assert_eq!(ActionStatus::InProgress.key(), "in_progress");
}

#[test]
fn create_makes_one_stream_whose_id_is_its_first_event() {
    let events = created();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!((e.kind(), e.version(), e.id()), ("action_created", 1, e.complaint()));
    assert!(e.payload_json().starts_with(r#"{"title":"Install checklist","problem":{"kind":"category","key":"installation","label":"Installation 30 %"},"owner":"Li Wei","due":"2026-06-30","status":"planned""#));
    assert_eq!(validate_event(e), Ok(()));
    let s = ActionSummary::of(&state(&events)).unwrap();
    assert_eq!((s.title.as_str(), s.owner.as_str(), s.status, s.complaints.len()), ("Install checklist", "Li Wei", ActionStatus::Planned, 2));
    assert_eq!((s.created_ms, s.status_log.clone()), (T0, vec![(T0, ActionStatus::Planned)]));
    assert!(s.conflicts.is_empty());
    // The complaint fold does not take an action's stream for a complaint.
    assert!(!crate::domain::fold::fold(e.complaint(), events.iter()).is_registered());
    assert!(is_action_stream(&events));
}

#[test]
fn bad_input_is_refused_with_its_field() {
    let c = ctx("dev-a", Hlc::default(), T0, 1);
    let p = problem();
    let err = |i: ActionInput, refs: &[ComplaintRef]| create(&i, &p, refs, &c).unwrap_err();
    assert_eq!(err(input("  ", ActionStatus::Planned), &[]), ActionError::Text { field: ActionField::Title, error: TextError::Required });
    let mut i = input("ok", ActionStatus::Planned);
    i.owner = "Li\u{202E}Wei".into();
    let e = err(i, &[]);
    assert_eq!((e.code(), e.field()), ("bidi_control", Some(ActionField::Owner)));
    let mut i = input("ok", ActionStatus::Planned);
    i.due = day("2300-01-01");
    assert_eq!(err(i, &[]).code(), "action_due_out_of_range");
    let mut i = input("ok", ActionStatus::Planned);
    i.note = "x".repeat(2001);
    assert_eq!(err(i, &[]), ActionError::Text { field: ActionField::Note, error: TextError::TooLong });
    let bad = ComplaintRef { id: EventId::from("not-a-ulid"), number: "A-1".into() };
    assert_eq!(err(input("ok", ActionStatus::Planned), &[bad]).code(), "action_bad_complaint");
    let many: Vec<ComplaintRef> = (0..=MAX_LINKS).map(|i| ComplaintRef { id: EventId::new(Hlc { ms: T0, c: 0 }, [0; 10], i as u16), number: String::new() }).collect();
    assert_eq!(err(input("ok", ActionStatus::Planned), &many).code(), "action_too_many_complaints");
    let p = Problem { label: "\u{1b}[31m".into(), ..problem() };
    assert_eq!(create(&input("ok", ActionStatus::Planned), &p, &[], &c).unwrap_err().field(), Some(ActionField::Problem));
}

#[test]
fn edit_writes_only_what_changed() {
    let events = created();
    let st = state(&events);
    let c = ctx("dev-a", Hlc { ms: T0, c: 0 }, T0 + 1000, 2);
    assert!(edit(&st, &input("Install checklist", ActionStatus::Planned), &c).unwrap().events.is_empty());
    let issued = edit(&st, &input("Install checklist", ActionStatus::InProgress), &c).unwrap();
    assert_eq!(issued.events.len(), 1);
    let e = &issued.events[0];
    assert_eq!((e.kind(), e.complaint(), e.base()), ("action_set", events[0].id(), Some(events[0].id())));
    assert_eq!(e.payload_json(), format!(r#"{{"changes":[{{"field":"status","value":"in_progress","supersedes":["{}"]}}]}}"#, events[0].id()));
    assert_eq!(validate_event(e), Ok(()));
    let all: Vec<Event> = events.iter().chain(&issued.events).cloned().collect();
    let s = ActionSummary::of(&state(&all)).unwrap();
    assert_eq!(s.status, ActionStatus::InProgress);
    assert_eq!(s.status_log, vec![(T0, ActionStatus::Planned), (T0 + 1000, ActionStatus::InProgress)]);
}

#[test]
fn concurrent_edits_on_two_devices_become_a_conflict_until_saved_over() {
    let events = created();
    let st = state(&events);
    let a = edit(&st, &input("Install checklist", ActionStatus::Done), &ctx("dev-a", Hlc { ms: T0, c: 0 }, T0 + 1000, 3)).unwrap().events;
    let b = edit(&st, &input("Install checklist", ActionStatus::Dropped), &ctx("dev-b", Hlc { ms: T0, c: 0 }, T0 + 2000, 4)).unwrap().events;
    let one: Vec<Event> = events.iter().chain(&a).chain(&b).cloned().collect();
    let mut other: Vec<Event> = b.iter().chain(&a).chain(&events).chain(&a).cloned().collect();
    other.reverse();
    let (s1, s2) = (ActionSummary::of(&state(&one)).unwrap(), ActionSummary::of(&fold_action(events[0].id(), other.iter())).unwrap());
    assert_eq!(s1, s2, "any order, any duplicates: the same action");
    assert_eq!(s1.status, ActionStatus::Dropped, "deterministic winner: the later HLC");
    assert_eq!(s1.conflicts, vec![ActionConflict { field: ActionField::Status, values: vec![ActionValue::Status(ActionStatus::Done), ActionValue::Status(ActionStatus::Dropped)] }]);
    // Saving the form (even with the shown value) resolves it.
    let merged = fold_action(events[0].id(), one.iter());
    let fix = edit(&merged, &input("Install checklist", ActionStatus::Dropped), &ctx("dev-a", Hlc { ms: T0 + 2000, c: 0 }, T0 + 3000, 5)).unwrap().events;
    assert_eq!(fix.len(), 1);
    let all: Vec<Event> = one.iter().chain(&fix).cloned().collect();
    let s = ActionSummary::of(&state(&all)).unwrap();
    assert!(s.conflicts.is_empty());
    assert_eq!(s.status, ActionStatus::Dropped);
}

#[test]
fn link_and_unlink_complaints() {
    let events = created();
    let st = state(&events);
    let c = ctx("dev-a", Hlc { ms: T0, c: 0 }, T0 + 1000, 6);
    assert!(link(&st, &[cref(1, "A-1")], true, &c).unwrap().events.is_empty(), "already linked");
    let un = link(&st, &[cref(1, "A-1")], false, &c).unwrap().events;
    let add = link(&st, &[cref(3, "A-3")], true, &ctx("dev-a", Hlc { ms: T0, c: 0 }, T0 + 1000, 9)).unwrap().events;
    assert_eq!(un[0].kind(), "action_linked");
    let all: Vec<Event> = events.iter().chain(&un).chain(&add).cloned().collect();
    let mut numbers: Vec<String> = state(&all).linked().into_iter().map(|r| r.number).collect();
    numbers.sort();
    assert_eq!(numbers, ["A-2", "A-3"]);
    assert_eq!(link(&st, &[ComplaintRef { id: EventId::from("x"), number: String::new() }], true, &c).unwrap_err(), ActionError::BadComplaint);
    assert_eq!(link(&ActionState::default(), &[cref(1, "")], true, &c).unwrap_err(), ActionError::NotFound);
}

fn tamper(e: &Event, from: &str, to: &str) -> Event {
    Event::from_json(&e.to_json().replace(from, to)).unwrap()
}

#[test]
fn foreign_action_events_are_checked_like_any_other() {
    let e = &created()[0];
    let bidi = tamper(e, "Install checklist", "Install\u{202E}checklist");
    let err = validate_event(&bidi).unwrap_err();
    assert_eq!((err.code(), err.rule()), ("event_payload_invalid", Some("bidi_control")));
    assert!(matches!(validate_event(&tamper(e, r#""due":"2026-06-30""#, r#""due":"2026-02-30""#)), Err(EventError::Malformed(_))));
    assert!(matches!(validate_event(&tamper(e, r#""status":"planned""#, r#""status":"someday""#)), Err(EventError::Malformed(_))));
    assert_eq!(validate_event(&tamper(e, r#""due":"2026-06-30""#, r#""due":"1800-01-01""#)).unwrap_err().rule(), Some("action_due_out_of_range"));
    let other = EventId::new(Hlc { ms: T0, c: 0 }, [9; 10], 0);
    let moved = tamper(e, &format!(r#""complaint":"{}""#, e.id()), &format!(r#""complaint":"{other}""#));
    assert_eq!(validate_event(&moved), Err(EventError::BadId("complaint")));
    // A newer version is kept byte for byte, and folds as unreadable.
    let newer = tamper(e, r#""v":1"#, r#""v":2"#);
    assert_eq!(validate_event(&newer), Ok(()));
    assert_eq!(fold_action(newer.id(), [&newer]).unreadable.len(), 1);
    assert!(!fold_action(newer.id(), [&newer]).is_created());
}

#[test]
fn status_in_a_period_and_which_periods_list_it() {
    let events = created();
    let st = state(&events);
    let month = 30 * 86_400_000;
    let done = edit(&st, &input("Install checklist", ActionStatus::Done), &ctx("dev-a", Hlc { ms: T0, c: 0 }, T0 + month + 5, 8)).unwrap().events;
    let all: Vec<Event> = events.iter().chain(&done).cloned().collect();
    let s = ActionSummary::of(&state(&all)).unwrap();
    assert_eq!(s.status_at(T0 - 1), ActionStatus::Planned);
    assert_eq!(s.status_at(T0 + month), ActionStatus::Planned);
    assert_eq!(s.status_at(T0 + month + 5), ActionStatus::Done);
    assert_eq!(s.closed_ms(), Some(T0 + month + 5));
    let (first, last) = (day("2026-05-01"), day("2026-05-31"));
    assert!(s.in_period(T0 - 10, T0 + 10, first, last), "created in it");
    assert!(s.in_period(T0 + month, T0 + 2 * month, day("2026-06-27"), day("2026-07-26")), "done in it");
    assert!(!s.in_period(T0 + 3 * month, T0 + 4 * month, day("2026-08-26"), day("2026-09-24")), "done before it");
    assert!(!s.in_period(T0 - 2 * month, T0 - month, day("2026-03-01"), day("2026-03-31")), "created after it");
    assert!(s.overdue_on(ActionStatus::Planned, day("2026-07-01")));
    assert!(!s.overdue_on(ActionStatus::Done, day("2026-07-01")));
    assert!(!s.overdue_on(ActionStatus::Planned, day("2026-06-30")));
}

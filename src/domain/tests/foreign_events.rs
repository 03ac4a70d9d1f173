//! Events from storage, batch files or sync: `validate_event` refuses what the commands would
//! refuse, with the reason; and an event with an absurd HLC that got in anyway neither panics
//! nor stalls the fold, the state, the clocks or the legal commands.

use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::{local, Device};
use crate::domain::classify::Urgency;
use crate::domain::command::Command;
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::event::{Event, NewEvent};
use crate::domain::event_rules::{validate_event, EventError};
use crate::domain::hlc::Hlc;
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::intake::tests::example;
use crate::domain::intake::{Problem, RegField};
use crate::domain::precheck::legal_commands;
use crate::domain::time_range::{MAX_ACCEPTED_MS, MIN_ACCEPTED_MS};

/// A registered and classified complaint on one device.
fn complaint() -> (Device, ComplaintId) {
    let mut d = Device::new("dev-a", "AA", "li", DomainConfig::default());
    let c = d.run_at(None, local(2023, 10, 9, 9, 0), Command::Register { registration: example(), serial: 1 }).unwrap()[0].id().clone();
    let classification = crate::domain::classify::Classification { type_key: "product_quality".into(), subtype: None };
    d.run_at(Some(&c), local(2023, 10, 9, 9, 5), Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None }).unwrap();
    (d, c)
}

/// An event of `complaint` as another device would send it.
fn foreign(complaint: &ComplaintId, ms: i64, kind: &str, payload: &str) -> Event {
    let hlc = Hlc { ms, c: 0 };
    // Distinct randomness: ids of negative instants share their time part (0).
    let id = EventId::new(hlc, [ms.to_le_bytes()[0] ^ kind.len() as u8; 10], 0);
    let complaint = if kind == "registered" { id.clone() } else { complaint.clone() };
    Event::build(NewEvent { id, complaint, device: "dev-x".into(), actor: "x".into(), hlc, at: None, base: None, kind: kind.into(), v: 1, payload: payload.into() }).unwrap()
}

const T: i64 = 1_696_813_200_000; // 2023-10-09 01:00 UTC

fn payload_rule(e: &Event) -> Option<&'static str> {
    validate_event(e).unwrap_err().rule()
}

#[test]
fn absurd_clocks_are_refused() {
    let (_, c) = complaint();
    let year_9999 = NaiveDate::from_ymd_opt(9999, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
    for ms in [i64::MAX, i64::MIN, year_9999, MAX_ACCEPTED_MS, MIN_ACCEPTED_MS - 1] {
        let e = foreign(&c, ms, "progress_update", r#"{"text":"x","new_eta":null,"explained":true}"#);
        assert_eq!(validate_event(&e), Err(EventError::HlcOutOfRange), "{ms}");
        assert_eq!(e.validate().unwrap_err().code(), "event_hlc_out_of_range");
    }
    assert_eq!(validate_event(&foreign(&c, MIN_ACCEPTED_MS, "progress_update", r#"{"text":"x","new_eta":null,"explained":true}"#)), Ok(()));
}

#[test]
fn absurd_step_times_are_refused() {
    let (_, c) = complaint();
    let e = foreign(&c, T, "progress_update", r#"{"text":"x","new_eta":null,"explained":true}"#);
    let with_at = |at: i64| Event::from_json(&e.to_json().replacen(r#""base":"#, &format!(r#""at":{at},"base":"#), 1)).unwrap();
    for at in [i64::MAX, i64::MIN, MAX_ACCEPTED_MS, MIN_ACCEPTED_MS - 1] {
        let bad = with_at(at);
        assert_eq!(bad.at(), Some(at));
        assert_eq!(validate_event(&bad), Err(EventError::AtOutOfRange), "{at}");
        assert_eq!(bad.validate().unwrap_err().code(), "event_at_out_of_range");
    }
    assert_eq!(validate_event(&with_at(MIN_ACCEPTED_MS)), Ok(()));
    assert_eq!(validate_event(&e), Ok(()), "no `at` (an older app): valid");
}

#[test]
fn payloads_obey_the_rules_of_the_commands() {
    let (d, c) = complaint();
    super::assert_all_valid(&d.events);
    let fields = |value: &str| format!(r#"{{"changes":[{{"field":{value},"supersedes":[]}}],"note":""}}"#);
    let cases = [
        ("fields_set", fields(r#""shares","value":[{"party":"a\u0000b","percent":100}]"#), "control_character"),
        ("fields_set", fields(r#""handler","value":"王\u202e工""#), "bidi_control"),
        ("fields_set", fields(r#""handler","value":"\u200b""#), "required"),
        ("fields_set", fields(&format!(r#""outcomes","value":[{{"party":"a","outcome":"none","note":"{}"}}]"#, "x".repeat(2001))), "too_long"),
        ("survey_recorded", r#"{"attitude":{"score":9,"comment":""},"efficiency":{"score":5,"comment":""},"competence":{"score":5,"comment":""},"clarity":{"score":5,"comment":""},"overall":{"score":5,"comment":""},"verdict":"satisfied","timely":true,"explained":null,"suggestions":"","re_survey":false}"#.into(), "survey_score"),
        ("communication", r#"{"at":"1800-01-01T00:00:00","channel":"phone","direction":"outbound","who":"li","summary":"s","result":null}"#.into(), "time_out_of_range"),
        ("attachment_added", r#"{"key":"k","name":"photo.jpg","mime":"image/jpeg","bytes":1000000000000}"#.into(), "attachment_too_large"),
        ("attachment_added", r#"{"key":"k","name":"photo.jpg","mime":"image/\u001b[2J","bytes":10}"#.into(), "control_character"),
        ("step_planned", r#"{"kind":"remedy","remedy":"refund","text":"t","owner":"o","deadline":"2023-10-10T18:00:00","amount_cents":-5}"#.into(), "amount_out_of_range"),
        ("dept_requested", r#"{"department":"finance","need":"n","deadline":"9999-01-01T00:00:00"}"#.into(), "time_out_of_range"),
        ("anonymised", r#"{"reason":"\u202e"}"#.into(), "bidi_control"),
    ];
    for (kind, payload, rule) in cases {
        let e = foreign(&c, T, kind, &payload);
        assert_eq!(validate_event(&e).unwrap_err().code(), "event_payload_invalid", "{kind} {payload}");
        assert_eq!(payload_rule(&e), Some(rule), "{kind} {payload}");
    }
}

#[test]
fn registrations_ids_envelopes_and_sizes() {
    let (d, c) = complaint();
    let reg = d.events.get(&c).unwrap();
    let hostile = reg.to_json().replace(r#""name":"王""#, r#""name":"王\u202e""#);
    assert_ne!(hostile, reg.to_json());
    let err = validate_event(&Event::from_json(&hostile).unwrap()).unwrap_err();
    let issues = vec![crate::domain::intake::FieldIssue { field: RegField::CustomerName, problem: Problem::BidiControl }];
    assert_eq!(err, EventError::Payload(CommandError::Invalid(issues)));
    let old = reg.to_json().replace("2023-10-01T09:30:00", "1899-10-01T09:30:00");
    assert_eq!(payload_rule(&Event::from_json(&old).unwrap()), Some("invalid_fields"));
    // A registration that is not its complaint's first event.
    let e = foreign(&c, T, "registered", d.events.get(&c).unwrap().payload_json());
    assert_eq!(validate_event(&e), Ok(()));
    let stray = e.to_json().replacen(&format!(r#""complaint":"{}""#, e.id()), &format!(r#""complaint":"{c}""#), 1);
    assert_eq!(validate_event(&Event::from_json(&stray).unwrap()), Err(EventError::BadId("complaint")));
    let p = r#"{"changes":[{"field":"urgency","value":"low","supersedes":["nope"]}],"note":""}"#;
    assert_eq!(validate_event(&foreign(&c, T, "fields_set", p)), Err(EventError::BadId("supersedes")));
    let e = foreign(&c, T, "progress_update", r#"{"text":"x","new_eta":null,"explained":true}"#);
    let bad_base = e.to_json().replace(r#""base":null"#, r#""base":"nope""#);
    assert_eq!(validate_event(&Event::from_json(&bad_base).unwrap()), Err(EventError::BadId("base")));
    let bad_actor = e.to_json().replace(r#""actor":"x""#, r#""actor":"x\u202e""#);
    assert_eq!(validate_event(&Event::from_json(&bad_actor).unwrap()).unwrap_err().rule(), Some("bidi_control"));
    assert_eq!(validate_event(&foreign(&c, T, "fields_set", "{}")).unwrap_err().code(), "event_malformed");
    let score = r#"{"changes":[{"field":"grade","value":{"grade":"a_grumble","score":200,"behaviour":"none","manual":false,"note":""},"supersedes":[]}],"note":""}"#;
    assert_eq!(validate_event(&foreign(&c, T, "fields_set", score)).unwrap_err().code(), "event_malformed");
    // A newer app's kind is kept on its envelope alone; an oversized event is not.
    assert_eq!(validate_event(&foreign(&c, T, "video_call", r#"{"anything":[1,2]}"#)), Ok(()));
    let huge = format!(r#"{{"blob":"{}"}}"#, "x".repeat(300 * 1024));
    assert_eq!(validate_event(&foreign(&c, T, "video_call", &huge)), Err(EventError::TooLarge));
}

/// Events with absurd HLCs and times, as they would be if they got past validation.
fn absurd(c: &ComplaintId, d: &Device) -> Vec<Event> {
    let st = d.state(c);
    let heads = serde_json::to_string(&st.status_register.head_ids()).unwrap();
    let wait = format!(r#"{{"from":"classified","to":"waiting_on_customer","cause":"wait","supersedes":{heads},"note":"","resume_to":"classified"}}"#);
    let closed = format!(r#"{{"from":"classified","to":"closed","cause":"close_after_failed_contact","supersedes":{heads},"note":""}}"#);
    let call = r#"{"at":"+262142-12-31T23:59:59","channel":"phone","direction":"outbound","who":"li","summary":"s","result":"reached"}"#;
    let request = r#"{"department":"finance","need":"n","deadline":"-262143-01-01T00:00:00"}"#;
    vec![
        foreign(c, i64::MAX, "transition", &wait),
        foreign(c, i64::MIN, "transition", &closed),
        foreign(c, i64::MAX - 1, "communication", call),
        foreign(c, i64::MIN + 1, "dept_requested", request),
        foreign(c, i64::MAX - 2, "progress_update", r#"{"text":"x","new_eta":null,"explained":true}"#),
        foreign(c, 253_402_300_799_000, "survey_recorded", &serde_json::to_string(&crate::domain::survey::tests::worked_example_survey()).unwrap()),
    ]
}

#[test]
fn absurd_hlcs_neither_panic_nor_stall_anywhere() {
    let (mut d, c) = complaint();
    let bad = absurd(&c, &d);
    assert!(bad.iter().all(|e| validate_event(e).is_err()));
    let start = Instant::now();
    d.events.extend(bad);
    let st = d.state(&c);
    assert_eq!(st.trail.len(), 9);
    for now in [i64::MIN, MIN_ACCEPTED_MS, T, MAX_ACCEPTED_MS, i64::MAX] {
        let clocks = st.clocks(&d.config, now);
        assert!(!clocks.is_empty());
        let _ = legal_commands(Some(&st), &d.config, now);
    }
    // The complaint's newest event is absurd: a new event would inherit its clock, so commands
    // are refused with a typed error instead of spreading it.
    let err = d.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::Resume { note: String::new() }).unwrap_err();
    assert_eq!(err, CommandError::ClockOutOfRange);
    // Importing it drags the device clock along (which is why imports validate first) …
    let mut other = Device::new("dev-b", "BB", "wang", DomainConfig::default());
    other.import(&d.events, T);
    assert_eq!(other.clock.ms, i64::MAX);
    // … and the device then refuses to stamp anything rather than panic.
    let reg = Command::Register { registration: example(), serial: 1 };
    assert_eq!(other.run_at(None, local(2023, 10, 9, 10, 0), reg).unwrap_err(), CommandError::ClockOutOfRange);
    assert!(start.elapsed() < Duration::from_secs(1), "took {:?}", start.elapsed());
}

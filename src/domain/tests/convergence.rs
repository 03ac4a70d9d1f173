//! Devices that meet only through batch files converge: same state, no duplicate, no lost
//! change, concurrent edits flagged and resolvable, newer events kept byte-for-byte.

use super::{local, Device};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::config::DomainConfig;
use crate::domain::event::{Event, NewEvent};
use crate::domain::eventset::EventSet;
use crate::domain::fields::{FieldKey, FieldValue};
use crate::domain::fold::{duplicate_numbers, fold};
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::intake::tests::example;
use crate::domain::workflow::Status;

/// A registers and classifies, then B receives a batch: both hold the same complaint.
fn two_devices() -> (Device, Device, ComplaintId) {
    let mut a = Device::new("dev-a", "AA", "alice", DomainConfig::default());
    let mut b = Device::new("dev-b", "BB", "bob", DomainConfig::default());
    let c = a.run_at(None, local(2023, 10, 9, 9, 0), Command::Register { registration: example(), serial: 1 }).unwrap()[0].id().clone();
    let cls = Classification { type_key: "product_quality".into(), subtype: None };
    a.run_at(Some(&c), local(2023, 10, 9, 9, 5), Command::Classify { classification: cls, urgency: Urgency::Normal, severity: None, nature: None, request_type: None })
        .unwrap();
    let batch = a.events.clone();
    b.import(&batch, a.ms(local(2023, 10, 9, 9, 6)));
    (a, b, c)
}

/// Exchanges batch files both ways.
fn sync(a: &mut Device, b: &mut Device, at: chrono::NaiveDateTime) {
    let now = a.ms(at);
    let (ea, eb) = (a.events.clone(), b.events.clone());
    a.import(&eb, now);
    b.import(&ea, now);
}

#[test]
fn concurrent_edits_are_kept_flagged_and_resolved_by_an_event() {
    let (mut a, mut b, c) = two_devices();
    // Offline on both tablets: each assigns a different handler.
    a.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    b.run_at(Some(&c), local(2023, 10, 9, 10, 1), Command::AssignHandler { handler: "wang".into() }).unwrap();
    sync(&mut a, &mut b, local(2023, 10, 9, 12, 0));
    let (sa, sb) = (a.state(&c), b.state(&c));
    assert_eq!(sa, sb, "same state on both devices");
    let conflicts = sa.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, FieldKey::Handler);
    let values: Vec<_> = sa.field(FieldKey::Handler).unwrap().heads().iter().map(|w| w.value.clone()).collect();
    assert_eq!(values, vec![FieldValue::Handler("zhang".into()), FieldValue::Handler("wang".into())], "both values kept");
    assert_eq!(sa.handler().map(String::as_str), Some("wang"), "deterministic winner: the later HLC");
    assert_eq!(a.run_at(Some(&c), local(2023, 10, 9, 12, 5), Command::Archive).unwrap_err().code(), "illegal_transition");

    // A person on device A keeps zhang; the resolution is itself an event that syncs.
    let zhang = conflicts[0].candidates[0].clone();
    let ev = a.run_at(Some(&c), local(2023, 10, 9, 12, 10), Command::ResolveConflict { field: FieldKey::Handler, keep: zhang }).unwrap();
    assert_eq!(ev[0].kind(), "fields_set");
    sync(&mut a, &mut b, local(2023, 10, 9, 12, 20));
    let sb = b.state(&c);
    assert!(sb.conflicts().is_empty());
    assert_eq!(sb.handler().map(String::as_str), Some("zhang"));
    assert_eq!(sb.field(FieldKey::Handler).unwrap().history().len(), 3, "history keeps every value");
    assert_eq!(a.state(&c), sb);
    assert_eq!(b.run_at(Some(&c), local(2023, 10, 9, 12, 30), Command::ResolveConflict { field: FieldKey::Handler, keep: EventId::default() }).unwrap_err().code(), "no_conflict");
}

#[test]
fn concurrent_transitions_surface_as_a_status_conflict() {
    let (mut a, mut b, c) = two_devices();
    a.run_at(Some(&c), local(2023, 10, 9, 9, 30), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    sync(&mut a, &mut b, local(2023, 10, 9, 9, 31));
    a.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::StartInvestigation { note: String::new() }).unwrap();
    b.run_at(Some(&c), local(2023, 10, 9, 10, 5), Command::Wait { on_customer: true, reason: "等客户提供发票".into() }).unwrap();
    sync(&mut a, &mut b, local(2023, 10, 9, 11, 0));
    let st = a.state(&c);
    assert_eq!(st, b.state(&c));
    assert_eq!(st.status(), Some(Status::WaitingOnCustomer), "winner: later HLC");
    let conflict = st.conflicts().into_iter().find(|c| c.field == FieldKey::Status).unwrap();
    assert_eq!(conflict.candidates.len(), 2);
    let investigating = conflict.candidates[0].clone();
    b.run_at(Some(&c), local(2023, 10, 9, 11, 5), Command::ResolveConflict { field: FieldKey::Status, keep: investigating }).unwrap();
    sync(&mut a, &mut b, local(2023, 10, 9, 11, 10));
    assert_eq!(a.state(&c).status(), Some(Status::Investigating));
    assert!(a.state(&c).conflicts().is_empty());
}

#[test]
fn batches_in_any_order_twice_over_give_one_state() {
    let (mut a, mut b, c) = two_devices();
    a.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    b.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::ProgressUpdate { update: crate::domain::communication::ProgressUpdate { text: "工程师已出发".into(), new_eta: None, explained: true } }).unwrap();
    // Batch files as JSON text, imported twice and in both orders on a third device.
    let file_a = serde_json::to_string(&a.events.iter().collect::<Vec<_>>()).unwrap();
    let file_b = serde_json::to_string(&b.events.iter().collect::<Vec<_>>()).unwrap();
    let parse = |f: &str| serde_json::from_str::<Vec<Event>>(f).unwrap().into_iter().collect::<EventSet>();
    let mut x = EventSet::new();
    for f in [&file_a, &file_b, &file_a] {
        x.merge(&parse(f));
    }
    let mut y = EventSet::new();
    for f in [&file_b, &file_b, &file_a] {
        y.merge(&parse(f));
    }
    assert_eq!(x, y);
    assert_eq!(x.len(), 5, "register, classify ×2, handler, progress: no duplicates");
    let s = fold(&c, x.iter());
    assert_eq!(s.handler().map(String::as_str), Some("zhang"));
    assert_eq!(s.progress.len(), 1);
    assert_eq!(s, fold(&c, y.iter()));
}

#[test]
fn newer_events_are_kept_byte_for_byte_and_flagged() {
    let (a, _, c) = two_devices();
    let last = a.state(&c);
    let hlc = last.max_hlc.tick(0);
    let build = |kind: &str, v: u32, payload: &str, n: u8| {
        let id = EventId::new(hlc, [n; 10], 0);
        Event::build(NewEvent { id, complaint: c.clone(), device: "dev-new".into(), actor: "x".into(), hlc, at: None, base: last.last_event.clone(), kind: kind.into(), v, payload: payload.into() }).unwrap()
    };
    let video = build("video_call", 1, r#"{"url" : "https://example.invalid/x", "secs":12.50}"#, 7);
    let v2 = build("fields_set", 2, r#"{"changes":[{"field":"mood","value":3}]}"#, 8);
    let text = format!("[{},{}]", video.to_json(), v2.to_json());
    let imported: Vec<Event> = serde_json::from_str(&text).unwrap();
    let mut set = a.events.clone();
    set.extend(imported);
    let st = fold(&c, set.iter());
    assert!(st.needs_newer_app());
    assert_eq!(st.unreadable.len(), 2);
    assert_eq!(st.urgency(), Some(&Urgency::Normal), "the readable part still folds");
    let exported = serde_json::to_string(&set.iter().collect::<Vec<_>>()).unwrap();
    assert!(exported.contains(video.to_json()), "passed on untouched");
    assert!(exported.contains(r#""secs":12.50"#));
}

#[test]
fn duplicate_device_codes_are_detected() {
    let mut a = Device::new("dev-a", "K7", "a", DomainConfig::default());
    let mut b = Device::new("dev-b", "K7", "b", DomainConfig::default());
    a.run_at(None, local(2023, 10, 9, 9, 0), Command::Register { registration: example(), serial: 1 }).unwrap();
    b.run_at(None, local(2023, 10, 9, 9, 0), Command::Register { registration: example(), serial: 1 }).unwrap();
    let all = a.events.union(&b.events);
    let dups = duplicate_numbers(all.iter());
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].0, "20231001-TEL-K7-001");
    assert_eq!(all.complaint_ids().len(), 2, "ids stay distinct even then");
}

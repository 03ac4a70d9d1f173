//! The import plan: new, existing, waiting complaints, already present, refusals against
//! what is stored, conflicts, redaction, chunks.

use super::roundtrip::{assemble, parts};
use super::{desk, export, identity, import, register};
use crate::domain::batch::format::Selection;
use crate::domain::batch::import::{plan_import, Arrival};
use crate::domain::batch::read::{read_batch, ReadOptions};
use crate::domain::batch::redact::write_redacted_batch;
use crate::domain::batch::write::{write_batch, ExportRequest};
use crate::domain::command::Command;
use crate::domain::event::Event;
use crate::domain::eventset::EventSet;
use crate::domain::fields::FieldKey;
use crate::domain::fold::fold;
use crate::domain::tests::local;

#[test]
fn new_complaint_then_nothing_the_second_time() {
    let (a, c) = desk("dev-a", "AAA");
    let (mut b, _) = desk("dev-b", "BBB");
    let file = export(&a, Selection::All, &[]);
    let plan = import(&mut b, file.text.as_bytes(), local(2023, 10, 9, 19, 0));
    let s = plan.summary();
    assert_eq!((s.new_complaints, s.new_events, s.already_present, s.refused, s.conflicts), (1, 3, 0, 0, 0));
    assert_eq!(plan.complaints[0].number.as_deref(), fold(&c, a.events.iter()).number());
    assert_eq!(fold(&c, b.events.iter()), fold(&c, a.events.iter()));
    let again = import(&mut b, file.text.as_bytes(), local(2023, 10, 9, 19, 1));
    assert!(again.changes_nothing());
    assert_eq!(again.summary().already_present, 3);
}

#[test]
fn own_events_add_nothing_and_unknown_own_events_are_refused() {
    let (mut a, _) = desk("dev-a", "AAA");
    let file = export(&a, Selection::All, &[]);
    assert!(import(&mut a, file.text.as_bytes(), local(2023, 10, 9, 19, 0)).changes_nothing());
    // The same events offered to a fresh device that claims a's identity.
    let batch = read_batch(file.text.as_bytes(), ReadOptions::default()).unwrap();
    let plan = plan_import(&batch, &EventSet::new(), "dev-a", super::evening());
    assert!(plan.changes_nothing());
    assert!(plan.refused.iter().all(|r| r.problem.code() == "record_own_event_missing"));
    assert_eq!(plan.refused.len(), 3);
}

#[test]
fn concurrent_edits_show_as_conflicts_in_the_preview() {
    let (mut a, c) = desk("dev-a", "AAA");
    let mut b = crate::domain::tests::Device::new("dev-b", "BBB", "bob", Default::default());
    import(&mut b, export(&a, Selection::All, &[]).text.as_bytes(), local(2023, 10, 9, 9, 30));
    a.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    b.run_at(Some(&c), local(2023, 10, 9, 10, 1), Command::AssignHandler { handler: "wang".into() }).unwrap();
    let plan = import(&mut a, export(&b, Selection::All, &[]).text.as_bytes(), local(2023, 10, 9, 11, 0));
    let s = plan.summary();
    assert_eq!((s.existing_complaints, s.new_events, s.already_present), (1, 1, 3));
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].field, FieldKey::Handler);
    assert_eq!(plan.conflicts[0].candidates.len(), 2);
    // Already in conflict: importing the other side changes no conflict there.
    let back = import(&mut b, export(&a, Selection::All, &[]).text.as_bytes(), local(2023, 10, 9, 11, 5));
    assert_eq!(back.conflicts.len(), 1, "b learns of the conflict too");
    assert_eq!(fold(&c, a.events.iter()), fold(&c, b.events.iter()));
}

#[test]
fn events_without_their_complaint_wait_for_it() {
    let (mut a, c) = desk("dev-a", "AAA");
    let mut b = crate::domain::tests::Device::new("dev-b", "BBB", "bob", Default::default());
    a.run_at(Some(&c), local(2023, 10, 9, 10, 0), Command::AssignHandler { handler: "zhang".into() }).unwrap();
    let id = identity(&a);
    let later: Vec<&Event> = a.events.iter().filter(|e| e.kind() != "registered").collect();
    let request = ExportRequest { device: &id, created_ms: a.ms(local(2023, 10, 9, 18, 0)), day: super::day(), sequence: 2, selection: Selection::All };
    let file = write_batch(&request, later, &[]).unwrap();
    let plan = import(&mut b, file.text.as_bytes(), local(2023, 10, 9, 19, 0));
    assert_eq!(plan.complaints[0].arrival, Arrival::Waiting);
    assert_eq!(plan.summary().waiting_complaints, 1);
    let plan = import(&mut b, export(&a, Selection::Complaint { complaint: c.clone() }, &[]).text.as_bytes(), local(2023, 10, 9, 19, 5));
    assert_eq!(plan.complaints[0].arrival, Arrival::New);
    assert_eq!(fold(&c, b.events.iter()), fold(&c, a.events.iter()));
}

#[test]
fn a_stored_event_with_other_content_is_not_overwritten() {
    let (a, _) = desk("dev-a", "AAA");
    let (mut b, _) = desk("dev-b", "BBB");
    let file = export(&a, Selection::All, &[]);
    let (manifest, mut entries, att) = parts(&file.text);
    import(&mut b, file.text.as_bytes(), local(2023, 10, 9, 19, 0));
    let mut e: serde_json::Value = serde_json::from_str(&entries[1]).unwrap();
    let forged = e["event"].as_str().unwrap().replacen("\"actor\":\"", "\"actor\":\"forged-", 1);
    e["sha256"] = crate::domain::batch::checksum::sha256_hex(forged.as_bytes()).into();
    e["event"] = forged.into();
    entries[1] = e.to_string();
    let before = b.events.clone();
    let plan = import(&mut b, assemble("1.0", &manifest, &entries, &att).as_bytes(), local(2023, 10, 9, 19, 5));
    assert_eq!(plan.refused.len(), 1);
    assert_eq!(plan.refused[0].problem.code(), "record_conflicts_with_stored");
    assert_eq!(b.events, before);
}

#[test]
fn redacted_batches_hold_no_personal_data_and_are_refused_as_complete_imports() {
    let (a, c) = desk("dev-a", "AAA");
    let id = identity(&a);
    let request = ExportRequest { device: &id, created_ms: a.ms(local(2023, 10, 9, 18, 0)), day: super::day(), sequence: 3, selection: Selection::All };
    let w = write_redacted_batch(&request, a.events.iter(), &[]).unwrap();
    assert_eq!(w.file_name, "complaints-AAA-2023-10-09-0003-redacted.json");
    let reg = fold(&c, a.events.iter()).customer().unwrap();
    assert!(!reg.phone.is_empty() && !reg.name.is_empty());
    assert!(!w.text.contains(&reg.phone) && !w.text.contains(&reg.name), "{}", w.text);
    assert_eq!(read_batch(w.text.as_bytes(), ReadOptions::default()).unwrap_err().code(), "batch_redacted");
    let b = read_batch(w.text.as_bytes(), ReadOptions { accept_redacted: true }).unwrap();
    assert!(b.refused.is_empty(), "{:?}", b.refused);
    assert!(b.personal_data.get(&c).unwrap().contains(&"registration.incident.own_words".to_string()));
    // Even when read for review, it never replaces a desk's originals.
    let plan = plan_import(&b, &a.events, "dev-z", super::evening());
    assert!(plan.changes_nothing());
    assert_eq!(plan.refused[0].problem.code(), "record_redacted_not_anonymised");
    // Into an empty review store it goes in whole, anonymous.
    let plan = plan_import(&b, &EventSet::new(), "dev-z", super::evening());
    let mut review = EventSet::new();
    plan.apply_to(&mut review);
    assert!(fold(&c, review.iter()).customer().unwrap().anonymous);
}

#[test]
fn chunks_keep_complaints_together() {
    let (mut a, _) = desk("dev-a", "AAA");
    for n in 2..=5 {
        register(&mut a, local(2023, 10, 9, 9 + n, 0), n);
    }
    let b = crate::domain::tests::Device::new("dev-b", "BBB", "bob", Default::default());
    let batch = read_batch(export(&a, Selection::All, &[]).text.as_bytes(), ReadOptions::default()).unwrap();
    let plan = plan_import(&batch, &b.events, &b.id, super::evening());
    assert_eq!(plan.add.len(), 15);
    let chunks = plan.chunks(7);
    assert_eq!(chunks.iter().map(|c| c.add.len()).collect::<Vec<_>>(), [6, 6, 3]);
    assert!(chunks.iter().all(|c| c.add.iter().all(|e| c.complaints.contains(&e.complaint()))));
    let tiny = plan.chunks(2);
    assert_eq!(tiny.iter().map(|c| c.add.len()).sum::<usize>(), 15);
    assert!(tiny.iter().all(|c| c.add.len() <= 2));
}

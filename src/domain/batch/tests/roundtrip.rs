//! Writing then reading: the bytes of every event survive, whole-file problems are typed
//! errors, record problems refuse only that record.

use super::{desk, export};
use crate::domain::batch::checksum::{file_sha256, sha256_hex};
use crate::domain::batch::format::Selection;
use crate::domain::batch::read::{read_batch, ReadOptions};
use crate::domain::batch::write::AttachmentFile;
use crate::domain::event::Event;

fn read(text: &str) -> Result<crate::domain::batch::ReadBatch, &'static str> {
    read_batch(text.as_bytes(), ReadOptions::default()).map_err(|e| e.code())
}

/// Splits a written file into its parts: (manifest, event entries, attachments raw).
pub(crate) fn parts(text: &str) -> (String, Vec<String>, String) {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let entries = v["events"].as_array().unwrap().iter().map(|e| e.to_string()).collect();
    (v["manifest"].to_string(), entries, v["attachments"].to_string())
}

/// A file from parts with a correct file checksum (for record-level tampering).
pub(crate) fn assemble(version: &str, manifest: &str, entries: &[String], attachments: &str) -> String {
    let events = format!("[{}]", entries.join(","));
    let sha = file_sha256("complaint-desk-batch", version, manifest, &events, Some(attachments));
    format!(r#"{{"format":"complaint-desk-batch","version":"{version}","manifest":{manifest},"events":{events},"attachments":{attachments},"sha256":"{sha}"}}"#)
}

#[test]
fn every_event_survives_byte_for_byte() {
    let (d, c) = desk("dev-a", "K7Q");
    let photo = AttachmentFile { key: "att-1".into(), complaint: c.clone(), name: "发票.jpg".into(), mime: "image/jpeg".into(), content: vec![0xFF, 0xD8, 0xFF, 0, 1, 2] };
    let w = export(&d, Selection::All, std::slice::from_ref(&photo));
    assert_eq!(w.file_name, "complaints-K7Q-2023-10-09-0001.json");
    assert_eq!(w.manifest.counts.events, 3, "register + classification (two fields) events");
    assert_eq!(w.manifest.counts.complaints, 1);
    let b = read(&w.text).unwrap();
    assert_eq!(b.file_sha256, w.sha256);
    assert!(b.refused.is_empty());
    let mut stored: Vec<&Event> = d.events.iter().collect();
    stored.sort_by(|a, b| a.id().cmp(b.id()));
    assert_eq!(b.events.iter().map(Event::to_json).collect::<Vec<_>>(), stored.iter().map(|e| e.to_json()).collect::<Vec<_>>());
    assert_eq!(b.attachments.len(), 1);
    assert_eq!(b.attachments[0].content, photo.content);
    assert_eq!(b.attachments[0].sha256, sha256_hex(&photo.content));
    assert_eq!(b.manifest, w.manifest);
}

#[test]
fn whole_file_problems_change_nothing_and_say_why() {
    let (d, _) = desk("dev-a", "K7Q");
    let w = export(&d, Selection::All, &[]);
    let t = &w.text;
    let half = (0..=t.len() / 2).rev().find(|i| t.is_char_boundary(*i)).unwrap();
    assert_eq!(read(&t[..half]).unwrap_err(), "batch_truncated");
    assert_eq!(read(&t.replacen("complaint-desk-batch", "complaint-desk-config", 1)).unwrap_err(), "batch_wrong_format");
    assert_eq!(read(&t.replacen(r#""version":"1.0""#, r#""version":"2.0""#, 1)).unwrap_err(), "batch_newer_version");
    assert_eq!(read(&t.replacen(r#""version":"1.0""#, r#""version":"one""#, 1)).unwrap_err(), "batch_bad_version");
    assert_eq!(read(&t.replacen("Tablet K7Q", "Tablet K7R", 1)).unwrap_err(), "batch_checksum_mismatch");
    assert_eq!(read(&t.replacen(r#""sha256":""#, r#""sha256":"0"#, 1)).unwrap_err(), "batch_checksum_mismatch", "first entry's sha changed");
    let (manifest, entries, att) = parts(t);
    let lying = manifest.replacen(r#""events":3"#, r#""events":1000000000000"#, 1);
    assert_eq!(read(&assemble("1.0", &lying, &entries, &att)).unwrap_err(), "batch_count_mismatch");
    // Millions of tiny entries stop at the declared count, before they cost memory.
    let flood = vec!["0".to_string(); 2_000_000];
    assert_eq!(read(&assemble("1.0", &manifest, &flood, &att)).unwrap_err(), "batch_count_mismatch");
    let redacted = manifest.replacen(r#""redacted":false"#, r#""redacted":true"#, 1);
    assert_eq!(read(&assemble("1.0", &redacted, &entries, &att)).unwrap_err(), "batch_redacted");
    // A newer minor version with fields this app does not know is read.
    let newer = manifest.replacen('{', r#"{"signed_by":"x","#, 1);
    let b = read(&assemble("1.7", &newer, &entries, &att)).unwrap();
    assert_eq!((b.version, b.events.len()), ((1, 7), 3));
    // Pretty-printed by an editor: the file checksum covers the exact bytes, so it changed.
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(t).unwrap()).unwrap();
    assert_eq!(read(&pretty).unwrap_err(), "batch_checksum_mismatch");
}

#[test]
fn record_problems_refuse_that_record_only() {
    let (d, _) = desk("dev-a", "K7Q");
    let w = export(&d, Selection::All, &[]);
    let (manifest, mut entries, att) = parts(&w.text);
    let original = entries[2].clone();
    // Per-event checksum no longer matches the text.
    let mut e: serde_json::Value = serde_json::from_str(&original).unwrap();
    e["sha256"] = serde_json::Value::String("0".repeat(64));
    entries[2] = e.to_string();
    let b = read(&assemble("1.0", &manifest, &entries, &att)).unwrap();
    assert_eq!(b.events.len(), 2);
    assert_eq!(b.refused.len(), 1);
    assert_eq!(b.refused[0].problem.code(), "record_checksum_mismatch");
    assert_eq!(b.refused[0].index, 2);
    assert_eq!(b.refused[0].original, entries[2]);
    assert!(b.refused[0].quarantine_id(&b.file_sha256).ends_with(":events:2"));

    // The same event twice, identical: accepted once. Twice with different content: both refused.
    let same = [entries[0].clone(), entries[1].clone(), original.clone(), original.clone()];
    let b = read(&assemble("1.0", &manifest.replacen(r#""events":3"#, r#""events":4"#, 1), &same, &att)).unwrap();
    assert_eq!((b.events.len(), b.duplicates, b.refused.len()), (3, 1, 0));
    let ev: serde_json::Value = serde_json::from_str(&original).unwrap();
    let text = ev["event"].as_str().unwrap().replacen("\"actor\":\"", "\"actor\":\"x", 1);
    let other = serde_json::json!({"sha256": sha256_hex(text.as_bytes()), "event": text}).to_string();
    let differ = [entries[0].clone(), entries[1].clone(), original, other];
    let b = read(&assemble("1.0", &manifest.replacen(r#""events":3"#, r#""events":4"#, 1), &differ, &att)).unwrap();
    assert_eq!(b.events.len(), 2);
    assert_eq!(b.refused.iter().map(|r| (r.index, r.problem.code())).collect::<Vec<_>>(), [(2, "record_duplicate_conflict"), (3, "record_duplicate_conflict")]);
}

#[test]
fn record_order_in_the_file_does_not_matter() {
    let (d, _) = desk("dev-a", "K7Q");
    let w = export(&d, Selection::All, &[]);
    let (manifest, mut entries, att) = parts(&w.text);
    let a = read(&assemble("1.0", &manifest, &entries, &att)).unwrap();
    entries.reverse();
    let b = read(&assemble("1.0", &manifest, &entries, &att)).unwrap();
    assert_eq!(a.events, b.events);
}

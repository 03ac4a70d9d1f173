//! Browser tests (headless Chromium): batch files move complaints between two devices' real
//! databases. The preview changes nothing; importing is idempotent and order-free; a stopped
//! import leaves whole chunks; refused records land in quarantine with their source.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use complaint_desk::domain::classify::Urgency;
use complaint_desk::services::import::ImportProgress;
use complaint_desk::services::Desk;
use wasm_bindgen_test::*;

#[path = "support/web_desk.rs"]
mod web_desk;
use web_desk::{register, states};

wasm_bindgen_test_configure!(run_in_browser);

async fn desk(tag: &str) -> Desk {
    web_desk::desk("import", tag).await
}

async fn export(desk: &Desk) -> Vec<u8> {
    desk.export_all(true).await.unwrap().text.into_bytes()
}

/// Imports a file to the end; panics on any error.
async fn import(desk: &Desk, bytes: &[u8]) -> complaint_desk::services::import::ImportOutcome {
    let preview = desk.preview_import("batch.json", bytes).await.unwrap();
    desk.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap()
}

#[wasm_bindgen_test]
async fn a_batch_moves_complaints_and_importing_again_changes_nothing() {
    let (a, b) = (desk("a").await, desk("b").await);
    let first = register(&a, "王先生").await;
    register(&a, "Ms. Chen").await;
    a.classify(&first, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    let file = export(&a).await;

    let preview = b.preview_import("a.json", &file).await.unwrap();
    let s = preview.summary();
    assert_eq!((s.new_complaints, s.existing_complaints, s.refused), (2, 0, 0));
    assert_eq!(s.new_events, 4, "two registrations, a classification (fields_set) and its status change");
    assert_eq!(b.count().await.unwrap(), 0, "the preview changed nothing");

    let done = b.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!((done.written.events, done.written.new_views, done.complaints, done.stopped), (4, 2, 2, false));
    assert_eq!(b.count().await.unwrap(), 2);
    assert_eq!(states(&a).await, states(&b).await, "B folds what A folds");
    let view = b.detail(&first).await.unwrap().unwrap().view;
    assert_eq!(view.type_key.as_deref(), Some("product_quality"));
    assert_eq!(view.device, a.device().id, "findable by the device that registered it");
    let filtered = b.list(complaint_desk::services::Order::Newest, &complaint_desk::services::Filter {
        equals: vec![(complaint_desk::services::FilterField::Device, a.device().id)],
        overdue_at: None,
    }, None, 10).await.unwrap().rows;
    assert_eq!(filtered.len(), 2);
    assert!(b.known_devices().await.unwrap().iter().any(|d| d.id == a.device().id && d.code == a.device().code));

    let again = b.preview_import("a.json", &file).await.unwrap();
    assert!(again.plan.changes_nothing());
    assert_eq!(again.summary().already_present, 4);
    let twice = b.import(&again, |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!((twice.written.events, twice.written.new_views), (0, 0));
    assert_eq!(b.count().await.unwrap(), 2, "the view count did not move");

    // B's batch now holds A's own events: A adds nothing.
    let back = b.preview_import("b.json", &export(&b).await).await.unwrap();
    assert!(back.plan.changes_nothing(), "{:?}", back.summary());
}

#[wasm_bindgen_test]
async fn edits_on_two_devices_converge_in_any_order() {
    let (a, b, c) = (desk("a").await, desk("b").await, desk("c").await);
    let id = register(&a, "王先生").await;
    import(&b, &export(&a).await).await;
    // Both classify the same complaint while apart: a conflict once they meet.
    a.classify(&id, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    b.classify(&id, "service_attitude", Urgency::Low, "Lead Wu").await.unwrap();
    register(&b, "Ms. Chen").await;
    let (from_a, from_b) = (export(&a).await, export(&b).await);

    let preview = a.preview_import("b.json", &from_b).await.unwrap();
    assert!(preview.summary().conflicts > 0, "the preview names the conflicts it creates");
    import(&a, &from_b).await;
    import(&b, &from_a).await;
    // C gets them the other way round, and one twice.
    import(&c, &from_b).await;
    import(&c, &from_a).await;
    import(&c, &from_b).await;
    let (sa, sb, sc) = (states(&a).await, states(&b).await, states(&c).await);
    assert_eq!(sa.len(), 2);
    assert_eq!(sa, sb);
    assert_eq!(sa, sc);
    assert!(!a.complaint(&id).await.unwrap().unwrap().conflicts().is_empty());
}

#[wasm_bindgen_test]
async fn a_stopped_import_keeps_whole_chunks_and_importing_again_completes_it() {
    let (a, b) = (desk("a").await, desk("b").await);
    // More events than one chunk holds.
    let n = complaint_desk::services::import::CHUNK_EVENTS + 50;
    for i in 0..n {
        register(&a, &format!("Customer {i}")).await;
    }
    let file = export(&a).await;
    let preview = b.preview_import("a.json", &file).await.unwrap();
    let stop = Rc::new(Cell::new(false));
    let seen = Rc::new(Cell::new(ImportProgress::default()));
    let (stop2, seen2) = (stop.clone(), seen.clone());
    let first = b
        .import(&preview, move |p| {
            seen2.set(p);
            // Stop as soon as the first chunk is written.
            if p.done > 0 {
                stop2.set(true);
            }
        }, stop)
        .await
        .unwrap();
    assert!(first.stopped);
    assert_eq!(seen.get().total, n);
    let partial = b.count().await.unwrap() as usize;
    assert!(partial > 0 && partial < n, "{partial} of {n}");
    assert_eq!(partial, first.written.events, "every complaint has all its events or none");

    let rest = import(&b, &file).await;
    assert_eq!(rest.written.events, n - partial);
    assert_eq!(b.count().await.unwrap() as usize, n);
    assert_eq!(states(&a).await, states(&b).await);

    // The same file in one go on a third device: chunk after chunk, every complaint comes in
    // whole, with its view row counted once.
    let c = desk("c").await;
    let whole = import(&c, &file).await;
    assert_eq!((whole.written.events, whole.written.new_views, whole.complaints, whole.stopped), (n, n, n, false));
    assert_eq!(c.count().await.unwrap() as usize, n, "the view count");
    assert_eq!(c.list(complaint_desk::services::Order::Newest, &Default::default(), None, 2_000).await.unwrap().rows.len(), n, "every view row");
    assert_eq!(states(&a).await, states(&c).await);
}

#[wasm_bindgen_test]
async fn a_small_batch_among_many_stored_records_is_read_key_by_key_and_planned_again_when_they_change() {
    let (a, b) = (desk("a").await, desk("b").await);
    let first = register(&a, "First").await;
    import(&b, &export(&a).await).await;
    // B's own complaints fall between A's by id, so the key ranges of A's next batch hold far
    // more of B's records than the batch has: the snapshot reads them key by key.
    for i in 0..20 {
        register(&b, &format!("B {i}")).await;
    }
    a.classify(&first, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    register(&a, "Last").await;
    let file = export(&a).await;
    let preview = b.preview_import("a.json", &file).await.unwrap();
    let s = preview.summary();
    assert_eq!((s.new_complaints, s.existing_complaints, s.already_present, s.new_events, s.conflicts), (1, 1, 1, 3, 0));

    // B classifies the same complaint after the preview: the import plans again and sees the conflict.
    b.classify(&first, "service_attitude", Urgency::Low, "Lead Wu").await.unwrap();
    let done = b.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert!(done.summary.conflicts > 0, "{:?}", done.summary);
    assert_eq!((done.written.events, done.written.new_views), (3, 1));
    assert_eq!(b.count().await.unwrap(), 22);
    assert!(!b.complaint(&first).await.unwrap().unwrap().conflicts().is_empty());

    let again = b.preview_import("a.json", &file).await.unwrap();
    assert!(again.plan.changes_nothing(), "{:?}", again.summary());
    assert_eq!(again.summary().already_present, 4);
}

#[wasm_bindgen_test]
async fn a_refused_record_goes_to_quarantine_and_the_rest_is_imported() {
    let (a, b) = (desk("a").await, desk("b").await);
    register(&a, "王先生").await;
    register(&a, "Ms. Chen").await;
    let text = String::from_utf8(export(&a).await).unwrap();
    // Tamper with one event's text, then fix the whole-file checksum as a forger would.
    let tampered = tamper_first_event(&text);
    let preview = b.preview_import("tampered.json", tampered.as_bytes()).await.unwrap();
    assert_eq!(preview.summary().refused, 1);
    let done = b.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!((done.quarantined, done.written.new_views), (1, 1));
    let q = b.quarantined().await.unwrap();
    assert_eq!(q.len(), 1);
    assert!(q[0].source.starts_with("tampered.json"), "{}", q[0].source);
    assert!(q[0].reason.starts_with("record_checksum_mismatch"), "{}", q[0].reason);
    // Again: the same quarantine record is replaced, not repeated.
    import(&b, tampered.as_bytes()).await;
    assert_eq!(b.quarantined().await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_whole_file_problem_changes_nothing() {
    let b = desk("b").await;
    for (bytes, code) in [
        (&b""[..], "batch_empty"),
        (&b"id,name\n1,x\n"[..], "batch_is_csv"),
        (&b"{\"format\":\"complaint-desk-batch\",\"version\":\"9.0\"}"[..], "batch_newer_version"),
        (&b"{\"format\":\"complaint-desk-batch\",\"version\":\"1.0\",\"manifest\":"[..], "batch_truncated"),
    ] {
        assert_eq!(b.preview_import("x.json", bytes).await.unwrap_err().code(), code);
    }
    assert_eq!(b.count().await.unwrap(), 0);
    assert!(b.quarantined().await.unwrap().is_empty());
}

/// Changes a customer name inside the first event's text (keeping its entry checksum, so the
/// record is refused) and recomputes the file checksum (so the file passes).
fn tamper_first_event(text: &str) -> String {
    use complaint_desk::domain::batch::checksum::file_sha256;
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    let event = v["events"][0]["event"].as_str().unwrap().to_string();
    let changed = if event.contains("王先生") { event.replace("王先生", "李先生") } else { event.replace("Ms. Chen", "Ms. Chan") };
    v["events"][0]["event"] = serde_json::Value::String(changed);
    let part = |k: &str| serde_json::to_string(&v[k]).unwrap();
    let sum = file_sha256(v["format"].as_str().unwrap(), v["version"].as_str().unwrap(), &part("manifest"), &part("events"), Some(&part("attachments")));
    v["sha256"] = serde_json::Value::String(sum);
    serde_json::to_string(&v).unwrap()
}

#[wasm_bindgen_test]
async fn records_set_aside_are_tried_again_and_those_that_pass_now_come_in() {
    use complaint_desk::store::quarantine::Quarantined;
    let (a, b) = (desk("a").await, desk("b").await);
    register(&a, "王先生").await;
    let text = String::from_utf8(export(&a).await).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let good = v["events"][0].to_string();
    let mut bad = v["events"][0].clone();
    bad["sha256"] = serde_json::Value::String("0".repeat(64));
    // As an older app would have left them: one it could not read, one that is broken.
    let kept = |id: &str, data: String| Quarantined { id: id.into(), received_ms: 0, source: "old.json".into(), reason: "record_malformed: older app".into(), data };
    let db = complaint_desk::store::Database::open(b.db_name()).await.unwrap();
    complaint_desk::store::import::quarantine(&db, &[kept("batch:f:events:0", good), kept("batch:f:events:1", bad.to_string()), kept("legacy:9", "{}".into())]).await.unwrap();

    let outcome = b.retry_quarantine().await.unwrap();
    assert_eq!((outcome.imported, outcome.still_refused, outcome.events), (1, 1, 1));
    assert_eq!(b.count().await.unwrap(), 1, "the complaint came in");
    let left = b.quarantined().await.unwrap();
    let ids: Vec<&str> = left.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"legacy:9") && ids.contains(&"batch:f:events:1"));
    let bad = left.iter().find(|q| q.id == "batch:f:events:1").unwrap();
    assert!(bad.reason.starts_with("record_checksum_mismatch"), "the reason is brought up to date: {}", bad.reason);
    // Again: nothing more to do.
    assert_eq!(b.retry_quarantine().await.unwrap().imported, 0);
}

/// The chunk writer's `put` where none of a chunk's ids is stored, `add` otherwise: a stored
/// event is never overwritten (here by a redacted copy with its id, which a `put` would store),
/// the refused chunk writes nothing, and new ids among stored ones of another device are written.
#[wasm_bindgen_test]
async fn a_chunk_never_overwrites_a_stored_event_and_writes_new_ones_among_stored_ids() {
    use complaint_desk::domain::batch::import::ImportChunk;
    use complaint_desk::domain::config::DomainConfig;
    use complaint_desk::domain::ids::ComplaintId;
    use complaint_desk::domain::retention::redact_event;
    use complaint_desk::store::import::write_chunk;
    use complaint_desk::store::{events, Database, StoreError};
    use std::collections::BTreeSet;

    let (a, b) = (desk("chunk-a").await, desk("chunk-b").await);
    let x = register(&a, "Xu").await;
    let z = register(&b, "Zhao").await; // B's own events: ids between A's two complaints'
    let y = register(&a, "Yang").await;
    let (da, db) = (Database::open(a.db_name()).await.unwrap(), Database::open(b.db_name()).await.unwrap());
    let (xs, ys) = (events::of_complaint(&da, &x).await.unwrap(), events::of_complaint(&da, &y).await.unwrap());
    let zs = events::of_complaint(&db, &z).await.unwrap();
    assert!(xs[0].id().as_str() < zs[0].id().as_str() && zs[0].id().as_str() < ys[0].id().as_str(), "B's ids in the span");
    let config = DomainConfig::default();
    let now = js_sys::Date::now() as i64;
    let (cx, cy) = (ComplaintId::from(x.as_str()), ComplaintId::from(y.as_str()));

    // X and Y new on B, B's Z stored within their span: written.
    let chunk = ImportChunk { complaints: vec![&cx, &cy], add: xs.iter().chain(&ys).collect(), replace: vec![], attachments: vec![] };
    let written = write_chunk(&db, &chunk, &BTreeSet::new(), &config, now, true).await.unwrap();
    assert_eq!((written.events, written.new_views), (xs.len() + ys.len(), 2));
    assert_eq!(b.count().await.unwrap(), 3);

    // A redacted copy of X's registration as a new event, beside a new one: refused whole.
    let copy = redact_event(&xs[0]).expect("the registration carries personal data");
    a.classify(&y, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    let later = events::of_complaint(&da, &y).await.unwrap().into_iter().find(|e| !ys.iter().any(|o| o.id() == e.id())).unwrap();
    let chunk = ImportChunk { complaints: vec![&cx, &cy], add: vec![&copy, &later], replace: vec![], attachments: vec![] };
    let known: BTreeSet<ComplaintId> = [cx.clone(), cy.clone()].into();
    let refused = write_chunk(&db, &chunk, &known, &config, now, true).await;
    assert!(matches!(refused, Err(StoreError::Exists)), "{refused:?}");
    let stored = events::of_complaint(&db, &x).await.unwrap();
    assert_eq!(stored.iter().map(|e| e.to_json()).collect::<Vec<_>>(), xs.iter().map(|e| e.to_json()).collect::<Vec<_>>(), "X as it was");
    assert!(!stored[0].is_redacted());
    assert_eq!(events::of_complaint(&db, &y).await.unwrap().len(), ys.len(), "nothing of the refused chunk");
}

//! Browser tests (headless Chromium) of the sync client against a real CouchDB-compatible
//! server: pouchdb-server on 127.0.0.1, started by `scripts/test.sh` (`e2e/couch-for-wasm-tests.mjs`)
//! and given to the build as SYNC_TEST_COUCH. Two devices are two desks (two databases) in one
//! page; each test uses its own server database.
#![cfg(target_arch = "wasm32")]

use complaint_desk::domain::batch::checksum::sha256_hex;
use complaint_desk::domain::classify::Urgency;
use complaint_desk::services::sync::SyncSettings;
use complaint_desk::services::Desk;
use complaint_desk::sync::couch::{Couch, SyncError};
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

#[path = "support/web_desk.rs"]
mod web_desk;
use web_desk::{register, states};

wasm_bindgen_test_configure!(run_in_browser);

fn server() -> &'static str {
    // Read at build time: the lints build this file without a server, the test run with one.
    match option_env!("SYNC_TEST_COUCH") {
        Some(url) => url,
        None => panic!("SYNC_TEST_COUCH is not set: run the wasm tests through scripts/test.sh, which starts the sync server"),
    }
}

fn settings(db: &str) -> SyncSettings {
    SyncSettings { server: server().into(), db: db.into(), user: "wasm".into() }
}

async fn desk(tag: &str) -> Desk {
    web_desk::desk("sync", tag).await
}

/// The event entries of a device's full export: (id, exact event text).
async fn events_of(desk: &Desk) -> Vec<(String, String)> {
    let text = desk.export_all(false).await.unwrap().text;
    let batch: Value = serde_json::from_str(&text).unwrap();
    batch["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let event = e["event"].as_str().unwrap().to_string();
            let id = serde_json::from_str::<Value>(&event).unwrap()["id"].as_str().unwrap().to_string();
            (id, event)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn two_devices_converge_through_the_server_and_an_idle_sync_moves_nothing() {
    let db = "web-sync-1";
    let (a, b) = (desk("a").await, desk("b").await);
    let first = register(&a, "王先生").await;
    register(&a, "Ms. Li").await;
    let sent = events_of(&a).await.len();

    // A wrong password is refused and saves nothing.
    assert_eq!(a.connect_sync(&settings(db), "wrong").await, Err(SyncError::Unauthorized));
    assert_eq!(a.sync_settings().await.unwrap(), None);

    a.connect_sync(&settings(db), "wasm-pass").await.unwrap();
    assert_eq!(a.sync_waiting().await.unwrap() as usize, sent, "what the device stored waits to be sent");
    let up = a.sync_once(|_| {}).await.unwrap();
    assert_eq!((up.sent, up.received, up.set_aside), (sent, 0, 0));
    assert_eq!(a.sync_waiting().await.unwrap(), 0);

    b.connect_sync(&settings(db), "wasm-pass").await.unwrap();
    let down = b.sync_once(|_| {}).await.unwrap();
    assert_eq!((down.sent, down.received, down.set_aside), (0, sent, 0));
    assert_eq!(states(&b).await, states(&a).await);

    // B's step travels back; each side's idle sync then moves nothing.
    b.classify(&first, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    let step = b.sync_waiting().await.unwrap() as usize;
    assert!(step >= 1, "the step's events wait in the outbox");
    assert_eq!(b.sync_once(|_| {}).await.unwrap().sent, step);
    assert_eq!(b.sync_waiting().await.unwrap(), 0);
    assert_eq!(a.sync_once(|_| {}).await.unwrap().received, step);
    assert_eq!(states(&a).await, states(&b).await);
    for d in [&a, &b] {
        let idle = d.sync_once(|_| {}).await.unwrap();
        assert_eq!((idle.sent, idle.received, idle.set_aside), (0, 0, 0));
        assert!(d.sync_record().await.unwrap().last_ok_ms.is_some());
    }
}

#[wasm_bindgen_test]
async fn a_document_that_differs_on_the_server_is_set_aside_and_never_overwritten() {
    let db = "web-sync-2";
    let a = desk("differs").await;
    register(&a, "Mr. Zhao").await;
    let (id, ours) = events_of(&a).await.remove(0);

    // Someone put another event under the same id on the server first.
    a.connect_sync(&settings(db), "wasm-pass").await.unwrap();
    let theirs = ours.replace("Mr. Zhao", "Mr. Qian");
    assert_ne!(theirs, ours);
    let parsed: Value = serde_json::from_str(&theirs).unwrap();
    let doc = json!({
        "_id": id, "type": "event", "complaint": parsed["complaint"], "device": parsed["device"],
        "hlc_ms": parsed["hlc"]["ms"], "sha256": sha256_hex(theirs.as_bytes()), "event": theirs,
    });
    let couch = Couch::new(server(), db);
    let answer = couch.bulk_docs(&[doc]).await.unwrap();
    assert!(answer[0].get("ok").is_some(), "the foreign document was stored: {answer}");

    let report = a.sync_once(|_| {}).await.unwrap();
    assert_eq!(report.set_aside, 1, "the differing document is set aside");
    assert_eq!(a.sync_waiting().await.unwrap(), 0, "and not sent again and again");
    let quarantined = a.quarantined().await.unwrap();
    assert_eq!(quarantined.len(), 1, "met by the push and by the pull, kept once");
    let set_aside = quarantined.iter().find(|q| q.id == format!("sync-differs:{id}")).expect("set aside with its id");
    assert!(set_aside.data.contains("Mr. Qian"), "what the server holds is kept for a person to see");

    // The server still holds the other content, and this device still holds its own.
    let on_server = couch.get_docs(std::slice::from_ref(&id)).await.unwrap();
    assert_eq!(on_server[0]["event"].as_str(), Some(theirs.as_str()));
    assert!(events_of(&a).await.iter().any(|(i, e)| *i == id && *e == ours));
}

#[wasm_bindgen_test]
async fn the_server_keeps_the_device_checkpoint_and_an_idle_sync_does_not_rewrite_it() {
    let db = "web-sync-3";
    let a = desk("checkpoint").await;
    register(&a, "Ms. Sun").await;
    a.connect_sync(&settings(db), "wasm-pass").await.unwrap();
    a.sync_once(|_| {}).await.unwrap();
    let couch = Couch::new(server(), db);
    let id = format!("complaint-desk-{}", a.device().id);
    let kept = couch.get_local(&id).await.unwrap().expect("the server keeps the device's place");
    assert!(kept.get("since").is_some_and(|s| !s.is_null()));
    a.sync_once(|_| {}).await.unwrap();
    let again = couch.get_local(&id).await.unwrap().unwrap();
    assert_eq!(again.get("_rev"), kept.get("_rev"), "nothing moved, nothing written");
    // Something new moves it.
    register(&a, "Mr. Zhou").await;
    a.sync_once(|_| {}).await.unwrap();
    let moved = couch.get_local(&id).await.unwrap().unwrap();
    assert_ne!(moved.get("_rev"), kept.get("_rev"));
}

#[wasm_bindgen_test]
async fn an_imported_batch_waits_as_its_events_and_is_sent_whole_batch_after_batch() {
    let db = "web-sync-4";
    let (a, b, c) = (desk("a").await, desk("b").await, desk("c").await);
    // More events than one push sends (100), so groups are sent in parts.
    for i in 0..130 {
        register(&a, &format!("Customer {i}")).await;
    }
    let sent = events_of(&a).await.len();
    b.connect_sync(&settings(db), "wasm-pass").await.unwrap();
    assert_eq!(b.sync_once(|_| {}).await.unwrap().sent, 0);
    // Imported after the first sync: the import's chunks wait as grouped outbox entries.
    let file = a.export_all(true).await.unwrap().text.into_bytes();
    let preview = b.preview_import("a.json", &file).await.unwrap();
    b.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!(b.sync_waiting().await.unwrap() as usize, sent, "every imported event waits");
    let up = b.sync_once(|_| {}).await.unwrap();
    assert_eq!((up.sent, up.set_aside), (sent, 0));
    assert_eq!(b.sync_waiting().await.unwrap(), 0);
    assert_eq!(b.sync_once(|_| {}).await.unwrap().sent, 0, "nothing is sent twice");

    c.connect_sync(&settings(db), "wasm-pass").await.unwrap();
    assert_eq!(c.sync_once(|_| {}).await.unwrap().received, sent);
    assert_eq!(states(&c).await, states(&a).await);
}

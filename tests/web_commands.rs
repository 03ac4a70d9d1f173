//! Browser tests (headless Chromium): commands on an existing complaint go through the domain
//! into events and the view in one transaction; refused ones write nothing.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::classify::Urgency;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::domain::workflow::CommandKind;
use complaint_desk::services::{ActionError, Desk};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn desk_with_one() -> (Desk, String) {
    let desk = Desk::open_named(&format!("test-cmd-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let input = NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local() - Duration::minutes(5),
        channel: Channel::Phone,
        customer_name: "王先生".into(),
        customer_phone: "13800138000".into(),
        product: "Air conditioner".into(),
        description: "Cools badly.".into(),
    };
    let view = desk.register(input, "Clerk Li", None).await.unwrap();
    (desk, view.id)
}

#[wasm_bindgen_test]
async fn classifying_updates_events_view_and_offers_the_next_steps() {
    let (desk, id) = desk_with_one().await;
    let before = desk.detail(&id).await.unwrap().unwrap();
    assert!(before.legal.contains(&CommandKind::Classify));
    assert_eq!(before.trail.len(), 1);

    let view = desk.classify(&id, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    assert_eq!(view.status, "classified");
    assert_eq!(view.type_key.as_deref(), Some("product_quality"));
    assert_eq!(view.urgency.as_deref(), Some("urgent"));

    let after = desk.detail(&id).await.unwrap().unwrap();
    assert_eq!(after.view, view, "the stored view is the one returned");
    // The classification and the status change it causes, both by the classifier.
    let kinds: Vec<&str> = after.trail.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, vec!["registered", "fields_set", "transition"]);
    assert!(after.trail[1..].iter().all(|e| e.actor == "Lead Zhou"));
    assert!(after.legal.contains(&CommandKind::Route), "routing comes next");
    // Urgent: the resolution clock is 24 calendar hours, so it is due sooner than before.
    let resolution = |d: &complaint_desk::services::ComplaintDetail| {
        d.clocks.iter().find(|c| format!("{:?}", c.instance.kind) == "Resolution").and_then(|c| c.due).unwrap()
    };
    assert!(resolution(&after) <= resolution(&before));
}

#[wasm_bindgen_test]
async fn a_refused_command_writes_nothing() {
    let (desk, id) = desk_with_one().await;
    let before = desk.detail(&id).await.unwrap().unwrap();
    let err = desk.classify(&id, "no_such_type", Urgency::Low, "Lead Zhou").await.unwrap_err();
    assert_eq!(err.code(), "unknown_type");
    let after = desk.detail(&id).await.unwrap().unwrap();
    assert_eq!(after.trail.len(), before.trail.len());
    assert_eq!(after.view, before.view);

    let missing = desk.classify("01ARZ3NDEKTSV4RRFFQ69G5FAV", "product_quality", Urgency::Low, "x").await;
    assert_eq!(missing.unwrap_err(), ActionError::NotFound);
}

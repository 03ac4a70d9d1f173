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

fn file(parts: &js_sys::Array, name: &str) -> web_sys::File {
    web_sys::File::new_with_u8_array_sequence(parts, name).unwrap()
}

async fn attachment_rows(desk_db: &str) -> u32 {
    let db = complaint_desk::store::Database::open(desk_db).await.unwrap();
    let tx = db.transaction(&[complaint_desk::store::schema::ATTACHMENTS], false).await.unwrap();
    tx.store(complaint_desk::store::schema::ATTACHMENTS).unwrap().count(None).unwrap().await.unwrap()
}

#[wasm_bindgen_test]
async fn a_file_and_its_event_are_stored_together_or_not_at_all() {
    let name = format!("test-attach-{}", js_sys::Math::random().to_bits());
    let desk = Desk::open_named(&name).await.unwrap();
    let input = NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local() - Duration::minutes(5),
        channel: Channel::Site,
        customer_name: "王先生".into(),
        customer_phone: "13800138000".into(),
        product: "Kettle".into(),
        description: "Leaks.".into(),
    };
    let id = desk.register(input, "Clerk Li", None).await.unwrap().id;
    let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(&[1u8, 2, 3, 4][..]));

    desk.attach(&id, &file(&bytes, "photo.jpg"), "Clerk Li").await.unwrap();
    let state = desk.complaint(&id).await.unwrap().unwrap();
    assert_eq!(state.attachments.len(), 1);
    let a = &state.attachments[0].value;
    assert_eq!((a.name.as_str(), a.bytes), ("photo.jpg", 4));
    assert!(desk.attachment_url(&a.key).await.unwrap().is_some(), "the file is there");
    assert_eq!(attachment_rows(&name).await, 1);

    // Refused by the domain (a type longer than any real one): neither the file nor an event
    // is stored. (A missing or hostile name is cleaned, not refused: see the next line.)
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&format!("image/{}", "x".repeat(300)));
    let odd = web_sys::File::new_with_u8_array_sequence_and_options(&bytes, "odd.jpg", &options).unwrap();
    let err = desk.attach(&id, &odd, "Clerk Li").await.unwrap_err();
    assert_eq!(err.code(), "too_long");
    // Refused before the domain (too large): nothing stored either.
    let big = js_sys::Array::of1(&js_sys::Uint8Array::new_with_length(16 * 1024 * 1024));
    assert_eq!(desk.attach(&id, &file(&big, "big.jpg"), "Clerk Li").await.unwrap_err(), ActionError::TooLarge);
    assert_eq!(attachment_rows(&name).await, 1);
    assert_eq!(desk.complaint(&id).await.unwrap().unwrap().attachments.len(), 1);
    assert!(desk.attachment_url("att-missing").await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn refused_settings_change_nothing_and_saved_ones_survive_a_restart() {
    use complaint_desk::domain::settings::SettingsForm;
    let name = format!("test-settings-{}", js_sys::Math::random().to_bits());
    let desk = Desk::open_named(&name).await.unwrap();
    let before = (*desk.config()).clone();
    let mut form = SettingsForm::of(&before);
    form.periods = "18:00-09:00".into();
    let err = desk.save_settings(&form).await.unwrap_err();
    assert_eq!((err.field(), err.code()), (Some("periods"), "calendar_bad_periods"));
    assert_eq!(*desk.config(), before, "nothing changed");

    form.periods = "08:00-12:00, 13:00-17:00".into();
    form.sla_preset = "seed_002".into();
    form.staff = vec![complaint_desk::domain::staff::StaffMember::new("Clerk Li", &[complaint_desk::domain::staff::Role::Clerk])];
    desk.save_settings(&form).await.unwrap();
    assert_eq!(desk.config().sla.key, "seed_002");
    drop(desk);
    let reopened = Desk::open_named(&name).await.unwrap();
    assert_eq!(reopened.config().sla.key, "seed_002");
    assert_eq!(reopened.config().staff, form.staff);
    assert_eq!(reopened.calendar().periods.len(), 2);
}

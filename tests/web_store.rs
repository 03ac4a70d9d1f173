//! Browser tests (headless Chromium): the first slice's IndexedDB round trip.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::registration::{Field, FieldProblem, NewComplaint};
use complaint_desk::services::{Desk, RegisterError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test (and no user) uses.
fn fresh_name(label: &str) -> String {
    format!("test-{label}-{}", js_sys::Math::random().to_bits())
}

fn complaint(minutes_ago: i64, name: &str) -> NewComplaint {
    NewComplaint {
        received_at: Local::now().naive_local() - Duration::minutes(minutes_ago),
        channel: Channel::Phone,
        customer_name: name.into(),
        customer_phone: "138 0013 8000".into(),
        product: "空调 KFR-35GW".into(),
        description: "新买的空调制冷差，开了一天房间还是28度".into(),
    }
}

#[wasm_bindgen_test]
async fn registered_complaints_are_numbered_stored_and_listed_newest_first() {
    let name = fresh_name("roundtrip");
    let desk = Desk::open_named(&name).await.expect("open");
    let device = desk.device();

    let first = desk.register(complaint(10, "王先生"), None).await.expect("first");
    let second = desk.register(complaint(5, "李女士"), None).await.expect("second");
    let day = first.received_at.format("%Y%m%d").to_string();
    if second.received_at.date() == first.received_at.date() {
        assert_eq!(first.number, format!("{day}-TEL-{}-001", device.code));
        assert_eq!(second.number, format!("{day}-TEL-{}-002", device.code));
    }
    assert_eq!(first.customer_name, "王先生");
    assert_eq!(first.device_id, device.id);

    // Reopen: the identity and the records survive, newest first.
    drop(desk);
    let desk = Desk::open_named(&name).await.expect("reopen");
    assert_eq!(desk.device(), device, "the device identity is created once");
    assert_eq!(desk.count().await.unwrap(), 2);
    let listed = desk.newest(0, 10).await.unwrap();
    assert_eq!(listed, vec![second.clone(), first.clone()]);
    assert_eq!(desk.newest(1, 10).await.unwrap(), vec![first]);
}

#[wasm_bindgen_test]
async fn invalid_input_is_refused_and_nothing_is_stored() {
    let desk = Desk::open_named(&fresh_name("invalid")).await.expect("open");
    let mut bad = complaint(1, " ");
    bad.customer_phone = "12ab".into();
    match desk.register(bad, None).await {
        Err(RegisterError::Invalid(errors)) => {
            let fields: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
            assert_eq!(
                fields,
                vec![
                    (Field::CustomerName, FieldProblem::Required),
                    (Field::CustomerPhone, FieldProblem::InvalidPhone)
                ]
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(desk.count().await.unwrap(), 0);
    // The serial was not consumed by the refused registration.
    let ok = desk.register(complaint(1, "王先生"), None).await.unwrap();
    assert!(ok.number.ends_with("-001"), "{}", ok.number);
}

#[wasm_bindgen_test]
async fn separate_databases_keep_separate_identities_and_data() {
    let a = Desk::open_named(&fresh_name("device-a")).await.unwrap();
    let b = Desk::open_named(&fresh_name("device-b")).await.unwrap();
    assert_ne!(a.device().id, b.device().id);
    a.register(complaint(1, "王先生"), None).await.unwrap();
    assert_eq!(a.count().await.unwrap(), 1);
    assert_eq!(b.count().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn renaming_the_device_is_validated_and_persisted() {
    let name = fresh_name("rename");
    let desk = Desk::open_named(&name).await.unwrap();
    let before = desk.device();
    assert_eq!(desk.rename_device("  ").await.unwrap_err().code(), "device_name_empty");
    assert_eq!(desk.device(), before, "a refused name changes nothing");
    desk.rename_device("柜台平板 2").await.unwrap();
    drop(desk);
    let again = Desk::open_named(&name).await.unwrap();
    assert_eq!(again.device().name, "柜台平板 2");
    assert_eq!(again.device().id, before.id);
}

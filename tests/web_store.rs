//! Browser tests (headless Chromium): registering through the domain command into the event
//! store, and reading the views back (pages, orders, search, the folded state).
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::domain::workflow::Status;
use complaint_desk::services::{Desk, Filter, Order, RegisterError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test (and no user) uses.
fn fresh_name(label: &str) -> String {
    format!("test-{label}-{}", js_sys::Math::random().to_bits())
}

const OWNER: &str = "li.kefu";

fn complaint(minutes_ago: i64, name: &str) -> NewComplaint {
    NewComplaint {
        more: Default::default(),
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

    let first = desk.register(complaint(10, "王先生"), OWNER, None).await.expect("first");
    let second = desk.register(complaint(5, "李女士"), OWNER, None).await.expect("second");
    let day = first.received_at.format("%Y%m%d").to_string();
    if second.received_at.date() == first.received_at.date() {
        assert_eq!(first.number, format!("{day}-TEL-{}-001", device.code));
        assert_eq!(second.number, format!("{day}-TEL-{}-002", device.code));
    }
    assert_eq!(first.customer_name, "王先生");
    assert_eq!(first.device, device.id);
    assert_eq!(first.first_contact_owner, OWNER);
    assert_eq!(first.status, "registered");
    assert_eq!((first.phone_key.as_str(), first.name_key.as_str()), ("13800138000", "王先生"));

    // The view is the fold of the stored events, and the event keeps the owner.
    let state = desk.complaint(&first.id).await.unwrap().expect("events stored");
    assert_eq!(state.number(), Some(first.number.as_str()));
    assert_eq!(state.status(), Some(Status::Registered));
    assert_eq!(state.first_contact_owner(), Some(OWNER));
    assert_eq!(state.customer().unwrap().name, "王先生");
    assert_eq!(state.trail.len(), 1);
    assert!(desk.complaint("01ARZ3NDEKTSV4RRFFQ69G5FAV").await.unwrap().is_none());

    // Reopen: the identity and the records survive, newest first.
    drop(desk);
    let desk = Desk::open_named(&name).await.expect("reopen");
    assert_eq!(desk.device(), device, "the device identity is created once");
    assert_eq!(desk.count().await.unwrap(), 2);
    let listed = desk.newest(10).await.unwrap();
    assert_eq!(listed, vec![second.clone(), first.clone()]);
    let one = desk.list(Order::Newest, &Filter::default(), None, 1).await.unwrap();
    assert_eq!(one.rows, vec![second]);
    let rest = desk.list(Order::Newest, &Filter::default(), one.next.as_ref(), 10).await.unwrap();
    assert_eq!((rest.rows, rest.next), (vec![first], None), "the next page starts after the first");
}

#[wasm_bindgen_test]
async fn invalid_input_is_refused_and_nothing_is_stored() {
    let desk = Desk::open_named(&fresh_name("invalid")).await.expect("open");
    let mut bad = complaint(1, " ");
    bad.customer_phone = "12ab".into();
    match desk.register(bad, OWNER, None).await {
        Err(RegisterError::Invalid(errors)) => {
            let fields: Vec<_> = errors.iter().map(|e| (e.field.key(), e.problem.code())).collect();
            assert_eq!(
                fields,
                vec![("customer.name", "required"), ("customer.phone", "invalid_phone")]
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(desk.count().await.unwrap(), 0);
    // The serial was not consumed by the refused registration.
    let ok = desk.register(complaint(1, "王先生"), OWNER, None).await.unwrap();
    assert!(ok.number.ends_with("-001"), "{}", ok.number);

    // Without a first-contact owner, or a way to reach the customer, nothing is stored.
    let mut no_contact = complaint(1, "李女士");
    no_contact.customer_phone.clear();
    match desk.register(no_contact, "  ", None).await {
        Err(e @ RegisterError::Invalid(_)) => {
            assert_eq!(e.code(), "invalid_fields");
            let RegisterError::Invalid(issues) = e else { unreachable!() };
            let keys: Vec<_> = issues.iter().map(|i| i.field.key()).collect();
            assert_eq!(keys, ["first_contact_owner", "customer.contact"]);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(desk.count().await.unwrap(), 1);
}

#[wasm_bindgen_test]
async fn lists_page_by_index_order_and_search_merges_prefix_matches() {
    let desk = Desk::open_named(&fresh_name("lists")).await.expect("open");
    let mut made = Vec::new();
    for (i, name) in ["Wang Wei", "wang fang", "Li Na", "Zhao Lei", "Qian Yu"].iter().enumerate() {
        let mut c = complaint(50 - i as i64, name);
        c.customer_phone = format!("139 0000 {:04}", 1000 + i);
        made.push(desk.register(c, OWNER, None).await.unwrap());
    }
    assert_eq!(desk.count().await.unwrap(), 5);
    let newest: Vec<_> = desk.newest(100).await.unwrap().into_iter().map(|v| v.id).collect();
    let expected: Vec<_> = made.iter().rev().map(|v| v.id.clone()).collect();
    assert_eq!(newest, expected);
    // Pages by key: each starts where the one before ended, the last has no next.
    let all = Filter::default();
    let first = desk.list(Order::Newest, &all, None, 2).await.unwrap();
    let second = desk.list(Order::Newest, &all, first.next.as_ref(), 2).await.unwrap();
    let third = desk.list(Order::Newest, &all, second.next.as_ref(), 2).await.unwrap();
    let paged: Vec<_> = [first.rows, second.rows, third.rows].concat().into_iter().map(|v| v.id).collect();
    assert_eq!(paged, expected);
    assert!(third.next.is_none());

    // Every new complaint has a running clock; due soonest is ascending.
    let due = desk.due_soonest(100).await.unwrap();
    assert_eq!(due.len(), 5);
    assert!(due.windows(2).all(|w| w[0].due_ms <= w[1].due_ms), "ascending due times");
    let four = desk.list(Order::DueSoonest, &all, None, 4).await.unwrap();
    assert_eq!(desk.list(Order::DueSoonest, &all, four.next.as_ref(), 10).await.unwrap().rows.len(), 1);

    let ids = |v: Vec<complaint_desk::services::ComplaintView>| v.into_iter().map(|v| v.id).collect::<Vec<_>>();
    // Name prefix, case-insensitive.
    let mut wang = ids(desk.search("  WANG ", 10).await.unwrap());
    wang.sort();
    let mut both = vec![made[0].id.clone(), made[1].id.clone()];
    both.sort();
    assert_eq!(wang, both);
    // Phone digits whatever the formatting.
    assert_eq!(ids(desk.search("13900001002", 10).await.unwrap()), vec![made[2].id.clone()]);
    assert_eq!(desk.search("139-0000", 10).await.unwrap().len(), 5);
    // Number prefix; each complaint once even when several indexes match.
    let number = &made[3].number;
    assert_eq!(ids(desk.search(number, 10).await.unwrap()), vec![made[3].id.clone()]);
    let day = &number[..8];
    assert_eq!(desk.search(day, 10).await.unwrap().len(), 5);
    assert_eq!(desk.search(day, 3).await.unwrap().len(), 3);
    assert!(desk.search("nobody", 10).await.unwrap().is_empty());
    assert!(desk.search("   ", 10).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn separate_databases_keep_separate_identities_and_data() {
    let a = Desk::open_named(&fresh_name("device-a")).await.unwrap();
    let b = Desk::open_named(&fresh_name("device-b")).await.unwrap();
    assert_ne!(a.device().id, b.device().id);
    a.register(complaint(1, "王先生"), OWNER, None).await.unwrap();
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

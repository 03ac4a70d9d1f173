//! Browser tests (headless Chromium): a returning customer's earlier complaints, found by phone
//! through the `phone_key` index — counted, newest first, at most the limit, no other phone's.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::customers::lookup_key;
use complaint_desk::services::Desk;
use complaint_desk::store::codec::to_js;
use complaint_desk::store::customers::by_phone;
use complaint_desk::store::schema::VIEWS;
use complaint_desk::store::views::ComplaintView;
use complaint_desk::store::Database;
use wasm_bindgen_test::*;

#[path = "support/view_row.rs"]
mod view_row;
use view_row::view_row;

wasm_bindgen_test_configure!(run_in_browser);

/// Row `id` with a phone; ids sort like ULIDs (registration order).
fn row(id: &str, phone: &str) -> ComplaintView {
    ComplaintView {
        phone_key: complaint_desk::store::views::phone_key(phone),
        customer_phone: phone.into(),
        ..view_row(id)
    }
    .with_derived_keys()
}

async fn filled(rows: &[ComplaintView]) -> Database {
    let db = Database::open(&format!("test-customers-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    for r in rows {
        tx.store(VIEWS).unwrap().add(&to_js(r).unwrap(), None).unwrap().await.unwrap();
    }
    tx.commit().await.unwrap();
    db
}

fn ids(rows: &[ComplaintView]) -> Vec<&str> {
    rows.iter().map(|r| r.id.as_str()).collect()
}

#[wasm_bindgen_test]
async fn counts_all_and_returns_the_newest_five() {
    // Seven complaints from one phone (written in different formats), interleaved with others.
    let mut rows = Vec::new();
    for i in 0..7 {
        let phone = if i % 2 == 0 { "138 0013 8000" } else { "138-0013-8000" };
        rows.push(row(&format!("01A{i}"), phone));
        rows.push(row(&format!("01B{i}"), "139 1111 2222"));
    }
    rows.push(row("01C0", ""));
    let db = filled(&rows).await;
    let found = by_phone(&db, "13800138000", 5).await.unwrap();
    assert_eq!(found.count, 7);
    assert_eq!(ids(&found.recent), ["01A6", "01A5", "01A4", "01A3", "01A2"]);
    let other = by_phone(&db, "13911112222", 5).await.unwrap();
    assert_eq!(other.count, 7);
    assert!(other.recent.iter().all(|r| r.customer_phone == "139 1111 2222"));
    // Fewer than the limit: all of them.
    let few = filled(&rows[..4]).await;
    let found = by_phone(&few, "13800138000", 5).await.unwrap();
    assert_eq!((found.count, ids(&found.recent)), (2, vec!["01A1", "01A0"]));
}

#[wasm_bindgen_test]
async fn other_phones_and_blank_phones_find_nothing() {
    let db = filled(&[row("01A0", "138 0013 8000"), row("01A1", ""), row("01A2", "")]).await;
    for key in ["13800138001", "1380013800", "", "3800138000"] {
        let found = by_phone(&db, key, 5).await.unwrap();
        assert_eq!((found.count, found.recent.len()), (0, 0), "{key:?}");
    }
    assert_eq!(by_phone(&db, "13800138000", 0).await.unwrap().count, 1);
}

#[wasm_bindgen_test]
async fn registered_complaints_are_found_by_the_digits_typed_on_the_form() {
    let desk = Desk::open_named(&format!("test-customers-desk-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let complaint = |phone: &str| NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local() - Duration::minutes(5),
        channel: Channel::Phone,
        customer_name: "Mr. Wang".into(),
        customer_phone: phone.into(),
        product: "Kettle".into(),
        description: "It broke.".into(),
    };
    let a = desk.register(complaint("138 0013 8000"), "li.kefu", None).await.unwrap();
    let b = desk.register(complaint("(138) 0013-8000"), "li.kefu", None).await.unwrap();
    desk.register(complaint("139 1111 2222"), "li.kefu", None).await.unwrap();
    // Too few digits are not looked up yet.
    assert_eq!(lookup_key("138 00"), None);
    let key = lookup_key("+ 138 0013 8000").unwrap();
    let found = desk.earlier_complaints(&key).await.unwrap();
    assert_eq!(found.count, 2);
    let mut got: Vec<_> = found.recent.iter().map(|r| r.id.clone()).collect();
    got.sort();
    let mut want = vec![a.id, b.id];
    want.sort();
    assert_eq!(got, want);
}

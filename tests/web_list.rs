//! Browser tests (headless Chromium): list pages by order and filters, read from the indexes.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use complaint_desk::domain::channel::Channel;
use complaint_desk::store::codec::to_js;
use complaint_desk::store::list::{page, Filter, FilterField, Order};
use complaint_desk::store::schema::VIEWS;
use complaint_desk::store::views::ComplaintView;
use complaint_desk::store::Database;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const STATUSES: [&str; 3] = ["registered", "investigating", "closed"];
const URGENCIES: [&str; 3] = ["urgent", "normal", "low"];

/// Row `i`: status, urgency and device cycle; closed ones have no running clock.
fn row(i: i64) -> ComplaintView {
    let status = STATUSES[(i % 3) as usize];
    ComplaintView {
        id: format!("c{i:04}"),
        number: format!("20261125-TEL-K7-{i:03}"),
        status: status.into(),
        due_ms: (status != "closed").then_some(1_000_000 + (i * 7919) % 1000),
        warn_ms: None,
        type_key: Some("product_quality".into()),
        urgency: Some(URGENCIES[(i % 3 + i / 3) as usize % 3].into()),
        department: None,
        updated_ms: 500 + i,
        created_ms: 500 + i,
        phone_key: String::new(),
        name_key: format!("n{i}"),
        product_key: "kettle".into(),
        device: if i % 2 == 0 { "dev-a".into() } else { "dev-b".into() },
        received_at: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        channel: Channel::Phone,
        customer_name: format!("N{i}"),
        customer_phone: String::new(),
        product: "Kettle".into(),
        own_words: "Broken.".into(),
        first_contact_owner: "Li".into(),
        source_key: None,
        due_clock: None,
        badges: Vec::new(),
    }
}

async fn filled(n: i64) -> (Database, Vec<ComplaintView>) {
    let db = Database::open(&format!("test-list-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let rows: Vec<ComplaintView> = (0..n).map(row).collect();
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    for r in &rows {
        tx.store(VIEWS).unwrap().add(&to_js(r).unwrap(), None).unwrap().await.unwrap();
    }
    tx.commit().await.unwrap();
    (db, rows)
}

/// What a page must hold, computed the slow way.
fn expected(rows: &[ComplaintView], order: Order, keep: impl Fn(&ComplaintView) -> bool, offset: usize, limit: usize) -> Vec<String> {
    let mut v: Vec<&ComplaintView> = rows.iter().filter(|r| keep(r)).collect();
    match order {
        Order::Newest => v.sort_by_key(|r| std::cmp::Reverse(r.created_ms)),
        Order::DueSoonest => {
            v.retain(|r| r.due_ms.is_some());
            v.sort_by(|a, b| (a.due_ms, &a.id).cmp(&(b.due_ms, &b.id)));
        }
    }
    v.into_iter().skip(offset).take(limit).map(|r| r.id.clone()).collect()
}

fn ids(rows: Vec<ComplaintView>) -> Vec<String> {
    rows.into_iter().map(|r| r.id).collect()
}

#[wasm_bindgen_test]
async fn filtered_pages_match_a_full_scan_in_both_orders() {
    let (db, rows) = filled(120).await;
    let status = |s: &str| Filter { equals: vec![(FilterField::Status, s.into())], overdue_at: None };
    for order in [Order::Newest, Order::DueSoonest] {
        for (offset, limit) in [(0, 10), (7, 25), (35, 50)] {
            let got = ids(page(&db, order, &Filter::default(), offset, limit).await.unwrap());
            assert_eq!(got, expected(&rows, order, |_| true, offset as usize, limit as usize), "{order:?} unfiltered");

            let got = ids(page(&db, order, &status("investigating"), offset, limit).await.unwrap());
            assert_eq!(got, expected(&rows, order, |r| r.status == "investigating", offset as usize, limit as usize));

            // Two filters: the second is checked row by row.
            let both = Filter {
                equals: vec![(FilterField::Status, "registered".into()), (FilterField::Urgency, "urgent".into())],
                overdue_at: None,
            };
            let got = ids(page(&db, order, &both, offset, limit).await.unwrap());
            let want = expected(&rows, order, |r| r.status == "registered" && r.urgency.as_deref() == Some("urgent"), offset as usize, limit as usize);
            assert_eq!(got, want, "{order:?} status+urgency");
        }
    }
}

#[wasm_bindgen_test]
async fn the_overdue_filter_works_with_and_without_other_filters() {
    let (db, rows) = filled(90).await;
    let now = 1_000_500;
    for order in [Order::Newest, Order::DueSoonest] {
        let overdue = Filter { equals: vec![], overdue_at: Some(now) };
        let got = ids(page(&db, order, &overdue, 0, 100).await.unwrap());
        let want = expected(&rows, order, |r| r.due_ms.is_some_and(|d| d < now), 0, 100);
        assert!(!want.is_empty());
        assert_eq!(got, want, "{order:?} overdue");

        let on_device = Filter { equals: vec![(FilterField::Device, "dev-b".into())], overdue_at: Some(now) };
        let got = ids(page(&db, order, &on_device, 3, 100).await.unwrap());
        let want = expected(&rows, order, |r| r.device == "dev-b" && r.due_ms.is_some_and(|d| d < now), 3, 100);
        assert_eq!(got, want, "{order:?} device+overdue");
    }
    let none = Filter { equals: vec![(FilterField::Status, "archived".into())], overdue_at: None };
    assert!(page(&db, Order::Newest, &none, 0, 10).await.unwrap().is_empty());
}

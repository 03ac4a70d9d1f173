//! Browser tests (headless Chromium): the `review` store keeps one row per complaint in step
//! with its events, whatever wrote them (registration, a step, a batch import), rows missing
//! since before schema v7 are backfilled, and a review pages through any number of rows.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use complaint_desk::browser::clock;
use complaint_desk::domain::classify::Urgency;
use complaint_desk::domain::command::Command;
use complaint_desk::domain::review::{ReviewFilter, ReviewRow};
use complaint_desk::services::Desk;
use complaint_desk::store::codec::to_js;
use complaint_desk::store::review::{self, Over, PAGE};
use complaint_desk::store::schema::REVIEW;
use complaint_desk::store::Database;
use wasm_bindgen_test::*;

#[path = "support/web_desk.rs"]
mod web_desk;
use web_desk::{register, states};

wasm_bindgen_test_configure!(run_in_browser);

/// The stored row equals the row made from the complaint's folded state now.
async fn assert_in_step(desk: &Desk, id: &str) -> ReviewRow {
    let db = Database::open(desk.db_name()).await.unwrap();
    let stored = review::get(&db, id).await.unwrap().expect("a row for every complaint");
    let state = desk.complaint(id).await.unwrap().unwrap();
    let fresh = ReviewRow::of(&state, &desk.config(), clock::now_ms()).unwrap();
    assert_eq!(stored, fresh, "{id}");
    stored
}

#[wasm_bindgen_test]
async fn rows_follow_commands_and_imports() {
    let a = web_desk::desk("review", "a").await;
    let first = register(&a, "王先生").await;
    let second = register(&a, "Ms. Chen").await;
    let row = assert_in_step(&a, &first).await;
    assert_eq!((row.type_key, row.open_ms.is_some()), (None, true));

    a.classify(&first, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    a.execute(&first, Command::AssignHandler { handler: "qian".into() }, "Lead Zhou").await.unwrap();
    a.execute(&first, Command::StartInvestigation { note: String::new() }, "Lead Zhou").await.unwrap();
    a.execute(&first, Command::Wait { on_customer: true, reason: "等客户".into() }, "Lead Zhou").await.unwrap();
    let row = assert_in_step(&a, &first).await;
    assert_eq!((row.type_key.as_deref(), row.urgency), (Some("product_quality"), Some(Urgency::Urgent)));
    assert_in_step(&a, &second).await;

    // Another device imports A's batch: its rows are made in the import's transactions.
    let b = web_desk::desk("review", "b").await;
    let file = a.export_all(true).await.unwrap().text.into_bytes();
    let preview = b.preview_import("a.json", &file).await.unwrap();
    b.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!(states(&a).await, states(&b).await);
    let imported = assert_in_step(&b, &first).await;
    assert_eq!(imported.urgency, Some(Urgency::Urgent));
    assert_in_step(&b, &second).await;

    // This month's review on B counts both, by type and from A's device.
    let period = b.this_period(complaint_desk::domain::review::PeriodKind::Month);
    let rep = b.review(period, ReviewFilter::default()).await.unwrap();
    assert_eq!(rep.received, 2);
    assert_eq!(rep.by_device.iter().map(|c| (c.key.clone(), c.n)).collect::<Vec<_>>(), vec![(a.device().id, 2)]);
    assert_eq!(rep.backlog.iter().sum::<u32>(), 2);
    let only = ReviewFilter { type_key: Some("product_quality".into()), ..ReviewFilter::default() };
    assert_eq!(b.review(period, only).await.unwrap().received, 1);
}

#[wasm_bindgen_test]
async fn missing_rows_are_backfilled_before_a_review() {
    let desk = web_desk::desk("review", "backfill").await;
    let id = register(&desk, "王先生").await;
    register(&desk, "Ms. Chen").await;
    // As a database upgraded from v6 would be: complaints without rows.
    let db = Database::open(desk.db_name()).await.unwrap();
    let tx = db.transaction(&[REVIEW], true).await.unwrap();
    tx.store(REVIEW).unwrap().clear().unwrap().await.unwrap();
    tx.commit().await.unwrap();
    assert!(review::get(&db, &id).await.unwrap().is_none());

    let period = desk.this_period(complaint_desk::domain::review::PeriodKind::Month);
    assert_eq!(desk.review(period, ReviewFilter::default()).await.unwrap().received, 2);
    assert_in_step(&desk, &id).await;
    assert_eq!(review::backfill(&db, &desk.config(), clock::now_ms()).await.unwrap(), 0, "nothing left to do");
    // Once complete, every view write puts its row: reviews no longer compare the stores.
    let tx = db.transaction(&[REVIEW], true).await.unwrap();
    tx.store(REVIEW).unwrap().clear().unwrap().await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(review::backfill(&db, &desk.config(), clock::now_ms()).await.unwrap(), 0, "the check is done once");
    register(&desk, "Mr. Wang").await;
    assert_eq!(desk.review(period, ReviewFilter::default()).await.unwrap().received, 1, "the new complaint's row, written with it");
}

/// A row received at `ms`, open when `open`.
fn row(i: usize, ms: i64, open: bool) -> ReviewRow {
    let json = format!(
        r#"{{"id":"c{i:05}","number":"N{i}","received_ms":{ms},"open_ms":{open},"status":"registered","device":"d{d}","department":null,"channel":"phone","product_key":"","type":null,"subtype":null,"urgency":null,"phone_key":"","clocks":[],"first_contact_min":null,"resolution_min":null,"resolved":false,"survey":null,"second_round":false,"reopened":false,"closed_after_failed_contact":false}}"#,
        open = if open { ms.to_string() } else { "null".into() },
        d = i % 3
    );
    serde_json::from_str(&json).unwrap()
}

#[wasm_bindgen_test]
async fn pages_cover_every_row_once_even_with_equal_times() {
    let db = Database::open(&format!("test-review-pages-{}", js_sys::Math::random().to_bits())).await.unwrap();
    // 2.5 pages, many rows sharing a received time (a page boundary falls among them).
    let n = PAGE as usize * 5 / 2;
    let rows: Vec<ReviewRow> = (0..n).map(|i| row(i, 1_000_000 + (i as i64 / 7) * 1000, i % 4 == 0)).collect();
    let tx = db.transaction(&[REVIEW], true).await.unwrap();
    for (i, r) in rows.iter().enumerate() {
        // Every third row as an earlier version stored it (JSON text), the rest as bytes.
        let rec = if i % 3 == 0 {
            let json = serde_json::to_string(r).unwrap();
            to_js(&serde_json::json!({"id": r.id, "received_ms": r.received_ms, "open_ms": r.open_ms, "json": json})).unwrap()
        } else {
            review::record(r).unwrap()
        };
        drop(tx.store(REVIEW).unwrap().put(&rec, None).unwrap());
    }
    tx.commit().await.unwrap();

    let mut seen = Vec::new();
    let count = review::for_each(&db, Over::Received { from: i64::MIN / 2, to: i64::MAX / 2 }, |r| seen.push(r.clone())).await.unwrap();
    assert_eq!((count as usize, seen.len()), (n, n));
    let mut by_id = seen.clone();
    by_id.sort_by(|a, b| a.id.cmp(&b.id));
    by_id.dedup_by(|a, b| a.id == b.id);
    assert_eq!(by_id.len(), n, "no row twice");
    let mut written = rows.clone();
    written.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(by_id, written, "every row reads back as written, in either form");
    assert_eq!(review::get(&db, &rows[0].id).await.unwrap().as_ref(), Some(&rows[0]));
    assert_eq!(review::get(&db, &rows[1].id).await.unwrap().as_ref(), Some(&rows[1]));

    let (from, to) = (rows[100].received_ms, rows[4000].received_ms);
    let mut inside = 0;
    review::for_each(&db, Over::Received { from, to }, |r| {
        assert!((from..to).contains(&r.received_ms));
        inside += 1;
    })
    .await
    .unwrap();
    assert_eq!(inside, rows.iter().filter(|r| (from..to).contains(&r.received_ms)).count());

    let mut open = 0;
    review::for_each(&db, Over::Open, |r| {
        assert!(r.open_ms.is_some());
        open += 1;
    })
    .await
    .unwrap();
    assert_eq!(open, n.div_ceil(4));
}

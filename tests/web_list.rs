//! Browser tests (headless Chromium): list pages by order and filters, read from the indexes.
#![cfg(target_arch = "wasm32")]

use complaint_desk::store::codec::to_js;
use complaint_desk::store::list::{self, After, Filter, FilterField, Order};
use complaint_desk::store::scan;
use complaint_desk::store::schema::VIEWS;
use complaint_desk::store::views::ComplaintView;
use complaint_desk::store::Database;
use wasm_bindgen_test::*;

#[path = "support/view_row.rs"]
mod view_row;
use view_row::view_row;

wasm_bindgen_test_configure!(run_in_browser);

const STATUSES: [&str; 3] = ["registered", "investigating", "closed"];
const URGENCIES: [&str; 3] = ["urgent", "normal", "low"];

/// Row `i`: status, urgency and device cycle; closed ones have no running clock.
fn row(i: i64) -> ComplaintView {
    let status = STATUSES[(i % 3) as usize];
    let id = format!("c{i:04}");
    ComplaintView {
        number: format!("20261125-TEL-K7-{i:03}"),
        status: status.into(),
        due_ms: (status != "closed").then_some(1_000_000 + (i * 7919) % 1000),
        type_key: Some("product_quality".into()),
        urgency: Some(URGENCIES[(i % 3 + i / 3) as usize % 3].into()),
        updated_ms: 500 + i,
        created_ms: 500 + i,
        name_key: format!("n{i}"),
        product_key: "kettle".into(),
        device: if i % 2 == 0 { "dev-a".into() } else { "dev-b".into() },
        customer_name: format!("N{i}"),
        ..view_row(&id)
    }
    .with_derived_keys()
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

/// The rows from `offset` on, reached by key: pages of `step` rows from the start, each
/// opening its cursor where the one before ended (as "Load more" does).
async fn page(db: &Database, order: Order, filter: &Filter, offset: u32, limit: u32) -> Result<Vec<ComplaintView>, complaint_desk::store::StoreError> {
    let (mut seen, mut after, mut out) = (Vec::new(), None::<After>, Vec::new());
    let step = 6;
    loop {
        let p = list::page(db, order, filter, after.as_ref(), step).await?;
        assert!(p.rows.len() <= step as usize);
        seen.extend(p.rows);
        if p.next.is_none() {
            break;
        }
        after = p.next;
        if seen.len() >= (offset + limit) as usize {
            break;
        }
    }
    // Pages met every row once.
    let mut unique: Vec<&String> = seen.iter().map(|r| &r.id).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "a row came twice");
    out.extend(seen.into_iter().skip(offset as usize).take(limit as usize));
    Ok(out)
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

#[wasm_bindgen_test]
async fn pages_by_key_pass_rows_with_equal_order_values_once_each() {
    // Thirty rows with one created time and one due time: only the id tells them apart.
    let db = Database::open(&format!("test-ties-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let rows: Vec<ComplaintView> = (0..30).map(|i| ComplaintView { created_ms: 7, due_ms: Some(9), ..row(i) }).collect();
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    for r in &rows {
        tx.store(VIEWS).unwrap().add(&to_js(r).unwrap(), None).unwrap().await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut by_id: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    by_id.sort();
    for (order, filter) in [
        (Order::Newest, Filter::default()),
        (Order::DueSoonest, Filter::default()),
        (Order::Newest, Filter { equals: vec![(FilterField::Device, "dev-a".into())], overdue_at: None }),
    ] {
        let got = ids(page(&db, order, &filter, 0, 100).await.unwrap());
        let mut want: Vec<String> = rows.iter().filter(|r| filter.equals.is_empty() || r.device == "dev-a").map(|r| r.id.clone()).collect();
        want.sort();
        if order == Order::Newest {
            want.reverse(); // backwards through the index: ids descending too
        }
        assert_eq!(got, want, "{order:?} {filter:?}");
    }
}

#[wasm_bindgen_test]
async fn the_default_list_is_open_work_and_its_count_agrees() {
    let (db, rows) = filled(60).await;
    let open = Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: None };
    for order in [Order::Newest, Order::DueSoonest] {
        let got = ids(page(&db, order, &open, 0, 100).await.unwrap());
        let want = expected(&rows, order, |r| r.status != "closed", 0, 100);
        assert_eq!(got, want, "{order:?}");
    }
    assert_eq!(list::count(&db, &open).await.unwrap(), Some(40));
    assert_eq!(list::count(&db, &Filter::default()).await.unwrap(), Some(60));
    let done = Filter { equals: vec![(FilterField::Stage, "done".into())], overdue_at: None };
    assert_eq!(list::count(&db, &done).await.unwrap(), Some(20));
    let two = Filter { equals: vec![(FilterField::Stage, "open".into()), (FilterField::Device, "dev-a".into())], overdue_at: None };
    assert_eq!(list::count(&db, &two).await.unwrap(), None, "not one index range");
    // Open work with another filter: the stage is checked row by row.
    let got = ids(page(&db, Order::Newest, &Filter { equals: vec![(FilterField::Device, "dev-b".into()), (FilterField::Stage, "open".into())], overdue_at: None }, 0, 100).await.unwrap());
    assert_eq!(got, expected(&rows, Order::Newest, |r| r.device == "dev-b" && r.status != "closed", 0, 100));
}

#[wasm_bindgen_test]
async fn a_rejecting_filter_returns_its_position_after_a_bounded_scan() {
    // More rejected rows than one page reads: the page ends early with a position, and the
    // pages after it still find the match at the end.
    let n = list::MAX_SCANNED as i64 + 20;
    let db = Database::open(&format!("test-scan-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    for i in 0..n {
        let mut r = row(i);
        r.status = "registered".into();
        r.urgency = Some(if i == 0 { "urgent" } else { "low" }.into());
        tx.store(VIEWS).unwrap().add(&to_js(&r.with_derived_keys()).unwrap(), None).unwrap();
    }
    tx.commit().await.unwrap();
    let filter = Filter { equals: vec![(FilterField::Status, "registered".into()), (FilterField::Urgency, "urgent".into())], overdue_at: None };
    let first = list::page(&db, Order::Newest, &filter, None, 10).await.unwrap();
    assert!(first.rows.is_empty());
    assert!(first.next.is_some(), "a position to continue from");
    let second = list::page(&db, Order::Newest, &filter, first.next.as_ref(), 10).await.unwrap();
    assert_eq!(ids(second.rows), vec!["c0000".to_string()]);
    assert!(second.next.is_none());
}

/// Every page from the first to the last, `step` rows each, as "Load more" reads them.
async fn all_pages(db: &Database, order: Order, filter: &Filter, step: u32) -> Vec<String> {
    let (mut got, mut after) = (Vec::new(), None::<After>);
    loop {
        let p = list::page(db, order, filter, after.as_ref(), step).await.unwrap();
        assert!(p.rows.len() <= step as usize);
        got.extend(ids(p.rows));
        match p.next {
            Some(n) => after = Some(n),
            None => return got,
        }
    }
}

#[wasm_bindgen_test]
async fn batched_pages_over_long_runs_of_equal_keys_skip_and_repeat_nothing() {
    // Runs of one created time of 1 to 60 rows and five due times shared by ~30 rows each:
    // runs longer than a batch (a page and one), page ends inside runs, in both directions.
    let runs = [1usize, 9, 40, 3, 17, 60, 2, 13, 5];
    let mut created = Vec::new();
    for (r, len) in runs.iter().enumerate() {
        created.extend(std::iter::repeat_n(1_000 + r as i64, *len));
    }
    let db = Database::open(&format!("test-runs-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let rows: Vec<ComplaintView> = (0..created.len() as i64)
        .map(|i| {
            let r = row(i);
            let due_ms = r.due_ms.map(|_| 2_000 + (i * 7) % 5);
            ComplaintView { created_ms: created[i as usize], updated_ms: created[i as usize], due_ms, ..r }
        })
        .collect();
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    for r in &rows {
        tx.store(VIEWS).unwrap().add(&to_js(r).unwrap(), None).unwrap();
    }
    tx.commit().await.unwrap();
    let now = 2_003;
    let filters = [
        Filter::default(),
        Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: None },
        Filter { equals: vec![(FilterField::Device, "dev-a".into()), (FilterField::Urgency, "urgent".into())], overdue_at: None },
        Filter { equals: vec![], overdue_at: Some(now) },
        Filter { equals: vec![(FilterField::Status, "registered".into())], overdue_at: Some(now) },
    ];
    assert!(scan::batched(), "Chromium reads batches with getAllRecords");
    for batched in [true, false] {
        scan::set_batched(batched);
        for order in [Order::Newest, Order::DueSoonest] {
            for filter in &filters {
                let mut want: Vec<&ComplaintView> = rows
                    .iter()
                    .filter(|r| filter.equals.iter().all(|(f, v)| match f {
                        FilterField::Stage => &r.stage == v,
                        FilterField::Device => &r.device == v,
                        FilterField::Urgency => r.urgency.as_ref() == Some(v),
                        FilterField::Status => &r.status == v,
                        _ => unreachable!(),
                    }))
                    .filter(|r| filter.overdue_at.is_none_or(|now| r.due_ms.is_some_and(|d| d < now)))
                    .collect();
                match order {
                    // Backwards through the index: equal keys come by id descending.
                    Order::Newest => want.sort_by(|a, b| (b.created_ms, &b.id).cmp(&(a.created_ms, &a.id))),
                    Order::DueSoonest => {
                        want.retain(|r| r.due_ms.is_some());
                        want.sort_by(|a, b| (a.due_ms, &a.id).cmp(&(b.due_ms, &b.id)));
                    }
                }
                let want: Vec<String> = want.into_iter().map(|r| r.id.clone()).collect();
                assert!(want.len() > 10, "{order:?} {filter:?}: {}", want.len());
                for step in [1, 7, 50] {
                    let got = all_pages(&db, order, filter, step).await;
                    assert_eq!(got, want, "batched {batched}, {order:?}, {filter:?}, pages of {step}");
                }
            }
        }
    }
    scan::set_batched(true);
}

/// Counts the `getAllRecords` requests made on indexes until the returned guard's `count`.
struct RequestCount {
    original: wasm_bindgen::JsValue,
    proto: js_sys::Object,
}

impl RequestCount {
    fn start() -> RequestCount {
        let proto: js_sys::Object = js_sys::Reflect::get(&js_sys::Reflect::get(&js_sys::global(), &"IDBIndex".into()).unwrap(), &"prototype".into()).unwrap().into();
        let original = js_sys::Reflect::get(&proto, &"getAllRecords".into()).unwrap();
        let counting = js_sys::Function::new_with_args(
            "original",
            "return function(...args) { globalThis.__getAllRecords = (globalThis.__getAllRecords || 0) + 1; return original.apply(this, args); }",
        )
        .call1(&wasm_bindgen::JsValue::NULL, &original)
        .unwrap();
        js_sys::Reflect::set(&js_sys::global(), &"__getAllRecords".into(), &0.into()).unwrap();
        js_sys::Reflect::set(&proto, &"getAllRecords".into(), &counting).unwrap();
        RequestCount { original, proto }
    }

    fn count(&self) -> u32 {
        js_sys::Reflect::get(&js_sys::global(), &"__getAllRecords".into()).unwrap().as_f64().unwrap() as u32
    }
}

impl Drop for RequestCount {
    fn drop(&mut self) {
        js_sys::Reflect::set(&self.proto, &"getAllRecords".into(), &self.original).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_page_after_the_first_is_one_request_like_the_first() {
    if !scan::batched() {
        return; // a browser without getAllRecords reads by cursor
    }
    let (db, rows) = filled(200).await;
    let open = Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: None };
    for filter in [Filter::default(), open.clone()] {
        let counter = RequestCount::start();
        let first = list::page(&db, Order::Newest, &filter, None, 50).await.unwrap();
        assert_eq!(counter.count(), 1, "the first page is one request");
        let after = first.next.expect("more than a page");
        let second = list::page(&db, Order::Newest, &filter, Some(&after), 50).await.unwrap();
        // The second starts at the first's last key, whose entry it drops: it asks for one
        // more, so 50 rows and "there is more" still come from one request.
        assert_eq!(counter.count(), 2, "the next page is one request too");
        let keep = |r: &ComplaintView| filter.equals.is_empty() || r.status != "closed";
        assert_eq!(ids(second.rows), expected(&rows, Order::Newest, keep, 50, 50));
        assert!(second.next.is_some());
    }
}

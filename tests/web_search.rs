//! Browser tests (headless Chromium): search from one box through the `terms` index — a
//! surname, the last four digits of a phone, the serial of a number, a word in the middle of a
//! product, a Chinese name — ranked, each complaint once, paged by key.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::{ComplaintView, Desk, SearchAfter};
use complaint_desk::store::codec::to_js;
use complaint_desk::store::schema::VIEWS;
use complaint_desk::store::{scan, search, Database};
use wasm_bindgen_test::*;

#[path = "support/view_row.rs"]
mod view_row;
use view_row::view_row;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name(label: &str) -> String {
    format!("test-{label}-{}", js_sys::Math::random().to_bits())
}

fn complaint(name: &str, phone: &str, product: &str) -> NewComplaint {
    NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local() - Duration::minutes(5),
        channel: Channel::Phone,
        customer_name: name.into(),
        customer_phone: phone.into(),
        product: product.into(),
        description: "It broke.".into(),
    }
}

fn numbers(rows: &[ComplaintView]) -> Vec<&str> {
    rows.iter().map(|r| r.number.as_str()).collect()
}

async fn desk_with(people: &[(&str, &str, &str)]) -> (Desk, Vec<ComplaintView>) {
    let desk = Desk::open_named(&fresh_name("search")).await.unwrap();
    let mut made = Vec::new();
    for (name, phone, product) in people {
        made.push(desk.register(complaint(name, phone, product), "li.kefu", None).await.unwrap());
    }
    (desk, made)
}

#[wasm_bindgen_test]
async fn each_way_counter_staff_look_people_up_finds_them() {
    let (desk, made) = desk_with(&[
        ("Mr. Wang", "138 0013 8000", "Washing machine WM-8"),
        ("王先生", "021-5555-1234", "空调 KFR-35GW"),
        ("Li Na", "+86 139 1111 2222", "Electric kettle"),
        ("Wang Fang", "137 0000 4321", "Water heater"),
    ])
    .await;
    let found = |rows: Vec<ComplaintView>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    // A surname in the middle of a name.
    let mut wang = found(desk.search("Wang", 10).await.unwrap());
    wang.sort();
    let mut want = vec![made[0].id.clone(), made[3].id.clone()];
    want.sort();
    assert_eq!(wang, want);
    // The last four digits of a phone.
    assert_eq!(found(desk.search("8000", 10).await.unwrap()), vec![made[0].id.clone()]);
    assert_eq!(found(desk.search("1234", 10).await.unwrap()), vec![made[1].id.clone()]);
    // The serial of a number: the third registration of the day is …-003.
    assert!(made[2].number.ends_with("003"), "{}", made[2].number);
    assert_eq!(desk.search("003", 10).await.unwrap()[0].id, made[2].id, "the serial ranks first");
    // The device code finds every complaint of this device.
    let code = made[0].number.split('-').nth(2).unwrap().to_string();
    assert_eq!(desk.search(&code.to_lowercase(), 10).await.unwrap().len(), 4);
    // A word in the middle of a product.
    assert_eq!(found(desk.search("machine", 10).await.unwrap()), vec![made[0].id.clone()]);
    assert_eq!(found(desk.search("heat", 10).await.unwrap()), vec![made[3].id.clone()]);
    // A Chinese surname, and a character inside a Chinese product name.
    assert_eq!(found(desk.search("王", 10).await.unwrap()), vec![made[1].id.clone()]);
    assert_eq!(found(desk.search("调", 10).await.unwrap()), vec![made[1].id.clone()]);
    // Two words: both must match.
    assert_eq!(found(desk.search("wang heater", 10).await.unwrap()), vec![made[3].id.clone()]);
    assert!(desk.search("wang kettle", 10).await.unwrap().is_empty());
    // The old prefix searches still work: whole number, its start, phone start, name start.
    assert_eq!(found(desk.search(&made[2].number, 10).await.unwrap())[0], made[2].id);
    assert_eq!(desk.search(&made[0].number[..6], 10).await.unwrap().len(), 4);
    assert_eq!(found(desk.search("139 11", 10).await.unwrap()), vec![made[2].id.clone()]);
    assert_eq!(found(desk.search("li n", 10).await.unwrap()), vec![made[2].id.clone()]);
    // China's country code typed or not, whichever way the phone was stored.
    assert_eq!(found(desk.search("+86 138 0013 8000", 10).await.unwrap()), vec![made[0].id.clone()]);
    assert_eq!(found(desk.search("0086 139 1111", 10).await.unwrap()), vec![made[2].id.clone()]);
    assert_eq!(found(desk.search("13911112222", 10).await.unwrap()), vec![made[2].id.clone()]);
    assert!(desk.search("nobody", 10).await.unwrap().is_empty());
    assert!(desk.search(" - ", 10).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn exact_matches_come_before_prefix_matches_newest_first_each_once_across_pages() {
    // "Wang" exactly (rank 1) and "Wangfang…" by prefix (rank 2); every row has several terms
    // starting with "wang" (the name twice), yet comes once.
    let mut people = Vec::new();
    for i in 0..9 {
        people.push((if i % 3 == 0 { "Wangfang Wangli" } else { "Wang" }, "138 0000 0000", "Kettle"));
    }
    let (desk, made) = desk_with(&people).await;
    let mut pages: Vec<Vec<ComplaintView>> = Vec::new();
    let mut after: Option<SearchAfter> = None;
    loop {
        let page = desk.search_page("wang", after.as_ref(), 2).await.unwrap();
        assert!(page.rows.len() <= 2);
        pages.push(page.rows);
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let rows: Vec<ComplaintView> = pages.concat();
    assert_eq!(rows.len(), 9, "{:?}", numbers(&rows));
    let exact: Vec<&str> = made.iter().enumerate().rev().filter(|(i, _)| i % 3 != 0).map(|(_, r)| r.id.as_str()).collect();
    let got: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(&got[..6], &exact[..], "exact matches first, newest first");
    let mut rest: Vec<&str> = got[6..].to_vec();
    rest.sort();
    let mut want: Vec<&str> = made.iter().step_by(3).map(|r| r.id.as_str()).collect();
    want.sort();
    assert_eq!(rest, want);
}

/// A stored row with these fields (the others as any complaint has them).
fn view(i: usize, name: &str, number: &str) -> ComplaintView {
    ComplaintView {
        number: number.into(),
        due_ms: Some(1_000),
        updated_ms: i as i64,
        created_ms: i as i64,
        name_key: name.to_lowercase(),
        customer_name: name.into(),
        ..view_row(&format!("c{i:04}"))
    }
    .with_derived_keys()
}

async fn db_with(rows: &[ComplaintView]) -> Database {
    let db = Database::open(&fresh_name("search-rows")).await.unwrap();
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    for r in rows {
        tx.store(VIEWS).unwrap().add(&to_js(r).unwrap(), None).unwrap();
    }
    tx.commit().await.unwrap();
    db
}

/// Every page of `query`, `step` rows each.
async fn all_pages(db: &Database, query: &str, step: u32) -> Vec<String> {
    let (mut got, mut after) = (Vec::new(), None::<SearchAfter>);
    loop {
        let p = search::page(db, query, after.as_ref(), step).await.unwrap();
        assert!(p.rows.len() <= step as usize);
        got.extend(p.rows.into_iter().map(|r| r.id));
        match p.next {
            Some(n) => after = Some(n),
            None => return got,
        }
    }
}

#[wasm_bindgen_test]
async fn batched_search_pages_over_long_runs_of_one_term_skip_and_repeat_nothing() {
    // "wang" exactly (rank 1: one index key, 60 rows) and by prefix (rank 2: 40 rows under
    // "wangfang", and 20 under "wangli" that are shown at "wangfang" and skipped there);
    // pages end inside every run.
    let names = ["Wang", "Wangfang", "Wang", "Wangli Wangfang", "Wang Li", "Zhou"];
    let rows: Vec<ComplaintView> = (0..120).map(|i| view(i, names[i % names.len()], &format!("20261125-TEL-K7-{i:03}"))).collect();
    let db = db_with(&rows).await;
    let mut exact: Vec<&ComplaintView> = rows.iter().filter(|r| r.terms.iter().any(|t| t == "wang")).collect();
    exact.sort_by(|a, b| b.id.cmp(&a.id)); // newest (largest id) first
    let first_prefix = |r: &ComplaintView| r.terms.iter().find(|t| t.starts_with("wang") && *t != "wang").cloned();
    let mut by_prefix: Vec<(String, &ComplaintView)> =
        rows.iter().filter(|r| !r.terms.iter().any(|t| t == "wang")).filter_map(|r| first_prefix(r).map(|t| (t, r))).collect();
    by_prefix.sort_by(|a, b| (&a.0, &a.1.id).cmp(&(&b.0, &b.1.id)));
    let want: Vec<String> = exact.iter().map(|r| r.id.clone()).chain(by_prefix.iter().map(|(_, r)| r.id.clone())).collect();
    assert_eq!(want.len(), 100);
    for batched in [true, false] {
        scan::set_batched(batched);
        for step in [1, 6, 50] {
            assert_eq!(all_pages(&db, "wang", step).await, want, "batched {batched}, pages of {step}");
        }
    }
    scan::set_batched(true);
}

#[wasm_bindgen_test]
async fn a_whole_number_stops_at_its_match_instead_of_reading_the_day() {
    // 900 complaints of one day share the date term of the number: after the number itself
    // (and the longer number it starts), nothing else is read and no position is left.
    let mut rows: Vec<ComplaintView> = (0..900).map(|i| view(i, "Zhou", &format!("20261125-TEL-K7-{i:03}"))).collect();
    rows.push(view(900, "Zhou", "20261125-TEL-K7-0421"));
    let db = db_with(&rows).await;
    let page = search::page(&db, "20261125-TEL-K7-042", None, 10).await.unwrap();
    let got: Vec<&str> = page.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(got, vec!["20261125-TEL-K7-0421", "20261125-TEL-K7-042"], "the longer number, then the number");
    assert!(page.next.is_none(), "stopped at the match: {:?}", page.next);
    // Page by page: the match on the second page, and still the end there.
    let first = search::page(&db, "20261125-TEL-K7-042", None, 1).await.unwrap();
    assert_eq!(first.rows[0].number, "20261125-TEL-K7-0421");
    let second = search::page(&db, "20261125-TEL-K7-042", first.next.as_ref(), 1).await.unwrap();
    assert_eq!(second.rows.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), vec!["20261125-TEL-K7-042"]);
    assert!(second.next.is_none());
    // A number prefix that is no whole number still goes on to the terms (the date term).
    let prefix = search::page(&db, "20261125-TEL", None, 10).await.unwrap();
    assert_eq!(prefix.rows.len(), 10);
    assert!(prefix.next.is_some());
}

#[wasm_bindgen_test]
async fn a_page_that_rejects_many_rows_ends_at_its_bound_and_the_next_page_goes_on() {
    // 900 "Wang" rows fail the second word; the one "Wang Li" is the oldest, read last.
    let mut rows: Vec<ComplaintView> = (1..=900).map(|i| view(i, "Wang", &format!("20261125-TEL-K7-{i:03}"))).collect();
    rows.push(view(0, "Wang Li", "20261124-TEL-K7-001"));
    let db = db_with(&rows).await;
    let first = search::page(&db, "wang li", None, 10).await.unwrap();
    assert!(first.rows.is_empty(), "nothing shown within the bound: {:?}", numbers(&first.rows));
    let next = first.next.expect("a page cut by rejected rows says where to go on");
    assert_eq!(next.rank, 1);
    let second = search::page(&db, "wang li", Some(&next), 10).await.unwrap();
    assert_eq!(numbers(&second.rows), vec!["20261124-TEL-K7-001"]);
    assert!(second.next.is_none());
    assert_eq!(search::MAX_SCANNED, 800, "the bound this test reads past");
}

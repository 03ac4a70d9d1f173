//! Browser tests (headless Chromium) of the storage guarantees: atomic commands, schema
//! upgrades from the first release (records become events), drafts, and stepping aside for a
//! newer tab.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chrono::{Local, NaiveDate};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::command::Issued;
use complaint_desk::domain::config::DomainConfig;
use complaint_desk::domain::registration::{ComplaintRecord, NewComplaint};
use complaint_desk::services::Desk;
use complaint_desk::store::codec::{from_js, to_js};
use complaint_desk::store::events::{self, CommitError};
use complaint_desk::store::schema::{self, COMPLAINTS, DRAFTS, META};
use complaint_desk::store::{Database, StoreError};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name(label: &str) -> String {
    format!("test-{label}-{}", js_sys::Math::random().to_bits())
}

fn input(name: &str) -> NewComplaint {
    NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local(),
        channel: Channel::Site,
        customer_name: name.into(),
        customer_phone: "021 5555 1234".into(),
        product: "Water heater".into(),
        description: "No hot water since the repair.".into(),
    }
}

fn v1_record(i: u32) -> ComplaintRecord {
    ComplaintRecord {
        id: format!("dev1-20231001-{i:06}"),
        number: format!("20231001-TEL-K7-{i:03}"),
        received_at: NaiveDate::from_ymd_opt(2023, 10, 1).unwrap().and_hms_opt(9, 30, 0).unwrap(),
        channel: Channel::Phone,
        customer_name: format!("客户 {i}"),
        customer_phone: "13800138000".into(),
        product: "空调".into(),
        description: "制冷差".into(),
        created_ms: 1_696_123_800_000 + i as i64,
        device_id: "dev1".into(),
    }
}

#[wasm_bindgen_test]
async fn a_failure_in_the_middle_of_a_command_writes_nothing() {
    let name = fresh_name("atomic");
    let desk = Desk::open_named(&name).await.unwrap();
    desk.save_draft("form-1", "register", "{\"product\":\"x\"}".into()).await.unwrap();
    let first = desk.register(input("王先生"), "li.kefu", None).await.unwrap();
    let stored = events::of_complaint(&Database::open(&name).await.unwrap(), &first.id).await.unwrap();
    let db = Database::open(&name).await.unwrap();
    let day = first.received_at.date();
    let config = DomainConfig::default();

    // The injected command returns the first complaint's event again: its `add` fails after
    // the clock and serial were read and before the view, counters and draft removal.
    let result = events::commit_register(&db, day, Some("form-1"), &config, 0, |clock, serial| {
        assert_eq!(serial, 2, "the next serial was read inside the transaction");
        Ok(Issued { events: stored.clone(), clock: clock.tick(1) })
    })
    .await;
    assert_eq!(result, Err(CommitError::Store(StoreError::Exists)));
    // A command the domain refuses writes nothing either.
    let refused = events::commit_register(&db, day, Some("form-1"), &config, 0, |_, _| {
        Err(complaint_desk::domain::errors::CommandError::BadMask)
    })
    .await;
    assert!(matches!(refused, Err(CommitError::Command(_))));

    assert_eq!(desk.count().await.unwrap(), 1, "no second record");
    assert_eq!(desk.newest(10).await.unwrap(), vec![first.clone()], "the view was not replaced");
    assert_eq!(desk.drafts("register").await.unwrap().len(), 1, "the draft was not removed");
    let next = desk.register(input("李女士"), "li.kefu", None).await.unwrap();
    assert!(next.number.ends_with("-002"), "the serial was not consumed: {}", next.number);
}

#[wasm_bindgen_test]
async fn a_step_whose_queued_write_fails_writes_nothing_and_says_why() {
    let name = fresh_name("atomic-step");
    let desk = Desk::open_named(&name).await.unwrap();
    let first = desk.register(input("王先生"), "li.kefu", None).await.unwrap();
    desk.save_draft("step-1", "classify", "{}".into()).await.unwrap();
    let db = Database::open(&name).await.unwrap();
    let stored = events::of_complaint(&db, &first.id).await.unwrap();
    let config = DomainConfig::default();
    // The writes after the command are queued, not awaited one by one: an event that exists
    // fails its `add`, the browser aborts the transaction, and the commit reports why. The
    // step's draft removal and the view queued after it are not kept either.
    let result = events::commit_command_with(&db, &first.id, &config, 0, None, Some("step-1"), |_, clock| {
        Ok(Issued { events: stored.clone(), clock: clock.tick(1) })
    })
    .await;
    assert_eq!(result, Err(CommitError::Store(StoreError::Exists)));
    assert_eq!(events::of_complaint(&db, &first.id).await.unwrap().len(), stored.len(), "no event added");
    assert_eq!(desk.newest(10).await.unwrap(), vec![first.clone()], "the view was not replaced");
    assert_eq!(desk.drafts("classify").await.unwrap().len(), 1, "the draft was not removed");
    // No such complaint: nothing read, nothing written.
    let none = events::commit_command_with(&db, "missing", &config, 0, None, None, |_, _| unreachable!()).await;
    assert_eq!(none, Ok(None));
}

#[wasm_bindgen_test]
async fn writes_queued_before_a_failure_are_not_committed() {
    let db = Database::open(&fresh_name("queue")).await.unwrap();
    let tx = db.transaction(&[DRAFTS], true).await.unwrap();
    let record = js_sys::JSON::parse(r#"{"id":"d1","form":"register","updated_ms":0,"data":""}"#).unwrap();
    // A write is queued, then something fails before the commit (an encoding, a fold).
    let failed: Result<(), StoreError> = tx.queue(|| {
        drop(tx.store(DRAFTS)?.put(&record, None)?);
        Err(StoreError::Failed("the second write could not be encoded".into()))
    });
    assert!(failed.is_err());
    drop(tx);
    // A later transaction over the same store runs after that one ended: the write is not there.
    let read = db.transaction(&[DRAFTS], false).await.unwrap();
    let stored = read.store(DRAFTS).unwrap().get(JsValue::from_str("d1")).unwrap().await.unwrap();
    assert!(stored.is_none(), "the queued write was committed");
}

#[wasm_bindgen_test]
async fn the_first_released_schema_upgrades_with_every_record_intact() {
    let name = fresh_name("migrate");
    // Build and fill a database exactly as the first release (schema v1) left it.
    let v1 = schema::open(&name, 1).await.unwrap();
    let names: Vec<String> = (0..v1.object_store_names().length())
        .filter_map(|i| v1.object_store_names().get(i))
        .collect();
    assert_eq!(names, vec![COMPLAINTS.to_string(), META.to_string()]);
    let tx = v1
        .transaction_with_str_sequence_and_mode(
            &js_sys::Array::of2(&COMPLAINTS.into(), &META.into()),
            web_sys::IdbTransactionMode::Readwrite,
        )
        .unwrap();
    let mut records: Vec<ComplaintRecord> = (1..=25).map(v1_record).collect();
    // The first release accepted a customer without a phone; the domain now refuses one.
    let unreachable = ComplaintRecord { customer_phone: String::new(), ..v1_record(26) };
    records.push(unreachable.clone());
    for r in &records {
        tx.object_store(COMPLAINTS).unwrap().add(&to_js(r).unwrap()).unwrap();
    }
    let device = js_sys::JSON::parse(r#"{"key":"device","id":"0123456789abcdef0123456789abcdef","code":"K7","name":"Counter 1"}"#).unwrap();
    tx.object_store(META).unwrap().add(&device).unwrap();
    wait_for_complete(&tx).await;
    v1.close();

    // Open with the current app: every step runs, nothing is lost.
    let desk = Desk::open_named(&name).await.unwrap();
    assert_eq!(desk.device().code, "K7");
    assert_eq!(desk.device().name, "Counter 1");
    assert_eq!(desk.count().await.unwrap(), 25);
    let mut stored = desk.newest(100).await.unwrap();
    stored.reverse();
    assert_eq!(stored.len(), 25);
    for (view, record) in stored.iter().zip(&records) {
        assert_eq!(view.number, record.number);
        assert_eq!(view.customer_name, record.customer_name);
        assert_eq!(view.customer_phone, record.customer_phone);
        assert_eq!(view.product, record.product);
        assert_eq!(view.own_words, record.description);
        assert_eq!(view.received_at, record.received_at);
        assert_eq!(view.created_ms, record.created_ms);
        assert_eq!(view.first_contact_owner, "Counter 1");
        let state = desk.complaint(&view.id).await.unwrap().expect("a registered event");
        assert_eq!(state.number(), Some(record.number.as_str()));
        assert_eq!(state.incident().unwrap().own_words, record.description);
    }
    // The record that cannot be converted is kept in quarantine with the reason, not dropped.
    let quarantined = desk.quarantined().await.unwrap();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].id, format!("legacy/{}", unreachable.id));
    assert!(quarantined[0].reason.contains("customer.contact=required"), "{}", quarantined[0].reason);
    let kept: ComplaintRecord = serde_json::from_str(&quarantined[0].data).unwrap();
    assert_eq!(kept, unreachable);
    // The legacy store is empty; opening again converts nothing twice.
    let db = Database::open(&name).await.unwrap();
    let tx = db.transaction(&[COMPLAINTS], false).await.unwrap();
    assert_eq!(tx.store(COMPLAINTS).unwrap().count(None).unwrap().await.unwrap(), 0);
    drop(desk);
    let desk = Desk::open_named(&name).await.unwrap();
    assert_eq!(desk.count().await.unwrap(), 25);
    assert_eq!(desk.quarantined().await.unwrap().len(), 1);
    // New numbers continue after the converted serials.
    let next = desk.register(input("新客户"), "li.kefu", None).await.unwrap();
    assert!(!stored.iter().any(|v| v.number == next.number));
    // The stores added by later versions work.
    desk.save_draft("d1", "register", "{}".into()).await.unwrap();
    assert_eq!(desk.drafts("register").await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn drafts_are_saved_replaced_listed_and_removed_on_submit() {
    let desk = Desk::open_named(&fresh_name("drafts")).await.unwrap();
    desk.save_draft("a", "register", "{\"v\":1}".into()).await.unwrap();
    desk.save_draft("a", "register", "{\"v\":2}".into()).await.unwrap();
    desk.save_draft("b", "other-form", "{}".into()).await.unwrap();
    let drafts = desk.drafts("register").await.unwrap();
    assert_eq!(drafts.len(), 1, "one draft per form instance");
    assert_eq!(drafts[0].data, "{\"v\":2}");

    desk.register(input("王先生"), "li.kefu", Some("a")).await.unwrap();
    assert!(desk.drafts("register").await.unwrap().is_empty(), "no ghost draft after submitting");
    assert_eq!(desk.drafts("other-form").await.unwrap().len(), 1);
    desk.discard_draft("b").await.unwrap();
    assert!(desk.drafts("other-form").await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_tab_steps_aside_when_another_opens_a_newer_schema() {
    let name = fresh_name("versionchange");
    let desk = Desk::open_named(&name).await.unwrap();
    let told = Rc::new(Cell::new(false));
    let t = told.clone();
    desk.on_superseded(move || t.set(true));

    // Another tab (a newer app) opens the next schema version; it must not be blocked.
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.open_with_u32(&name, schema::SCHEMA_VERSION + 1).unwrap();
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
        request.set_onblocked(Some(&reject));
    });
    JsFuture::from(done).await.expect("the newer tab was not blocked");
    assert!(told.get(), "the old tab was told");
    assert_eq!(desk.count().await, Err(StoreError::Superseded));
    let newer: web_sys::IdbDatabase = request.result().unwrap().into();
    newer.close();
}

#[wasm_bindgen_test]
async fn a_closed_connection_is_reopened() {
    let name = fresh_name("reopen");
    let db = Database::open(&name).await.unwrap();
    db.close();
    let tx = db.transaction(&[DRAFTS], false).await.expect("reopened");
    let n = tx.store(DRAFTS).unwrap().count(None).unwrap().await.unwrap();
    assert_eq!(n, 0);
    let value: Option<JsValue> = tx.store(DRAFTS).unwrap().get(JsValue::from_str("x")).unwrap().await.unwrap();
    assert!(value.is_none());
    let _ = from_js::<serde_json::Value>(JsValue::NULL);
}

async fn wait_for_complete(tx: &web_sys::IdbTransaction) {
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(done).await.expect("v1 transaction committed");
}

#[wasm_bindgen_test]
fn browser_errors_are_classified_by_their_name() {
    let exception = |name: &str| JsValue::from(web_sys::DomException::new_with_message_and_name("x", name).unwrap());
    assert_eq!(StoreError::from_js(&exception("QuotaExceededError")), StoreError::Quota);
    assert_eq!(StoreError::from_js(&exception("ConstraintError")), StoreError::Exists);
    assert_eq!(StoreError::Quota.code(), "storage_quota");
    assert!(matches!(StoreError::from_js(&exception("DataError")), StoreError::Failed(_)));
}

#[wasm_bindgen_test]
async fn rows_from_schema_v3_become_searchable_by_product() {
    // A row as schema v3 wrote it: everything but the product search key.
    let source = Desk::open_named(&fresh_name("v3-source")).await.unwrap();
    let mut washing = input("孙先生");
    washing.product = "Washing machine WM-8000".into();
    let row = source.register(washing, "li.kefu", None).await.unwrap();
    let raw = to_js(&row).unwrap();
    js_sys::Reflect::delete_property(&raw.clone().into(), &JsValue::from_str("product_key")).unwrap();

    let name = fresh_name("v3");
    let v3 = schema::open(&name, 3).await.unwrap();
    let tx = v3.transaction_with_str_and_mode(schema::VIEWS, web_sys::IdbTransactionMode::Readwrite).unwrap();
    tx.object_store(schema::VIEWS).unwrap().add(&raw).unwrap();
    wait_for_complete(&tx).await;
    v3.close();

    let desk = Desk::open_named(&name).await.unwrap();
    let found = desk.search("washing", 10).await.unwrap();
    assert_eq!(found.len(), 1, "the upgraded row is found by its product");
    assert_eq!(found[0].number, row.number);
    assert_eq!(found[0].product_key, "washing machine wm-8000");
    // New rows are searchable by product at once; a name prefix still finds by name.
    let mut kettle = input("王女士");
    kettle.product = "Kettle K1".into();
    desk.register(kettle, "li.kefu", None).await.unwrap();
    assert_eq!(desk.search("kett", 10).await.unwrap().len(), 1);
    assert_eq!(desk.search("王", 10).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn rows_from_schema_v6_get_search_terms_and_their_stage_at_open() {
    // A row as schema v6 wrote it: no search terms, no stage.
    let source = Desk::open_named(&fresh_name("v6-source")).await.unwrap();
    let mut heater = input("Mr. Sun");
    heater.customer_phone = "138 0013 8000".into();
    let row = source.register(heater, "li.kefu", None).await.unwrap();
    let raw = to_js(&row).unwrap();
    for field in ["terms", "stage"] {
        js_sys::Reflect::delete_property(&raw.clone().into(), &JsValue::from_str(field)).unwrap();
    }

    let name = fresh_name("v6");
    let v6 = schema::open(&name, 6).await.unwrap();
    let tx = v6.transaction_with_str_and_mode(schema::VIEWS, web_sys::IdbTransactionMode::Readwrite).unwrap();
    tx.object_store(schema::VIEWS).unwrap().add(&raw).unwrap();
    wait_for_complete(&tx).await;
    v6.close();

    let desk = Desk::open_named(&name).await.unwrap();
    for query in ["sun", "8000", &row.number[row.number.len() - 3..]] {
        let found = desk.search(query, 10).await.unwrap();
        assert_eq!(found.len(), 1, "{query}: the upgraded row is found");
        assert_eq!(found[0].terms, row.terms);
    }
    let open = complaint_desk::services::Filter {
        equals: vec![(complaint_desk::services::FilterField::Stage, "open".into())],
        overdue_at: None,
    };
    let listed = desk.list(complaint_desk::services::Order::Newest, &open, None, 10).await.unwrap();
    assert_eq!(listed.rows.len(), 1, "the upgraded row is open work");
    assert_eq!(desk.count_listed(&open).await.unwrap(), Some(1));
}

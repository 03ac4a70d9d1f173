//! Browser tests (headless Chromium): CSV import through the registration command in chunks
//! with progress, skipping rows imported before; the list's CSV export; saved mappings; the
//! schema v6 upgrade.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::Duration;
use complaint_desk::domain::keyed::Keyed;
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::csv::export::{Codes, ExportColumn};
use complaint_desk::domain::csv::mapping::Target;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::csv::{read_csv_bytes, CsvProgress, Listed};
use complaint_desk::services::{Desk, Filter};
use complaint_desk::store::codec::to_js;
use complaint_desk::store::schema;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CFPB: &[u8] = include_bytes!("data/cfpb-complaints-sample.csv");
/// Chinese headers and values saved as GBK, as Chinese Excel writes "CSV".
const GBK: &[u8] = include_bytes!("../e2e/data/legacy-gbk.csv");

fn fresh_name(label: &str) -> String {
    format!("test-csv-{label}-{}", js_sys::Math::random().to_bits())
}

fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark for Excel");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The app decodes GBK with the browser's TextDecoder (it links no decoder of its own), and a
/// file that is no text in any accepted encoding is refused.
#[wasm_bindgen_test]
fn gbk_files_are_decoded_by_the_browser() {
    use complaint_desk::domain::csv::{CsvError, SourceEncoding};
    let file = read_csv_bytes("legacy.csv", GBK, None).unwrap();
    assert_eq!(file.encoding, SourceEncoding::Gb18030);
    assert_eq!(file.table.headers[3], "客户姓名");
    assert_eq!(file.table.rows.len(), 5);
    assert_eq!(file.table.rows[0].cells[7], "制冷差，\n开一天还是28度");
    // Invalid in UTF-8 and in GB18030 (0x80 alone, 0xFF): neither encoding reads it.
    let neither = [b"a,b\n".as_slice(), &[0x80, 0xFF, 0x80, 0xFF, b',', b'1', b'\n']].concat();
    assert_eq!(read_csv_bytes("x.csv", &neither, None).map(|f| f.encoding), Err(CsvError::UnknownEncoding));
}

#[wasm_bindgen_test]
async fn the_cfpb_sample_imports_once_with_a_saved_mapping() {
    let desk = Desk::open_named(&fresh_name("cfpb")).await.unwrap();
    let file = read_csv_bytes("cfpb-complaints-sample.csv", CFPB, None).unwrap();
    assert_eq!(file.table.rows.len(), 2067);

    // Propose, fix the one untranslated channel value, save; use the saved one.
    let mut mapping = desk.propose_csv_mapping(&file, "Importer Wu");
    mapping.set_value(Target::Channel, "Referral", "letter");
    desk.save_csv_mapping("CFPB", &mapping).await.unwrap();
    let saved = desk.csv_mappings().await.unwrap();
    assert_eq!(saved.len(), 1);
    let mapping = saved[0].mapping.clone();

    let preview = desk.preview_csv(&file, &mapping).await.unwrap();
    assert!(preview.untranslated.is_empty() && preview.missing_headers.is_empty());
    let valid = preview.plan.valid_count();
    assert!(valid >= 2060, "{valid} valid rows");
    assert_eq!(preview.new_rows(), valid);
    assert_eq!(desk.count().await.unwrap(), 0, "a preview writes nothing");

    let steps: Rc<RefCell<Vec<CsvProgress>>> = Rc::default();
    let seen = steps.clone();
    let started = js_sys::Date::now();
    let report = desk
        .import_csv(&file, &mapping, "Importer Wu", move |p| seen.borrow_mut().push(p), Rc::new(Cell::new(false)))
        .await
        .unwrap();
    let took_ms = js_sys::Date::now() - started;
    web_sys::console::log_1(&format!("CSV import of {valid} complaints took {took_ms:.0} ms").into());
    assert_eq!(report.registered, valid);
    assert_eq!(report.rejected, 2067 - valid);
    assert_eq!((report.skipped, report.refused.len(), report.stopped), (0, 0, false));
    let steps = steps.borrow().clone();
    assert!(steps.len() > 3, "progress after every chunk");
    assert!(steps.windows(2).all(|w| w[0].done <= w[1].done));
    assert_eq!(*steps.last().unwrap(), CsvProgress { done: valid, total: valid });
    assert_eq!(desk.count().await.unwrap() as usize, valid);

    // Real complaints, with numbers and the recorded source.
    let newest = desk.newest(1).await.unwrap();
    let state = desk.complaint(&newest[0].id).await.unwrap().unwrap();
    let registered = state.registered.unwrap();
    let source = registered.value.source.clone().unwrap();
    assert_eq!(source.file, "cfpb-complaints-sample.csv");
    assert!(source.row.starts_with("id:"));
    assert_eq!(newest[0].source_key.as_deref(), Some(source.row.as_str()));
    assert!(!registered.value.number.is_empty());
    assert_eq!(registered.actor, "Importer Wu");

    // The same file again adds nothing.
    let again = desk.preview_csv(&file, &mapping).await.unwrap();
    assert_eq!((again.new_rows(), again.imported_before.len()), (0, valid));
    let report = desk.import_csv(&file, &mapping, "Importer Wu", |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!((report.registered, report.skipped), (0, valid));
    assert_eq!(desk.count().await.unwrap() as usize, valid);

    // The whole list exports; every complaint's channel is counted as in the file.
    let started = js_sys::Date::now();
    let export = desk.export_csv(&Listed::Filtered(Filter::default()), true, &Codes).await.unwrap();
    web_sys::console::log_1(&format!("CSV export of {valid} complaints took {:.0} ms", js_sys::Date::now() - started).into());
    assert_eq!(export.rows, valid);
    let rows = read_back(&export.bytes);
    assert_eq!(rows.len(), valid + 1);
    let channel = rows[0].iter().position(|h| h == "channel").unwrap();
    let letters = rows[1..].iter().filter(|r| r[channel] == "letter").count();
    assert_eq!(letters, 26, "Referral (17) and Postal mail (9)");
}

#[wasm_bindgen_test]
async fn stop_between_chunks_and_import_again_completes() {
    let desk = Desk::open_named(&fresh_name("stop")).await.unwrap();
    let file = read_csv_bytes("cfpb.csv", CFPB, None).unwrap();
    let mut mapping = desk.propose_csv_mapping(&file, "Wu");
    mapping.set_value(Target::Channel, "Referral", "letter");
    let stop = Rc::new(Cell::new(false));
    let flag = stop.clone();
    let report = desk.import_csv(&file, &mapping, "Wu", move |p| flag.set(p.done > 0), stop).await.unwrap();
    assert!(report.stopped);
    assert_eq!(report.registered, complaint_desk::services::csv::CSV_CHUNK_ROWS, "one whole chunk");
    let report = desk.import_csv(&file, &mapping, "Wu", |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!(report.skipped, complaint_desk::services::csv::CSV_CHUNK_ROWS);
    assert_eq!(desk.count().await.unwrap() as usize, report.skipped + report.registered);
}

#[wasm_bindgen_test]
async fn the_list_exports_for_excel_and_redacted() {
    let desk = Desk::open_named(&fresh_name("export")).await.unwrap();
    let input = NewComplaint {
        more: Default::default(),
        received_at: desk.business_now() - Duration::minutes(5),
        channel: Channel::Phone,
        customer_name: "=王先生".into(),
        customer_phone: "+86 138 0013 8000".into(),
        product: "空调, KFR-35GW".into(),
        description: "制冷差\n开一天还是28度".into(),
    };
    let view = desk.register(input, "li.kefu", None).await.unwrap();
    let export = desk.export_csv(&Listed::Search(view.number.clone()), false, &Codes).await.unwrap();
    assert!(export.file_name.starts_with("complaints-") && export.file_name.ends_with(".csv"));
    assert!(export.text().starts_with('\u{feff}'));
    assert!(std::str::from_utf8(&export.bytes).unwrap().contains("\r\n"));
    let rows = read_back(&export.bytes);
    assert_eq!(rows[0], ExportColumn::all().into_iter().map(|c| c.key()).collect::<Vec<_>>());
    assert_eq!(rows[1][0], view.number);
    assert_eq!(rows[1][1], view.received_at.format("%Y-%m-%d %H:%M").to_string());
    assert_eq!(rows[1][3], "'=王先生", "shown as text, not run as a formula");
    assert_eq!(rows[1][4], "'+86 138 0013 8000");
    assert_eq!(rows[1][5], "空调, KFR-35GW");

    let redacted = desk.export_csv(&Listed::Filtered(Filter::default()), true, &Codes).await.unwrap();
    assert!(redacted.file_name.contains("redacted"));
    let text = redacted.text();
    assert!(!text.contains("王先生") && !text.contains("138 0013"), "{text}");
    assert_eq!(read_back(&redacted.bytes)[1][0], view.number);
}

async fn wait_for_complete(tx: &web_sys::IdbTransaction) {
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(done).await.expect("transaction committed");
}

#[wasm_bindgen_test]
async fn a_v5_database_upgrades_and_its_rows_read_without_a_source() {
    // A row as v5 stored it: no `source_key`.
    let source = Desk::open_named(&fresh_name("v5-source")).await.unwrap();
    let input = NewComplaint {
        more: Default::default(),
        received_at: source.business_now() - Duration::minutes(5),
        channel: Channel::Site,
        customer_name: "李女士".into(),
        customer_phone: "021 5555 1234".into(),
        product: "Kettle".into(),
        description: "Leaks.".into(),
    };
    let row = source.register(input, "li.kefu", None).await.unwrap();
    let raw = to_js(&row).unwrap();
    js_sys::Reflect::delete_property(&raw.clone().into(), &JsValue::from_str("source_key")).unwrap();

    let name = fresh_name("v5");
    let v5 = schema::open(&name, 5).await.unwrap();
    let tx = v5.transaction_with_str_and_mode(schema::VIEWS, web_sys::IdbTransactionMode::Readwrite).unwrap();
    tx.object_store(schema::VIEWS).unwrap().add(&raw).unwrap();
    wait_for_complete(&tx).await;
    v5.close();

    let desk = Desk::open_named(&name).await.unwrap();
    let found = desk.search(&row.number, 10).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].source_key, None);
    // The v6 index is there: a preview asks it.
    let file = read_csv_bytes("one.csv", "投诉编号,投诉日期,渠道,涉及产品,投诉内容\nX-1,2024-01-02,电话,水壶,漏水\n".as_bytes(), None).unwrap();
    let mapping = desk.propose_csv_mapping(&file, "li");
    let preview = desk.preview_csv(&file, &mapping).await.unwrap();
    assert_eq!(preview.new_rows(), 1);
    let report = desk.import_csv(&file, &mapping, "li", |_| {}, Rc::new(Cell::new(false))).await.unwrap();
    assert_eq!(report.registered, 1);
    assert_eq!(desk.count().await.unwrap(), 2);
}

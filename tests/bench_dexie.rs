//! Side-by-side benchmark (not a test): the app against Dexie 4 and a plain IndexedDB loop, in
//! one headless Chromium page, on the same records. Run with `scripts/bench.sh` (`BENCH=dexie`);
//! sizes from BENCH_DEXIE_SIZES at build time (default "10000,100000"), rounds of the writing
//! from BENCH_DEXIE_ROUNDS (default 3 at 10,000 and 1 above).
//!
//! For each size N, complaints made by the pure domain with the CFPB narratives as their texts
//! (`support/bench_complaints.rs`) are written three ways, in an order that turns round by round,
//! each round's databases deleted before the next (so no round writes into a fuller profile):
//! - **app**: the real import path, batch files of 10,000 complaints, each `Desk::preview_import`
//!   then `Desk::import` into one fresh desk (events, views, review rows, outbox, clock);
//! - **Dexie**: `bulkPut` of the same event rows and view rows (made before timing, as a Dexie
//!   user holds their objects) in one transaction per 10,000, into tables with the same indexes;
//! - **floor**: the same arrays `put` one by one in one transaction per 10,000 into the app's
//!   own (fresh) database.
//!
//! Then, on the app's desk and the Dexie database of the last round (both holding N), one
//! complaint registered at a time (app: `Desk::register`; Dexie: its event and view rows in one
//! transaction), and list pages and searches, each query the median of 15 runs after 5 to
//! settle, the app and Dexie taking turns at going first. Ends with one `BENCH_JSON` line that
//! `scripts/bench.sh` keeps under `bench/`.
#![cfg(target_arch = "wasm32")]

use complaint_desk::domain::batch::format::Selection;
use complaint_desk::domain::batch::write::{write_batch, ExportRequest};
use complaint_desk::domain::config::DomainConfig;
use complaint_desk::domain::event::Event;
use complaint_desk::domain::fold::fold;
use complaint_desk::services::{After, Desk, Filter, FilterField, Order};
use complaint_desk::store::codec::to_js;
use complaint_desk::store::Database;
use complaint_desk::store::events::EventRow;
use complaint_desk::store::views::ComplaintView;
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[path = "support/bench_complaints.rs"]
mod bench_complaints;
use bench_complaints::{generate, input, narratives, Source};

wasm_bindgen_test_configure!(run_in_browser);

// A symbolic link to `node_modules/dexie/dist/dexie.mjs`: the test server serves `.mjs` files
// with a type browsers refuse for modules.
#[wasm_bindgen(module = "/tests/support/dexie.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = Dexie)]
    static DEXIE: JsValue;
}

#[wasm_bindgen(module = "/tests/support/bench_dexie.js")]
extern "C" {
    fn now() -> f64;
    #[wasm_bindgen(js_name = jsHeapMb)]
    fn js_heap_mb() -> f64;
    #[wasm_bindgen(catch, js_name = dexieOpen)]
    async fn dexie_open(dexie: &JsValue, name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = dexieWrite)]
    async fn dexie_write(db: &JsValue, events: &js_sys::Array, views: &js_sys::Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbWrite)]
    async fn idb_write(name: &str, events: &js_sys::Array, views: &js_sys::Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = dexieQuery)]
    async fn dexie_query(db: &JsValue, kind: &str, arg: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = dexieRegister)]
    async fn dexie_register(db: &JsValue, events: &js_sys::Array, view: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = dexieDelete)]
    async fn dexie_delete(db: &JsValue) -> Result<JsValue, JsValue>;
}

/// Complaints per batch file (and per Dexie / floor transaction).
const PER_FILE: usize = 10_000;
/// Complaints registered one at a time at N stored, per side.
const REGISTERED: usize = 30;
/// Timed runs per query, the median reported: 15, since single reads of 1–5 ms move by 2× from
/// run to run on a shared machine (`scan_levers_benchmark` in `bench_store.rs`).
const RUNS: usize = 15;
/// Untimed runs per query and side first: the first reads after the bulk write are slower while
/// the database settles.
const SETTLE: usize = 5;

fn memory_mb() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64 / 1e6
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn p95(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * 0.95).round() as usize]
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn view_of(c: &[Event], config: &DomainConfig, now_ms: i64) -> ComplaintView {
    ComplaintView::of(&fold(c[0].complaint(), c.iter()), config, now_ms).expect("a registered complaint")
}

/// The event rows and view rows of `part` as JS objects, made as the app stores them.
fn records(part: &[Vec<Event>], config: &DomainConfig, now_ms: i64) -> (js_sys::Array, js_sys::Array) {
    let events = js_sys::Array::new();
    let views = js_sys::Array::new();
    for c in part {
        for e in c {
            events.push(&to_js(&EventRow::of(e)).unwrap());
        }
        views.push(&to_js(&view_of(c, config, now_ms)).unwrap());
    }
    (events, views)
}

fn fresh(prefix: &str) -> String {
    format!("{prefix}-{}", js_sys::Math::random().to_bits())
}

/// One side's writing of N complaints: the total and each file's (or transaction's) time, ms.
#[derive(Default)]
struct Written {
    ms: f64,
    per_file: Vec<f64>,
}

impl Written {
    fn push(&mut self, ms: f64) {
        self.ms += ms;
        self.per_file.push(ms);
    }
}

/// The app's import of `complaints` into a fresh desk, file by file: (desk, its database's
/// name, preview ms, import, file MB).
async fn write_app(source: &Source, complaints: &[Vec<Event>]) -> (Desk, String, f64, Written, f64) {
    let name = fresh("bench-dexie-app");
    let desk = Desk::open_named(&name).await.unwrap();
    let (mut preview_ms, mut import, mut bytes) = (0.0, Written::default(), 0usize);
    for (k, part) in complaints.chunks(PER_FILE).enumerate() {
        let created_ms = js_sys::Date::now() as i64;
        let day = source.config.calendar.local(created_ms).date();
        let request = ExportRequest { device: &source.device, created_ms, day, sequence: k as u32 + 1, selection: Selection::All };
        let text = write_batch(&request, part.iter().flatten(), &[]).expect("the batch fits a file").text;
        bytes += text.len();
        let t = now();
        let preview = desk.preview_import(&format!("bench-{k}.json"), text.as_bytes()).await.expect("preview");
        preview_ms += now() - t;
        let t = now();
        let outcome = desk.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.expect("import");
        import.push(now() - t);
        assert!(!outcome.stopped);
    }
    assert_eq!(desk.count().await.unwrap() as usize, complaints.len(), "every complaint has its view");
    (desk, name, preview_ms, import, bytes as f64 / 1e6)
}

/// Dexie's `bulkPut` of the same rows into a fresh database: (database, time).
async fn write_dexie(complaints: &[Vec<Event>], config: &DomainConfig, now_ms: i64) -> (JsValue, Written) {
    let db = dexie_open(&DEXIE.with(JsValue::clone), &fresh("bench-dexie-ref")).await.expect("Dexie opens");
    let mut written = Written::default();
    for part in complaints.chunks(PER_FILE) {
        let (events, views) = records(part, config, now_ms);
        written.push(dexie_write(&db, &events, &views).await.expect("bulkPut").as_f64().unwrap());
    }
    (db, written)
}

/// The plain loop into the app's own fresh database, deleted after: its time.
async fn write_floor(complaints: &[Vec<Event>], config: &DomainConfig, now_ms: i64) -> Written {
    let name = fresh("bench-dexie-floor");
    let desk = Desk::open_named(&name).await.unwrap();
    let mut written = Written::default();
    for part in complaints.chunks(PER_FILE) {
        let (events, views) = records(part, config, now_ms);
        written.push(idb_write(&name, &events, &views).await.expect("put loop").as_f64().unwrap());
    }
    delete_app_db(desk, &name).await;
    written
}

/// Deletes a desk's database. The desk is still held while the delete asks: its connection
/// closes itself on the version change (`store::connection`), so the delete is not blocked.
async fn delete_app_db(desk: Desk, name: &str) {
    Database::delete(name).await.expect("the bench's database is deleted");
    drop(desk);
}

/// One query, as the app asks it and as Dexie is asked it.
struct Query {
    label: String,
    app: AppQuery,
    kind: &'static str,
    arg: Value,
}

enum AppQuery {
    List(Order, Filter, Option<After>),
    Search(String),
}

async fn run_app(desk: &Desk, q: &AppQuery) -> (f64, usize) {
    let t = now();
    let rows = match q {
        AppQuery::List(order, filter, after) => desk.list(*order, filter, after.as_ref(), 50).await.unwrap().rows.len(),
        AppQuery::Search(text) => desk.search_page(text, None, 50).await.unwrap().rows.len(),
    };
    (now() - t, rows)
}

async fn run_dexie(db: &JsValue, q: &Query) -> (f64, usize) {
    let arg = to_js(&q.arg).unwrap();
    let out: js_sys::Array = dexie_query(db, q.kind, &arg).await.expect("Dexie query").unchecked_into();
    (out.get(0).as_f64().unwrap(), out.get(1).as_f64().unwrap() as usize)
}

fn queries(mid: &ComplaintView, now_ms: i64) -> Vec<Query> {
    let all = Filter::default();
    let open = Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: None };
    let overdue = Filter { overdue_at: Some(now_ms), ..open.clone() };
    let status = Filter { equals: vec![(FilterField::Status, "investigating".into())], overdue_at: None };
    let urgent = Filter { equals: vec![(FilterField::Stage, "open".into()), (FilterField::Urgency, "urgent".into())], overdue_at: None };
    // What the list page asks for "open work + urgent" (`ListQuery::filter`): the chosen field leads.
    let urgent_first = Filter { equals: vec![(FilterField::Urgency, "urgent".into()), (FilterField::Stage, "open".into())], overdue_at: None };
    let after = Some(After { order_ms: mid.created_ms, id: mid.id.clone() });
    let list = |label: &str, order, filter: &Filter, after: Option<After>, kind, arg| Query {
        label: label.into(),
        app: AppQuery::List(order, filter.clone(), after),
        kind,
        arg,
    };
    let search = |label: &str, text: &str, kind| Query {
        label: format!("search: {label} \"{text}\""),
        app: AppQuery::Search(text.into()),
        kind,
        arg: json!({ "value": text }),
    };
    let last4 = &mid.customer_phone[mid.customer_phone.len() - 4..];
    vec![
        list("first page: newest, every status", Order::Newest, &all, None, "newest", json!({})),
        list("first page: newest, open work (default)", Order::Newest, &open, None, "newest_open", json!({})),
        list("first page: due soonest, open work", Order::DueSoonest, &open, None, "due_open", json!({})),
        list("first page: overdue only, due soonest", Order::DueSoonest, &overdue, None, "overdue_due", json!({ "ms": now_ms })),
        list("first page: overdue only, newest", Order::Newest, &overdue, None, "overdue_newest", json!({ "ms": now_ms })),
        list("first page: filter status = investigating", Order::Newest, &status, None, "status", json!({ "value": "investigating" })),
        list("first page: open work + urgent (stage index leads)", Order::Newest, &urgent, None, "open_urgent", json!({})),
        list("first page: open work + urgent (urgency leads, as the list page)", Order::Newest, &urgent_first, None, "urgent_open", json!({})),
        list("deep page: newest, after row N/2", Order::Newest, &all, after.clone(), "deep_newest", json!({ "ms": mid.created_ms })),
        list("deep page: open work, after row N/2", Order::Newest, &open, after, "deep_open", json!({ "ms": mid.created_ms })),
        search("number prefix", &mid.number[..6], "number"),
        search("whole number", &mid.number, "number"),
        search("phone prefix", &mid.customer_phone[..5], "term"),
        search("last 4 phone digits", last4, "term"),
        search("name prefix", "王1", "term"),
        search("name", "smith", "term"),
        search("product prefix", "wash", "term"),
    ]
}

/// Everything measured at one size, as JSON.
async fn at_size(n: usize, rounds: usize, texts: &[String]) -> Value {
    let started = now();
    let (source, all) = generate(n + REGISTERED, js_sys::Date::now() as i64 - 3_600_000);
    let (complaints, extra) = all.split_at(n);
    let config = source.config.clone();
    let now_ms = js_sys::Date::now() as i64;
    console_log!("\n== {n} complaints: {} events generated in {:.1} s ==", complaints.iter().map(Vec::len).sum::<usize>(), (now() - started) / 1000.0);

    // Writing: three ways, the order turning round by round. Each round's databases are
    // deleted before the next, so every round writes into the same profile (the last round's
    // app and Dexie databases are kept for the reads).
    let mut kept: Option<(Desk, JsValue)> = None;
    let (mut app_ms, mut preview_ms, mut dexie_ms, mut floor_ms, mut file_mb) = (vec![], vec![], vec![], vec![], 0.0);
    let (mut app_files, mut dexie_files, mut floor_files) = (vec![], vec![], vec![]);
    for round in 0..rounds {
        let (mut desk, mut db) = (None, None);
        for k in 0..3 {
            match (round + k) % 3 {
                0 => {
                    let (d, name, p, w, mb) = write_app(&source, complaints).await;
                    (desk, file_mb) = (Some((d, name)), mb);
                    preview_ms.push(p);
                    app_ms.push(w.ms);
                    app_files.push(w.per_file);
                }
                1 => {
                    let (d, w) = write_dexie(complaints, &config, now_ms).await;
                    db = Some(d);
                    dexie_ms.push(w.ms);
                    dexie_files.push(w.per_file);
                }
                _ => {
                    let w = write_floor(complaints, &config, now_ms).await;
                    floor_ms.push(w.ms);
                    floor_files.push(w.per_file);
                }
            }
        }
        console_log!(
            "round {}: app import {:.2} s (preview {:.2} s), Dexie bulkPut {:.2} s, floor {:.2} s",
            round + 1,
            app_ms[round] / 1000.0,
            preview_ms[round] / 1000.0,
            dexie_ms[round] / 1000.0,
            floor_ms[round] / 1000.0
        );
        let secs = |v: &[f64]| v.iter().map(|ms| format!("{:.1}", ms / 1000.0)).collect::<Vec<_>>().join(" ");
        console_log!("  per file (s): app {}; Dexie {}; floor {}", secs(&app_files[round]), secs(&dexie_files[round]), secs(&floor_files[round]));
        let ((desk, name), db) = (desk.unwrap(), db.unwrap());
        if round + 1 < rounds {
            delete_app_db(desk, &name).await;
            dexie_delete(&db).await.expect("Dexie deletes its database");
        } else {
            kept = Some((desk, db));
        }
    }
    let (desk, db) = kept.unwrap();

    // Registering one complaint at N stored, the two sides taking turns.
    let (mut app_reg, mut dexie_reg) = (vec![], vec![]);
    for (k, c) in extra.iter().enumerate() {
        let i = (n + k) as u32;
        let received = config.calendar.local(js_sys::Date::now() as i64);
        let events = js_sys::Array::of1(&to_js(&EventRow::of(&c[0])).unwrap());
        let view = to_js(&view_of(&c[..1], &config, now_ms)).unwrap();
        for side in [k % 2, 1 - k % 2] {
            if side == 0 {
                let t = now();
                desk.register(input(i, received, texts), "Bench clerk", None).await.expect("register");
                app_reg.push(now() - t);
            } else {
                dexie_reg.push(dexie_register(&db, &events, &view).await.expect("Dexie register").as_f64().unwrap());
            }
        }
    }
    console_log!(
        "register one at {n}: app mean {:.1} ms p95 {:.1} ms; Dexie mean {:.1} ms p95 {:.1} ms",
        mean(&app_reg),
        p95(app_reg.clone()),
        mean(&dexie_reg),
        p95(dexie_reg.clone())
    );

    // Reading: the row in the middle of the list is where the deep pages start.
    let mid = view_of(&complaints[n / 2], &config, now_ms);
    let mut reads = Vec::new();
    for q in queries(&mid, now_ms) {
        let ((_, app_rows), (_, dexie_rows)) = (run_app(&desk, &q.app).await, run_dexie(&db, &q).await);
        for _ in 1..SETTLE {
            run_app(&desk, &q.app).await;
            run_dexie(&db, &q).await;
        }
        let (mut a, mut d) = (vec![], vec![]);
        for run in 0..RUNS {
            if run % 2 == 0 {
                a.push(run_app(&desk, &q.app).await.0);
                d.push(run_dexie(&db, &q).await.0);
            } else {
                d.push(run_dexie(&db, &q).await.0);
                a.push(run_app(&desk, &q.app).await.0);
            }
        }
        let (a, d) = (median(a), median(d));
        console_log!("{}: app {a:.1} ms ({app_rows} rows), Dexie {d:.1} ms ({dexie_rows} rows), ratio {:.2}", q.label, a / d);
        reads.push(json!({ "query": q.label, "app_ms": a, "app_rows": app_rows, "dexie_ms": d, "dexie_rows": dexie_rows }));
    }
    let memory = json!({ "wasm_mb": memory_mb(), "js_heap_mb": js_heap_mb() });
    console_log!("memory: wasm {:.0} MB, JS heap {:.0} MB", memory_mb(), js_heap_mb());
    json!({
        "complaints": n,
        "events": complaints.iter().map(Vec::len).sum::<usize>(),
        "files": n.div_ceil(PER_FILE),
        "file_mb": file_mb,
        "rounds": rounds,
        "write_ms": { "app_import": app_ms, "app_preview": preview_ms, "dexie_bulkput": dexie_ms, "idb_floor": floor_ms },
        "write_per_file_ms": { "app_import": app_files, "dexie_bulkput": dexie_files, "idb_floor": floor_files },
        "register_ms": {
            "app": { "mean": mean(&app_reg), "p95": p95(app_reg.clone()) },
            "dexie": { "mean": mean(&dexie_reg), "p95": p95(dexie_reg.clone()) },
        },
        "reads": reads,
        "memory": memory,
    })
}

/// One markdown table of a size's results, ratios to Dexie.
fn table(r: &Value) -> String {
    let each = |k: &str| r["write_ms"][k].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>();
    let med = |k: &str| median(each(k));
    let (app, dexie, floor) = (med("app_import"), med("dexie_bulkput"), med("idb_floor"));
    // Each round's own ratio too: the rounds differ by more than the two sides within one.
    let rounds = each("app_import").iter().zip(each("dexie_bulkput")).map(|(a, d)| format!("{:.2}", a / d)).collect::<Vec<_>>().join(", ");
    let mut s = format!(
        "\n| {} complaints | app | Dexie 4 | app / Dexie |\n|---|---|---|---|\n| write (s, median of {}) | {:.2} (+ preview {:.2}) | {:.2} (floor {:.2}) | {:.2} (rounds {rounds}; floor / Dexie {:.2}) |\n",
        r["complaints"],
        r["rounds"],
        app / 1000.0,
        med("app_preview") / 1000.0,
        dexie / 1000.0,
        floor / 1000.0,
        app / dexie,
        floor / dexie
    );
    let reg = &r["register_ms"];
    let (am, dm) = (reg["app"]["mean"].as_f64().unwrap(), reg["dexie"]["mean"].as_f64().unwrap());
    s += &format!(
        "| register one (ms, mean / p95) | {am:.1} / {:.1} | {dm:.1} / {:.1} | {:.2} |\n",
        reg["app"]["p95"].as_f64().unwrap(),
        reg["dexie"]["p95"].as_f64().unwrap(),
        am / dm
    );
    for q in r["reads"].as_array().unwrap() {
        let (a, d) = (q["app_ms"].as_f64().unwrap(), q["dexie_ms"].as_f64().unwrap());
        s += &format!("| {} (ms) | {a:.1} ({} rows) | {d:.1} ({} rows) | {:.2} |\n", q["query"].as_str().unwrap(), q["app_rows"], q["dexie_rows"], a / d);
    }
    s
}

#[wasm_bindgen_test]
async fn dexie_side_by_side() {
    let sizes: Vec<usize> = option_env!("BENCH_DEXIE_SIZES")
        .unwrap_or("10000,100000")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rounds_set: Option<usize> = option_env!("BENCH_DEXIE_ROUNDS").and_then(|r| r.trim().parse().ok());
    let texts = narratives();
    let mean_len = texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len();
    console_log!("complaint desk vs Dexie 4 vs a plain IndexedDB loop (headless Chromium, release build); {} CFPB narratives, mean {mean_len} characters", texts.len());
    let mut results = Vec::new();
    for n in sizes {
        let rounds = rounds_set.unwrap_or(if n <= PER_FILE { 3 } else { 1 }).max(1);
        let r = at_size(n, rounds, &texts).await;
        console_log!("{}", table(&r));
        results.push(r);
    }
    for r in &results {
        console_log!("{}", table(r));
    }
    let out = json!({ "user_agent": web_sys::window().unwrap().navigator().user_agent().unwrap_or_default(), "narratives": texts.len(), "narrative_mean_chars": mean_len, "sizes": results });
    console_log!("BENCH_JSON {}", out);
}

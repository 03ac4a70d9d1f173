//! Storage benchmark (not a test): write and query times at 10k and 100k complaints, in
//! headless Chromium. Run with `scripts/bench.sh`; sizes from BENCH_SIZES at build time
//! (default "10000,100000"). It reports numbers; it asserts only that the data is there.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::keyed::Keyed;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::{After, Desk, Filter, FilterField, Order};
use complaint_desk::store::codec::to_js;
use complaint_desk::store::schema::VIEWS;
use complaint_desk::store::views::ComplaintView;
use complaint_desk::store::{list, Database};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "Smith", "Garcia"];
const PRODUCTS: [&str; 6] = ["空调 KFR-35GW", "Washing machine WM-8", "Router AX3000", "Water heater", "冰箱 BCD-500", "Dishwasher DW-60"];

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn input(i: u32) -> NewComplaint {
    NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local() - Duration::minutes((i % (30 * 24 * 60)) as i64),
        channel: Channel::all()[(i % 7) as usize],
        customer_name: format!("{}{}", SURNAMES[(i % 8) as usize], i),
        customer_phone: format!("13{:09}", (i as u64 * 7919) % 1_000_000_000),
        product: PRODUCTS[(i % 6) as usize].into(),
        description: format!("Complaint {i}: the unit stopped working after the first week and the customer wants a replacement."),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn memory_mb() -> f64 {
    use wasm_bindgen::JsCast;
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64 / 1e6
}

/// `performance.now()`: sub-millisecond, where `Date.now()` counts whole milliseconds.
fn precise_ms() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into()).unwrap().unchecked_into();
    now.call0(&performance).unwrap().as_f64().unwrap()
}

async fn time<T, F: std::future::Future<Output = T>>(f: F) -> (T, f64) {
    let start = precise_ms();
    let out = f.await;
    (out, precise_ms() - start)
}

#[wasm_bindgen_test]
async fn storage_benchmark() {
    let sizes: Vec<u32> = option_env!("BENCH_SIZES")
        .unwrap_or("10000,100000")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let name = format!("bench-{}", js_sys::Math::random().to_bits());
    let desk = Desk::open_named(&name).await.unwrap();
    let mut written = 0u32;
    console_log!("complaint desk storage benchmark (headless Chromium, release build)");
    for target in sizes {
        let mut lat = Vec::with_capacity((target - written) as usize);
        let batch_start = now_ms();
        while written < target {
            let (r, ms) = time(desk.register(input(written), "Bench clerk", None)).await;
            r.expect("register");
            lat.push(ms);
            written += 1;
        }
        let total = now_ms() - batch_start;
        lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
        console_log!(
            "\n== {target} complaints ==\nwrites {}..{}: {:.0} writes/s, per write mean {:.2} ms, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
            target as usize - lat.len(),
            target,
            lat.len() as f64 / (total / 1000.0),
            total / lat.len() as f64,
            percentile(&lat, 0.5),
            percentile(&lat, 0.95),
            percentile(&lat, 0.99)
        );
        let (n, ms) = time(desk.count()).await;
        assert_eq!(n.unwrap(), target);
        console_log!("count: {ms:.1} ms");
        let (rows, ms) = time(desk.newest(50)).await;
        assert_eq!(rows.unwrap().len(), 50);
        console_log!("newest, first page of 50: {ms:.1} ms");
        let (rows, ms) = time(desk.due_soonest(50)).await;
        console_log!("due soonest, first page: {ms:.1} ms ({} rows)", rows.unwrap().len());
        for (label, q) in [("number prefix", "2026"), ("phone prefix", "1300"), ("name prefix", "王1")] {
            let (rows, ms) = time(desk.search(q, 50)).await;
            console_log!("search by {label} {q:?}: {ms:.1} ms ({} rows)", rows.unwrap().len());
        }
        console_log!("wasm memory: {:.1} MB", memory_mb());
    }
}

/// A review row as a typical complaint has it: received at `ms`, every clock kind, half of
/// them surveyed, a few reopened, a tenth still open.
fn review_row(i: u32, ms: i64) -> complaint_desk::domain::review::ReviewRow {
    const TYPES: [&str; 5] = ["product_quality", "service_attitude", "process_efficiency", "billing", "other"];
    const DEPTS: [&str; 4] = ["after_sales", "customer_service", "finance", "technical"];
    const CLOCKS: [&str; 6] = ["registration", "first_contact", "initial_plan", "resolution", "progress_update", "satisfaction_follow_up"];
    let h = 3_600_000i64;
    let open = i.is_multiple_of(10);
    let clocks: Vec<String> = CLOCKS
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            let due = ms + (k as i64 + 1) * 8 * h;
            let stop = if open && k >= 3 { "null".to_string() } else { (due + ((i as i64 * 7919 + k as i64) % 5 - 3) * h).to_string() };
            format!(r#"{{"kind":"{kind}","due":{due},"stop":{stop}}}"#)
        })
        .collect();
    let survey = if i.is_multiple_of(2) { format!(r#"{{"scores":[5,4,{},5,4],"verdict":"satisfied"}}"#, 3 + i % 3) } else { "null".into() };
    let json = format!(
        r#"{{"id":"r{i:07}","number":"N{i}","received_ms":{ms},"open_ms":{open_ms},"status":"{status}","device":"dev-{d}","department":"{dept}","channel":"{ch}","product_key":"{product}","type":"{ty}","subtype":null,"urgency":"{urg}","phone_key":"13{phone:09}","clocks":[{clocks}],"first_contact_min":{fc},"resolution_min":{res},"resolved":{resolved},"survey":{survey},"second_round":{second},"reopened":{second},"closed_after_failed_contact":false}}"#,
        open_ms = if open { ms.to_string() } else { "null".into() },
        status = if open { "investigating" } else { "closed" },
        d = i % 3,
        dept = DEPTS[(i % 4) as usize],
        ch = Channel::all()[(i % 7) as usize].key(),
        product = PRODUCTS[(i % 6) as usize].to_lowercase(),
        ty = TYPES[(i % 5) as usize],
        urg = ["urgent", "normal", "low"][(i % 3) as usize],
        phone = (i as u64 * 7919) % 20_000,
        clocks = clocks.join(","),
        fc = 10 + i % 90,
        res = if open { "null".to_string() } else { (300 + i % 2000).to_string() },
        resolved = !open,
        second = i.is_multiple_of(25),
    );
    serde_json::from_str(&json).unwrap()
}

/// Reads the `received` index over `[from, to)` in pages of the review's size, one request
/// after another in one transaction, and decodes nothing: what IndexedDB alone costs.
async fn read_only(db: &complaint_desk::store::Database, from: f64, to: f64) -> u32 {
    use complaint_desk::store::review::PAGE;
    use idb::{KeyRange, Query};
    use wasm_bindgen::JsValue;
    let tx = db.transaction(&[complaint_desk::store::schema::REVIEW], false).await.unwrap();
    let index = tx.store(complaint_desk::store::schema::REVIEW).unwrap().index("received").unwrap();
    let upper = js_sys::Array::of2(&JsValue::from_f64(to), &JsValue::from_str(""));
    let (mut lower, mut after, mut seen) = (js_sys::Array::of2(&JsValue::from_f64(from), &JsValue::from_str("")), false, 0);
    loop {
        let range = KeyRange::bound(&lower, &upper, Some(after), Some(true)).unwrap();
        let rows = index.get_all(Some(Query::KeyRange(range)), Some(PAGE)).unwrap().await.unwrap();
        seen += rows.len() as u32;
        match rows.last() {
            Some(last) if rows.len() as u32 == PAGE => {
                let get = |k: &str| js_sys::Reflect::get(last, &JsValue::from_str(k)).unwrap();
                lower = js_sys::Array::of2(&get("received_ms"), &get("id"));
                after = true;
            }
            _ => return seen,
        }
    }
}

/// The review over 100,000 complaints received in the last year: rows written straight into
/// the `review` store (what registrations and imports write there), then a month's and the
/// year's review timed as the page asks for them.
#[wasm_bindgen_test]
async fn review_benchmark() {
    use complaint_desk::domain::review::{Period, ReviewFilter};
    use complaint_desk::store::schema::REVIEW;
    use complaint_desk::store::Database;
    let n: u32 = option_env!("BENCH_REVIEW_SIZE").and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let desk = Desk::open_named(&format!("bench-review-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let db = Database::open(desk.db_name()).await.unwrap();
    let cal = desk.calendar();
    let now = js_sys::Date::now() as i64;
    let year_ms = 365 * 86_400_000i64;
    let started = now_ms();
    for chunk in (0..n).collect::<Vec<_>>().chunks(5000) {
        let tx = db.transaction(&[REVIEW], true).await.unwrap();
        let store = tx.store(REVIEW).unwrap();
        for &i in chunk {
            let row = review_row(i, now - year_ms + (i as i64 * year_ms) / n as i64);
            drop(store.put(&complaint_desk::store::review::record(&row).unwrap(), None).unwrap());
        }
        tx.commit().await.unwrap();
    }
    console_log!("\n== review over {n} complaints received in the last year ==\nrows written in {:.0} ms", now_ms() - started);
    let today = cal.local(now).date();
    let month = Period::month_of(today).step(-1);
    let year = Period::custom(today - Duration::days(364), today).unwrap();
    for (label, period) in [("last month", month), ("the year", year)] {
        for round in 1..=2 {
            let (rep, ms) = time(desk.review_at(period, ReviewFilter::default(), now)).await;
            let rep = rep.unwrap();
            console_log!("{label} ({} complaints), round {round}: {ms:.0} ms, wasm memory {:.1} MB", rep.received, memory_mb());
        }
    }
    // The floor: the same rows of the year read page by page with nothing decoded.
    let (from, to) = year.utc_range(&cal);
    let (rows, ms) = time(read_only(&db, from as f64, to as f64)).await;
    console_log!("the year's rows read without decoding ({rows} rows, the floor): {ms:.0} ms");
    let filtered = ReviewFilter { department: Some("finance".into()), ..ReviewFilter::default() };
    let (rep, ms) = time(desk.review_at(year, filtered, now)).await;
    console_log!("the year, one department ({} complaints): {ms:.0} ms", rep.unwrap().received);
}

/// Row `i` of the list benchmark: one complaint every 3 minutes going back from now, a fifth
/// of them closed or archived, names, phones and products as in the write benchmark.
fn view(i: u32, now: i64) -> ComplaintView {
    let created_ms = now - i as i64 * 180_000;
    let at = chrono::DateTime::from_timestamp_millis(created_ms).unwrap().naive_utc();
    // 480 complaints a day: the serial is the position in the day.
    let serial = i % 480 + 1;
    let status = match i % 10 { 0 => "closed", 1 => "archived", 2 => "investigating", _ => "registered" };
    let name = format!("{}{}", SURNAMES[(i % 8) as usize], i);
    let phone = format!("13{:09}", (i as u64 * 7919) % 1_000_000_000);
    let product = PRODUCTS[(i % 6) as usize].to_string();
    ComplaintView {
        // Ids sort by registration time, as ULIDs do.
        id: format!("0{created_ms:015}{i:010}"),
        number: format!("{}-TEL-K7Q-{serial:03}", at.format("%Y%m%d")),
        status: status.into(),
        due_ms: (i % 10 > 1).then_some(created_ms + 3 * 86_400_000),
        warn_ms: None,
        type_key: Some("product_quality".into()),
        urgency: Some(["urgent", "normal", "low"][(i % 3) as usize].into()),
        department: None,
        updated_ms: created_ms,
        created_ms,
        phone_key: phone.clone(),
        name_key: name.to_lowercase(),
        product_key: String::new(),
        device: "bench-device".into(),
        received_at: at,
        channel: Channel::Phone,
        customer_name: name,
        customer_phone: phone,
        product,
        own_words: format!("Complaint {i}: the unit stopped working after the first week."),
        first_contact_owner: "Bench clerk".into(),
        source_key: None,
        due_clock: None,
        badges: Vec::new(),
        stage: String::new(),
        terms: Vec::new(),
    }
    .with_derived_keys()
}

/// The median of `runs` timings of `f` (after one warm-up run), in ms.
async fn median_ms<T, Fut: std::future::Future<Output = T>>(runs: usize, mut f: impl FnMut() -> Fut) -> (T, f64) {
    let mut out = f().await;
    let mut times = Vec::new();
    for _ in 0..runs {
        let (o, ms) = time(f()).await;
        out = o;
        times.push(ms);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (out, times[times.len() / 2])
}

/// The median of 15 timings of `f`, after 10 untimed runs: the first reads after a bulk write
/// are slower while the database settles.
async fn settled<T, Fut: std::future::Future<Output = T>>(mut f: impl FnMut() -> Fut) -> f64 {
    for _ in 0..10 {
        f().await;
    }
    median_ms(15, f).await.1
}

/// List pages and searches at 10,000 and 100,000 complaints, with the rows written straight
/// into `views` (what registering writes there, without the hours of registering them).
#[wasm_bindgen_test]
async fn list_and_search_benchmark() {
    let sizes: Vec<u32> = option_env!("BENCH_SIZES")
        .unwrap_or("10000,100000")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let name = format!("bench-list-{}", js_sys::Math::random().to_bits());
    let db = Database::open(&name).await.unwrap();
    let desk = Desk::open_named(&name).await.unwrap();
    let now = now_ms() as i64;
    let mut written = 0u32;
    console_log!("complaint desk list and search benchmark (median of 5 runs, headless Chromium, release build)");
    for target in sizes {
        let start = now_ms();
        while written < target {
            let tx = db.transaction(&[VIEWS], true).await.unwrap();
            let store = tx.store(VIEWS).unwrap();
            for i in written..(written + 5_000).min(target) {
                drop(store.put(&to_js(&view(i, now)).unwrap(), None).unwrap());
            }
            tx.commit().await.unwrap();
            written = (written + 5_000).min(target);
        }
        console_log!("\n== {target} complaints == (views written in {:.1} s)", (now_ms() - start) / 1000.0);
        let all = Filter::default();
        let open = Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: None };
        let two = Filter { equals: vec![(FilterField::Stage, "open".into()), (FilterField::Urgency, "urgent".into())], overdue_at: None };
        let overdue = Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: Some(now - 10 * 86_400_000) };
        for (label, order, filter) in [
            ("newest, every status", Order::Newest, &all),
            ("newest, open work (default)", Order::Newest, &open),
            ("due soonest, open work", Order::DueSoonest, &open),
            ("newest, open work + urgent", Order::Newest, &two),
            ("newest, open + overdue", Order::Newest, &overdue),
        ] {
            let (page, first) = median_ms(5, || desk.list(order, filter, None, 50)).await;
            let first_rows = page.unwrap().rows.len();
            // The 1,000th page (rows 49,950..50,000 of every status, newest first) from its
            // position, as "Load more" opens it.
            let deep_row = (target / 2).min(49_950);
            let at = view(deep_row, now);
            let after = match order {
                Order::Newest => After { order_ms: at.created_ms, id: at.id.clone() },
                Order::DueSoonest => After { order_ms: at.due_ms.unwrap_or(at.created_ms), id: at.id.clone() },
            };
            let (page, deep) = median_ms(5, || desk.list(order, filter, Some(&after), 50)).await;
            let got = page.unwrap().rows.len();
            console_log!("{label}: first page {first:.1} ms ({first_rows} rows), page after row {deep_row} {deep:.1} ms ({got} rows)");
        }
        let (n, ms) = median_ms(5, || list::count(&db, &open)).await;
        console_log!("count of open work: {ms:.1} ms ({:?})", n.unwrap());
        for (label, q) in [
            ("surname 王", "王"),
            ("surname Smith", "smith"),
            ("Chinese name 王1234", "王1234"),
            ("last 4 phone digits", "5678"),
            ("serial 003", "003"),
            ("product word in the middle", "machine"),
            ("product word prefix", "heat"),
            ("two words", "smith router"),
            ("two words, rare together", "garcia router"),
            ("number prefix", "2026"),
            ("whole number", "20261001-TEL-K7Q-003"),
            ("phone prefix", "1300"),
            ("name prefix", "王1"),
            ("no match", "zzzz"),
        ] {
            let (rows, ms) = median_ms(5, || desk.search_page(q, None, 50)).await;
            let page = rows.unwrap();
            console_log!("search {label} {q:?}: {ms:.1} ms ({} rows{})", page.rows.len(), if page.next.is_some() { ", more" } else { "" });
        }
        console_log!("wasm memory: {:.1} MB", memory_mb());
    }
}

/// The list's first page (newest, 50 rows) against the browser's own read of the same 51
/// entries, values untouched (`getAllRecords`, `getAll`): what the list adds is the rows
/// decoded into Rust. The first reads after a bulk write are slower (the database settles), so
/// each is run 10 times before its 15 timed runs.
async fn read_floor(db: &Database, desk: &Desk) {
    async fn newest_51(db: &Database, method: &str) -> u32 {
        let tx = db.transaction(&[VIEWS], false).await.unwrap();
        let index = wasm_bindgen::JsValue::from(tx.store(VIEWS).unwrap().index("created_ms").unwrap());
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"count".into(), &51.into()).unwrap();
        js_sys::Reflect::set(&options, &"direction".into(), &"prev".into()).unwrap();
        let call: js_sys::Function = js_sys::Reflect::get(&index, &method.into()).unwrap().unchecked_into();
        let request: web_sys::IdbRequest = call.call1(&index, &options).unwrap().unchecked_into();
        idb::request::GetAllStoreRequest::from(request).await.unwrap().len() as u32
    }
    let all = Filter::default();
    // Both settled first, then timed taking turns, so neither pays for the database settling.
    for _ in 0..10 {
        newest_51(db, "getAllRecords").await;
        newest_51(db, "getAll").await;
    }
    let (mut records, mut values) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        records.push(time(newest_51(db, "getAllRecords")).await.1);
        values.push(time(newest_51(db, "getAll")).await.1);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    let (records, values) = (median(records), median(values));
    let page = settled(|| list::page(db, Order::Newest, &all, None, 50)).await;
    let through_desk = settled(|| desk.list(Order::Newest, &all, None, 50)).await;
    console_log!(
        "first page, newest: getAllRecords of 51 {records:.2} ms, getAll of 51 {values:.2} ms; store::list::page {page:.2} ms, Desk::list {through_desk:.2} ms"
    );
}

/// The levers of `store::scan` measured one by one at 10,000 complaints: decoding a batch of
/// rows field by field (`serde_wasm_bindgen`) against as one JSON text, and pages read batched
/// (`getAllRecords`) against by cursor (both decoding as JSON). Run alone with
/// `cargo test --release --target wasm32-unknown-unknown --test bench_store -- --nocapture scan_levers`.
#[wasm_bindgen_test]
async fn scan_levers_benchmark() {
    use complaint_desk::store::{codec::from_js, scan};
    let name = format!("bench-scan-{}", js_sys::Math::random().to_bits());
    let db = Database::open(&name).await.unwrap();
    let desk = Desk::open_named(&name).await.unwrap();
    let now = now_ms() as i64;
    // The customer's own words as long as the CFPB narratives the Dexie benchmark uses (about
    // 980 characters), which the list card shows and every page decodes.
    let words = "The unit stopped working after the first week and nobody came to look at it. ".repeat(13);
    let tx = db.transaction(&[VIEWS], true).await.unwrap();
    let store = tx.store(VIEWS).unwrap();
    for i in 0..10_000 {
        drop(store.put(&to_js(&ComplaintView { own_words: words.clone(), ..view(i, now) }).unwrap(), None).unwrap());
    }
    tx.commit().await.unwrap();
    console_log!("store::scan levers at 10,000 complaints (median of 5 runs, headless Chromium, release build)");
    read_floor(&db, &desk).await;
    for n in [51u32, 400] {
        let tx = db.transaction(&[VIEWS], false).await.unwrap();
        let values = tx.store(VIEWS).unwrap().get_all(None, Some(n)).unwrap().await.unwrap();
        let values = &values;
        let (_, by_field) = median_ms(5, || async move { values.iter().map(|v| from_js::<ComplaintView>(v.clone()).unwrap()).collect::<Vec<_>>().len() }).await;
        let array: &js_sys::Array = &values.iter().collect();
        let (_, by_json) = median_ms(5, || async move {
            let text = String::from(js_sys::JSON::stringify(array).unwrap());
            serde_json::from_str::<Vec<ComplaintView>>(&text).unwrap().len()
        })
        .await;
        console_log!("decode {n} rows: serde_wasm_bindgen {by_field:.2} ms, JSON text {by_json:.2} ms");
    }
    decode_parts(&db).await;
    let open = Filter { equals: vec![(FilterField::Stage, "open".into())], overdue_at: None };
    let two = Filter { equals: vec![(FilterField::Stage, "open".into()), (FilterField::Urgency, "urgent".into())], overdue_at: None };
    let all = Filter::default();
    for batched in [true, false] {
        scan::set_batched(batched);
        let (_, newest) = median_ms(5, || desk.list(Order::Newest, &all, None, 50)).await;
        let (_, default) = median_ms(5, || desk.list(Order::Newest, &open, None, 50)).await;
        let (_, urgent) = median_ms(5, || desk.list(Order::Newest, &two, None, 50)).await;
        let (_, smith) = median_ms(5, || desk.search_page("smith", None, 50)).await;
        let (_, number) = median_ms(5, || desk.search_page("2026", None, 50)).await;
        console_log!(
            "{}: newest {newest:.1} ms, open work {default:.1} ms, open + urgent {urgent:.1} ms, search smith {smith:.1} ms, number prefix {number:.1} ms",
            if batched { "batched (getAllRecords)" } else { "by cursor" }
        );
    }
    scan::set_batched(true);
}

/// What decoding a page spends its time on: the same 51 stored rows made one JSON text
/// (`JSON.stringify`), that text brought into Rust, and the text parsed into `ComplaintView`s,
/// whole, with the customer's words emptied, and with the search terms emptied (`settled`).
async fn decode_parts(db: &Database) {
    use wasm_bindgen::JsValue;
    let tx = db.transaction(&[VIEWS], false).await.unwrap();
    let values = tx.store(VIEWS).unwrap().get_all(None, Some(51)).unwrap().await.unwrap();
    tx.commit().await.unwrap();
    let with = |field: Option<(&str, JsValue)>| -> js_sys::Array {
        values
            .iter()
            .map(|v| {
                let copy = js_sys::Object::assign(&js_sys::Object::new(), v.unchecked_ref());
                if let Some((name, value)) = &field {
                    js_sys::Reflect::set(&copy, &(*name).into(), value).unwrap();
                }
                JsValue::from(copy)
            })
            .collect()
    };
    for (label, rows) in [
        ("whole rows", with(None)),
        ("own words emptied", with(Some(("own_words", JsValue::from_str(""))))),
        ("terms emptied", with(Some(("terms", js_sys::Array::new().into())))),
    ] {
        let rows = &rows;
        let js_text = &js_sys::JSON::stringify(rows).unwrap();
        let text = String::from(js_text.clone());
        let stringify = settled(|| async move { js_sys::JSON::stringify(rows).unwrap().length() }).await;
        let into_rust = settled(|| async move { String::from(js_text.clone()).len() }).await;
        let text = &text;
        let parse = settled(|| async move { serde_json::from_str::<Vec<ComplaintView>>(text).unwrap().len() }).await;
        console_log!(
            "decode 51 rows, {label} ({} KB of JSON): stringify {stringify:.3} ms, into Rust {into_rust:.3} ms, parse {parse:.3} ms",
            text.len() / 1024
        );
    }
}

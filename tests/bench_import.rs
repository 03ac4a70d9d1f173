//! Import benchmark (not a test): a batch of N complaints imported through the app's real path
//! (`Desk::preview_import`, then `Desk::import` in chunks), side by side in one run with the
//! floor: one read-write transaction `put`ting the same event rows into an empty `events` store.
//! For reference, for a single file, it also times the floor with the view rows the import
//! must write as well. Run with `scripts/bench.sh` (`BENCH=import`); sizes from
//! BENCH_IMPORT_SIZES and rounds from BENCH_IMPORT_ROUNDS at build time (default
//! "10000,100000"; 3 rounds for one file, 1 above). It reports numbers; it asserts only that
//! the data is there.
//!
//! The batches are made by the pure domain (commands with a `Context`, then `write_batch`), so
//! making 100,000 complaints costs seconds, not the hours registering them through a Desk would.
//! A file holds at most 64 MB, so a size above `PER_FILE` complaints arrives as several files
//! previewed and imported one after another into the same desk, as a person would.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use chrono::Duration;
use complaint_desk::domain::batch::format::Selection;
use complaint_desk::domain::batch::write::{write_batch, ExportRequest};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::keyed::Keyed;
use complaint_desk::domain::classify::{Classification, Urgency};
use complaint_desk::domain::command::{execute, Command, Context};
use complaint_desk::domain::communication::{CommEntry, ContactResult, Direction};
use complaint_desk::domain::config::DomainConfig;
use complaint_desk::domain::device::DeviceIdentity;
use complaint_desk::domain::event::Event;
use complaint_desk::domain::fold::fold;
use complaint_desk::domain::hlc::Hlc;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::import::ImportProgress;
use complaint_desk::services::Desk;
use complaint_desk::store::codec::to_js;
use complaint_desk::store::events::EventRow;
use complaint_desk::store::schema::{EVENTS, VIEWS};
use complaint_desk::store::views::ComplaintView;
use complaint_desk::store::Database;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Complaints per file: 10,000 complaints make a file of about 25 MB, well under the 64 MB a
/// reader accepts, and it is the size the targets are stated for.
const PER_FILE: usize = 10_000;

const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "Smith", "Garcia"];
const PRODUCTS: [&str; 6] = ["空调 KFR-35GW", "Washing machine WM-8", "Router AX3000", "Water heater", "冰箱 BCD-500", "Dishwasher DW-60"];
const TYPES: [&str; 3] = ["product_quality", "service_attitude", "billing"];

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn memory_mb() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64 / 1e6
}

/// The exporting device, made once per run.
struct Source {
    device: DeviceIdentity,
    config: DomainConfig,
    clock: Hlc,
    serials: HashMap<chrono::NaiveDate, u32>,
}

impl Source {
    /// Runs one command at `at_ms` on the complaint whose events so far are `events`.
    fn run(&mut self, events: &mut Vec<Event>, cmd: Command, actor: &str, at_ms: i64, salt: u32) {
        let state = events.first().map(|e| fold(e.complaint(), events.iter()));
        let mut random = [0u8; 10];
        random[..4].copy_from_slice(&salt.to_be_bytes());
        random[4..8].copy_from_slice(&(events.len() as u32).wrapping_mul(0x9e37_79b9).to_be_bytes());
        let ctx = Context { actor, device_id: &self.device.id, device_code: &self.device.code, clock: self.clock, now_ms: at_ms, random, config: &self.config };
        let issued = execute(state.as_ref(), cmd, &ctx).unwrap_or_else(|e| panic!("bench command refused: {e:?}"));
        self.clock = issued.clock;
        events.extend(issued.events);
    }

    /// Complaint `i`: registered; most classified (two events), many given a handler, some
    /// called back and some investigated: 3.8 events on average, like a desk mid-month.
    fn complaint(&mut self, i: u32, at_ms: i64) -> Vec<Event> {
        let received = self.config.calendar.local(at_ms) - Duration::minutes(3);
        let day = received.date();
        let serial = {
            let s = self.serials.entry(day).or_insert(0);
            *s += 1;
            *s
        };
        let input = NewComplaint {
            more: Default::default(),
            received_at: received,
            channel: Channel::all()[(i % 7) as usize],
            customer_name: format!("{}{}", SURNAMES[(i % 8) as usize], i),
            customer_phone: format!("13{:09}", (i as u64 * 7919) % 1_000_000_000),
            product: PRODUCTS[(i % 6) as usize].into(),
            description: format!("Complaint {i}: the unit stopped working after the first week and the customer wants a replacement."),
        };
        let mut events = Vec::with_capacity(6);
        let minute = 60_000;
        self.run(&mut events, Command::Register { registration: input.into_registration("Clerk Li"), serial }, "Clerk Li", at_ms, i);
        let step = i % 10;
        if step < 8 {
            let classification = Classification { type_key: TYPES[(i % 3) as usize].into(), subtype: None };
            let urgency = [Urgency::Normal, Urgency::Low, Urgency::Urgent][(i % 3) as usize];
            let cmd = Command::Classify { classification, urgency, severity: None, nature: None, request_type: None };
            self.run(&mut events, cmd, "Lead Zhou", at_ms + 10 * minute, i);
        }
        if step < 6 {
            self.run(&mut events, Command::AssignHandler { handler: "zhang.after_sales".into() }, "Lead Zhou", at_ms + 20 * minute, i);
        }
        if step < 4 {
            let at = self.config.calendar.local(at_ms + 30 * minute);
            let entry = CommEntry { at, channel: Channel::Phone, direction: Direction::Outbound, who: "zhang.after_sales".into(), summary: "Apologised; an engineer will call.".into(), result: Some(ContactResult::Reached) };
            self.run(&mut events, Command::LogCommunication { entry }, "zhang.after_sales", at_ms + 31 * minute, i);
        }
        if step < 2 {
            self.run(&mut events, Command::StartInvestigation { note: String::new() }, "zhang.after_sales", at_ms + 40 * minute, i);
        }
        events
    }
}

/// `n` complaints over the last 30 days, each complaint's events in order.
fn generate(n: usize) -> (Source, Vec<Vec<Event>>) {
    let device = DeviceIdentity::generate([7; 16]);
    let mut source = Source { device, config: DomainConfig::default(), clock: Hlc::default(), serials: HashMap::new() };
    let end = now_ms() as i64 - 3_600_000;
    let span = 30 * 24 * 3_600_000i64;
    let complaints = (0..n).map(|i| source.complaint(i as u32, end - span + span * i as i64 / n as i64)).collect();
    (source, complaints)
}

/// A process-wide watch on the main thread: a `setTimeout(0)` chain that records the longest
/// time between two of its turns, i.e. the longest the page could not react to input.
struct Heartbeat(js_sys::Object);

impl Heartbeat {
    fn start() -> Heartbeat {
        let f = js_sys::Function::new_no_args(
            "const s = { max: 0, stop: false }; let last = performance.now();
             const tick = () => { const t = performance.now(); s.max = Math.max(s.max, t - last); last = t; if (!s.stop) setTimeout(tick, 0); };
             setTimeout(tick, 0); return s;",
        );
        Heartbeat(f.call0(&wasm_bindgen::JsValue::NULL).unwrap().unchecked_into())
    }

    /// Stops the watch; the longest gap seen, in ms.
    fn stop(self) -> f64 {
        js_sys::Reflect::set(&self.0, &"stop".into(), &true.into()).unwrap();
        js_sys::Reflect::get(&self.0, &"max".into()).unwrap().as_f64().unwrap()
    }
}

#[derive(Default)]
struct Measured {
    events: usize,
    file_bytes: usize,
    files: usize,
    preview_ms: f64,
    import_ms: f64,
    floor_ms: f64,
    /// The floor plus the view rows the import writes, in the same transaction: what the
    /// import has to store, without its reading, planning and chunking.
    floor_views_ms: f64,
    /// Longest time between two progress reports (one chunk written and the yield after it).
    longest_chunk_ms: f64,
    /// Longest time from the start of an import to its first report (snapshot and plan).
    to_first_chunk_ms: f64,
    /// Longest main-thread task while importing (heartbeat), previews excluded.
    longest_task_ms: f64,
    memory_mb: f64,
}

/// Puts the event rows of every complaint (and, with `views`, its view row) in one transaction
/// of a fresh database, making each row as the import does; the time taken, in ms.
async fn floor(events: &[Vec<Event>], views: bool) -> f64 {
    let name = format!("bench-floor-{}", js_sys::Math::random().to_bits());
    // Opening through a Desk makes the stores as the app has them.
    let desk = Desk::open_named(&name).await.unwrap();
    let db = Database::open(&name).await.unwrap();
    let config = DomainConfig::default();
    let t = now_ms();
    let stores: &[&str] = if views { &[EVENTS, VIEWS] } else { &[EVENTS] };
    let tx = db.transaction(stores, true).await.unwrap();
    let store = tx.store(EVENTS).unwrap();
    for e in events.iter().flatten() {
        drop(store.put(&to_js(&EventRow::of(e)).unwrap(), None).unwrap());
    }
    if views {
        let store = tx.store(VIEWS).unwrap();
        for c in events {
            let view = ComplaintView::of(&fold(c[0].complaint(), c.iter()), &config, t as i64).unwrap();
            drop(store.put(&to_js(&view).unwrap(), None).unwrap());
        }
    }
    tx.commit().await.unwrap();
    let ms = now_ms() - t;
    let tx = db.transaction(&[EVENTS], false).await.unwrap();
    let stored = tx.store(EVENTS).unwrap().count(None).unwrap().await.unwrap();
    assert_eq!(stored as usize, events.iter().map(Vec::len).sum::<usize>());
    db.close();
    drop(desk);
    ms
}

/// One round: the floor and the app one after the other (which goes first alternates by
/// round: the databases of an origin share one store on disk, so whatever ran before leaves
/// work behind), then, for a single file, the floor with views. Databases are not deleted
/// during a run: deleting one writes a tombstone per record, and compacting those would weigh
/// on what runs next (`scripts/bench.sh` runs the browser in a temporary directory it removes).
async fn measure(source: &Source, complaints: &[Vec<Event>], floor_first: bool) -> Measured {
    let mut m = Measured { events: complaints.iter().map(Vec::len).sum(), ..Measured::default() };
    if floor_first {
        m.floor_ms = floor(complaints, false).await;
    }
    import(source, complaints, &mut m).await;
    if !floor_first {
        m.floor_ms = floor(complaints, false).await;
    }
    if complaints.len() <= PER_FILE {
        m.floor_views_ms = floor(complaints, true).await;
    }
    m.memory_mb = memory_mb();
    m
}

/// The app: each file previewed, then imported, one after another into one fresh desk.
async fn import(source: &Source, complaints: &[Vec<Event>], m: &mut Measured) {
    let desk = Desk::open_named(&format!("bench-import-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let mut written = 0;
    for (k, part) in complaints.chunks(PER_FILE).enumerate() {
        let created_ms = now_ms() as i64;
        let day = source.config.calendar.local(created_ms).date();
        let request = ExportRequest { device: &source.device, created_ms, day, sequence: k as u32 + 1, selection: Selection::All };
        let text = write_batch(&request, part.iter().flatten(), &[]).expect("the batch fits a file").text;
        m.files += 1;
        m.file_bytes += text.len();

        let t = now_ms();
        let preview = desk.preview_import(&format!("bench-{k}.json"), text.as_bytes()).await.expect("preview");
        m.preview_ms += now_ms() - t;
        assert_eq!(preview.summary().refused, 0);

        let heartbeat = Heartbeat::start();
        let longest = Rc::new(RefCell::new((0.0f64, 0.0f64)));
        let t = now_ms();
        let (last, longest2) = (Cell::new(t), longest.clone());
        let report = move |p: ImportProgress| {
            let now = now_ms();
            let mut l = longest2.borrow_mut();
            if p.done == 0 {
                l.1 = l.1.max(now - last.get());
            } else {
                l.0 = l.0.max(now - last.get());
            }
            last.set(now);
        };
        let outcome = desk.import(&preview, report, Rc::new(Cell::new(false))).await.expect("import");
        m.import_ms += now_ms() - t;
        m.longest_task_ms = m.longest_task_ms.max(heartbeat.stop());
        let (chunk, start) = *longest.borrow();
        m.longest_chunk_ms = m.longest_chunk_ms.max(chunk);
        m.to_first_chunk_ms = m.to_first_chunk_ms.max(start);
        assert!(!outcome.stopped);
        written += outcome.written.events;
    }
    assert_eq!(written, m.events, "every event imported");
    assert_eq!(desk.count().await.unwrap() as usize, complaints.len(), "every complaint has its view");
}

/// The median of one measure over the rounds.
fn median(rounds: &[Measured], f: impl Fn(&Measured) -> f64) -> f64 {
    let mut v: Vec<f64> = rounds.iter().map(f).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The worst of one measure over the rounds.
fn worst(rounds: &[Measured], f: impl Fn(&Measured) -> f64) -> f64 {
    rounds.iter().map(f).fold(0.0, f64::max)
}

#[wasm_bindgen_test]
async fn import_benchmark() {
    let sizes: Vec<usize> = option_env!("BENCH_IMPORT_SIZES")
        .unwrap_or("10000,100000")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // Rounds per size: times are medians, the longest gaps and memory the worst. By default 3
    // for a single file and 1 above (a round of 100,000 takes about ten minutes).
    let rounds_set: Option<usize> = option_env!("BENCH_IMPORT_ROUNDS").and_then(|r| r.trim().parse().ok());
    console_log!("complaint desk import benchmark (headless Chromium, release build)");
    let mut table = String::from(
        "| complaints | events | files | file MB | preview s | import s | floor s | ratio | floor + views s | longest chunk ms | to first chunk ms | longest task ms | wasm memory MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for n in sizes {
        let started = now_ms();
        let (source, complaints) = generate(n);
        console_log!("{n} complaints, {} events generated in {:.1} s", complaints.iter().map(Vec::len).sum::<usize>(), (now_ms() - started) / 1000.0);
        let rounds = rounds_set.unwrap_or(if n <= PER_FILE { 3 } else { 1 }).max(1);
        let mut all = Vec::new();
        for round in 1..=rounds {
            let m = measure(&source, &complaints, round % 2 == 1).await;
            console_log!(
                "{n}, round {round}: preview {:.2} s, import {:.2} s, floor {:.2} s (ratio {:.2}), floor + views {:.2} s; longest chunk {:.0} ms, to first chunk {:.0} ms, longest task {:.0} ms",
                m.preview_ms / 1000.0,
                m.import_ms / 1000.0,
                m.floor_ms / 1000.0,
                m.import_ms / m.floor_ms,
                m.floor_views_ms / 1000.0,
                m.longest_chunk_ms,
                m.to_first_chunk_ms,
                m.longest_task_ms
            );
            all.push(m);
        }
        let first = &all[0];
        let floor_views = if n <= PER_FILE { format!("{:.2}", median(&all, |m| m.floor_views_ms) / 1000.0) } else { "–".into() };
        let row = format!(
            "| {n} | {} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {:.2} | {floor_views} | {:.0} | {:.0} | {:.0} | {:.0} |\n",
            first.events,
            first.files,
            first.file_bytes as f64 / 1e6,
            median(&all, |m| m.preview_ms) / 1000.0,
            median(&all, |m| m.import_ms) / 1000.0,
            median(&all, |m| m.floor_ms) / 1000.0,
            median(&all, |m| m.import_ms / m.floor_ms),
            worst(&all, |m| m.longest_chunk_ms),
            worst(&all, |m| m.to_first_chunk_ms),
            worst(&all, |m| m.longest_task_ms),
            worst(&all, |m| m.memory_mb)
        );
        console_log!("{row}");
        table.push_str(&row);
    }
    console_log!("\n{table}");
}

//! Storage benchmark (not a test): write and query times at 10k and 100k complaints, in
//! headless Chromium. Run with `scripts/bench.sh`; sizes from BENCH_SIZES at build time
//! (default "10000,100000"). It reports numbers; it asserts only that the data is there.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::keyed::Keyed;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::Desk;
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

async fn time<T, F: std::future::Future<Output = T>>(f: F) -> (T, f64) {
    let start = now_ms();
    let out = f.await;
    (out, now_ms() - start)
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
        let (rows, ms) = time(desk.newest(0, 50)).await;
        assert_eq!(rows.unwrap().len(), 50);
        console_log!("newest, first page of 50: {ms:.1} ms");
        let deep = target / 2;
        let (rows, ms) = time(desk.newest(deep, 50)).await;
        assert_eq!(rows.unwrap().len(), 50);
        console_log!("newest, page at offset {deep}: {ms:.1} ms");
        let (rows, ms) = time(desk.due_soonest(0, 50)).await;
        console_log!("due soonest, first page: {ms:.1} ms ({} rows)", rows.unwrap().len());
        for (label, q) in [("number prefix", "2026"), ("phone prefix", "1300"), ("name prefix", "王1")] {
            let (rows, ms) = time(desk.search(q, 50)).await;
            console_log!("search by {label} {q:?}: {ms:.1} ms ({} rows)", rows.unwrap().len());
        }
        console_log!("wasm memory: {:.1} MB", memory_mb());
    }
}

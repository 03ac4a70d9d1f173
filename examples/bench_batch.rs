//! Writes the benchmark's complaints as one batch file, for the sync benchmark
//! (`BENCH=sync scripts/bench.sh`), which imports it into the app before timing the sync.
//!
//!   cargo run --release --example bench_batch -- 10000 /tmp/bench-10000.json

use complaint_desk::domain::batch::format::Selection;
use complaint_desk::domain::batch::write::{write_batch, ExportRequest};

#[path = "../tests/support/bench_complaints.rs"]
mod bench_complaints;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: bench_batch <complaints> <file.json>");
        std::process::exit(2);
    };
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("a clock after 1970").as_millis() as i64;
    let (source, complaints) = bench_complaints::generate(n, now_ms - 3_600_000);
    let day = source.config.calendar.local(now_ms).date();
    let request = ExportRequest { device: &source.device, created_ms: now_ms, day, sequence: 1, selection: Selection::All };
    let batch = write_batch(&request, complaints.iter().flatten(), &[]).unwrap_or_else(|e| {
        eprintln!("the batch does not fit one file: {e:?}");
        std::process::exit(1);
    });
    std::fs::write(out, &batch.text).unwrap_or_else(|e| {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    });
    println!("{n} complaints, {} events, {:.1} MB: {out}", complaints.iter().map(Vec::len).sum::<usize>(), batch.text.len() as f64 / 1e6);
}

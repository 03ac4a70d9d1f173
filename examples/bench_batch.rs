//! Writes the benchmark's complaints as one batch file, for the sync benchmark
//! (`BENCH=sync scripts/bench.sh`), which imports it into the app before timing the sync.
//!
//!   cargo run --release --example bench_batch -- 10000 /tmp/bench-10000.json
//!
//! With a third argument, files of at most that many complaints (a file holds at most 64 MB),
//! named `<file>-1.json`, `<file>-2.json`, … (the cold-start benchmark, `scripts/bench-cold.mjs`):
//!
//!   cargo run --release --example bench_batch -- 100000 /tmp/bench 10000

use complaint_desk::domain::batch::format::Selection;
use complaint_desk::domain::batch::write::{write_batch, ExportRequest};

#[path = "../tests/support/bench_complaints.rs"]
mod bench_complaints;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: bench_batch <complaints> <file.json> [complaints per file]");
        std::process::exit(2);
    };
    let per_file = args.get(2).and_then(|p| p.parse::<usize>().ok());
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("a clock after 1970").as_millis() as i64;
    let (source, complaints) = bench_complaints::generate(n, now_ms - 3_600_000);
    let day = source.config.calendar.local(now_ms).date();
    for (k, part) in complaints.chunks(per_file.unwrap_or(n.max(1))).enumerate() {
        let path = if per_file.is_some() { format!("{out}-{}.json", k + 1) } else { out.clone() };
        let request = ExportRequest { device: &source.device, created_ms: now_ms, day, sequence: k as u32 + 1, selection: Selection::All };
        let batch = write_batch(&request, part.iter().flatten(), &[]).unwrap_or_else(|e| {
            eprintln!("the batch does not fit one file: {e:?}");
            std::process::exit(1);
        });
        std::fs::write(&path, &batch.text).unwrap_or_else(|e| {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        });
        println!("{} complaints, {} events, {:.1} MB: {path}", part.len(), part.iter().map(Vec::len).sum::<usize>(), batch.text.len() as f64 / 1e6);
    }
}

//! The hostile-file corpus: every file in `tests/batch_corpus/` is read and planned as an
//! import on an empty device, and the outcome must be the one `expected.json` states
//! (a whole-file error code, or what is accepted and what is refused and why). Files named
//! `sealed_*` are encrypted batches: the plain reader asks for their passphrase or, when the
//! envelope is damaged or hostile, refuses them at once.
//! The files are made by `src/domain/batch/tests/corpus.rs`.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::PathBuf;

use complaint_desk::domain::batch::import::Arrival;
use complaint_desk::domain::batch::{is_sealed, plan_import, read_batch, ReadOptions};
use complaint_desk::domain::eventset::EventSet;
use serde_json::{json, Value};

fn outcome(bytes: &[u8]) -> Value {
    let batch = match read_batch(bytes, ReadOptions::default()) {
        Ok(b) => b,
        Err(e) => return json!({"error": e.code()}),
    };
    let stored = EventSet::new();
    // 2023-10-10 00:00 UTC: after the corpus' events, so no device looks skewed.
    let plan = plan_import(&batch, &stored, "dev-z", 1_696_896_000_000);
    let mut refused: BTreeMap<String, usize> = BTreeMap::new();
    for r in &plan.refused {
        *refused.entry(r.problem.code().to_string()).or_default() += 1;
        assert!(!r.original.is_empty(), "a refused record keeps its original text");
    }
    let s = plan.summary();
    let mut set = EventSet::new();
    plan.apply_to(&mut set);
    assert_eq!(set.len(), plan.add.len());
    // Every accepted event is stored exactly as the file had it (its text, JSON-escaped).
    let text = String::from_utf8_lossy(bytes);
    for e in &plan.add {
        assert!(text.contains(&serde_json::to_string(e.to_json()).unwrap()), "{}", e.id());
    }
    assert!(plan.complaints.iter().all(|c| c.arrival != Arrival::Existing));
    json!({
        "events": batch.events.len(),
        "new_events": s.new_events,
        "refused": refused,
        "new_complaints": s.new_complaints,
        "waiting": s.waiting_complaints,
        "newer": s.newer,
        "attachments": s.attachments_new,
        "duplicates": s.duplicates_in_file,
    })
}

#[test]
fn every_corpus_file_has_its_expected_outcome() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/batch_corpus");
    let expected: BTreeMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert!(expected.len() >= 40, "at least 40 hostile files");
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let mut want = want.clone();
        want.as_object_mut().unwrap().remove("note");
        let bytes = std::fs::read(dir.join(name)).unwrap();
        // Sealed files are recognised by their format alone, whatever else is wrong with them.
        if is_sealed(&bytes) != name.starts_with("sealed_") {
            failures.push(format!("{name}: is_sealed is {}", is_sealed(&bytes)));
        }
        let got = outcome(&bytes);
        if got != want {
            failures.push(format!("{name}: expected {want}, got {got}"));
        }
    }
    let on_disk = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).filter(|n| n != "expected.json").count();
    assert_eq!(on_disk, expected.len(), "every file has an expectation");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

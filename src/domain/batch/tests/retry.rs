//! Quarantined batch records read again: good ones come back, bad ones stay refused with
//! their place in the quarantine list, and records that are not from batches are left alone.

use super::{desk, export};
use crate::domain::batch::format::Selection;
use crate::domain::batch::import::plan_import;
use crate::domain::batch::retry::{is_retryable, reread};
use crate::domain::batch::Problem;

#[test]
fn kept_records_are_read_again_with_this_apps_rules() {
    let (a, _) = desk("dev-a", "KAA");
    let file: serde_json::Value = serde_json::from_str(&export(&a, Selection::All, &[]).text).unwrap();
    let entries = file["events"].as_array().unwrap();
    let entry = entries[0].to_string();
    let bare = entries[1]["event"].as_str().unwrap().to_string();
    let mut broken: serde_json::Value = entries[2].clone();
    broken["sha256"] = serde_json::Value::String("0".repeat(64));
    let kept = vec![
        ("legacy:1".to_string(), "{}".to_string()),
        ("batch:abc:events:0".to_string(), entry),
        ("batch:abc:events:7".to_string(), bare),
        ("batch:abc:events:9".to_string(), broken.to_string()),
    ];
    assert!(!is_retryable(&kept[0].0) && is_retryable(&kept[1].0));
    let batch = reread(&kept);
    assert_eq!(batch.events.len(), 2, "an entry and a bare event are accepted");
    assert_eq!(batch.refused.len(), 1);
    assert_eq!(batch.refused[0].index, 3, "refusals point into the kept list");
    assert_eq!(batch.refused[0].problem, Problem::ChecksumMismatch);
    let mut positions: Vec<usize> = batch.positions.values().copied().collect();
    positions.sort();
    assert_eq!(positions, vec![1, 2]);

    // On a device that lacks them they are new; on `a` they are already there.
    let (b, _) = desk("dev-b", "KBB");
    let plan = plan_import(&batch, &b.events, &b.id, super::evening());
    assert_eq!(plan.add.len(), 2);
    let plan = plan_import(&batch, &a.events, "dev-x", super::evening());
    assert_eq!(plan.already_present, 2);
}

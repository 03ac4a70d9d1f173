//! The synchronous spill of step-panel drafts. A draft's IndexedDB write started while a tab is
//! closed or killed may never finish, so when the page is hidden or left (`visibilitychange`,
//! `pagehide`) every panel edited since its last stored draft also writes its values to
//! LocalStorage, which is written at once: one key per complaint (`draft-spill:<complaint id>`),
//! one entry per panel. The panel merges it with its stored draft when it is built again (the
//! newer wins, input by input) and stores the result; saving the step forgets it.

use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One panel's spilled values and when they were taken.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Spilled {
    pub at_ms: i64,
    pub values: Map<String, Value>,
}

fn key(complaint: &str) -> String {
    format!("draft-spill:{complaint}")
}

fn all(complaint: &str) -> BTreeMap<String, Spilled> {
    LocalStorage::get(key(complaint)).unwrap_or_default()
}

fn put_all(complaint: &str, spills: &BTreeMap<String, Spilled>) {
    if spills.is_empty() {
        LocalStorage::delete(key(complaint));
    } else if let Err(e) = LocalStorage::set(key(complaint), spills) {
        // Full or unavailable storage: the IndexedDB draft is still being written.
        leptos::logging::warn!("could not spill a step draft: {e}");
    }
}

/// Spills a panel's values (taken at `at_ms`).
pub fn write(complaint: &str, form: &str, values: Map<String, Value>, at_ms: i64) {
    let mut spills = all(complaint);
    spills.insert(form.to_string(), Spilled { at_ms, values });
    put_all(complaint, &spills);
}

/// A panel's spilled values, if any.
pub fn read(complaint: &str, form: &str) -> Option<Spilled> {
    all(complaint).remove(form)
}

/// Forgets a panel's spill, unless it was taken after `up_to_ms` (then it is newer than what
/// was stored and still needed). `None` forgets it whatever its time (the step was saved).
pub fn forget(complaint: &str, form: &str, up_to_ms: Option<i64>) {
    let mut spills = all(complaint);
    let stale = spills.get(form).is_some_and(|s| up_to_ms.is_none_or(|t| s.at_ms <= t));
    if stale {
        spills.remove(form);
        put_all(complaint, &spills);
    }
}

/// The values to restore from a stored draft (written at `stored_ms`) and a spill: every input
/// of both, the newer one's value where both have it.
pub fn merge(stored: Option<(i64, Map<String, Value>)>, spilled: Option<Spilled>) -> Map<String, Value> {
    match (stored, spilled) {
        (None, None) => Map::new(),
        (Some((_, values)), None) => values,
        (None, Some(s)) => s.values,
        (Some((stored_ms, stored)), Some(s)) => {
            let (mut older, newer) = if s.at_ms >= stored_ms { (stored, s.values) } else { (s.values, stored) };
            older.extend(newer);
            older
        }
    }
}

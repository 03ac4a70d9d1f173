//! The synchronous spill of step-panel drafts. A draft's IndexedDB write started while a tab is
//! closed or killed may never finish, so when the page is hidden or left (`visibilitychange`,
//! `pagehide`) every panel edited since its last stored draft also writes its values to
//! LocalStorage, which is written at once: one key per complaint (`draft-spill:<complaint id>`),
//! one entry per panel. The panel merges it with its stored draft when it is built again (the
//! newer wins, input by input) and stores the result; saving the step forgets it.

use gloo_storage::{LocalStorage, Storage};
use serde_json::{Map, Value};

/// One panel's spilled values and when they were taken.
pub struct Spilled {
    pub at_ms: i64,
    pub values: Map<String, Value>,
}

// Stored as JSON values (`{"<form>": {"at_ms": 1, "values": {..}}}`), read and written with the
// `serde_json::Value` code the app already has rather than code derived for this one shape.

fn key(complaint: &str) -> String {
    format!("draft-spill:{complaint}")
}

fn all(complaint: &str) -> Map<String, Value> {
    let text = LocalStorage::raw().get_item(&key(complaint)).ok().flatten().unwrap_or_default();
    match serde_json::from_str(&text) {
        Ok(Value::Object(spills)) => spills,
        _ => Map::new(),
    }
}

fn put_all(complaint: &str, spills: Map<String, Value>) {
    let storage = LocalStorage::raw();
    let written = if spills.is_empty() {
        storage.remove_item(&key(complaint))
    } else {
        storage.set_item(&key(complaint), &Value::Object(spills).to_string())
    };
    if written.is_err() {
        // Full or unavailable storage: the IndexedDB draft is still being written.
        leptos::logging::warn!("could not spill a step draft");
    }
}

/// Spills a panel's values (taken at `at_ms`).
pub fn write(complaint: &str, form: &str, values: Map<String, Value>, at_ms: i64) {
    let mut spills = all(complaint);
    let mut entry = Map::new();
    entry.insert("at_ms".into(), Value::from(at_ms));
    entry.insert("values".into(), Value::Object(values));
    spills.insert(form.to_string(), Value::Object(entry));
    put_all(complaint, spills);
}

/// A panel's spilled values, if any.
pub fn read(complaint: &str, form: &str) -> Option<Spilled> {
    let Value::Object(mut entry) = all(complaint).remove(form)? else { return None };
    let at_ms = entry.get("at_ms").and_then(Value::as_i64)?;
    let Some(Value::Object(values)) = entry.remove("values") else { return None };
    Some(Spilled { at_ms, values })
}

/// Forgets a panel's spill, unless it was taken after `up_to_ms` (then it is newer than what
/// was stored and still needed). `None` forgets it whatever its time (the step was saved).
pub fn forget(complaint: &str, form: &str, up_to_ms: Option<i64>) {
    let mut spills = all(complaint);
    let at_ms = spills.get(form).map(|s| s.get("at_ms").and_then(Value::as_i64).unwrap_or(i64::MIN));
    if at_ms.is_some_and(|at| up_to_ms.is_none_or(|t| at <= t)) {
        spills.remove(form);
        put_all(complaint, spills);
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

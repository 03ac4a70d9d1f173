//! The synchronous spill of the Register draft. The IndexedDB write the autosave starts when the
//! page is hidden or left may never finish if the tab is killed at once, so the page's hiding
//! also writes the draft to LocalStorage, which is written at once (`register-spill:<form id>`,
//! `{"at_ms": …, "data": "<the draft's JSON>"}`). The drafts list stores a spill newer than its
//! stored draft before it lists them, then forgets it; a stored draft forgets the spills it
//! covers, and registering or discarding a draft forgets its spill, so no ghost draft comes back.

use gloo_storage::{LocalStorage, Storage};
use serde_json::{Map, Value};

use super::draft::FORM;
use crate::browser::locks::{draft_lock, try_lock};
use crate::services::Desk;

const PREFIX: &str = "register-spill:";

/// Spills the draft `data` of the form `id`, taken at `at_ms`.
pub fn write(id: &str, data: &str, at_ms: i64) {
    let mut entry = Map::new();
    entry.insert("at_ms".into(), Value::from(at_ms));
    entry.insert("data".into(), Value::from(data));
    if LocalStorage::raw().set_item(&format!("{PREFIX}{id}"), &Value::Object(entry).to_string()).is_err() {
        // Full or unavailable storage: the IndexedDB draft is still being written.
        leptos::logging::warn!("could not spill the register draft");
    }
}

/// The spill of form `id`: when it was taken and the draft's JSON (`None`: none, or unreadable).
fn read(id: &str) -> Option<(i64, String)> {
    let text = LocalStorage::raw().get_item(&format!("{PREFIX}{id}")).ok().flatten()?;
    let Ok(Value::Object(entry)) = serde_json::from_str::<Value>(&text) else { return None };
    Some((entry.get("at_ms")?.as_i64()?, entry.get("data")?.as_str()?.to_string()))
}

/// Forgets the spill of form `id` if it was taken at or before `up_to_ms` (a newer one is still
/// needed); `None` forgets it whatever its time (the draft was registered or discarded).
pub fn forget(id: &str, up_to_ms: Option<i64>) {
    let key = format!("{PREFIX}{id}");
    let keep = up_to_ms.is_some_and(|t| read(id).is_some_and(|(at_ms, _)| at_ms > t));
    if !keep {
        let _ = LocalStorage::raw().remove_item(&key);
    }
}

/// The form ids that have a spill.
fn spilled_ids() -> Vec<String> {
    let storage = LocalStorage::raw();
    let n = storage.length().unwrap_or(0);
    (0..n).filter_map(|i| storage.key(i).ok().flatten()).filter_map(|k| k.strip_prefix(PREFIX).map(str::to_string)).collect()
}

/// Stores every spill newer than its stored draft (or without one) as the draft, and forgets
/// the spills stored or covered. A spill whose draft another tab holds (its Web Lock) is left to
/// that tab, which is still alive and stores it itself; so is the form `current` of this tab.
pub async fn recover(desk: &Desk, current: &str) {
    for id in spilled_ids().into_iter().filter(|id| id != current) {
        // Held while the spill is stored, so no tab resumes or registers it meanwhile.
        let _lock = match try_lock(&draft_lock(&id)).await {
            Ok(Some(lock)) => Some(lock),
            Ok(None) => continue,
            Err(()) => None, // no Web Locks in this browser
        };
        let Some((at_ms, data)) = read(&id) else {
            forget(&id, None); // unreadable: nothing to recover
            continue;
        };
        let stored_ms = match desk.draft(&id).await {
            Ok(stored) => stored.map(|d| d.updated_ms),
            Err(_) => continue, // unreadable now: try again on the next listing
        };
        if stored_ms.is_some_and(|t| t >= at_ms) || desk.save_draft(&id, FORM, data).await.is_ok() {
            forget(&id, Some(at_ms));
        }
    }
}

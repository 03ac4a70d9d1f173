//! The `outbox` store (schema v5): what this device holds that the sync server may lack — an
//! event id, or `att:<key>` for a file. Entries are put in the transaction that stores the
//! event or file, and taken out once the server has acknowledged them, so "changes waiting"
//! is exact and a crash between the two sends an entry twice at worst (sending is idempotent).
//!
//! An import chunk puts one *group* entry for all its events (`grp:…`, with their ids) instead
//! of one entry per event: one request where there were a thousand. Readers see event ids
//! either way; a group's key ends in how many ids it holds, so counting reads keys only.

use std::collections::BTreeSet;
use std::future::IntoFuture;

use idb::KeyRange;
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::{ATTACHMENTS, EVENTS, OUTBOX};
use super::{Database, StoreError};

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    id: String,
    /// A group's event ids; absent for an entry of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ids: Vec<String>,
}

/// Group keys start with this; ';' follows ':', so `grp:`..`grp;` holds every group and
/// nothing else (event ids are ULIDs, files `att:`).
const GROUP: &str = "grp:";
const GROUP_END: &str = "grp;";

/// A group's key: `grp:<base>#<count>`; `base` (the first event id and the time) keeps the
/// group's place when a partly sent group is written again with fewer ids.
fn group_key(base: &str, n: usize) -> String {
    format!("{GROUP}{base}#{n}")
}

/// The ids a group key says its group holds.
fn group_len(key: &str) -> u32 {
    key.rsplit('#').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn group_range() -> Result<KeyRange, StoreError> {
    Ok(KeyRange::bound(&JsValue::from_str(GROUP), &JsValue::from_str(GROUP_END), None, Some(true))?)
}

/// The outbox id of a file.
pub fn attachment_entry(key: &str) -> String {
    format!("att:{key}")
}

/// Puts an entry inside a caller's transaction (not awaited: a failure aborts the transaction).
pub(crate) fn enqueue(outbox: &idb::ObjectStore, id: &str) -> Result<(), StoreError> {
    drop(outbox.put(&to_js(&Entry { id: id.to_string(), ids: Vec::new() })?, None)?);
    Ok(())
}

/// Puts one group entry for `ids` (an import chunk's events) inside a caller's transaction.
/// `stamp_ms` tells apart two groups that start with the same event (imported, replaced by a
/// redacted copy, imported again before a sync).
pub(crate) fn enqueue_group(outbox: &idb::ObjectStore, ids: Vec<String>, stamp_ms: i64) -> Result<(), StoreError> {
    let Some(first) = ids.first() else { return Ok(()) };
    let id = group_key(&format!("{first}.{stamp_ms}"), ids.len());
    drop(outbox.put(&to_js(&Entry { id, ids })?, None)?);
    Ok(())
}

/// How many event ids and files wait to be sent.
pub async fn count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[OUTBOX], false).await?;
    let store = tx.store(OUTBOX)?;
    let all = store.count(None)?.into_future();
    let groups = store.get_all_keys(Some(group_range()?.into()), None)?.await?;
    let in_groups: u32 = groups.iter().filter_map(|k| k.as_string()).map(|k| group_len(&k)).sum();
    Ok(all.await? - groups.len() as u32 + in_groups)
}

/// Up to `limit` waiting ids (entries in key order, a group's ids in its order).
pub async fn next(db: &Database, limit: u32) -> Result<Vec<String>, StoreError> {
    let tx = db.transaction(&[OUTBOX], false).await?;
    let rows = tx.store(OUTBOX)?.get_all(None, Some(limit))?.await?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for row in rows {
        let e = from_js::<Entry>(row)?;
        let ids = if e.id.starts_with(GROUP) { e.ids } else { vec![e.id] };
        // An id both in a group and on its own (everything enqueued again) is sent once.
        out.extend(ids.into_iter().filter(|id| seen.insert(id.clone())));
        if out.len() >= limit as usize {
            out.truncate(limit as usize);
            break;
        }
    }
    Ok(out)
}

/// Takes acknowledged ids out, in one transaction: entries of their own are deleted; the
/// rest are looked for in the groups, first group first (where `next` took them from), and a
/// group is written again with what is left, or deleted when nothing is.
pub async fn done(db: &Database, ids: &[String]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let tx = db.transaction(&[OUTBOX], true).await?;
    let store = tx.store(OUTBOX)?;
    let mut own = Vec::with_capacity(ids.len());
    for id in ids {
        own.push((id, store.get_key(JsValue::from_str(id))?.into_future()));
    }
    let mut left: BTreeSet<&str> = BTreeSet::new();
    for (id, key) in own {
        if key.await?.is_some() {
            drop(store.delete(JsValue::from_str(id))?);
        } else {
            // An id on its own is not looked for in the groups (that would read them all). It
            // is in a group too only when a redacted copy replaced a waiting imported event
            // here: the group's copy is sent once more later and counts as already there.
            left.insert(id.as_str());
        }
    }
    let mut from = JsValue::from_str(GROUP);
    let mut open = false;
    while !left.is_empty() {
        let range = KeyRange::bound(&from, &JsValue::from_str(GROUP_END), Some(open), Some(true))?;
        let rows = store.get_all(Some(range.into()), Some(GROUP_BATCH))?.await?;
        let Some(last) = rows.last() else { break };
        from = js_sys::Reflect::get(last, &JsValue::from_str("id")).map_err(|e| StoreError::from_js(&e))?;
        open = true;
        for row in rows {
            let mut e = from_js::<Entry>(row)?;
            let before = e.ids.len();
            e.ids.retain(|id| !left.remove(id.as_str()));
            if e.ids.len() == before {
                continue;
            }
            drop(store.delete(JsValue::from_str(&e.id))?);
            if !e.ids.is_empty() {
                let base = e.id[GROUP.len()..].rsplit_once('#').map_or(e.id.as_str(), |(b, _)| b).to_string();
                e.id = group_key(&base, e.ids.len());
                drop(store.put(&to_js(&e)?, None)?);
            }
        }
    }
    tx.commit().await
}

/// Groups read at a time while looking for acknowledged ids.
const GROUP_BATCH: u32 = 8;

/// Puts every stored event and complaint file in the outbox (the first sync with a server, or
/// one that lost its data): the server tells which it already has. What waited before is
/// cleared first (it is all in again), so no id is both on its own and in a group.
pub async fn enqueue_everything(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[EVENTS, ATTACHMENTS, OUTBOX], true).await?;
    let events = tx.store(EVENTS)?.get_all_keys(None, None)?.await?;
    let files = tx.store(ATTACHMENTS)?.get_all(None, None)?.await?;
    let outbox = tx.store(OUTBOX)?;
    drop(outbox.clear()?);
    let mut n = 0;
    for key in events {
        if let Some(id) = key.as_string() {
            enqueue(&outbox, &id)?;
            n += 1;
        }
    }
    for row in files {
        let field = |k: &str| js_sys::Reflect::get(&row, &JsValue::from_str(k)).ok().and_then(|v| v.as_string());
        // Files kept with a draft are not a complaint's yet.
        if let (Some(key), Some(owner)) = (field("id"), field("complaint")) {
            if !owner.starts_with("draft:") {
                enqueue(&outbox, &attachment_entry(&key))?;
                n += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(n)
}

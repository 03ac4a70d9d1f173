//! The `outbox` store (schema v5): what this device holds that the sync server may lack — an
//! event id, or `att:<key>` for a file. Entries are put in the transaction that stores the
//! event or file, and taken out once the server has acknowledged them, so "changes waiting"
//! is exact and a crash between the two sends an entry twice at worst (sending is idempotent).

use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::{ATTACHMENTS, EVENTS, OUTBOX};
use super::{Database, StoreError};

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    id: String,
}

/// The outbox id of a file.
pub fn attachment_entry(key: &str) -> String {
    format!("att:{key}")
}

/// Puts an entry inside a caller's transaction (not awaited: a failure aborts the transaction).
pub(crate) fn enqueue(outbox: &idb::ObjectStore, id: &str) -> Result<(), StoreError> {
    drop(outbox.put(&to_js(&Entry { id: id.to_string() })?, None)?);
    Ok(())
}

/// How many entries wait to be sent.
pub async fn count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[OUTBOX], false).await?;
    Ok(tx.store(OUTBOX)?.count(None)?.await?)
}

/// Up to `limit` waiting entries, in id order.
pub async fn next(db: &Database, limit: u32) -> Result<Vec<String>, StoreError> {
    let tx = db.transaction(&[OUTBOX], false).await?;
    let rows = tx.store(OUTBOX)?.get_all(None, Some(limit))?.await?;
    rows.into_iter().map(|v| from_js::<Entry>(v).map(|e| e.id)).collect()
}

/// Takes acknowledged entries out, in one transaction.
pub async fn done(db: &Database, ids: &[String]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let tx = db.transaction(&[OUTBOX], true).await?;
    let store = tx.store(OUTBOX)?;
    for id in ids {
        drop(store.delete(JsValue::from_str(id))?);
    }
    tx.commit().await
}

/// Puts every stored event and complaint file in the outbox (the first sync with a server, or
/// one that lost its data): the server tells which it already has.
pub async fn enqueue_everything(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[EVENTS, ATTACHMENTS, OUTBOX], true).await?;
    let events = tx.store(EVENTS)?.get_all_keys(None, None)?.await?;
    let files = tx.store(ATTACHMENTS)?.get_all(None, None)?.await?;
    let outbox = tx.store(OUTBOX)?;
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

//! The `quarantine` store: incoming events or records that were refused, kept with the reason
//! so nothing is ever silently dropped and a person can look at them.

use serde::{Deserialize, Serialize};

use super::codec::{from_js, to_js};
use super::schema::QUARANTINE;
use super::{Database, StoreError};

/// One refused item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
    pub id: String,
    /// When it was refused (UTC ms).
    pub received_ms: i64,
    /// Where it came from, e.g. `legacy_complaints`.
    pub source: String,
    /// Why it was refused (a stable code, then details).
    pub reason: String,
    /// The item as JSON text, exactly as it was found.
    pub data: String,
}

/// Keeps `item` inside a caller's transaction. `put`: quarantining the same item again (a
/// resumed migration) replaces the earlier copy instead of failing.
pub(crate) async fn keep(store: &idb::ObjectStore, item: &Quarantined) -> Result<(), StoreError> {
    store.put(&to_js(item)?, None)?.await?;
    Ok(())
}

/// Everything in quarantine, oldest first.
pub async fn all(db: &Database) -> Result<Vec<Quarantined>, StoreError> {
    let tx = db.transaction(&[QUARANTINE], false).await?;
    let rows = tx.store(QUARANTINE)?.index("received_ms")?.get_all(None, None)?.await?;
    rows.into_iter().map(from_js).collect()
}

/// How many records are in quarantine.
pub async fn count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[QUARANTINE], false).await?;
    Ok(tx.store(QUARANTINE)?.count(None)?.await?)
}

/// Removes records from quarantine (they were imported after all), in one transaction.
pub async fn remove(db: &Database, ids: &[String]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let tx = db.transaction(&[QUARANTINE], true).await?;
    let store = tx.store(QUARANTINE)?;
    for id in ids {
        drop(store.delete(wasm_bindgen::JsValue::from_str(id))?);
    }
    tx.commit().await
}

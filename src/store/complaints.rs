//! The `complaints` store: registering with the device's daily serial, and listing.

use chrono::NaiveDate;
use rexie::{Direction, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::db::{COMPLAINTS, META};
use super::{Database, StoreError};
use crate::domain::registration::ComplaintRecord;

#[derive(Serialize, Deserialize)]
struct SerialCounter {
    key: String,
    last: u32,
}

fn serial_key(day: NaiveDate) -> String {
    format!("serial/{day}")
}

/// Takes the next serial for `day` and stores the record that `build` makes with it, in one
/// transaction: either both the counter and the complaint are written, or neither is. Two
/// tabs registering at once are serialised by IndexedDB and get different serials.
pub async fn insert_with_next_serial(
    db: &Database,
    day: NaiveDate,
    build: impl FnOnce(u32) -> ComplaintRecord,
) -> Result<ComplaintRecord, StoreError> {
    let tx = db.transaction(&[COMPLAINTS, META], TransactionMode::ReadWrite)?;
    let meta = tx.store(META)?;
    let key = serial_key(day);
    let last = match meta.get(JsValue::from_str(&key)).await? {
        Some(v) => from_js::<SerialCounter>(v)?.last,
        None => 0,
    };
    let serial = last + 1;
    let record = build(serial);
    // `add` (not `put`): an id collision is an error, never an overwrite.
    tx.store(COMPLAINTS)?.add(&to_js(&record)?, None).await?;
    meta.put(&to_js(&SerialCounter { key, last: serial })?, None).await?;
    tx.done().await?;
    Ok(record)
}

/// Up to `limit` complaints, newest first, skipping the first `offset`.
pub async fn newest(db: &Database, offset: u32, limit: u32) -> Result<Vec<ComplaintRecord>, StoreError> {
    let tx = db.transaction(&[COMPLAINTS], TransactionMode::ReadOnly)?;
    let rows = tx
        .store(COMPLAINTS)?
        .index("created_ms")?
        .scan(None, Some(limit), Some(offset).filter(|o| *o > 0), Some(Direction::Prev))
        .await?;
    tx.done().await?;
    rows.into_iter().map(|(_, v)| from_js(v)).collect()
}

/// How many complaints are stored.
pub async fn count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[COMPLAINTS], TransactionMode::ReadOnly)?;
    let n = tx.store(COMPLAINTS)?.count(None).await?;
    tx.done().await?;
    Ok(n)
}

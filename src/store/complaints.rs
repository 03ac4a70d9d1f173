//! The `complaints` store: registering with the device's daily serial, and listing.

use chrono::NaiveDate;
use idb::CursorDirection;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::{COMPLAINTS, DRAFTS, META};
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

/// Takes the next serial for `day`, stores the record that `build` makes with it and removes
/// the form's draft (if any), in one transaction: all of it is written or none of it. Two tabs
/// registering at once are serialised by IndexedDB and get different serials.
pub async fn insert_with_next_serial(
    db: &Database,
    day: NaiveDate,
    draft_id: Option<&str>,
    build: impl FnOnce(u32) -> ComplaintRecord,
) -> Result<ComplaintRecord, StoreError> {
    let tx = db.transaction(&[COMPLAINTS, META, DRAFTS], true).await?;
    let meta = tx.store(META)?;
    let key = serial_key(day);
    let last = match meta.get(JsValue::from_str(&key))?.await? {
        Some(v) => from_js::<SerialCounter>(v)?.last,
        None => 0,
    };
    let serial = last + 1;
    let record = build(serial);
    // `add` (not `put`): an id collision is an error, never an overwrite.
    tx.store(COMPLAINTS)?.add(&to_js(&record)?, None)?.await?;
    meta.put(&to_js(&SerialCounter { key, last: serial })?, None)?.await?;
    if let Some(id) = draft_id {
        tx.store(DRAFTS)?.delete(JsValue::from_str(id))?.await?;
    }
    tx.commit().await?;
    Ok(record)
}

/// Up to `limit` complaints, newest first, skipping the first `offset`.
pub async fn newest(db: &Database, offset: u32, limit: u32) -> Result<Vec<ComplaintRecord>, StoreError> {
    let tx = db.transaction(&[COMPLAINTS], false).await?;
    let index = tx.store(COMPLAINTS)?.index("created_ms")?;
    let mut out = Vec::new();
    let Some(cursor) = index.open_cursor(None, Some(CursorDirection::Prev))?.await? else {
        return Ok(out);
    };
    let mut cursor = cursor.into_managed();
    if offset > 0 {
        cursor.advance(offset).await?;
    }
    while out.len() < limit as usize {
        match cursor.value()? {
            Some(v) => out.push(from_js(v)?),
            None => break,
        }
        cursor.next(None).await?;
    }
    Ok(out)
}

/// How many complaints are stored.
pub async fn count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[COMPLAINTS], false).await?;
    let n = tx.store(COMPLAINTS)?.count(None)?.await?;
    Ok(n)
}

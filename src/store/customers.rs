//! A customer's earlier complaints, found by their phone: the `views` index `phone_key` gives
//! the count and the few newest rows (ids are ULIDs of the registration time, so the index's
//! entries for one phone, read backwards, are newest first) — never the whole store.

use idb::{CursorDirection, Query};
use wasm_bindgen::JsValue;

use super::codec::from_js;
use super::schema::VIEWS;
use super::views::ComplaintView;
use super::{Database, StoreError};

/// The index of phone digits (`views::phone_key`).
const PHONE_INDEX: &str = "phone_key";

/// How many complaints carry one phone, and the newest of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EarlierComplaints {
    pub count: u32,
    /// At most the limit asked for, newest first.
    pub recent: Vec<ComplaintView>,
}

/// The complaints whose phone digits are `phone_key`: their count and the newest `limit`. A
/// blank key finds nothing (rows without a phone share it).
pub async fn by_phone(db: &Database, phone_key: &str, limit: u32) -> Result<EarlierComplaints, StoreError> {
    let mut out = EarlierComplaints::default();
    if phone_key.is_empty() {
        return Ok(out);
    }
    let tx = db.transaction(&[VIEWS], false).await?;
    let index = tx.store(VIEWS)?.index(PHONE_INDEX)?;
    let key = JsValue::from_str(phone_key);
    out.count = index.count(Some(Query::Key(key.clone())))?.await?;
    if out.count == 0 || limit == 0 {
        return Ok(out);
    }
    let Some(cursor) = index.open_cursor(Some(Query::Key(key)), Some(CursorDirection::Prev))?.await? else {
        return Ok(out);
    };
    let mut cursor = cursor.into_managed();
    while out.recent.len() < limit as usize {
        let Some(value) = cursor.value()? else { break };
        out.recent.push(from_js(value)?);
        cursor.next(None).await?;
    }
    Ok(out)
}

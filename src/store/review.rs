//! The `review` store (schema v7): one `ReviewRow` per complaint, written in the transaction
//! that writes its view, so a period's review reads rows in pages through an index instead of
//! folding every complaint's events. Rows are kept as JSON text (parsed with serde_json, much
//! faster than decoding a JS object field by field) next to the key fields the indexes read.

use idb::{KeyRange, Query};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::events::EventRow;
use super::schema::{EVENTS, REVIEW, VIEWS};
use super::{Database, StoreError};
use crate::domain::config::DomainConfig;
use crate::domain::fold;
use crate::domain::ids::ComplaintId;
use crate::domain::review::ReviewRow;
use crate::domain::state::ComplaintState;

/// Rows read per request: memory stays bounded whatever the period.
pub const PAGE: u32 = 2000;

/// The stored record: index fields and the row's JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    id: String,
    received_ms: i64,
    open_ms: Option<i64>,
    json: String,
}

fn record(row: &ReviewRow) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(row).map_err(|e| StoreError::Failed(format!("encode: {e}")))?;
    to_js(&Record { id: row.id.clone(), received_ms: row.received_ms, open_ms: row.open_ms, json })
}

fn parse(value: &JsValue) -> Result<ReviewRow, StoreError> {
    let json = js_sys::Reflect::get(value, &JsValue::from_str("json")).ok().and_then(|j| j.as_string()).unwrap_or_default();
    serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("review row: {e}")))
}

/// Queues the row of `state` inside the caller's transaction (which spans `review`), without
/// waiting: IndexedDB runs it in order and a failure fails the transaction's commit.
/// `false` when the state has no `registered` event (no row then).
pub(crate) fn queue_put(tx: &super::Tx, state: &ComplaintState, config: &DomainConfig, now_ms: i64) -> Result<bool, StoreError> {
    let Some(row) = ReviewRow::of(state, config, now_ms) else { return Ok(false) };
    drop(tx.store(REVIEW)?.put(&record(&row)?, None)?);
    Ok(true)
}

/// Which index a read goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// Rows received in `[from, to)`.
    Received { from: i64, to: i64 },
    /// Every open complaint's row.
    Open,
}

/// Calls `each` for every row through `over`, one page ([`PAGE`] rows) per read-only
/// transaction, in index order. Only a page is held at a time.
pub async fn for_each(db: &Database, over: Over, mut each: impl FnMut(&ReviewRow)) -> Result<u32, StoreError> {
    let (index, from, to) = match over {
        Over::Received { from, to } => ("received", from as f64, to as f64),
        Over::Open => ("open", f64::NEG_INFINITY, f64::INFINITY),
    };
    let upper = js_sys::Array::of2(&JsValue::from_f64(to), &JsValue::from_str(""));
    // Keys are `[ms, id]`: after the first page, start strictly after the last key read.
    let mut lower: JsValue = js_sys::Array::of2(&JsValue::from_f64(from), &JsValue::from_str("")).into();
    let mut first = true;
    let mut seen = 0;
    loop {
        let range = KeyRange::bound(&lower, &upper, Some(!first), Some(true))?;
        let tx = db.transaction(&[REVIEW], false).await?;
        let rows = tx.store(REVIEW)?.index(index)?.get_all(Some(Query::KeyRange(range)), Some(PAGE))?.await?;
        let n = rows.len() as u32;
        let mut last = None;
        for value in &rows {
            let row = parse(value)?;
            each(&row);
            last = Some((row.received_ms, row.open_ms, row.id));
        }
        seen += n;
        match last {
            Some((received, open, id)) if n == PAGE => {
                let ms = if index == "open" { open.unwrap_or(received) } else { received };
                lower = js_sys::Array::of2(&JsValue::from_f64(ms as f64), &JsValue::from_str(&id)).into();
                first = false;
            }
            _ => return Ok(seen),
        }
    }
}

/// One complaint's row (tests, and checking a row against its complaint).
pub async fn get(db: &Database, id: &str) -> Result<Option<ReviewRow>, StoreError> {
    let tx = db.transaction(&[REVIEW], false).await?;
    let value = tx.store(REVIEW)?.get(JsValue::from_str(id))?.await?;
    value.as_ref().map(parse).transpose()
}

/// How many complaints per backfill transaction.
const BACKFILL_CHUNK: usize = 200;

/// Gives complaints stored before schema v7 (or whose row is missing) their review row: the
/// keys of both stores are compared once, and the complaints with a view but no row are folded
/// [`BACKFILL_CHUNK`] per transaction. Cheap when nothing is missing (two counts). Returns how
/// many rows were written.
pub async fn backfill(db: &Database, config: &DomainConfig, now_ms: i64) -> Result<u32, StoreError> {
    let tx = db.transaction(&[VIEWS, REVIEW], false).await?;
    let (views, rows) = (tx.store(VIEWS)?.count(None)?.await?, tx.store(REVIEW)?.count(None)?.await?);
    if rows >= views {
        return Ok(0);
    }
    let have: std::collections::HashSet<String> = tx.store(REVIEW)?.get_all_keys(None, None)?.await?.iter().filter_map(JsValue::as_string).collect();
    let missing: Vec<String> = tx.store(VIEWS)?.get_all_keys(None, None)?.await?.iter().filter_map(JsValue::as_string).filter(|k| !have.contains(k)).collect();
    drop(have);
    let mut written = 0;
    for chunk in missing.chunks(BACKFILL_CHUNK) {
        let tx = db.transaction(&[EVENTS, REVIEW], true).await?;
        let by_complaint = tx.store(EVENTS)?.index("complaint")?;
        let reads = chunk.iter().map(|id| by_complaint.get_all(Some(JsValue::from_str(id).into()), None)).collect::<Result<Vec<_>, _>>()?;
        for (id, read) in chunk.iter().zip(reads) {
            let events = read.await?.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect::<Result<Vec<_>, _>>()?;
            let state = fold::fold(&ComplaintId::from(id.as_str()), events.iter());
            written += u32::from(queue_put(&tx, &state, config, now_ms)?);
        }
        tx.commit().await?;
    }
    Ok(written)
}

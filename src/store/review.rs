//! The `review` store (schema v7): one `ReviewRow` per complaint, written in the transaction
//! that writes its view, so a period's review reads rows in pages through an index instead of
//! folding every complaint's events. A row is kept as compact bytes (`domain::review::row_codec`,
//! decoded with one copy into wasm memory, several times faster than JSON with field names)
//! next to the key fields the indexes read.

use idb::{KeyRange, Query};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::codec::from_js;
use super::events::EventRow;
use super::schema::{EVENTS, META, REVIEW, VIEWS};
use super::{Database, StoreError};
use crate::domain::config::DomainConfig;
use crate::domain::fold;
use crate::domain::ids::ComplaintId;
use crate::domain::review::{row_codec, ReviewRow};
use crate::domain::state::ComplaintState;

/// Rows read per request: memory stays bounded whatever the period.
pub const PAGE: u32 = 2000;

fn field(value: &JsValue, name: &str) -> Result<JsValue, StoreError> {
    Reflect::get(value, &JsValue::from_str(name)).map_err(|_| StoreError::Corrupt(format!("review row: no {name}")))
}

/// The stored record of `row`: `id`, `received_ms`, `open_ms` (null when closed: not in the
/// `open` index) and `bin`, the row's bytes. Public for benchmarks that write rows directly.
pub fn record(row: &ReviewRow) -> Result<JsValue, StoreError> {
    let o = js_sys::Object::new();
    let bytes = row_codec::encode(row);
    let open = row.open_ms.map_or(JsValue::NULL, |ms| JsValue::from_f64(ms as f64));
    for (name, value) in [("id", JsValue::from_str(&row.id)), ("received_ms", JsValue::from_f64(row.received_ms as f64)), ("open_ms", open), ("bin", Uint8Array::from(bytes.as_slice()).into())] {
        Reflect::set(&o, &JsValue::from_str(name), &value).map_err(|_| StoreError::Failed(format!("encode: review row {name}")))?;
    }
    Ok(o.into())
}

/// Reads records: the `bin` key made once, the bytes copied into a buffer reused from row to row.
struct Decoder {
    bin: JsValue,
    buf: Vec<u8>,
}

impl Decoder {
    fn new() -> Decoder {
        Decoder { bin: JsValue::from_str("bin"), buf: Vec::new() }
    }

    /// The row of a stored record.
    fn row(&mut self, value: &JsValue) -> Result<ReviewRow, StoreError> {
        let bin = Reflect::get(value, &self.bin).map_err(|_| StoreError::Corrupt("review row: no bin".into()))?;
        if let Some(bytes) = bin.dyn_ref::<Uint8Array>() {
            self.buf.resize(bytes.length() as usize, 0);
            bytes.copy_to(&mut self.buf);
            return row_codec::decode(&self.buf).map_err(|e| StoreError::Corrupt(format!("{e}")));
        }
        // Rows written as JSON text (before the bytes, or by an older version of the app open
        // in another tab): still read; they are rewritten as bytes when their complaint changes.
        let json = field(value, "json")?.as_string().ok_or_else(|| StoreError::Corrupt("review row: neither bin nor json".into()))?;
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("review row: {e}")))
    }
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

/// Calls `each` for every row through `over`, in index order, one page ([`PAGE`] rows) per
/// request, in one read-only transaction: the next page is asked for before the current one is
/// decoded, so IndexedDB reads while wasm decodes. Only two pages are held at a time.
pub async fn for_each(db: &Database, over: Over, mut each: impl FnMut(&ReviewRow)) -> Result<u32, StoreError> {
    let (name, from, to) = match over {
        Over::Received { from, to } => ("received", from as f64, to as f64),
        Over::Open => ("open", f64::NEG_INFINITY, f64::INFINITY),
    };
    let upper = js_sys::Array::of2(&JsValue::from_f64(to), &JsValue::from_str(""));
    let tx = db.transaction(&[REVIEW], false).await?;
    let index = tx.store(REVIEW)?.index(name)?;
    // Keys are `[ms, id]`: after the first page, start strictly after the last key read.
    let page = |lower: &JsValue, after: bool| -> Result<_, StoreError> {
        let range = KeyRange::bound(lower, &upper, Some(after), Some(true))?;
        Ok(index.get_all(Some(Query::KeyRange(range)), Some(PAGE))?)
    };
    let mut next = Some(page(&js_sys::Array::of2(&JsValue::from_f64(from), &JsValue::from_str("")), false)?);
    let (mut seen, mut decoder) = (0, Decoder::new());
    while let Some(request) = next.take() {
        let rows = request.await?;
        if let Some(last) = rows.last().filter(|_| rows.len() as u32 == PAGE) {
            let ms = field(last, if name == "open" { "open_ms" } else { "received_ms" })?;
            next = Some(page(&js_sys::Array::of2(&ms, &field(last, "id")?), true)?);
        }
        for value in &rows {
            each(&decoder.row(value)?);
        }
        seen += rows.len() as u32;
    }
    Ok(seen)
}

/// One complaint's row (tests, and checking a row against its complaint).
pub async fn get(db: &Database, id: &str) -> Result<Option<ReviewRow>, StoreError> {
    let tx = db.transaction(&[REVIEW], false).await?;
    let value = tx.store(REVIEW)?.get(JsValue::from_str(id))?.await?;
    value.as_ref().map(|v| Decoder::new().row(v)).transpose()
}

/// How many complaints per backfill transaction.
const BACKFILL_CHUNK: usize = 200;

/// The `meta` key set once every complaint has its row. From then on every transaction that
/// puts a view puts its row too, so nothing can be missing, and a review does not count the two
/// stores again (counting walks every record: about a second at 100,000 complaints).
const COMPLETE_KEY: &str = "review-rows-complete";

/// Gives complaints stored before schema v7 their review row, once: the keys of both stores
/// are compared, the complaints with a view but no row are folded [`BACKFILL_CHUNK`] per
/// transaction, and [`COMPLETE_KEY`] is set. Returns how many rows were written.
pub async fn backfill(db: &Database, config: &DomainConfig, now_ms: i64) -> Result<u32, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    if tx.store(META)?.get(JsValue::from_str(COMPLETE_KEY))?.await?.is_some() {
        return Ok(0);
    }
    let written = fill_missing(db, config, now_ms).await?;
    let tx = db.transaction(&[META], true).await?;
    let flag = js_sys::Object::new();
    Reflect::set(&flag, &JsValue::from_str("key"), &JsValue::from_str(COMPLETE_KEY)).map_err(|_| StoreError::Failed("encode: review flag".into()))?;
    drop(tx.store(META)?.put(&flag, None)?);
    tx.commit().await?;
    Ok(written)
}

/// Rows for the complaints that have a view but no row (cheap when none: two counts).
async fn fill_missing(db: &Database, config: &DomainConfig, now_ms: i64) -> Result<u32, StoreError> {
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

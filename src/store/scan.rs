//! Reads an index range in batches, shared by list pages and search.
//!
//! One IndexedDB 3 `getAllRecords({query, count, direction})` request returns a batch of
//! entries (index key, primary key, value), where a cursor would await one request per row; the
//! values are decoded in one go, as the JSON text of the batch (`codec::from_json_text`). The next batch opens its range at
//! the last key read and drops the entries of that key up to the last primary key. `getAll` can
//! only narrow by index key, so when a whole batch holds that one key (more duplicates than a
//! batch), the scanner goes on with a cursor (`continuePrimaryKey`) until the key changes. A
//! browser without `getAllRecords` gets the cursor for every batch: same entries, same order.

use std::cell::Cell;

use idb::{CursorDirection, KeyRange, ManagedCursor, Query};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::codec::from_json_text;
use super::StoreError;

/// One index entry and its decoded row.
#[derive(Debug)]
pub(super) struct Entry<T> {
    pub key: JsValue,
    pub id: String,
    pub row: T,
}

/// One end of a key range.
#[derive(Debug, Clone)]
pub(super) struct Bound {
    pub key: JsValue,
    pub open: bool,
}

impl Bound {
    pub fn closed(key: JsValue) -> Bound {
        Bound { key, open: false }
    }
}

thread_local! {
    /// Whether batches use `getAllRecords` (`None`: not yet asked of the browser).
    static BATCHED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether this browser's indexes have `getAllRecords` (with `direction`, same release).
pub fn batched() -> bool {
    BATCHED.with(|b| {
        *b.get().get_or_insert_with(|| {
            let proto = js_sys::Reflect::get(&js_sys::global(), &"IDBIndex".into())
                .and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()));
            proto.is_ok_and(|p| p.is_object() && js_sys::Reflect::has(&p, &"getAllRecords".into()).unwrap_or(false))
        })
    })
}

/// Turns batched reads off (`false`) or back to what the browser offers (`true`): tests read
/// the same pages both ways.
pub fn set_batched(on: bool) {
    BATCHED.with(|b| b.set(if on { None } else { Some(false) }));
}

/// Whether two index keys (numbers, strings, arrays of them) are the same key.
fn same_key(a: &JsValue, b: &JsValue) -> bool {
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.as_string(), b.as_string()) {
        return x == y;
    }
    match (a.dyn_ref::<js_sys::Array>(), b.dyn_ref::<js_sys::Array>()) {
        (Some(x), Some(y)) => x.length() == y.length() && (0..x.length()).all(|i| same_key(&x.get(i), &y.get(i))),
        _ => false,
    }
}

/// Whether primary key `id` comes after `anchor` in `direction`. Ids are ULIDs (ASCII), which
/// IndexedDB orders as Rust does.
fn id_after(id: &str, anchor: &str, direction: CursorDirection) -> bool {
    let order = id.cmp(anchor);
    match direction {
        CursorDirection::Prev | CursorDirection::PrevUnique => order.is_lt(),
        _ => order.is_gt(),
    }
}

/// Moves a freshly opened index cursor just past `(key, id)` in its direction. The cursor's
/// range starts at `key` (inclusive), so its first entry is at or past that key; entries with
/// the same key are ordered by primary key (the id) in the cursor's direction.
async fn skip_to_after(cursor: &mut ManagedCursor, key: &JsValue, id: &str, direction: CursorDirection) -> Result<(), StoreError> {
    let Some(first_key) = cursor.key()? else { return Ok(()) };
    if !same_key(&first_key, key) {
        return Ok(()); // the anchor key is gone: the first entry is already past it
    }
    let first_id = cursor.primary_key()?.and_then(|k| k.as_string()).unwrap_or_default();
    if first_id != id && !id_after(&first_id, id, direction) {
        cursor.next_primary_key(key, &JsValue::from_str(id)).await?;
    }
    let at_anchor = cursor.key()?.is_some_and(|k| same_key(&k, key))
        && cursor.primary_key()?.and_then(|k| k.as_string()).as_deref() == Some(id);
    if at_anchor {
        cursor.next(None).await?;
    }
    Ok(())
}

/// A read of one index range, batch by batch, in one direction.
pub(super) struct Scanner {
    index: idb::Index,
    lower: Option<Bound>,
    upper: Option<Bound>,
    direction: CursorDirection,
    /// The last entry read (or the position to start after): the next batch starts past it.
    anchor: Option<(JsValue, String)>,
    /// Inside a run of the anchor's key longer than a batch: a cursor reads on.
    in_run: bool,
    done: bool,
}

impl Scanner {
    /// A scan of `index` over `lower..upper` (`None`: unbounded) in `direction` (`Next` or
    /// `Prev`), starting after the entry `after` (index key, primary key) when given.
    pub fn new(
        index: idb::Index,
        lower: Option<Bound>,
        upper: Option<Bound>,
        direction: CursorDirection,
        after: Option<(JsValue, String)>,
    ) -> Scanner {
        Scanner { index, lower, upper, direction, anchor: after, in_run: false, done: false }
    }

    /// The range still to read: the side the scan starts from narrowed to the anchor's key.
    /// `None` when it is empty.
    fn range(&self) -> Option<Option<KeyRange>> {
        let (mut lower, mut upper) = (self.lower.clone(), self.upper.clone());
        if let Some((key, _)) = &self.anchor {
            match self.direction {
                CursorDirection::Prev | CursorDirection::PrevUnique => upper = Some(Bound::closed(key.clone())),
                _ => lower = Some(Bound::closed(key.clone())),
            }
        }
        // A bound past the other one (an anchor outside the range) is an empty range: the
        // browser refuses to build it.
        let range = match (lower, upper) {
            (None, None) => return Some(None),
            (Some(l), None) => KeyRange::lower_bound(&l.key, Some(l.open)),
            (None, Some(u)) => KeyRange::upper_bound(&u.key, Some(u.open)),
            (Some(l), Some(u)) => KeyRange::bound(&l.key, &u.key, Some(l.open), Some(u.open)),
        };
        range.ok().map(Some)
    }

    /// Whether an entry is at or before the anchor (same key, primary key not past it).
    fn before_anchor(&self, key: &JsValue, id: &str) -> bool {
        self.anchor.as_ref().is_some_and(|(k, a)| same_key(key, k) && (id == a || !id_after(id, a, self.direction)))
    }

    /// The next up to `count` entries, decoded; empty once the range is read.
    pub async fn next<T: DeserializeOwned>(&mut self, count: u32) -> Result<Vec<Entry<T>>, StoreError> {
        let entries = self.next_values(count).await?;
        let values: js_sys::Array = entries.iter().map(|e| &e.row).collect();
        // One row per value: the array's JSON text is an array of the same length.
        let rows: Vec<T> = from_json_text(&values)?;
        Ok(entries.into_iter().zip(rows).map(|(e, row)| Entry { key: e.key, id: e.id, row }).collect())
    }

    /// The next up to `count` entries with their stored objects undecoded: a caller that
    /// rejects most rows on a field or two decodes only those it keeps.
    pub async fn next_values(&mut self, count: u32) -> Result<Vec<Entry<JsValue>>, StoreError> {
        if self.done || count == 0 {
            return Ok(Vec::new());
        }
        let Some(range) = self.range() else {
            self.done = true;
            return Ok(Vec::new());
        };
        let batch = if batched() && !self.in_run {
            let (keys, ids, values, full) = self.get_all_records(range.clone(), count).await?;
            if keys.is_empty() && full {
                // A whole batch of the anchor's key, none past it: only a cursor can go on.
                self.in_run = true;
                self.by_cursor(range, count).await?
            } else {
                self.done = !full;
                (keys, ids, values)
            }
        } else {
            self.by_cursor(range, count).await?
        };
        let (keys, ids, values) = batch;
        if let (Some(key), Some(id)) = (keys.last(), ids.last()) {
            let run_goes_on = self.in_run && self.anchor.as_ref().is_some_and(|(k, _)| same_key(k, key));
            self.in_run = run_goes_on;
            self.anchor = Some((key.clone(), id.clone()));
        }
        Ok(keys.into_iter().zip(ids).zip(values.iter()).map(|((key, id), row)| Entry { key, id, row }).collect())
    }

    /// One `getAllRecords` request, without the entries up to the anchor, at most `count`;
    /// `full` when there may be more.
    async fn get_all_records(
        &self,
        range: Option<KeyRange>,
        count: u32,
    ) -> Result<(Vec<JsValue>, Vec<String>, js_sys::Array, bool), StoreError> {
        let js = |e: JsValue| StoreError::from_js(&e);
        let index = JsValue::from(self.index.clone());
        let options = js_sys::Object::new();
        let query = range.map_or(JsValue::UNDEFINED, |r| JsValue::from(Query::from(r)));
        let direction = match self.direction {
            CursorDirection::Prev | CursorDirection::PrevUnique => "prev",
            _ => "next",
        };
        js_sys::Reflect::set(&options, &"query".into(), &query).map_err(js)?;
        // A batch after an anchor starts at the anchor's key, so its first entry is usually the
        // anchor itself, dropped below: one more is asked for, or a deep page of 50 would come
        // back with 49 and need a second request (of twice the size) to learn whether there is more.
        let ask = count.saturating_add(u32::from(self.anchor.is_some()));
        js_sys::Reflect::set(&options, &"count".into(), &ask.into()).map_err(js)?;
        js_sys::Reflect::set(&options, &"direction".into(), &direction.into()).map_err(js)?;
        let call: js_sys::Function = js_sys::Reflect::get(&index, &"getAllRecords".into()).map_err(js)?.unchecked_into();
        let request: web_sys::IdbRequest = call.call1(&index, &options).map_err(js)?.unchecked_into();
        let records = idb::request::GetAllStoreRequest::from(request).await?;
        let mut full = records.len() == ask as usize;
        let (mut keys, mut ids, values) = (Vec::new(), Vec::new(), js_sys::Array::new());
        for record in records {
            let key = js_sys::Reflect::get(&record, &"key".into()).map_err(js)?;
            let id = js_sys::Reflect::get(&record, &"primaryKey".into()).map_err(js)?.as_string().unwrap_or_default();
            if self.before_anchor(&key, &id) {
                continue;
            }
            if keys.len() == count as usize {
                // The anchor was gone: the extra entry is the next batch's first.
                full = true;
                break;
            }
            values.push(&js_sys::Reflect::get(&record, &"value".into()).map_err(js)?);
            keys.push(key);
            ids.push(id);
        }
        Ok((keys, ids, values, full))
    }

    /// Up to `count` entries by a cursor opened at the anchor; marks the scan done at the end.
    async fn by_cursor(&mut self, range: Option<KeyRange>, count: u32) -> Result<(Vec<JsValue>, Vec<String>, js_sys::Array), StoreError> {
        let (mut keys, mut ids, values) = (Vec::new(), Vec::new(), js_sys::Array::new());
        let Some(cursor) = self.index.open_cursor(range.map(Query::KeyRange), Some(self.direction))?.await? else {
            self.done = true;
            return Ok((keys, ids, values));
        };
        let mut cursor = cursor.into_managed();
        if let Some((key, id)) = &self.anchor {
            skip_to_after(&mut cursor, key, id, self.direction).await?;
        }
        while keys.len() < count as usize {
            let Some(value) = cursor.value()? else {
                self.done = true;
                break;
            };
            keys.push(cursor.key()?.unwrap_or(JsValue::UNDEFINED));
            ids.push(cursor.primary_key()?.and_then(|k| k.as_string()).unwrap_or_default());
            values.push(&value);
            if keys.len() < count as usize {
                cursor.next(None).await?;
            }
        }
        Ok((keys, ids, values))
    }
}

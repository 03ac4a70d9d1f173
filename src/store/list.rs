//! Pages of the complaint list in an indexed order, optionally filtered, reading only the rows
//! it returns (plus, for a second filter, the rows it skips) — never the whole store.
//!
//! Pages are by key, not by offset: a page ends with its position (the order value and id of
//! the last row read), and the next page opens its range at that position, so the 1,000th page
//! costs what the first does.

use idb::{CursorDirection, KeyRange, Query};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::codec::from_json_text;
use super::page_fill::{next_batch, PageFill};
use super::scan::{Bound, Entry, Scanner};
use super::schema::{compound_index, STAGE_FIELD, VIEWS};
use super::views::ComplaintView;
use super::{Database, StoreError};

/// The most rows one page reads and rejects (row-by-row filters) before it returns what it
/// has with its position: a page's cost has a bound whatever the data.
pub const MAX_SCANNED: u32 = 1_000;

/// The orders a list can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// `created_ms` descending.
    Newest,
    /// `due_ms` ascending (complaints without a running clock are not listed).
    DueSoonest,
}

impl Order {
    fn field(self) -> &'static str {
        match self {
            Order::Newest => "created_ms",
            Order::DueSoonest => "due_ms",
        }
    }

    fn direction(self) -> CursorDirection {
        match self {
            Order::Newest => CursorDirection::Prev,
            Order::DueSoonest => CursorDirection::Next,
        }
    }
}

/// A view field a list can be filtered by (each has compound indexes with both orders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterField {
    Status,
    Type,
    Urgency,
    Department,
    Device,
    /// `open` (not closed or archived) or `done` (since schema v8): the default list is open work.
    Stage,
}

impl FilterField {
    fn key(self) -> &'static str {
        match self {
            FilterField::Status => "status",
            FilterField::Type => "type",
            FilterField::Urgency => "urgency",
            FilterField::Department => "department",
            FilterField::Device => "device",
            FilterField::Stage => STAGE_FIELD,
        }
    }
}

/// Which rows a list shows: every `equals` pair must match, and with `overdue_at` only
/// complaints whose earliest running clock was due before that time (UTC ms).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub equals: Vec<(FilterField, String)>,
    pub overdue_at: Option<i64>,
}

impl Filter {
    /// Whether a stored `views` object passes, read field by field from the object: a rejected
    /// row is never decoded (its 1,000-character texts included), which made a second filter
    /// cost as much as decoding every row it skipped.
    fn accepts(&self, row: &JsValue, skip_first: bool, overdue_in_range: bool) -> bool {
        let field = |name: &str| js_sys::Reflect::get(row, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let equals = self.equals.iter().skip(usize::from(skip_first));
        equals.into_iter().all(|(f, v)| field(f.key()).as_string().as_deref() == Some(v.as_str()))
            && (overdue_in_range || self.overdue_at.is_none_or(|now| field("due_ms").as_f64().is_some_and(|d| (d as i64) < now)))
    }
}

/// The order value of an index key: the key, or the last part of `[filter value, order value]`.
fn order_ms_of(key: &JsValue) -> Option<i64> {
    let ms = match key.dyn_ref::<js_sys::Array>() {
        Some(parts) => parts.get(parts.length().saturating_sub(1)),
        None => key.clone(),
    };
    ms.as_f64().map(|ms| ms as i64)
}

/// A position in a list: the order value (`created_ms` or `due_ms`) and id of the last row a
/// page read. The next page starts just after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct After {
    pub order_ms: i64,
    pub id: String,
}

/// Rows and, when there may be more, where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<A> {
    pub rows: Vec<ComplaintView>,
    pub next: Option<A>,
}

/// Up to `limit` rows in `order` that pass `filter`, starting after `after` (the first page
/// without it); reads at most [`MAX_SCANNED`] rows that the filter rejects. The index is read in
/// batches ([`Scanner`]): `limit + 1` rows when every row read is shown, twice the page and
/// growing when a filter is checked row by row.
pub async fn page(
    db: &Database,
    order: Order,
    filter: &Filter,
    after: Option<&After>,
    limit: u32,
) -> Result<Page<After>, StoreError> {
    if limit == 0 {
        return Ok(Page { rows: Vec::new(), next: None });
    }
    let (order_field, direction) = (order.field(), order.direction());
    // The overdue bound is part of the key range when the order is by due time.
    let overdue_in_range = order == Order::DueSoonest && filter.overdue_at.is_some();
    let end = match (overdue_in_range, filter.overdue_at) {
        (true, Some(now)) => JsValue::from_f64(now as f64),
        _ => JsValue::from_f64(f64::INFINITY),
    };
    let first = filter.equals.first().map(|(f, v)| (f, JsValue::from_str(v)));
    // The key of the index at an order value: the value, or [filter value, order value].
    let key_at = |ms: &JsValue| match &first {
        Some((_, v)) => js_sys::Array::of2(v, ms).into(),
        None => ms.clone(),
    };
    let index_name = first.as_ref().map_or(order_field.to_string(), |(f, _)| compound_index(f.key(), order_field));
    let lower = Bound::closed(key_at(&JsValue::from_f64(f64::NEG_INFINITY)));
    let upper = Bound { key: key_at(&end), open: overdue_in_range };
    let anchor = after.map(|a| (key_at(&JsValue::from_f64(a.order_ms as f64)), a.id.clone()));
    let needs_check = filter.equals.len() > 1 || (filter.overdue_at.is_some() && !overdue_in_range);

    let tx = db.transaction(&[VIEWS], false).await?;
    let index = tx.store(VIEWS)?.index(&index_name)?;
    let mut scan = Scanner::new(index, Some(lower), Some(upper), direction, anchor);
    let mut batch = if needs_check { 2 * limit } else { limit + 1 };
    let mut fill = PageFill::new(limit, MAX_SCANNED);
    'read: loop {
        let entries = scan.next_values(batch).await?;
        if entries.is_empty() {
            break;
        }
        for Entry { key, id, row } in entries {
            let shown = !needs_check || filter.accepts(&row, first.is_some(), overdue_in_range);
            let at = order_ms_of(&key).map(|order_ms| After { order_ms, id });
            if !fill.take(at, shown.then_some(row)) {
                break 'read;
            }
        }
        batch = next_batch(batch);
    }
    // The objects of the rows shown are decoded together (one JSON text).
    let (shown, next) = fill.into_page();
    let shown: js_sys::Array = shown.iter().collect();
    Ok(Page { rows: from_json_text(&shown)?, next })
}

/// How many rows `filter` shows, when that is one count of an index range: no filter, or one
/// field and no overdue bound (`None` otherwise: it would need every row read).
pub async fn count(db: &Database, filter: &Filter) -> Result<Option<u32>, StoreError> {
    if filter.equals.len() > 1 || filter.overdue_at.is_some() {
        return Ok(None);
    }
    let tx = db.transaction(&[VIEWS], false).await?;
    let store = tx.store(VIEWS)?;
    let n = match filter.equals.first() {
        None => store.count(None)?.await?,
        Some((field, value)) => {
            let v = JsValue::from_str(value);
            let lower = js_sys::Array::of2(&v, &JsValue::from_f64(f64::NEG_INFINITY));
            let upper = js_sys::Array::of2(&v, &JsValue::from_f64(f64::INFINITY));
            let range = KeyRange::bound(&lower, &upper, Some(false), Some(false))?;
            store.index(&compound_index(field.key(), "created_ms"))?.count(Some(Query::KeyRange(range)))?.await?
        }
    };
    Ok(Some(n))
}

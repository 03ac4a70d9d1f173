//! Pages of the complaint list in an indexed order, optionally filtered, reading only the rows
//! it returns (plus, for a second filter, the rows it skips) — never the whole store.

use idb::{CursorDirection, KeyRange, Query};
use wasm_bindgen::JsValue;

use super::codec::from_js;
use super::schema::{compound_index, VIEWS};
use super::views::ComplaintView;
use super::{Database, StoreError};

/// The orders a list can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `created_ms` descending.
    Newest,
    /// `due_ms` ascending (complaints without a running clock are not listed).
    DueSoonest,
}

/// A view field a list can be filtered by (each has compound indexes with both orders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    Status,
    Type,
    Urgency,
    Department,
    Device,
}

impl FilterField {
    fn key(self) -> &'static str {
        match self {
            FilterField::Status => "status",
            FilterField::Type => "type",
            FilterField::Urgency => "urgency",
            FilterField::Department => "department",
            FilterField::Device => "device",
        }
    }

    fn value_of(self, row: &ComplaintView) -> Option<&str> {
        match self {
            FilterField::Status => Some(&row.status),
            FilterField::Type => row.type_key.as_deref(),
            FilterField::Urgency => row.urgency.as_deref(),
            FilterField::Department => row.department.as_deref(),
            FilterField::Device => Some(&row.device),
        }
    }
}

/// Which rows a list shows: every `equals` pair must match, and with `overdue_at` only
/// complaints whose earliest running clock was due before that time (UTC ms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub equals: Vec<(FilterField, String)>,
    pub overdue_at: Option<i64>,
}

impl Filter {
    fn accepts(&self, row: &ComplaintView, skip_first: bool, overdue_in_range: bool) -> bool {
        let equals = self.equals.iter().skip(usize::from(skip_first));
        equals.into_iter().all(|(f, v)| f.value_of(row) == Some(v.as_str()))
            && (overdue_in_range || self.overdue_at.is_none_or(|now| row.due_ms.is_some_and(|d| d < now)))
    }
}

/// Up to `limit` rows in `order` that pass `filter`, skipping the first `offset` of them.
pub async fn page(
    db: &Database,
    order: Order,
    filter: &Filter,
    offset: u32,
    limit: u32,
) -> Result<Vec<ComplaintView>, StoreError> {
    let mut out = Vec::new();
    if limit == 0 {
        return Ok(out);
    }
    let (order_field, direction) = match order {
        Order::Newest => ("created_ms", CursorDirection::Prev),
        Order::DueSoonest => ("due_ms", CursorDirection::Next),
    };
    // The overdue bound is part of the key range when the order is by due time.
    let overdue_in_range = order == Order::DueSoonest && filter.overdue_at.is_some();
    let upper_order = match (overdue_in_range, filter.overdue_at) {
        (true, Some(now)) => JsValue::from_f64(now as f64),
        _ => JsValue::from_f64(f64::INFINITY),
    };
    let (index_name, range) = match filter.equals.first() {
        Some((field, value)) => {
            let v = JsValue::from_str(value);
            let lower = js_sys::Array::of2(&v, &JsValue::from_f64(f64::NEG_INFINITY));
            let upper = js_sys::Array::of2(&v, &upper_order);
            let range = KeyRange::bound(&lower, &upper, Some(false), Some(overdue_in_range))?;
            (compound_index(field.key(), order_field), Some(range))
        }
        None if overdue_in_range => {
            (order_field.to_string(), Some(KeyRange::upper_bound(&upper_order, Some(true))?))
        }
        None => (order_field.to_string(), None),
    };
    let needs_check = filter.equals.len() > 1 || (filter.overdue_at.is_some() && !overdue_in_range);

    let tx = db.transaction(&[VIEWS], false).await?;
    let index = tx.store(VIEWS)?.index(&index_name)?;
    let Some(cursor) = index.open_cursor(range.map(Query::KeyRange), Some(direction))?.await? else {
        return Ok(out);
    };
    let mut cursor = cursor.into_managed();
    if !needs_check && offset > 0 {
        cursor.advance(offset).await?;
    }
    let mut skipped = 0;
    while out.len() < limit as usize {
        let Some(value) = cursor.value()? else { break };
        let row: ComplaintView = from_js(value)?;
        if !needs_check || filter.accepts(&row, !filter.equals.is_empty(), overdue_in_range) {
            if needs_check && skipped < offset {
                skipped += 1;
            } else {
                out.push(row);
            }
        }
        cursor.next(None).await?;
    }
    Ok(out)
}

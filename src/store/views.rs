//! The `views` store: one materialized row per complaint, rebuilt from its folded state, so
//! lists, counts and searches read indexes instead of folding every complaint's events.

use chrono::NaiveDateTime;
use idb::{KeyRange, Query};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::{META, VIEWS};
use super::{Database, StoreError};
use crate::domain::badges::{badges, Badge};
use crate::domain::channel::Channel;
use crate::domain::sla::ClockKind;
use crate::domain::config::DomainConfig;
use crate::domain::keyed::Keyed;
use crate::domain::state::ComplaintState;

/// A complaint as lists show it. Field names are the index key paths (see `schema`); `None`
/// is stored as null, which leaves the row out of that index (e.g. no `due_ms` once closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintView {
    /// The complaint id (its `registered` event's id).
    pub id: String,
    pub number: String,
    /// Status code (`registered`, `classified`, …).
    pub status: String,
    /// The earliest due time (UTC ms) of a clock still running.
    pub due_ms: Option<i64>,
    /// When the first running clock enters its warning share (the domain's `Deadline`), so the
    /// list says "nearly due" by the same rule as the complaint page. Missing in older rows.
    #[serde(default)]
    pub warn_ms: Option<i64>,
    #[serde(rename = "type")]
    pub type_key: Option<String>,
    pub urgency: Option<String>,
    pub department: Option<String>,
    /// HLC ms of the newest event; `created_ms` of the `registered` event.
    pub updated_ms: i64,
    pub created_ms: i64,
    /// Digits of the phone only, for prefix search whatever the formatting.
    pub phone_key: String,
    /// Lower-cased, trimmed customer name.
    pub name_key: String,
    /// Search key of the product (since schema v4; older rows get it at the next open).
    #[serde(default)]
    pub product_key: String,
    /// The device that registered it.
    pub device: String,
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub customer_name: String,
    pub customer_phone: String,
    pub product: String,
    /// The customer's own words.
    pub own_words: String,
    pub first_contact_owner: String,
    /// The row key of an imported complaint (`ImportSource::row`), indexed since schema v6 so
    /// an import skips rows imported before, also on other devices. Null (not in the index)
    /// for complaints registered on a form and in rows written before v6.
    #[serde(default)]
    pub source_key: Option<String>,
    // --- issue #12 "See what matters" (detail branch): what the card shows beyond the above.
    // Both are missing in rows written before, and filled in when the complaint next changes.
    /// The clock due first, to name it on the card ("First contact due in 6 h").
    #[serde(default)]
    pub due_clock: Option<ClockKind>,
    /// Urgent, major, recurring, angry, wants a refund/exchange, anonymous (`domain::badges`).
    #[serde(default)]
    pub badges: Vec<Badge>,
}

/// The search key of a name.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The search key of a phone number.
pub fn phone_key(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

impl ComplaintView {
    /// The row of a folded complaint at `now_ms`; `None` until its `registered` event is known.
    pub fn of(state: &ComplaintState, config: &DomainConfig, now_ms: i64) -> Option<ComplaintView> {
        let reg = state.registered.as_ref()?;
        let customer = state.customer().unwrap_or_default();
        let incident = state.incident().cloned().unwrap_or_default();
        let deadline = state.deadline(config, now_ms);
        Some(ComplaintView {
            id: state.id.to_string(),
            number: reg.value.number.clone(),
            status: state.status().map(|s| s.key().to_string()).unwrap_or_default(),
            due_ms: deadline.due_ms,
            warn_ms: deadline.warn_ms,
            type_key: state.classification().map(|c| c.type_key.clone()),
            urgency: state.urgency().map(|u| u.key().to_string()),
            department: state.department().cloned(),
            updated_ms: state.max_hlc.ms,
            created_ms: reg.at_ms,
            phone_key: phone_key(&customer.phone),
            name_key: name_key(&customer.name),
            product_key: name_key(&incident.product),
            device: reg.device.clone(),
            received_at: reg.value.registration.received_at,
            channel: reg.value.registration.channel,
            customer_name: customer.name,
            customer_phone: customer.phone,
            product: incident.product,
            own_words: incident.own_words,
            first_contact_owner: reg.value.registration.first_contact_owner.clone(),
            source_key: reg.value.source.as_ref().map(|s| s.row.clone()),
            due_clock: deadline.kind,
            badges: badges(state, config),
        })
    }
}

/// How many complaints there are.
pub async fn count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[VIEWS, META], false).await?;
    match super::meta::view_count(&tx.store(META)?).await? {
        Some(n) => Ok(n),
        None => Ok(tx.store(VIEWS)?.count(None)?.await?),
    }
}

/// Gives rows written before schema v4 their product search key, in one transaction. Cheap
/// when there is nothing to do: every row is in the `product_key` index then.
pub async fn backfill_product_keys(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[VIEWS], true).await?;
    let store = tx.store(VIEWS)?;
    let (rows, keyed) = (store.count(None)?.await?, store.index("product_key")?.count(None)?.await?);
    let mut fixed = 0;
    if keyed < rows {
        if let Some(cursor) = store.open_cursor(None, None)?.await? {
            let mut cursor = cursor.into_managed();
            while let Some(value) = cursor.value()? {
                let has_key = js_sys::Reflect::has(&value, &JsValue::from_str("product_key")).unwrap_or(true);
                if !has_key {
                    let mut row: ComplaintView = from_js(value)?;
                    row.product_key = name_key(&row.product);
                    cursor.update(&to_js(&row)?).await?;
                    fixed += 1;
                }
                cursor.next(None).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(fixed)
}

/// One complaint's row.
pub async fn get(db: &Database, id: &str) -> Result<Option<ComplaintView>, StoreError> {
    let tx = db.transaction(&[VIEWS], false).await?;
    let value = tx.store(VIEWS)?.get(JsValue::from_str(id))?.await?;
    value.map(from_js).transpose()
}

/// Complaints whose number, phone digits, name or product starts with `query`, at most
/// `limit`, each once: number matches first, then phone, name and product.
pub async fn search(db: &Database, query: &str, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
    let query = query.trim();
    let digits = phone_key(query);
    let prefixes = [("number", query.to_uppercase()), ("phone_key", digits), ("name_key", name_key(query)), ("product_key", name_key(query))];
    let tx = db.transaction(&[VIEWS], false).await?;
    let store = tx.store(VIEWS)?;
    let mut out: Vec<ComplaintView> = Vec::new();
    for (index, prefix) in prefixes {
        if prefix.is_empty() || out.len() >= limit as usize {
            continue;
        }
        let upper = format!("{prefix}\u{ffff}");
        let range = KeyRange::bound(&JsValue::from_str(&prefix), &JsValue::from_str(&upper), Some(false), Some(false))?;
        let Some(cursor) = store.index(index)?.open_cursor(Some(Query::KeyRange(range)), None)?.await? else {
            continue;
        };
        let mut cursor = cursor.into_managed();
        while out.len() < limit as usize {
            let Some(value) = cursor.value()? else { break };
            let row: ComplaintView = from_js(value)?;
            if !out.iter().any(|r| r.id == row.id) {
                out.push(row);
            }
            cursor.next(None).await?;
        }
    }
    Ok(out)
}

/// Writes (creates or replaces) a row inside a caller's transaction: a view is derived data,
/// rebuilt from the events, so replacing it is the point.
pub(crate) async fn put(store: &idb::ObjectStore, view: &ComplaintView) -> Result<(), StoreError> {
    store.put(&to_js(view)?, None)?.await?;
    Ok(())
}

/// Which of `keys` belong to a complaint already (imported before, here or on a device whose
/// events arrived since), read inside the caller's transaction.
pub(crate) async fn known_source_keys(store: &idb::ObjectStore, keys: &[String]) -> Result<std::collections::HashSet<String>, StoreError> {
    let index = store.index(super::schema::SOURCE_KEY_INDEX)?;
    // Every request is made before the first answer is awaited: IndexedDB answers them in
    // order without a round trip each.
    let requests = keys.iter().map(|k| index.count(Some(Query::Key(JsValue::from_str(k))))).collect::<Result<Vec<_>, _>>()?;
    let mut known = std::collections::HashSet::new();
    for (key, request) in keys.iter().zip(requests) {
        if request.await? > 0 {
            known.insert(key.clone());
        }
    }
    Ok(known)
}

/// [`known_source_keys`] in a read-only transaction of its own (previews).
pub async fn imported_keys(db: &Database, keys: &[String]) -> Result<std::collections::HashSet<String>, StoreError> {
    let tx = db.transaction(&[VIEWS], false).await?;
    known_source_keys(&tx.store(VIEWS)?, keys).await
}

//! The `views` store: one materialized row per complaint, rebuilt from its folded state, so
//! lists, counts and searches read indexes instead of folding every complaint's events.

use chrono::NaiveDateTime;
use idb::Query;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_json_text, to_js_json};
use super::schema::{compound_index, META, STAGE_FIELD, VIEWS};
use super::{Database, StoreError};
use crate::domain::badges::{badges, Badge};
use crate::domain::channel::Channel;
use crate::domain::sla::ClockKind;
use crate::domain::config::DomainConfig;
use crate::domain::keyed::Keyed;
use crate::domain::search_terms::{complaint_terms, Searchable};
use crate::domain::state::ComplaintState;
use crate::domain::workflow::Status;

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
    /// `open` until the complaint is closed or archived, then `done` (since schema v8): the
    /// default list, open work, reads the compound indexes `stage+created_ms`/`stage+due_ms`.
    #[serde(default)]
    pub stage: String,
    /// The search terms (`domain::search_terms::complaint_terms`), the multi-entry index
    /// `terms` since schema v8; older rows get them at the next open.
    #[serde(default)]
    pub terms: Vec<String>,
}

/// The stage of open work (not closed, not archived).
pub const STAGE_OPEN: &str = "open";
/// The stage of closed and archived complaints.
pub const STAGE_DONE: &str = "done";

/// The stage a status code belongs to (an unknown code, from a newer version, counts as open:
/// it stays in sight).
pub fn stage_of(status: &str) -> &'static str {
    match Status::from_key(status) {
        Some(s) if !s.is_open() => STAGE_DONE,
        _ => STAGE_OPEN,
    }
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
    /// Sets the fields derived for the indexes from the row's own fields (search terms, stage).
    pub fn with_derived_keys(mut self) -> ComplaintView {
        self.terms = complaint_terms(Searchable {
            customer_name: &self.customer_name,
            customer_phone: &self.customer_phone,
            number: &self.number,
            product: &self.product,
        });
        self.stage = stage_of(&self.status).to_string();
        self.product_key = name_key(&self.product);
        self
    }

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
            stage: String::new(),
            terms: Vec::new(),
        }
        .with_derived_keys())
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

/// Gives rows written before schema v4 their product search key and rows written before v8
/// their search terms and stage, in one transaction. Cheap when there is nothing to do: every
/// row is in the `product_key` and `stage+created_ms` indexes then.
pub async fn backfill_derived_keys(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(&[VIEWS], true).await?;
    let store = tx.store(VIEWS)?;
    let rows = store.count(None)?.await?;
    let with_product = store.index("product_key")?.count(None)?.await?;
    let with_stage = store.index(&compound_index(STAGE_FIELD, "created_ms"))?.count(None)?.await?;
    let mut fixed = 0;
    if with_product < rows || with_stage < rows {
        if let Some(cursor) = store.open_cursor(None, None)?.await? {
            let mut cursor = cursor.into_managed();
            while let Some(value) = cursor.value()? {
                let has = |field: &str| js_sys::Reflect::has(&value, &JsValue::from_str(field)).unwrap_or(true);
                if !has("product_key") || !has("terms") || !has(STAGE_FIELD) {
                    let row: ComplaintView = from_json_text(&value)?;
                    cursor.update(&to_js_json(&row.with_derived_keys())?).await?;
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
    value.map(|v| from_json_text(&v)).transpose()
}

/// Queues the write (create or replace) of a row inside a caller's transaction, whose commit
/// reports a failure: a view is derived data, rebuilt from the events, so replacing it is the point.
pub(crate) fn put(store: &idb::ObjectStore, view: &ComplaintView) -> Result<(), StoreError> {
    drop(store.put(&to_js_json(view)?, None)?);
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

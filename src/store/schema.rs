//! The database schema and its explicit, ordered upgrade steps.
//!
//! Every released schema version keeps its step here forever: a device may skip versions, so
//! opening runs every step from the stored version up to [`SCHEMA_VERSION`] inside the one
//! `versionchange` transaction. If any step fails the transaction aborts and the database stays
//! exactly as it was.
//!
//! - v1 (first release): `complaints` (key `id`, index `created_ms`) and `meta` (key `key`).
//! - v2: `drafts` (key `id`, index `updated_ms`) for self-saving forms.
//! - v3: the event store: `events` (key `id`; indexes `complaint`, `hlc_ms`), `views` (one
//!   materialized row per complaint, key `id`; list/search indexes), `attachments` (key `id`,
//!   index `complaint`) and `quarantine` (key `id`, index `received_ms`). The legacy
//!   `complaints` store stays; `migrate` empties it into events after opening.
//! - v4: `views` index `product_key`.
//! - v5: `outbox` (key `id`): what sync has still to send. Filled in the transaction that stores
//!   an event or a file on this device; the first sync with a server fills it with everything.
//! - v6: `views` index `source_key`: the row key of an imported complaint (CSV import), so a
//!   file imported again adds nothing. Older rows have no such field and are not in the index
//!   (none of them was imported from CSV), so nothing needs backfilling.
//! - v7: `review` (key `id`): one `domain::review::ReviewRow` per complaint, put in every
//!   transaction that puts its view; indexes `received` (`[received_ms, id]`, a period's rows
//!   in pages) and `open` (`[open_ms, id]`, only open complaints: the backlog). Complaints
//!   stored before get their row at the next open (`store::review::backfill`).
//! - v8: `views` multi-entry index `terms` (search from one box: name and product words, phone
//!   suffixes, number parts) and `stage+created_ms`, `stage+due_ms` (the default list is open
//!   work). Rows written before get both fields at the next open
//!   (`views::backfill_derived_keys`): an upgrade callback cannot await a cursor.
//! - v9: `actions` (key `id`, index `created_ms`): one row per improvement action
//!   (`store::actions`), put with its events. No backfill: no earlier app writes action events;
//!   those an older app received from a newer device are kept byte for byte but get no row
//!   (known gap: a backfill would scan every event for its kind).

use idb::{Factory, IndexParams, KeyPath, ObjectStoreParams};
use wasm_bindgen::JsCast;

use super::StoreError;

/// The current schema version.
pub const SCHEMA_VERSION: u32 = 9;

pub const COMPLAINTS: &str = "complaints";
pub const META: &str = "meta";
pub const DRAFTS: &str = "drafts";
pub const EVENTS: &str = "events";
pub const VIEWS: &str = "views";
pub const ATTACHMENTS: &str = "attachments";
pub const QUARANTINE: &str = "quarantine";
/// Since v5: what this device has that the sync server may lack (event ids, `att:<key>`).
pub const OUTBOX: &str = "outbox";
/// Since v7: one review row per complaint (`store::review`).
pub const REVIEW: &str = "review";
/// Since v9: one row per improvement action (`store::actions`).
pub const ACTIONS: &str = "actions";
/// Since v6: the `views` index of imported complaints' row keys.
pub const SOURCE_KEY_INDEX: &str = "source_key";
/// Since v8: the multi-entry `views` index of search terms.
pub const TERMS_INDEX: &str = "terms";
/// Since v8: the view field `stage` (`open`, `done`), with a compound index per order field.
pub const STAGE_FIELD: &str = "stage";

/// The indexes of `views`; each is also the field (key path) of the row it reads.
/// View fields a list can be filtered by, and the fields it can be ordered by.
pub const FILTER_FIELDS: [&str; 5] = ["status", "type", "urgency", "department", "device"];
pub const ORDER_FIELDS: [&str; 2] = ["created_ms", "due_ms"];

/// The name of the compound index for a filter field and an order field.
pub fn compound_index(field: &str, order: &str) -> String {
    format!("{field}+{order}")
}

pub const VIEW_INDEXES: [&str; 11] = [
    "number", "status", "due_ms", "type", "urgency", "department", "updated_ms", "created_ms", "phone_key", "name_key",
    "device",
];
// Since v4 `views` also has the index `product_key`.

/// Opens `name` at `version`, running the upgrade steps that are missing.
pub async fn open(name: &str, version: u32) -> Result<web_sys::IdbDatabase, StoreError> {
    assert!((1..=SCHEMA_VERSION).contains(&version), "unknown schema version {version}");
    let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let mut request = factory.open(name, Some(version))?;
    request.on_upgrade_needed(move |event| {
        let result = (|| -> Result<(), idb::Error> {
            let old = event.old_version()?;
            let db = idb::event::DatabaseEvent::database(&event)?;
            // Steps that change existing stores reach them through the versionchange transaction.
            let raw = web_sys::IdbVersionChangeEvent::from(event.clone());
            let tx = raw
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
                .and_then(|r| r.transaction())
                .map(idb::Transaction::from);
            for step in old + 1..=version {
                upgrade_step(step, &db, tx.as_ref())?;
            }
            Ok(())
        })();
        if let Err(err) = result {
            leptos::logging::error!("database upgrade failed, nothing was changed: {err}");
            // Aborting the versionchange transaction leaves the old schema and data intact.
            let raw = web_sys::IdbVersionChangeEvent::from(event);
            if let Some(tx) = raw
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
                .and_then(|r| r.transaction())
            {
                let _ = tx.abort();
            }
        }
    });
    let db = request.await?;
    Ok(web_sys::IdbDatabase::from(db))
}

fn upgrade_step(step: u32, db: &idb::Database, tx: Option<&idb::Transaction>) -> Result<(), idb::Error> {
    match step {
        1 => {
            let complaints = db.create_object_store(COMPLAINTS, params("id"))?;
            complaints.create_index("created_ms", KeyPath::new_single("created_ms"), Some(IndexParams::new()))?;
            db.create_object_store(META, params("key"))?;
        }
        2 => {
            let drafts = db.create_object_store(DRAFTS, params("id"))?;
            drafts.create_index("updated_ms", KeyPath::new_single("updated_ms"), Some(IndexParams::new()))?;
        }
        3 => {
            let events = db.create_object_store(EVENTS, params("id"))?;
            index(&events, "complaint")?;
            index(&events, "hlc_ms")?;
            let views = db.create_object_store(VIEWS, params("id"))?;
            for name in VIEW_INDEXES {
                index(&views, name)?;
            }
            // A filtered list in either order reads one compound index, e.g. `status+due_ms`.
            for field in FILTER_FIELDS {
                for order in ORDER_FIELDS {
                    let key = KeyPath::new_array(vec![field, order]);
                    views.create_index(&compound_index(field, order), key, Some(IndexParams::new()))?;
                }
            }
            let attachments = db.create_object_store(ATTACHMENTS, params("id"))?;
            index(&attachments, "complaint")?;
            let quarantine = db.create_object_store(QUARANTINE, params("id"))?;
            index(&quarantine, "received_ms")?;
        }
        4 => {
            // Search by product. Rows written before get their key at the next open
            // (`views::backfill_product_keys`): an upgrade callback cannot await a cursor.
            let tx = tx.expect("an upgrade runs in a versionchange transaction");
            index(&tx.object_store(VIEWS)?, "product_key")?;
        }
        5 => {
            db.create_object_store(OUTBOX, params("id"))?;
        }
        6 => {
            let tx = tx.expect("an upgrade runs in a versionchange transaction");
            index(&tx.object_store(VIEWS)?, SOURCE_KEY_INDEX)?;
        }
        7 => {
            let review = db.create_object_store(REVIEW, params("id"))?;
            for (name, field) in [("received", "received_ms"), ("open", "open_ms")] {
                // `[field, id]`: unique, so pages follow on from the last key read; a row whose
                // `open_ms` is null is left out of `open`.
                review.create_index(name, KeyPath::new_array(vec![field, "id"]), Some(IndexParams::new()))?;
            }
        }
        8 => {
            let tx = tx.expect("an upgrade runs in a versionchange transaction");
            let views = tx.object_store(VIEWS)?;
            let mut multi = IndexParams::new();
            multi.multi_entry(true);
            views.create_index(TERMS_INDEX, KeyPath::new_single(TERMS_INDEX), Some(multi))?;
            for order in ORDER_FIELDS {
                let key = KeyPath::new_array(vec![STAGE_FIELD, order]);
                views.create_index(&compound_index(STAGE_FIELD, order), key, Some(IndexParams::new()))?;
            }
        }
        9 => {
            let actions = db.create_object_store(ACTIONS, params("id"))?;
            index(&actions, "created_ms")?;
        }
        other => unreachable!("no upgrade step for schema version {other}"),
    }
    Ok(())
}

fn index(store: &idb::ObjectStore, name: &str) -> Result<(), idb::Error> {
    store.create_index(name, KeyPath::new_single(name), Some(IndexParams::new()))?;
    Ok(())
}

fn params(key: &str) -> ObjectStoreParams {
    let mut p = ObjectStoreParams::new();
    p.key_path(Some(KeyPath::new_single(key)));
    p
}

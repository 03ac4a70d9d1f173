//! Importing a batch (SPEC §13): loading what a plan needs in one read-only transaction, and
//! writing a plan's chunks, each in one read-write transaction over events, views, meta and
//! attachments, so a cancelled or crashed import leaves whole chunks, never half a complaint.
//!
//! Requests of a transaction are issued together and awaited after (IndexedDB runs them in
//! order); a failed request aborts the whole transaction, which `Tx::commit` reports.

use std::collections::{BTreeMap, BTreeSet};
use std::future::IntoFuture;

use idb::KeyRange;
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js, to_js_all};
use super::events::EventRow;
use super::quarantine::Quarantined;
use super::schema::{ACTIONS, ATTACHMENTS, EVENTS, META, OUTBOX, QUARANTINE, REVIEW, VIEWS};
use super::views::ComplaintView;
use super::{attachments, meta, Database, StoreError};
use crate::domain::sort::set_of;
use crate::domain::batch::import::{ImportChunk, Needs, Snapshot};
use crate::domain::config::DomainConfig;
use crate::domain::event::Event;
use crate::domain::eventset::EventSet;
use crate::domain::fold::fold;
use crate::domain::ids::{ComplaintId, EventId};

/// Loads the stored records a plan looks at: the batch's event ids, every event of its
/// complaints and which of its attachment keys are held, in one read-only transaction.
///
/// One request per id costs far more than the import writes it saves, and a batch mostly
/// brings what the device does not hold: so the stored records in the batch's key ranges are
/// counted first, and each part is read per key only when its range holds many other records.
pub async fn snapshot(db: &Database, needs: &Needs) -> Result<Snapshot, StoreError> {
    let tx = db.transaction(&[EVENTS, ATTACHMENTS], false).await?;
    let events = tx.store(EVENTS)?;
    let by_complaint = events.index("complaint")?;
    let att = tx.store(ATTACHMENTS)?;
    let mut keys = Vec::with_capacity(needs.attachment_keys.len());
    for k in &needs.attachment_keys {
        keys.push((k, att.get_key(JsValue::from_str(k))?.into_future()));
    }
    let mut set = EventSet::new();

    // Every stored event of the batch's complaints.
    let complaints: BTreeSet<&str> = set_of(needs.complaints.iter().map(|c| c.as_str()));
    if let Some(range) = span(&complaints)? {
        let stored = by_complaint.count(Some(range.clone().into()))?.await?;
        if stored as usize <= RANGE_READ_FACTOR * needs.event_ids.len().max(complaints.len()) {
            for row in by_complaint.get_all(Some(range.into()), None)?.await? {
                let row = from_js::<EventRow>(row)?;
                if complaints.contains(row.complaint.as_str()) {
                    set.insert(row.event()?);
                }
            }
        } else {
            let mut alls = Vec::with_capacity(complaints.len());
            for c in &complaints {
                alls.push(by_complaint.get_all(Some(JsValue::from_str(c).into()), None)?.into_future());
            }
            for all in alls {
                for row in all.await? {
                    set.insert(from_js::<EventRow>(row)?.event()?);
                }
            }
        }
    }

    // Stored events with the batch's ids (a copy may name another complaint), those not read above.
    let ids: BTreeSet<&str> = set_of(needs.event_ids.iter().map(|id| id.as_str()));
    let mut wanted: Vec<&str> = Vec::new();
    if let Some(range) = span(&ids)? {
        let stored = events.count(Some(range.clone().into()))?.await?;
        if stored as usize <= RANGE_READ_FACTOR * ids.len() {
            for key in events.get_all_keys(Some(range.into()), None)?.await? {
                if let Some(id) = key.as_string().and_then(|k| ids.get(k.as_str()).copied()) {
                    wanted.push(id);
                }
            }
        } else if stored > 0 {
            wanted.extend(ids.iter().copied());
        }
    }
    let mut gets = Vec::with_capacity(wanted.len());
    for id in wanted.into_iter().filter(|id| !set.contains(&EventId::from(*id))) {
        gets.push(events.get(JsValue::from_str(id))?.into_future());
    }
    for get in gets {
        if let Some(row) = get.await? {
            set.insert(from_js::<EventRow>(row)?.event()?);
        }
    }

    let mut attachment_keys = BTreeSet::new();
    for (k, get) in keys {
        if get.await?.is_some() {
            attachment_keys.insert(k.clone());
        }
    }
    tx.commit().await?;
    Ok(Snapshot { events: set, attachment_keys })
}

/// Reading a key range whole (keys only for ids, rows for complaints) beats one request per
/// key while the range holds at most this many records per key asked for.
const RANGE_READ_FACTOR: usize = 4;

/// The key range from the smallest to the largest of `keys`; `None` when there are none.
/// Ids are ULIDs (ASCII), which IndexedDB orders as Rust does; other keys (never accepted
/// from a file) still bound correctly, as a range over all strings.
fn span(keys: &BTreeSet<&str>) -> Result<Option<KeyRange>, StoreError> {
    let (Some(first), Some(last)) = (keys.first(), keys.last()) else { return Ok(None) };
    let range = if keys.iter().all(|k| k.is_ascii()) {
        KeyRange::bound(&JsValue::from_str(first), &JsValue::from_str(last), None, None)?
    } else {
        // The smallest key after every string: an empty array (arrays sort after strings).
        KeyRange::bound(&JsValue::from_str(""), &js_sys::Array::new().into(), None, None)?
    };
    Ok(Some(range))
}

/// Whether none of `events` is in the store, read in the caller's transaction: the stored ids
/// in their span are counted, and read (keys only) when there are few enough.
async fn none_stored(store: &idb::ObjectStore, events: &[&Event]) -> Result<bool, StoreError> {
    let ids: BTreeSet<&str> = set_of(events.iter().map(|e| e.id().as_str()));
    let Some(range) = span(&ids)? else { return Ok(true) };
    let stored = store.count(Some(range.clone().into()))?.await?;
    if stored == 0 {
        return Ok(true);
    }
    if stored as usize > RANGE_READ_FACTOR * ids.len() {
        return Ok(false);
    }
    let keys = store.get_all_keys(Some(range.into()), None)?.await?;
    Ok(!keys.iter().any(|k| k.as_string().is_some_and(|k| ids.contains(k.as_str()))))
}

/// Keeps refused records in quarantine, in one transaction. `put`: the same file imported
/// again replaces its earlier records (their ids come from the file's checksum).
pub async fn quarantine(db: &Database, items: &[Quarantined]) -> Result<(), StoreError> {
    if items.is_empty() {
        return Ok(());
    }
    let tx = db.transaction(&[QUARANTINE], true).await?;
    let store = tx.store(QUARANTINE)?;
    for item in items {
        drop(store.put(&to_js(item)?, None)?);
    }
    tx.commit().await
}

/// What one written chunk did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChunkWritten {
    pub events: usize,
    pub replaced: usize,
    pub attachments: usize,
    /// Complaints that got their first view row (newly registered here).
    pub new_views: usize,
}

/// Writes one chunk of a plan in one transaction: adds its events (never overwriting),
/// replaces redacted copies, adds its files, re-folds and puts the view of each complaint,
/// and moves the device clock past what was imported.
///
/// `stored` tells which complaints already had events before the import (their events are
/// re-read inside the transaction, so a step taken meanwhile is folded in); the others are
/// folded from the chunk alone. `now_ms` and `config` make the view rows. What came from a
/// file goes to the outbox (the sync server may lack it); what came from the server does not
/// (`from_server`).
pub async fn write_chunk(
    db: &Database,
    chunk: &ImportChunk<'_>,
    stored: &BTreeSet<ComplaintId>,
    config: &DomainConfig,
    now_ms: i64,
    from_server: bool,
) -> Result<ChunkWritten, StoreError> {
    let stores: &[&str] = if chunk.attachments.is_empty() { &[EVENTS, VIEWS, REVIEW, ACTIONS, META, OUTBOX] } else { &[EVENTS, VIEWS, REVIEW, ACTIONS, META, ATTACHMENTS, OUTBOX] };
    let tx = db.transaction(stores, true).await?;
    // A failure part way (a stored event that no longer reads) keeps none of the queued writes.
    let written = async {
        let outbox = tx.store(OUTBOX)?;
        let events = tx.store(EVENTS)?;
        // Reads first: IndexedDB runs requests in order, so these see the state before the writes.
        let by_complaint = events.index("complaint")?;
        let mut reads = Vec::new();
        for id in chunk.complaints.iter().filter(|c| stored.contains(**c)) {
            reads.push((*id, by_complaint.get_all(Some(JsValue::from_str(id.as_str()).into()), None)?.into_future()));
        }
        let meta_store = tx.store(META)?;
        let clock = meta::clock_requested(&meta_store)?;
        let count = meta::view_count_requested(&meta_store)?;
        // New events never overwrite: `add` refuses a stored id. It also makes the browser look
        // every id up first, which grows with the store (about 7 % of a 100,000-complaint import,
        // README "Benchmark"), so where this transaction sees none of the ids stored (nothing
        // can be stored meanwhile), `put` writes them without the lookups.
        let none_stored = none_stored(&events, &chunk.add).await?;
        let rows: Vec<EventRow> = chunk.add.iter().chain(&chunk.replace).map(|e| EventRow::of(e)).collect();
        for (i, row) in to_js_all(&rows)?.iter().enumerate() {
            if i < chunk.add.len() && !none_stored {
                drop(events.add(&row, None)?);
            } else {
                drop(events.put(&row, None)?);
            }
        }
        if !from_server {
            // One entry for the chunk's events, not one each: the outbox cost as much as the events.
            super::outbox::enqueue_group(&outbox, rows.into_iter().map(|r| r.id).collect(), now_ms)?;
            for a in &chunk.attachments {
                super::outbox::enqueue(&outbox, &super::outbox::attachment_entry(&a.key))?;
            }
        }
        if !chunk.attachments.is_empty() {
            let store = tx.store(ATTACHMENTS)?;
            for a in &chunk.attachments {
                let blob = blob_of(&a.content, &a.mime)?;
                drop(store.add(&attachments::record(&a.key, a.complaint.as_str(), &a.name, &blob, now_ms)?, None)?);
            }
        }

        let mut before: BTreeMap<&ComplaintId, Vec<Event>> = BTreeMap::new();
        for (id, read) in reads {
            let rows = read.await?;
            before.insert(id, rows.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect::<Result<_, _>>()?);
        }
        let mut incoming: BTreeMap<&ComplaintId, Vec<&Event>> = BTreeMap::new();
        for e in chunk.add.iter().chain(&chunk.replace) {
            incoming.entry(e.complaint()).or_default().push(e);
        }
        let views = tx.store(VIEWS)?;
        let mut view_rows = Vec::with_capacity(chunk.complaints.len());
        let mut new_views = 0;
        for id in &chunk.complaints {
            let old = before.get(id).map(Vec::as_slice).unwrap_or_default();
            let new = incoming.get(id).map(Vec::as_slice).unwrap_or_default();
            // A redacted copy takes the place of its stored original.
            let replaced: BTreeSet<&EventId> = set_of(chunk.replace.iter().filter(|e| e.complaint() == *id).map(|e| e.id()));
            let was_registered = fold(id, old.iter()).is_registered();
            let kept = || old.iter().filter(|e| !replaced.contains(e.id())).chain(new.iter().copied());
            // An improvement action's stream gets its `actions` row instead of a view.
            if crate::domain::action::is_action_stream(kept()) {
                super::actions::queue_put(&tx, id, kept())?;
                continue;
            }
            let state = fold(id, kept());
            if let Some(view) = ComplaintView::of(&state, config, now_ms) {
                view_rows.push(view);
                super::review::queue_put(&tx, &state, config, now_ms)?;
                new_views += usize::from(!was_registered);
            }
        }
        for row in to_js_all(&view_rows)?.iter() {
            drop(views.put(&row, None)?);
        }
        let clock = clock.await?;
        // Awaited even when no view is new: a request's future dropped before its answer leaves
        // the browser calling a freed handler, which aborts the transaction.
        let count = count.await?;
        let observed = clock.max(chunk.add.iter().chain(&chunk.replace).map(|e| e.hlc()).max().unwrap_or_default());
        if observed > clock {
            meta::put_clock(&meta_store, observed)?;
        }
        if new_views > 0 {
            let next = match count {
                Some(n) => n + new_views as u32,
                // Without a counter yet, count once (this chunk's views included).
                None => views.count(None)?.await?,
            };
            meta::put_view_count(&meta_store, next)?;
        }
        Ok::<_, StoreError>(ChunkWritten { events: chunk.add.len(), replaced: chunk.replace.len(), attachments: chunk.attachments.len(), new_views })
    }
    .await;
    tx.finish(written).await
}

/// The bytes of an imported file as a `Blob` of its type, as the attachment store keeps files.
fn blob_of(content: &[u8], mime: &str) -> Result<web_sys::Blob, StoreError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|e| StoreError::from_js(&e))
}

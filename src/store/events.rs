//! The `events` store: every complaint's append-only events as their exact JSON text, and the
//! one transaction that turns a registration into events, a view row and used serials.

use std::future::IntoFuture;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js_json};
use super::schema::{DRAFTS, EVENTS, META, OUTBOX, REVIEW, VIEWS};
use super::views::{self, ComplaintView};
use super::{meta, Database, StoreError, Tx};
use crate::domain::command::Issued;
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::event::Event;
use crate::domain::fold;
use crate::domain::hlc::Hlc;
use crate::domain::ids::EventId;
use crate::domain::state::ComplaintState;

/// One stored event. The event itself is `json`, kept verbatim (`Event::to_json`); the other
/// fields are copies for the key path and indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: String,
    pub complaint: String,
    pub hlc_ms: i64,
    pub json: String,
}

impl EventRow {
    pub fn of(event: &Event) -> EventRow {
        EventRow {
            id: event.id().to_string(),
            complaint: event.complaint().to_string(),
            hlc_ms: event.hlc().ms,
            json: event.to_json().to_string(),
        }
    }

    /// The event; a row whose text no longer parses is reported, never skipped.
    pub fn event(&self) -> Result<Event, StoreError> {
        Event::from_json(&self.json).map_err(|e| StoreError::Corrupt(format!("event {}: {e}", self.id)))
    }
}

/// Why a command was not stored. Nothing was written in either case.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommitError {
    /// The domain refused the command.
    #[error(transparent)]
    Command(#[from] CommandError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<idb::Error> for CommitError {
    fn from(e: idb::Error) -> Self {
        CommitError::Store(e.into())
    }
}

/// Registers a complaint in one read-write transaction over events, views, meta and drafts:
/// reads the device clock, `day`'s last serial and the view count, runs
/// `command(clock, next_serial)` (the domain command: pure CPU work, nothing awaited in
/// between), adds its events, puts the view, writes back the clock, serial and count and removes
/// the form's draft. All of it or none of it; two tabs registering at once are serialised by
/// IndexedDB and get different serials. The writes are queued and the transaction's outcome
/// awaited once (`Tx::commit` reports a failed write with the browser's reason).
pub async fn commit_register(
    db: &Database,
    day: NaiveDate,
    draft_id: Option<&str>,
    config: &DomainConfig,
    now_ms: i64,
    command: impl FnOnce(Hlc, u32) -> Result<Issued, CommandError>,
) -> Result<ComplaintView, CommitError> {
    let tx = db.transaction(&[EVENTS, VIEWS, REVIEW, META, DRAFTS, OUTBOX], true).await?;
    let meta_store = tx.store(META)?;
    let counters = meta::counters(&meta_store, day).await?;
    let views = views_after_one(&tx, counters.views).await?;
    let serial = counters.serial + 1;
    let issued = match command(counters.clock, serial) {
        Ok(issued) => issued,
        Err(e) => {
            tx.abort();
            return Err(e.into());
        }
    };
    let view = tx.queue(|| {
        let view = queue_new_complaint(&tx, &issued, config, now_ms)?;
        meta::put_view_count(&meta_store, views)?;
        meta::put_clock(&meta_store, counters.clock.max(issued.clock))?;
        meta::put_serial(&meta_store, day, serial)?;
        if let Some(id) = draft_id {
            drop(tx.store(DRAFTS)?.delete(JsValue::from_str(id))?);
        }
        Ok(view)
    })?;
    tx.commit().await?;
    Ok(view)
}

/// The view count once one complaint is added: `stored + 1`, or, on a database whose views
/// predate the counter, the views counted now plus the new one (read before any write is queued,
/// so a failed write is still reported by the commit with its own reason).
pub(crate) async fn views_after_one(tx: &Tx, stored: Option<u32>) -> Result<u32, StoreError> {
    Ok(match stored {
        Some(n) => n.saturating_add(1),
        None => tx.store(VIEWS)?.count(None)?.await?.saturating_add(1),
    })
}

/// Runs a command on an existing complaint in one read-write transaction over events, views
/// and meta: reads the complaint's events and the device clock, folds, runs
/// `command(state, clock)` (CPU only), adds the new events, puts the re-folded view and writes
/// the clock back. All of it or none of it. `Ok(None)`: no such complaint.
pub async fn commit_command(
    db: &Database,
    complaint: &str,
    config: &DomainConfig,
    now_ms: i64,
    command: impl FnOnce(&ComplaintState, Hlc) -> Result<Issued, CommandError>,
) -> Result<Option<ComplaintView>, CommitError> {
    commit_command_with(db, complaint, config, now_ms, None, None, command).await
}

/// `commit_command` that also adds one record to another store (an attachment's blob) and
/// removes the step's draft, in the same transaction, only if the command is accepted: the
/// file and its event exist together or not at all, and no draft outlives its saved step.
/// The two reads are requested together and the writes queued (see `commit_register`).
pub async fn commit_command_with(
    db: &Database,
    complaint: &str,
    config: &DomainConfig,
    now_ms: i64,
    record: Option<(&'static str, JsValue)>,
    draft_id: Option<&str>,
    command: impl FnOnce(&ComplaintState, Hlc) -> Result<Issued, CommandError>,
) -> Result<Option<ComplaintView>, CommitError> {
    let mut stores = vec![EVENTS, VIEWS, REVIEW, META, OUTBOX];
    stores.extend(record.as_ref().map(|r| r.0));
    stores.extend(draft_id.map(|_| DRAFTS));
    let tx = db.transaction(&stores, true).await?;
    let meta_store = tx.store(META)?;
    let rows = tx.store(EVENTS)?.index("complaint")?.get_all(Some(JsValue::from_str(complaint).into()), None)?.into_future();
    let clock = meta::clock_requested(&meta_store)?;
    let rows = rows.await?;
    let clock = clock.await?;
    let mut events = rows.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect::<Result<Vec<_>, _>>()?;
    let Some(first) = events.first() else {
        tx.abort();
        return Ok(None);
    };
    let id = first.complaint().clone();
    let state = fold::fold(&id, events.iter());
    let issued = match command(&state, clock) {
        Ok(issued) => issued,
        Err(e) => {
            tx.abort();
            return Err(e.into());
        }
    };
    let view = tx.queue(|| {
        if let Some((store, value)) = &record {
            drop(tx.store(store)?.add(value, None)?);
            if *store == super::schema::ATTACHMENTS {
                // The file goes to the sync server too.
                if let Some(key) = js_sys::Reflect::get(value, &JsValue::from_str("id")).ok().and_then(|k| k.as_string()) {
                    super::outbox::enqueue(&tx.store(OUTBOX)?, &super::outbox::attachment_entry(&key))?;
                }
            }
        }
        append(&tx, &issued.events)?;
        if let Some(draft) = draft_id {
            drop(tx.store(DRAFTS)?.delete(JsValue::from_str(draft))?);
        }
        events.extend(issued.events.iter().cloned());
        let state = fold::fold(&id, events.iter());
        let view = ComplaintView::of(&state, config, now_ms)
            .ok_or_else(|| StoreError::Failed("the complaint is no longer registered".into()))?;
        views::put(&tx.store(VIEWS)?, &view)?;
        super::review::queue_put(&tx, &state, config, now_ms)?;
        meta::put_clock(&meta_store, clock.max(issued.clock))?;
        Ok(view)
    })?;
    tx.commit().await?;
    Ok(Some(view))
}

/// Inside `tx` (over events, views, review and outbox): queues a new complaint's events (`add`,
/// so an existing id fails and with it the transaction), their outbox entries, its view and its
/// review row. The caller writes the counters (clock, serial, view count) and commits, which is
/// where a failed write is learnt. Used by registration, CSV import and the legacy migration.
pub(crate) fn queue_new_complaint(tx: &Tx, issued: &Issued, config: &DomainConfig, now_ms: i64) -> Result<ComplaintView, StoreError> {
    let first = issued.events.first().ok_or_else(|| StoreError::Failed("the command made no event".into()))?;
    let state = fold::fold(first.complaint(), issued.events.iter());
    let view = ComplaintView::of(&state, config, now_ms)
        .ok_or_else(|| StoreError::Failed("the events do not register a complaint".into()))?;
    append(tx, &issued.events)?;
    views::put(&tx.store(VIEWS)?, &view)?;
    super::review::queue_put(tx, &state, config, now_ms)?;
    Ok(view)
}

/// Queues events inside `tx` (which spans `events` and `outbox`). `add`, never `put`: an event
/// id that exists fails the request and aborts the transaction, so a stored event is never
/// overwritten. Each goes to the outbox: this device wrote it, so the sync server lacks it.
pub(crate) fn append(tx: &Tx, events: &[Event]) -> Result<(), StoreError> {
    let store = tx.store(EVENTS)?;
    let outbox = tx.store(OUTBOX)?;
    for e in events {
        drop(store.add(&to_js_json(&EventRow::of(e))?, None)?);
        super::outbox::enqueue(&outbox, e.id().as_str())?;
    }
    Ok(())
}

/// Every stored event of one complaint (in no particular order: the fold orders them).
pub async fn of_complaint(db: &Database, complaint: &str) -> Result<Vec<Event>, StoreError> {
    let tx = db.transaction(&[EVENTS], false).await?;
    let index = tx.store(EVENTS)?.index("complaint")?;
    let rows = index.get_all(Some(JsValue::from_str(complaint).into()), None)?.await?;
    rows.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect()
}

/// A complaint's state folded from its stored events; `None` if none are stored.
pub async fn fold_complaint(db: &Database, complaint: &str) -> Result<Option<ComplaintState>, StoreError> {
    let events = of_complaint(db, complaint).await?;
    if events.is_empty() {
        return Ok(None);
    }
    Ok(Some(fold::fold(&EventId::from(complaint), events.iter())))
}

/// Several complaints' folded states, read in one transaction (a list export): `None` for an
/// id without events.
pub async fn fold_complaints(db: &Database, ids: &[String]) -> Result<Vec<Option<ComplaintState>>, StoreError> {
    let tx = db.transaction(&[EVENTS], false).await?;
    let index = tx.store(EVENTS)?.index("complaint")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let rows = index.get_all(Some(JsValue::from_str(id).into()), None)?.await?;
        let events = rows.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect::<Result<Vec<_>, _>>()?;
        out.push((!events.is_empty()).then(|| fold::fold(&EventId::from(id.as_str()), events.iter())));
    }
    Ok(out)
}

/// Every stored event, oldest first by HLC: what an export of everything carries. A row that
/// does not parse is reported, never skipped (an export must not quietly leave events out).
pub async fn all(db: &Database) -> Result<Vec<Event>, StoreError> {
    let tx = db.transaction(&[EVENTS], false).await?;
    let rows = tx.store(EVENTS)?.index("hlc_ms")?.get_all(None, None)?.await?;
    tx.commit().await?;
    rows.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect()
}

/// The stored events with these ids (missing ones left out), in one transaction.
pub async fn get_many(db: &Database, ids: &[String]) -> Result<Vec<Event>, StoreError> {
    let tx = db.transaction(&[EVENTS], false).await?;
    let store = tx.store(EVENTS)?;
    let mut gets = Vec::with_capacity(ids.len());
    for id in ids {
        gets.push(std::future::IntoFuture::into_future(store.get(JsValue::from_str(id))?));
    }
    let mut out = Vec::new();
    for get in gets {
        if let Some(row) = get.await? {
            out.push(from_js::<EventRow>(row)?.event()?);
        }
    }
    Ok(out)
}

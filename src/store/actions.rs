//! The `actions` store (schema v9): one row per improvement action (`domain::action`), `{id,
//! created_ms}`, put in the transaction that first stores its `action_created` event (a command
//! here, or a batch import or sync pull through `store/import.rs::write_chunk`). The events are
//! in `events` like every complaint's, under the action's id as their stream; an action's
//! summary is folded from them when it is read (actions are few: people make them).

use idb::{KeyRange, Query};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::events::{append, EventRow};
use super::schema::{ACTIONS, EVENTS, META, OUTBOX};
use super::{meta, Database, StoreError, Tx};
use crate::domain::action::{fold_action, ActionError, ActionState, ActionSummary};
use crate::domain::command::Issued;
use crate::domain::event::Event;
use crate::domain::hlc::Hlc;
use crate::domain::ids::EventId;

/// One stored row: `created_ms` is indexed (a period lists the actions created before its end).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ActionRecord {
    id: String,
    created_ms: i64,
}

fn record(s: &ActionSummary) -> Result<JsValue, StoreError> {
    to_js(&ActionRecord { id: s.id.clone(), created_ms: s.created_ms })
}

/// The summaries of these actions, folded from their events read in `tx` (one request each,
/// issued together).
async fn fold_each(tx: &Tx, ids: &[String]) -> Result<Vec<ActionSummary>, StoreError> {
    let index = tx.store(EVENTS)?.index("complaint")?;
    let mut reads = Vec::with_capacity(ids.len());
    for id in ids {
        reads.push((id, std::future::IntoFuture::into_future(index.get_all(Some(JsValue::from_str(id).into()), None)?)));
    }
    let mut out = Vec::with_capacity(ids.len());
    for (id, read) in reads {
        let events = read.await?.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect::<Result<Vec<_>, _>>()?;
        out.extend(ActionSummary::of(&fold_action(&EventId::from(id.as_str()), events.iter())));
    }
    Ok(out)
}

/// Why an action command was not stored. Nothing was written in either case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionCommitError {
    #[error(transparent)]
    Action(#[from] ActionError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<idb::Error> for ActionCommitError {
    fn from(e: idb::Error) -> Self {
        ActionCommitError::Store(e.into())
    }
}

impl ActionCommitError {
    pub fn code(&self) -> &'static str {
        match self {
            ActionCommitError::Action(e) => e.code(),
            ActionCommitError::Store(e) => e.code(),
        }
    }
}

/// Inside `tx` (over `actions`): puts the row of the action whose events are `events`, if they
/// are an action's. Returns whether they were.
pub(crate) fn queue_put<'a>(tx: &Tx, id: &EventId, events: impl IntoIterator<Item = &'a Event>) -> Result<bool, StoreError> {
    let state = fold_action(id, events);
    let Some(summary) = ActionSummary::of(&state) else { return Ok(false) };
    drop(tx.store(ACTIONS)?.put(&record(&summary)?, None)?);
    Ok(true)
}

/// An action command: the folded action (`None`: a new one) and the device clock → events.
pub type ActionCommand<'a> = Box<dyn FnOnce(Option<&ActionState>, Hlc) -> Result<Issued, ActionError> + 'a>;

/// Runs an action command in one read-write transaction over events, actions, meta and
/// outbox: reads the action's events (none for `None`: a new action) and the device clock,
/// folds, runs `command` (CPU only), adds the new events (to the outbox too), puts the row
/// and writes the clock back. All or nothing; no events, nothing written. (One boxed command
/// type: this transaction's code is in the app once.)
pub async fn commit(db: &Database, id: Option<&str>, command: ActionCommand<'_>) -> Result<ActionSummary, ActionCommitError> {
    let tx = db.transaction(&[EVENTS, ACTIONS, META, OUTBOX], true).await?;
    let mut events = Vec::new();
    if let Some(id) = id {
        let rows = tx.store(EVENTS)?.index("complaint")?.get_all(Some(JsValue::from_str(id).into()), None)?.await?;
        events = rows.into_iter().map(|v| from_js::<EventRow>(v)?.event()).collect::<Result<Vec<_>, _>>()?;
    }
    let state = id.map(|id| fold_action(&EventId::from(id), events.iter()));
    if id.is_some() && !state.as_ref().is_some_and(ActionState::is_created) {
        tx.abort();
        return Err(ActionError::NotFound.into());
    }
    let meta_store = tx.store(META)?;
    let clock = meta::clock(&meta_store).await?;
    let issued = match command(state.as_ref(), clock) {
        Ok(issued) => issued,
        Err(e) => {
            tx.abort();
            return Err(e.into());
        }
    };
    let Some(first) = issued.events.first().or(events.first()) else {
        tx.abort();
        return Err(ActionError::NotFound.into());
    };
    let stream = first.complaint().clone();
    events.extend(issued.events.iter().cloned());
    let Some(summary) = ActionSummary::of(&fold_action(&stream, events.iter())) else {
        tx.abort();
        return Err(ActionError::NotFound.into());
    };
    tx.queue(|| {
        append(&tx, &issued.events)?;
        drop(tx.store(ACTIONS)?.put(&record(&summary)?, None)?);
        meta::put_clock(&meta_store, clock.max(issued.clock))
    })?;
    tx.commit().await?;
    Ok(summary)
}

/// One action, folded from its events; `None` when it is not here (or not created yet).
pub async fn get(db: &Database, id: &str) -> Result<Option<ActionSummary>, StoreError> {
    let tx = db.transaction(&[EVENTS], false).await?;
    Ok(fold_each(&tx, &[id.to_string()]).await?.pop())
}

/// Every action created before `end_ms` (UTC), oldest first, folded from its events. Actions
/// are made by people, a few per review, so a period reads them whole (the period filter is
/// `ActionSummary::in_period`).
pub async fn created_before(db: &Database, end_ms: i64) -> Result<Vec<ActionSummary>, StoreError> {
    let tx = db.transaction(&[ACTIONS, EVENTS], false).await?;
    let range = KeyRange::upper_bound(&JsValue::from_f64(end_ms as f64), Some(true))?;
    let rows = tx.store(ACTIONS)?.index("created_ms")?.get_all(Some(Query::KeyRange(range)), None)?.await?;
    let ids = rows.into_iter().map(|v| from_js::<ActionRecord>(v).map(|r| r.id)).collect::<Result<Vec<_>, _>>()?;
    fold_each(&tx, &ids).await
}

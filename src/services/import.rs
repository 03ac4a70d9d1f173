//! Importing batch files (SPEC §13): a preview that changes nothing, then the import in
//! chunks with progress and a Stop, refused records kept in quarantine with their reason and
//! source file. Importing is set union: any order, any number of times, the same result.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use leptos::wasm_split::wasm_split;

use super::desk::CHANGED_COMPLAINTS;
use super::on_demand::{Later, NotLoaded};
use super::Desk;
use crate::browser::{broadcast, clock, locks};
use crate::domain::batch::error::BatchError;
use crate::domain::batch::import::{plan_import, ImportPlan, Snapshot, Summary};
use crate::domain::batch::retry::{is_retryable, reread};
use crate::domain::batch::read::{read_batch, ReadBatch, ReadOptions};
use crate::domain::batch::sniff::check_size;
use crate::domain::ids::ComplaintId;
use crate::domain::skew::skewed_devices;
use crate::store::import::{self as store_import, ChunkWritten};
use crate::store::meta::{self, KnownDevice};
use crate::store::quarantine::{self, Quarantined};
use crate::store::StoreError;

/// Events per transaction: small enough that the page stays responsive between chunks and a
/// Stop takes effect soon (a chunk of 1,000 realistic events takes about half a second on a
/// busy 2-core machine), large enough that transaction overhead stays small.
pub const CHUNK_EVENTS: usize = 1000;

/// The lock that keeps two tabs from importing at once (their plans would not see each other):
/// the second waits.
pub(super) const IMPORT_LOCK: &str = "import";

/// Why a file was not previewed or imported. Nothing was changed by a preview; an import that
/// fails has kept the whole chunks written before the failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Batch(e) => e.code(),
            ImportError::Store(e) => e.code(),
        }
    }
}

/// A file read and planned against this device: what importing it would do.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub file_name: String,
    pub batch: Rc<ReadBatch>,
    pub plan: Rc<ImportPlan>,
    /// The device id and stored records the plan was made against: an import that finds them
    /// unchanged carries out this plan rather than planning again (the plan is a function of
    /// them and the batch; only the clock-skew report depends on the time).
    planned_against: Rc<(String, Snapshot)>,
}

impl ImportPreview {
    pub fn summary(&self) -> Summary {
        self.plan.summary()
    }
}

/// How far an import has come, in events written of the events to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The plan as it was carried out (checked again at the start: the device may have
    /// changed since the preview).
    pub summary: Summary,
    /// What was written; less than planned when stopped.
    pub written: ChunkWritten,
    /// Complaints whose chunks were written.
    pub complaints: usize,
    pub quarantined: usize,
    /// True when Stop was pressed before the last chunk: importing the file again completes it.
    pub stopped: bool,
    /// The device the batch came from (its id, for the list's device filter).
    pub from_device: String,
}

impl Desk {
    /// The devices this one has imported batches from.
    pub async fn known_devices(&self) -> Result<Vec<KnownDevice>, StoreError> {
        meta::known_devices(&self.db).await
    }

    /// Reads a batch file and plans its import against this device. Changes nothing.
    pub async fn preview_import(&self, file_name: &str, bytes: &[u8]) -> Result<ImportPreview, ImportError> {
        check_size(bytes.len() as u64)?;
        let batch = read_batch(bytes, ReadOptions::default())?;
        let snapshot = store_import::snapshot(&self.db, &batch.needs()).await?;
        let device = self.device().id;
        let plan = plan_import(&batch, &snapshot, &device, clock::now_ms());
        Ok(ImportPreview { file_name: file_name.to_string(), batch: Rc::new(batch), plan: Rc::new(plan), planned_against: Rc::new((device, snapshot)) })
    }

    /// Imports a previewed file: plans it against the device as it is now (the preview's plan
    /// when the records it looked at are unchanged), keeps the refused records in quarantine, then writes the plan chunk by chunk, reporting progress
    /// after each and letting the browser breathe in between. `stop` is checked between
    /// chunks; what was written stays, and importing the file again completes it.
    pub async fn import(&self, preview: &ImportPreview, progress: impl Fn(ImportProgress), stop: Rc<Cell<bool>>) -> Result<ImportOutcome, ImportError> {
        // Another tab's import finishes first (and is then seen by the plan below).
        let _lock = locks::lock(IMPORT_LOCK).await.ok();
        let batch = &preview.batch;
        let snapshot = store_import::snapshot(&self.db, &batch.needs()).await?;
        let device = self.device().id;
        let replanned;
        let plan: &ImportPlan = if preview.planned_against.0 == device && preview.planned_against.1 == snapshot {
            &preview.plan
        } else {
            replanned = plan_import(batch, &snapshot, &device, clock::now_ms());
            &replanned
        };
        let now = clock::now_ms();
        let from = &plan.from;
        let source = format!("{} · {} {}", preview.file_name, from.code, from.name);
        let refused: Vec<Quarantined> = plan
            .refused
            .iter()
            .map(|r| Quarantined { id: r.quarantine_id(&plan.file_sha256), received_ms: now, source: source.clone(), reason: r.reason(), data: r.original.clone() })
            .collect();
        store_import::quarantine(&self.db, &refused).await?;

        let mut outcome = self.write_plan(plan, &snapshot, false, progress, stop).await?;
        outcome.quarantined = refused.len();
        // Clocks are judged against now, as a plan made now would.
        outcome.summary.skewed_devices = skewed_devices(&plan.add, now).len();
        meta::remember_device(&self.db, KnownDevice { id: from.id.clone(), code: from.code.clone(), name: from.name.clone(), last_import_ms: now }).await?;
        Ok(outcome)
    }

    /// Writes a plan chunk by chunk (see [`Desk::import`]) and tells other tabs.
    pub(crate) async fn write_plan(&self, plan: &ImportPlan, snapshot: &Snapshot, from_server: bool, progress: impl Fn(ImportProgress), stop: Rc<Cell<bool>>) -> Result<ImportOutcome, ImportError> {
        // Improvement actions' streams too: their stored events are re-read and folded with the new.
        let streams = plan.complaints.iter().map(|c| &c.id).chain(&plan.actions);
        let stored: BTreeSet<ComplaintId> = crate::domain::sort::set_of(streams.filter(|id| !snapshot.events.of_complaint(id).is_empty()).cloned());
        let config = self.config();
        let total = plan.add.len() + plan.replace.len();
        let mut outcome = ImportOutcome { summary: plan.summary(), from_device: plan.from.id.clone(), ..ImportOutcome::default() };
        progress(ImportProgress { done: 0, total });
        let mut seen: BTreeSet<&ComplaintId> = BTreeSet::new();
        let mut wrote_any = false;
        for chunk in plan.chunks(CHUNK_EVENTS) {
            if stop.get() {
                outcome.stopped = true;
                break;
            }
            // A complaint split over chunks has its earlier events stored by now: re-read them.
            let known: BTreeSet<ComplaintId> = crate::domain::sort::set_of(chunk.complaints.iter().filter(|c| stored.contains(**c) || seen.contains(**c)).map(|c| (*c).clone()));
            let written = match store_import::write_chunk(&self.db, &chunk, &known, &config, clock::now_ms(), from_server).await {
                Ok(w) => w,
                Err(e) => {
                    if wrote_any {
                        broadcast::announce(CHANGED_COMPLAINTS);
                    }
                    return Err(e.into());
                }
            };
            wrote_any = true;
            seen.extend(chunk.complaints.iter().copied());
            outcome.written.events += written.events;
            outcome.written.replaced += written.replaced;
            outcome.written.attachments += written.attachments;
            outcome.written.new_views += written.new_views;
            progress(ImportProgress { done: outcome.written.events + outcome.written.replaced, total });
            clock::yield_to_browser().await;
        }
        outcome.complaints = seen.len();
        if wrote_any {
            broadcast::announce(CHANGED_COMPLAINTS);
        }
        Ok(outcome)
    }

    /// Reads the records set aside from batch files again with this app's rules, imports
    /// those that pass now and takes them out of quarantine; the others stay, with their
    /// reason brought up to date.
    pub async fn retry_quarantine(&self) -> Result<RetryOutcome, ImportError> {
        let _lock = locks::lock(IMPORT_LOCK).await.ok();
        let all = quarantine::all(&self.db).await?;
        let kept: Vec<Quarantined> = all.into_iter().filter(|q| is_retryable(&q.id)).collect();
        if kept.is_empty() {
            return Ok(RetryOutcome::default());
        }
        let texts: Vec<(String, String)> = kept.iter().map(|q| (q.id.clone(), q.data.clone())).collect();
        let batch = reread(&texts);
        let snapshot = store_import::snapshot(&self.db, &batch.needs()).await?;
        let plan = plan_import(&batch, &snapshot, &self.device().id, clock::now_ms());
        let refused: BTreeSet<usize> = crate::domain::sort::set_of(plan.refused.iter().map(|r| r.index));
        let outcome = self.write_plan(&plan, &snapshot, false, |_| {}, Rc::new(Cell::new(false))).await?;
        // Accepted (stored now, or already there): out of quarantine.
        let mut cleared: Vec<String> = batch.positions.values().filter(|i| !refused.contains(i)).filter_map(|i| kept.get(*i)).map(|q| q.id.clone()).collect();
        let attachment_at: BTreeMap<&str, usize> = crate::domain::sort::map_of(texts.iter().enumerate().filter(|(_, (id, _))| id.contains(":attachments:")).filter_map(|(i, (_, t))| Some((attachment_key(t)?, i))));
        for a in &batch.attachments {
            if let Some(i) = attachment_at.get(a.key.as_str()).filter(|i| !refused.contains(i)) {
                cleared.push(kept[*i].id.clone());
            }
        }
        // Still refused: the reason as this app gives it.
        let now = clock::now_ms();
        let updated: Vec<Quarantined> = plan
            .refused
            .iter()
            .filter_map(|r| kept.get(r.index).map(|q| Quarantined { reason: r.reason(), received_ms: now, ..q.clone() }))
            .collect();
        store_import::quarantine(&self.db, &updated).await?;
        quarantine::remove(&self.db, &cleared).await?;
        Ok(RetryOutcome { imported: cleared.len(), still_refused: updated.len(), events: outcome.written.events })
    }

    /// On the first start of a new app version, retries the records set aside (a newer app
    /// may read what an older one could not). Quiet: the Data page shows what is left. The
    /// import code it needs is fetched only when something is set aside; a fetch that fails
    /// leaves the retry to the next start.
    pub async fn retry_quarantine_once_per_version(&self) {
        let version = env!("CARGO_PKG_VERSION");
        if meta::quarantine_retried(&self.db).await.ok().flatten().as_deref() == Some(version) {
            return;
        }
        let retried = match quarantine::count(&self.db).await {
            Ok(0) => true,
            Ok(_) => match retry_quarantine_from_its_file(self.clone()).await {
                Ok(run) => run.await.is_ok(),
                Err(NotLoaded) => false,
            },
            Err(_) => false,
        };
        if retried {
            let _ = meta::put_quarantine_retried(&self.db, version).await;
        }
    }
}

/// [`Desk::retry_quarantine`] in a file of its own (`services::on_demand`).
#[wasm_split(quarantine_retry, wasm_split_path = ::leptos::wasm_split, fallible)]
fn retry_quarantine_from_its_file(desk: Desk) -> Result<Later<Result<RetryOutcome, ImportError>>, NotLoaded> {
    Ok(Box::pin(async move { desk.retry_quarantine().await }))
}

/// The `key` of an attachment entry's text, read loosely.
fn attachment_key(text: &str) -> Option<&str> {
    #[derive(serde::Deserialize)]
    struct Key<'a> {
        #[serde(borrow)]
        key: &'a str,
    }
    serde_json::from_str::<Key>(text).ok().map(|k| k.key)
}

/// What a retry of the records set aside did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetryOutcome {
    /// Records accepted now (taken out of quarantine).
    pub imported: usize,
    pub still_refused: usize,
    /// Events written.
    pub events: usize,
}

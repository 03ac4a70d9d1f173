//! Sync with a CouchDB-compatible server (SPEC §13): push what waits in the outbox as
//! immutable documents, pull the server's changes since a checkpoint through the same checks,
//! plan and quarantine as a batch file. Settings and state are kept in meta; the password is
//! never stored (the server's session cookie is).

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen_futures::JsFuture;

use super::Desk;
use crate::browser::clock;
use crate::domain::batch::checksum::sha256_hex;
use crate::domain::batch::entries::read_entries;
use crate::domain::batch::error::Problem;
use crate::domain::batch::format::ExportingDevice;
use crate::domain::batch::import::plan_import;
use crate::domain::replication::{attachment_doc, event_doc, pulled, same_content, sort_bulk, BulkResult, FileToSend, Pulled};
use crate::store::quarantine::Quarantined;
use crate::store::{attachments, events, import as store_import, meta, outbox, StoreError};
use crate::sync::couch::{Couch, SyncError};

const SETTINGS_KEY: &str = "sync-settings";
const CHECKPOINT_KEY: &str = "sync-checkpoint";
const STATUS_KEY: &str = "sync-status";
/// Documents per `_bulk_docs` (halved while the server answers 413).
const PUSH_BATCH: u32 = 100;
/// Changes per `_changes` page: one page is one planned, chunked write.
const PULL_BATCH: u32 = 200;

/// Where to sync, as a person entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// The server's base URL, e.g. `https://couch.example.com`.
    pub server: String,
    pub db: String,
    pub user: String,
}

impl SyncSettings {
    fn couch(&self) -> Couch {
        Couch::new(&self.server, &self.db)
    }
}

/// How far sync has come with one server and database.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Checkpoint {
    server: String,
    db: String,
    /// The server's `last_seq` after the last applied page of changes.
    since: Option<Value>,
    /// Everything this device held was put in the outbox once for this server.
    enqueued_all: bool,
}

/// The last sync, as the Data page and the header show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRecord {
    /// When a sync last finished without error (UTC ms).
    pub last_ok_ms: Option<i64>,
    pub last_sent: usize,
    pub last_received: usize,
    /// The last failure's code, cleared by a good sync.
    pub last_error: Option<String>,
    pub last_error_ms: Option<i64>,
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Documents the server got from this device (created now, or found identical there).
    pub sent: usize,
    /// Events written here from the server.
    pub received: usize,
    /// Records set aside (a document differing on the server, or refused by the checks).
    pub set_aside: usize,
}

/// Progress of a sync: documents sent and events received so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    pub sent: usize,
    pub received: usize,
}

impl Desk {
    /// The saved sync settings, if sync is set up.
    pub async fn sync_settings(&self) -> Result<Option<SyncSettings>, StoreError> {
        meta::get_json(&self.db, SETTINGS_KEY).await
    }

    /// The last sync's record.
    pub async fn sync_record(&self) -> Result<SyncRecord, StoreError> {
        Ok(meta::get_json(&self.db, STATUS_KEY).await?.unwrap_or_default())
    }

    /// How many documents wait to be sent.
    pub async fn sync_waiting(&self) -> Result<u32, StoreError> {
        outbox::count(&self.db).await
    }

    /// Checks the server step by step and signs in; saves the settings only if everything
    /// works. The password is sent once and not kept.
    pub async fn connect_sync(&self, settings: &SyncSettings, password: &str) -> Result<(), SyncError> {
        if settings.server.trim().is_empty() || settings.db.trim().is_empty() || settings.user.trim().is_empty() {
            return Err(SyncError::NotConfigured);
        }
        let couch = settings.couch();
        test_server(&couch).await?;
        couch.sign_in(settings.user.trim(), password).await?;
        couch.info().await?;
        let clean = SyncSettings { server: couch.server.clone(), db: couch.db.clone(), user: settings.user.trim().to_string() };
        meta::put_json(&self.db, SETTINGS_KEY, &clean).await.map_err(store)?;
        Ok(())
    }

    /// Signs in again with the saved settings (the session expired).
    pub async fn sign_in_sync(&self, password: &str) -> Result<(), SyncError> {
        let settings = self.sync_settings().await.map_err(store)?.ok_or(SyncError::NotConfigured)?;
        settings.couch().sign_in(&settings.user, password).await
    }

    /// Turns sync off: the settings are forgotten (the data stays).
    pub async fn disconnect_sync(&self) -> Result<(), StoreError> {
        meta::delete_key(&self.db, SETTINGS_KEY).await
    }

    /// One sync: push what waits, then pull what is new. Records the outcome for the Data page.
    pub async fn sync_once(&self, progress: impl Fn(SyncProgress)) -> Result<SyncReport, SyncError> {
        let result = self.sync_inner(&progress).await;
        let mut record = self.sync_record().await.unwrap_or_default();
        let now = clock::now_ms();
        match &result {
            Ok(r) => {
                record = SyncRecord { last_ok_ms: Some(now), last_sent: r.sent, last_received: r.received, last_error: None, last_error_ms: None };
            }
            Err(e) => {
                record.last_error = Some(e.code().to_string());
                record.last_error_ms = Some(now);
            }
        }
        let _ = meta::put_json(&self.db, STATUS_KEY, &record).await;
        result
    }

    async fn sync_inner(&self, progress: &impl Fn(SyncProgress)) -> Result<SyncReport, SyncError> {
        let settings = self.sync_settings().await.map_err(store)?.ok_or(SyncError::NotConfigured)?;
        let couch = settings.couch();
        let mut checkpoint: Checkpoint = meta::get_json(&self.db, CHECKPOINT_KEY).await.map_err(store)?.unwrap_or_default();
        // The server's copy of our place: one small request, and how a replaced database is
        // noticed (it has none).
        let remote = couch.get_local(&self.checkpoint_id()).await?;
        let remote_rev = remote.as_ref().and_then(|d| d.get("_rev").cloned());
        if checkpoint.server != couch.server || checkpoint.db != couch.db {
            // Another server or database: start over with it (the server's own checkpoint
            // document lets a reinstalled device resume its pull).
            checkpoint = Checkpoint { server: couch.server.clone(), db: couch.db.clone(), since: remote.and_then(|d| d.get("since").cloned()), enqueued_all: false };
        } else if checkpoint.since.is_some() && remote.is_none() {
            // We pulled from this database before, yet it holds no checkpoint of ours: it was
            // replaced (restored, recreated, a new server at the old address) or our last
            // checkpoint never reached it. Either way, start over: send everything again
            // (what it has counts as sent) and pull from the start (what we have is skipped).
            checkpoint.since = None;
            checkpoint.enqueued_all = false;
        }
        if !checkpoint.enqueued_all {
            outbox::enqueue_everything(&self.db).await.map_err(store)?;
            checkpoint.enqueued_all = true;
            meta::put_json(&self.db, CHECKPOINT_KEY, &checkpoint).await.map_err(store)?;
        }
        let mut report = SyncReport::default();
        // Records set aside in this sync, by quarantine id: one server document that differs is
        // met by the push and again by the pull, and is one record under one id.
        let mut aside = BTreeSet::new();
        self.push(&couch, &mut report, &mut aside, progress).await?;
        let started_at = checkpoint.since.clone();
        self.pull(&couch, &mut checkpoint, &mut report, &mut aside, progress).await?;
        report.set_aside = aside.len();
        // The server keeps our place too (a reinstalled device resumes from it); an idle sync
        // (nothing new) costs only the checkpoint read and one `_changes` request.
        if checkpoint.since != started_at || remote_rev.is_none() {
            let doc = serde_json::json!({ "since": checkpoint.since, "device": self.device().id });
            couch.put_local(&self.checkpoint_id(), remote_rev, doc).await?;
        }
        Ok(report)
    }

    fn checkpoint_id(&self) -> String {
        format!("complaint-desk-{}", self.device().id)
    }

    /// Sends the outbox in batches. A document the server already has with the same content
    /// counts as sent; one it has with other content is set aside here and never overwritten.
    async fn push(&self, couch: &Couch, report: &mut SyncReport, aside: &mut BTreeSet<String>, progress: &impl Fn(SyncProgress)) -> Result<(), SyncError> {
        let mut size = PUSH_BATCH;
        loop {
            let ids = outbox::next(&self.db, size).await.map_err(store)?;
            if ids.is_empty() {
                return Ok(());
            }
            let docs = self.docs_for(&ids).await?;
            let (sent_ids, docs): (Vec<String>, Vec<Value>) = docs.into_iter().unzip();
            // Entries whose event or file is gone (never happens for events; a file could be
            // removed with its draft) have nothing to send.
            let gone: Vec<String> = ids.iter().filter(|i| !sent_ids.contains(i)).cloned().collect();
            outbox::done(&self.db, &gone).await.map_err(store)?;
            if docs.is_empty() {
                continue;
            }
            let answer = match couch.bulk_docs(&docs).await {
                Ok(a) => a,
                Err(SyncError::TooLarge) if size > 1 => {
                    size = (size / 2).max(1);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let results: Vec<BulkResult> = serde_json::from_value(answer).map_err(|e| SyncError::Protocol(e.to_string()))?;
            let sorted = sort_bulk(&sent_ids, &results);
            let mut done = sorted.created.clone();
            if !sorted.exists.is_empty() {
                let theirs: BTreeMap<String, Value> = crate::domain::sort::map_of(
                    couch.get_docs(&sorted.exists).await?.into_iter().filter_map(|d| Some((d.get("_id")?.as_str()?.to_string(), d))),
                );
                let mut differing = Vec::new();
                for id in &sorted.exists {
                    let ours = &docs[sent_ids.iter().position(|s| s == id).unwrap_or_default()];
                    match theirs.get(id) {
                        Some(t) if same_content(ours, t) => done.push(id.clone()),
                        Some(t) => {
                            differing.push(self.set_aside_server_doc(couch, id, t));
                            done.push(id.clone());
                        }
                        // Gone again (deleted on the server): sent again next time.
                        None => {}
                    }
                }
                aside.extend(differing.iter().map(|q| q.id.clone()));
                store_import::quarantine(&self.db, &differing).await.map_err(store)?;
            }
            if let Some((_, error, _)) = sorted.refused.iter().find(|r| r.1 == "unauthorized" || r.1 == "forbidden") {
                outbox::done(&self.db, &done).await.map_err(store)?;
                return Err(if error == "unauthorized" { SyncError::Unauthorized } else { SyncError::Forbidden });
            }
            let refused: Vec<Quarantined> = sorted
                .refused
                .iter()
                .map(|(id, error, reason)| Quarantined {
                    id: format!("sync-refused:{id}"),
                    received_ms: clock::now_ms(),
                    source: format!("sync {}/{}", couch.server, couch.db),
                    reason: format!("sync_refused_by_server: {error}: {reason}"),
                    data: id.clone(),
                })
                .collect();
            // Refused by the server's rules: kept here, shown, not sent again and again.
            done.extend(sorted.refused.iter().map(|r| r.0.clone()));
            aside.extend(refused.iter().map(|q| q.id.clone()));
            store_import::quarantine(&self.db, &refused).await.map_err(store)?;
            report.sent += sorted.created.len() + sorted.exists.len();
            outbox::done(&self.db, &done).await.map_err(store)?;
            progress(SyncProgress { sent: report.sent, received: report.received });
            clock::yield_to_browser().await;
        }
    }

    /// The documents for outbox ids: events by id, files (`att:<key>`) with their bytes.
    async fn docs_for(&self, ids: &[String]) -> Result<Vec<(String, Value)>, SyncError> {
        let (files, event_ids): (Vec<&String>, Vec<&String>) = ids.iter().partition(|i| i.starts_with("att:"));
        let event_ids: Vec<String> = event_ids.into_iter().cloned().collect();
        let mut out: Vec<(String, Value)> = events::get_many(&self.db, &event_ids).await.map_err(store)?.iter().map(|e| (e.id().to_string(), event_doc(e))).collect();
        for id in files {
            let key = id.trim_start_matches("att:");
            let Some(f) = attachments::file(&self.db, key).await.map_err(store)? else { continue };
            let buffer = JsFuture::from(f.blob.array_buffer()).await.map_err(|e| store(StoreError::from_js(&e)))?;
            let content = js_sys::Uint8Array::new(&buffer).to_vec();
            out.push((id.clone(), attachment_doc(&FileToSend { key, complaint: &f.complaint, name: &f.name, mime: &f.mime, content: &content })));
        }
        Ok(out)
    }

    fn set_aside_server_doc(&self, couch: &Couch, id: &str, theirs: &Value) -> Quarantined {
        let text = theirs.to_string();
        Quarantined {
            id: differs_id(id),
            received_ms: clock::now_ms(),
            source: format!("sync {}/{}", couch.server, couch.db),
            reason: "sync_differs_on_server: the server holds another document with this id; this device keeps its own".into(),
            data: text,
        }
    }

    /// Applies the server's changes page by page: each page through the batch checks and
    /// plan, written in whole chunks; the checkpoint moves only after its page is stored.
    async fn pull(&self, couch: &Couch, checkpoint: &mut Checkpoint, report: &mut SyncReport, aside: &mut BTreeSet<String>, progress: &impl Fn(SyncProgress)) -> Result<(), SyncError> {
        let source = ExportingDevice { id: "server".into(), code: String::new(), name: couch.server.clone() };
        loop {
            let page = couch.changes(checkpoint.since.as_ref(), PULL_BATCH).await?;
            let (mut event_entries, mut file_entries, mut bad) = (Vec::new(), Vec::new(), Vec::new());
            for doc in &page.docs {
                match pulled(doc) {
                    Pulled::Event(e) => event_entries.push(e),
                    Pulled::Attachment(a) => file_entries.push(a),
                    Pulled::Other => {}
                    Pulled::Bad(reason) => bad.push(Quarantined {
                        id: format!("sync-bad:{}", doc.get("_id").and_then(Value::as_str).unwrap_or_default()),
                        received_ms: clock::now_ms(),
                        source: format!("sync {}/{}", couch.server, couch.db),
                        reason: format!("record_malformed: {reason}"),
                        data: doc.to_string(),
                    }),
                }
            }
            let batch = read_entries(&event_entries, &file_entries, source.clone());
            let snapshot = store_import::snapshot(&self.db, &batch.needs()).await.map_err(store)?;
            let plan = plan_import(&batch, &snapshot, &self.device().id, clock::now_ms());
            let now = clock::now_ms();
            bad.extend(plan.refused.iter().map(|r| Quarantined {
                // A server document that differs from an event here has the key the push gives
                // it (one record, whichever met it first); others are keyed by the record's own
                // checksum: the same refused document pulled again replaces its record; retried
                // by each new app version like a file's.
                id: match (&r.problem, &r.id) {
                    (Problem::ConflictsWithStored, Some(id)) => differs_id(id),
                    _ => r.quarantine_id(&sha256_hex(r.original.as_bytes())),
                },
                received_ms: now,
                source: format!("sync {}/{}", couch.server, couch.db),
                reason: r.reason(),
                data: r.original.clone(),
            }));
            aside.extend(bad.iter().map(|q| q.id.clone()));
            store_import::quarantine(&self.db, &bad).await.map_err(store)?;
            let received = report.received;
            let written = self
                .write_plan(&plan, &snapshot, true, |p| progress(SyncProgress { sent: report.sent, received: received + p.done }), Rc::new(Cell::new(false)))
                .await
                .map_err(|e| match e {
                    super::import::ImportError::Store(s) => store(s),
                    other => SyncError::Protocol(other.to_string()),
                })?;
            report.received += written.written.events + written.written.replaced;
            checkpoint.since = Some(page.last_seq.clone());
            meta::put_json(&self.db, CHECKPOINT_KEY, &*checkpoint).await.map_err(store)?;
            if page.rows < PULL_BATCH as usize || page.pending == Some(0) {
                break;
            }
        }
        Ok(())
    }
}

/// The quarantine id of a server document that differs from what this device holds.
fn differs_id(id: &str) -> String {
    format!("sync-differs:{id}")
}

/// A store failure during sync (the local database, not the server).
fn store(e: StoreError) -> SyncError {
    SyncError::Protocol(format!("local storage: {e}"))
}

/// Tells apart "not reachable" and "reachable but CORS refused", then checks it is CouchDB.
async fn test_server(couch: &Couch) -> Result<(), SyncError> {
    match couch.welcome().await {
        Err(SyncError::Unreachable(m)) => {
            if crate::sync::http::answers_without_cors(&format!("{}/", couch.server)).await {
                Err(SyncError::CorsRefused)
            } else {
                Err(SyncError::Unreachable(m))
            }
        }
        other => other,
    }
}

//! Sync by itself: a loop for the app's lifetime that syncs when something waits to be sent,
//! when the device comes online, every few minutes while online, and when asked; backs off
//! after failures; stops and waits for a person when the server refuses the user. Only one tab
//! syncs at a time (Web Lock `sync`); it tells the others how it goes (BroadcastChannel), and
//! they show that and take its result as their own instead of syncing again.

use std::cell::Cell;
use std::rc::Rc;

use leptos::wasm_split::{wasm_split, SplitLoaderError};
use serde::{Deserialize, Serialize};

use super::on_demand::Later;
use super::sync::{SyncProgress, SyncReport};
use super::Desk;
use crate::browser::broadcast::Mirror;
use crate::browser::{clock, locks, random};
use crate::domain::replication::backoff_ms;
use crate::sync::couch::SyncError;

/// How often the loop looks (one cheap count of the outbox).
const TICK_MS: i32 = 1_500;
/// How often it pulls when nothing else made it sync.
const PERIOD_MS: i64 = 180_000;
/// After an error a person must fix (permissions, wrong address), try again this much later.
const AFTER_HARD_ERROR_MS: i64 = 300_000;

/// The channel the syncing tab tells the others on.
const MIRROR: &str = "complaint-desk-sync";

/// What sync is doing, for the header and Settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Not set up.
    #[default]
    Off,
    Synced,
    Syncing,
    Offline,
    /// The last attempt failed; it is retried by itself.
    Error,
    /// The server refused the user (session expired or password changed): sign in again.
    SignIn,
    /// Another tab is syncing (`progress` is its progress).
    Elsewhere,
}

/// The state shown to the person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub phase: Phase,
    /// Documents waiting to be sent.
    pub waiting: u32,
    pub progress: SyncProgress,
    /// The last failure.
    pub error: Option<SyncError>,
    pub last_ok_ms: Option<i64>,
}

/// Asks the loop to sync at its next look (the "Sync now" button, a sign-in).
#[derive(Clone, Default)]
pub struct SyncTrigger(Rc<Cell<bool>>);

impl SyncTrigger {
    pub fn now(&self) {
        self.0.set(true);
    }
}

/// Starts the loop; `publish` gets every change of state (it returns false once nobody
/// listens any more, which ends the loop).
pub fn start(desk: Desk, publish: impl Fn(SyncStatus) -> bool + 'static) -> SyncTrigger {
    let trigger = SyncTrigger::default();
    let asked = trigger.0.clone();
    let publish = Rc::new(publish);
    leptos::task::spawn_local(async move {
        let mirror = Rc::new(Mirror::<SyncStatus>::open(MIRROR));
        let tell_others = |s: &SyncStatus| tell(&mirror, s);
        let mut status = SyncStatus::default();
        let mut pace = Pace::default();
        if let Ok(record) = desk.sync_record().await {
            status.last_ok_ms = record.last_ok_ms;
        }
        loop {
            let now = clock::now_ms();
            let online = crate::browser::online::is_online();
            let configured = matches!(desk.sync_settings().await, Ok(Some(_)));
            status.waiting = desk.sync_waiting().await.unwrap_or(0);
            if asked.replace(false) {
                (pace.halted, pace.asked) = (false, true);
            }
            if let Some(theirs) = mirror.as_ref().as_ref().and_then(Mirror::take) {
                pace.adopt(&mut status, theirs, now);
            }
            if !configured {
                status.phase = Phase::Off;
            } else if !online {
                status.phase = Phase::Offline;
            } else if pace.due(&status, now) {
                match locks::try_lock("sync").await {
                    Ok(None) => status.phase = Phase::Elsewhere,
                    held => {
                        let _lock = held.ok().flatten();
                        status.phase = Phase::Syncing;
                        status.progress = SyncProgress::default();
                        tell_others(&status);
                        if !publish(status.clone()) {
                            return;
                        }
                        let (shown, mirror, publish) = (status.clone(), mirror.clone(), publish.clone());
                        let progress = Box::new(move |p| {
                            let s = SyncStatus { progress: p, ..shown.clone() };
                            tell(&mirror, &s);
                            publish(s);
                        });
                        let result = match sync_from_its_file(desk.clone(), progress).await {
                            Ok(sync) => sync.await,
                            Err(e) => Err(e),
                        };
                        let now = clock::now_ms();
                        status.waiting = desk.sync_waiting().await.unwrap_or(0);
                        pace.finished(&mut status, result.map(|_| ()), now);
                        tell_others(&status);
                    }
                }
            } else if matches!(status.phase, Phase::Off | Phase::Offline) {
                status.phase = if status.error.is_some() { Phase::Error } else { Phase::Synced };
            }
            pace.was_online = online && configured;
            if !publish(status.clone()) {
                return;
            }
            sleep(TICK_MS).await;
        }
    });
    trigger
}

fn tell(mirror: &Option<Mirror<SyncStatus>>, s: &SyncStatus) {
    if let Some(m) = mirror {
        m.post(s);
    }
}

/// One sync ([`Desk::sync_once`]) in a wasm file of its own (`services::on_demand`): the push,
/// the pull, the CouchDB client and the batch checks pulled documents go through are not part
/// of the app shell, and a device that never syncs never downloads them. A file that cannot be
/// fetched (online, before the service worker has cached it) is an error retried like a
/// network failure, not a stop of the app.
#[wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sync_from_its_file(desk: Desk, progress: Box<dyn Fn(SyncProgress)>) -> Result<Later<Result<SyncReport, SyncError>>, SyncError> {
    Ok(Box::pin(async move { desk.sync_once(progress).await }))
}

impl From<SplitLoaderError> for SyncError {
    fn from(e: SplitLoaderError) -> Self {
        SyncError::AppFile(e.to_string())
    }
}

/// When the loop syncs next.
#[derive(Debug, Default)]
struct Pace {
    /// Not before this time (UTC ms), unless asked, just online, or something waits.
    next_ms: i64,
    /// Failures in a row (the backoff's exponent).
    attempt: u32,
    was_online: bool,
    /// The server refused the user: wait until a person signs in.
    halted: bool,
    /// "Sync now" was pressed (or a person signed in).
    asked: bool,
}

impl Pace {
    fn due(&mut self, status: &SyncStatus, now: i64) -> bool {
        let came_online = !self.was_online;
        std::mem::take(&mut self.asked) || came_online || (!self.halted && (now >= self.next_ms || (status.waiting > 0 && self.attempt == 0)))
    }

    /// The end of a sync, this tab's or another's.
    fn finished(&mut self, status: &mut SyncStatus, result: Result<(), SyncError>, now: i64) {
        match result {
            Ok(()) => {
                (status.phase, status.error, status.last_ok_ms) = (Phase::Synced, None, Some(now));
                (self.attempt, self.halted, self.next_ms) = (0, false, now + PERIOD_MS);
            }
            Err(SyncError::Unauthorized) => {
                (status.phase, status.error, self.halted) = (Phase::SignIn, Some(SyncError::Unauthorized), true);
            }
            Err(e) => {
                let wait = if e.is_transient() { backoff_ms(self.attempt, random::unit()) as i64 } else { AFTER_HARD_ERROR_MS };
                (status.phase, status.error) = (Phase::Error, Some(e));
                self.attempt = self.attempt.saturating_add(1);
                self.next_ms = now + wait;
            }
        }
    }

    /// What another tab's sync told: its progress is shown; its result is taken as ours (it
    /// synced the same database), so this tab does not sync again right after it.
    fn adopt(&mut self, status: &mut SyncStatus, theirs: SyncStatus, now: i64) {
        match theirs.phase {
            Phase::Syncing => (status.phase, status.progress) = (Phase::Elsewhere, theirs.progress),
            Phase::Synced => {
                self.finished(status, Ok(()), now);
                status.last_ok_ms = theirs.last_ok_ms.max(status.last_ok_ms);
            }
            Phase::Error | Phase::SignIn => {
                if let Some(e) = theirs.error {
                    self.finished(status, Err(e), now);
                }
            }
            Phase::Off | Phase::Offline | Phase::Elsewhere => {}
        }
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

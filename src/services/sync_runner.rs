//! Sync by itself: a loop for the app's lifetime that syncs when something waits to be sent,
//! when the device comes online, every few minutes while online, and when asked; backs off
//! after failures; stops and waits for a person when the server refuses the user. Only one tab
//! syncs at a time (Web Lock `sync`); the others say so.

use std::cell::Cell;
use std::rc::Rc;

use super::sync::SyncProgress;
use super::Desk;
use crate::browser::{clock, locks, random};
use crate::domain::replication::backoff_ms;
use crate::sync::couch::SyncError;

/// How often the loop looks (one cheap count of the outbox).
const TICK_MS: i32 = 1_500;
/// How often it pulls when nothing else made it sync.
const PERIOD_MS: i64 = 180_000;
/// After an error a person must fix (permissions, wrong address), try again this much later.
const AFTER_HARD_ERROR_MS: i64 = 300_000;

/// What sync is doing, for the header and Settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
    /// Another tab is syncing.
    Elsewhere,
}

/// The state shown to the person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    pub phase: Phase,
    /// Documents waiting to be sent.
    pub waiting: u32,
    pub progress: SyncProgress,
    /// The last failure's code.
    pub error: Option<&'static str>,
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
    leptos::task::spawn_local(async move {
        let mut status = SyncStatus::default();
        let (mut next_ms, mut attempt, mut was_online, mut halted) = (0i64, 0u32, false, false);
        if let Ok(record) = desk.sync_record().await {
            status.last_ok_ms = record.last_ok_ms;
        }
        loop {
            let now = clock::now_ms();
            let online = crate::browser::online::is_online();
            let configured = matches!(desk.sync_settings().await, Ok(Some(_)));
            status.waiting = desk.sync_waiting().await.unwrap_or(0);
            let requested = asked.replace(false);
            if requested {
                halted = false;
            }
            if !configured {
                status.phase = Phase::Off;
            } else if !online {
                status.phase = Phase::Offline;
            } else {
                let came_online = !was_online;
                let due = requested || came_online || (!halted && (now >= next_ms || (status.waiting > 0 && attempt == 0)));
                if due {
                    match locks::try_lock("sync").await {
                        Ok(None) => status.phase = Phase::Elsewhere,
                        held => {
                            let _lock = held.ok().flatten();
                            status.phase = Phase::Syncing;
                            status.progress = SyncProgress::default();
                            if !publish(status.clone()) {
                                return;
                            }
                            let shown = status.clone();
                            let result = desk.sync_once(|p| {
                                publish(SyncStatus { progress: p, ..shown.clone() });
                            }).await;
                            let now = clock::now_ms();
                            status.waiting = desk.sync_waiting().await.unwrap_or(0);
                            match result {
                                Ok(_) => {
                                    (status.phase, status.error, status.last_ok_ms, attempt) = (Phase::Synced, None, Some(now), 0);
                                    next_ms = now + PERIOD_MS;
                                }
                                Err(SyncError::Unauthorized) => {
                                    (status.phase, status.error, halted) = (Phase::SignIn, Some(SyncError::Unauthorized.code()), true);
                                }
                                Err(e) => {
                                    status.phase = Phase::Error;
                                    status.error = Some(e.code());
                                    let wait = if e.is_transient() { backoff_ms(attempt, random::unit()) as i64 } else { AFTER_HARD_ERROR_MS };
                                    attempt = attempt.saturating_add(1);
                                    next_ms = now + wait;
                                }
                            }
                        }
                    }
                } else if status.phase == Phase::Off || status.phase == Phase::Offline || status.phase == Phase::Elsewhere {
                    status.phase = if status.error.is_some() { Phase::Error } else { Phase::Synced };
                }
            }
            was_online = online && configured;
            if !publish(status.clone()) {
                return;
            }
            sleep(TICK_MS).await;
        }
    });
    trigger
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

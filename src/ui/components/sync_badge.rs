//! The sync state at a glance in the header: synced, changes waiting, syncing with progress,
//! offline, sign in again, or an error; a link to Settings → Sync for the details.

use leptos::prelude::*;
use crate::browser::base::href;
use leptos_router::components::A;
use send_wrapper::SendWrapper;

use crate::i18n::*;
use crate::services::sync_runner::{Phase, SyncStatus, SyncTrigger};

/// What the app shares about sync: the state (set by the loop) and the "sync now" trigger
/// (there once the desk is open).
#[derive(Clone, Copy)]
pub struct SyncContext {
    pub status: RwSignal<SyncStatus>,
    pub trigger: StoredValue<Option<SendWrapper<SyncTrigger>>>,
}

impl SyncContext {
    pub fn new() -> SyncContext {
        SyncContext { status: RwSignal::new(SyncStatus::default()), trigger: StoredValue::new(None) }
    }

    /// Asks the loop to sync now.
    pub fn sync_now(&self) {
        self.trigger.with_value(|t| {
            if let Some(t) = t {
                t.now();
            }
        });
    }
}

impl Default for SyncContext {
    fn default() -> Self {
        SyncContext::new()
    }
}

/// The badge; nothing while sync is not set up.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let Some(ctx) = use_context::<SyncContext>() else { return ().into_any() };
    let status = ctx.status;
    view! {
        <Show when=move || status.with(|s| s.phase != Phase::Off)>
            <A href=href("/settings#sync") attr:class=move || format!("sync-badge sync-{:?}", status.with(|s| s.phase)).to_lowercase()
                attr:data-testid="sync-status" attr:aria-live="polite">
                {move || {
                    let s = status.get();
                    match s.phase {
                        Phase::Off => ().into_any(),
                        Phase::Synced if s.waiting > 0 => t!(i18n, sync.waiting, count = s.waiting).into_any(),
                        Phase::Synced => t!(i18n, sync.synced).into_any(),
                        Phase::Syncing => t!(i18n, sync.syncing, sent = s.progress.sent, received = s.progress.received).into_any(),
                        Phase::Offline if s.waiting > 0 => t!(i18n, sync.offline_waiting, count = s.waiting).into_any(),
                        Phase::Offline => t!(i18n, sync.offline).into_any(),
                        Phase::Error => t!(i18n, sync.error).into_any(),
                        Phase::SignIn => t!(i18n, sync.sign_in_needed).into_any(),
                        Phase::Elsewhere => t!(i18n, sync.elsewhere, sent = s.progress.sent, received = s.progress.received).into_any(),
                    }
                }}
            </A>
        </Show>
    }
    .into_any()
}

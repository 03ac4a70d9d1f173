//! Shows whether the device is online; announced politely to screen readers when it changes.

use leptos::prelude::*;

use crate::browser::online::use_online;
use crate::i18n::*;

/// A small badge: "Online" or "Offline — everything is saved on this device".
#[component]
pub fn OnlineBadge() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_online();
    view! {
        <span
            class="online-badge"
            class:offline=move || !online.get()
            role="status"
            aria-label=move || t_string!(i18n, status.connection)
            data-testid="online-badge"
        >
            {move || if online.get() {
                t_string!(i18n, status.online)
            } else {
                t_string!(i18n, status.offline)
            }}
        </span>
    }
}

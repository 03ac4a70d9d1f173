//! Offers "reload to update" when a new app version has been installed in the background.

use leptos::prelude::*;

use crate::browser::service_worker;
use crate::i18n::*;

/// Registers the service worker and shows a banner while an update waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let (update_ready, set_update_ready) = signal(false);
    service_worker::register(set_update_ready);
    view! {
        <Show when=move || update_ready.get()>
            <div class="update-banner" role="status">
                <span>{t!(i18n, update.ready)}</span>
                <button type="button" on:click=|_| service_worker::apply_update()>
                    {t!(i18n, update.reload)}
                </button>
            </div>
        </Show>
    }
}

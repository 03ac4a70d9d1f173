//! The app header: title, main navigation, connection state and language.

use leptos::prelude::*;
use crate::browser::base::href;
use leptos_router::components::A;

use crate::i18n::*;
use crate::ui::components::{language_switch::LanguageSwitch, online_badge::OnlineBadge, sync_badge::SyncBadge};

/// Title, navigation (Register, Complaints, Review, Data, Settings), online/offline badge, language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <span class="app-title">{t!(i18n, app_title)}</span>
            <nav aria-label=move || t_string!(i18n, nav.label)>
                <A href=href("/register")>{t!(i18n, nav.register)}</A>
                <A href=href("/complaints")>{t!(i18n, nav.complaints)}</A>
                <A href=href("/review")>{t!(i18n, nav.review)}</A>
                <A href=href("/data")>{t!(i18n, nav.data)}</A>
                <A href=href("/settings")>{t!(i18n, nav.settings)}</A>
            </nav>
            <div class="header-tools">
                <OnlineBadge/>
                <SyncBadge/>
                <LanguageSwitch/>
            </div>
        </header>
    }
}

//! The root component: language, router, shell, and the device's desk once it is open.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, Lazy};

use crate::i18n::*;
use crate::services::Desk;
use crate::ui::components::rules_problem::{RulesProblemBanner, RulesStatus};
use crate::ui::components::{header::Header, update_banner::UpdateBanner};
use crate::ui::pages::{complaints::ComplaintsPage, not_found::NotFound, register::RegisterPage};
use crate::ui::lazy_pages::{CsvImportRoute, DataRoute, DetailRoute, FeedbackFormRoute, ReviewRoute, SettingsRoute};
use crate::ui::text::error_text;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // Sync's state is shown in the header, which exists before the desk is open.
    provide_context(crate::ui::components::sync_badge::SyncContext::new());
    // Who is acting on this device, shared by every page (Register, the steps, approval).
    crate::ui::session::ActingPerson::provide();
    view! {
        <I18nContextProvider>
            // Before anything with text is built: the language chosen on this device.
            <crate::ui::components::language_switch::RestoreLanguage/>
            // Routes are matched and links written under the page's <base> (a sub-path deploy).
            <Router base=crate::browser::base::router_base()>
                <a class="skip-link" href="#main">{t!(use_i18n(), skip_to_content)}</a>
                <UpdateBanner/>
                <Header/>
                <main id="main" tabindex="-1">
                    <DeskGate/>
                </main>
            </Router>
        </I18nContextProvider>
    }
}

/// Opens this device's database, then shows the pages with the desk in context.
#[component]
fn DeskGate() -> impl IntoView {
    let i18n = use_i18n();
    let desk = LocalResource::new(|| async {
        let desk = Desk::open().await.map_err(|e| e.code())?;
        // Ask once per start; browsers that grant it stop evicting our data under pressure.
        leptos::task::spawn_local(async {
            crate::browser::storage::request_persistence().await;
        });
        // A new app version may read records an older one set aside.
        let retrying = desk.clone();
        leptos::task::spawn_local(async move { retrying.retry_quarantine_once_per_version().await });
        Ok(desk)
    });
    // No <Suspense> around the pages: a Suspense is pending whenever any resource read under
    // it refetches, and it then takes its children out of the page. Around the whole app that
    // meant that a draft saved while typing (its list refetches) detached the form for a
    // moment, and keystrokes and focus went nowhere. The desk opens once; pages suspend locally.
    move || match desk.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Ok(desk)) => view! { <Pages desk/> }.into_any(),
        Some(Err(code)) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
    }
}

#[component]
fn Pages(desk: Desk) -> impl IntoView {
    let i18n = use_i18n();
    // Another tab upgraded the database: this one can no longer save, so say so at once.
    let (superseded, set_superseded) = signal(false);
    desk.on_superseded(move || set_superseded.set(true));
    // Another tab saved the working rules: use them here too from the next step on. The first
    // run also reloads, for a save that happened while this tab was still starting.
    let settings_changed = crate::browser::broadcast::use_changes(crate::services::desk::CHANGED_SETTINGS);
    let rules = RulesStatus(RwSignal::new(desk.rules_problem()));
    provide_context(rules);
    let reloading = desk.clone();
    Effect::new(move |_| {
        settings_changed.track();
        let desk = reloading.clone();
        leptos::task::spawn_local(async move {
            desk.reload_settings().await;
            rules.0.set(desk.rules_problem());
        });
    });
    // Sync by itself for as long as the app runs; its state goes to the header.
    if let Some(sync) = use_context::<crate::ui::components::sync_badge::SyncContext>() {
        let trigger = crate::services::sync_runner::start(desk.clone(), move |s| sync.status.try_set(s).is_none());
        sync.trigger.set_value(Some(SendWrapper::new(trigger)));
    }
    provide_context(SendWrapper::new(desk));
    view! {
        <Show when=move || superseded.get()>
            <div class="update-banner" role="alert" data-testid="superseded">
                <span>{t!(i18n, error.storage_superseded)}</span>
                <button type="button" on:click=|_| { let _ = window().location().reload(); }>
                    {t!(i18n, update.superseded_reload)}
                </button>
            </div>
        </Show>
        <RulesProblemBanner/>
        <Routes fallback=NotFound>
            <Route path=path!("/") view=|| view! { <Redirect path="/register"/> }/>
            <Route path=path!("/register") view=RegisterPage/>
            <Route path=path!("/complaints") view=ComplaintsPage/>
            <Route path=path!("/complaints/:id") view={Lazy::<DetailRoute>::new()}/>
            <Route path=path!("/complaints/:id/form") view={Lazy::<FeedbackFormRoute>::new()}/>
            <Route path=path!("/review") view={Lazy::<ReviewRoute>::new()}/>
            <Route path=path!("/data") view={Lazy::<DataRoute>::new()}/>
            <Route path=path!("/data/csv") view={Lazy::<CsvImportRoute>::new()}/>
            <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()}/>
        </Routes>
    }
}

/// The desk that `App` provides once the database is open. It holds browser handles, which are
/// not `Send`; the wrapper is sound because the app runs on the browser's single thread.
pub fn use_desk() -> Desk {
    (*expect_context::<SendWrapper<Desk>>()).clone()
}

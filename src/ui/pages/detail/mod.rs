//! Complaint detail page: the header (number, status, first-contact owner, handler), conflicts
//! to resolve, the panels of the steps the domain allows now (the next steps open, the other
//! records folded), every SLA clock, the case file, and the timeline of every event (what, who,
//! when, on which device). This file loads the complaint; `layout` places its parts.

mod acting_as;
mod attachments;
mod case_file;
mod classify;
mod clocks;
mod closing;
mod conflicts;
mod contact;
mod corrections;
mod draft_spill;
mod export_one;
mod form;
mod handling;
mod investigation;
mod layout;
mod panel_draft;
mod panels;
mod plan;
mod responsibility;
mod summary;
mod timeline;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::browser::broadcast::use_changes;
use crate::i18n::*;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::ui::app::use_desk;
use crate::ui::text::error_text;

use layout::Detail;

/// What the page shows while its data loads and reloads.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(String),
    NotFound,
    /// A complaint, by id: the page is built once per complaint and then follows its data.
    Ready(String),
}

/// One complaint with the steps that can be taken on it now.
///
/// After a step is saved the data is read again, but the page is not rebuilt: the resource
/// keeps its last value while it refetches (what `<Transition>` does for a suspended view),
/// the step panels are a keyed list, so every panel that is still offered keeps what was typed
/// in it, whether it is open, the scroll position and the focus.
#[component]
pub fn DetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let params = use_params_map();
    let changes = use_changes(CHANGED_COMPLAINTS);
    let refresh = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        changes.track();
        refresh.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let desk = desk.clone();
        async move { desk.detail(&id).await.map(|d| d.map(Arc::new)).map_err(|e| e.code()) }
    });
    let shown = Memo::new(move |prev: Option<&Shown>| match detail.get() {
        None => Shown::Loading,
        // A failed reload keeps the page (and what is typed in it); the error shows above it.
        Some(Err(_)) if matches!(prev, Some(Shown::Ready(_))) => prev.cloned().unwrap_or(Shown::Loading),
        Some(Err(code)) => Shown::Failed(code.to_string()),
        Some(Ok(None)) => Shown::NotFound,
        Some(Ok(Some(d))) => Shown::Ready(d.view.id.clone()),
    });
    let latest = Signal::derive(move || detail.get().and_then(Result::ok).flatten());
    let on_saved = move || refresh.update(|n| *n += 1);

    let reload_error = Signal::derive(move || match (shown.get(), detail.get()) {
        (Shown::Ready(_), Some(Err(code))) => Some(code),
        _ => None,
    });
    view! {
        <p><A href=crate::browser::base::href(&crate::ui::components::list_return::last_list_href())>{t!(i18n, detail.back)}</A></p>
        {move || reload_error.get().map(|code| view! {
            <p class="form-error" role="alert" data-testid="reload-error">{move || error_text(i18n.get_locale(), code)}</p>
        })}
        {move || match shown.get() {
            Shown::Loading => view! { <p role="status">{t!(i18n, complaints.loading)}</p> }.into_any(),
            Shown::Failed(code) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), &code)}</p> }.into_any(),
            Shown::NotFound => view! { <h1>{t!(i18n, detail.not_found)}</h1> }.into_any(),
            Shown::Ready(_) => match latest.get_untracked() {
                Some(first) => {
                    let d = Signal::derive(move || latest.get().unwrap_or_else(|| first.clone()));
                    view! { <Detail d on_saved/> }.into_any()
                }
                None => ().into_any(),
            },
        }}
    }
}

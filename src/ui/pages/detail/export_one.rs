//! Export of one complaint as a batch file from its page (all its events and files), for
//! handing one case to another device or the supervisor.

use leptos::prelude::*;

use crate::browser::download::{can_share_files, share_text_file};
use crate::domain::ids::ComplaintId;
use crate::i18n::*;
use crate::services::export::{ExportOptions, ExportScope};
use crate::ui::components::downloads::use_downloads;
use crate::ui::text::error_text;

/// A button that exports this complaint; on tablets it opens the share sheet, else it downloads.
#[component]
pub fn ExportComplaint(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let error = RwSignal::new(None::<&'static str>);
    let done = RwSignal::new(None::<String>);
    let downloads = use_downloads();
    let export = Action::new_local(move |_: &()| {
        let desk = desk.clone();
        let options = ExportOptions { scope: ExportScope::Complaint(ComplaintId::from(id.as_str())), with_files: true, redacted: false, passphrase: None };
        async move {
            let file = desk.export(&options).await.map_err(|e| e.code())?;
            if can_share_files() && share_text_file(&file.text, &file.file_name).await.unwrap_or(false) {
                return Ok(file.file_name);
            }
            downloads.offer(&file.text, &file.file_name)?;
            Ok(file.file_name)
        }
    });
    Effect::new(move |_| match export.value().get() {
        Some(Ok(name)) => {
            error.set(None);
            done.set(Some(name));
        }
        Some(Err(code)) => error.set(Some(code)),
        None => {}
    });
    view! {
        <p class="no-print">
            <button type="button" data-testid="export-complaint" disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch(()); }>{t!(i18n, export.one)}</button>
            " "<span role="status" data-testid="export-complaint-result">{move || done.get().map(|name| view! { {t!(i18n, export.one_done)}" "<code>{name}</code> })}</span>
        </p>
        {move || error.get().map(|code| view! { <p class="form-error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> })}
    }
}

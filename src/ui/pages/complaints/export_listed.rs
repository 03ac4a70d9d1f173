//! "Export these complaints": the complaints the list shows with its current search or
//! filters (every page of them), as one batch file.

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use crate::domain::ids::ComplaintId;
use crate::i18n::*;
use crate::services::export::{ExportError, ExportOptions, ExportScope, ExportedFile};
use crate::services::on_demand::{Later, NotLoaded};
use crate::services::Desk;
use crate::ui::components::downloads::use_downloads;
use crate::ui::text::error_text;

/// The most complaints one listed export holds: a larger list is narrowed first (or exported
/// whole from the Data page), so a tablet never builds a file larger than a reader accepts.
const MAX_LISTED: u32 = 5_000;

/// What the list shows now: the search text, or else the filter.
pub use crate::services::csv::Listed as Shown;

/// The batch file's writing, fetched on the first export (`services::on_demand`).
#[wasm_split(export_listed, wasm_split_path = ::leptos::wasm_split, fallible)]
fn export_from_its_file(desk: Desk, options: ExportOptions) -> Result<Later<Result<ExportedFile, ExportError>>, NotLoaded> {
    Ok(Box::pin(async move { desk.export(&options).await }))
}

/// The button and its result. `shown` is read when it is pressed.
#[component]
pub fn ExportListed(#[prop(into)] shown: Signal<Shown>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let downloads = use_downloads();
    let export = Action::new_local(move |shown: &Shown| {
        let (desk, shown) = (desk.clone(), shown.clone());
        async move {
            let rows = desk.listed(&shown, MAX_LISTED).await.map_err(|e| e.code())?.ok_or("export_too_many")?;
            let ids: Vec<ComplaintId> = rows.iter().map(|r| ComplaintId::from(r.id.as_str())).collect();
            let options = ExportOptions { scope: ExportScope::Listed(ids), with_files: true, redacted: false, passphrase: None };
            let file = export_from_its_file(desk, options).await.map_err(|e| e.code())?.await.map_err(|e| e.code())?;
            downloads.offer(&file.text, &file.file_name)?;
            Ok((file.file_name, file.complaints))
        }
    });
    view! {
        <div class="list-export no-print">
            <button type="button" data-testid="export-listed" disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch(shown.get_untracked()); }>{t!(i18n, export.listed)}</button>
            {move || export.value().get().map(|r| match r {
                Ok((name, n)) => view! { <span role="status" data-testid="export-listed-result">{t!(i18n, export.listed_done, count = n)}" "<code>{name}</code></span> }.into_any(),
                Err(code) => view! { <span class="form-error" role="alert">{move || error_text(i18n.get_locale(), code)}</span> }.into_any(),
            })}
        </div>
    }
}

//! Choosing the spreadsheet: a file input, or a file dropped on the zone around it.

use leptos::prelude::*;

use super::messages::max_file_mb;
use crate::i18n::*;

/// The picker; `on_file` gets the chosen or dropped file (the first, if several).
#[component]
pub fn CsvPick(
    on_file: Callback<web_sys::File>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if busy.get_untracked() {
            return;
        }
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            on_file.run(file);
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|l| l.get(0)) {
            on_file.run(file);
        }
        // Picking the same file again (after fixing it) must fire `change` again.
        input.set_value("");
    };
    view! {
        <div class="drop-zone" class:dropping=move || dragging.get() data-testid="csv-drop"
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label for="csv-file">{t!(i18n, csv_import.pick)}</label>
            <input id="csv-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" aria-describedby="csv-pick-hint"
                disabled=move || busy.get() on:change=on_pick/>
            <p class="hint" id="csv-pick-hint">{t!(i18n, csv_import.pick_hint, mb = max_file_mb())}</p>
        </div>
    }
}

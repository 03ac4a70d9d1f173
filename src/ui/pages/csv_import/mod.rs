//! CSV import page (issue #14): a legacy spreadsheet's rows become complaints. Choose or drop
//! the file; the app detects its encoding and delimiter, shows the first rows and proposes a
//! column mapping (or uses a saved one that fits); the person edits the mapping, translates
//! choice values and picks date formats; a preview lists every row's problems at their line
//! and column before anything is written; the import registers the valid rows in chunks with
//! progress and Stop. Rows with problems are skipped and can be downloaded as a CSV.

mod columns;
mod facts;
mod messages;
mod pick;
mod preview;
mod saved;
mod values;

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::csv::mapping::CsvMapping;
use crate::domain::csv::Delimiter;
use crate::i18n::*;
use crate::services::csv::{read_csv_file, CsvFile, CsvPreview, CsvServiceError};
use crate::services::Desk;
use crate::ui::session::current_user;

/// What the page's sections share.
#[derive(Clone, Copy)]
pub struct CsvState {
    /// The file as read (none before one is chosen, or after it was refused).
    pub file: RwSignal<Option<Arc<CsvFile>>>,
    pub mapping: RwSignal<CsvMapping>,
    /// The saved mapping in use, while it is unchanged.
    pub saved_name: RwSignal<Option<String>>,
    /// Goes up after each import, so the preview reads again which rows are imported.
    pub imported: RwSignal<u32>,
    /// An import is running: the file and mapping stay as they are.
    pub running: RwSignal<bool>,
}

/// The preview of the current file and mapping: `None` without a file.
pub type PreviewResource = LocalResource<Option<Result<Rc<CsvPreview>, &'static str>>>;

/// The page.
#[component]
pub fn CsvImportPage() -> impl IntoView {
    let i18n = use_i18n();
    // Kept in a local store: callbacks are shared (`Send`), the desk holds browser handles.
    let desk = StoredValue::new_local(crate::ui::app::use_desk());
    let state = CsvState {
        file: RwSignal::new(None),
        mapping: RwSignal::new(CsvMapping::default()),
        saved_name: RwSignal::new(None),
        imported: RwSignal::new(0),
        running: RwSignal::new(false),
    };
    // The picked file, kept to read it again with another delimiter or saved mapping.
    let source = StoredValue::new_local(None::<web_sys::File>);
    let reading = RwSignal::new(false);
    let error = RwSignal::new(None::<CsvServiceError>);

    let load = Callback::new(
        move |(file, chosen): (web_sys::File, Option<(Option<String>, CsvMapping)>)| {
            let desk = desk.get_value();
            reading.set(true);
            spawn_local(async move {
                let delimiter = chosen.as_ref().and_then(|(_, m)| m.delimiter);
                let read = read_csv_file(&file, delimiter).await;
                if reading.try_set(false).is_some() {
                    return; // the page was left
                }
                match read {
                    Ok(read) => {
                        let (name, mapping) = match chosen {
                            Some(chosen) => chosen,
                            None => first_mapping(&desk, &read).await,
                        };
                        source.set_value(Some(file));
                        error.set(None);
                        state.mapping.set(mapping);
                        state.saved_name.set(name);
                        state.file.set(Some(Arc::new(read)));
                    }
                    Err(e) => {
                        error.set(Some(e));
                        state.file.set(None);
                    }
                }
            });
        },
    );
    let on_file = Callback::new(move |file: web_sys::File| load.run((file, None)));
    // Another delimiter: the columns change, so the mapping is proposed again.
    let on_delimiter = Callback::new(move |d: Delimiter| {
        let Some(file) = source.get_value() else {
            return;
        };
        let mut proposed = CsvMapping {
            delimiter: Some(d),
            ..CsvMapping::default()
        };
        proposed.defaults.first_contact_owner = state
            .mapping
            .with_untracked(|m| m.defaults.first_contact_owner.clone());
        let desk = desk.get_value();
        reading.set(true);
        spawn_local(async move {
            let read = read_csv_file(&file, Some(d)).await;
            if reading.try_set(false).is_some() {
                return;
            }
            match read {
                Ok(read) => {
                    let owner = proposed.defaults.first_contact_owner.clone();
                    state.mapping.set(desk.propose_csv_mapping(&read, &owner));
                    state.saved_name.set(None);
                    state.file.set(Some(Arc::new(read)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    // A saved mapping: read again when it names another delimiter, then use it as saved.
    let on_saved = Callback::new(move |(name, mapping): (String, CsvMapping)| {
        let Some(file) = source.get_value() else {
            return;
        };
        load.run((file, Some((Some(name), mapping))));
    });

    let preview: PreviewResource = LocalResource::new(move || {
        let file = state.file.get();
        let mapping = state.mapping.get();
        state.imported.track();
        let desk = desk.get_value();
        async move {
            let file = file?;
            Some(
                desk.preview_csv(&file, &mapping)
                    .await
                    .map(Rc::new)
                    .map_err(|e| e.code()),
            )
        }
    });

    view! {
        <h1>{t!(i18n, csv_import.title)}</h1>
        <p class="hint">{t!(i18n, csv_import.intro)}</p>
        <section class="panel" aria-labelledby="csv-file-title">
            <h2 id="csv-file-title">{t!(i18n, csv_import.file_title)}</h2>
            <CsvPick on_file busy=Signal::derive(move || reading.get() || state.running.get())/>
            <Show when=move || reading.get()>
                <p role="status" data-testid="csv-reading">{t!(i18n, csv_import.reading)}</p>
            </Show>
            <p class="form-error" role="alert" data-testid="csv-error"
                data-code=move || error.with(|e| e.as_ref().map(CsvServiceError::code))>
                {move || error.with(|e| e.as_ref().map(|e| messages::file_error_text(i18n.get_locale(), e)))}
            </p>
        </section>
        <Show when=move || state.file.with(Option::is_some)>
            <facts::FileFacts state on_delimiter/>
            <saved::SavedMappings state on_saved/>
            <columns::ColumnsEditor state/>
            <values::ValueTranslations state preview/>
            <preview::PreviewAndImport state preview/>
        </Show>
    }
}

use pick::CsvPick;

/// The mapping a new file starts with: the saved mapping that fits its headers best (every
/// column it names is in the file), else the one proposed from the headers.
async fn first_mapping(desk: &Desk, file: &CsvFile) -> (Option<String>, CsvMapping) {
    let saved = desk.csv_mappings().await.unwrap_or_default();
    let fitting = saved
        .into_iter()
        .filter(|s| {
            !s.mapping.columns.is_empty()
                && s.mapping.missing_headers(&file.table.headers).is_empty()
        })
        .max_by_key(|s| s.mapping.columns.len());
    match fitting {
        Some(s) => (Some(s.name), s.mapping),
        None => (None, desk.propose_csv_mapping(file, &current_user())),
    }
}

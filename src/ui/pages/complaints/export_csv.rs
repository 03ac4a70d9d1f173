//! "Export as CSV": the complaints the list shows (its search or filters, every page) as a
//! spreadsheet that Excel opens correctly in either language, headers and values in the
//! current language; a second button leaves the customers' personal data out (SPEC §12).

use std::rc::Rc;

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use super::export_listed::Shown;
use crate::services::csv::{CsvExport, CsvServiceError};
use crate::services::on_demand::{Later, NotLoaded};
use crate::services::Desk;
use crate::ui::components::downloads::use_downloads;
use crate::domain::channel::Channel;
use crate::domain::config::DomainConfig;
use crate::domain::csv::export::{ExportColumn, ExportLanguage};
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use crate::ui::text::{department_text, error_text, status_text, type_name, urgency_text, Translate};

/// The export's headers and values in one language.
struct InLanguage {
    locale: Locale,
    config: Rc<DomainConfig>,
}

impl ExportLanguage for InLanguage {
    fn header(&self, column: ExportColumn) -> String {
        let l = self.locale;
        match column {
            ExportColumn::Number => td_string!(l, csv_column.number),
            ExportColumn::Received => td_string!(l, csv_column.received),
            ExportColumn::Channel => td_string!(l, csv_column.channel),
            ExportColumn::Customer => td_string!(l, csv_column.customer),
            ExportColumn::Phone => td_string!(l, csv_column.phone),
            ExportColumn::Product => td_string!(l, csv_column.product),
            ExportColumn::Type => td_string!(l, csv_column.type_name),
            ExportColumn::Urgency => td_string!(l, csv_column.urgency),
            ExportColumn::Status => td_string!(l, csv_column.status),
            ExportColumn::Handler => td_string!(l, csv_column.handler),
            ExportColumn::Department => td_string!(l, csv_column.department),
            ExportColumn::Due => td_string!(l, csv_column.due),
            ExportColumn::Overdue => td_string!(l, csv_column.overdue),
            ExportColumn::Closed => td_string!(l, csv_column.closed),
            ExportColumn::Satisfaction => td_string!(l, csv_column.satisfaction),
            ExportColumn::Device => td_string!(l, csv_column.device),
        }
        .to_string()
    }

    fn value(&self, column: ExportColumn, code: &str) -> String {
        let l = self.locale;
        match column {
            ExportColumn::Channel => Channel::from_key(code).map_or_else(|| code.to_string(), |c| c.text(l).to_string()),
            ExportColumn::Type => type_name(&self.config, l, code),
            ExportColumn::Urgency => urgency_text(l, code),
            ExportColumn::Status => status_text(l, code).to_string(),
            ExportColumn::Department => department_text(l, code),
            _ => code.to_string(),
        }
    }

    fn yes_no(&self, yes: bool) -> String {
        if yes { td_string!(self.locale, yes_no.yes) } else { td_string!(self.locale, yes_no.no) }.to_string()
    }
}

/// The CSV writing, fetched on the first export (`services::on_demand`).
#[wasm_split(export_csv, wasm_split_path = ::leptos::wasm_split, fallible)]
fn export_from_its_file(desk: Desk, listed: Shown, redacted: bool, locale: Locale) -> Result<Later<Result<CsvExport, CsvServiceError>>, NotLoaded> {
    Ok(Box::pin(async move {
        let language = InLanguage { locale, config: desk.config() };
        desk.export_csv(&listed, redacted, &language).await
    }))
}

/// The two buttons and their result. `shown` is read when one is pressed.
#[component]
pub fn ExportCsv(#[prop(into)] shown: Signal<Shown>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let downloads = use_downloads();
    let export = Action::new_local(move |(shown, redacted): &(Shown, bool)| {
        let (desk, redacted, locale) = (desk.clone(), *redacted, i18n.get_locale_untracked());
        let listed = shown.clone();
        async move {
            let file = export_from_its_file(desk, listed, redacted, locale).await.map_err(|e| e.code())?.await.map_err(|e| e.code())?;
            downloads.offer(&file.text(), &file.file_name)?;
            Ok((file.file_name, file.rows))
        }
    });
    view! {
        <div class="list-export no-print">
            <button type="button" data-testid="export-csv" disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch((shown.get_untracked(), false)); }>{t!(i18n, export.csv)}</button>
            <button type="button" data-testid="export-csv-redacted" disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch((shown.get_untracked(), true)); }>{t!(i18n, export.csv_redacted)}</button>
            {move || export.value().get().map(|r| match r {
                Ok((name, n)) => view! { <span role="status" data-testid="export-csv-result">{t!(i18n, export.csv_done, count = n)}" "<code>{name}</code></span> }.into_any(),
                Err(code) => view! { <span class="form-error" role="alert" data-testid="export-csv-error">{move || error_text(i18n.get_locale(), code)}</span> }.into_any(),
            })}
        </div>
    }
}

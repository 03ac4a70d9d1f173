//! What was read: the file's encoding, delimiter (changeable), size, and its first rows as
//! they were read, so a person sees at once whether the columns came out right.

use leptos::prelude::*;

use super::CsvState;
use crate::domain::csv::Delimiter;
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use crate::ui::text::Translate;

/// Rows shown from the start of the file.
const FIRST_ROWS: usize = 3;
/// Characters shown of a long cell.
const CELL_CHARS: usize = 80;

/// A cell shortened for the sample table.
pub fn shorten(cell: &str) -> String {
    let mut out: String = cell.chars().take(CELL_CHARS).collect();
    if cell.chars().nth(CELL_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The file's facts and first rows.
#[component]
pub fn FileFacts(state: CsvState, on_delimiter: Callback<Delimiter>) -> impl IntoView {
    let i18n = use_i18n();
    let file = move || state.file.get();
    view! {
        <section class="panel" aria-labelledby="csv-facts-title">
            <h2 id="csv-facts-title">{t!(i18n, csv_import.facts_title)}</h2>
            {move || file().map(|f| {
                let (delimiter, encoding) = (f.table.delimiter, f.encoding);
                let headers = f.table.headers.clone();
                let rows: Vec<Vec<String>> = f.table.preview(FIRST_ROWS).iter().map(|r| r.cells.iter().map(|c| shorten(c)).collect()).collect();
                view! {
                    <dl class="facts">
                        <dt>{t!(i18n, csv_import.file_name)}</dt><dd data-testid="csv-file-name">{f.name.clone()}</dd>
                        <dt>{t!(i18n, csv_import.encoding)}</dt><dd data-testid="csv-encoding">{move || encoding.text(i18n.get_locale())}</dd>
                        <dt>{t!(i18n, csv_import.size)}</dt>
                        <dd data-testid="csv-size">{t!(i18n, csv_import.size_value, rows = f.table.rows.len(), columns = f.table.headers.len())}</dd>
                    </dl>
                    <div class="field">
                        <label for="csv-delimiter">{t!(i18n, csv_import.delimiter)}</label>
                        <select id="csv-delimiter" disabled=move || state.running.get()
                            on:change=move |ev| {
                                let key = event_target_value(&ev);
                                if let Some(d) = Delimiter::all().into_iter().find(|d| d.key() == key) {
                                    on_delimiter.run(d);
                                }
                            }>
                            {Delimiter::all().into_iter().map(|d| view! {
                                <option value=d.key() selected=d == delimiter>{move || d.text(i18n.get_locale())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="csv-first-rows">
                        <table class="csv-sample" data-testid="csv-sample">
                            <caption id="csv-first-rows">{t!(i18n, csv_import.first_rows)}</caption>
                            <thead><tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}

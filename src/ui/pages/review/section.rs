//! One table of the review: its title, its chart, the table itself and its CSV download.

use leptos::prelude::*;

use super::charts::TableChart;
use super::tables::Table;
use crate::i18n::*;
use crate::ui::components::downloads::use_downloads;
use crate::ui::text::error_text;

/// A table as CSV text (UTF-8 with BOM, formula-safe cells: the one writer).
pub fn csv_text(headers: &[String], rows: &[Vec<String>]) -> Result<String, &'static str> {
    let bytes = crate::domain::csv::write_table(headers, rows).map_err(|e| e.code())?;
    String::from_utf8(bytes).map_err(|_| "storage_failed")
}

#[component]
pub fn Section(table: Table, file_stem: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let downloads = use_downloads();
    let failed = RwSignal::new(None::<&'static str>);
    let key = table.key;
    let for_csv = table.clone();
    let download = move |_| {
        let result = csv_text(&for_csv.headers, &for_csv.rows).and_then(|text| downloads.offer(&text, &format!("{}-{}.csv", file_stem.get_untracked(), key)));
        failed.set(result.err());
    };
    let heading = format!("review-h-{key}");
    view! {
        <section class="review-section" aria-labelledby=heading.clone() data-testid=format!("review-{key}")>
            <div class="review-section-head">
                <h2 id=heading.clone()>{table.title.clone()}</h2>
                <button type="button" class="secondary" on:click=download>{t!(i18n, review.csv_one)}</button>
            </div>
            <TableChart table=table.clone()/>
            <div class="table-scroll">
                <table class="review-table">
                    <thead><tr>{table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {table.rows.iter().map(|r| view! {
                            <tr>{r.iter().enumerate().map(|(i, c)| if i == 0 {
                                view! { <th scope="row">{c.clone()}</th> }.into_any()
                            } else {
                                view! { <td>{c.clone()}</td> }.into_any()
                            }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || failed.get().map(|c| view! { <p class="error" role="alert">{error_text(i18n.get_locale(), c)}</p> })}
        </section>
    }
}

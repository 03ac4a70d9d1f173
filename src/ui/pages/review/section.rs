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

/// A button on the rows of a table that lists recurring problems (an improvement action is
/// made from one): its text, the column's header (for screen readers), each row's accessible
/// label (`None`: no button) and what a click on row `i` does. Not printed, not in the CSV.
#[derive(Clone)]
pub struct RowAction {
    pub text: String,
    pub header: String,
    pub labels: Vec<Option<String>>,
    pub on: Callback<usize>,
}

#[component]
pub fn Section(table: Table, file_stem: Signal<String>, #[prop(default = None)] row_action: Option<RowAction>) -> impl IntoView {
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
                    <thead><tr>
                        {table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}
                        {row_action.as_ref().map(|a| view! { <th scope="col" class="no-print"><span class="visually-hidden">{a.header.clone()}</span></th> })}
                    </tr></thead>
                    <tbody>
                        {table.rows.iter().enumerate().map(|(n, r)| view! {
                            <tr>{r.iter().enumerate().map(|(i, c)| if i == 0 {
                                view! { <th scope="row">{c.clone()}</th> }.into_any()
                            } else if table.numbers == Some(i) {
                                view! { <td>{number_links(c)}</td> }.into_any()
                            } else {
                                view! { <td>{c.clone()}</td> }.into_any()
                            }).collect_view()}
                            {row_action.as_ref().map(|a| {
                                let (text, on) = (a.text.clone(), a.on);
                                view! { <td class="no-print">{a.labels.get(n).cloned().flatten().map(|label| view! {
                                    <button type="button" class="secondary small" aria-label=label data-testid="action-from-row" on:click=move |_| on.run(n)>{text.clone()}</button>
                                })}</td> }
                            })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || failed.get().map(|c| view! { <p class="error" role="alert">{error_text(i18n.get_locale(), c)}</p> })}
        </section>
    }
}

/// Complaint numbers (separated by spaces) as links that find each one in the list: the list's
/// search stops at a whole number, so the complaint is one tap further.
fn number_links(cell: &str) -> impl IntoView {
    cell.split_whitespace()
        .enumerate()
        .map(|(i, number)| {
            let href = crate::browser::base::href(&format!("/complaints?q={}", String::from(js_sys::encode_uri_component(number))));
            view! { {(i > 0).then_some(" ")}<a href=href>{number.to_string()}</a> }
        })
        .collect_view()
}

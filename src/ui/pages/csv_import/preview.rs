//! The preview (what an import would do, every row's problems at line and column, the rows
//! with problems as a downloadable CSV) and the import itself: chunks with a progress bar and
//! Stop, then what it did.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use crate::browser::base::href;
use leptos_router::components::A;

use super::messages::problem_line;
use super::{CsvState, PreviewResource};
use crate::domain::csv::rejects_csv_with;
use crate::i18n::*;
use crate::services::csv::{CsvImportReport, CsvPreview, CsvProgress};
use crate::ui::components::downloads::use_downloads;
use crate::ui::session::current_user;
use crate::ui::text::error_text;

/// Rows with problems listed on the page (all of them are in the rejects file).
const SHOWN_PROBLEM_ROWS: usize = 50;

/// The rejects file's name: the source's name with `-rejects`.
fn rejects_name(source: &str) -> String {
    let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
    crate::domain::files::download_name(&format!("{stem}-rejects.csv"))
}

/// Preview, rejects, import, progress and report.
#[component]
pub fn PreviewAndImport(state: CsvState, preview: PreviewResource) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let downloads = use_downloads();
    let progress = RwSignal::new(None::<CsvProgress>);
    let report = RwSignal::new(None::<Result<CsvImportReport, &'static str>>);
    let download_error = RwSignal::new(None::<&'static str>);
    let stop = StoredValue::new_local(Rc::new(Cell::new(false)));
    // A new file or mapping: the last import's report no longer describes what is shown.
    Effect::new(move |_| {
        state.file.track();
        report.set(None);
    });

    let run = Action::new_local(move |_: &()| {
        let desk = desk.clone();
        let file = state.file.get_untracked();
        let mapping = state.mapping.get_untracked();
        let halt = Rc::new(Cell::new(false));
        stop.set_value(halt.clone());
        state.running.set(true);
        report.set(None);
        progress.set(None);
        async move {
            let Some(file) = file else { return };
            let result = desk
                .import_csv(
                    &file,
                    &mapping,
                    &current_user(),
                    move |p| {
                        progress.try_set(Some(p));
                    },
                    halt,
                )
                .await
                .map_err(|e| e.code());
            if state.running.try_set(false).is_some() {
                return; // the page was left
            }
            report.set(Some(result));
            state.imported.update(|n| *n += 1);
        }
    });

    let offer_rejects = move |p: Rc<CsvPreview>| {
        let Some(file) = state.file.get_untracked() else {
            return;
        };
        let locale = i18n.get_locale_untracked();
        let headers = file.table.headers.clone();
        let describe =
            |problem: &crate::domain::csv::RowProblem| problem_line(locale, problem, &headers);
        let result = rejects_csv_with(
            &file.table,
            &p.plan,
            td_string!(locale, csv_import.rejects_line),
            td_string!(locale, csv_import.rejects_problems),
            &describe,
        )
        .map_err(|e| e.code())
        .and_then(|bytes| {
            downloads.offer(&String::from_utf8_lossy(&bytes), &rejects_name(&file.name))
        });
        download_error.set(result.err());
    };

    let summary = move || {
        let p = preview.get().flatten()?;
        Some(match p {
            Err(code) => view! { <p class="form-error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
            Ok(p) => {
                let headers = state.file.with_untracked(|f| f.as_ref().map(|f| f.table.headers.clone()).unwrap_or_default());
                let (rows, new, before, rejected) = (p.plan.rows.len(), p.new_rows(), p.imported_before.len(), p.plan.rejected_count());
                let missing = p.missing_headers.join(", ");
                let problem_rows: Vec<(u64, Vec<String>)> = p
                    .plan
                    .rejected()
                    .take(SHOWN_PROBLEM_ROWS)
                    .map(|(row, problems)| (row.line, problems.iter().map(|x| problem_line(i18n.get_locale_untracked(), x, &headers)).collect()))
                    .collect();
                let for_download = p.clone();
                view! {
                    <dl class="facts csv-summary" data-testid="csv-summary">
                        <dt>{t!(i18n, csv_import.rows)}</dt><dd data-testid="csv-rows">{rows}</dd>
                        <dt>{t!(i18n, csv_import.new_rows)}</dt><dd data-testid="csv-new">{new}</dd>
                        <dt>{t!(i18n, csv_import.before_rows)}</dt><dd data-testid="csv-before">{before}</dd>
                        <dt>{t!(i18n, csv_import.problem_rows)}</dt><dd data-testid="csv-rejected">{rejected}</dd>
                    </dl>
                    {(!missing.is_empty()).then(|| view! {
                        <p class="form-error" role="alert" data-testid="csv-missing">{t!(i18n, csv_import.missing_headers, headers = missing.clone())}</p>
                    })}
                    {(rejected > 0).then(|| view! {
                        <div class="table-scroll">
                            <table class="csv-problems" data-testid="csv-problems">
                                <caption>{t!(i18n, csv_import.problems_caption, shown = problem_rows.len(), count = rejected)}</caption>
                                <thead><tr><th scope="col">{t!(i18n, csv_import.line)}</th><th scope="col">{t!(i18n, csv_import.problems)}</th></tr></thead>
                                <tbody>{problem_rows.into_iter().map(|(line, problems)| view! {
                                    <tr><th scope="row">{line}</th><td><ul>{problems.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul></td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        </div>
                        <button type="button" data-testid="csv-rejects" on:click=move |_| offer_rejects(for_download.clone())>
                            {t!(i18n, csv_import.rejects_download, count = rejected)}
                        </button>
                    })}
                    <div class="actions">
                        <button type="button" class="primary" data-testid="csv-import" disabled=move || new == 0 || state.running.get()
                            on:click=move |_| { run.dispatch(()); }>{t!(i18n, csv_import.run, count = new)}</button>
                    </div>
                    {(rejected > 0 && new > 0).then(|| view! { <p class="hint">{t!(i18n, csv_import.skipped_hint, count = rejected)}</p> })}
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="panel" aria-labelledby="csv-preview-title">
            <h2 id="csv-preview-title">{t!(i18n, csv_import.preview_title)}</h2>
            <Transition fallback=move || view! { <p role="status">{t!(i18n, csv_import.checking)}</p> }>{summary}</Transition>
            <p class="form-error" role="alert">{move || download_error.get().map(|code| error_text(i18n.get_locale(), code))}</p>
            {move || state.running.get().then(|| {
                let p = progress.get().unwrap_or(CsvProgress { done: 0, total: 0 });
                view! {
                    <div class="import-progress" data-testid="csv-progress">
                        <progress max=p.total.max(1) value=p.done aria-labelledby="csv-progress-label"></progress>
                        <p id="csv-progress-label" role="status">{t!(i18n, csv_import.progress, done = p.done, total = p.total)}</p>
                        <button type="button" data-testid="csv-stop" on:click=move |_| stop.with_value(|s| s.set(true))>{t!(i18n, csv_import.stop)}</button>
                    </div>
                }
            })}
            <div role="status" data-testid="csv-report">{move || report.get().map(|r| match r {
                Err(code) => view! { <p class="form-error">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok(r) => view! { <Report report=r/> }.into_any(),
            })}</div>
        </section>
    }
}

/// What an import did.
#[component]
fn Report(report: CsvImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let CsvImportReport {
        registered,
        skipped,
        rejected,
        refused,
        stopped,
    } = report;
    view! {
        <p data-testid="csv-done">{if stopped {
            t!(i18n, csv_import.stopped, count = registered).into_any()
        } else {
            t!(i18n, csv_import.done, count = registered).into_any()
        }}</p>
        {(skipped > 0).then(|| view! { <p>{t!(i18n, csv_import.done_skipped, count = skipped)}</p> })}
        {(rejected > 0).then(|| view! { <p>{t!(i18n, csv_import.done_rejected, count = rejected)}</p> })}
        {(!refused.is_empty()).then(|| view! {
            <p>{t!(i18n, csv_import.done_refused, count = refused.len())}</p>
            <ul>{refused.into_iter().map(|(line, code)| view! {
                <li>{move || format!("{} {line}: {}", t_string!(i18n, csv_import.line), error_text(i18n.get_locale(), code))}</li>
            }).collect_view()}</ul>
        })}
        <p><A href=href("/complaints")>{t!(i18n, csv_import.to_list)}</A></p>
    }
}

//! Holidays in the working rules (issue #12): the State Council's list for mainland China of a
//! year that ships verified (`domain::sla::official_cn`, with its notice and source), or an
//! iCalendar file (`domain::sla::ics`). Either is previewed per year — only the days the form
//! does not hold yet — and added to the form's holidays and make-up working days on "Add";
//! saving the working rules stores them. A refused file says why (and its line).

use leptos::prelude::*;
use leptos_i18n::td_string;
use wasm_bindgen_futures::JsFuture;

use crate::domain::settings::{format_dates, parse_dates};
use crate::domain::sla::holidays::{HolidayDays, YearPreview};
use crate::domain::sla::ics::{self, IcsError};
use crate::domain::sla::official_cn::{self, OfficialYear};
use crate::domain::sla::BusinessCalendar;
use crate::i18n::*;
use crate::ui::components::files::picked_files;
use crate::ui::text::error_text;

/// Days waiting for "Add": where they come from and what they are.
#[derive(Clone)]
struct Pending {
    /// The file's name or the notice's title.
    origin: String,
    days: HolidayDays,
}

/// Why a file or the form's dates cannot be used.
#[derive(Clone, Copy, PartialEq)]
enum Problem {
    File(IcsError),
    Unreadable,
    /// The form's own holiday dates do not read (fix them first).
    FormDates,
}

/// A file problem in the user's language.
fn problem_text(l: Locale, p: Problem) -> String {
    let line = |text: &str, n: usize| text.replace("[line]", &n.to_string());
    match p {
        Problem::File(IcsError::TooLarge) => td_string!(l, holidays.error_too_large).into(),
        Problem::File(IcsError::NotACalendar) => td_string!(l, holidays.error_not_calendar).into(),
        Problem::File(IcsError::NoEvents) => td_string!(l, holidays.error_no_events).into(),
        Problem::File(IcsError::BadLine(n)) => line(td_string!(l, holidays.error_bad_line), n),
        Problem::File(IcsError::BadDate(n)) => line(td_string!(l, holidays.error_bad_date), n),
        Problem::Unreadable => td_string!(l, holidays.error_read).into(),
        Problem::FormDates => error_text(l, "bad_date"),
    }
}

/// The official list's source line: title, notice number, date issued, and the link.
fn source_text(l: Locale, o: &OfficialYear) -> String {
    td_string!(l, holidays.source).replace("[title]", &o.title()).replace("[notice]", o.notice).replace("[issued]", o.issued)
}

/// The holiday tools under the calendar's date fields. `year` is the business year now.
#[component]
pub fn HolidayImport(holidays: RwSignal<String>, makeup: RwSignal<String>, year: i32, utc_offset_minutes: i32) -> impl IntoView {
    let i18n = use_i18n();
    let pending = RwSignal::new(None::<Pending>);
    let problem = RwSignal::new(None::<Problem>);
    let applied = RwSignal::new(false);
    // The year offered first: this year's list when it ships, else the newest.
    let chosen = RwSignal::new(official_cn::year(year).map_or(official_cn::YEARS[official_cn::YEARS.len() - 1].year, |o| o.year));
    let official = move || official_cn::year(chosen.get());
    // The calendar as the form holds it now (`None` when its dates do not read).
    let in_form = move || -> Option<BusinessCalendar> {
        let cal = BusinessCalendar { holidays: parse_dates(&holidays.get()).ok()?, makeup_workdays: parse_dates(&makeup.get()).ok()?, ..BusinessCalendar::default() };
        Some(cal)
    };
    let offer = move |p: Pending| {
        problem.set(None);
        applied.set(false);
        pending.set(Some(p));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else { return };
        let input: web_sys::HtmlInputElement = event_target(&ev);
        // Picking the same file again reads it again.
        input.set_value("");
        pending.set(None);
        applied.set(false);
        if file.size() > ics::MAX_BYTES as f64 {
            problem.set(Some(Problem::File(IcsError::TooLarge)));
            return;
        }
        leptos::task::spawn_local(async move {
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
                Err(_) => return problem.set(Some(Problem::Unreadable)),
            };
            match ics::read(&bytes, utc_offset_minutes) {
                Ok(days) => offer(Pending { origin: file.name(), days }),
                Err(e) => problem.set(Some(Problem::File(e))),
            }
        });
    };
    let apply = move |_| {
        let Some(p) = pending.get_untracked() else { return };
        let Some(cal) = in_form() else { return problem.set(Some(Problem::FormDates)) };
        let new = p.days.apply(&cal);
        holidays.set(format_dates(&new.holidays));
        makeup.set(format_dates(&new.makeup_workdays));
        pending.set(None);
        applied.set(true);
    };
    let years = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| p.days.preview(&in_form().unwrap_or_default()))).unwrap_or_default());
    view! {
        <section class="holiday-tools" aria-labelledby="holidays-title" data-testid="holiday-tools">
            <h4 id="holidays-title">{t!(i18n, holidays.title)}</h4>
            <div class="field">
                <label for="holidays-official-year">{t!(i18n, holidays.official)}</label>
                <div class="inline-actions">
                    <select id="holidays-official-year" aria-describedby="holidays-official-source"
                        on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { chosen.set(y) }>
                        {official_cn::YEARS.iter().map(|o| {
                            let y = o.year;
                            view! { <option value=y.to_string() selected=move || chosen.get() == y>{y}</option> }
                        }).collect_view()}
                    </select>
                    <button type="button" data-testid="holidays-official" on:click=move |_| {
                        if let Some(o) = official() { offer(Pending { origin: o.title(), days: o.days() }) }
                    }>{move || td_string!(i18n.get_locale(), holidays.official_preview).replace("[year]", &chosen.get().to_string())}</button>
                </div>
                <p class="hint" id="holidays-official-source" data-testid="holidays-source">
                    {move || official().map(|o| view! { {source_text(i18n.get_locale(), o)}" "<a href=o.source target="_blank" rel="noopener noreferrer">{o.source}</a> })}
                </p>
                {official_cn::year(year).is_none().then(|| view! {
                    <p class="hint" data-testid="holidays-none">{move || td_string!(i18n.get_locale(), holidays.official_none).replace("[year]", &year.to_string())}</p>
                })}
            </div>
            <div class="field">
                <label for="holidays-ics">{t!(i18n, holidays.import)}</label>
                <input id="holidays-ics" type="file" accept=".ics,text/calendar" aria-describedby="holidays-ics-hint holidays-ics-error" on:change=on_file/>
                <p class="hint" id="holidays-ics-hint">{t!(i18n, holidays.import_hint)}</p>
                <p class="field-error" id="holidays-ics-error" role="alert" data-testid="holidays-error">{move || problem.get().map(|p| problem_text(i18n.get_locale(), p))}</p>
            </div>
            {move || pending.get().map(|p| view! {
                <div class="holiday-preview" data-testid="holidays-preview" role="region" aria-labelledby="holidays-preview-title">
                    <h5 id="holidays-preview-title">{t!(i18n, holidays.preview_title)}</h5>
                    <p class="hint">{td_string!(i18n.get_locale(), holidays.preview_from).replace("[name]", &p.origin)}</p>
                    {move || years.with(Vec::is_empty).then(|| view! { <p data-testid="holidays-nothing-new">{t!(i18n, holidays.nothing_new)}</p> })}
                    <For each=move || years.get() key=|y| y.year let:y>
                        <YearDays y/>
                    </For>
                    <div class="form-actions">
                        <button type="button" class="primary" data-testid="holidays-apply" disabled=move || years.with(Vec::is_empty) on:click=apply>{t!(i18n, holidays.apply)}</button>
                        <button type="button" data-testid="holidays-discard" on:click=move |_| pending.set(None)>{t!(i18n, holidays.discard)}</button>
                    </div>
                </div>
            })}
            <p role="status" class="saved-note" data-testid="holidays-applied">{move || applied.get().then_some(t!(i18n, holidays.applied))}</p>
        </section>
    }
}

/// One year of the preview: its new holidays and make-up working days.
#[component]
fn YearDays(y: YearPreview) -> impl IntoView {
    let i18n = use_i18n();
    let list = |days: &[chrono::NaiveDate]| days.iter().map(|d| d.format("%m-%d").to_string()).collect::<Vec<_>>().join(", ");
    let (h, m) = (list(&y.holidays), list(&y.makeup_workdays));
    let (hn, mn) = (y.holidays.len(), y.makeup_workdays.len());
    view! {
        <div class="holiday-year" data-testid="holidays-year" data-year=y.year>
            <h6>{move || td_string!(i18n.get_locale(), holidays.year_heading).replace("[year]", &y.year.to_string())}</h6>
            <p><strong>{move || td_string!(i18n.get_locale(), holidays.holidays).replace("[count]", &hn.to_string())}</strong>" "<span data-testid="holidays-days">{h}</span></p>
            <p><strong>{move || td_string!(i18n.get_locale(), holidays.makeup).replace("[count]", &mn.to_string())}</strong>" "<span data-testid="holidays-makeup">{m}</span></p>
        </div>
    }
}

//! Review page (复盘, SPEC §11): how a week, month or custom range went, on the business
//! calendar, filtered by device, department, channel, product and type. Figures come from the
//! stored review rows (`services/review.rs`); every table is built once in the current
//! language (`tables.rs`) and shown, charted, printed and exported as CSV from that one copy.

mod actions;
mod charts;
mod controls;
mod section;
mod tables;

use leptos::prelude::*;

use crate::browser::broadcast::use_changes;
use crate::domain::review::{Period, ReviewFilter};
use crate::i18n::*;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::ui::app::use_desk;
use crate::ui::components::downloads::use_downloads;
use crate::ui::text::{department_text, error_text};
use controls::{FilterControls, Filters, PeriodChooser};
use section::{csv_text, Section};

/// The period and filters as one line (print header, the all-tables CSV).
fn describe(l: Locale, period: &Period, filter: &ReviewFilter, choices: &[(String, String)]) -> String {
    let name = |v: &str| choices.iter().find(|(k, _)| k == v).map_or_else(|| v.to_string(), |(_, t)| t.clone());
    let mut parts = vec![format!("{} {} – {}", td_string!(l, review.period), period.first, period.last)];
    let f = [(&filter.device, td_string!(l, review.col_device)), (&filter.department, td_string!(l, review.col_department)), (&filter.product, td_string!(l, review.col_product)), (&filter.type_key, td_string!(l, review.col_type))];
    for (value, label) in f {
        if let Some(v) = value {
            parts.push(format!("{label}: {}", name(v)));
        }
    }
    if let Some(c) = filter.channel {
        parts.push(format!("{}: {}", td_string!(l, review.col_channel), crate::ui::text::Translate::text(c, l)));
    }
    parts.join(" · ")
}

/// The page: chooser, filters, print and CSV buttons, then every section.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let period = RwSignal::new(desk.this_period(crate::domain::review::PeriodKind::Month));
    let filters = Filters::new();
    // Shared with reactive closures, which must be Send + Sync.
    let config = std::sync::Arc::new((*desk.config()).clone());
    let this_device = desk.device();
    let known = {
        let desk = desk.clone();
        LocalResource::new(move || {
            let desk = desk.clone();
            async move { desk.known_devices().await.unwrap_or_default() }
        })
    };
    let devices = Signal::derive(move || {
        let mut out = vec![(this_device.id.clone(), format!("{} ({})", this_device.name, this_device.code))];
        out.extend(known.get().unwrap_or_default().into_iter().map(|d| (d.id, format!("{} ({})", d.name, d.code))));
        out
    });
    let dept_keys = config.routing.departments.clone();
    let departments = Signal::derive(move || dept_keys.iter().map(|k| (k.clone(), department_text(i18n.get_locale(), k))).collect::<Vec<_>>());
    let type_config = config.clone();
    let types = Signal::derive(move || type_config.type_choices().into_iter().map(|c| (c.key, c.label.text(i18n.get_locale().as_ref()).to_string())).collect::<Vec<_>>());
    let changes = use_changes(CHANGED_COMPLAINTS);
    let report = {
        let desk = desk.clone();
        LocalResource::new(move || {
            changes.track();
            let (desk, p, f) = (desk.clone(), period.get(), filters.get());
            async move { desk.review(p, f).await.map_err(|e| e.code()) }
        })
    };
    // The tables of the report in the current language (tracked where called; no memo: the
    // page reads them once per change and the download once per click).
    let table_config = config.clone();
    let tables = move || report.get().and_then(|r| r.ok()).map(|r| tables::tables(&r, &table_config, &devices.get(), i18n.get_locale()));
    let tables = StoredValue::new(tables);
    let file_stem = Signal::derive(move || {
        let p = period.get();
        format!("review-{}-{}", p.first, p.last)
    });
    let heading = Signal::derive(move || {
        let mut all = devices.get();
        all.extend(departments.get());
        all.extend(types.get());
        describe(i18n.get_locale(), &period.get(), &filters.get(), &all)
    });
    let action_form = actions::FormState::new(period, Signal::derive(move || filters.get()));
    let today = desk.business_now().date();
    let printed_at = desk.business_now().format("%Y-%m-%d %H:%M").to_string();
    let downloads = use_downloads();
    let failed = RwSignal::new(None::<&'static str>);
    let download_all = move |_| {
        let Some(all) = untrack(|| tables.with_value(|t| t())) else { return };
        let mut rows: Vec<Vec<String>> = Vec::new();
        for t in all {
            rows.push(vec![t.title]);
            rows.push(t.headers);
            rows.extend(t.rows);
            rows.push(Vec::new());
        }
        let result = csv_text(&[heading.get_untracked()], &rows).and_then(|text| downloads.offer(&text, &format!("{}.csv", file_stem.get_untracked())));
        failed.set(result.err());
    };
    view! {
        <h1>{t!(i18n, review.title)}</h1>
        <div class="review-controls no-print">
            <PeriodChooser period/>
            <FilterControls filters devices departments types/>
            <div class="review-actions">
                <button type="button" on:click=move |_| { let _ = window().print(); }>{t!(i18n, review.print)}</button>
                <button type="button" class="secondary" on:click=download_all>{t!(i18n, review.csv_all)}</button>
            </div>
            {move || failed.get().map(|c| view! { <p class="error" role="alert">{error_text(i18n.get_locale(), c)}</p> })}
        </div>
        <div class="review-print-head">
            <p data-testid="review-heading">{move || heading.get()}</p>
            <p>{move || t_string!(i18n, review.printed_at)}" "{printed_at.clone()}</p>
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, review.loading)}</p> }>
            {move || match report.get() {
                Some(Err(code)) => view! { <p class="error" role="alert">{error_text(i18n.get_locale(), code)}</p> }.into_any(),
                _ => {
                    let r = report.get().and_then(|r| r.ok());
                    let row_action = move |t: &tables::Table| r.as_ref().and_then(|r| actions::row_action(t, r, action_form, today, i18n.get_locale()));
                    tables.with_value(|t| t()).unwrap_or_default().into_iter().map(|table| view! { <Section row_action=row_action(&table) table file_stem/> }).collect_view().into_any()
                }
            }}
        </Transition>
        <actions::ActionsSection state=action_form file_stem/>
    }
}

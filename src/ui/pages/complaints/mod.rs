//! Complaints page: search by number, phone or name; order by due time or newest; filter by
//! status, type, urgency, department, device and overdue. Reads one page at a time from the indexed `views` rows.

mod card;
pub mod export_csv;
pub mod export_listed;

use leptos::prelude::*;

use crate::browser::broadcast::use_changes;
use crate::browser::clock;
use crate::domain::classify::Urgency;
use crate::domain::keyed::Keyed;
use crate::domain::workflow::Status;
use crate::i18n::*;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::services::{Filter, FilterField, Order};
use crate::ui::app::use_desk;
use crate::ui::text::{department_text, error_text, type_name, urgency_text, Translate};


/// A filter select whose empty choice means "all".
#[component]
fn FilterSelect(
    id: &'static str,
    value: RwSignal<String>,
    #[prop(into)] disabled: Signal<bool>,
    options: Vec<String>,
    /// The option's text in a language.
    text: Callback<(Locale, String), String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev)) disabled=disabled>
                <option value="">{t!(i18n, complaints.all)}</option>
                {options.into_iter().map(|k| {
                    let shown = k.clone();
                    view! { <option value=k>{move || text.run((i18n.get_locale(), shown.clone()))}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

use card::ComplaintCard;

/// How many complaints one page shows.
const PAGE_SIZE: u32 = 50;

/// The list with its search box, order, filters and pager.
///
/// Longer than ~150 lines on purpose: the search, order and six filters are one query (one
/// `Filter`, also used by the export of the listed complaints), read page by page; the cards
/// and the filter selects are components of their own.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let query = RwSignal::new(String::new());
    let order = RwSignal::new("due".to_string());
    let status = RwSignal::new(String::new());
    let overdue = RwSignal::new(false);
    let type_key = RwSignal::new(String::new());
    let urgency = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    // `?device=ID` (the link after an import) opens the list filtered by that device.
    let from_query = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("device")).unwrap_or_default();
    let device = RwSignal::new(from_query.clone());
    let this_device = desk.device().id;
    let known = {
        let desk = desk.clone();
        LocalResource::new(move || {
            let desk = desk.clone();
            async move { desk.known_devices().await.unwrap_or_default() }
        })
    };
    let departments = desk.config().routing.departments.clone();
    // The types of the working rules (a supervisor may add their own), by their configured names.
    let types = std::sync::Arc::new((*desk.config()).clone());
    let type_keys: Vec<String> = types.type_choices().into_iter().map(|c| c.key).collect();
    let page = RwSignal::new(0u32);
    // Any change of the criteria starts again at the first page.
    Effect::new(move |_| {
        query.track();
        order.track();
        status.track();
        overdue.track();
        type_key.track();
        urgency.track();
        department.track();
        device.track();
        page.set(0);
    });
    // The chosen filters, as the list reads them (tracked where called).
    let equals = move || -> Vec<(FilterField, String)> {
        [
            (FilterField::Status, status.get()),
            (FilterField::Type, type_key.get()),
            (FilterField::Urgency, urgency.get()),
            (FilterField::Department, department.get()),
            (FilterField::Device, device.get()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
    };
    // Another tab registered something: show it here too.
    let changes = use_changes(CHANGED_COMPLAINTS);
    let data = LocalResource::new(move || {
        changes.track();
        let desk = desk.clone();
        let (q, order, overdue, page) = (query.get(), order.get(), overdue.get(), page.get());
        let equals = equals();
        async move {
            let now = clock::now_ms();
            let total = desk.count().await.map_err(|e| e.code())?;
            if !q.trim().is_empty() {
                let rows = desk.search(&q, PAGE_SIZE).await.map_err(|e| e.code())?;
                return Ok::<_, &'static str>((total, rows, false, now));
            }
            let order = if order == "newest" { Order::Newest } else { Order::DueSoonest };
            let filter = Filter { equals, overdue_at: overdue.then_some(now) };
            // One row more than a page tells whether there is a next page, without counting.
            let mut rows = desk.list(order, &filter, page * PAGE_SIZE, PAGE_SIZE + 1).await.map_err(|e| e.code())?;
            let more = rows.len() > PAGE_SIZE as usize;
            rows.truncate(PAGE_SIZE as usize);
            Ok((total, rows, more, now))
        }
    });

    let searching = Signal::derive(move || !query.get().trim().is_empty());
    // What the list shows now, for "Export these complaints".
    let shown = Signal::derive(move || {
        let q = query.get();
        if !q.trim().is_empty() {
            return export_listed::Shown::Search(q);
        }
        export_listed::Shown::Filtered(Filter { equals: equals(), overdue_at: overdue.get().then(clock::now_ms) })
    });
    view! {
        <h1>{t!(i18n, complaints.title)}</h1>
        <form class="list-controls" role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <div class="field">
                <label for="search">{t!(i18n, complaints.search)}</label>
                <input id="search" type="search" autocomplete="off" prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="order">{t!(i18n, complaints.order)}</label>
                <select id="order" prop:value=order on:change=move |ev| order.set(event_target_value(&ev))
                    disabled=move || !query.get().trim().is_empty()>
                    <option value="due">{t!(i18n, complaints.order_due)}</option>
                    <option value="newest">{t!(i18n, complaints.order_newest)}</option>
                </select>
            </div>
            <div class="field">
                <label for="status-filter">{t!(i18n, complaints.status_filter)}</label>
                <select id="status-filter" prop:value=status on:change=move |ev| status.set(event_target_value(&ev))
                    disabled=move || !query.get().trim().is_empty()>
                    <option value="">{t!(i18n, complaints.all)}</option>
                    {Status::all().into_iter().map(|s| view! { <option value=s.key()>{move || s.text(i18n.get_locale())}</option> }).collect_view()}
                </select>
            </div>
            <FilterSelect id="type-filter" value=type_key disabled=searching options=type_keys
                text=Callback::new(move |(l, k): (Locale, String)| type_name(&types, l, &k))>{t!(i18n, classify.type_label)}</FilterSelect>
            <FilterSelect id="urgency-filter" value=urgency disabled=searching options=Urgency::all().into_iter().map(|u| u.key().to_string()).collect()
                text=Callback::new(|(l, k): (Locale, String)| urgency_text(l, &k))>{t!(i18n, classify.urgency_label)}</FilterSelect>
            <FilterSelect id="department-filter" value=department disabled=searching options=departments
                text=Callback::new(|(l, k): (Locale, String)| department_text(l, &k))>{t!(i18n, step.department)}</FilterSelect>
            <div class="field">
                <label for="device-filter">{t!(i18n, complaints.device_filter)}</label>
                <select id="device-filter" on:change=move |ev| device.set(event_target_value(&ev)) disabled=searching>
                    <option value="" selected=move || device.get().is_empty()>{t!(i18n, complaints.all_devices)}</option>
                    {
                        let id = this_device.clone();
                        view! { <option value=this_device.clone() selected=move || device.get() == id>{t!(i18n, complaints.this_device)}</option> }
                    }
                    {move || {
                        let mut others: Vec<(String, String)> = known.get().unwrap_or_default().into_iter()
                            .filter(|d| d.id != this_device)
                            .map(|d| (d.id, format!("{} · {}", d.code, d.name)))
                            .collect();
                        // A device named in the address but not imported from (yet) is still offered.
                        let wanted = device.get_untracked();
                        if !wanted.is_empty() && wanted != this_device && !others.iter().any(|(id, _)| *id == wanted) {
                            others.push((wanted.clone(), wanted.chars().take(8).collect()));
                        }
                        others.into_iter().map(|(id, text)| {
                            let key = id.clone();
                            view! { <option value=id selected=move || device.get() == key>{text}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=overdue on:change=move |ev| overdue.set(event_target_checked(&ev))
                    disabled=move || !query.get().trim().is_empty()/>
                {t!(i18n, complaints.overdue_only)}
            </label>
        </form>
        <export_listed::ExportListed shown/>
        <export_csv::ExportCsv shown/>
        // Transition: while a new search or page loads, the current results stay (a Suspense
        // would blank them on every keystroke).
        <Transition fallback=move || view! { <p role="status">{t!(i18n, complaints.loading)}</p> }>
            {move || data.get().map(|result| match result {
                Err(code) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok((0, _, _, _)) => view! { <p class="empty" data-testid="empty">{t!(i18n, complaints.empty)}</p> }.into_any(),
                Ok((total, rows, more, now)) => view! {
                    <p class="count" data-testid="count">{total}" "{t!(i18n, complaints.count)}</p>
                    {rows.is_empty().then(|| view! { <p class="empty" data-testid="no-match">{t!(i18n, complaints.no_match)}</p> })}
                    <ul class="complaint-list" data-testid="complaint-list">
                        {rows.into_iter().map(|row| view! { <ComplaintCard row now_ms=now/> }).collect_view()}
                    </ul>
                    <Show when=move || { page.get() > 0 || more }>
                        <nav class="pager" aria-label=move || t_string!(i18n, complaints.pages)>
                            <button type="button" disabled=move || page.get() == 0
                                aria-label=move || t_string!(i18n, complaints.previous)
                                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"‹"</button>
                            <span>{move || page.get() + 1}</span>
                            <button type="button" disabled=!more aria-label=move || t_string!(i18n, complaints.next)
                                on:click=move |_| page.update(|p| *p += 1)>"›"</button>
                        </nav>
                    </Show>
                }.into_any(),
            })}
        </Transition>
    }
}

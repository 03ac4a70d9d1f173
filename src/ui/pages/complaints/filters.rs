//! The list's order and filters. On a phone (≤ 600 px) they fold behind a "Filters" button so
//! the first screen shows results; wider screens always show them.

use leptos::prelude::*;

use super::address::{ListOrder, ListQuery, StatusChoice};
use crate::domain::classify::Urgency;
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use crate::ui::app::use_desk;
use crate::ui::components::bind::Bind;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::components::option_select::{none_text, OptionSelect};
use crate::ui::text::{department_text, type_name};

/// A filter select whose empty choice means "all"; `field` reads and writes its value.
#[component]
fn FilterSelect(
    id: &'static str,
    query: RwSignal<ListQuery>,
    field: fn(&mut ListQuery) -> &mut String,
    options: Vec<String>,
    /// The option's text in a language.
    text: Callback<(Locale, String), String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = move || query.with(|q| field(&mut q.clone()).clone());
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id prop:value=value on:change=move |ev| query.update(|q| *field(q) = event_target_value(&ev))
                disabled=move || query.with(ListQuery::searching)>
                <option value="">{t!(i18n, complaints.all)}</option>
                {options.into_iter().map(|k| {
                    let (shown, key) = (k.clone(), k.clone());
                    view! { <option value=k selected=move || value() == key>{move || text.run((i18n.get_locale(), shown.clone()))}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Order, status (open work by default), type, urgency, department, device and "overdue only".
#[component]
pub fn ListFilters(query: RwSignal<ListQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let open = RwSignal::new(false);
    let searching = move || query.with(ListQuery::searching);
    let disabled = Signal::derive(searching);
    let this_device = desk.device().id;
    let known = LocalResource::new(move || {
        let desk = desk.clone();
        async move { desk.known_devices().await.unwrap_or_default() }
    });
    let config = std::sync::Arc::new((*use_desk().config()).clone());
    let type_keys: Vec<String> = config.type_choices().into_iter().map(|c| c.key).collect();
    let departments = config.routing.departments.clone();
    // How many filters differ from the default, on the folded button.
    let chosen = move || {
        query.with(|q| {
            [&q.type_key, &q.department, &q.device].iter().filter(|v| !v.is_empty()).count()
                + usize::from(q.status != StatusChoice::OpenWork)
                + usize::from(q.urgency.is_some())
                + usize::from(q.overdue)
        })
    };
    let device_options = move || {
        let wanted = query.with(|q| q.device.clone());
        let mut others: Vec<(String, String)> = known.get().unwrap_or_default().into_iter()
            .filter(|d| d.id != this_device)
            .map(|d| (d.id, format!("{} · {}", d.code, d.name)))
            .collect();
        // A device named in the address but not imported from (yet) is still offered.
        if !wanted.is_empty() && wanted != this_device && !others.iter().any(|(id, _)| *id == wanted) {
            others.push((wanted.clone(), wanted.chars().take(8).collect()));
        }
        others.into_iter().map(|(id, text)| {
            let key = id.clone();
            view! { <option value=id selected=move || query.with(|q| q.device == key)>{text}</option> }
        }).collect_view()
    };
    let here = desk_device_option(query, use_desk().device().id);
    // A status that includes closed complaints lists newest first whatever was asked.
    let order = Bind {
        get: Signal::derive(move || query.with(|q| if q.newest_only() { ListOrder::Newest } else { q.order })),
        set: SignalSetter::map(move |order| query.update(|q| q.order = order)),
    };
    // Derived, not a memo of its own (each memo type costs download bytes).
    let status = Bind {
        get: Signal::derive(move || query.with(|q| q.status)),
        set: SignalSetter::map(move |status| query.update(|q| q.status = status)),
    };
    view! {
        <button type="button" class="filters-toggle" aria-controls="list-filters" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {t!(i18n, list.filters)}
            {move || (chosen() > 0).then(|| format!(" ({})", chosen()))}
        </button>
        <div id="list-filters" class="list-filters" class:open=open>
            <EnumSelect id="order" value=order options=ListOrder::all()
                disabled=Signal::derive(move || query.with(|q| q.searching() || q.newest_only()))>{t!(i18n, complaints.order)}</EnumSelect>
            <EnumSelect id="status-filter" value=status options=StatusChoice::all() disabled>{t!(i18n, complaints.status_filter)}</EnumSelect>
            <FilterSelect id="type-filter" query field=|q| &mut q.type_key options=type_keys
                text=Callback::new(move |(l, k): (Locale, String)| type_name(&config, l, &k))>{t!(i18n, classify.type_label)}</FilterSelect>
            <div class="field">
                <label for="urgency-filter">{t!(i18n, classify.urgency_label)}</label>
                <OptionSelect id="urgency-filter" value=Signal::derive(move || query.with(|q| q.urgency)) options=Urgency::all()
                    on_pick=Callback::new(move |u| query.update(|q| q.urgency = u))
                    none=none_text(|l| td_string!(l, complaints.all)) disabled/>
            </div>
            <FilterSelect id="department-filter" query field=|q| &mut q.department options=departments
                text=Callback::new(|(l, k): (Locale, String)| department_text(l, &k))>{t!(i18n, step.department)}</FilterSelect>
            <div class="field">
                <label for="device-filter">{t!(i18n, complaints.device_filter)}</label>
                <select id="device-filter" on:change=move |ev| query.update(|q| q.device = event_target_value(&ev)) disabled=searching>
                    <option value="" selected=move || query.with(|q| q.device.is_empty())>{t!(i18n, complaints.all_devices)}</option>
                    {here}
                    {device_options}
                </select>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || query.with(|q| q.overdue) disabled=searching
                    on:change=move |ev| query.update(|q| q.overdue = event_target_checked(&ev))/>
                {t!(i18n, complaints.overdue_only)}
            </label>
        </div>
    }
}

/// The "This device" option of the device filter.
fn desk_device_option(query: RwSignal<ListQuery>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let key = id.clone();
    view! { <option value=id selected=move || query.with(|q| q.device == key)>{t!(i18n, complaints.this_device)}</option> }
}

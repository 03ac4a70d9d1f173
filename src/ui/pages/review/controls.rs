//! The review's period chooser (week, month or a custom range of business days, with
//! previous / next) and its filters (device, department, channel, product, type).

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::channel::Channel;
use crate::domain::keyed::Keyed;
use crate::domain::review::{Period, PeriodKind, ReviewFilter};
use crate::i18n::*;
use crate::ui::components::bind::Bind;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::components::option_select::{none_text, OptionSelect};

/// The chosen filters, one signal each ("" or `None` is everything).
#[derive(Clone, Copy)]
pub struct Filters {
    pub device: RwSignal<String>,
    pub department: RwSignal<String>,
    pub channel: RwSignal<Option<Channel>>,
    pub product: RwSignal<String>,
    pub type_key: RwSignal<String>,
}

impl Filters {
    pub fn new() -> Filters {
        let s = || RwSignal::new(String::new());
        Filters { device: s(), department: s(), channel: RwSignal::new(None), product: s(), type_key: s() }
    }

    /// The domain's filter (tracked where called).
    pub fn get(&self) -> ReviewFilter {
        let some = |s: RwSignal<String>| Some(s.get()).filter(|v| !v.trim().is_empty());
        ReviewFilter {
            device: some(self.device),
            department: some(self.department),
            channel: self.channel.get(),
            product: some(self.product),
            type_key: some(self.type_key),
        }
    }
}

/// A select whose empty choice means "all"; `options` are (value, text in a language).
#[component]
pub fn AnySelect(id: &'static str, value: RwSignal<String>, options: Signal<Vec<(String, String)>>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{t!(i18n, review.all)}</option>
                {move || options.get().into_iter().map(|(k, text)| {
                    let selected = value.get_untracked() == k;
                    view! { <option value=k selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Week / month / custom, previous and next, and the custom range's dates.
#[component]
pub fn PeriodChooser(period: RwSignal<Period>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(false);
    // Choosing a kind moves the range: the week or month of its first day, or that range kept.
    let kind = Bind {
        get: Signal::derive(move || period.get().kind),
        set: SignalSetter::map(move |kind| {
            let p = period.get_untracked();
            period.set(match kind {
                PeriodKind::Week => Period::week_of(p.first),
                PeriodKind::Month => Period::month_of(p.first),
                PeriodKind::Custom => Period { kind, ..p },
            });
        }),
    };
    let set_date = move |first: bool, text: String| {
        let p = period.get_untracked();
        let Ok(d) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") else { return problem.set(true) };
        let (a, b) = if first { (d, p.last) } else { (p.first, d) };
        match Period::custom(a, b) {
            Some(p) => {
                problem.set(false);
                period.set(p);
            }
            None => problem.set(true),
        }
    };
    view! {
        <div class="review-period">
            <EnumSelect id="review-kind" value=kind options=PeriodKind::all()>{t!(i18n, review.period)}</EnumSelect>
            <div class="field">
                <label for="review-from">{t!(i18n, review.from)}</label>
                <input id="review-from" type="date" prop:value=move || period.get().first.to_string()
                    on:change=move |ev| set_date(true, event_target_value(&ev)) aria-describedby="review-range-error"/>
            </div>
            <div class="field">
                <label for="review-to">{t!(i18n, review.to)}</label>
                <input id="review-to" type="date" prop:value=move || period.get().last.to_string()
                    on:change=move |ev| set_date(false, event_target_value(&ev)) aria-describedby="review-range-error"/>
            </div>
            <div class="review-steps">
                <button type="button" on:click=move |_| period.update(|p| *p = p.step(-1))>{t!(i18n, review.previous)}</button>
                <button type="button" on:click=move |_| period.update(|p| *p = p.step(1))>{t!(i18n, review.next)}</button>
            </div>
            <p class="field-error" id="review-range-error" aria-live="polite">
                {move || problem.get().then(|| t_string!(i18n, review.bad_range))}
            </p>
        </div>
    }
}

/// Every filter.
#[component]
pub fn FilterControls(filters: Filters, devices: Signal<Vec<(String, String)>>, departments: Signal<Vec<(String, String)>>, types: Signal<Vec<(String, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="review-filters">
            <AnySelect id="review-device" value=filters.device options=devices>{t!(i18n, review.col_device)}</AnySelect>
            <AnySelect id="review-department" value=filters.department options=departments>{t!(i18n, review.col_department)}</AnySelect>
            <div class="field">
                <label for="review-channel">{t!(i18n, review.col_channel)}</label>
                <OptionSelect id="review-channel" value=filters.channel on_pick=Callback::new(move |c| filters.channel.set(c)) options=Channel::all()
                    none=none_text(|l| td_string!(l, review.all))/>
            </div>
            <AnySelect id="review-type" value=filters.type_key options=types>{t!(i18n, review.col_type)}</AnySelect>
            <div class="field">
                <label for="review-product">{t!(i18n, review.col_product)}</label>
                <input id="review-product" type="search" prop:value=move || filters.product.get()
                    on:change=move |ev| filters.product.set(event_target_value(&ev))/>
            </div>
        </div>
    }
}

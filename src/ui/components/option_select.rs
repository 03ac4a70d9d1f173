//! A select over typed values where "none" is a real answer (a column not imported, a format
//! not chosen yet): the first option stands for `None`. The caller labels it (`id` for a
//! `<label for>`, or `aria_label`) and decides what a pick changes.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::text::Choice;

#[component]
pub fn OptionSelect<T>(
    id: String,
    #[prop(into)] value: Signal<Option<T>>,
    on_pick: Callback<Option<T>>,
    /// The values offered after the "none" option, in order.
    options: Vec<T>,
    /// The "none" option's text.
    #[prop(into)]
    none: Signal<String>,
    #[prop(optional, into)] aria_label: Option<Signal<String>>,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
) -> impl IntoView
where
    T: Choice,
{
    let i18n = use_i18n();
    let offered = options.clone();
    let disabled = disabled.unwrap_or_else(|| Signal::derive(|| false));
    view! {
        <select id=id.clone() name=id aria-label=move || aria_label.map(|l| l.get()) disabled=move || disabled.get()
            on:change=move |ev| {
                let key = event_target_value(&ev);
                on_pick.run(offered.iter().copied().find(|v| v.option_key() == key));
            }>
            <option value="" selected=move || value.get().is_none()>{move || none.get()}</option>
            {options.into_iter().map(|v| view! {
                <option value=v.option_key() selected=move || value.get() == Some(v)>{move || v.text(i18n.get_locale())}</option>
            }).collect_view()}
        </select>
    }
}

//! A labelled select over typed values ([`Choice`]): each option's value is the stable key,
//! its text the value's translation, and choosing sets the typed signal. Every enumeration a
//! form offers goes through this one component.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::text::Choice;

#[component]
pub fn EnumSelect<T>(
    id: &'static str,
    value: RwSignal<T>,
    /// The values offered, in order.
    options: Vec<T>,
    #[prop(optional, into)]
    error: Option<Signal<Option<&'static str>>>,
    /// A hint under the select.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    children: Children,
) -> impl IntoView
where
    T: Choice,
{
    let i18n = use_i18n();
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let offered = options.clone();
    let described = if hint.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id name=id aria-describedby=described aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(v) = offered.iter().find(|v| v.option_key() == key) {
                        value.set(*v);
                    }
                }>
                {options.into_iter().map(|v| view! {
                    <option value=v.option_key() selected=move || value.get() == v>{move || v.text(i18n.get_locale())}</option>
                }).collect_view()}
            </select>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h.run()}</p> })}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

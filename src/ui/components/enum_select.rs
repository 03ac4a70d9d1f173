//! A labelled select over typed values ([`Choice`]): each option's value is the stable key,
//! its text the value's translation, and choosing sets the typed value. Every enumeration a
//! form offers goes through this one component (drawn by the non-generic `KeySelect`).

use leptos::prelude::*;

use super::bind::Bind;
use super::key_select::{KeyOption, KeySelect};
use crate::ui::text::Choice;

#[component]
pub fn EnumSelect<T>(
    #[prop(into)]
    id: String,
    #[prop(into)]
    value: Bind<T>,
    /// The values offered, in order.
    options: Vec<T>,
    #[prop(optional, into)]
    error: Option<Signal<Option<&'static str>>>,
    /// A hint under the select.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView
where
    T: Choice,
{
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let current = Signal::derive(move || value.get.get().option_key());
    let keyed: Vec<KeyOption> = options.iter().map(|v| KeyOption::of(*v)).collect();
    let on_pick = Callback::new(move |key: String| {
        if let Some(v) = options.iter().find(|v| v.option_key() == key) {
            value.set.set(*v);
        }
    });
    view! { <KeySelect id current options=keyed on_pick error placeholder=None hint disabled>{children()}</KeySelect> }
}

//! A labelled select over typed values ([`Choice`]): each option's value is the stable key,
//! its text the value's translation, and choosing sets the typed value. Every enumeration a
//! form offers goes through this one component (drawn by the non-generic `key_select`).

use leptos::prelude::*;

use super::bind::Bind;
use super::key_select::{key_select, KeyOption, SelectParts};
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
    let current = Signal::derive(move || value.get.get().option_key());
    let keyed: Vec<KeyOption> = options.iter().map(|v| KeyOption::of(*v)).collect();
    let on_pick = Callback::new(move |i: Option<usize>| {
        if let Some(v) = i.and_then(|i| options.get(i)) {
            value.set.set(*v);
        }
    });
    let select = SelectParts {
        id, current, options: keyed, on_pick, placeholder: None, required: false, disabled, described: None, invalid: None, aria_label: None,
    };
    key_select(select, error, hint, children)
}

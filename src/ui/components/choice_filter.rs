//! A filter over typed values: its first option, the empty key, is `None` ("All", any value),
//! the others are the values ([`Choice`]). The sibling of `RequiredSelect<T>` for a choice
//! that may stay open; drawn by the non-generic `KeySelect`.

use leptos::prelude::*;

use super::bind::Bind;
use super::key_select::{option_keys, KeySelect};
use crate::ui::text::Choice;

#[component]
pub fn ChoiceFilter<T>(
    #[prop(into)]
    id: String,
    #[prop(into)]
    value: Bind<Option<T>>,
    /// The values offered after the "all" option, in order.
    options: Vec<T>,
    /// The "all" option's text.
    #[prop(into)]
    all: ViewFn,
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView
where
    T: Choice,
{
    let (current, keyed, on_pick) = option_keys(value, options);
    view! { <KeySelect id current options=keyed on_pick error=Signal::derive(|| None) placeholder=Some(all) hint=None disabled>{children()}</KeySelect> }
}

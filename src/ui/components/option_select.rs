//! A select over typed values where "none" is a real answer (a column not imported, a format
//! not chosen yet, a filter on every value): the first option stands for `None`. The caller
//! labels it (`id` for a `<label for>`, or `aria_label`) and decides what a pick changes. Its
//! markup is `key_select_element`, the select every typed choice draws.

use leptos::prelude::*;

use super::key_select::{key_select_element, option_keys, text_option, SelectParts};
use crate::i18n::*;
use crate::ui::text::Choice;

#[component]
pub fn OptionSelect<T>(
    #[prop(into)]
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
    let (current, options, on_pick) = option_keys(value, move |v| on_pick.run(v), options);
    key_select_element(SelectParts {
        id, current, options, on_pick, placeholder: Some(text_option(none)), required: false, disabled,
        described: None, invalid: None, aria_label,
    })
}

/// The "none" option's text in the current language, from its text in each (one derived
/// signal shared by every caller, not one copy per call).
pub fn none_text(text: fn(Locale) -> &'static str) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || text(i18n.get_locale()).to_string())
}

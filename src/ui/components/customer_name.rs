//! A customer's name as lists, the slip and the complaint page show it: the name, or
//! "Anonymous customer" (translated) for an anonymous complaint or a blank name, never an empty cell.

use leptos::prelude::*;

use crate::i18n::*;

/// The name, or "Anonymous customer" when `anonymous` or the name is blank. Text only, no
/// wrapper element, so it fits a `<dd>`, a `<td>` or a card's `<span>`.
#[component]
pub fn CustomerName(#[prop(into)] name: String, #[prop(optional)] anonymous: bool) -> impl IntoView {
    let i18n = use_i18n();
    let shown = (!anonymous && !name.trim().is_empty()).then_some(name);
    move || shown.clone().unwrap_or_else(|| t_string!(i18n, customer.anonymous_customer).to_string())
}

//! Shown for unknown addresses.

use leptos::prelude::*;

use crate::i18n::*;

/// "This page does not exist."
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! { <h1>{t!(i18n, not_found)}</h1> }
}

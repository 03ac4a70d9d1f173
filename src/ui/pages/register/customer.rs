//! The customer's name with the "anonymous" choice beside it (SPEC §3, 可匿名): whether the name
//! is required is the domain's rule (`intake::Customer::name_required`), read here, not re-decided.

use leptos::prelude::*;

use super::model::RegisterForm;
use crate::bind;
use crate::domain::intake::Customer;
use crate::i18n::*;

/// The name input (required unless the customer is anonymous) and the anonymous checkbox.
#[component]
pub fn NameField(form: RegisterForm, #[prop(into)] error: Signal<Option<&'static str>>) -> impl IntoView {
    let i18n = use_i18n();
    let (name, anonymous) = (bind!(form.customer_name), bind!(form.more.anonymous));
    let required = move || Customer { anonymous: anonymous.get.get(), ..Customer::default() }.name_required();
    view! {
        <div class="field">
            <label for="customer_name">
                {t!(i18n, customer.name)}{move || required().then_some(" *")}
            </label>
            <input id="customer_name" name="customer_name" type="text" autocomplete="off" required=required
                aria-required=move || required().to_string() aria-describedby="customer_name-hint customer_name-error"
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=name.get on:input=move |ev| name.set.set(event_target_value(&ev))/>
            <p class="hint" id="customer_name-hint">
                {move || if required() { t_string!(i18n, register.customer_name_hint) } else { t_string!(i18n, customer.anonymous_hint) }}
            </p>
            <p class="field-error" id="customer_name-error" aria-live="polite">{move || error.get()}</p>
        </div>
        <div class="field check">
            <input type="checkbox" id="anonymous" prop:checked=anonymous.get on:change=move |ev| anonymous.set.set(event_target_checked(&ev))/>
            <label for="anonymous">{t!(i18n, customer.anonymous)}</label>
        </div>
    }
}

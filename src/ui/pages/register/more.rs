//! The optional groups of the Register form (SPEC §3), folded so the common case stays short:
//! more about the customer, more about what happened, and the request type and nature. A group
//! with an error in it opens by itself. (Anonymous is beside the name, in `customer`.)

use leptos::prelude::*;

use super::model::RegisterForm;
use crate::bind;
use crate::domain::intake::{Emotion, Expectation, Recurrence, RequestType, Salutation, Seriousness};
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::components::text_field::TextField;
use crate::ui::text::Translate;

/// A folded group whose `open` follows the user's toggling and opens when it holds an error.
#[component]
fn Group(
    id: &'static str,
    #[prop(into)] has_error: Signal<bool>,
    #[prop(into)] title: ViewFn,
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if has_error.get() {
            open.set(true);
        }
    });
    view! {
        <details class="form-group" id=id prop:open=open
            on:toggle=move |ev| {
                let el: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(el.open());
            }>
            <summary>{title.run()}</summary>
            <div class="group-body">{children()}</div>
        </details>
    }
}

/// "Not said", then every value.
fn or_blank<T>(values: Vec<T>) -> Vec<Option<T>> {
    std::iter::once(None).chain(values.into_iter().map(Some)).collect()
}

/// The three optional groups. `message(input_id)` is the translated error at that input.
#[component]
pub fn MoreGroups<M>(form: RegisterForm, message: M) -> impl IntoView
where
    M: Fn(&'static str) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let any = move |ids: &'static [&'static str]| Signal::derive(move || ids.iter().any(|id| message(id).get().is_some()));
    let locale = move || i18n.get_locale();
    let expectations = bind!(form.more.expectations);
    let occurred_at = bind!(form.more.occurred_at);
    view! {
        <Group id="more-customer" has_error=any(&["customer_email", "customer_no", "company", "address"])
            title=move || t!(i18n, more.customer_group)>
            <EnumSelect id="salutation" value=bind!(form.more.salutation) options=or_blank(Salutation::all())>{t!(i18n, more.salutation)}</EnumSelect>
            <TextField id="customer_email" value=bind!(form.more.email) error=message("customer_email") input_type="email" inputmode="email">
                {t!(i18n, more.email)}
            </TextField>
            <TextField id="customer_no" value=bind!(form.more.customer_no) error=message("customer_no")>{t!(i18n, more.customer_no)}</TextField>
            <TextField id="company" value=bind!(form.more.company) error=message("company")>{t!(i18n, more.company)}</TextField>
            <TextField id="address" value=bind!(form.more.address) error=message("address")>{t!(i18n, more.address)}</TextField>
        </Group>
        <Group id="more-incident" has_error=any(&["occurred_at", "place", "model", "order_ref", "restatement", "expectation_note"])
            title=move || t!(i18n, more.incident_group)>
            <div class="field">
                <label for="occurred_at">{t!(i18n, more.occurred_at)}</label>
                <input type="datetime-local" id="occurred_at" name="occurred_at" aria-describedby="occurred_at-error"
                    aria-invalid=move || message("occurred_at").get().is_some().to_string()
                    prop:value=occurred_at.get on:input=move |ev| occurred_at.set.set(event_target_value(&ev))/>
                <p class="field-error" id="occurred_at-error" aria-live="polite">{move || message("occurred_at").get()}</p>
            </div>
            <TextField id="place" value=bind!(form.more.place) error=message("place")>{t!(i18n, more.place)}</TextField>
            <TextField id="model" value=bind!(form.more.model) error=message("model")>{t!(i18n, more.model)}</TextField>
            <TextField id="order_ref" value=bind!(form.more.order_ref) error=message("order_ref")>{t!(i18n, more.order_ref)}</TextField>
            <TextField id="restatement" value=bind!(form.more.restatement) error=message("restatement") rows=3>{t!(i18n, more.restatement)}</TextField>
            <fieldset class="field choices expectations">
                <legend>{t!(i18n, more.expectations)}</legend>
                {Expectation::all().into_iter().map(|e| {
                    let id = format!("expect-{}", e.key());
                    let label_for = id.clone();
                    view! {
                        <label for=label_for>
                            <input type="checkbox" id=id prop:checked=move || expectations.get.with(|v| v.contains(&e))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|d| { let v = &mut d.more.expectations; v.retain(|x| *x != e); if on { v.push(e); } });
                                }/>
                            {move || e.text(locale())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <TextField id="expectation_note" value=bind!(form.more.expectation_note) error=message("expectation_note")>{t!(i18n, more.expectation_note)}</TextField>
            <EnumSelect id="emotion" value=bind!(form.more.emotion) options=or_blank(Emotion::all())>{t!(i18n, more.emotion)}</EnumSelect>
        </Group>
        <Group id="more-nature" has_error=Signal::derive(|| false) title=move || t!(i18n, more.nature_group)>
            <EnumSelect id="request_type" value=bind!(form.more.request_type) options=RequestType::all()>{t!(i18n, more.request_type)}</EnumSelect>
            <EnumSelect id="seriousness" value=bind!(form.more.seriousness) options=Seriousness::all()>{t!(i18n, feedback.nature)}</EnumSelect>
            <EnumSelect id="recurrence" value=bind!(form.more.recurrence) options=Recurrence::all()>{t!(i18n, more.recurrence)}</EnumSelect>
        </Group>
    }
}

//! Correcting what was registered (SPEC §3): the customer's details and the incident. A
//! correction is a new write of the field, so the registered values stay in the history.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::intake::{Customer, Incident};
use crate::i18n::*;
use crate::ui::components::text_field::TextField;

use super::form::{optional_time, time_value, use_case, Check, CommandForm, FormState, TimeField};

/// Corrects the customer: name, contact and the rest of the customer group.
#[component]
pub fn CorrectCustomerPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("customer");
    let c = case.current().state.customer().unwrap_or_default();
    let salutation = c.salutation;
    let anonymous = RwSignal::new(c.anonymous);
    let [name, phone, email, customer_no, company, address] =
        [c.name, c.phone, c.email, c.customer_no, c.company, c.address].map(RwSignal::new);
    let build = move || {
        Ok(Command::CorrectCustomer {
            customer: Customer {
                anonymous: anonymous.get_untracked(),
                name: name.get_untracked(),
                salutation,
                phone: phone.get_untracked(),
                email: email.get_untracked(),
                customer_no: customer_no.get_untracked(),
                company: company.get_untracked(),
                address: address.get_untracked(),
            },
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, correct.customer_title) submit=move || t!(i18n, correct.submit) command=build folded>
            <Check id="customer-anonymous" value=anonymous>{t!(i18n, more.anonymous)}</Check>
            <TextField id="customer-customer_name" value=name error=form.at("customer_name")>{t!(i18n, register.customer_name)}</TextField>
            <TextField id="customer-customer_phone" value=phone error=form.at("customer_phone") input_type="tel" inputmode="tel">
                {t!(i18n, register.customer_phone)}
            </TextField>
            <TextField id="customer-customer_email" value=email error=form.at("customer_email") input_type="email" inputmode="email">
                {t!(i18n, more.email)}
            </TextField>
            <TextField id="customer-customer_no" value=customer_no error=form.at("customer_no")>{t!(i18n, more.customer_no)}</TextField>
            <TextField id="customer-company" value=company error=form.at("company")>{t!(i18n, more.company)}</TextField>
            <TextField id="customer-address" value=address error=form.at("address")>{t!(i18n, more.address)}</TextField>
        </CommandForm>
    }
}

/// Corrects the incident: what happened, when and where, the product, the customer's words.
#[component]
pub fn CorrectIncidentPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("incident");
    let i = case.current().state.incident().cloned().unwrap_or_default();
    let (expectations, emotion) = (i.expectations.clone(), i.emotion);
    let occurred_at = RwSignal::new(i.occurred_at.map(time_value).unwrap_or_default());
    let [place, product, model, order_ref, own_words, restatement, expectation_note] =
        [i.place, i.product, i.model, i.order_ref, i.own_words, i.restatement, i.expectation_note].map(RwSignal::new);
    let build = move || {
        let occurred_at = optional_time(occurred_at, "occurred_at")?;
        Ok(Command::CorrectIncident {
            incident: Incident {
                occurred_at,
                place: place.get_untracked(),
                product: product.get_untracked(),
                model: model.get_untracked(),
                order_ref: order_ref.get_untracked(),
                own_words: own_words.get_untracked(),
                restatement: restatement.get_untracked(),
                expectations: expectations.clone(),
                expectation_note: expectation_note.get_untracked(),
                emotion,
            },
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, correct.incident_title) submit=move || t!(i18n, correct.submit) command=build folded>
            <TextField id="incident-product" value=product error=form.at("product") required=true>{t!(i18n, register.product)}</TextField>
            <TextField id="incident-model" value=model error=form.at("model")>{t!(i18n, more.model)}</TextField>
            <TextField id="incident-order_ref" value=order_ref error=form.at("order_ref")>{t!(i18n, more.order_ref)}</TextField>
            <TimeField id="incident-occurred_at" value=occurred_at error=form.at("occurred_at")>{t!(i18n, more.occurred_at)}</TimeField>
            <TextField id="incident-place" value=place error=form.at("place")>{t!(i18n, more.place)}</TextField>
            <TextField id="incident-description" value=own_words error=form.at("description") rows=4 required=true>
                {t!(i18n, register.description)}
            </TextField>
            <TextField id="incident-restatement" value=restatement error=form.at("restatement") rows=3>{t!(i18n, more.restatement)}</TextField>
            <TextField id="incident-expectation_note" value=expectation_note error=form.at("expectation_note")>
                {t!(i18n, more.expectation_note)}
            </TextField>
        </CommandForm>
    }
}

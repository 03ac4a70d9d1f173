//! The optional groups of the Register form (SPEC §3), folded so the common case stays short:
//! more about the customer, more about what happened, and the request type and nature. A group
//! with an error in it opens by itself.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::intake::{Emotion, Expectation, Recurrence, RequestType, Salutation, Seriousness};
use crate::domain::registration::MoreDetails;
use crate::i18n::*;
use crate::ui::components::text_field::TextField;
use crate::domain::keyed::Keyed;
use crate::ui::text::{Choice, Translate};

const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M";
/// The groups' inputs as typed (also what the draft keeps).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoreDraft {
    pub anonymous: bool,
    pub salutation: String,
    pub email: String,
    pub customer_no: String,
    pub company: String,
    pub address: String,
    pub occurred_at: String,
    pub place: String,
    pub model: String,
    pub order_ref: String,
    pub restatement: String,
    pub expectations: Vec<String>,
    pub expectation_note: String,
    pub emotion: String,
    pub request_type: String,
    pub seriousness: String,
    pub recurrence: String,
}

impl MoreDraft {
    /// The domain's input; `None` when "when it happened" does not parse.
    pub fn details(&self) -> Option<MoreDetails> {
        let occurred_at = match self.occurred_at.trim() {
            "" => None,
            t => Some(NaiveDateTime::parse_from_str(t, DATETIME_FORMAT).ok()?),
        };
        Some(MoreDetails {
            anonymous: self.anonymous,
            salutation: Keyed::from_key(&self.salutation),
            email: self.email.clone(),
            customer_no: self.customer_no.clone(),
            company: self.company.clone(),
            address: self.address.clone(),
            occurred_at,
            place: self.place.clone(),
            model: self.model.clone(),
            order_ref: self.order_ref.clone(),
            restatement: self.restatement.clone(),
            expectations: self.expectations.iter().filter_map(|k| Expectation::from_key(k)).collect(),
            expectation_note: self.expectation_note.clone(),
            emotion: Keyed::from_key(&self.emotion),
            request_type: Keyed::from_key(&self.request_type),
            seriousness: Keyed::from_key(&self.seriousness),
            recurrence: Keyed::from_key(&self.recurrence),
        })
    }
}

/// One signal per input of the groups.
#[derive(Clone, Copy)]
pub struct MoreFields {
    anonymous: RwSignal<bool>,
    salutation: RwSignal<String>,
    email: RwSignal<String>,
    customer_no: RwSignal<String>,
    company: RwSignal<String>,
    address: RwSignal<String>,
    occurred_at: RwSignal<String>,
    place: RwSignal<String>,
    model: RwSignal<String>,
    order_ref: RwSignal<String>,
    restatement: RwSignal<String>,
    expectations: RwSignal<Vec<String>>,
    expectation_note: RwSignal<String>,
    emotion: RwSignal<String>,
    request_type: RwSignal<String>,
    seriousness: RwSignal<String>,
    recurrence: RwSignal<String>,
}

impl MoreFields {
    pub fn new() -> MoreFields {
        let s = || RwSignal::new(String::new());
        MoreFields {
            anonymous: RwSignal::new(false),
            salutation: s(),
            email: s(),
            customer_no: s(),
            company: s(),
            address: s(),
            occurred_at: s(),
            place: s(),
            model: s(),
            order_ref: s(),
            restatement: s(),
            expectations: RwSignal::new(Vec::new()),
            expectation_note: s(),
            emotion: s(),
            request_type: RwSignal::new(RequestType::Complaint.key().to_string()),
            seriousness: RwSignal::new(Seriousness::General.key().to_string()),
            recurrence: RwSignal::new(Recurrence::FirstTime.key().to_string()),
        }
    }

    /// What is typed now (tracked: the draft follows it).
    pub fn draft(self) -> MoreDraft {
        MoreDraft {
            anonymous: self.anonymous.get(),
            salutation: self.salutation.get(),
            email: self.email.get(),
            customer_no: self.customer_no.get(),
            company: self.company.get(),
            address: self.address.get(),
            occurred_at: self.occurred_at.get(),
            place: self.place.get(),
            model: self.model.get(),
            order_ref: self.order_ref.get(),
            restatement: self.restatement.get(),
            expectations: self.expectations.get(),
            expectation_note: self.expectation_note.get(),
            emotion: self.emotion.get(),
            request_type: self.request_type.get(),
            seriousness: self.seriousness.get(),
            recurrence: self.recurrence.get(),
        }
    }

    /// Fills the inputs from a draft (or clears them with `MoreDraft::default()`).
    pub fn load(self, d: MoreDraft) {
        let fresh = MoreFields::new();
        let or = |v: String, s: RwSignal<String>| if v.is_empty() { s.get_untracked() } else { v };
        self.anonymous.set(d.anonymous);
        self.salutation.set(d.salutation);
        self.email.set(d.email);
        self.customer_no.set(d.customer_no);
        self.company.set(d.company);
        self.address.set(d.address);
        self.occurred_at.set(d.occurred_at);
        self.place.set(d.place);
        self.model.set(d.model);
        self.order_ref.set(d.order_ref);
        self.restatement.set(d.restatement);
        self.expectations.set(d.expectations);
        self.expectation_note.set(d.expectation_note);
        self.emotion.set(d.emotion);
        self.request_type.set(or(d.request_type, fresh.request_type));
        self.seriousness.set(or(d.seriousness, fresh.seriousness));
        self.recurrence.set(or(d.recurrence, fresh.recurrence));
    }
}

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

/// A labelled select over an enumeration kept as its key (the draft keeps keys); `""` is
/// "not said" when `blank`.
#[component]
fn KeySelect<T: Choice>(id: &'static str, value: RwSignal<String>, options: Vec<T>, #[prop(optional)] blank: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id name=id on:change=move |ev| value.set(event_target_value(&ev))>
                {blank.then(|| view! { <option value="" selected=move || value.get().is_empty()>"—"</option> })}
                {options.into_iter().map(|v| view! {
                    <option value=v.option_key() selected=move || value.get() == v.option_key()>{move || v.text(i18n.get_locale())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The three optional groups. `message(input_id)` is the translated error at that input.
#[component]
pub fn MoreGroups<M>(f: MoreFields, message: M) -> impl IntoView
where
    M: Fn(&'static str) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let any = move |ids: &'static [&'static str]| Signal::derive(move || ids.iter().any(|id| message(id).get().is_some()));
    let locale = move || i18n.get_locale();
    view! {
        <Group id="more-customer" has_error=any(&["customer_email", "customer_no", "company", "address"])
            title=move || t!(i18n, more.customer_group)>
            <div class="field check">
                <input type="checkbox" id="anonymous" prop:checked=f.anonymous on:change=move |ev| f.anonymous.set(event_target_checked(&ev))/>
                <label for="anonymous">{t!(i18n, more.anonymous)}</label>
            </div>
            <KeySelect id="salutation" value=f.salutation blank=true options=Salutation::all()>{t!(i18n, more.salutation)}</KeySelect>
            <TextField id="customer_email" value=f.email error=message("customer_email") input_type="email" inputmode="email">
                {t!(i18n, more.email)}
            </TextField>
            <TextField id="customer_no" value=f.customer_no error=message("customer_no")>{t!(i18n, more.customer_no)}</TextField>
            <TextField id="company" value=f.company error=message("company")>{t!(i18n, more.company)}</TextField>
            <TextField id="address" value=f.address error=message("address")>{t!(i18n, more.address)}</TextField>
        </Group>
        <Group id="more-incident" has_error=any(&["occurred_at", "place", "model", "order_ref", "restatement", "expectation_note"])
            title=move || t!(i18n, more.incident_group)>
            <div class="field">
                <label for="occurred_at">{t!(i18n, more.occurred_at)}</label>
                <input type="datetime-local" id="occurred_at" name="occurred_at" aria-describedby="occurred_at-error"
                    aria-invalid=move || message("occurred_at").get().is_some().to_string()
                    prop:value=f.occurred_at on:input=move |ev| f.occurred_at.set(event_target_value(&ev))/>
                <p class="field-error" id="occurred_at-error" aria-live="polite">{move || message("occurred_at").get()}</p>
            </div>
            <TextField id="place" value=f.place error=message("place")>{t!(i18n, more.place)}</TextField>
            <TextField id="model" value=f.model error=message("model")>{t!(i18n, more.model)}</TextField>
            <TextField id="order_ref" value=f.order_ref error=message("order_ref")>{t!(i18n, more.order_ref)}</TextField>
            <TextField id="restatement" value=f.restatement error=message("restatement") rows=3>{t!(i18n, more.restatement)}</TextField>
            <fieldset class="field choices expectations">
                <legend>{t!(i18n, more.expectations)}</legend>
                {Expectation::all().into_iter().map(|e| {
                    let key = e.key();
                    let (k1, k2) = (key.to_string(), key.to_string());
                    let id = format!("expect-{key}");
                    let label_for = id.clone();
                    view! {
                        <label for=label_for>
                            <input type="checkbox" id=id prop:checked=move || f.expectations.with(|v| v.contains(&k1))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    f.expectations.update(|v| { v.retain(|x| x != &k2); if on { v.push(k2.clone()); } });
                                }/>
                            {move || e.text(locale())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <TextField id="expectation_note" value=f.expectation_note error=message("expectation_note")>{t!(i18n, more.expectation_note)}</TextField>
            <KeySelect id="emotion" value=f.emotion blank=true options=Emotion::all()>{t!(i18n, more.emotion)}</KeySelect>
        </Group>
        <Group id="more-nature" has_error=Signal::derive(|| false) title=move || t!(i18n, more.nature_group)>
            <KeySelect id="request_type" value=f.request_type options=RequestType::all()>{t!(i18n, more.request_type)}</KeySelect>
            <KeySelect id="seriousness" value=f.seriousness options=Seriousness::all()>{t!(i18n, feedback.nature)}</KeySelect>
            <KeySelect id="recurrence" value=f.recurrence options=Recurrence::all()>{t!(i18n, more.recurrence)}</KeySelect>
        </Group>
    }
}

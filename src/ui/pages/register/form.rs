//! The Register form's state: one struct, one signal per input, typed as the domain's input
//! (`NewComplaint` with its `MoreDetails`) types it. Only the two times stay text, because a
//! half-typed `datetime-local` value must survive in the draft. The stored draft
//! (`RegisterDraft`, whose text format devices already hold) is written and read here, and the
//! domain's input is built here: a new field is a signal, a line in `draft`, `load` and `input`.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::draft::RegisterDraft;
use super::more::MoreDraft;
use crate::domain::channel::Channel;
use crate::domain::intake::{Emotion, Expectation, Recurrence, RequestType, Salutation, Seriousness};
use crate::domain::keyed::Keyed;
use crate::domain::registration::{MoreDetails, NewComplaint};

/// How `datetime-local` inputs write a time.
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A time typed on the form that does not read as a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTime {
    ReceivedAt,
    OccurredAt,
}

/// Every input of the Register form.
#[derive(Clone, Copy)]
pub struct RegisterForm {
    pub received_at: RwSignal<String>,
    pub channel: RwSignal<Channel>,
    pub customer_name: RwSignal<String>,
    pub customer_phone: RwSignal<String>,
    pub product: RwSignal<String>,
    pub description: RwSignal<String>,
    /// Who received it (the first-contact owner).
    pub received_by: RwSignal<String>,
    pub anonymous: RwSignal<bool>,
    pub salutation: RwSignal<Option<Salutation>>,
    pub email: RwSignal<String>,
    pub customer_no: RwSignal<String>,
    pub company: RwSignal<String>,
    pub address: RwSignal<String>,
    pub occurred_at: RwSignal<String>,
    pub place: RwSignal<String>,
    pub model: RwSignal<String>,
    pub order_ref: RwSignal<String>,
    pub restatement: RwSignal<String>,
    pub expectations: RwSignal<Vec<Expectation>>,
    pub expectation_note: RwSignal<String>,
    pub emotion: RwSignal<Option<Emotion>>,
    pub request_type: RwSignal<RequestType>,
    pub seriousness: RwSignal<Seriousness>,
    pub recurrence: RwSignal<Recurrence>,
}

fn text() -> RwSignal<String> {
    RwSignal::new(String::new())
}

/// A key the draft kept, or "" for none.
fn key_or_blank<T: Keyed>(value: Option<T>) -> String {
    value.map(|v| v.key().to_string()).unwrap_or_default()
}

impl RegisterForm {
    /// An empty form received now (`received_at`) by `received_by`.
    pub fn new(received_at: String, received_by: String) -> RegisterForm {
        RegisterForm {
            received_at: RwSignal::new(received_at),
            channel: RwSignal::new(crate::ui::session::last_channel()),
            customer_name: text(),
            customer_phone: text(),
            product: text(),
            description: text(),
            received_by: RwSignal::new(received_by),
            anonymous: RwSignal::new(false),
            salutation: RwSignal::new(None),
            email: text(),
            customer_no: text(),
            company: text(),
            address: text(),
            occurred_at: text(),
            place: text(),
            model: text(),
            order_ref: text(),
            restatement: text(),
            expectations: RwSignal::new(Vec::new()),
            expectation_note: text(),
            emotion: RwSignal::new(None),
            request_type: RwSignal::new(RequestType::Complaint),
            seriousness: RwSignal::new(Seriousness::General),
            recurrence: RwSignal::new(Recurrence::FirstTime),
        }
    }

    /// Empties the form for the next complaint, received now; the channel and who received it
    /// stay as they were.
    pub fn clear(self, received_at: String) {
        let (channel, received_by) = (self.channel.get_untracked().key().to_string(), self.received_by.get_untracked());
        self.load(RegisterDraft { received_at, channel, received_by, ..RegisterDraft::default() });
    }

    /// What is typed now, as the draft stores it (tracked: the draft follows the form).
    pub fn draft(self, photos: usize) -> RegisterDraft {
        RegisterDraft {
            received_at: self.received_at.get(),
            channel: self.channel.get().key().to_string(),
            customer_name: self.customer_name.get(),
            customer_phone: self.customer_phone.get(),
            product: self.product.get(),
            description: self.description.get(),
            received_by: self.received_by.get(),
            more: MoreDraft {
                anonymous: self.anonymous.get(),
                salutation: key_or_blank(self.salutation.get()),
                email: self.email.get(),
                customer_no: self.customer_no.get(),
                company: self.company.get(),
                address: self.address.get(),
                occurred_at: self.occurred_at.get(),
                place: self.place.get(),
                model: self.model.get(),
                order_ref: self.order_ref.get(),
                restatement: self.restatement.get(),
                expectations: self.expectations.get().into_iter().map(|e| e.key().to_string()).collect(),
                expectation_note: self.expectation_note.get(),
                emotion: key_or_blank(self.emotion.get()),
                request_type: self.request_type.get().key().to_string(),
                seriousness: self.seriousness.get().key().to_string(),
                recurrence: self.recurrence.get().key().to_string(),
            },
            photos,
        }
    }

    /// Fills the form from a draft. A choice the draft does not hold (older drafts, or a key
    /// this version does not know) keeps the form's starting value; a blank "who received it"
    /// keeps the remembered one.
    pub fn load(self, d: RegisterDraft) {
        let m = d.more;
        self.received_at.set(d.received_at);
        self.channel.set(Channel::from_key(&d.channel).unwrap_or(Channel::Phone));
        self.customer_name.set(d.customer_name);
        self.customer_phone.set(d.customer_phone);
        self.product.set(d.product);
        self.description.set(d.description);
        if !d.received_by.trim().is_empty() {
            self.received_by.set(d.received_by);
        }
        self.anonymous.set(m.anonymous);
        self.salutation.set(Salutation::from_key(&m.salutation));
        self.email.set(m.email);
        self.customer_no.set(m.customer_no);
        self.company.set(m.company);
        self.address.set(m.address);
        self.occurred_at.set(m.occurred_at);
        self.place.set(m.place);
        self.model.set(m.model);
        self.order_ref.set(m.order_ref);
        self.restatement.set(m.restatement);
        self.expectations.set(m.expectations.iter().filter_map(|k| Expectation::from_key(k)).collect());
        self.expectation_note.set(m.expectation_note);
        self.emotion.set(Emotion::from_key(&m.emotion));
        self.request_type.set(RequestType::from_key(&m.request_type).unwrap_or(RequestType::Complaint));
        self.seriousness.set(Seriousness::from_key(&m.seriousness).unwrap_or(Seriousness::General));
        self.recurrence.set(Recurrence::from_key(&m.recurrence).unwrap_or(Recurrence::FirstTime));
    }

    /// The domain's input, read untracked; refused when a typed time does not read.
    pub fn input(self) -> Result<NewComplaint, BadTime> {
        let received_at =
            NaiveDateTime::parse_from_str(self.received_at.get_untracked().trim(), DATETIME_FORMAT).map_err(|_| BadTime::ReceivedAt)?;
        let occurred_at = match self.occurred_at.get_untracked().trim() {
            "" => None,
            t => Some(NaiveDateTime::parse_from_str(t, DATETIME_FORMAT).map_err(|_| BadTime::OccurredAt)?),
        };
        Ok(NewComplaint {
            received_at,
            channel: self.channel.get_untracked(),
            customer_name: self.customer_name.get_untracked(),
            customer_phone: self.customer_phone.get_untracked(),
            product: self.product.get_untracked(),
            description: self.description.get_untracked(),
            more: MoreDetails {
                anonymous: self.anonymous.get_untracked(),
                salutation: self.salutation.get_untracked(),
                email: self.email.get_untracked(),
                customer_no: self.customer_no.get_untracked(),
                company: self.company.get_untracked(),
                address: self.address.get_untracked(),
                occurred_at,
                place: self.place.get_untracked(),
                model: self.model.get_untracked(),
                order_ref: self.order_ref.get_untracked(),
                restatement: self.restatement.get_untracked(),
                expectations: self.expectations.get_untracked(),
                expectation_note: self.expectation_note.get_untracked(),
                emotion: self.emotion.get_untracked(),
                request_type: Some(self.request_type.get_untracked()),
                seriousness: Some(self.seriousness.get_untracked()),
                recurrence: Some(self.recurrence.get_untracked()),
            },
        })
    }
}

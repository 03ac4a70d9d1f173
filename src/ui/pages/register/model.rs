//! The Register form's one model: `RegisterDraft` is the form's state (one signal; each input
//! binds to its field with `bind!`), the draft stored while typing, and where the domain's
//! input (`NewComplaint` with its `MoreDetails`) is built. Values are typed as the domain types
//! them; only the two times stay text, so a half-typed time survives in the draft.
//!
//! Adding a field touches: the domain's `NewComplaint`/`MoreDetails`, a field here and its
//! line in `RegisterDraft::input`, its input in the view (`mod.rs` or `more.rs`), and its
//! label in both locale files.
//!
//! The stored text is the format earlier versions wrote (choices as keys, `""` for none), so
//! drafts already on a device resume; see `domain::keyed::lenient`.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::channel::Channel;
use crate::domain::intake::{Emotion, Expectation, Recurrence, RequestType, Salutation, Seriousness};
use crate::domain::keyed::lenient;
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterDraft {
    pub received_at: String,
    #[serde(default, with = "lenient::or_default")]
    pub channel: Channel,
    pub customer_name: String,
    pub customer_phone: String,
    pub product: String,
    pub description: String,
    /// Who received it (the first-contact owner); missing in drafts saved before the field existed.
    #[serde(default)]
    pub received_by: String,
    /// The optional groups; missing in drafts saved before they existed.
    #[serde(default)]
    pub more: MoreDraft,
    /// How many photos are kept with the draft (the files are in the attachments store).
    #[serde(default)]
    pub photos: usize,
}

/// The optional groups' inputs (SPEC §3); the defaults are the domain's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoreDraft {
    pub anonymous: bool,
    #[serde(with = "lenient")]
    pub salutation: Option<Salutation>,
    pub email: String,
    pub customer_no: String,
    pub company: String,
    pub address: String,
    pub occurred_at: String,
    pub place: String,
    pub model: String,
    pub order_ref: String,
    pub restatement: String,
    #[serde(with = "lenient::list")]
    pub expectations: Vec<Expectation>,
    pub expectation_note: String,
    #[serde(with = "lenient")]
    pub emotion: Option<Emotion>,
    #[serde(with = "lenient::or_default")]
    pub request_type: RequestType,
    #[serde(with = "lenient::or_default")]
    pub seriousness: Seriousness,
    #[serde(with = "lenient::or_default")]
    pub recurrence: Recurrence,
}

impl RegisterDraft {
    /// An empty form received at `received_at` on `channel` by `received_by`.
    pub fn empty(received_at: String, channel: Channel, received_by: String) -> RegisterDraft {
        RegisterDraft { received_at, channel, received_by, ..RegisterDraft::default() }
    }

    /// Nothing worth keeping has been typed (the defaults alone are not a draft).
    pub fn is_blank(&self) -> bool {
        self.photos == 0
            && [&self.customer_name, &self.customer_phone, &self.product, &self.description].iter().all(|s| s.trim().is_empty())
    }

    /// A short line to recognise the draft by.
    pub fn preview(&self) -> String {
        let parts: Vec<&str> = [self.customer_name.trim(), self.product.trim(), self.description.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let text = parts.join(" · ");
        match text.char_indices().nth(80) {
            Some((i, _)) => format!("{}…", &text[..i]),
            None => text,
        }
    }

    /// The domain's input; refused when a typed time does not read.
    pub fn input(&self) -> Result<NewComplaint, BadTime> {
        let received_at = NaiveDateTime::parse_from_str(self.received_at.trim(), DATETIME_FORMAT).map_err(|_| BadTime::ReceivedAt)?;
        let m = &self.more;
        let occurred_at = match m.occurred_at.trim() {
            "" => None,
            t => Some(NaiveDateTime::parse_from_str(t, DATETIME_FORMAT).map_err(|_| BadTime::OccurredAt)?),
        };
        Ok(NewComplaint {
            received_at,
            channel: self.channel,
            customer_name: self.customer_name.clone(),
            customer_phone: self.customer_phone.clone(),
            product: self.product.clone(),
            description: self.description.clone(),
            more: MoreDetails {
                anonymous: m.anonymous,
                salutation: m.salutation,
                email: m.email.clone(),
                customer_no: m.customer_no.clone(),
                company: m.company.clone(),
                address: m.address.clone(),
                occurred_at,
                place: m.place.clone(),
                model: m.model.clone(),
                order_ref: m.order_ref.clone(),
                restatement: m.restatement.clone(),
                expectations: m.expectations.clone(),
                expectation_note: m.expectation_note.clone(),
                emotion: m.emotion,
                request_type: Some(m.request_type),
                seriousness: Some(m.seriousness),
                recurrence: Some(m.recurrence),
            },
        })
    }
}

/// The form's state.
pub type RegisterForm = RwSignal<RegisterDraft>;

/// Fills the form from a resumed draft; a blank "who received it" keeps the remembered one.
pub fn load(form: RegisterForm, mut draft: RegisterDraft) {
    if draft.received_by.trim().is_empty() {
        draft.received_by = form.with_untracked(|d| d.received_by.clone());
    }
    form.set(draft);
}

/// Empties the form for the next complaint, received at `received_at`; the channel and who
/// received it stay as they were.
pub fn clear(form: RegisterForm, received_at: String) {
    let (channel, received_by) = form.with_untracked(|d| (d.channel, d.received_by.clone()));
    form.set(RegisterDraft::empty(received_at, channel, received_by));
}

//! Registering a complaint (SPEC §3): the form's input, its field-level validation, and the
//! record that registration produces.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::channel::Channel;
use super::intake::CLOCK_TOLERANCE;
use super::text::{self, TextError, TextRule};
use super::time_range::{is_accepted_local, is_later_than};

/// Longest customer name accepted.
pub const MAX_NAME_CHARS: usize = 60;
/// Longest product / service description accepted.
pub const MAX_PRODUCT_CHARS: usize = 120;
/// Longest description in the customer's own words.
pub const MAX_DESCRIPTION_CHARS: usize = 4000;

/// What the registration form submits. Times are wall-clock times in the business time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComplaint {
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub customer_name: String,
    pub customer_phone: String,
    pub product: String,
    /// The customer's own words (客户原话).
    pub description: String,
    /// The optional groups of the form (SPEC §3); all empty by default.
    #[serde(default)]
    pub more: MoreDetails,
}

/// The optional parts of the registration form: more about the customer, more about what
/// happened, and the request type and nature (defaults: complaint, general, first time).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoreDetails {
    /// The customer asked to stay anonymous (可匿名): no name is kept.
    pub anonymous: bool,
    pub salutation: Option<super::intake::Salutation>,
    pub email: String,
    pub customer_no: String,
    pub company: String,
    pub address: String,
    pub occurred_at: Option<NaiveDateTime>,
    pub place: String,
    pub model: String,
    pub order_ref: String,
    /// An objective restatement (客观复述) next to the customer's own words.
    pub restatement: String,
    pub expectations: Vec<super::intake::Expectation>,
    pub expectation_note: String,
    pub emotion: Option<super::intake::Emotion>,
    pub request_type: Option<super::intake::RequestType>,
    pub seriousness: Option<super::intake::Seriousness>,
    pub recurrence: Option<super::intake::Recurrence>,
}

impl NewComplaint {
    /// The full registration this form describes, received by `first_contact_owner`.
    pub fn into_registration(self, first_contact_owner: &str) -> super::intake::Registration {
        use super::intake::{Customer, Incident, Nature, Recurrence, Registration, RequestType, Seriousness};
        let m = self.more;
        Registration {
            received_at: self.received_at,
            channel: self.channel,
            request_type: m.request_type.unwrap_or(RequestType::Complaint),
            nature: Nature {
                seriousness: m.seriousness.unwrap_or(Seriousness::General),
                recurrence: m.recurrence.unwrap_or(Recurrence::FirstTime),
            },
            customer: Customer {
                anonymous: m.anonymous,
                name: self.customer_name,
                salutation: m.salutation,
                phone: self.customer_phone,
                email: m.email,
                customer_no: m.customer_no,
                company: m.company,
                address: m.address,
            },
            incident: Incident {
                occurred_at: m.occurred_at,
                place: m.place,
                product: self.product,
                model: m.model,
                order_ref: m.order_ref,
                own_words: self.description,
                restatement: m.restatement,
                expectations: m.expectations,
                expectation_note: m.expectation_note,
                emotion: m.emotion,
            },
            first_contact_owner: first_contact_owner.to_string(),
        }
    }
}

/// A form field, for linking errors to inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ReceivedAt,
    Channel,
    CustomerName,
    CustomerPhone,
    Product,
    Description,
}

impl Field {
    /// Stable id, also used as the form input's name.
    pub fn key(self) -> &'static str {
        match self {
            Field::ReceivedAt => "received_at",
            Field::Channel => "channel",
            Field::CustomerName => "customer_name",
            Field::CustomerPhone => "customer_phone",
            Field::Product => "product",
            Field::Description => "description",
        }
    }
}

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum FieldProblem {
    #[error("required")]
    Required,
    #[error("too long")]
    TooLong,
    #[error("not a valid phone number")]
    InvalidPhone,
    #[error("lies in the future")]
    InFuture,
    #[error("contains a control character")]
    ControlCharacter,
    #[error("contains a bidirectional control character")]
    BidiControl,
    #[error("lies outside the accepted range (1900-01-01 to 2200-01-01)")]
    OutOfRange,
}

impl From<TextError> for FieldProblem {
    fn from(e: TextError) -> FieldProblem {
        match e {
            TextError::Required => FieldProblem::Required,
            TextError::TooLong => FieldProblem::TooLong,
            TextError::ControlCharacter => FieldProblem::ControlCharacter,
            TextError::BidiControl => FieldProblem::BidiControl,
        }
    }
}

impl FieldProblem {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            FieldProblem::Required => "required",
            FieldProblem::TooLong => "too_long",
            FieldProblem::InvalidPhone => "invalid_phone",
            FieldProblem::InFuture => "in_future",
            FieldProblem::ControlCharacter => "control_character",
            FieldProblem::BidiControl => "bidi_control",
            FieldProblem::OutOfRange => "time_out_of_range",
        }
    }
}

/// A field with its problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

/// The stored result of a registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRecord {
    /// Unique id (device id + serial, never reused).
    pub id: String,
    /// The human complaint number, e.g. `20261125-TEL-K7-003`.
    pub number: String,
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub customer_name: String,
    pub customer_phone: String,
    pub product: String,
    pub description: String,
    /// When it was saved (UTC, milliseconds since the epoch), for newest-first order.
    pub created_ms: i64,
    /// The device it was registered on.
    pub device_id: String,
}

/// Accepts a phone number written with digits, spaces, `+`, `-`, `(`, `)`; 5 to 20 digits,
/// `+` only at the start.
pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = phone
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    allowed && (5..=20).contains(&digits)
}

impl NewComplaint {
    /// Trims text fields and checks every field; returns all problems at once so the form
    /// can show each next to its input. `now` is the current business wall-clock time:
    /// a complaint cannot be received more than five minutes in the future (tablet clocks drift).
    pub fn validate(mut self, now: NaiveDateTime) -> Result<NewComplaint, Vec<FieldError>> {
        for s in [
            &mut self.customer_name,
            &mut self.customer_phone,
            &mut self.product,
            &mut self.description,
        ] {
            *s = text::tidy(s);
        }
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldError { field, problem });
        if !is_accepted_local(self.received_at) {
            fail(Field::ReceivedAt, FieldProblem::OutOfRange);
        } else if is_later_than(self.received_at, now, CLOCK_TOLERANCE) {
            fail(Field::ReceivedAt, FieldProblem::InFuture);
        }
        check_text(&self.customer_name, TextRule::line(MAX_NAME_CHARS), Field::CustomerName, &mut fail);
        if !self.customer_phone.is_empty() && !is_valid_phone(&self.customer_phone) {
            fail(Field::CustomerPhone, FieldProblem::InvalidPhone);
        }
        check_text(&self.product, TextRule::line(MAX_PRODUCT_CHARS), Field::Product, &mut fail);
        check_text(&self.description, TextRule::multiline(MAX_DESCRIPTION_CHARS), Field::Description, &mut fail);
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }
}

fn check_text(value: &str, rule: TextRule, field: Field, fail: &mut impl FnMut(Field, FieldProblem)) {
    if let Err(e) = text::required(value, rule) {
        fail(field, e.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2023, 10, 1).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn example() -> NewComplaint {
        NewComplaint {
            more: Default::default(),
            received_at: at(9, 30),
            channel: Channel::Phone,
            customer_name: "  王先生 ".into(),
            customer_phone: "138 0013 8000".into(),
            product: "空调 KFR-35GW".into(),
            description: "新买的空调制冷差，开了一天房间还是28度".into(),
        }
    }

    #[test]
    fn the_worked_example_is_valid_and_trimmed() {
        let ok = example().validate(at(9, 31)).unwrap();
        assert_eq!(ok.customer_name, "王先生");
    }

    #[test]
    fn the_optional_groups_fill_the_full_registration() {
        use crate::domain::intake::{Emotion, Expectation, RequestType, Seriousness};
        let plain = example().into_registration("Clerk Li");
        assert_eq!(plain.request_type, RequestType::Complaint);
        assert_eq!(plain.nature.seriousness, Seriousness::General);
        assert_eq!(plain.customer.email, "");
        let mut full = example();
        full.more = MoreDetails {
            email: "wang@example.com".into(),
            model: "KFR-35GW".into(),
            expectations: vec![Expectation::Exchange],
            emotion: Some(Emotion::Angry),
            request_type: Some(RequestType::AfterSalesSupport),
            seriousness: Some(Seriousness::Major),
            ..MoreDetails::default()
        };
        let r = full.into_registration("Clerk Li");
        assert_eq!((r.customer.email.as_str(), r.incident.model.as_str()), ("wang@example.com", "KFR-35GW"));
        assert_eq!(r.incident.expectations, vec![Expectation::Exchange]);
        assert_eq!(r.incident.emotion, Some(Emotion::Angry));
        assert_eq!(r.request_type, RequestType::AfterSalesSupport);
        assert_eq!(r.nature.seriousness, Seriousness::Major);
        assert_eq!(r.first_contact_owner, "Clerk Li");
        // Old drafts and batch inputs without the groups still read.
        let old: NewComplaint = serde_json::from_str(
            r#"{"received_at":"2026-11-25T09:00:00","channel":"phone","customer_name":"a","customer_phone":"","product":"p","description":"d"}"#,
        )
        .unwrap();
        assert_eq!(old.more, MoreDetails::default());
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = NewComplaint {
            received_at: at(12, 0),
            customer_name: " ".into(),
            customer_phone: "12ab".into(),
            product: "x".repeat(MAX_PRODUCT_CHARS + 1),
            description: String::new(),
            ..example()
        };
        let errors = bad.validate(at(9, 0)).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (Field::ReceivedAt, FieldProblem::InFuture),
                (Field::CustomerName, FieldProblem::Required),
                (Field::CustomerPhone, FieldProblem::InvalidPhone),
                (Field::Product, FieldProblem::TooLong),
                (Field::Description, FieldProblem::Required),
            ]
        );
    }

    #[test]
    fn phone_formats() {
        for ok in ["13800138000", "+86 138-0013-8000", "(021) 5555 1234", "12345"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in ["1234", "138+0013", "call me", "1".repeat(21).as_str(), ""] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn a_small_clock_drift_is_tolerated() {
        assert!(example().validate(at(9, 26)).is_ok());
        assert!(example().validate(at(9, 24)).is_err());
    }
}

//! Registering a complaint (SPEC §3): the form's input (`NewComplaint`), which becomes the full
//! `intake::Registration` (validated there, field by field), and the record that schema v1
//! stored (`ComplaintRecord`, read by the migration).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::channel::Channel;

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
        use super::intake::{Customer, Incident, Nature, Registration};
        let m = self.more;
        Registration {
            received_at: self.received_at,
            channel: self.channel,
            request_type: m.request_type.unwrap_or_default(),
            nature: Nature {
                seriousness: m.seriousness.unwrap_or_default(),
                recurrence: m.recurrence.unwrap_or_default(),
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
    fn phone_formats() {
        for ok in ["13800138000", "+86 138-0013-8000", "(021) 5555 1234", "12345"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in ["1234", "138+0013", "call me", "1".repeat(21).as_str(), ""] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }
}

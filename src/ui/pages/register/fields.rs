//! Which form input shows which domain field error, and the remembered first-contact owner.

use gloo_storage::{LocalStorage, Storage};

use crate::domain::intake::RegField;

/// LocalStorage key of the last "Received by" value used on this device.
const RECEIVED_BY_KEY: &str = "desk.received_by";

/// The id of the input that shows errors of a domain field (keys like `customer.name`).
/// `customer.contact` (no way to reach the customer) is shown at the phone, the first contact
/// input.
pub fn input_of(field: RegField) -> Option<&'static str> {
    Some(match field {
        RegField::ReceivedAt => "received_at",
        RegField::FirstContactOwner => "first_contact_owner",
        RegField::CustomerName => "customer_name",
        RegField::CustomerContact | RegField::CustomerPhone => "customer_phone",
        RegField::Product => "product",
        RegField::OwnWords => "description",
        RegField::CustomerEmail => "customer_email",
        RegField::CustomerNo => "customer_no",
        RegField::Company => "company",
        RegField::Address => "address",
        RegField::OccurredAt => "occurred_at",
        RegField::Place => "place",
        RegField::Model => "model",
        RegField::OrderRef => "order_ref",
        RegField::Restatement => "restatement",
        RegField::ExpectationNote => "expectation_note",
    })
}

/// The "Received by" value last used on this device (empty the first time).
pub fn last_received_by() -> String {
    LocalStorage::get::<String>(RECEIVED_BY_KEY).unwrap_or_default()
}

/// Remembers the "Received by" value for the next form.
pub fn remember_received_by(value: &str) {
    if let Err(e) = LocalStorage::set(RECEIVED_BY_KEY, value.trim()) {
        leptos::logging::warn!("could not remember who received the complaint: {e}");
    }
}

//! Which form input shows which registration field's problem: the Register form and the
//! complaint page's corrections name their inputs alike, so a refusal lands at its input.

use crate::domain::intake::RegField;

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

//! A stored list row for store tests: an ordinary registered complaint; a test overrides the
//! fields it is about with `ComplaintView { field, ..view_row(id) }`.

use chrono::NaiveDate;
use complaint_desk::domain::channel::Channel;
use complaint_desk::store::views::ComplaintView;

/// Row `id`: registered on 2026-11-25 09:00 by phone, customer "Wang", a kettle, no clock.
pub fn view_row(id: &str) -> ComplaintView {
    ComplaintView {
        id: id.into(),
        number: format!("20261125-TEL-K7-{id}"),
        status: "registered".into(),
        due_ms: None,
        warn_ms: None,
        type_key: None,
        urgency: None,
        department: None,
        updated_ms: 1,
        created_ms: 1,
        phone_key: String::new(),
        name_key: "wang".into(),
        product_key: String::new(),
        device: "dev-a".into(),
        received_at: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        channel: Channel::Phone,
        customer_name: "Wang".into(),
        customer_phone: String::new(),
        product: "Kettle".into(),
        own_words: "Broken.".into(),
        first_contact_owner: "Li".into(),
        source_key: None,
        due_clock: None,
        badges: Vec::new(),
        stage: String::new(),
        terms: Vec::new(),
    }
}

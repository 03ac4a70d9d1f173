//! Who is acting on this device: the name last entered as "Received by" on the Register form,
//! which every step then records as its actor (until the app has sign-in). Kept in LocalStorage (`desk.received_by`), so
//! it survives reloads and is shared by the pages; no page imports it from another.

use gloo_storage::{LocalStorage, Storage};

/// LocalStorage key of the last "Received by" value used on this device.
const RECEIVED_BY_KEY: &str = "desk.received_by";

/// The person acting on this device: the "Received by" value last used (empty the first time).
pub fn current_user() -> String {
    LocalStorage::get::<String>(RECEIVED_BY_KEY).unwrap_or_default()
}

/// Remembers who is acting for the next form and step.
pub fn remember_current_user(value: &str) {
    if let Err(e) = LocalStorage::set(RECEIVED_BY_KEY, value.trim()) {
        leptos::logging::warn!("could not remember who received the complaint: {e}");
    }
}

//! Who is acting on this device: the name last entered as "Received by" on the Register form,
//! which every step then records as its actor (until the app has sign-in); and the channel
//! this device registers most recently. Kept in LocalStorage (`desk.received_by`), so
//! it survives reloads and is shared by the pages; no page imports it from another.

use gloo_storage::{LocalStorage, Storage};

use crate::domain::channel::Channel;
use crate::domain::keyed::Keyed;

/// LocalStorage key of the last "Received by" value used on this device.
const RECEIVED_BY_KEY: &str = "desk.received_by";
/// LocalStorage key of the channel of the last complaint registered on this device.
const CHANNEL_KEY: &str = "desk.channel";

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

/// The channel a new complaint starts with: the last one registered on this device (a shop
/// counter takes walk-ins, a hotline calls), phone the first time.
pub fn last_channel() -> Channel {
    LocalStorage::get::<String>(CHANNEL_KEY).ok().and_then(|k| Channel::from_key(&k)).unwrap_or(Channel::Phone)
}

/// Remembers the channel of a complaint just registered.
pub fn remember_channel(channel: Channel) {
    if let Err(e) = LocalStorage::set(CHANNEL_KEY, channel.key()) {
        leptos::logging::warn!("could not remember the channel: {e}");
    }
}

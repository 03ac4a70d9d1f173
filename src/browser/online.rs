//! A signal that follows `navigator.onLine` and the `online`/`offline` events.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Returns a signal that is `true` while the browser believes it is online.
pub fn use_online() -> ReadSignal<bool> {
    let initial = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    let (online, set_online) = signal(initial);
    if let Some(window) = web_sys::window() {
        for (event, value) in [("online", true), ("offline", false)] {
            let cb = Closure::<dyn Fn()>::new(move || set_online.set(value));
            let _ = window.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
            // The listener lives as long as the page: the header that uses it never unmounts.
            cb.forget();
        }
    }
    online
}

/// Whether the browser thinks it is online right now (no network at all is certain; "online"
/// only means a network, so a sync may still fail and is retried).
pub fn is_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(false)
}

//! The moments a tab may be killed without another chance to save: the page is left
//! (`pagehide`) or goes into the background (`visibilitychange` to hidden; a phone's tab
//! switcher, a locked screen). Forms write what is pending then.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::VisibilityState;

/// Runs `save` whenever the page is left or hidden, for as long as the calling component
/// lives (the listeners are removed when it is cleaned up).
pub fn on_page_hidden(save: impl Fn() + 'static) {
    let save = Rc::new(save);
    let on_hide = save.clone();
    let pagehide = window_event_listener_untyped("pagehide", move |_| save());
    // Listened to on the document, where the browser fires it; only the change to hidden counts.
    let visibility = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == VisibilityState::Hidden {
            on_hide();
        }
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", visibility.as_ref().unchecked_ref());
    let visibility = send_wrapper::SendWrapper::new(visibility);
    on_cleanup(move || {
        pagehide.remove();
        let _ = document().remove_event_listener_with_callback("visibilitychange", visibility.as_ref().unchecked_ref());
    });
}

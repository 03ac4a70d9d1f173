//! Tells the app's other tabs that stored data changed (BroadcastChannel), so every open tab
//! shows the same data without polling.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::BroadcastChannel;

const CHANNEL: &str = "complaint-desk-changes";

thread_local! {
    static SENDER: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// Announces to the other tabs that `what` (e.g. "complaints", "drafts") changed.
pub fn announce(what: &str) {
    SENDER.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            *s = BroadcastChannel::new(CHANNEL).ok();
        }
        if let Some(channel) = s.as_ref() {
            let _ = channel.post_message(&JsValue::from_str(what));
        }
    });
}

/// A counter that goes up whenever another tab announces a change of `what`. Read it inside
/// a resource or memo to refetch on every change.
pub fn use_changes(what: &'static str) -> ReadSignal<u32> {
    let (count, set_count) = signal(0u32);
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if ev.data().as_string().as_deref() == Some(what) {
                set_count.update(|n| *n += 1);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let keep = send_wrapper::SendWrapper::new((channel, on_message));
        on_cleanup(move || keep.0.close());
    }
    count
}

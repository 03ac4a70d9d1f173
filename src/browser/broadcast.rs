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

/// A value one tab tells the app's other tabs (JSON over a BroadcastChannel named `name`);
/// the receiving side keeps only the latest one until it is taken. Closed when dropped.
pub struct Mirror<T> {
    channel: BroadcastChannel,
    latest: std::rc::Rc<RefCell<Option<T>>>,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl<T: serde::Serialize + serde::de::DeserializeOwned + 'static> Mirror<T> {
    /// `None` where the browser has no BroadcastChannel (then nothing is mirrored).
    pub fn open(name: &str) -> Option<Mirror<T>> {
        let channel = BroadcastChannel::new(name).ok()?;
        let latest = std::rc::Rc::new(RefCell::new(None));
        let keep = latest.clone();
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            // A message from another version of the app that does not parse is ignored.
            if let Some(value) = ev.data().as_string().and_then(|t| serde_json::from_str(&t).ok()) {
                *keep.borrow_mut() = Some(value);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Mirror { channel, latest, _on_message: on_message })
    }

    /// Tells the other tabs (not this one).
    pub fn post(&self, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            let _ = self.channel.post_message(&JsValue::from_str(&text));
        }
    }

    /// The latest value another tab told since the last take.
    pub fn take(&self) -> Option<T> {
        self.latest.borrow_mut().take()
    }
}

impl<T> Drop for Mirror<T> {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

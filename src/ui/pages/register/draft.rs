//! The Register form's draft: what is saved while typing, and the autosave timing.
//!
//! The form saves itself at most ~500 ms after the last change and at once when the page is
//! hidden or unloaded (`visibilitychange`, `pagehide`), so a crash, a closed tab or a flat
//! battery loses at most the last half second of typing.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{closure::Closure, JsCast};

use crate::browser::random;
use crate::services::Desk;

/// Which form the drafts belong to.
pub const FORM: &str = "register";
/// Quiet time after the last keystroke before the draft is written.
const DEBOUNCE: Duration = Duration::from_millis(500);

/// The form's fields as the draft stores them (unvalidated text; a stored format devices
/// already hold, written and read by `form::RegisterForm`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterDraft {
    pub received_at: String,
    pub channel: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub product: String,
    pub description: String,
    /// Who received it; missing in drafts saved before the field existed.
    #[serde(default)]
    pub received_by: String,
    /// The optional groups; missing in drafts saved before they existed.
    #[serde(default)]
    pub more: super::more::MoreDraft,
    /// How many photos are kept with the draft (the files are in the attachments store).
    #[serde(default)]
    pub photos: usize,
}

impl RegisterDraft {
    /// Nothing worth keeping has been typed (the defaults alone are not a draft).
    pub fn is_blank(&self) -> bool {
        self.photos == 0
            && [&self.customer_name, &self.customer_phone, &self.product, &self.description].iter().all(|s| s.trim().is_empty())
    }

    /// A short line to recognise the draft by.
    pub fn preview(&self) -> String {
        let parts: Vec<&str> = [self.customer_name.trim(), self.product.trim(), self.description.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let text = parts.join(" · ");
        match text.char_indices().nth(80) {
            Some((i, _)) => format!("{}…", &text[..i]),
            None => text,
        }
    }
}

/// A new id for one opening of the form.
pub fn new_form_id() -> String {
    random::bytes::<16>().iter().map(|b| format!("{b:02x}")).collect()
}

/// Saves `snapshot` under `form_id` whenever it changes (debounced) and when the page is
/// hidden. `enabled` is false once the form was submitted. Returns a function that writes
/// any pending change immediately.
pub fn autosave(
    desk: Desk,
    form_id: RwSignal<String>,
    snapshot: Memo<RegisterDraft>,
    enabled: Signal<bool>,
    // Set to the store's error code when a draft could not be written (a full disk), cleared
    // when one is written again.
    error: RwSignal<Option<&'static str>>,
) -> Rc<dyn Fn()> {
    // The JSON last written, so unchanged snapshots are not written again.
    let last_saved: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    let timer: Rc<RefCell<Option<TimeoutHandle>>> = Rc::new(RefCell::new(None));

    let flush: Rc<dyn Fn()> = {
        let last_saved = last_saved.clone();
        let timer = timer.clone();
        Rc::new(move || {
            if let Some(t) = timer.borrow_mut().take() {
                t.clear();
            }
            // A timer or page event can come after the form is gone: then there is nothing to do
            // (reading its disposed signals would abort the app).
            let (Some(true), Some(draft), Some(id)) = (enabled.try_get_untracked(), snapshot.try_get_untracked(), form_id.try_get_untracked())
            else {
                return;
            };
            if draft.is_blank() {
                return;
            }
            let Ok(json) = serde_json::to_string(&draft) else { return };
            if last_saved.borrow().as_deref() == Some(json.as_str()) {
                return;
            }
            *last_saved.borrow_mut() = Some(json.clone());
            let desk = desk.clone();
            let last_saved = last_saved.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match desk.save_draft(&id, FORM, json).await {
                    Ok(()) => error.set(None),
                    Err(e) => {
                        // Not saved: forget what we thought was saved, so the next change retries.
                        *last_saved.borrow_mut() = None;
                        error.set(Some(e.code()));
                    }
                }
            });
        })
    };

    // Debounced save after each change.
    {
        let flush = flush.clone();
        let timer = timer.clone();
        let flush = send_wrapper::SendWrapper::new(flush);
        let timer = send_wrapper::SendWrapper::new(timer);
        Effect::new(move |_| {
            snapshot.track();
            if let Some(t) = timer.borrow_mut().take() {
                t.clear();
            }
            let flush = (*flush).clone();
            let flush = send_wrapper::SendWrapper::new(flush);
            if let Ok(handle) = set_timeout_with_handle(move || (*flush)(), DEBOUNCE) {
                *timer.borrow_mut() = Some(handle);
            }
        });
    }
    // Leaving the page writes what is pending now; no timer outlives the form.
    {
        let flush = send_wrapper::SendWrapper::new(flush.clone());
        on_cleanup(move || (*flush)());
    }

    // Save at once when the page goes away or into the background.
    {
        let on_hide = {
            let flush = flush.clone();
            Closure::<dyn Fn()>::new(move || {
                let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
                if hidden {
                    flush();
                }
            })
        };
        let on_pagehide = {
            let flush = flush.clone();
            Closure::<dyn Fn()>::new(move || flush())
        };
        let doc = document();
        let win = window();
        let _ = doc.add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
        let _ = win.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
        let listeners = send_wrapper::SendWrapper::new((on_hide, on_pagehide));
        on_cleanup(move || {
            let (on_hide, on_pagehide) = &*listeners;
            let _ = document()
                .remove_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
            let _ = window().remove_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
        });
    }
    flush
}

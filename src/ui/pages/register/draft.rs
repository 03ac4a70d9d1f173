//! The Register form's autosave: when its model (`model::RegisterDraft`) is stored as a draft.
//!
//! The form saves itself at most ~500 ms after the last change and at once when the page is
//! hidden or unloaded (`visibilitychange`, `pagehide`), so a crash, a closed tab or a flat
//! battery loses at most the last half second of typing.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::browser::random;
use super::model::RegisterDraft;
use crate::services::Desk;

/// Which form the drafts belong to.
pub const FORM: &str = "register";
/// Quiet time after the last keystroke before the draft is written.
const DEBOUNCE: Duration = Duration::from_millis(500);

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
        let flush = flush.clone();
        crate::browser::page_hidden::on_page_hidden(move || flush());
    }
    flush
}

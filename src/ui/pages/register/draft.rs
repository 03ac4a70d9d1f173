//! The Register form's autosave: when its model (`model::RegisterDraft`) is stored as a draft.
//!
//! The form saves itself at most ~500 ms after the last change and at once when the page is
//! hidden or unloaded (`visibilitychange`, `pagehide`), so a crash, a closed tab or a flat
//! battery loses at most the last half second of typing. What hiding starts to store is also
//! spilled to LocalStorage at once (`spill`): a tab killed straight after loses nothing.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use super::model::RegisterDraft;
use super::spill;
use crate::browser::{clock, random};
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
    // The JSON last written (or being written), so unchanged snapshots are not written again.
    let last_saved: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    // The JSON last stored for certain: what the page's hiding need not spill.
    let stored: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    let timer: Rc<RefCell<Option<TimeoutHandle>>> = Rc::new(RefCell::new(None));

    let flush: Rc<dyn Fn()> = {
        let last_saved = last_saved.clone();
        let stored = stored.clone();
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
            let (last_saved, stored) = (last_saved.clone(), stored.clone());
            let at_ms = clock::now_ms();
            wasm_bindgen_futures::spawn_local(async move {
                match desk.save_draft(&id, FORM, json.clone()).await {
                    Ok(()) => {
                        error.set(None);
                        *stored.borrow_mut() = Some(json);
                        spill::forget(&id, Some(at_ms));
                    }
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

    // Save at once when the page goes away or into the background, spilling first what is not
    // stored yet (the save may not finish).
    {
        let flush = flush.clone();
        crate::browser::page_hidden::on_page_hidden(move || {
            let (Some(true), Some(draft), Some(id)) = (enabled.try_get_untracked(), snapshot.try_get_untracked(), form_id.try_get_untracked())
            else {
                return;
            };
            if let Ok(json) = serde_json::to_string(&draft) {
                if !draft.is_blank() && stored.borrow().as_deref() != Some(json.as_str()) {
                    spill::write(&id, &json, clock::now_ms());
                }
            }
            flush();
        });
    }
    flush
}

//! A step panel's draft: what is typed in a panel is kept in the `drafts` store while typing,
//! so it survives a reload, a crash or a closed tab, and is put back when the panel is built
//! again. Saving the step removes the draft in the step's own transaction
//! (`Desk::execute_step`); a refused step keeps it. When the page is hidden or left, an edited
//! panel is also spilled to LocalStorage at once (`draft_spill`): the IndexedDB write may not
//! finish in a tab being killed.
//!
//! Panels hold their inputs in signals of many shapes, so the draft is taken from the form's
//! elements by id (every panel input is named `<form>-<field>`), and restored by setting each
//! element and sending it the `input` and `change` events the panel already listens to — the
//! same path as typing, so the panel's own parsing and checks apply to restored text.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use serde_json::{Map, Value};
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::browser::clock;
use crate::services::Desk;
use crate::ui::app::use_desk;

use super::draft_spill;

/// The `form` of step drafts in the drafts store (the Register form's drafts are its own).
pub const FORM: &str = "step";

/// Quiet time after the last keystroke before the draft is written.
const QUIET_MS: u64 = 400;

/// The draft's id: one per complaint and panel.
pub fn draft_id(complaint: &str, form: &str) -> String {
    format!("step:{complaint}:{form}")
}

/// The values of the form's inputs that have an id (files are not kept), by id.
fn capture(form: &HtmlFormElement) -> Map<String, Value> {
    let mut values = Map::new();
    let Ok(list) = form.query_selector_all("input[id], textarea[id], select[id]") else { return values };
    for i in 0..list.length() {
        let Some(node) = list.item(i) else { continue };
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "file" | "hidden" | "submit" | "button" => {}
                "checkbox" | "radio" => drop(values.insert(input.id(), Value::Bool(input.checked()))),
                _ => drop(values.insert(input.id(), Value::String(input.value()))),
            }
        } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
            values.insert(area.id(), Value::String(area.value()));
        } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
            values.insert(select.id(), Value::String(select.value()));
        }
    }
    values
}

/// Puts `values` back into the form's inputs, as if typed. Returns whether any value differed
/// from what the panel showed.
fn restore(form: &HtmlFormElement, values: &Map<String, Value>) -> bool {
    let mut changed = false;
    for (id, value) in values {
        let Ok(Some(el)) = form.query_selector(&format!("#{}", css_id(id))) else { continue };
        let differs = match (el.dyn_ref::<HtmlInputElement>(), el.dyn_ref::<HtmlTextAreaElement>(), el.dyn_ref::<HtmlSelectElement>(), value) {
            (Some(i), _, _, Value::Bool(b)) if i.checked() != *b => {
                i.set_checked(*b);
                true
            }
            (Some(i), _, _, Value::String(s)) if i.value() != *s => {
                i.set_value(s);
                true
            }
            (_, Some(a), _, Value::String(s)) if a.value() != *s => {
                a.set_value(s);
                true
            }
            (_, _, Some(sel), Value::String(s)) if sel.value() != *s => {
                sel.set_value(s);
                true
            }
            _ => false,
        };
        if differs {
            changed = true;
            for kind in ["input", "change"] {
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(ev) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                    let _ = el.dispatch_event(&ev);
                }
            }
        }
    }
    changed
}

/// Ids are `<form>-<field>` (letters, digits, `-`, `_`); anything else is escaped for the selector.
fn css_id(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_string() } else { format!("\\{:x} ", c as u32) }).collect()
}

/// Keeps the draft of the panel whose form is `form_ref`: restores it once the form is there
/// (calling `on_restored`, e.g. to open a folded panel), and saves it after typing stops
/// (`edited`, called from the form's `input` and `change` events); `cancel` stops a pending
/// save (called at submit, so a late save cannot bring back the draft the step removed).
pub struct PanelDraft {
    id: String,
    complaint: String,
    form: String,
    desk: Desk,
    /// Edited since the last stored draft: what the page's hiding spills.
    dirty: Rc<Cell<bool>>,
    /// Bumped by every edit and by `cancel`: a timer that finds it changed does nothing.
    generation: Rc<Cell<u32>>,
    /// Nothing is saved before the stored draft was put back (it would overwrite it).
    restored: Rc<Cell<bool>>,
    form_ref: NodeRef<leptos::html::Form>,
}

impl PanelDraft {
    pub fn new(complaint: &str, form: &str, form_ref: NodeRef<leptos::html::Form>, on_restored: impl Fn() + 'static) -> PanelDraft {
        let this = PanelDraft {
            id: draft_id(complaint, form),
            complaint: complaint.to_string(),
            form: form.to_string(),
            desk: use_desk(),
            dirty: Rc::new(Cell::new(false)),
            generation: Rc::new(Cell::new(0)),
            restored: Rc::new(Cell::new(false)),
            form_ref,
        };
        let (id, desk, restored) = (this.id.clone(), this.desk.clone(), this.restored.clone());
        let (complaint, form_name) = (this.complaint.clone(), this.form.clone());
        let on_restored: Rc<dyn Fn()> = Rc::new(on_restored);
        // Runs once the form element exists (the node ref is set after the panel renders).
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let Some(form) = form_ref.get() else { return false };
            let (desk, id, restored, on_restored) = (desk.clone(), id.clone(), restored.clone(), on_restored.clone());
            let (complaint, form_name) = (complaint.clone(), form_name.clone());
            leptos::task::spawn_local(async move {
                let stored = match desk.draft(&id).await {
                    Ok(Some(draft)) => Some((draft.updated_ms, serde_json::from_str(&draft.data).unwrap_or_default())),
                    _ => None,
                };
                let stored_ms = stored.as_ref().map(|s| s.0);
                let spilled = draft_spill::read(&complaint, &form_name);
                let newer_spill = spilled.as_ref().filter(|s| stored_ms.is_none_or(|t| s.at_ms > t)).map(|s| s.at_ms);
                if restore(&form, &draft_spill::merge(stored, spilled)) {
                    on_restored();
                }
                restored.set(true);
                // A spill newer than the stored draft is stored now, then forgotten.
                if let Some(at_ms) = newer_spill {
                    let data = Value::Object(capture(&form)).to_string();
                    if desk.save_draft(&id, FORM, data).await.is_ok() {
                        draft_spill::forget(&complaint, &form_name, Some(at_ms));
                    }
                } else {
                    draft_spill::forget(&complaint, &form_name, stored_ms);
                }
            });
            true
        });
        this.spill_when_hidden();
        this
    }

    /// When the page is hidden or left, an edited panel spills its values at once and starts
    /// storing them (which may not finish).
    fn spill_when_hidden(&self) {
        let (dirty, restored, form_ref) = (self.dirty.clone(), self.restored.clone(), self.form_ref);
        let (id, complaint, form_name, desk) = (self.id.clone(), self.complaint.clone(), self.form.clone(), self.desk.clone());
        crate::browser::page_hidden::on_page_hidden(move || {
            if !dirty.get() || !restored.get() {
                return;
            }
            let Some(form) = form_ref.get_untracked() else { return };
            let (values, at_ms) = (capture(&form), clock::now_ms());
            draft_spill::write(&complaint, &form_name, values.clone(), at_ms);
            let (desk, id, complaint, form_name, dirty) = (desk.clone(), id.clone(), complaint.clone(), form_name.clone(), dirty.clone());
            leptos::task::spawn_local(async move {
                if desk.save_draft(&id, FORM, Value::Object(values).to_string()).await.is_ok() {
                    dirty.set(false);
                    draft_spill::forget(&complaint, &form_name, Some(at_ms));
                }
            });
        });
    }

    /// Called on every edit: saves the form's values after [`QUIET_MS`] without another edit.
    pub fn edited(&self) {
        if !self.restored.get() {
            return;
        }
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        self.dirty.set(true);
        let (current, id, form_ref, desk) = (self.generation.clone(), self.id.clone(), self.form_ref, self.desk.clone());
        let (dirty, complaint, form_name) = (self.dirty.clone(), self.complaint.clone(), self.form.clone());
        set_timeout(
            move || {
                if current.get() != generation {
                    return;
                }
                let Some(form) = form_ref.get_untracked() else { return };
                let (data, at_ms) = (Value::Object(capture(&form)).to_string(), clock::now_ms());
                leptos::task::spawn_local(async move {
                    // A draft that cannot be written leaves the typed text on the page: nothing
                    // is lost now, and the next edit tries again.
                    if desk.save_draft(&id, FORM, data).await.is_ok() {
                        if current.get() == generation {
                            dirty.set(false);
                        }
                        draft_spill::forget(&complaint, &form_name, Some(at_ms));
                    }
                });
            },
            std::time::Duration::from_millis(QUIET_MS),
        );
    }

    /// Stops a pending save (the step is being submitted).
    pub fn cancel(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        self.dirty.set(false);
        draft_spill::forget(&self.complaint, &self.form, None);
    }

    /// The draft's id, removed with the saved step.
    pub fn id(&self) -> String {
        self.id.clone()
    }
}

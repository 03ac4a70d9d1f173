//! Registers the service worker (public/sw.js) and reports when a new version is waiting.
//!
//! Updates are never forced: a new worker installs in the background and waits; the UI offers
//! "reload to update", and only when the user asks do we tell the worker to take over and
//! reload. A form being filled in is therefore never interrupted.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    /// Set when the user asked to update, so the first install's `clients.claim()` (which also
    /// fires `controllerchange`) does not reload the page.
    static UPDATE_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let supported = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    supported.then(|| navigator.service_worker())
}

/// Registers the worker; `update_ready` becomes true when a new version waits to take over.
pub fn register(update_ready: WriteSignal<bool>) {
    let Some(container) = container() else { return };
    let on_controller_change = Closure::<dyn Fn()>::new(|| {
        if UPDATE_REQUESTED.with(Cell::get) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    let promise = container.register("./sw.js");
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else {
            leptos::logging::warn!("service worker registration failed; the app will not work offline");
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
        watch_registration(&container, &reg, update_ready);
    });
}

fn watch_registration(
    container: &ServiceWorkerContainer,
    reg: &ServiceWorkerRegistration,
    update_ready: WriteSignal<bool>,
) {
    // A worker can only be an *update* if a previous one controls this page.
    let has_controller = {
        let c = container.clone();
        move || c.controller().is_some()
    };
    if reg.waiting().is_some() && has_controller() {
        update_ready.set(true);
    }
    let reg2 = reg.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = reg2.installing() else { return };
        let worker = installing.clone();
        let has_controller = has_controller.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && has_controller() {
                update_ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Asks the waiting worker to take over; the page reloads when it has.
pub fn apply_update() {
    let Some(container) = container() else { return };
    UPDATE_REQUESTED.with(|r| r.set(true));
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.get_registration()).await else { return };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
        match reg.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&JsValue::from_str("SKIP_WAITING"));
            }
            // Nothing waiting any more (another tab already updated): just reload.
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    });
}

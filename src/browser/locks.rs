//! Exclusive locks across the app's tabs (Web Locks API): a Register draft is edited by one tab
//! at a time (`draft_lock`), one tab imports (`import`) and one tab syncs (`sync`). A lock is
//! released when its holder is dropped or the tab closes.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A lock this tab holds; dropping it releases the lock.
pub struct HeldLock {
    release: js_sys::Function,
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::NULL);
    }
}

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Takes the lock `name` if no other tab holds it. `Err(())` means the browser has no Web
/// Locks: callers then carry on without cross-tab protection rather than refuse to work.
pub async fn try_lock(name: &str) -> Result<Option<HeldLock>, ()> {
    request_lock(name, true).await
}

/// Takes the lock `name`, waiting while another holder has it (a lock just dropped is released
/// asynchronously, so taking it again at once must wait, not fail). `Err(())`: no Web Locks.
pub async fn lock(name: &str) -> Result<HeldLock, ()> {
    request_lock(name, false).await?.ok_or(())
}

async fn request_lock(name: &str, if_available: bool) -> Result<Option<HeldLock>, ()> {
    let Some(locks) = lock_manager() else { return Err(()) };
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or(())?;

    // The lock is held until `held` settles; `release` settles it.
    let mut release: Option<js_sys::Function> = None;
    let held = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
    let release = release.ok_or(())?;

    let mut granted_resolve: Option<js_sys::Function> = None;
    let granted = js_sys::Promise::new(&mut |resolve, _| granted_resolve = Some(resolve));
    let granted_resolve = granted_resolve.ok_or(())?;
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let _ = granted_resolve.call1(&JsValue::NULL, &JsValue::from_bool(!lock.is_null()));
        held.into()
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::from_bool(if_available));
    request
        .call3(&locks, &JsValue::from_str(name), &options, &callback)
        .map_err(|_| ())?;

    let got = JsFuture::from(granted).await.map_err(|_| ())?.as_bool().unwrap_or(false);
    if got {
        Ok(Some(HeldLock { release }))
    } else {
        let _ = release.call0(&JsValue::NULL);
        Ok(None)
    }
}

/// Names of the locks held right now by any tab of this app.
pub async fn held_names() -> Vec<String> {
    let Some(locks) = lock_manager() else { return Vec::new() };
    let Some(query) = js_sys::Reflect::get(&locks, &JsValue::from_str("query"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return Vec::new();
    };
    let Ok(promise) = query.call0(&locks).and_then(|p| p.dyn_into::<js_sys::Promise>()) else {
        return Vec::new();
    };
    let Ok(snapshot) = JsFuture::from(promise).await else { return Vec::new() };
    let held = js_sys::Reflect::get(&snapshot, &JsValue::from_str("held")).unwrap_or(JsValue::UNDEFINED);
    js_sys::Array::from(&held)
        .iter()
        .filter_map(|l| js_sys::Reflect::get(&l, &JsValue::from_str("name")).ok()?.as_string())
        .collect()
}

/// The lock name of a draft.
pub fn draft_lock(id: &str) -> String {
    format!("draft:{id}")
}

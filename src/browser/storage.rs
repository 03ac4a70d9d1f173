//! Durable storage: asking the browser to keep our data (`navigator.storage.persist()`) and
//! reading how much of the origin's quota is used (`navigator.storage.estimate()`).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

/// How full this origin's storage is, in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

impl Usage {
    /// Share of the quota in use, 0.0–1.0.
    pub fn fraction(&self) -> f64 {
        if self.quota > 0.0 {
            (self.used / self.quota).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Missing in old browsers and in some embedded web views.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage"))
        .unwrap_or(false)
        .then(|| navigator.storage())
}

async fn bool_promise(p: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(p.ok()?).await.ok()?.as_bool()
}

/// Asks the browser not to evict this origin's data under storage pressure. Returns whether
/// the data is persistent now (`None`: the browser has no such API).
pub async fn request_persistence() -> Option<bool> {
    let m = manager()?;
    if bool_promise(m.persisted()).await == Some(true) {
        return Some(true);
    }
    bool_promise(m.persist()).await
}

/// Whether the data is persistent, without asking for it.
pub async fn is_persisted() -> Option<bool> {
    bool_promise(manager()?.persisted()).await
}

/// The origin's storage usage and quota.
pub async fn estimate() -> Option<Usage> {
    let value = JsFuture::from(manager()?.estimate().ok()?).await.ok()?;
    let get = |k: &str| js_sys::Reflect::get(&value, &JsValue::from_str(k)).ok()?.as_f64();
    let _ = value.dyn_ref::<js_sys::Object>()?;
    Some(Usage { used: get("usage")?, quota: get("quota")? })
}

/// Formats a byte count for people ("12.3 MB").
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

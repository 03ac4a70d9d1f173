//! Typed storage errors, each with a stable code the UI translates.

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

/// Why a read or write on this device's database failed. A failed write has changed nothing:
/// every command runs in one transaction, which the browser aborts as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The browser refused the write because the origin's storage quota is used up.
    #[error("storage quota exceeded")]
    Quota,
    /// IndexedDB is missing or blocked (private mode, disabled storage).
    #[error("IndexedDB is not available: {0}")]
    Unavailable(String),
    /// Another tab opened a newer version of the database; this tab must reload.
    #[error("a newer version of the app is open in another tab")]
    Superseded,
    /// A record that must be new already exists.
    #[error("the record already exists")]
    Exists,
    /// A stored record could not be decoded.
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
    /// Any other IndexedDB failure.
    #[error("IndexedDB failed: {0}")]
    Failed(String),
}

impl StoreError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Quota => "storage_quota",
            StoreError::Unavailable(_) => "storage_unavailable",
            StoreError::Superseded => "storage_superseded",
            StoreError::Exists => "storage_exists",
            StoreError::Corrupt(_) => "storage_corrupt",
            StoreError::Failed(_) => "storage_failed",
        }
    }

    /// Classifies a DOMException (or any JS error) by its name.
    pub fn from_js(value: &JsValue) -> StoreError {
        let name = value
            .dyn_ref::<web_sys::DomException>()
            .map(|e| e.name())
            .or_else(|| {
                js_sys::Reflect::get(value, &JsValue::from_str("name")).ok().and_then(|n| n.as_string())
            })
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" => StoreError::Quota,
            "ConstraintError" => StoreError::Exists,
            "InvalidStateError" | "UnknownError" | "SecurityError" => StoreError::Unavailable(name),
            _ => StoreError::Failed(format!("{name}: {value:?}")),
        }
    }
}

impl From<idb::Error> for StoreError {
    fn from(err: idb::Error) -> Self {
        if let idb::Error::DomException(e) = &err {
            return StoreError::from_js(e.as_ref());
        }
        // Most idb errors carry the JS error of the failed request; its name is the signal.
        let text = format!("{err}: {err:?}");
        if text.contains("QuotaExceededError") {
            StoreError::Quota
        } else if text.contains("ConstraintError") {
            StoreError::Exists
        } else {
            StoreError::Failed(text)
        }
    }
}

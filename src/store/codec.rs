//! Conversions between Rust records and the JS objects IndexedDB stores.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use super::StoreError;

/// Serializes as plain JS objects (never `Map`s), so IndexedDB key paths and indexes can read
/// the fields.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StoreError::Failed(format!("encode: {e}")))
}

/// Decodes a stored object; a record that does not decode is reported, not skipped.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

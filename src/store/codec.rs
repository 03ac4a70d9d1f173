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

/// Decodes a stored object (or an array of them) from its JSON text: one call into the
/// browser's `JSON.stringify`, where [`from_js`] walks every field across the wasm boundary.
/// The list rows (`views`) are read this way only, so their decoder is linked once.
pub fn from_json_text<T: DeserializeOwned>(value: &JsValue) -> Result<T, StoreError> {
    let text = js_sys::JSON::stringify(value).map_err(|e| StoreError::from_js(&e))?;
    serde_json::from_str(&String::from(text)).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Encodes many records as one array of plain JS objects: one JSON text parsed once by the
/// browser, where [`to_js`] crosses the wasm boundary for every field of every record (an
/// import's chunk writes a thousand rows). Gives the same objects as [`to_js`] for records
/// without bytes or maps with non-string keys (what the stores hold).
pub fn to_js_all<T: Serialize>(values: &[T]) -> Result<js_sys::Array, StoreError> {
    Ok(to_js_json(values)?.into())
}

/// Encodes a record through its JSON text, as [`to_js_all`] does: the event and view rows are
/// encoded only this way, so one encoder of theirs is linked, not two.
pub fn to_js_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Failed(format!("encode: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|e| StoreError::from_js(&e))
}

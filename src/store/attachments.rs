//! The `attachments` store: photos and documents as browser `Blob`s (IndexedDB keeps them
//! natively), keyed by the `key` their `attachment_added` event names. The event carries only
//! the metadata, so batches and sync move the record of an attachment; the bytes stay here.

use wasm_bindgen::{JsCast, JsValue};

use super::schema::ATTACHMENTS;
use super::{Database, StoreError};

/// The stored record of a file: the key, its complaint, and the blob with its name and type.
pub fn record(key: &str, complaint: &str, name: &str, blob: &web_sys::Blob, created_ms: i64) -> Result<JsValue, StoreError> {
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&o, &JsValue::from_str(k), v).map(|_| ()).map_err(|e| StoreError::from_js(&e));
    set("id", &JsValue::from_str(key))?;
    set("complaint", &JsValue::from_str(complaint))?;
    set("name", &JsValue::from_str(name))?;
    set("mime", &JsValue::from_str(&blob.type_()))?;
    set("bytes", &JsValue::from_f64(blob.size()))?;
    set("created_ms", &JsValue::from_f64(created_ms as f64))?;
    set("blob", blob.as_ref())?;
    Ok(o.into())
}

/// The file of an attachment, if this device has it.
pub async fn blob(db: &Database, key: &str) -> Result<Option<web_sys::Blob>, StoreError> {
    let tx = db.transaction(&[ATTACHMENTS], false).await?;
    let value = tx.store(ATTACHMENTS)?.get(JsValue::from_str(key))?.await?;
    tx.commit().await?;
    let Some(value) = value else { return Ok(None) };
    let blob = js_sys::Reflect::get(&value, &JsValue::from_str("blob")).map_err(|e| StoreError::from_js(&e))?;
    Ok(blob.dyn_into::<web_sys::Blob>().ok())
}

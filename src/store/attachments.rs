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

/// The owner a draft's files are stored under until its complaint exists.
pub fn draft_owner(draft_id: &str) -> String {
    format!("draft:{draft_id}")
}

/// Stores a file picked on a form that is still a draft, so it survives a crash with the text.
pub async fn put_draft_file(db: &Database, draft_id: &str, key: &str, file: &web_sys::File, now_ms: i64) -> Result<(), StoreError> {
    let tx = db.transaction(&[ATTACHMENTS], true).await?;
    tx.store(ATTACHMENTS)?.put(&record(key, &draft_owner(draft_id), &file.name(), file, now_ms)?, None)?.await?;
    tx.commit().await
}

/// The files kept with a draft, as `File`s again (name and type as picked), oldest first.
pub async fn draft_files(db: &Database, draft_id: &str) -> Result<Vec<web_sys::File>, StoreError> {
    let tx = db.transaction(&[ATTACHMENTS], false).await?;
    let index = tx.store(ATTACHMENTS)?.index("complaint")?;
    let rows = index.get_all(Some(JsValue::from_str(&draft_owner(draft_id)).into()), None)?.await?;
    tx.commit().await?;
    let field = |row: &JsValue, k: &str| js_sys::Reflect::get(row, &JsValue::from_str(k)).map_err(|e| StoreError::from_js(&e));
    let mut files = Vec::new();
    for row in rows {
        let blob = field(&row, "blob")?.dyn_into::<web_sys::Blob>().map_err(|_| StoreError::Corrupt("a draft's file is not a blob".into()))?;
        let name = field(&row, "name")?.as_string().unwrap_or_default();
        let created = field(&row, "created_ms")?.as_f64().unwrap_or_default();
        let options = web_sys::FilePropertyBag::new();
        options.set_type(&blob.type_());
        let parts = js_sys::Array::of1(&blob);
        let file = web_sys::File::new_with_blob_sequence_and_options(&parts, &name, &options).map_err(|e| StoreError::from_js(&e))?;
        files.push((created, file));
    }
    crate::domain::sort::sort_by(&mut files, |a, b| a.0.total_cmp(&b.0));
    Ok(files.into_iter().map(|(_, f)| f).collect())
}

/// Removes every file kept with a draft (it was registered or discarded).
pub async fn remove_draft_files(db: &Database, draft_id: &str) -> Result<(), StoreError> {
    let tx = db.transaction(&[ATTACHMENTS], true).await?;
    let store = tx.store(ATTACHMENTS)?;
    let keys = store.index("complaint")?.get_all_keys(Some(JsValue::from_str(&draft_owner(draft_id)).into()), None)?.await?;
    for key in keys {
        store.delete(key)?.await?;
    }
    tx.commit().await
}

/// One stored file of a complaint, as an export reads it.
pub struct StoredFile {
    pub key: String,
    pub complaint: String,
    pub name: String,
    pub mime: String,
    pub blob: web_sys::Blob,
}

/// Every file of every complaint (not the files still kept with drafts).
pub async fn complaint_files(db: &Database) -> Result<Vec<StoredFile>, StoreError> {
    let tx = db.transaction(&[ATTACHMENTS], false).await?;
    let rows = tx.store(ATTACHMENTS)?.get_all(None, None)?.await?;
    tx.commit().await?;
    let text = |row: &JsValue, k: &str| {
        js_sys::Reflect::get(row, &JsValue::from_str(k)).map(|v| v.as_string().unwrap_or_default()).map_err(|e| StoreError::from_js(&e))
    };
    let mut files = Vec::new();
    for row in rows {
        let complaint = text(&row, "complaint")?;
        if complaint.starts_with("draft:") {
            continue;
        }
        let blob = js_sys::Reflect::get(&row, &JsValue::from_str("blob"))
            .map_err(|e| StoreError::from_js(&e))?
            .dyn_into::<web_sys::Blob>()
            .map_err(|_| StoreError::Corrupt(format!("attachment {} is not a file", text(&row, "id").unwrap_or_default())))?;
        files.push(StoredFile { key: text(&row, "id")?, complaint, name: text(&row, "name")?, mime: text(&row, "mime")?, blob });
    }
    Ok(files)
}

/// One stored file with its record's fields, if this device has it.
pub async fn file(db: &Database, key: &str) -> Result<Option<StoredFile>, StoreError> {
    let tx = db.transaction(&[ATTACHMENTS], false).await?;
    let row = tx.store(ATTACHMENTS)?.get(JsValue::from_str(key))?.await?;
    tx.commit().await?;
    let Some(row) = row else { return Ok(None) };
    let text = |k: &str| js_sys::Reflect::get(&row, &JsValue::from_str(k)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let blob = js_sys::Reflect::get(&row, &JsValue::from_str("blob"))
        .map_err(|e| StoreError::from_js(&e))?
        .dyn_into::<web_sys::Blob>()
        .map_err(|_| StoreError::Corrupt(format!("attachment {key} is not a file")))?;
    Ok(Some(StoredFile { key: text("id"), complaint: text("complaint"), name: text("name"), mime: text("mime"), blob }))
}

//! The `drafts` store: what a form holds before it is submitted, saved as the user types.
//!
//! One draft per form instance (its id is made when the form opens); submitting removes the
//! draft in the same transaction that stores the result, so no ghost draft survives.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::DRAFTS;
use super::{Database, StoreError};

/// A saved draft: which form, when it was last saved, and the form's fields as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub form: String,
    pub updated_ms: i64,
    pub data: String,
}

/// Saves (creates or replaces) a draft.
pub async fn save(db: &Database, draft: &Draft) -> Result<(), StoreError> {
    let tx = db.transaction(&[DRAFTS], true).await?;
    tx.store(DRAFTS)?.put(&to_js(draft)?, None)?.await?;
    tx.commit().await
}

/// Drafts of one form, most recently saved first.
pub async fn of_form(db: &Database, form: &str) -> Result<Vec<Draft>, StoreError> {
    let tx = db.transaction(&[DRAFTS], false).await?;
    let values = tx.store(DRAFTS)?.get_all(None, None)?.await?;
    let mut drafts = values.into_iter().map(from_js::<Draft>).collect::<Result<Vec<_>, _>>()?;
    drafts.retain(|d| d.form == form);
    crate::domain::sort::sort_by_key(&mut drafts, |d| std::cmp::Reverse(d.updated_ms));
    Ok(drafts)
}

/// One draft by its id.
pub async fn get(db: &Database, id: &str) -> Result<Option<Draft>, StoreError> {
    let tx = db.transaction(&[DRAFTS], false).await?;
    let value = tx.store(DRAFTS)?.get(JsValue::from_str(id))?.await?;
    value.map(from_js::<Draft>).transpose()
}

/// Removes a draft (discarded by the user).
pub async fn remove(db: &Database, id: &str) -> Result<(), StoreError> {
    let tx = db.transaction(&[DRAFTS], true).await?;
    tx.store(DRAFTS)?.delete(JsValue::from_str(id))?.await?;
    tx.commit().await
}

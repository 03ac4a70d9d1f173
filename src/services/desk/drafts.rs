//! Drafts: what is typed in a form (the Register form, a step panel) and the files picked with
//! it, kept until it is saved or discarded, so a reload, a crash or a closed tab loses nothing.

use crate::browser::{broadcast, clock};
use crate::services::ActionError;
use crate::store::attachments;
use crate::store::drafts::{self, Draft};
use crate::store::StoreError;

use super::attachments::new_attachment_key;
use super::{Desk, CHANGED_DRAFTS, MAX_ATTACHMENT_BYTES};

impl Desk {
    /// One draft by its id (a step panel's).
    pub async fn draft(&self, id: &str) -> Result<Option<Draft>, StoreError> {
        drafts::get(&self.db, id).await
    }

    /// Keeps a file picked on the Register form with its draft, so that a crash or a closed tab
    /// loses neither the text nor the photos. Refused like any attachment when too large.
    pub async fn keep_draft_file(&self, draft_id: &str, file: &web_sys::File) -> Result<(), ActionError> {
        if file.size() > MAX_ATTACHMENT_BYTES as f64 {
            return Err(ActionError::TooLarge);
        }
        let key = new_attachment_key();
        attachments::put_draft_file(&self.db, draft_id, &key, file, clock::now_ms()).await?;
        Ok(())
    }

    /// The files kept with a draft, as they were picked.
    pub async fn draft_files(&self, draft_id: &str) -> Result<Vec<web_sys::File>, StoreError> {
        attachments::draft_files(&self.db, draft_id).await
    }

    /// Forgets the files kept with a draft (attached to its complaint, or discarded).
    pub async fn discard_draft_files(&self, draft_id: &str) -> Result<(), StoreError> {
        attachments::remove_draft_files(&self.db, draft_id).await
    }

    /// Saves a form's draft (the form's fields as JSON).
    pub async fn save_draft(&self, id: &str, form: &str, data: String) -> Result<(), StoreError> {
        let draft = Draft { id: id.into(), form: form.into(), updated_ms: clock::now_ms(), data };
        drafts::save(&self.db, &draft).await?;
        broadcast::announce(CHANGED_DRAFTS);
        Ok(())
    }

    /// The drafts of a form, most recent first.
    pub async fn drafts(&self, form: &str) -> Result<Vec<Draft>, StoreError> {
        drafts::of_form(&self.db, form).await
    }

    /// Discards a draft, with the files kept with it.
    pub async fn discard_draft(&self, id: &str) -> Result<(), StoreError> {
        attachments::remove_draft_files(&self.db, id).await?;
        drafts::remove(&self.db, id).await?;
        broadcast::announce(CHANGED_DRAFTS);
        Ok(())
    }
}

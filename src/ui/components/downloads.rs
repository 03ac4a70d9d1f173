//! Files a page offers for download: each file's object URL is kept until the next file from
//! the same place or until the page is left, then released (a tablet keeps no stale blobs).

use leptos::prelude::*;

use crate::browser::download::{start_download, text_url};

/// The last file one place of a page offered.
#[derive(Clone, Copy)]
pub struct Downloads(StoredValue<Option<String>>);

/// A place that offers files; its last file is released when the component goes away.
pub fn use_downloads() -> Downloads {
    let downloads = Downloads(StoredValue::new(None));
    on_cleanup(move || downloads.release());
    downloads
}

impl Downloads {
    /// Offers `text` as the file `name`; `storage_failed` when the browser cannot hold it.
    pub fn offer(self, text: &str, name: &str) -> Result<(), &'static str> {
        let url = text_url(text).ok_or("storage_failed")?;
        start_download(&url, name);
        self.release();
        self.0.try_set_value(Some(url));
        Ok(())
    }

    fn release(self) {
        if let Some(Some(url)) = self.0.try_get_value() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

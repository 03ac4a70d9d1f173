//! Object URLs for attached files that cannot run script on the app's origin.
//!
//! An object URL has the app's origin, so a file opened from one (an SVG or HTML "photo")
//! could read every complaint. The URL is therefore made from a copy of the Blob re-typed
//! by the app, never from the type the file arrived with.

use crate::domain::files::inline_image_type;
use crate::store::StoreError;

/// The type of every file that is not an allowlisted raster image: browsers download it
/// rather than render it, even when the URL is opened directly.
const DOWNLOAD_TYPE: &str = "application/octet-stream";

/// An attachment's object URL and how the gallery may use it. The holder revokes the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentUrl {
    /// An allowlisted raster image, typed as such: shown inline and opened.
    Image(String),
    /// Anything else, typed `application/octet-stream`: offered only as a download.
    Download(String),
}

impl AttachmentUrl {
    /// Re-types `blob` (a slice shares its bytes, nothing is copied) and makes its URL.
    pub fn for_blob(blob: &web_sys::Blob) -> Result<AttachmentUrl, StoreError> {
        let image = inline_image_type(&blob.type_());
        let typed = blob
            .slice_with_f64_and_f64_and_content_type(0.0, blob.size(), image.unwrap_or(DOWNLOAD_TYPE))
            .map_err(|e| StoreError::from_js(&e))?;
        let url = web_sys::Url::create_object_url_with_blob(&typed).map_err(|e| StoreError::from_js(&e))?;
        Ok(if image.is_some() { AttachmentUrl::Image(url) } else { AttachmentUrl::Download(url) })
    }

    pub fn url(&self) -> &str {
        match self {
            AttachmentUrl::Image(u) | AttachmentUrl::Download(u) => u,
        }
    }
}

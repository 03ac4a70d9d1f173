//! Work whose code is fetched on first use, like the lazy pages: each `#[wasm_split]` function
//! is cut into a wasm file of its own after the build (scripts/wasm-split.mjs), so the app
//! shell does not carry it: one sync (`sync_runner.rs`), the list's batch and CSV exports
//! (`ui/pages/complaints/export_*.rs`) and the retry of the records set aside at a new
//! version's first start (`import.rs`). The service worker precaches every file;
//! a file that cannot be fetched (online, before it is cached, the network dropping) is an
//! error the caller shows or skips, never a stop of the app (the `fallible` option).

use std::future::Future;
use std::pin::Pin;

use leptos::wasm_split::SplitLoaderError;

/// Work under way, handed back by the function in its own file.
pub type Later<T> = Pin<Box<dyn Future<Output = T>>>;

/// The file holding the code could not be fetched; asking again fetches it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

impl NotLoaded {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        "app_file_missing"
    }
}

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

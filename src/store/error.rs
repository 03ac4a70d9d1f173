//! Typed storage errors, each with a stable code the UI translates.

use thiserror::Error;

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
            StoreError::Corrupt(_) | StoreError::Failed(_) => "storage",
        }
    }
}

impl From<rexie::Error> for StoreError {
    fn from(err: rexie::Error) -> Self {
        // rexie wraps the DOMException; its name is the only reliable signal of a full disk.
        let text = format!("{err}: {err:?}");
        if text.contains("QuotaExceeded") {
            StoreError::Quota
        } else {
            StoreError::Failed(text)
        }
    }
}

//! IndexedDB storage (via rexie). Knows how records are laid out on disk; knows nothing of
//! the UI. Every write that belongs together happens in one transaction.

pub mod codec;
pub mod complaints;
pub mod db;
pub mod error;
pub mod meta;

pub use db::Database;
pub use error::StoreError;

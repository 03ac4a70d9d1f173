//! IndexedDB storage (via idb). Knows how records are laid out on disk; knows nothing of the
//! UI. Every write that belongs together happens in one transaction.

pub mod codec;
pub mod complaints;
pub mod connection;
pub mod drafts;
pub mod error;
pub mod meta;
pub mod schema;

pub use connection::{ConnectionEvent, Database, Tx};
pub use error::StoreError;

//! IndexedDB storage (via idb). Knows how records are laid out on disk; knows nothing of the
//! UI. Every write that belongs together happens in one transaction.

pub mod actions;
pub mod attachments;
pub mod codec;
pub mod connection;
pub mod csv_import;
pub mod customers;
pub mod drafts;
pub mod error;
pub mod events;
pub mod import;
pub mod list;
pub mod meta;
pub mod migrate;
pub mod outbox;
mod page_fill;
pub mod quarantine;
pub mod review;
pub mod scan;
pub mod schema;
pub mod search;
pub mod views;

pub use connection::{ConnectionEvent, Database, Tx};
pub use error::StoreError;

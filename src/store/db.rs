//! Opening the database and its schema.
//!
//! Schema version 1 (the first released schema; later versions must upgrade it in place):
//! - `complaints`: key path `id`, index `created_ms` (newest-first listing).
//! - `meta`: key path `key`; holds the device identity and the per-day serial counters.

use std::rc::Rc;

use rexie::{Index, ObjectStore, Rexie, TransactionMode};

use super::StoreError;

/// The production database name.
pub const DB_NAME: &str = "complaint-desk";
/// Current schema version.
pub const SCHEMA_VERSION: u32 = 1;

pub const COMPLAINTS: &str = "complaints";
pub const META: &str = "meta";

/// A shared handle to an open database. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    inner: Rc<Rexie>,
}

impl Database {
    /// Opens (creating or upgrading as needed) the database with the given name. Tests pass
    /// their own names so they never touch the user's data.
    pub async fn open(name: &str) -> Result<Database, StoreError> {
        let rexie = Rexie::builder(name)
            .version(SCHEMA_VERSION)
            .add_object_store(
                ObjectStore::new(COMPLAINTS)
                    .key_path("id")
                    .add_index(Index::new("created_ms", "created_ms")),
            )
            .add_object_store(ObjectStore::new(META).key_path("key"))
            .build()
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Failed(msg) => StoreError::Unavailable(msg),
                other => other,
            })?;
        Ok(Database { inner: Rc::new(rexie) })
    }

    /// Starts a transaction over the named stores.
    pub fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<rexie::Transaction, StoreError> {
        Ok(self.inner.transaction(stores, mode)?)
    }

    /// Deletes a database by name (tests only clean up their own).
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Ok(Rexie::delete(name).await?)
    }
}

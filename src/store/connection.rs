//! The connection to this device's database: reopened when the browser closes it, given up
//! (and reported) when another tab upgrades the schema, and the one place transactions start.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{IdbDatabase, IdbTransaction, IdbTransactionMode};

use super::schema::{self, SCHEMA_VERSION};
use super::StoreError;

/// Something that happened to the connection that the app should know about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionEvent {
    /// Another tab opened a newer schema; this tab closed its connection and must reload.
    Superseded,
}

type Listener = Box<dyn Fn(ConnectionEvent)>;

struct Inner {
    name: String,
    conn: RefCell<Option<IdbDatabase>>,
    superseded: Cell<bool>,
    listeners: RefCell<Vec<Listener>>,
}

/// A shared handle to this device's database. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    inner: Rc<Inner>,
}

impl Database {
    /// Opens (creating or upgrading as needed) the database with the given name. Tests pass
    /// their own names so they never touch the user's data.
    pub async fn open(name: &str) -> Result<Database, StoreError> {
        let db = Database {
            inner: Rc::new(Inner {
                name: name.to_string(),
                conn: RefCell::new(None),
                superseded: Cell::new(false),
                listeners: RefCell::new(Vec::new()),
            }),
        };
        db.connection().await?;
        Ok(db)
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Calls `f` when something happens to the connection.
    pub fn on_event(&self, f: impl Fn(ConnectionEvent) + 'static) {
        self.inner.listeners.borrow_mut().push(Box::new(f));
    }

    async fn connection(&self) -> Result<IdbDatabase, StoreError> {
        if self.inner.superseded.get() {
            return Err(StoreError::Superseded);
        }
        if let Some(conn) = self.inner.conn.borrow().as_ref() {
            return Ok(conn.clone());
        }
        let conn = schema::open(&self.inner.name, SCHEMA_VERSION).await?;
        self.watch(&conn);
        *self.inner.conn.borrow_mut() = Some(conn.clone());
        Ok(conn)
    }

    fn watch(&self, conn: &IdbDatabase) {
        // Another tab wants a newer schema: step aside so it is not blocked, and tell the UI.
        let weak = Rc::downgrade(&self.inner);
        let on_version_change = Closure::<dyn Fn()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                if let Some(conn) = inner.conn.borrow_mut().take() {
                    conn.close();
                }
                inner.superseded.set(true);
                for l in inner.listeners.borrow().iter() {
                    l(ConnectionEvent::Superseded);
                }
            }
        });
        conn.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        // The browser closed the connection (storage cleared, disk error): reopen on next use.
        let weak = Rc::downgrade(&self.inner);
        let on_close = Closure::<dyn Fn()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.conn.borrow_mut().take();
            }
        });
        conn.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        on_close.forget();
    }

    /// Starts a transaction over the named stores.
    pub async fn transaction(&self, stores: &[&str], write: bool) -> Result<Tx, StoreError> {
        let mode = if write { IdbTransactionMode::Readwrite } else { IdbTransactionMode::Readonly };
        let names = js_sys::Array::new();
        for s in stores {
            names.push(&(*s).into());
        }
        let conn = self.connection().await?;
        let raw = match conn.transaction_with_str_sequence_and_mode(&names, mode) {
            Ok(tx) => tx,
            // The connection went away between the check and the call: reopen once.
            Err(_) => {
                self.inner.conn.borrow_mut().take();
                let conn = self.connection().await?;
                conn.transaction_with_str_sequence_and_mode(&names, mode)
                    .map_err(|e| StoreError::from_js(&e))?
            }
        };
        Ok(Tx { raw })
    }

    /// Closes this handle's connection (tests, and before deleting a database).
    pub fn close(&self) {
        if let Some(conn) = self.inner.conn.borrow_mut().take() {
            conn.close();
        }
    }

    /// Deletes a database by name (tests only clean up their own).
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        let factory = idb::Factory::new()?;
        factory.delete(name)?.await?;
        Ok(())
    }
}

/// One IndexedDB transaction. Dropping it without [`Tx::commit`] lets the browser commit what
/// was requested; call `commit` to learn whether it really was written.
pub struct Tx {
    raw: IdbTransaction,
}

impl Tx {
    /// A store of this transaction.
    pub fn store(&self, name: &str) -> Result<idb::ObjectStore, StoreError> {
        Ok(idb::Transaction::from(self.raw.clone()).object_store(name)?)
    }

    /// Waits until the transaction is committed; a transaction the browser aborted (a full
    /// disk, a failed request) is reported with the browser's reason. It listens for `complete`
    /// and `abort` only: a failed request's `error` event reaches the transaction before the
    /// browser aborts it, when its reason is not set yet (and writes are queued without waiting
    /// for each, so that is where a failed write is learnt).
    pub async fn commit(self) -> Result<(), StoreError> {
        let raw = self.raw.clone();
        let outcome = js_sys::Promise::new(&mut |resolve, _| {
            raw.set_oncomplete(Some(&resolve));
            raw.set_onabort(Some(&resolve));
        });
        let event = wasm_bindgen_futures::JsFuture::from(outcome).await.map_err(|e| StoreError::from_js(&e))?;
        self.raw.set_oncomplete(None);
        self.raw.set_onabort(None);
        match event.dyn_into::<web_sys::Event>().map(|e| e.type_()) {
            Ok(kind) if kind == "complete" => Ok(()),
            _ => Err(self.abort_reason()),
        }
    }

    /// Aborts: nothing this transaction wrote is kept.
    pub fn abort(self) {
        let _ = self.raw.abort();
    }

    /// Runs `queue` (which queues writes without awaiting them); when it fails part way, the
    /// transaction is aborted, so the writes already queued are not committed with it.
    pub fn queue<T>(&self, queue: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        queue().inspect_err(|_| drop(self.raw.abort()))
    }

    /// Ends a transaction whose writes `written` queued: commits them when it succeeded;
    /// otherwise aborts, so nothing queued before the failure is kept, with the browser's own
    /// reason when a queued write failed first (later requests only learn "AbortError").
    pub async fn finish<T>(self, written: Result<T, StoreError>) -> Result<T, StoreError> {
        match written {
            Ok(value) => {
                self.commit().await?;
                Ok(value)
            }
            Err(e) => {
                let e = if self.raw.error().is_some() { self.abort_reason() } else { e };
                self.abort();
                Err(e)
            }
        }
    }

    fn abort_reason(&self) -> StoreError {
        match self.raw.error() {
            Some(e) => StoreError::from_js(e.as_ref()),
            None => StoreError::Failed("the transaction was aborted".into()),
        }
    }
}

//! The desk: this device's open database and identity, and the use cases on them.

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser::{broadcast, clock, random};
use crate::domain::device::{DeviceError, DeviceIdentity};
use crate::domain::number::NumberMask;
use crate::domain::registration::{ComplaintRecord, NewComplaint};
use crate::store::drafts::{self, Draft};
use crate::store::{complaints, meta, ConnectionEvent, Database, StoreError};

/// Names of the change announcements other tabs listen for.
pub const CHANGED_COMPLAINTS: &str = "complaints";
pub const CHANGED_DRAFTS: &str = "drafts";

/// The production database name.
pub const DB_NAME: &str = "complaint-desk";

use super::RegisterError;

/// This device's database and identity. Cheap to clone; provided to the UI as context.
#[derive(Clone)]
pub struct Desk {
    db: Database,
    device: Rc<RefCell<DeviceIdentity>>,
}

impl Desk {
    /// Opens the production database and makes sure this device has an identity.
    pub async fn open() -> Result<Desk, StoreError> {
        Desk::open_named(DB_NAME).await
    }

    /// Opens a database by name (tests use their own).
    pub async fn open_named(name: &str) -> Result<Desk, StoreError> {
        let db = Database::open(name).await?;
        let device = match meta::device(&db).await? {
            Some(device) => device,
            None => meta::create_device_once(&db, DeviceIdentity::generate(random::bytes())).await?,
        };
        Ok(Desk { db, device: Rc::new(RefCell::new(device)) })
    }

    /// This device's identity.
    pub fn device(&self) -> DeviceIdentity {
        self.device.borrow().clone()
    }

    /// Validates and stores a new complaint with the next number of the day; the form's draft
    /// (if any) is removed in the same transaction.
    pub async fn register(
        &self,
        input: NewComplaint,
        draft_id: Option<&str>,
    ) -> Result<ComplaintRecord, RegisterError> {
        let valid = input.validate(clock::local_now()).map_err(RegisterError::Invalid)?;
        let device = self.device();
        let day = valid.received_at.date();
        let mask = NumberMask::default();
        let created_ms = clock::now_ms();
        let record = complaints::insert_with_next_serial(&self.db, day, draft_id, |serial| ComplaintRecord {
            id: format!("{}-{}-{:06}", device.id, day.format("%Y%m%d"), serial),
            number: mask.format(day, valid.channel.default_code(), &device.code, serial),
            received_at: valid.received_at,
            channel: valid.channel,
            customer_name: valid.customer_name,
            customer_phone: valid.customer_phone,
            product: valid.product,
            description: valid.description,
            created_ms,
            device_id: device.id.clone(),
        })
        .await?;
        broadcast::announce(CHANGED_COMPLAINTS);
        broadcast::announce(CHANGED_DRAFTS);
        Ok(record)
    }

    /// A page of complaints, newest first.
    pub async fn newest(&self, offset: u32, limit: u32) -> Result<Vec<ComplaintRecord>, StoreError> {
        complaints::newest(&self.db, offset, limit).await
    }

    /// How many complaints this device holds.
    pub async fn count(&self) -> Result<u32, StoreError> {
        complaints::count(&self.db).await
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

    /// Discards a draft.
    pub async fn discard_draft(&self, id: &str) -> Result<(), StoreError> {
        drafts::remove(&self.db, id).await?;
        broadcast::announce(CHANGED_DRAFTS);
        Ok(())
    }

    /// Calls `f` when another tab opened a newer version of the database: this tab can no
    /// longer read or write and must reload.
    pub fn on_superseded(&self, f: impl Fn() + 'static) {
        self.db.on_event(move |e| match e {
            ConnectionEvent::Superseded => f(),
        });
    }

    /// Renames this device. A refused name changes nothing.
    pub async fn rename_device(&self, name: &str) -> Result<DeviceIdentity, RenameError> {
        let mut device = self.device();
        device.rename(name)?;
        meta::put_device(&self.db, &device).await?;
        *self.device.borrow_mut() = device.clone();
        Ok(device)
    }
}

/// Why a rename failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    #[error(transparent)]
    Invalid(#[from] DeviceError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RenameError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            RenameError::Invalid(e) => e.code(),
            RenameError::Store(e) => e.code(),
        }
    }
}

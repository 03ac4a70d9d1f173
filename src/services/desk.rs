//! The desk: this device's open database and identity, and the use cases on them.

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser::{clock, random};
use crate::domain::device::{DeviceError, DeviceIdentity};
use crate::domain::number::NumberMask;
use crate::domain::registration::{ComplaintRecord, NewComplaint};
use crate::store::{complaints, db, meta, Database, StoreError};

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
        Desk::open_named(db::DB_NAME).await
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

    /// Validates and stores a new complaint with the next number of the day.
    pub async fn register(&self, input: NewComplaint) -> Result<ComplaintRecord, RegisterError> {
        let valid = input.validate(clock::local_now()).map_err(RegisterError::Invalid)?;
        let device = self.device();
        let day = valid.received_at.date();
        let mask = NumberMask::default();
        let created_ms = clock::now_ms();
        let record = complaints::insert_with_next_serial(&self.db, day, |serial| ComplaintRecord {
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

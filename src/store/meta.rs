//! Small keyed records in the `meta` store: the device identity.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::META;
use super::{Database, StoreError};
use crate::domain::device::DeviceIdentity;

const DEVICE_KEY: &str = "device";

#[derive(Serialize, Deserialize)]
struct DeviceRecord {
    key: String,
    #[serde(flatten)]
    device: DeviceIdentity,
}

/// Reads this device's identity, if one was created.
pub async fn device(db: &Database) -> Result<Option<DeviceIdentity>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(DEVICE_KEY))?.await?;
    tx.commit().await?;
    value.map(|v| from_js::<DeviceRecord>(v).map(|r| r.device)).transpose()
}

/// Stores the identity, but only if none exists yet, in one transaction: two tabs starting at
/// once end up with the same identity. Returns the identity that is stored afterwards.
pub async fn create_device_once(
    db: &Database,
    candidate: DeviceIdentity,
) -> Result<DeviceIdentity, StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    let existing = store.get(JsValue::from_str(DEVICE_KEY))?.await?;
    let device = match existing {
        Some(v) => from_js::<DeviceRecord>(v)?.device,
        None => {
            let record = DeviceRecord { key: DEVICE_KEY.into(), device: candidate.clone() };
            store.add(&to_js(&record)?, None)?.await?;
            candidate
        }
    };
    tx.commit().await?;
    Ok(device)
}

/// Replaces the stored identity (after a rename).
pub async fn put_device(db: &Database, device: &DeviceIdentity) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let record = DeviceRecord { key: DEVICE_KEY.into(), device: device.clone() };
    tx.store(META)?.put(&to_js(&record)?, None)?.await?;
    tx.commit().await
}

//! Small keyed records in the `meta` store: the device identity, the device's hybrid logical
//! clock and its per-day serial counters (the counters keep the first release's layout), the
//! working rules with the version they are.

use std::future::IntoFuture;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::schema::META;
use super::{Database, StoreError};
use crate::domain::device::DeviceIdentity;
use crate::domain::hlc::Hlc;
use crate::domain::rules_file::RulesVersion;

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

pub(crate) const CLOCK_KEY: &str = "hlc";

#[derive(Serialize, Deserialize)]
pub(crate) struct ClockRecord {
    pub(crate) key: String,
    #[serde(flatten)]
    pub(crate) hlc: Hlc,
}

/// A number kept in `meta` under its own key: a day's last complaint serial (`serial/<day>`),
/// a day's last batch sequence (`batch:<day>`) or the number of views (`view-count`). Stored
/// as `{key, last}` on devices in use, so the field keeps that name in the record.
#[derive(Serialize, Deserialize)]
pub(crate) struct CounterRecord {
    pub(crate) key: String,
    #[serde(rename = "last")]
    pub(crate) value: u32,
}

fn serial_key(day: NaiveDate) -> String {
    format!("serial/{day}")
}

/// This device's last HLC value, read inside a caller's transaction (zero before the first event).
pub(crate) async fn clock(meta: &idb::ObjectStore) -> Result<Hlc, StoreError> {
    clock_requested(meta)?.await
}

/// [`clock`] with its request made now, so a transaction can request it beside another read
/// and wait for both at once.
pub(crate) fn clock_requested(meta: &idb::ObjectStore) -> Result<impl std::future::Future<Output = Result<Hlc, StoreError>>, StoreError> {
    let request = meta.get(JsValue::from_str(CLOCK_KEY))?.into_future();
    Ok(async move { clock_of(request.await?) })
}

fn clock_of(value: Option<JsValue>) -> Result<Hlc, StoreError> {
    Ok(value.map(from_js::<ClockRecord>).transpose()?.map(|r| r.hlc).unwrap_or_default())
}

fn counter_of(value: Option<JsValue>) -> Result<Option<u32>, StoreError> {
    Ok(value.map(from_js::<CounterRecord>).transpose()?.map(|r| r.value))
}

// The writes below are queued, not awaited: a transaction's requests run in order, and one
// that fails (a full disk) aborts the transaction, whose `Tx::commit` reports the browser's
// reason. Awaiting each cost a round trip to the browser's storage per write.

/// Queues this device's HLC value inside a caller's transaction.
pub(crate) fn put_clock(meta: &idb::ObjectStore, hlc: Hlc) -> Result<(), StoreError> {
    drop(meta.put(&to_js(&ClockRecord { key: CLOCK_KEY.into(), hlc })?, None)?);
    Ok(())
}

/// The last daily serial this device issued for `day` (0 if none).
pub(crate) async fn last_serial(meta: &idb::ObjectStore, day: NaiveDate) -> Result<u32, StoreError> {
    Ok(counter_of(meta.get(JsValue::from_str(&serial_key(day)))?.await?)?.unwrap_or(0))
}

/// Queues `serial` as the last used for `day`.
pub(crate) fn put_serial(meta: &idb::ObjectStore, day: NaiveDate, last: u32) -> Result<(), StoreError> {
    drop(meta.put(&to_js(&CounterRecord { key: serial_key(day), value: last })?, None)?);
    Ok(())
}

pub(crate) const VIEW_COUNT_KEY: &str = "view-count";

/// How many complaint views exist, kept in step by every transaction that adds one, so the
/// list's total does not walk 100,000 index entries (`count()` is linear in Chromium).
/// `None` for a database whose views predate the counter.
pub(crate) async fn view_count(meta: &idb::ObjectStore) -> Result<Option<u32>, StoreError> {
    view_count_requested(meta)?.await
}

/// [`view_count`] with its request made now (see [`clock_requested`]).
pub(crate) fn view_count_requested(meta: &idb::ObjectStore) -> Result<impl std::future::Future<Output = Result<Option<u32>, StoreError>>, StoreError> {
    let request = meta.get(JsValue::from_str(VIEW_COUNT_KEY))?.into_future();
    Ok(async move { counter_of(request.await?) })
}

/// Queues `views` as the number of complaint views.
pub(crate) fn put_view_count(meta: &idb::ObjectStore, views: u32) -> Result<(), StoreError> {
    drop(meta.put(&to_js(&CounterRecord { key: VIEW_COUNT_KEY.into(), value: views })?, None)?);
    Ok(())
}

/// What a transaction that registers a complaint reads from `meta` before the command runs.
pub(crate) struct Counters {
    pub(crate) clock: Hlc,
    /// The day's last serial (0 if none).
    pub(crate) serial: u32,
    pub(crate) views: Option<u32>,
}

/// The device clock, `day`'s last serial and the view count, with one wait: the three requests
/// are made before the first answer is awaited, and IndexedDB answers them in order.
pub(crate) async fn counters(meta: &idb::ObjectStore, day: NaiveDate) -> Result<Counters, StoreError> {
    // Each future listens from the start, so no answer can come before it is heard.
    let clock = clock_requested(meta)?;
    let serial = meta.get(JsValue::from_str(&serial_key(day)))?.into_future();
    let views = view_count_requested(meta)?;
    let clock = clock.await?;
    let serial = counter_of(serial.await?)?.unwrap_or(0);
    Ok(Counters { clock, serial, views: views.await? })
}

const CONFIG_KEY: &str = "config";

#[derive(Serialize, Deserialize)]
struct ConfigRecord {
    key: String,
    /// The configuration as JSON text, so newer fields survive an older app's read-modify-write.
    json: String,
}

/// The saved domain configuration (the Settings page), if any was saved on this device.
pub async fn config(db: &Database) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(CONFIG_KEY))?.await?;
    tx.commit().await?;
    value.map(|v| from_js::<ConfigRecord>(v).map(|r| r.json)).transpose()
}

/// Where saved rules that could not be used are kept when new rules replace them.
pub const REPLACED_CONFIG_KEY: &str = "config_replaced";

/// Saves the domain configuration (JSON text) in one transaction; `replaced` (the text of saved
/// rules that could not be used) is kept under `REPLACED_CONFIG_KEY` in the same transaction.
pub async fn put_config(db: &Database, json: String, replaced: Option<String>) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    if let Some(old) = replaced {
        store.put(&to_js(&ConfigRecord { key: REPLACED_CONFIG_KEY.into(), json: old })?, None)?.await?;
    }
    store.put(&to_js(&ConfigRecord { key: CONFIG_KEY.into(), json })?, None)?.await?;
    tx.commit().await
}

const RULES_VERSION_KEY: &str = "rules_version";

/// The working rules as stored: their text and the version they are (see `domain::rules_file`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredRules {
    /// `None` until rules are saved or applied on this device (the defaults are in use).
    pub config: Option<String>,
    /// `None` until rules are exported or imported as a file here.
    pub version: Option<RulesVersion>,
}

async fn text_record(store: &idb::ObjectStore, key: &str) -> Result<Option<String>, StoreError> {
    store.get(JsValue::from_str(key))?.await?.map(|v| from_js::<ConfigRecord>(v).map(|r| r.json)).transpose()
}

async fn read_version(store: &idb::ObjectStore) -> Result<Option<RulesVersion>, StoreError> {
    text_record(store, RULES_VERSION_KEY)
        .await?
        .map(|json| serde_json::from_str::<RulesVersion>(&json).map_err(|e| StoreError::Corrupt(format!("rules version: {e}"))))
        .transpose()
}

async fn read_rules(store: &idb::ObjectStore) -> Result<StoredRules, StoreError> {
    Ok(StoredRules { config: text_record(store, CONFIG_KEY).await?, version: read_version(store).await? })
}

fn version_record(version: &RulesVersion) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(version).map_err(|e| StoreError::Failed(format!("encode: {e}")))?;
    to_js(&ConfigRecord { key: RULES_VERSION_KEY.into(), json })
}

/// The saved working rules and their version, read together.
pub async fn rules(db: &Database) -> Result<StoredRules, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let stored = read_rules(&tx.store(META)?).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Saves rules edited in Settings, in one transaction: the text, their version marked changed
/// here (unless they are that revision's rules again), and `replaced` as `put_config` keeps it.
pub async fn save_rules(db: &Database, json: String, replaced: Option<String>) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    // A version record that does not read never keeps anyone from saving rules (it is
    // reported where the version is shown).
    if let Ok(Some(version)) = read_version(&store).await {
        store.put(&version_record(&version.after_save(&json))?, None)?.await?;
    }
    if let Some(old) = replaced {
        store.put(&to_js(&ConfigRecord { key: REPLACED_CONFIG_KEY.into(), json: old })?, None)?.await?;
    }
    store.put(&to_js(&ConfigRecord { key: CONFIG_KEY.into(), json })?, None)?.await?;
    tx.commit().await
}

/// Sets the rules' version, and their text when `config` is given, in one transaction, but
/// only if the stored rules are still `expected` (what the person saw); `replaced` (the text of
/// rules a person chose to replace) is kept under `REPLACED_CONFIG_KEY` in the same
/// transaction. `false`: they changed meanwhile (another tab) and nothing was written.
pub async fn swap_rules(
    db: &Database,
    expected: &StoredRules,
    config: Option<String>,
    version: &RulesVersion,
    replaced: Option<String>,
) -> Result<bool, StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    if read_rules(&store).await? != *expected {
        tx.commit().await?;
        return Ok(false);
    }
    if let Some(old) = replaced {
        store.put(&to_js(&ConfigRecord { key: REPLACED_CONFIG_KEY.into(), json: old })?, None)?.await?;
    }
    if let Some(json) = config {
        store.put(&to_js(&ConfigRecord { key: CONFIG_KEY.into(), json })?, None)?.await?;
    }
    store.put(&version_record(version)?, None)?.await?;
    tx.commit().await?;
    Ok(true)
}

/// The text of the last saved rules that were replaced because they could not be used.
pub async fn replaced_config(db: &Database) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(REPLACED_CONFIG_KEY))?.await?;
    tx.commit().await?;
    value.map(|v| from_js::<ConfigRecord>(v).map(|r| r.json)).transpose()
}

/// This device's next batch number for `day` (1, 2, …), counted in one transaction so that
/// two exports on one day never share a file name.
pub async fn next_batch_sequence(db: &Database, day: NaiveDate) -> Result<u32, StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    let key = format!("batch:{day}");
    let last = match store.get(JsValue::from_str(&key))?.await? {
        Some(v) => from_js::<CounterRecord>(v)?.value,
        None => 0,
    };
    let next = last.checked_add(1).ok_or_else(|| StoreError::Failed("batch sequence exhausted".into()))?;
    store.put(&to_js(&CounterRecord { key, value: next })?, None)?.await?;
    tx.commit().await?;
    Ok(next)
}

const KNOWN_DEVICES_KEY: &str = "known-devices";

/// Another device this one has imported from: what the list's device filter offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownDevice {
    pub id: String,
    pub code: String,
    pub name: String,
    /// When its last batch was imported here (UTC ms).
    pub last_import_ms: i64,
}

#[derive(Serialize, Deserialize)]
struct KnownDevices {
    key: String,
    devices: Vec<KnownDevice>,
}

/// The devices this one has imported from, by code.
pub async fn known_devices(db: &Database) -> Result<Vec<KnownDevice>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(KNOWN_DEVICES_KEY))?.await?;
    tx.commit().await?;
    Ok(value.map(from_js::<KnownDevices>).transpose()?.map(|r| r.devices).unwrap_or_default())
}

/// Remembers (or renames) a device a batch came from, in one transaction.
pub async fn remember_device(db: &Database, device: KnownDevice) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    let mut devices = match store.get(JsValue::from_str(KNOWN_DEVICES_KEY))?.await? {
        Some(v) => from_js::<KnownDevices>(v)?.devices,
        None => Vec::new(),
    };
    devices.retain(|d| d.id != device.id);
    devices.push(device);
    crate::domain::sort::sort_by(&mut devices, |a, b| (&a.code, &a.id).cmp(&(&b.code, &b.id)));
    store.put(&to_js(&KnownDevices { key: KNOWN_DEVICES_KEY.into(), devices })?, None)?.await?;
    tx.commit().await
}

const EXPORT_WATERMARK_KEY: &str = "export-watermark";

/// The newest clock this device's last export of everything or of changes held: the next
/// "changes since the last export" starts after it.
pub async fn export_watermark(db: &Database) -> Result<Option<Hlc>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(EXPORT_WATERMARK_KEY))?.await?;
    tx.commit().await?;
    value.map(|v| from_js::<ClockRecord>(v).map(|r| r.hlc)).transpose()
}

/// Moves the export mark forward (never back: an older export finishing late changes nothing).
pub async fn put_export_watermark(db: &Database, hlc: Hlc) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    let store = tx.store(META)?;
    let old = match store.get(JsValue::from_str(EXPORT_WATERMARK_KEY))?.await? {
        Some(v) => from_js::<ClockRecord>(v)?.hlc,
        None => Hlc::default(),
    };
    if hlc > old {
        store.put(&to_js(&ClockRecord { key: EXPORT_WATERMARK_KEY.into(), hlc })?, None)?.await?;
    }
    tx.commit().await
}

const QUARANTINE_RETRIED_KEY: &str = "quarantine-retried";

#[derive(Serialize, Deserialize)]
struct TextRecord {
    key: String,
    value: String,
}

/// The app version that last retried the records set aside.
pub async fn quarantine_retried(db: &Database) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(QUARANTINE_RETRIED_KEY))?.await?;
    tx.commit().await?;
    value.map(|v| from_js::<TextRecord>(v).map(|r| r.value)).transpose()
}

/// Records that this app version retried the records set aside.
pub async fn put_quarantine_retried(db: &Database, version: &str) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    tx.store(META)?.put(&to_js(&TextRecord { key: QUARANTINE_RETRIED_KEY.into(), value: version.into() })?, None)?.await?;
    tx.commit().await
}

/// A JSON value kept under `key` in meta (small records of the services, e.g. sync state).
#[derive(Serialize, Deserialize)]
struct JsonRecord {
    key: String,
    json: String,
}

/// Reads a value kept with [`put_json`].
pub async fn get_json<T: serde::de::DeserializeOwned>(db: &Database, key: &str) -> Result<Option<T>, StoreError> {
    let tx = db.transaction(&[META], false).await?;
    let value = tx.store(META)?.get(JsValue::from_str(key))?.await?;
    tx.commit().await?;
    match value {
        Some(v) => {
            let r: JsonRecord = from_js(v)?;
            serde_json::from_str(&r.json).map(Some).map_err(|e| StoreError::Corrupt(format!("{key}: {e}")))
        }
        None => Ok(None),
    }
}

/// Keeps a value under `key` (replacing it), in one transaction.
pub async fn put_json<T: Serialize>(db: &Database, key: &str, value: &T) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Failed(format!("encode {key}: {e}")))?;
    let tx = db.transaction(&[META], true).await?;
    tx.store(META)?.put(&to_js(&JsonRecord { key: key.into(), json })?, None)?.await?;
    tx.commit().await
}

/// Removes the value under `key`.
pub async fn delete_key(db: &Database, key: &str) -> Result<(), StoreError> {
    let tx = db.transaction(&[META], true).await?;
    tx.store(META)?.delete(JsValue::from_str(key))?.await?;
    tx.commit().await
}

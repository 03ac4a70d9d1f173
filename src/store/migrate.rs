//! Converts the first release's flat records (legacy `complaints` store) into `registered`
//! events and view rows, one record per transaction that also deletes it: safe to interrupt
//! and to run again. A record that cannot be converted goes to quarantine with the reason.

use wasm_bindgen::JsValue;

use super::codec::from_js;
use super::events::{queue_new_complaint, views_after_one};
use super::quarantine::{self, Quarantined};
use super::schema::{COMPLAINTS, EVENTS, META, OUTBOX, QUARANTINE, REVIEW, VIEWS};
use super::{meta, Database, StoreError};
use crate::domain::command::{execute, Command, Context, Issued};
use crate::domain::config::DomainConfig;
use crate::domain::device::DeviceIdentity;
use crate::domain::errors::CommandError;
use crate::domain::fold::fold;
use crate::domain::hlc::Hlc;
use crate::domain::intake::{Customer, Incident, Nature, Recurrence, Registration, RequestType, Seriousness};
use crate::domain::registration::ComplaintRecord;

/// What a migration run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Migrated {
    pub converted: u32,
    pub quarantined: u32,
}

/// Empties the legacy store. `random` supplies the bytes of each event id; `now_ms` stamps
/// quarantined records.
pub async fn legacy(
    db: &Database,
    device: &DeviceIdentity,
    config: &DomainConfig,
    now_ms: i64,
    mut random: impl FnMut() -> [u8; 10],
) -> Result<Migrated, StoreError> {
    let mut done = Migrated::default();
    loop {
        let tx = db.transaction(&[COMPLAINTS, EVENTS, VIEWS, REVIEW, META, QUARANTINE, OUTBOX], true).await?;
        let Some(cursor) = tx.store(COMPLAINTS)?.open_cursor(None, None)?.await? else {
            tx.commit().await?;
            return Ok(done);
        };
        let cursor = cursor.into_managed();
        let (Some(key), Some(value)) = (cursor.primary_key()?, cursor.value()?) else {
            tx.commit().await?;
            return Ok(done);
        };
        let text = js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()).unwrap_or_default();
        match convert(value, device, config, random()) {
            Ok((record, issued)) => {
                let day = record.received_at.date();
                let meta_store = tx.store(META)?;
                let counters = meta::counters(&meta_store, day).await?;
                let views = views_after_one(&tx, counters.views).await?;
                tx.queue(|| {
                    queue_new_complaint(&tx, &issued, config, record.created_ms)?;
                    meta::put_view_count(&meta_store, views)?;
                    meta::put_clock(&meta_store, counters.clock.max(issued.clock))?;
                    meta::put_serial(&meta_store, day, counters.serial.max(serial_of(&record.number).unwrap_or(0)))
                })?;
                done.converted += 1;
            }
            Err(reason) => {
                let id = format!("legacy/{}", key.as_string().unwrap_or_else(|| format!("{key:?}")));
                let item = Quarantined { id, received_ms: now_ms, source: "legacy_complaints".into(), reason, data: text };
                quarantine::keep(&tx.store(QUARANTINE)?, &item).await?;
                done.quarantined += 1;
            }
        }
        drop(tx.store(COMPLAINTS)?.delete(key)?);
        tx.commit().await?;
    }
}

/// The serial at the end of a complaint number (`…-007` → 7).
fn serial_of(number: &str) -> Option<u32> {
    let digits: String = number.chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// The record's `registered` event, or why there is none. The first-contact owner of a legacy
/// record is the device's name (the first release did not ask for one).
fn convert(
    value: JsValue,
    device: &DeviceIdentity,
    config: &DomainConfig,
    random: [u8; 10],
) -> Result<(ComplaintRecord, Issued), String> {
    let record: ComplaintRecord = from_js(value).map_err(|e| format!("unreadable: {e}"))?;
    let serial = serial_of(&record.number).ok_or_else(|| format!("no_serial: {}", record.number))?;
    let registration = Registration {
        received_at: record.received_at,
        channel: record.channel,
        request_type: RequestType::Complaint,
        nature: Nature { seriousness: Seriousness::General, recurrence: Recurrence::FirstTime },
        customer: Customer { name: record.customer_name.clone(), phone: record.customer_phone.clone(), ..Customer::default() },
        incident: Incident { product: record.product.clone(), own_words: record.description.clone(), ..Incident::default() },
        first_contact_owner: device.name.clone(),
    };
    // The event keeps the record's own time: a zero clock makes its HLC the creation time.
    let ctx = Context {
        actor: &device.name,
        device_id: &record.device_id,
        device_code: &device.code,
        clock: Hlc::default(),
        now_ms: record.created_ms,
        random,
        config,
    };
    let issued = execute(None, Command::Register { registration, serial }, &ctx).map_err(|e| match &e {
        CommandError::Invalid(issues) => {
            let list: Vec<String> = issues.iter().map(|i| format!("{}={}", i.field.key(), i.problem.code())).collect();
            format!("{}: {}", e.code(), list.join(", "))
        }
        _ => format!("{}: {e}", e.code()),
    })?;
    // The number is what the customer was told: it must come out unchanged.
    let number = issued.events.first().and_then(|e| fold(e.complaint(), issued.events.iter()).number().map(str::to_string));
    if number.as_deref() != Some(record.number.as_str()) {
        return Err(format!("number_changed: {} became {}", record.number, number.unwrap_or_default()));
    }
    Ok((record, issued))
}

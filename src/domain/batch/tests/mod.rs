//! Tests of batch files: writing and reading, the import plan, redaction, property tests of
//! the merge rules, and the generator of the hostile-file corpus (`tests/batch_corpus/`).

mod actions;
mod corpus;
mod plan;
mod retry;
// proptest is a native dev-dependency: property tests run with `cargo test` on the host.
#[cfg(not(target_arch = "wasm32"))]
mod props;
mod roundtrip;

use chrono::{NaiveDate, NaiveDateTime};

use super::format::Selection;
use super::import::{plan_import, ImportPlan};
use super::read::{read_batch, ReadOptions};
use super::write::{write_batch, AttachmentFile, ExportRequest, WrittenBatch};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::config::DomainConfig;
use crate::domain::device::DeviceIdentity;
use crate::domain::ids::ComplaintId;
use crate::domain::intake::tests::example;
use crate::domain::tests::{local, Device};

pub(crate) fn identity(d: &Device) -> DeviceIdentity {
    DeviceIdentity { id: d.id.clone(), code: d.code.clone(), name: format!("Tablet {}", d.code) }
}

pub(crate) fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 10, 9).unwrap()
}

/// Exports `selection` of everything `d` holds, with `attachments`.
pub(crate) fn export(d: &Device, selection: Selection, attachments: &[AttachmentFile]) -> WrittenBatch {
    let id = identity(d);
    let request = ExportRequest { device: &id, created_ms: d.ms(local(2023, 10, 9, 18, 0)), day: day(), sequence: 1, selection: selection.clone() };
    write_batch(&request, super::select::select(&selection, &d.events), attachments).unwrap()
}

/// Reads, plans and applies a batch on `d`, as the store would; returns the plan.
pub(crate) fn import(d: &mut Device, bytes: &[u8], at: NaiveDateTime) -> ImportPlan {
    let batch = read_batch(bytes, ReadOptions::default()).unwrap();
    let plan = plan_import(&batch, &d.events, &d.id, d.ms(at));
    plan.apply_to(&mut d.events);
    if let Some(h) = plan.max_hlc() {
        d.clock = d.clock.observe(h, d.ms(at));
    }
    plan
}

/// A wall clock (UTC ms) later than every test batch's events: no device looks skewed.
pub(crate) fn evening() -> i64 {
    DomainConfig::default().calendar.utc(local(2023, 10, 9, 23, 0))
}

/// A device that registered and classified one complaint.
pub(crate) fn desk(id: &str, code: &str) -> (Device, ComplaintId) {
    let mut d = Device::new(id, code, &format!("{id}-user"), DomainConfig::default());
    let c = register(&mut d, local(2023, 10, 9, 9, 0), 1);
    (d, c)
}

pub(crate) fn register(d: &mut Device, at: NaiveDateTime, serial: u32) -> ComplaintId {
    let c = d.run_at(None, at, Command::Register { registration: example(), serial }).unwrap()[0].id().clone();
    let classification = Classification { type_key: "product_quality".into(), subtype: None };
    d.run_at(Some(&c), at + chrono::TimeDelta::minutes(1), Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None }).unwrap();
    c
}

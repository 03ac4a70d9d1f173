//! Cross-module tests: the SPEC §14 worked example end to end, convergence between devices,
//! and property tests.

// proptest is a native dev-dependency: property tests run with `cargo test` on the host.
#[cfg(not(target_arch = "wasm32"))]
mod calendar_props;
#[cfg(not(target_arch = "wasm32"))]
mod calendar_reference;
mod clock_skew;
mod convergence;
mod badges;
mod follow_up;
mod next_steps;
mod foreign_events;
mod hostile_text;
mod hostile_time;
#[cfg(not(target_arch = "wasm32"))]
mod props;
mod worked_example;

use chrono::{NaiveDate, NaiveDateTime};

use super::command::{execute, Command, Context};
use super::config::DomainConfig;
use super::errors::CommandError;
use super::event::Event;
use super::eventset::EventSet;
use super::fold::fold;
use super::hlc::Hlc;
use super::ids::ComplaintId;
use super::state::ComplaintState;

pub(crate) fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

/// One device: its identity, clock and event store.
pub(crate) struct Device {
    pub id: String,
    pub code: String,
    pub actor: String,
    pub clock: Hlc,
    pub events: EventSet,
    pub config: DomainConfig,
    seed: u8,
}

impl Device {
    pub fn new(id: &str, code: &str, actor: &str, config: DomainConfig) -> Device {
        Device { id: id.into(), code: code.into(), actor: actor.into(), clock: Hlc::default(), events: EventSet::new(), config, seed: id.len() as u8 }
    }

    pub fn ms(&self, t: NaiveDateTime) -> i64 {
        self.config.calendar.utc(t)
    }

    pub fn state(&self, c: &ComplaintId) -> ComplaintState {
        fold(c, self.events.iter())
    }

    /// Runs a command at business time `at`, storing the new events.
    pub fn run_at(&mut self, c: Option<&ComplaintId>, at: NaiveDateTime, cmd: Command) -> Result<Vec<Event>, CommandError> {
        let state = c.map(|c| self.state(c));
        self.seed = self.seed.wrapping_add(1);
        // Stand-in for crypto randomness: distinct per device and per command.
        let h = self.id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        let mut random = [self.seed; 10];
        random[..8].copy_from_slice(&h.to_be_bytes());
        let now_ms = self.ms(at);
        let ctx = Context { actor: &self.actor, device_id: &self.id, device_code: &self.code, clock: self.clock, now_ms, random, config: &self.config };
        let issued = execute(state.as_ref(), cmd, &ctx)?;
        self.clock = issued.clock;
        self.events.extend(issued.events.clone());
        Ok(issued.events)
    }

    /// Imports another device's events (a batch file or a sync round).
    pub fn import(&mut self, other: &EventSet, at_ms: i64) {
        self.events.merge(other);
        if let Some(h) = other.max_hlc() {
            self.clock = self.clock.observe(h, at_ms);
        }
    }
}

/// Every event a device made passes the validation that imports and sync apply, and its field
/// writes read the same through `payload::Change`'s own reader as through serde's flattened
/// enum (the reader it replaced, kept here as the reference), in either key order.
pub(crate) fn assert_all_valid(events: &EventSet) {
    for e in events.iter() {
        assert_eq!(e.validate(), Ok(()), "{}", e.to_json());
        if e.kind() == "fields_set" {
            assert_fields_read_as_flattened(e.payload_json());
        }
    }
}

/// The field values the loop tests never write (corrections, grading, the customer's
/// suggestion, responsibility) read back through both readers too.
#[test]
fn every_field_value_reads_as_flattened() {
    use super::fields::FieldValue;
    use super::grading::{Behaviour, Grade, GradeRecord, Score};
    use super::plan::{Suggestion, TimeLimit};
    use super::responsibility::{Outcome, PartyOutcome, Ruling, Share};
    let reg = super::intake::tests::example();
    let shares = vec![Share { party: "store".into(), percent: 60 }, Share { party: "courier".into(), percent: 40 }];
    let values = [
        FieldValue::Customer(reg.customer.clone()),
        FieldValue::Incident(reg.incident.clone()),
        FieldValue::RequestType(reg.request_type),
        FieldValue::Nature(reg.nature),
        FieldValue::Grade(GradeRecord { grade: Grade::BComplaint, score: Some(Score::from_f64(3.5).unwrap()), behaviour: Behaviour::FormalComplaint, manual: false, note: "n".into() }),
        FieldValue::Suggestion(Suggestion { handling: "refund".into(), time_limit: TimeLimit::Days(5) }),
        FieldValue::Suggestion(Suggestion { handling: "call".into(), time_limit: TimeLimit::SameDay }),
        FieldValue::Shares(shares.clone()),
        FieldValue::Arbitration(Ruling { arbiter: "Mgr".into(), ruling: "split".into(), shares: Some(shares) }),
        FieldValue::Arbitration(Ruling { arbiter: "Mgr".into(), ruling: "as is".into(), shares: None }),
        FieldValue::Outcomes(vec![PartyOutcome { party: "store".into(), outcome: Outcome::Commendation, note: String::new() }]),
    ];
    let changes: Vec<super::payload::Change> = values.into_iter().map(|value| super::payload::Change { value, supersedes: vec![] }).collect();
    assert_fields_read_as_flattened(&serde_json::json!({ "changes": changes }).to_string());
}

fn assert_fields_read_as_flattened(payload: &str) {
    #[derive(serde::Deserialize)]
    struct Flattened {
        #[serde(flatten)]
        value: super::fields::FieldValue,
        supersedes: Vec<super::ids::EventId>,
    }
    let changes = serde_json::from_str::<serde_json::Value>(payload).unwrap()["changes"].as_array().unwrap().clone();
    for change in changes {
        let text = change.to_string();
        let reference: Flattened = serde_json::from_str(&text).unwrap();
        let ours: super::payload::Change = serde_json::from_str(&text).unwrap();
        assert_eq!((&ours.value, &ours.supersedes), (&reference.value, &reference.supersedes), "{text}");
        // The same keys, the value first.
        let o = change.as_object().unwrap();
        let reordered = format!("{{\"supersedes\":{},\"value\":{},\"field\":{}}}", o["supersedes"], o["value"], o["field"]);
        assert_eq!(serde_json::from_str::<super::payload::Change>(&reordered).unwrap(), ours, "{reordered}");
    }
}

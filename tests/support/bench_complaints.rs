//! Complaints for the benchmarks, made by the pure domain (commands with a `Context`), so
//! making 100,000 costs seconds, not the hours registering them through a Desk would. Shared by
//! `tests/bench_import.rs`, `tests/bench_dexie.rs` and `examples/bench_batch.rs` (the sync
//! benchmark's batch file). The complaint texts are the CFPB narratives of
//! `tests/data/cfpb-complaints-sample.csv` (real text lengths: 0.1–4 KB), one after another.

use std::collections::HashMap;

use chrono::Duration;
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::classify::{Classification, Urgency};
use complaint_desk::domain::command::{execute, Command, Context};
use complaint_desk::domain::communication::{CommEntry, ContactResult, Direction};
use complaint_desk::domain::config::DomainConfig;
use complaint_desk::domain::device::DeviceIdentity;
use complaint_desk::domain::event::Event;
use complaint_desk::domain::fold::fold;
use complaint_desk::domain::hlc::Hlc;
use complaint_desk::domain::keyed::Keyed;
use complaint_desk::domain::registration::NewComplaint;

const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "Smith", "Garcia"];
const PRODUCTS: [&str; 6] = ["空调 KFR-35GW", "Washing machine WM-8", "Router AX3000", "Water heater", "冰箱 BCD-500", "Dishwasher DW-60"];
const TYPES: [&str; 3] = ["product_quality", "service_attitude", "billing"];

/// The non-empty narratives of the CFPB sample, as a person would paste them: line ends as
/// `\n`, no other control characters, at most 4,000 characters (the form's limit).
pub fn narratives() -> Vec<String> {
    let table = complaint_desk::domain::csv::read::read_table(include_str!("../data/cfpb-complaints-sample.csv"), None)
        .expect("the CFPB sample reads");
    let col = table.column("Consumer complaint narrative").expect("the narrative column");
    table
        .rows
        .iter()
        .map(|r| r.cells[col].replace("\r\n", "\n").chars().filter(|c| *c == '\n' || !c.is_control()).take(4000).collect::<String>())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// What a clerk types for complaint `i` (its text is narrative `i` modulo their count).
pub fn input(i: u32, at: chrono::NaiveDateTime, texts: &[String]) -> NewComplaint {
    NewComplaint {
        more: Default::default(),
        received_at: at,
        channel: Channel::all()[(i % 7) as usize],
        customer_name: format!("{}{}", SURNAMES[(i % 8) as usize], i),
        customer_phone: format!("13{:09}", (i as u64 * 7919) % 1_000_000_000),
        product: PRODUCTS[(i % 6) as usize].into(),
        description: texts[i as usize % texts.len()].clone(),
    }
}

/// The exporting device, made once per run.
pub struct Source {
    pub device: DeviceIdentity,
    pub config: DomainConfig,
    clock: Hlc,
    serials: HashMap<chrono::NaiveDate, u32>,
    texts: Vec<String>,
}

impl Source {
    /// Runs one command at `at_ms` on the complaint whose events so far are `events`.
    fn run(&mut self, events: &mut Vec<Event>, cmd: Command, actor: &str, at_ms: i64, salt: u32) {
        let state = events.first().map(|e| fold(e.complaint(), events.iter()));
        let mut random = [0u8; 10];
        random[..4].copy_from_slice(&salt.to_be_bytes());
        random[4..8].copy_from_slice(&(events.len() as u32).wrapping_mul(0x9e37_79b9).to_be_bytes());
        let ctx = Context { actor, device_id: &self.device.id, device_code: &self.device.code, clock: self.clock, now_ms: at_ms, random, config: &self.config };
        let issued = execute(state.as_ref(), cmd, &ctx).unwrap_or_else(|e| panic!("bench command refused: {e:?}"));
        self.clock = issued.clock;
        events.extend(issued.events);
    }

    /// Complaint `i`: registered; most classified (two events), many given a handler, some
    /// called back and some investigated: 3.8 events on average, like a desk mid-month.
    fn complaint(&mut self, i: u32, at_ms: i64) -> Vec<Event> {
        let received = self.config.calendar.local(at_ms) - Duration::minutes(3);
        let day = received.date();
        let serial = {
            let s = self.serials.entry(day).or_insert(0);
            *s += 1;
            *s
        };
        let input = input(i, received, &self.texts);
        let mut events = Vec::with_capacity(6);
        let minute = 60_000;
        self.run(&mut events, Command::Register { registration: input.into_registration("Clerk Li"), serial }, "Clerk Li", at_ms, i);
        let step = i % 10;
        if step < 8 {
            let classification = Classification { type_key: TYPES[(i % 3) as usize].into(), subtype: None };
            let urgency = [Urgency::Normal, Urgency::Low, Urgency::Urgent][(i % 3) as usize];
            let cmd = Command::Classify { classification, urgency, severity: None, nature: None, request_type: None };
            self.run(&mut events, cmd, "Lead Zhou", at_ms + 10 * minute, i);
        }
        if step < 6 {
            self.run(&mut events, Command::AssignHandler { handler: "zhang.after_sales".into() }, "Lead Zhou", at_ms + 20 * minute, i);
        }
        if step < 4 {
            let at = self.config.calendar.local(at_ms + 30 * minute);
            let entry = CommEntry { at, channel: Channel::Phone, direction: Direction::Outbound, who: "zhang.after_sales".into(), summary: "Apologised; an engineer will call.".into(), result: Some(ContactResult::Reached) };
            self.run(&mut events, Command::LogCommunication { entry }, "zhang.after_sales", at_ms + 31 * minute, i);
        }
        if step < 2 {
            self.run(&mut events, Command::StartInvestigation { note: String::new() }, "zhang.after_sales", at_ms + 40 * minute, i);
        }
        events
    }
}

/// `n` complaints over the 30 days before `end_ms` (UTC ms), each complaint's events in order.
pub fn generate(n: usize, end_ms: i64) -> (Source, Vec<Vec<Event>>) {
    let device = DeviceIdentity::generate([7; 16]);
    let mut source = Source { device, config: DomainConfig::default(), clock: Hlc::default(), serials: HashMap::new(), texts: narratives() };
    let end = end_ms;
    let span = 30 * 24 * 3_600_000i64;
    let complaints = (0..n).map(|i| source.complaint(i as u32, end - span + span * i as i64 / n as i64)).collect();
    (source, complaints)
}

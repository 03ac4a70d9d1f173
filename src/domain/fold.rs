//! The fold: a complaint's state as a deterministic function of its *set* of events.
//!
//! Events are deduplicated by id (keeping the preferred copy), sorted by (HLC, id) and applied
//! in that order; fields are multi-value registers computed from the set of writes. So any
//! permutation of the events, with any duplicates, folds to the identical state, and folding
//! the union of two devices' events gives the same state on both.

use std::collections::BTreeMap;

use super::config::DomainConfig;
use super::event::Event;
use super::fields::FieldValue;
use super::ids::{ComplaintId, EventId};
use super::intake::RequestType;
use super::payload::{Body, Parsed};
use super::register::Write;
use super::sla::{DeptClock, Round, SlaFacts};
use super::state::{ComplaintState, DeptRequestState, Stamped, StepState, TrailEntry, Unreadable};
use super::workflow::Status;

/// Folds the events of `complaint` found in `events` (others are ignored).
pub fn fold<'a>(complaint: &ComplaintId, events: impl IntoIterator<Item = &'a Event>) -> ComplaintState {
    let mut unique: BTreeMap<&EventId, &Event> = BTreeMap::new();
    for e in events.into_iter().filter(|e| e.complaint() == complaint) {
        let keep = match unique.get(e.id()) {
            Some(old) => Event::preferred(old, e),
            None => e,
        };
        unique.insert(e.id(), keep);
    }
    let mut sorted: Vec<&Event> = unique.into_values().collect();
    sorted.sort_by(|a, b| a.order_key().cmp(&b.order_key()));

    let mut st = ComplaintState { id: complaint.clone(), ..ComplaintState::default() };
    let mut closes = Vec::new();
    let mut replies = Vec::new();
    for e in sorted {
        st.trail.push(TrailEntry { id: e.id().clone(), hlc: e.hlc(), actor: e.actor().into(), device: e.device().into(), kind: e.kind().into() });
        st.last_event = Some(e.id().clone());
        st.max_hlc = st.max_hlc.max(e.hlc());
        match Body::parse(e) {
            Parsed::Newer => st.unreadable.push((e.id().clone(), e.kind().into(), Unreadable::Newer)),
            Parsed::Malformed(why) => st.unreadable.push((e.id().clone(), e.kind().into(), Unreadable::Malformed(why))),
            Parsed::Known(body) => match body {
                Body::Registered(r) => {
                    if e.id() != complaint || st.registered.is_some() {
                        st.unreadable.push((e.id().clone(), e.kind().into(), Unreadable::DuplicateRegistration));
                        continue;
                    }
                    let reg = &r.registration;
                    for v in [
                        FieldValue::Customer(reg.customer.clone()),
                        FieldValue::Incident(reg.incident.clone()),
                        FieldValue::RequestType(reg.request_type),
                        FieldValue::Nature(reg.nature),
                    ] {
                        st.fields.entry(v.key()).or_default().add(write(e, v, Vec::new()));
                    }
                    st.registered = Some(stamp(e, r));
                }
                Body::FieldsSet(f) => {
                    for ch in f.changes {
                        st.fields.entry(ch.value.key()).or_default().add(write(e, ch.value, ch.supersedes));
                    }
                }
                Body::Transition(t) => {
                    let sup = t.supersedes.clone();
                    st.status_register.add(write(e, t, sup));
                }
                Body::Communication(c) => st.communications.push(stamp(e, c)),
                Body::Progress(p) => st.progress.push(stamp(e, p)),
                Body::Evidence(ev) => st.evidence.push(stamp(e, ev)),
                Body::Attachment(a) => st.attachments.push(stamp(e, a)),
                Body::StepPlanned(s) => st.steps.push(StepState { step: stamp(e, s), closes: Vec::new() }),
                Body::StepClosed(c) => closes.push(stamp(e, c)),
                Body::DeptRequested(r) => st.dept_requests.push(DeptRequestState { request: stamp(e, r), replies: Vec::new() }),
                Body::DeptReplied(r) => replies.push(stamp(e, r)),
                Body::Survey(s) => st.surveys.push(stamp(e, s)),
                Body::Anonymised(a) => {
                    if st.anonymised.is_none() {
                        st.anonymised = Some(stamp(e, a));
                    }
                }
            },
        }
    }
    // References are attached after the loop, so they work whatever the HLCs say.
    for c in closes {
        match st.steps.iter_mut().find(|s| s.step.id.as_str() == c.value.step) {
            Some(s) => s.closes.push(c),
            None => st.unreadable.push((c.id.clone(), "step_closed".into(), Unreadable::Orphan)),
        }
    }
    for r in replies {
        match st.dept_requests.iter_mut().find(|d| d.request.id.as_str() == r.value.request) {
            Some(d) => d.replies.push(r),
            None => st.unreadable.push((r.id.clone(), "dept_replied".into(), Unreadable::Orphan)),
        }
    }
    st
}

fn stamp<T>(e: &Event, value: T) -> Stamped<T> {
    Stamped { id: e.id().clone(), hlc: e.hlc(), actor: e.actor().into(), device: e.device().into(), value }
}

fn write<T>(e: &Event, value: T, supersedes: Vec<EventId>) -> Write<T> {
    Write { id: e.id().clone(), hlc: e.hlc(), actor: e.actor().into(), value, supersedes }
}

impl ComplaintState {
    /// What the SLA clocks need, in UTC ms (business times converted on the calendar).
    pub fn sla_facts(&self, config: &DomainConfig) -> Option<SlaFacts> {
        let reg = self.registered.as_ref()?;
        let cal = &config.calendar;
        let received = cal.utc(reg.value.registration.received_at);
        let history = self.status_history();
        let mut rounds = vec![Round { start: received, resolved: None }];
        let mut pauses = Vec::new();
        let mut waiting_since = None;
        for w in &history {
            let t = &w.value;
            if let Some(start) = waiting_since.take() {
                pauses.push((start, Some(w.hlc.ms)));
            }
            if t.to.is_waiting() {
                waiting_since = Some(w.hlc.ms);
            }
            if t.cause.starts_round() {
                rounds.push(Round { start: w.hlc.ms, resolved: None });
            }
            let current = rounds.last_mut().expect("at least one round");
            if t.to == Status::Resolved && current.resolved.is_none() {
                current.resolved = Some(w.hlc.ms);
            }
        }
        if let Some(start) = waiting_since {
            pauses.push((start, None));
        }
        let when = |w: &&super::register::Write<super::payload::Transition>| w.hlc.ms;
        let confirmations = history.iter().filter(|w| w.value.confirmation.is_some()).map(when);
        Some(SlaFacts {
            received,
            registered: Some(reg.hlc.ms),
            urgency: self.urgency().copied(),
            is_complaint: self.request_type() == Some(&RequestType::Complaint),
            complex: self.is_complex(config),
            respond_within: self.severity().and_then(|s| config.severity.get(s).ok()).and_then(|l| l.respond_within),
            contacts: self.communications.iter().filter(|c| c.value.reached_customer()).map(|c| cal.utc(c.value.at)).collect(),
            plan_proposed: history.iter().find(|w| w.value.to == Status::PlanProposed).map(when),
            rounds,
            progress_updates: self.progress.iter().map(|p| p.hlc.ms).collect(),
            follow_ups: self.surveys.iter().filter(|s| !s.value.re_survey).map(|s| s.hlc.ms).chain(confirmations).collect(),
            closed: history.iter().filter(|w| w.value.to == Status::Closed).map(when).collect(),
            re_surveys: self.surveys.iter().filter(|s| s.value.re_survey).map(|s| s.hlc.ms).collect(),
            archived: history.iter().rev().find(|w| w.value.to == Status::Archived).filter(|_| self.status() == Some(Status::Archived)).map(when),
            anonymised: self.anonymised.as_ref().map(|a| a.hlc.ms),
            pauses,
            dept_requests: self
                .dept_requests
                .iter()
                .map(|d| DeptClock {
                    request: d.request.id.to_string(),
                    start: d.request.hlc.ms,
                    deadline: d.request.value.deadline.map(|t| cal.utc(t)),
                    replied: d.replies.iter().map(|r| r.hlc.ms).min(),
                })
                .collect(),
        })
    }

    /// Every SLA clock evaluated at `now_ms` on the configured calendar and policy.
    pub fn clocks(&self, config: &DomainConfig, now_ms: i64) -> Vec<super::sla::ClockView> {
        self.sla_facts(config).map(|f| f.evaluate(&config.sla, &config.calendar, now_ms)).unwrap_or_default()
    }
}

/// This device's next daily serial for complaint numbers on business day `day`: one more than
/// the largest serial it already issued that day (numbers stay unique per device by construction).
pub fn next_serial<'a>(events: impl IntoIterator<Item = &'a Event>, device_id: &str, day: chrono::NaiveDate) -> u32 {
    events
        .into_iter()
        .filter(|e| e.device() == device_id && e.kind() == "registered")
        .filter_map(|e| match Body::parse(e) {
            Parsed::Known(Body::Registered(r)) if r.day == day => Some(r.serial),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        // A stored serial may be anything an import brought: saturate rather than wrap to 0.
        .saturating_add(1)
}

/// Complaint numbers used by more than one complaint (possible only if two devices were given
/// the same device code), so a supervisor can see and fix them.
pub fn duplicate_numbers<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<(String, Vec<ComplaintId>)> {
    let mut by_number: BTreeMap<String, Vec<ComplaintId>> = BTreeMap::new();
    for e in events.into_iter().filter(|e| e.kind() == "registered") {
        if let Parsed::Known(Body::Registered(r)) = Body::parse(e) {
            let ids = by_number.entry(r.number).or_default();
            if !ids.contains(e.complaint()) {
                ids.push(e.complaint().clone());
            }
        }
    }
    by_number.into_iter().filter(|(_, ids)| ids.len() > 1).collect()
}

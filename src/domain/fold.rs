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
use super::hlc::Hlc;
use super::ids::{ComplaintId, EventId};
use super::intake::RequestType;
use super::payload::{Body, Parsed, Transition};
use super::mvreg::Write;
use super::sla::{DeptClock, Round, SlaFacts};
use super::state::{ComplaintState, DeptRequestState, Stamped, StepState, TrailEntry, Unreadable};
use super::workflow::Status;

/// The events of one stream (those `of` accepts), each id once (its preferred copy), in fold
/// order: what every fold (complaints, improvement actions) starts from.
pub fn in_fold_order<'a>(events: impl IntoIterator<Item = &'a Event>, of: impl Fn(&Event) -> bool) -> Vec<&'a Event> {
    let mut unique: BTreeMap<&EventId, &Event> = BTreeMap::new();
    for e in events.into_iter().filter(|e| of(e)) {
        let keep = match unique.get(e.id()) {
            Some(old) => Event::preferred(old, e),
            None => e,
        };
        unique.insert(e.id(), keep);
    }
    let mut sorted: Vec<&Event> = unique.into_values().collect();
    crate::domain::sort::sort_by(&mut sorted, |a, b| a.order_key().cmp(&b.order_key()));
    sorted
}

/// Folds the events of `complaint` found in `events` (others are ignored).
pub fn fold<'a>(complaint: &ComplaintId, events: impl IntoIterator<Item = &'a Event>) -> ComplaintState {
    let sorted = in_fold_order(events, |e| e.complaint() == complaint);

    let mut st = ComplaintState { id: complaint.clone(), ..ComplaintState::default() };
    let mut closes = Vec::new();
    let mut replies = Vec::new();
    for e in sorted {
        st.trail.push(TrailEntry { id: e.id().clone(), hlc: e.hlc(), at_ms: e.at_ms(), actor: e.actor().into(), device: e.device().into(), kind: e.kind().into() });
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
    Stamped { id: e.id().clone(), hlc: e.hlc(), at_ms: e.at_ms(), actor: e.actor().into(), device: e.device().into(), value }
}

fn write<T>(e: &Event, value: T, supersedes: Vec<EventId>) -> Write<T> {
    Write { id: e.id().clone(), hlc: e.hlc(), at_ms: e.at_ms(), actor: e.actor().into(), value, supersedes }
}

impl ComplaintState {
    /// What the SLA clocks need, in UTC ms (business times converted on the calendar).
    ///
    /// Steps count when they were taken (`at_ms`), not at their HLC. Devices' clocks disagree,
    /// so a step never counts before the step whose interval it ends (in fold order): a pause
    /// ends no earlier than it began; a resolution no earlier than its round began; a follow-up
    /// or closing no earlier than the resolution; a reopen, re-survey or anonymisation no
    /// earlier than the closing; a department reply no earlier than its request. Where times
    /// follow the fold order (one device, events without `at`) these floors change nothing,
    /// except that a step recorded before the typed receipt time counts at it.
    pub fn sla_facts(&self, config: &DomainConfig) -> Option<SlaFacts> {
        let reg = self.registered.as_ref()?;
        let cal = &config.calendar;
        let received = cal.utc(reg.value.registration.received_at);
        let history = self.status_history();
        let mut rounds = vec![Round { start: received, resolved: None }];
        // (HLC, time) of the steps that open intervals, for the floors of steps outside the history.
        let mut round_marks: Vec<Mark> = vec![(reg.hlc, received)];
        let (mut resolved_marks, mut closed_marks) = (Vec::<Mark>::new(), Vec::<Mark>::new());
        let mut pauses = Vec::new();
        let mut waiting_since = None;
        let mut timed = Vec::with_capacity(history.len());
        for w in history {
            let t = &w.value;
            let (last_resolved, last_closed) = (resolved_marks.last().map(|m| m.1), closed_marks.last().map(|m| m.1));
            let mut at = w.at_ms;
            if t.to == Status::Resolved {
                at = at.max(rounds.last().map_or(i64::MIN, |r| r.start));
            }
            if t.to == Status::Closed || t.confirmation.is_some() {
                at = at.max(last_resolved.unwrap_or(i64::MIN));
            }
            if t.cause.starts_round() {
                at = at.max(last_resolved.max(last_closed).unwrap_or(i64::MIN));
            }
            if let Some(start) = waiting_since.take() {
                pauses.push((start, Some(at.max(start))));
            }
            if t.to.is_waiting() {
                waiting_since = Some(at);
            }
            if t.cause.starts_round() {
                rounds.push(Round { start: at, resolved: None });
                round_marks.push((w.hlc, at));
            }
            let current = rounds.last_mut().expect("at least one round");
            if t.to == Status::Resolved && current.resolved.is_none() {
                current.resolved = Some(at);
            }
            match t.to {
                Status::Resolved => resolved_marks.push((w.hlc, at)),
                Status::Closed => closed_marks.push((w.hlc, at)),
                _ => {}
            }
            timed.push((t, at));
        }
        if let Some(start) = waiting_since {
            pauses.push((start, None));
        }
        let when = |pred: fn(&Transition) -> bool| timed.iter().filter(move |(t, _)| pred(t)).map(|(_, at)| *at);
        let confirmations = when(|t| t.confirmation.is_some());
        Some(SlaFacts {
            received,
            registered: Some(reg.at_ms),
            urgency: self.urgency().copied(),
            is_complaint: self.request_type() == Some(&RequestType::Complaint),
            complex: self.is_complex(config),
            respond_within: self.severity().and_then(|s| config.severity.get(s).ok()).and_then(|l| l.respond_within),
            contacts: self.communications.iter().filter(|c| c.value.reached_customer()).map(|c| cal.utc(c.value.at)).collect(),
            plan_proposed: when(|t| t.to == Status::PlanProposed).next(),
            rounds,
            progress_updates: self.progress.iter().map(|p| p.at_ms.max(floor(&round_marks, p.hlc))).collect(),
            follow_ups: self.surveys.iter().filter(|s| !s.value.re_survey).map(|s| s.at_ms.max(floor(&resolved_marks, s.hlc))).chain(confirmations).collect(),
            closed: when(|t| t.to == Status::Closed).collect(),
            re_surveys: self.surveys.iter().filter(|s| s.value.re_survey).map(|s| s.at_ms.max(floor(&closed_marks, s.hlc))).collect(),
            archived: when(|t| t.to == Status::Archived).next_back().filter(|_| self.status() == Some(Status::Archived)),
            anonymised: self.anonymised.as_ref().map(|a| a.at_ms.max(floor(&closed_marks, a.hlc))),
            pauses: merge_pauses(pauses),
            dept_requests: self
                .dept_requests
                .iter()
                .map(|d| DeptClock {
                    request: d.request.id.to_string(),
                    start: d.request.at_ms,
                    deadline: d.request.value.deadline.map(|t| cal.utc(t)),
                    replied: d.replies.iter().map(|r| r.at_ms.max(d.request.at_ms)).min(),
                })
                .collect(),
        })
    }

    /// Every SLA clock evaluated at `now_ms` on the configured calendar and policy.
    pub fn clocks(&self, config: &DomainConfig, now_ms: i64) -> Vec<super::sla::ClockView> {
        self.sla_facts(config).map(|f| f.evaluate(&config.sla, &config.calendar, now_ms)).unwrap_or_default()
    }
}

/// A step that opens an interval: its place in the fold order and its time.
type Mark = (Hlc, i64);

/// The time of the last mark before `hlc` in fold order (`i64::MIN` if none): a step's floor.
fn floor(marks: &[Mark], hlc: Hlc) -> i64 {
    marks.iter().rev().find(|(h, _)| *h < hlc).map_or(i64::MIN, |m| m.1)
}

/// Pauses sorted by start, overlapping ones merged: pauses timed by different devices' clocks
/// may overlap or come out of order, and the calendar walks them in order.
fn merge_pauses(mut pauses: Vec<(i64, Option<i64>)>) -> Vec<(i64, Option<i64>)> {
    crate::domain::sort::sort_by_key(&mut pauses, |p| p.0);
    let mut out: Vec<(i64, Option<i64>)> = Vec::with_capacity(pauses.len());
    for (start, end) in pauses {
        match out.last_mut() {
            Some(last) if last.1.is_none_or(|e| start < e) => last.1 = last.1.zip(end).map(|(a, b)| a.max(b)),
            _ => out.push((start, end)),
        }
    }
    out
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

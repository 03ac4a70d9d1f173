//! The import plan: what a read batch would change on this device, computed against a
//! read-only view of what it stores. Building the plan changes nothing; it is the preview,
//! and its `add`/`replace`/`attachments` are exactly what the store then writes (in chunks).
//!
//! Rules (SPEC §13: merging is set union, so any order and any repetition converge):
//!
//! - an event whose id is stored with the same text is *already present*;
//! - a redacted copy of a stored original *replaces* it, if the complaint is anonymised
//!   (stored or in the batch); otherwise it is refused — a redacted export must never wipe
//!   a desk's data. A stored redacted copy is kept over an incoming original;
//! - any other difference from the stored text is refused (corruption or forgery: the device
//!   keeps what it has, quarantine shows the other to a person);
//! - an event that names this device as its author but is not stored is refused: only this
//!   device writes such events, so it is a copy of its identity or a forgery;
//! - an event whose complaint has no `registered` event here nor in the batch is *accepted*
//!   and reported as waiting for its complaint. Refusing it would make the result depend on
//!   the order batches arrive in; kept, it folds in when the registration comes;
//! - conflicts are the fields (status included) whose concurrent values change by the import,
//!   computed with the fold; an improvement action's are its fields in conflict after the
//!   import with a concurrent value the import brings (its own fold);
//! - devices whose events lie in this device's future are reported ([`skewed_devices`]): their
//!   clocks look wrong, and observing their HLCs drags this device's clock ahead too.
//!
//! Everything is sorted by id, so the plan is the same for any order of the file's records.

use std::collections::{BTreeMap, BTreeSet};

use super::error::{Problem, Refusal, Section};
use super::format::ExportingDevice;
use super::read::ReadBatch;
use super::records::AttachmentData;
use crate::domain::action::{fold_action, ActionField};
use crate::domain::event::Event;
use crate::domain::eventset::EventSet;
use crate::domain::fields::FieldKey;
use crate::domain::fold::fold;
use crate::domain::hlc::Hlc;
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::payload::{Body, Parsed};
use crate::domain::skew::{skewed_devices, SkewedDevice};
use crate::domain::state::Unreadable;

/// A read-only view of what the device stores. The browser store fetches [`Needs`] in one
/// transaction into a [`Snapshot`]; an [`EventSet`] is one too (no attachments).
pub trait Stored {
    /// The exact JSON text of the stored event with this id.
    fn event_json(&self, id: &EventId) -> Option<&str>;
    /// Every stored event of this complaint (empty when the complaint is unknown here).
    fn complaint_events(&self, complaint: &ComplaintId) -> Vec<&Event>;
    /// Whether the attachment store holds this key.
    fn has_attachment(&self, key: &str) -> bool;
}

impl Stored for EventSet {
    fn event_json(&self, id: &EventId) -> Option<&str> {
        self.get(id).map(Event::to_json)
    }
    fn complaint_events(&self, complaint: &ComplaintId) -> Vec<&Event> {
        self.of_complaint(complaint)
    }
    fn has_attachment(&self, _: &str) -> bool {
        false
    }
}

/// The stored records a plan looks at, loaded beforehand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Stored events with the batch's ids, and every stored event of the batch's complaints.
    pub events: EventSet,
    /// The batch's attachment keys the attachment store holds.
    pub attachment_keys: BTreeSet<String>,
}

impl Stored for Snapshot {
    fn event_json(&self, id: &EventId) -> Option<&str> {
        self.events.event_json(id)
    }
    fn complaint_events(&self, complaint: &ComplaintId) -> Vec<&Event> {
        self.events.of_complaint(complaint)
    }
    fn has_attachment(&self, key: &str) -> bool {
        self.attachment_keys.contains(key)
    }
}

/// What the store must load into a [`Snapshot`] to plan the import of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub event_ids: Vec<EventId>,
    pub complaints: Vec<ComplaintId>,
    pub attachment_keys: Vec<String>,
}

impl ReadBatch {
    /// The stored records the import plan needs.
    pub fn needs(&self) -> Needs {
        let complaints: BTreeSet<ComplaintId> = crate::domain::sort::set_of(self.events.iter().map(|e| e.complaint().clone()));
        Needs {
            event_ids: self.events.iter().map(|e| e.id().clone()).collect(),
            complaints: complaints.into_iter().collect(),
            attachment_keys: self.attachments.iter().map(|a| a.key.clone()).collect(),
        }
    }
}

/// How a complaint of the batch relates to this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// Its registration comes with the batch.
    New,
    /// Already registered here: the batch adds events to it.
    Existing,
    /// Neither here nor in the batch is its registration: kept, waiting for it.
    Waiting,
}

/// One complaint the import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintPreview {
    pub id: ComplaintId,
    /// The complaint number, once its registration is known.
    pub number: Option<String>,
    pub arrival: Arrival,
    pub new_events: usize,
    /// Stored originals replaced by redacted copies.
    pub replaced: usize,
    /// New events of kinds or versions this app cannot read (kept byte for byte).
    pub newer: usize,
}

/// A field whose concurrent values the import creates or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConflict {
    pub complaint: ComplaintId,
    pub field: FieldKey,
    /// Every concurrent value's event id after the import; the winner is last.
    pub candidates: Vec<EventId>,
}

/// A field of an improvement action whose concurrent values the import creates or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActionConflict {
    pub action: ComplaintId,
    /// The action's title after the import (the winning value; its id while its creation is
    /// not here), to name it in the preview.
    pub title: String,
    pub field: ActionField,
    /// Every concurrent value's event id after the import, oldest first.
    pub candidates: Vec<EventId>,
}

/// The preview in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub new_complaints: usize,
    pub existing_complaints: usize,
    pub waiting_complaints: usize,
    pub new_events: usize,
    pub replaced: usize,
    pub already_present: usize,
    pub duplicates_in_file: usize,
    pub refused: usize,
    pub conflicts: usize,
    /// Fields of improvement actions with concurrent values made by the import.
    pub action_conflicts: usize,
    pub newer: usize,
    /// Devices whose clocks look ahead of this one's.
    pub skewed_devices: usize,
    /// Improvement actions the import creates or changes (streams of `action_*` events).
    pub actions: usize,
    pub attachments_new: usize,
    pub attachments_present: usize,
}

/// What importing a batch does; building it changed nothing.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub file_sha256: String,
    pub from: ExportingDevice,
    /// The complaints that change, by id.
    pub complaints: Vec<ComplaintPreview>,
    /// The improvement actions that change (`domain::action`), by id: not complaints.
    pub actions: Vec<ComplaintId>,
    pub already_present: usize,
    pub duplicates_in_file: usize,
    /// Refused records (the reader's and the plan's), by section and position: to quarantine.
    pub refused: Vec<Refusal>,
    pub conflicts: Vec<NewConflict>,
    /// The improvement actions' conflicts, by action id and field.
    pub action_conflicts: Vec<NewActionConflict>,
    /// Events to add (`add`, never overwriting), in fold order.
    pub add: Vec<Event>,
    /// Redacted copies to write over their stored originals (`put`).
    pub replace: Vec<Event>,
    /// Attachments the store does not hold yet, by key.
    pub attachments: Vec<AttachmentData>,
    pub attachments_present: usize,
    /// Authors of the events to add whose clocks look ahead of this device's, by device id.
    pub skewed: Vec<SkewedDevice>,
}

/// Plans importing `batch` on the device `this_device` (its id) that stores `stored`, whose
/// wall clock reads `now_ms` (UTC ms; only for judging the other devices' clocks).
pub fn plan_import(batch: &ReadBatch, stored: &impl Stored, this_device: &str, now_ms: i64) -> ImportPlan {
    let anonymised_in_batch: BTreeSet<&ComplaintId> = crate::domain::sort::set_of(batch.events.iter().filter(|e| is_anonymised(e)).map(|e| e.complaint()));
    let mut plan = ImportPlan {
        file_sha256: batch.file_sha256.clone(),
        from: batch.manifest.device.clone(),
        complaints: Vec::new(),
        actions: Vec::new(),
        already_present: 0,
        duplicates_in_file: batch.duplicates,
        refused: batch.refused.clone(),
        conflicts: Vec::new(),
        action_conflicts: Vec::new(),
        add: Vec::new(),
        replace: Vec::new(),
        attachments: Vec::new(),
        attachments_present: 0,
        skewed: Vec::new(),
    };
    let refuse = |e: &Event, problem: Problem| Refusal {
        section: Section::Events,
        index: batch.positions.get(e.id()).copied().unwrap_or(usize::MAX),
        id: Some(e.id().to_string()),
        complaint: Some(e.complaint().to_string()),
        problem,
        original: e.to_json().to_string(),
    };
    for e in &batch.events {
        match stored.event_json(e.id()) {
            Some(text) if text == e.to_json() => plan.already_present += 1,
            Some(text) => match Event::from_json(text).ok().filter(|s| redacted_pair(s, e)) {
                Some(_) if !e.is_redacted() => plan.already_present += 1,
                Some(_) => {
                    let anonymised = anonymised_in_batch.contains(e.complaint()) || stored.complaint_events(e.complaint()).into_iter().any(is_anonymised);
                    if anonymised {
                        plan.replace.push(e.clone());
                    } else {
                        plan.refused.push(refuse(e, Problem::RedactedNotAnonymised));
                    }
                }
                None => plan.refused.push(refuse(e, Problem::ConflictsWithStored)),
            },
            None if e.device() == this_device => plan.refused.push(refuse(e, Problem::OwnEventMissing)),
            None => plan.add.push(e.clone()),
        }
    }
    crate::domain::sort::sort_by_key(&mut plan.refused, |r| (r.section, r.index));
    crate::domain::sort::sort_by(&mut plan.add, |a, b| a.order_key().cmp(&b.order_key()));
    crate::domain::sort::sort_by(&mut plan.replace, |a, b| a.order_key().cmp(&b.order_key()));
    preview_complaints(&mut plan, stored);
    plan.skewed = skewed_devices(&plan.add, now_ms);
    for a in &batch.attachments {
        if stored.has_attachment(&a.key) {
            plan.attachments_present += 1;
        } else {
            plan.attachments.push(a.clone());
        }
    }
    plan
}

fn is_anonymised(e: &Event) -> bool {
    e.kind() == "anonymised" && matches!(Body::parse(e), Parsed::Known(Body::Anonymised(_)))
}

/// Two texts of one event where one is the other's redacted copy: the same envelope, exactly
/// one of them redacted.
fn redacted_pair(a: &Event, b: &Event) -> bool {
    a.is_redacted() != b.is_redacted()
        && a.id() == b.id()
        && a.complaint() == b.complaint()
        && a.device() == b.device()
        && a.actor() == b.actor()
        && a.hlc() == b.hlc()
        && a.at() == b.at()
        && a.base() == b.base()
        && a.kind() == b.kind()
        && a.version() == b.version()
}

/// Per complaint that changes: how it arrives, its number, and the conflicts the fold shows
/// after the import that it did not show before.
fn preview_complaints(plan: &mut ImportPlan, stored: &impl Stored) {
    let mut incoming: BTreeMap<&ComplaintId, (Vec<&Event>, usize)> = BTreeMap::new();
    for e in &plan.add {
        incoming.entry(e.complaint()).or_default().0.push(e);
    }
    for e in &plan.replace {
        let slot = incoming.entry(e.complaint()).or_default();
        slot.0.push(e);
        slot.1 += 1;
    }
    let mut complaints = Vec::new();
    let mut conflicts = Vec::new();
    let mut actions = Vec::new();
    let mut action_conflicts = Vec::new();
    for (id, (events, replaced)) in incoming {
        let here = stored.complaint_events(id);
        // An improvement action's stream travels and merges like a complaint's, but is no complaint.
        if crate::domain::action::is_action_stream(here.iter().copied().chain(events.iter().copied())) {
            action_conflicts.extend(new_action_conflicts(id, &here, &events));
            actions.push(id.clone());
            continue;
        }
        let before = fold(id, here.iter().copied());
        let after = fold(id, here.iter().copied().chain(events.iter().copied()));
        let arrival = match (before.is_registered(), after.is_registered()) {
            (true, _) => Arrival::Existing,
            (false, true) => Arrival::New,
            (false, false) => Arrival::Waiting,
        };
        let old: BTreeSet<(FieldKey, Vec<EventId>)> = before.conflicts().into_iter().map(|c| (c.field, c.candidates)).collect();
        for c in after.conflicts() {
            if !old.contains(&(c.field, c.candidates.clone())) {
                conflicts.push(NewConflict { complaint: id.clone(), field: c.field, candidates: c.candidates });
            }
        }
        // The fold has parsed every payload once already: its "newer" events that came now.
        let incoming: BTreeSet<&EventId> = crate::domain::sort::set_of(events.iter().map(|e| e.id()));
        let newer = after.unreadable.iter().filter(|(id, _, why)| *why == Unreadable::Newer && incoming.contains(id)).count();
        complaints.push(ComplaintPreview { id: id.clone(), number: after.number().map(str::to_string), arrival, new_events: events.len() - replaced, replaced, newer });
    }
    plan.complaints = complaints;
    plan.conflicts = conflicts;
    plan.actions = actions;
    plan.action_conflicts = action_conflicts;
}

/// The fields of action `id` in conflict after the import with a concurrent value that comes
/// with it. One fold is enough: writes only ever supersede, so a conflict among stored values
/// alone was there before the import.
fn new_action_conflicts(id: &ComplaintId, here: &[&Event], incoming: &[&Event]) -> Vec<NewActionConflict> {
    let after = fold_action(id, here.iter().copied().chain(incoming.iter().copied()));
    let title = after.title.value().cloned().unwrap_or_else(|| id.to_string());
    let mut out = Vec::new();
    for field in after.conflicted() {
        let candidates = after.conflict_ids(field);
        if candidates.iter().any(|c| incoming.iter().any(|e| e.id() == c)) {
            out.push(NewActionConflict { action: id.clone(), title: title.clone(), field, candidates });
        }
    }
    out
}

/// One transaction's worth of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportChunk<'a> {
    /// The complaints whose views must be re-folded after this chunk.
    pub complaints: Vec<&'a ComplaintId>,
    pub add: Vec<&'a Event>,
    pub replace: Vec<&'a Event>,
    pub attachments: Vec<&'a AttachmentData>,
}

impl ImportPlan {
    /// The preview in numbers.
    pub fn summary(&self) -> Summary {
        let count = |a: Arrival| self.complaints.iter().filter(|c| c.arrival == a).count();
        Summary {
            new_complaints: count(Arrival::New),
            existing_complaints: count(Arrival::Existing),
            waiting_complaints: count(Arrival::Waiting),
            new_events: self.add.len(),
            replaced: self.replace.len(),
            already_present: self.already_present,
            duplicates_in_file: self.duplicates_in_file,
            refused: self.refused.len(),
            conflicts: self.conflicts.len(),
            action_conflicts: self.action_conflicts.len(),
            newer: self.complaints.iter().map(|c| c.newer).sum(),
            skewed_devices: self.skewed.len(),
            actions: self.actions.len(),
            attachments_new: self.attachments.len(),
            attachments_present: self.attachments_present,
        }
    }

    /// True when importing would store nothing (quarantine aside).
    pub fn changes_nothing(&self) -> bool {
        self.add.is_empty() && self.replace.is_empty() && self.attachments.is_empty()
    }

    /// The newest clock imported: the device observes it (`Hlc::observe`) after the import.
    pub fn max_hlc(&self) -> Option<Hlc> {
        self.add.iter().chain(&self.replace).map(Event::hlc).max()
    }

    /// The import in chunks of at most `max_events` events, one IndexedDB transaction each.
    /// A complaint's events stay in one chunk unless it alone has more than fits; its
    /// attachments go with it. Any prefix of the chunks is a valid state (events are a set),
    /// and importing the batch again completes an interrupted import.
    pub fn chunks(&self, max_events: usize) -> Vec<ImportChunk<'_>> {
        let max = max_events.max(1);
        type Slot<'a> = (Vec<(&'a Event, bool)>, Vec<&'a AttachmentData>);
        let mut by_complaint: BTreeMap<&ComplaintId, Slot> = BTreeMap::new();
        for (e, replace) in self.add.iter().map(|e| (e, false)).chain(self.replace.iter().map(|e| (e, true))) {
            by_complaint.entry(e.complaint()).or_default().0.push((e, replace));
        }
        for a in &self.attachments {
            by_complaint.entry(&a.complaint).or_default().1.push(a);
        }
        let mut out = Vec::new();
        let mut current = ImportChunk::default();
        for (id, (events, attachments)) in by_complaint {
            if current.len() > 0 && current.len() + events.len() > max {
                out.push(std::mem::take(&mut current));
            }
            let mut rest = events.as_slice();
            while current.len() + rest.len() > max {
                let (head, tail) = rest.split_at(max - current.len());
                current.push(id, head);
                out.push(std::mem::take(&mut current));
                rest = tail;
            }
            current.push(id, rest);
            current.attachments.extend(attachments);
        }
        if !current.complaints.is_empty() {
            out.push(current);
        }
        out
    }

    /// Applies the plan to an in-memory event set (what the store does, for the native side
    /// and tests). Returns how many events were stored or replaced.
    pub fn apply_to(&self, events: &mut EventSet) -> usize {
        self.add.iter().chain(&self.replace).filter(|e| events.insert((*e).clone()) != crate::domain::eventset::Inserted::Duplicate).count()
    }
}

impl<'a> ImportChunk<'a> {
    fn len(&self) -> usize {
        self.add.len() + self.replace.len()
    }

    fn push(&mut self, id: &'a ComplaintId, events: &[(&'a Event, bool)]) {
        if self.complaints.last() != Some(&id) {
            self.complaints.push(id);
        }
        for (e, replace) in events {
            if *replace { self.replace.push(e) } else { self.add.push(e) }
        }
    }
}

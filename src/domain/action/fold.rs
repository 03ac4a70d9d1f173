//! An action's state: a deterministic fold of its event set, as `domain/fold.rs` folds a
//! complaint (deduplicated by id, sorted by (HLC, id), fields as multi-value registers).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::events::{ActionBody, ActionValue, ParsedAction};
use super::model::{ActionField, ActionStatus, ComplaintRef, Problem};
use crate::domain::event::Event;
use crate::domain::hlc::Hlc;
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::mvreg::{Register, Write};

/// A complaint's link to the action: linked or not, and its reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkValue {
    pub complaint: ComplaintRef,
    pub linked: bool,
}

/// The folded action.
#[derive(Debug, Clone, Default)]
pub struct ActionState {
    pub id: EventId,
    /// The `action_created` event: when (`at_ms`), by whom, the problem.
    pub created: Option<Created>,
    pub title: Register<String>,
    pub owner: Register<String>,
    pub due: Register<NaiveDate>,
    pub status: Register<ActionStatus>,
    pub note: Register<String>,
    /// One register per complaint ever linked.
    pub links: BTreeMap<ComplaintId, Register<LinkValue>>,
    /// Events that could not be read (newer kind or version, malformed, a second creation, a
    /// complaint's event in this stream): kept, listed by id and kind.
    pub unreadable: Vec<(EventId, String)>,
    pub last_event: Option<EventId>,
    pub max_hlc: Hlc,
}

/// The creation of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub at_ms: i64,
    pub actor: String,
    pub device: String,
    pub problem: Problem,
}

fn write<T>(e: &Event, value: T, supersedes: Vec<EventId>) -> Write<T> {
    Write { id: e.id().clone(), hlc: e.hlc(), at_ms: e.at_ms(), actor: e.actor().into(), value, supersedes }
}

/// Folds the events of action `id` found in `events` (others are ignored).
pub fn fold_action<'a>(id: &EventId, events: impl IntoIterator<Item = &'a Event>) -> ActionState {
    let sorted = crate::domain::fold::in_fold_order(events, |e| e.complaint() == id);
    let mut st = ActionState { id: id.clone(), ..ActionState::default() };
    for e in sorted {
        st.last_event = Some(e.id().clone());
        st.max_hlc = st.max_hlc.max(e.hlc());
        let body = match ActionBody::parse(e) {
            ParsedAction::Known(b) => b,
            _ => {
                st.unreadable.push((e.id().clone(), e.kind().into()));
                continue;
            }
        };
        match body {
            ActionBody::Created(c) => {
                if e.id() != id || st.created.is_some() {
                    st.unreadable.push((e.id().clone(), e.kind().into()));
                    continue;
                }
                st.title.add(write(e, c.title, Vec::new()));
                st.owner.add(write(e, c.owner, Vec::new()));
                st.due.add(write(e, c.due, Vec::new()));
                st.status.add(write(e, c.status, Vec::new()));
                st.note.add(write(e, c.note, Vec::new()));
                for r in c.complaints {
                    st.links.entry(r.id.clone()).or_default().add(write(e, LinkValue { complaint: r, linked: true }, Vec::new()));
                }
                st.created = Some(Created { at_ms: e.at_ms(), actor: e.actor().into(), device: e.device().into(), problem: c.problem });
            }
            ActionBody::Set(s) => {
                for ch in s.changes {
                    let sup = ch.supersedes;
                    match ch.value {
                        ActionValue::Title(v) => st.title.add(write(e, v, sup)),
                        ActionValue::Owner(v) => st.owner.add(write(e, v, sup)),
                        ActionValue::Due(v) => st.due.add(write(e, v, sup)),
                        ActionValue::Status(v) => st.status.add(write(e, v, sup)),
                        ActionValue::Note(v) => st.note.add(write(e, v, sup)),
                    }
                }
            }
            ActionBody::Linked(l) => {
                let value = LinkValue { complaint: l.complaint, linked: l.linked };
                st.links.entry(value.complaint.id.clone()).or_default().add(write(e, value, l.supersedes));
            }
        }
    }
    st
}

impl ActionState {
    /// True once its `action_created` event is here.
    pub fn is_created(&self) -> bool {
        self.created.is_some()
    }

    /// The complaints linked now (by the winning value of each link), in id order.
    pub fn linked(&self) -> Vec<ComplaintRef> {
        self.links.values().filter_map(|r| r.value()).filter(|v| v.linked).map(|v| v.complaint.clone()).collect()
    }

    /// The ids of a field's current values: what a new write to it supersedes.
    pub fn heads(&self, field: ActionField) -> Vec<EventId> {
        match field {
            ActionField::Title => self.title.head_ids(),
            ActionField::Owner => self.owner.head_ids(),
            ActionField::Due => self.due.head_ids(),
            ActionField::Status => self.status.head_ids(),
            ActionField::Note => self.note.head_ids(),
            ActionField::Problem | ActionField::Complaints => Vec::new(),
        }
    }

    /// The ids of a field's concurrent values while it is in conflict (for the links: those
    /// of every link in conflict), oldest first; empty otherwise. An import preview looks for
    /// the import's own events among them.
    pub fn conflict_ids(&self, field: ActionField) -> Vec<EventId> {
        match field {
            ActionField::Complaints => self.links.values().filter(|r| r.in_conflict()).flat_map(Register::head_ids).collect(),
            f => Some(self.heads(f)).filter(|h| h.len() > 1).unwrap_or_default(),
        }
    }

    /// The fields (and linked complaints) whose concurrent values wait for a person.
    pub fn conflicted(&self) -> Vec<ActionField> {
        let mut out = Vec::new();
        for (f, c) in [
            (ActionField::Title, self.title.in_conflict()),
            (ActionField::Owner, self.owner.in_conflict()),
            (ActionField::Due, self.due.in_conflict()),
            (ActionField::Status, self.status.in_conflict()),
            (ActionField::Note, self.note.in_conflict()),
            (ActionField::Complaints, self.links.values().any(Register::in_conflict)),
        ] {
            if c {
                out.push(f);
            }
        }
        out
    }
}

//! An action as the Review page shows it, folded from its events: the winning values, the
//! status history, the conflicts, and which periods list it.

use chrono::NaiveDate;

use super::events::ActionValue;
use super::fold::ActionState;
use super::model::{ActionField, ActionStatus, ComplaintRef, Problem};
use crate::domain::mvreg::Register;

/// A field with concurrent values; `values` oldest first, the winner (shown) last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionConflict {
    pub field: ActionField,
    pub values: Vec<ActionValue>,
}

/// One action as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionSummary {
    pub id: String,
    pub title: String,
    pub problem: Problem,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub note: String,
    pub complaints: Vec<ComplaintRef>,
    /// When it was created (UTC ms, the author device's clock) and by whom.
    pub created_ms: i64,
    pub created_by: String,
    /// The winning status's history, oldest first: (when it was set, UTC ms; status).
    pub status_log: Vec<(i64, ActionStatus)>,
    pub conflicts: Vec<ActionConflict>,
    /// Events kept but not read (a newer app's), so the page can say so.
    pub unreadable: usize,
}

fn values<T: Clone>(r: &Register<T>, wrap: fn(T) -> ActionValue) -> Vec<ActionValue> {
    r.heads().into_iter().map(|w| wrap(w.value.clone())).collect()
}

impl ActionSummary {
    /// The summary of a folded action; `None` until its `action_created` event is here.
    pub fn of(st: &ActionState) -> Option<ActionSummary> {
        let created = st.created.as_ref()?;
        let mut conflicts = Vec::new();
        for field in st.conflicted() {
            let values = match field {
                ActionField::Title => values(&st.title, ActionValue::Title),
                ActionField::Owner => values(&st.owner, ActionValue::Owner),
                ActionField::Due => values(&st.due, ActionValue::Due),
                ActionField::Status => values(&st.status, ActionValue::Status),
                ActionField::Note => values(&st.note, ActionValue::Note),
                ActionField::Problem | ActionField::Complaints => Vec::new(),
            };
            conflicts.push(ActionConflict { field, values });
        }
        Some(ActionSummary {
            id: st.id.to_string(),
            title: st.title.value().cloned().unwrap_or_default(),
            problem: created.problem.clone(),
            owner: st.owner.value().cloned().unwrap_or_default(),
            due: *st.due.value()?,
            status: *st.status.value()?,
            note: st.note.value().cloned().unwrap_or_default(),
            complaints: st.linked(),
            created_ms: created.at_ms,
            created_by: created.actor.clone(),
            status_log: st.status.chain().into_iter().map(|w| (w.at_ms, w.value)).collect(),
            conflicts,
            unreadable: st.unreadable.len(),
        })
    }

    /// The status as it stood at `ms` (UTC): the last status set by then; before its creation,
    /// the first status.
    pub fn status_at(&self, ms: i64) -> ActionStatus {
        self.status_log.iter().rev().find(|(at, _)| *at <= ms).or(self.status_log.first()).map_or(self.status, |(_, s)| *s)
    }

    /// When it was done or dropped for the last time (UTC ms); `None` while open.
    pub fn closed_ms(&self) -> Option<i64> {
        if self.status.is_open() {
            return None;
        }
        let open_until = self.status_log.iter().rposition(|(_, s)| s.is_open());
        let first_closed = open_until.map_or(0, |i| i + 1);
        Some(self.status_log.get(first_closed).map_or(self.created_ms, |(at, _)| *at))
    }

    /// Whether the review of the period `[start_ms, end_ms)` (the days `first` to `last`) lists
    /// it: created before the period's end, and open at some moment of the period or due in it.
    /// So next month's review shows last month's open actions with their status.
    pub fn in_period(&self, start_ms: i64, end_ms: i64, first: NaiveDate, last: NaiveDate) -> bool {
        self.created_ms < end_ms && (self.closed_ms().is_none_or(|c| c >= start_ms) || (first..=last).contains(&self.due))
    }

    /// Open and past its due date on `today` (a business date).
    pub fn overdue_on(&self, status: ActionStatus, today: NaiveDate) -> bool {
        status.is_open() && self.due < today
    }
}

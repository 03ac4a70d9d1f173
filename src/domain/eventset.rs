//! A set of events keyed by id: the unit that devices exchange (batch files, sync). Merging is
//! set union, so it is idempotent, commutative and associative; nothing is ever removed.

use std::collections::{BTreeMap, BTreeSet};

use super::event::Event;
use super::hlc::Hlc;
use super::ids::{ComplaintId, EventId};

/// Events of any number of complaints, deduplicated by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventSet {
    events: BTreeMap<EventId, Event>,
    /// The ids of each complaint's events, so that one complaint's events are found without
    /// reading all of them (an import plans thousands of complaints against one set).
    by_complaint: BTreeMap<ComplaintId, BTreeSet<EventId>>,
}

/// What inserting one event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// The id was new.
    New,
    /// The same event was already there.
    Duplicate,
    /// Another copy with the same id was there; the preferred copy (see [`Event::preferred`]) is kept.
    Replaced,
    /// Another copy with the same id was there and is preferred; this one was not kept.
    Kept,
}

impl EventSet {
    pub fn new() -> EventSet {
        EventSet::default()
    }

    /// Adds one event.
    pub fn insert(&mut self, event: Event) -> Inserted {
        match self.events.get(event.id()) {
            None => {
                self.by_complaint.entry(event.complaint().clone()).or_default().insert(event.id().clone());
                self.events.insert(event.id().clone(), event);
                Inserted::New
            }
            Some(old) if *old == event => Inserted::Duplicate,
            Some(old) => {
                if std::ptr::eq(Event::preferred(old, &event), old) {
                    Inserted::Kept
                } else {
                    // A copy may name another complaint (a forgery the plan refuses): keep the
                    // index true to the copy kept.
                    if old.complaint() != event.complaint() {
                        let old_complaint = old.complaint().clone();
                        if let Some(ids) = self.by_complaint.get_mut(&old_complaint) {
                            ids.remove(event.id());
                            if ids.is_empty() {
                                self.by_complaint.remove(&old_complaint);
                            }
                        }
                        self.by_complaint.entry(event.complaint().clone()).or_default().insert(event.id().clone());
                    }
                    self.events.insert(event.id().clone(), event);
                    Inserted::Replaced
                }
            }
        }
    }

    /// Set union: adds every event of `other`. Returns how many ids were new.
    pub fn merge(&mut self, other: &EventSet) -> usize {
        other.iter().filter(|e| self.insert((*e).clone()) == Inserted::New).count()
    }

    /// The union of two sets, leaving both untouched.
    pub fn union(&self, other: &EventSet) -> EventSet {
        let mut out = self.clone();
        out.merge(other);
        out
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
    pub fn get(&self, id: &EventId) -> Option<&Event> {
        self.events.get(id)
    }
    pub fn contains(&self, id: &EventId) -> bool {
        self.events.contains_key(id)
    }

    /// All events, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Event> {
        self.events.values()
    }

    /// Every complaint mentioned.
    pub fn complaint_ids(&self) -> BTreeSet<ComplaintId> {
        self.by_complaint.keys().cloned().collect()
    }

    /// The events of one complaint, in fold order (HLC, then id).
    pub fn of_complaint(&self, complaint: &ComplaintId) -> Vec<&Event> {
        let ids = self.by_complaint.get(complaint).into_iter().flatten();
        let mut out: Vec<&Event> = ids.filter_map(|id| self.events.get(id)).collect();
        crate::domain::sort::sort_by(&mut out, |a, b| a.order_key().cmp(&b.order_key()));
        out
    }

    /// The largest HLC in the set: a device observes it after an import.
    pub fn max_hlc(&self) -> Option<Hlc> {
        self.events.values().map(|e| e.hlc()).max()
    }

    /// Ids present here but not in `other`: what a sync still has to send.
    pub fn missing_from<'a>(&'a self, other: &'a EventSet) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.values().filter(move |e| !other.contains(e.id()))
    }
}

impl FromIterator<Event> for EventSet {
    fn from_iter<I: IntoIterator<Item = Event>>(iter: I) -> Self {
        let mut set = EventSet::new();
        for e in iter {
            set.insert(e);
        }
        set
    }
}

impl Extend<Event> for EventSet {
    fn extend<I: IntoIterator<Item = Event>>(&mut self, iter: I) {
        for e in iter {
            self.insert(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::NewEvent;

    fn ev(ms: i64, n: u8, payload: &str) -> Event {
        let id = EventId::new(Hlc { ms, c: 0 }, [n; 10], 0);
        Event::build(NewEvent {
            id: id.clone(),
            complaint: id,
            device: "d".into(),
            actor: "a".into(),
            hlc: Hlc { ms, c: 0 },
            at: None,
            base: None,
            kind: "x".into(),
            v: 1,
            payload: payload.into(),
        })
        .unwrap()
    }

    #[test]
    fn insert_dedups_and_keeps_the_preferred_copy() {
        let mut s = EventSet::new();
        let e = ev(5, 1, r#"{"n":"a"}"#);
        assert_eq!(s.insert(e.clone()), Inserted::New);
        assert_eq!(s.insert(e.clone()), Inserted::Duplicate);
        let r = e.redacted_with("{}".into()).unwrap();
        assert_eq!(s.insert(r.clone()), Inserted::Replaced);
        assert_eq!(s.insert(e), Inserted::Kept);
        assert_eq!(s.len(), 1);
        assert!(s.get(r.id()).unwrap().is_redacted());
    }

    #[test]
    fn union_and_ordering() {
        let a: EventSet = [ev(3, 1, "{}"), ev(1, 2, "{}")].into_iter().collect();
        let b: EventSet = [ev(2, 3, "{}"), ev(1, 2, "{}")].into_iter().collect();
        let u = a.union(&b);
        assert_eq!(u.len(), 3);
        assert_eq!(u, b.union(&a));
        assert_eq!(u.max_hlc(), Some(Hlc { ms: 3, c: 0 }));
        assert_eq!(a.missing_from(&b).count(), 1);
        let mut m = a.clone();
        assert_eq!(m.merge(&b), 1);
        assert_eq!(m.merge(&b), 0);
        let id = ev(2, 3, "{}").complaint().clone();
        assert_eq!(u.of_complaint(&id).len(), 1);
        assert_eq!(u.complaint_ids().len(), 3);
    }

    #[test]
    fn a_replacing_copy_of_another_complaint_moves_in_the_index() {
        let e = ev(5, 1, "{}");
        let other = EventId::new(Hlc { ms: 4, c: 0 }, [9; 10], 0);
        let text = e.to_json().replacen(&format!(r#""complaint":"{}""#, e.complaint()), &format!(r#""complaint":"{other}""#), 1);
        let moved = Event::from_json(&text).unwrap().redacted_with("{}".into()).unwrap();
        let mut s: EventSet = [e.clone()].into_iter().collect();
        assert_eq!(s.insert(moved.clone()), Inserted::Replaced);
        assert!(s.of_complaint(e.complaint()).is_empty());
        assert_eq!(s.of_complaint(moved.complaint()), vec![&moved]);
        assert_eq!(s.complaint_ids().into_iter().collect::<Vec<_>>(), vec![moved.complaint().clone()]);
    }
}

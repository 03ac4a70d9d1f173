//! A multi-value register: how one field keeps every concurrent value.
//!
//! Each write names the writes it supersedes (the field's values its author had seen). The
//! current values ("heads") are the writes nobody supersedes. One head: settled. Several
//! heads: the writes were concurrent (neither author saw the other's), so the field is in
//! conflict: the deterministic winner is the head with the largest (HLC, id), and every head
//! stays visible until a person resolves it with a write that supersedes them all. This is
//! a function of the set of writes, so it does not depend on arrival order.

use serde::Serialize;
use std::collections::BTreeSet;

use super::hlc::Hlc;
use super::ids::EventId;

/// One value written to a field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Write<T> {
    /// The event that wrote it.
    pub id: EventId,
    /// Its place in the order of writes.
    pub hlc: Hlc,
    /// When it was written, by its device's clock (`Event::at_ms`): for times, never for order.
    pub at_ms: i64,
    pub actor: String,
    pub value: T,
    pub supersedes: Vec<EventId>,
}

/// Every write ever made to one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Register<T> {
    writes: Vec<Write<T>>,
}

impl<T> Default for Register<T> {
    fn default() -> Self {
        Register { writes: Vec::new() }
    }
}

impl<T: Clone> Register<T> {
    /// Records a write. Writes are kept sorted by (HLC, id) and deduplicated by id.
    pub fn add(&mut self, write: Write<T>) {
        let key = (write.hlc, write.id.clone());
        match self.writes.binary_search_by(|w| (w.hlc, w.id.clone()).cmp(&key)) {
            Ok(_) => {}
            Err(pos) => self.writes.insert(pos, write),
        }
    }

    /// The current values, oldest first; the winner is last.
    pub fn heads(&self) -> Vec<&Write<T>> {
        let superseded: BTreeSet<&EventId> = crate::domain::sort::set_of(self.writes.iter().flat_map(|w| w.supersedes.iter()));
        self.writes.iter().filter(|w| !superseded.contains(&w.id)).collect()
    }

    /// Ids of the current values: what a new write must supersede.
    pub fn head_ids(&self) -> Vec<EventId> {
        self.heads().into_iter().map(|w| w.id.clone()).collect()
    }

    /// The winning write, if the field was ever written.
    pub fn winner(&self) -> Option<&Write<T>> {
        self.heads().pop()
    }

    /// The winning value.
    pub fn value(&self) -> Option<&T> {
        self.winner().map(|w| &w.value)
    }

    /// True when concurrent values wait for a person.
    pub fn in_conflict(&self) -> bool {
        self.heads().len() > 1
    }

    /// The whole history, oldest first.
    pub fn history(&self) -> &[Write<T>] {
        &self.writes
    }

    /// The write with this id.
    pub fn get(&self, id: &EventId) -> Option<&Write<T>> {
        self.writes.iter().find(|w| &w.id == id)
    }

    /// The winner and, going back, the newest write each step superseded: the linear history
    /// that led to the current value (oldest first).
    pub fn chain(&self) -> Vec<&Write<T>> {
        let mut out = Vec::new();
        let mut cur = self.winner();
        let mut seen = BTreeSet::new();
        while let Some(w) = cur {
            if !seen.insert(&w.id) {
                break;
            }
            out.push(w);
            cur = self
                .writes
                .iter()
                .filter(|p| w.supersedes.contains(&p.id) && (p.hlc, &p.id) < (w.hlc, &w.id))
                .max_by(|a, b| (a.hlc, &a.id).cmp(&(b.hlc, &b.id)));
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(ms: i64, id: &str, v: &str, sup: &[&str]) -> Write<String> {
        Write {
            id: id.into(),
            hlc: Hlc { ms, c: 0 },
            at_ms: ms,
            actor: "a".into(),
            value: v.into(),
            supersedes: sup.iter().map(|s| EventId::from(*s)).collect(),
        }
    }

    #[test]
    fn sequential_writes_settle() {
        let mut r = Register::default();
        r.add(w(1, "A", "x", &[]));
        r.add(w(2, "B", "y", &["A"]));
        assert_eq!(r.value(), Some(&"y".to_string()));
        assert!(!r.in_conflict());
        assert_eq!(r.chain().iter().map(|w| w.value.as_str()).collect::<Vec<_>>(), ["x", "y"]);
    }

    #[test]
    fn concurrent_writes_conflict_until_resolved() {
        let mut r = Register::default();
        r.add(w(3, "C", "late", &["A"]));
        r.add(w(2, "B", "other", &["A"]));
        r.add(w(1, "A", "x", &[]));
        assert!(r.in_conflict());
        assert_eq!(r.value(), Some(&"late".to_string()));
        assert_eq!(r.head_ids(), vec![EventId::from("B"), EventId::from("C")]);
        // The person keeps "other": a write superseding both heads.
        r.add(w(4, "D", "other", &["B", "C"]));
        assert!(!r.in_conflict());
        assert_eq!(r.value(), Some(&"other".to_string()));
        assert_eq!(r.history().len(), 4, "nothing is dropped");
        r.add(w(4, "D", "other", &["B", "C"]));
        assert_eq!(r.history().len(), 4, "duplicates are ignored");
    }
}

//! Which events an export holds. A selection picks events directly ([`picks`]); what it
//! picks then needs companions ([`companions`]) so the receiving device can use it:
//!
//! - the `registered` event of every complaint touched, so nothing arrives without its
//!   complaint (a few hundred bytes each; already present on a device that has it);
//! - the whole history of a complaint anonymised in the selection: its redacted copies keep
//!   their original (old) HLC, so a selection by time would leave the originals on the
//!   receiving device.
//!
//! A watermark selection (`Since`) is by HLC. This device's clock is monotonic and observes
//! every import, so everything it writes after an export is after that export's watermark;
//! events it *received* later with older clocks are not picked again (passing on other
//! devices' work is an `All`, period or complaint export).

use std::collections::BTreeSet;

use super::format::Selection;
use crate::domain::event::Event;
use crate::domain::eventset::EventSet;
use crate::domain::hlc::Hlc;
use crate::domain::ids::ComplaintId;

/// Does `selection` pick this event directly?
pub fn picks(selection: &Selection, e: &Event) -> bool {
    match selection {
        // A listed selection is made by the caller, complaint by complaint.
        Selection::All | Selection::Listed { .. } | Selection::Other => true,
        Selection::Since { after } => e.hlc() > *after,
        // By HLC, not `at`, on purpose: the store selects through its `hlc_ms` index, the
        // manifest's span and the `Since` watermark are HLCs too, and this device's HLC never
        // goes back, so a period it exported never gains its later events (not even after its
        // wall clock was set back).
        Selection::Period { from_ms, to_ms } => (*from_ms..*to_ms).contains(&e.hlc().ms),
        Selection::Complaint { complaint } => e.complaint() == complaint,
    }
}

/// What picked events need besides themselves (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Companions {
    /// Complaints whose `registered` event (id = complaint id) must be added.
    pub registrations: BTreeSet<ComplaintId>,
    /// Complaints whose every event must be added.
    pub whole: BTreeSet<ComplaintId>,
}

/// The companions of the picked events.
pub fn companions<'a>(picked: impl IntoIterator<Item = &'a Event>) -> Companions {
    let mut out = Companions::default();
    for e in picked {
        out.registrations.insert(e.complaint().clone());
        if e.kind() == "anonymised" {
            out.whole.insert(e.complaint().clone());
        }
    }
    out
}

/// The whole selection out of every event a device holds (for the native side and small
/// stores; the browser store does the same with its `hlc_ms` and `complaint` indexes).
pub fn select<'a>(selection: &Selection, all: &'a EventSet) -> Vec<&'a Event> {
    let picked: Vec<&Event> = all.iter().filter(|e| picks(selection, e)).collect();
    let more = companions(picked.iter().copied());
    let mut out: Vec<&Event> = all
        .iter()
        .filter(|e| picks(selection, e) || more.whole.contains(e.complaint()) || (more.registrations.contains(e.id()) && e.kind() == "registered"))
        .collect();
    crate::domain::sort::sort_by(&mut out, |a, b| a.order_key().cmp(&b.order_key()));
    out
}

/// The watermark to remember after an export: the newest clock it held.
pub fn watermark<'a>(exported: impl IntoIterator<Item = &'a Event>) -> Option<Hlc> {
    exported.into_iter().map(|e| e.hlc()).max()
}

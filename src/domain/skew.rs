//! Devices whose clocks look wrong, judged from their events against this device's clock.
//!
//! A step cannot have been taken after now. An event stamped (its `at`) later than this
//! device's wall clock by more than [`SKEW_TOLERANCE_MS`] says its author's clock runs ahead
//! by at least that much: its SLA times are off, and its HLC drags every clock that observes
//! it forward. A clock that runs behind cannot be told from a step taken earlier, so only
//! "ahead" is reported. Events without `at` (older apps) are judged by their HLC, which may
//! also have been pushed ahead by another device's events.

use std::collections::BTreeMap;

use serde::Serialize;

use super::event::Event;

/// How far ahead of this device's clock an event may be before its author is reported:
/// tablets set by hand are often a few minutes off, which costs no SLA clock anything.
pub const SKEW_TOLERANCE_MS: i64 = 10 * 60_000;

/// A device whose events lie in this device's future.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkewedDevice {
    /// The author device's id (`Event::device`).
    pub device: String,
    /// How far (ms) its furthest event lies ahead of this device's clock.
    pub ahead_ms: i64,
    /// How many of its events lie ahead by more than the tolerance.
    pub events: usize,
}

/// The authors of `events` whose clocks look ahead of `now_ms` (this device's wall clock,
/// UTC ms) by more than [`SKEW_TOLERANCE_MS`], sorted by device id.
pub fn skewed_devices<'a>(events: impl IntoIterator<Item = &'a Event>, now_ms: i64) -> Vec<SkewedDevice> {
    let mut by_device: BTreeMap<&str, (i64, usize)> = BTreeMap::new();
    for e in events {
        // `at_ms` is `at`, or the HLC for events without it; saturating for absurd stored values.
        let ahead = e.at_ms().saturating_sub(now_ms);
        if ahead > SKEW_TOLERANCE_MS {
            let slot = by_device.entry(e.device()).or_default();
            *slot = (slot.0.max(ahead), slot.1 + 1);
        }
    }
    by_device.into_iter().map(|(device, (ahead_ms, events))| SkewedDevice { device: device.into(), ahead_ms, events }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::NewEvent;
    use crate::domain::hlc::Hlc;
    use crate::domain::ids::EventId;

    const NOW: i64 = 1_696_845_600_000; // 2023-10-09 10:00 UTC
    const MIN: i64 = 60_000;

    fn ev(device: &str, hlc_ms: i64, at: Option<i64>, n: u8) -> Event {
        let hlc = Hlc { ms: hlc_ms, c: 0 };
        let id = EventId::new(hlc, [n; 10], 0);
        Event::build(NewEvent { id: id.clone(), complaint: id, device: device.into(), actor: "a".into(), hlc, at, base: None, kind: "x".into(), v: 1, payload: "{}".into() }).unwrap()
    }

    #[test]
    fn reports_devices_ahead_by_more_than_the_tolerance() {
        let day = 24 * 60 * MIN;
        let events = [
            ev("b", NOW + day, Some(NOW + day), 1),
            ev("b", NOW + day + 1, Some(NOW + day - 30 * MIN), 2),
            ev("b", NOW + day + 2, Some(NOW - MIN), 3),
            // Its HLC was dragged ahead by b's events, its own clock is right.
            ev("a", NOW + day + 3, Some(NOW + 2 * MIN), 4),
            // An older app: no `at`, its HLC is all there is.
            ev("old", NOW + SKEW_TOLERANCE_MS + 1, None, 5),
            ev("edge", NOW + day, Some(NOW + SKEW_TOLERANCE_MS), 6),
            ev("absurd", i64::MAX, Some(i64::MAX), 7),
        ];
        let got = skewed_devices(&events, NOW);
        assert_eq!(
            got,
            vec![
                SkewedDevice { device: "absurd".into(), ahead_ms: i64::MAX - NOW, events: 1 },
                SkewedDevice { device: "b".into(), ahead_ms: day, events: 2 },
                SkewedDevice { device: "old".into(), ahead_ms: SKEW_TOLERANCE_MS + 1, events: 1 },
            ]
        );
        assert!(skewed_devices(&events, i64::MIN).len() == 5, "no overflow");
        assert!(skewed_devices(&[], NOW).is_empty());
    }
}

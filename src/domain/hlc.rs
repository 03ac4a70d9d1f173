//! Hybrid logical clock (HLC): event timestamps that respect causality even when a tablet's
//! wall clock is wrong. They only order events: a clock that observes a fast device's event
//! runs ahead with it, so when a step was taken is the event's `at` (`Event::at_ms`).
//! Pure functions; the caller persists the device's last clock value.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A hybrid logical clock value: physical milliseconds since the Unix epoch (UTC) plus a
/// logical counter that orders events within the same millisecond.
///
/// Wire format: `{"ms": 1696123800000, "c": 0}`. Ordering is by `ms`, then `c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Hlc {
    /// Physical part: the largest wall-clock reading (ms, UTC) this clock has seen.
    pub ms: i64,
    /// Logical part: counts events that share the same physical part.
    pub c: u32,
}

impl Hlc {
    /// The clock value for a new local event, given this device's last value and its
    /// current wall clock. Always strictly greater than `self`.
    pub fn tick(self, now_ms: i64) -> Hlc {
        if now_ms > self.ms {
            Hlc { ms: now_ms, c: 0 }
        } else {
            Hlc { ms: self.ms, c: self.c.saturating_add(1) }
        }
    }

    /// The clock value after receiving `remote` (an imported or synced event). The result
    /// is strictly greater than both `self` and `remote`, so anything written afterwards is
    /// ordered after everything the device had seen, whatever its wall clock says.
    /// The clock never goes back, so observe only events that passed
    /// `event_rules::validate_event`: one absurd HLC would otherwise stop this device from
    /// issuing commands (`CommandError::ClockOutOfRange`).
    pub fn observe(self, remote: Hlc, now_ms: i64) -> Hlc {
        let ms = self.ms.max(remote.ms).max(now_ms);
        let c = match (ms == self.ms, ms == remote.ms) {
            (true, true) => self.c.max(remote.c).saturating_add(1),
            (true, false) => self.c.saturating_add(1),
            (false, true) => remote.c.saturating_add(1),
            (false, false) => 0,
        };
        Hlc { ms, c }
    }

    /// How far (ms) `self` runs ahead of a wall clock: lets the UI warn about a device whose
    /// clock is far off before its events drag everyone's clocks forward (per author device:
    /// `skew::skewed_devices`).
    pub fn drift_from(self, now_ms: i64) -> i64 {
        self.ms.saturating_sub(now_ms)
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.ms, self.c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_follows_the_wall_clock_and_never_goes_back() {
        let a = Hlc::default().tick(1000);
        assert_eq!(a, Hlc { ms: 1000, c: 0 });
        // The wall clock jumped back (tablet clock corrected): the HLC keeps counting.
        let b = a.tick(500);
        assert_eq!(b, Hlc { ms: 1000, c: 1 });
        assert!(b > a);
        assert_eq!(b.tick(2000), Hlc { ms: 2000, c: 0 });
    }

    #[test]
    fn observe_is_after_both_sides() {
        let local = Hlc { ms: 1000, c: 3 };
        let remote = Hlc { ms: 5000, c: 7 };
        let after = local.observe(remote, 900);
        assert_eq!(after, Hlc { ms: 5000, c: 8 });
        assert_eq!(local.observe(Hlc { ms: 1000, c: 9 }, 10), Hlc { ms: 1000, c: 10 });
        assert_eq!(local.observe(Hlc { ms: 10, c: 9 }, 10), Hlc { ms: 1000, c: 4 });
        assert_eq!(local.observe(remote, 9000), Hlc { ms: 9000, c: 0 });
        assert_eq!(remote.drift_from(4000), 1000);
    }

    #[test]
    fn wire_format() {
        let h = Hlc { ms: 1696123800000, c: 2 };
        assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"ms":1696123800000,"c":2}"#);
        assert_eq!(h.to_string(), "1696123800000.2");
    }
}

//! The instants the app accepts, and time arithmetic that cannot panic.
//!
//! Batch import and sync bring times this device never typed, and the release build aborts on
//! a panic. So every time that enters the domain (form and command inputs, the device clock,
//! the HLC of a stored or foreign event) must lie in one accepted range:
//! **1900-01-01T00:00 ≤ t < 2200-01-01T00:00** (UTC for instants, the business wall clock for
//! local times). Inside it, adding the domain's limits (at most a few years) never leaves
//! chrono's range; outside it the value is refused with [`OutOfRange`].

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta};

/// 1900-01-01T00:00:00Z in ms since the Unix epoch: the first accepted instant.
pub const MIN_ACCEPTED_MS: i64 = -2_208_988_800_000;
/// 2200-01-01T00:00:00Z in ms since the Unix epoch: the first instant no longer accepted.
pub const MAX_ACCEPTED_MS: i64 = 7_258_118_400_000;

/// The smallest and largest instants chrono can represent (about ±262,000 years). Calendar
/// arithmetic clamps to them, so it saturates instead of overflowing on absurd values.
pub(crate) const CHRONO_MIN_MS: i64 = DateTime::<chrono::Utc>::MIN_UTC.timestamp_millis();
pub(crate) const CHRONO_MAX_MS: i64 = DateTime::<chrono::Utc>::MAX_UTC.timestamp_millis();

/// A time outside the accepted range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the time lies outside the accepted range (1900-01-01 to 2200-01-01)")]
pub struct OutOfRange;

impl OutOfRange {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        "time_out_of_range"
    }
}

/// Is this instant (UTC ms) inside the accepted range?
pub fn is_accepted_ms(ms: i64) -> bool {
    (MIN_ACCEPTED_MS..MAX_ACCEPTED_MS).contains(&ms)
}

/// The instant if it is accepted.
pub fn check_ms(ms: i64) -> Result<i64, OutOfRange> {
    if is_accepted_ms(ms) {
        Ok(ms)
    } else {
        Err(OutOfRange)
    }
}

/// Is this wall-clock time inside the accepted range (same dates as for instants)?
pub fn is_accepted_local(t: NaiveDateTime) -> bool {
    is_accepted_ms(t.and_utc().timestamp_millis())
}

/// The wall-clock time if it is accepted.
pub fn check_local(t: NaiveDateTime) -> Result<NaiveDateTime, OutOfRange> {
    if is_accepted_local(t) {
        Ok(t)
    } else {
        Err(OutOfRange)
    }
}

/// Is this date inside the accepted range?
pub fn is_accepted_date(d: NaiveDate) -> bool {
    d.and_hms_opt(0, 0, 0).is_some_and(is_accepted_local)
}

/// `t + d`, saturating at chrono's limits instead of panicking.
pub fn saturating_add(t: NaiveDateTime, d: TimeDelta) -> NaiveDateTime {
    t.checked_add_signed(d).unwrap_or(if d < TimeDelta::zero() { NaiveDateTime::MIN } else { NaiveDateTime::MAX })
}

/// True when `t` lies more than `tolerance` after `reference` (never panics).
pub fn is_later_than(t: NaiveDateTime, reference: NaiveDateTime, tolerance: TimeDelta) -> bool {
    t > saturating_add(reference, tolerance)
}

/// The wall-clock time of a UTC ms instant shifted by `offset_ms`, saturating at chrono's limits.
pub(crate) fn saturating_naive(ms: i64, offset_ms: i64) -> NaiveDateTime {
    let t = ms.saturating_add(offset_ms).clamp(CHRONO_MIN_MS, CHRONO_MAX_MS);
    match DateTime::from_timestamp_millis(t) {
        Some(d) => d.naive_utc(),
        None if t < 0 => NaiveDateTime::MIN,
        None => NaiveDateTime::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap()
    }

    #[test]
    fn the_bounds_are_1900_and_2200() {
        assert_eq!(at(1900, 1, 1).and_utc().timestamp_millis(), MIN_ACCEPTED_MS);
        assert_eq!(at(2200, 1, 1).and_utc().timestamp_millis(), MAX_ACCEPTED_MS);
        assert!(is_accepted_local(at(1900, 1, 1)));
        assert!(!is_accepted_local(at(1899, 12, 31)));
        assert!(is_accepted_local(at(2199, 12, 31)));
        assert_eq!(check_local(at(2200, 1, 1)), Err(OutOfRange));
        assert_eq!(check_ms(i64::MAX).unwrap_err().code(), "time_out_of_range");
        assert!(!is_accepted_date(NaiveDate::MIN) && !is_accepted_date(NaiveDate::MAX));
    }

    #[test]
    fn arithmetic_saturates_at_the_ends_of_time() {
        assert_eq!(saturating_add(NaiveDateTime::MAX, TimeDelta::minutes(5)), NaiveDateTime::MAX);
        assert_eq!(saturating_add(NaiveDateTime::MIN, TimeDelta::minutes(-5)), NaiveDateTime::MIN);
        assert!(!is_later_than(NaiveDateTime::MAX, NaiveDateTime::MAX, TimeDelta::minutes(5)));
        assert_eq!(saturating_naive(i64::MAX, 1).date(), NaiveDate::MAX);
        assert_eq!(saturating_naive(i64::MIN, -1).date(), NaiveDate::MIN);
    }
}

//! The business calendar's original day-by-day implementation, kept as the reference the
//! arithmetic one is compared with (see `calendar_props`). Only for checked calendars.

use chrono::DateTime;

use crate::domain::sla::{BusinessCalendar, Span};

const DAY: i64 = 86_400_000;

/// The naive algorithms, walking one day at a time.
pub(crate) struct Naive<'a>(pub &'a BusinessCalendar);

impl Naive<'_> {
    fn offset(&self) -> i64 {
        self.0.utc_offset_minutes as i64 * 60_000
    }

    fn periods_of(&self, day: i64) -> Vec<(i64, i64)> {
        let date = DateTime::from_timestamp_millis(day * DAY).unwrap().date_naive();
        if !self.0.is_working_day(date) {
            return Vec::new();
        }
        self.0.periods.iter().map(|p| (day * DAY + p.start_min as i64 * 60_000, day * DAY + p.end_min as i64 * 60_000)).collect()
    }

    pub fn working_between(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let (a, b) = (a + self.offset(), b + self.offset());
        (a.div_euclid(DAY)..=b.div_euclid(DAY)).flat_map(|day| self.periods_of(day)).map(|(s, e)| (e.min(b) - s.max(a)).max(0)).sum()
    }

    pub fn add_working(&self, start: i64, ms: i64, horizon_days: i64) -> Option<i64> {
        if ms <= 0 {
            return Some(start);
        }
        let t = start + self.offset();
        let mut remaining = ms;
        let first = t.div_euclid(DAY);
        for day in first..first + horizon_days {
            for (s, e) in self.periods_of(day) {
                if t >= e {
                    continue;
                }
                let from = s.max(t);
                if remaining <= e - from {
                    return Some(from + remaining - self.offset());
                }
                remaining -= e - from;
            }
        }
        None
    }

    pub fn is_working_time(&self, utc_ms: i64) -> bool {
        let t = utc_ms + self.offset();
        self.periods_of(t.div_euclid(DAY)).iter().any(|&(s, e)| s <= t && t <= e)
    }

    /// `BusinessCalendar::due` on the naive primitives (the pause logic is shared).
    pub fn due(&self, span: Span, start: i64, pauses: &[(i64, Option<i64>)], horizon_days: i64) -> Option<i64> {
        let measure = |a: i64, b: i64| if span.is_working() { self.working_between(a, b) } else { (b - a).max(0) };
        let advance = |s: i64, ms: i64| if span.is_working() { self.add_working(s, ms, horizon_days) } else { Some(s + ms.max(0)) };
        let mut remaining = self.0.span_ms(span, start)?;
        let mut cur = start;
        for &(ps, pe) in pauses {
            if pe.is_some_and(|pe| pe <= cur) {
                continue;
            }
            let ps = ps.max(cur);
            let available = measure(cur, ps);
            if available >= remaining {
                return advance(cur, remaining);
            }
            remaining -= available;
            cur = pe?;
        }
        advance(cur, remaining)
    }
}

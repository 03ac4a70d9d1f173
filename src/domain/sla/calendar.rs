//! The business calendar: working periods on working weekdays, public holidays, make-up
//! working days (调休: a weekend day that is a working day) and a fixed UTC offset.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::days::DAY;
use super::Span;
use crate::domain::time_range::{is_accepted_date, saturating_naive, CHRONO_MAX_MS, CHRONO_MIN_MS};

/// The largest UTC offset accepted (chrono's fixed offsets stay below a day; real zones ≤ 14 h).
pub const MAX_UTC_OFFSET_MINUTES: i32 = 18 * 60;

/// A working period within a day, in minutes after local midnight: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start_min: u16,
    pub end_min: u16,
}

/// The calendar that "working days" and "working hours" count on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCalendar {
    /// Fixed offset of business time from UTC, in minutes (China: +480).
    pub utc_offset_minutes: i32,
    /// Working periods of a working day, sorted and non-overlapping.
    pub periods: Vec<Period>,
    /// Working weekdays, Monday first.
    pub weekdays: [bool; 7],
    pub holidays: BTreeSet<NaiveDate>,
    /// Days that are working days whatever their weekday (调休).
    pub makeup_workdays: BTreeSet<NaiveDate>,
}

/// Why a calendar was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("working periods must lie within the day, be non-empty, sorted and not overlap")]
    BadPeriods,
    #[error("the calendar has no working weekday")]
    NoWorkingDay,
    #[error("the UTC offset must lie between -18:00 and +18:00")]
    BadOffset,
    #[error("a holiday or make-up day lies outside the accepted range (1900 to 2199)")]
    DateOutOfRange,
}

impl CalendarError {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            CalendarError::BadPeriods => "calendar_bad_periods",
            CalendarError::NoWorkingDay => "calendar_no_working_day",
            CalendarError::BadOffset => "calendar_bad_offset",
            CalendarError::DateOutOfRange => "calendar_date_out_of_range",
        }
    }
}

impl Default for BusinessCalendar {
    /// UTC+8, Monday to Friday, 09:00–12:00 and 13:00–18:00, no holidays configured.
    fn default() -> Self {
        BusinessCalendar {
            utc_offset_minutes: 480,
            periods: vec![Period { start_min: 9 * 60, end_min: 12 * 60 }, Period { start_min: 13 * 60, end_min: 18 * 60 }],
            weekdays: [true, true, true, true, true, false, false],
            holidays: BTreeSet::new(),
            makeup_workdays: BTreeSet::new(),
        }
    }
}

#[cfg(test)]
fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid preset date")
}

impl BusinessCalendar {
    /// The default calendar with mainland China's 2023 public holidays and make-up working
    /// days (State Council notice for 2023, `official_cn`), as an example of a filled-in year.
    pub fn china_2023() -> Self {
        let days = super::official_cn::year(2023).expect("2023 ships").days();
        days.apply(&BusinessCalendar::default())
    }

    /// Checks the configuration.
    pub fn validate(&self) -> Result<(), CalendarError> {
        let mut prev_end = 0u16;
        for (i, p) in self.periods.iter().enumerate() {
            if p.start_min >= p.end_min || p.end_min > 24 * 60 || (i > 0 && p.start_min < prev_end) {
                return Err(CalendarError::BadPeriods);
            }
            prev_end = p.end_min;
        }
        if self.periods.is_empty() {
            return Err(CalendarError::BadPeriods);
        }
        if !self.weekdays.iter().any(|w| *w) && self.makeup_workdays.is_empty() {
            return Err(CalendarError::NoWorkingDay);
        }
        if self.utc_offset_minutes.abs() > MAX_UTC_OFFSET_MINUTES {
            return Err(CalendarError::BadOffset);
        }
        if !self.holidays.iter().chain(&self.makeup_workdays).all(|d| is_accepted_date(*d)) {
            return Err(CalendarError::DateOutOfRange);
        }
        Ok(())
    }

    fn offset_ms(&self) -> i64 {
        self.utc_offset_minutes as i64 * 60_000
    }

    /// Business wall-clock time of a UTC instant; saturates at chrono's limits (an instant that
    /// far away was refused on entry, see `time_range`). [`Self::checked_local`] says `None` instead.
    pub fn local(&self, utc_ms: i64) -> NaiveDateTime {
        saturating_naive(utc_ms, self.offset_ms())
    }

    /// Business wall-clock time of a UTC instant, `None` beyond chrono's range.
    pub fn checked_local(&self, utc_ms: i64) -> Option<NaiveDateTime> {
        DateTime::from_timestamp_millis(utc_ms.checked_add(self.offset_ms())?).map(|d| d.naive_utc())
    }

    /// The UTC instant of a business wall-clock time (cannot overflow: chrono's range is far
    /// inside i64 milliseconds).
    pub fn utc(&self, local: NaiveDateTime) -> i64 {
        local.and_utc().timestamp_millis() - self.offset_ms()
    }

    /// Is this (business) date a working day?
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.makeup_workdays.contains(&d) {
            return true;
        }
        !self.holidays.contains(&d) && self.weekdays[d.weekday().num_days_from_monday() as usize]
    }

    /// The working periods as ms after local midnight. Out-of-day or empty periods of an
    /// unchecked calendar are clipped or skipped, so arithmetic stays within a day.
    fn spans(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.periods
            .iter()
            .map(|p| ((p.start_min as i64 * 60_000).min(DAY), (p.end_min as i64 * 60_000).min(DAY)))
            .filter(|(s, e)| s < e)
    }

    /// Working time of one standard working day (ms).
    pub fn day_length_ms(&self) -> i64 {
        self.spans().fold(0i64, |sum, (s, e)| sum.saturating_add(e - s))
    }

    /// Local ms of a UTC instant, the instant clamped to chrono's range first.
    fn local_ms(&self, utc_ms: i64) -> i64 {
        utc_ms.clamp(CHRONO_MIN_MS, CHRONO_MAX_MS) + self.offset_ms()
    }

    /// Working time of day number `day` between local ms `lo` and `hi`.
    fn working_in_day(&self, day: i64, lo: i64, hi: i64) -> i64 {
        if !self.works(day) {
            return 0;
        }
        let base = day * DAY;
        self.spans().map(|(s, e)| ((base + e).min(hi) - (base + s).max(lo)).max(0)).sum()
    }

    /// Is the instant inside working time? Period ends count as inside (a due time may be 18:00).
    pub fn is_working_time(&self, utc_ms: i64) -> bool {
        if !(CHRONO_MIN_MS..=CHRONO_MAX_MS).contains(&utc_ms) {
            return false;
        }
        let t = self.local_ms(utc_ms);
        let day = t.div_euclid(DAY);
        let tod = t - day * DAY;
        self.works(day) && self.spans().any(|(s, e)| s <= tod && tod <= e)
    }

    /// Working time between two instants (0 if `b <= a`): the two partial days plus whole
    /// working days counted arithmetically. Instants beyond chrono's range are clamped.
    pub fn working_between(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let (a, b) = (self.local_ms(a), self.local_ms(b));
        let (da, db) = (a.div_euclid(DAY), b.div_euclid(DAY));
        if da == db {
            return self.working_in_day(da, a, b);
        }
        let whole = self.count_working(da + 1, db - 1).saturating_mul(self.day_length_ms());
        self.working_in_day(da, a, b).saturating_add(whole).saturating_add(self.working_in_day(db, a, b))
    }

    /// The instant when `ms` of working time have elapsed after `start`. For `ms > 0` it lies
    /// inside working time. `None` if the calendar has no working time after `start`, or the
    /// result lies beyond chrono's range.
    pub fn add_working(&self, start: i64, ms: i64) -> Option<i64> {
        if ms <= 0 {
            return Some(start);
        }
        if !(CHRONO_MIN_MS..=CHRONO_MAX_MS).contains(&start) {
            return None;
        }
        let off = self.offset_ms();
        let t = start + off;
        let first = t.div_euclid(DAY);
        let mut remaining = ms;
        if self.works(first) {
            for (s, e) in self.spans() {
                let from = s.max(t - first * DAY);
                if from >= e {
                    continue;
                }
                if remaining <= e - from {
                    return Some(first * DAY + from + remaining - off);
                }
                remaining -= e - from;
            }
        }
        // Whole working days pass before the day the time runs out on.
        let len = self.day_length_ms();
        if len <= 0 {
            return None;
        }
        let whole = (remaining - 1) / len;
        let day = self.nth_working(first + 1, whole + 1)?;
        let mut rest = remaining - whole * len;
        let base = day.checked_mul(DAY)?;
        for (s, e) in self.spans() {
            if rest <= e - s {
                return base.checked_add(s + rest)?.checked_sub(off);
            }
            rest -= e - s;
        }
        None
    }

    /// Counted time between two instants under a span's counting rule.
    pub fn measure(&self, span: Span, a: i64, b: i64) -> i64 {
        if span.is_working() {
            self.working_between(a, b)
        } else {
            b.saturating_sub(a).max(0)
        }
    }

    /// Advances `start` by `ms` of counted time (`None` beyond the representable range).
    pub fn advance(&self, span: Span, start: i64, ms: i64) -> Option<i64> {
        if span.is_working() {
            self.add_working(start, ms)
        } else {
            start.checked_add(ms.max(0))
        }
    }

    /// The counted length of `span` when it starts at `start` (months depend on the start).
    pub fn span_ms(&self, span: Span, start: i64) -> Option<i64> {
        match span {
            Span::CalendarMonths(n) => {
                let local = self.checked_local(start)?;
                let end = local.checked_add_months(Months::new(n))?;
                self.utc(end).checked_sub(start)
            }
            other => other.millis(self),
        }
    }

    /// The due time of `span` started at `start`, with `pauses` (start, end or `None` if still
    /// paused) not counting. `None` while paused past the point where time would run out.
    pub fn due(&self, span: Span, start: i64, pauses: &[(i64, Option<i64>)]) -> Option<i64> {
        let mut remaining = self.span_ms(span, start)?;
        let mut cur = start;
        for &(ps, pe) in pauses {
            if pe.is_some_and(|pe| pe <= cur) {
                continue;
            }
            let ps = ps.max(cur);
            let available = self.measure(span, cur, ps);
            if available >= remaining {
                return self.advance(span, cur, remaining);
            }
            remaining -= available;
            cur = pe?;
        }
        self.advance(span, cur, remaining)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(m: u32, d: u32, h: u32, min: u32) -> i64 {
        BusinessCalendar::default().utc(date(2023, m, d).and_hms_opt(h, min, 0).unwrap())
    }
    const H: i64 = 3_600_000;

    #[test]
    fn working_days_skip_holidays_and_use_make_up_days() {
        let c = BusinessCalendar::china_2023();
        assert!(!c.is_working_day(date(2023, 10, 2)), "National Day holiday");
        assert!(c.is_working_day(date(2023, 10, 7)), "make-up Saturday");
        assert!(!c.is_working_day(date(2023, 10, 14)), "ordinary Saturday");
        // Received on the 1 October holiday: 3 working days run 7, 8 and 9 October.
        let due = c.due(Span::WorkingDays(3), t(10, 1, 9, 30), &[]).unwrap();
        assert_eq!(due, t(10, 9, 18, 0));
        assert_eq!(c.local(due).to_string(), "2023-10-09 18:00:00");
        assert_eq!(c.working_between(t(10, 1, 9, 30), due), 24 * H);
    }

    #[test]
    fn working_hours_cross_lunch_and_nights() {
        let c = BusinessCalendar::default();
        assert_eq!(c.add_working(t(10, 9, 11, 30), H), Some(t(10, 9, 13, 30)));
        assert_eq!(c.add_working(t(10, 9, 17, 30), H), Some(t(10, 10, 9, 30)));
        assert_eq!(c.add_working(t(10, 13, 17, 0), 2 * H), Some(t(10, 16, 10, 0)), "Friday evening → Monday");
        assert_eq!(c.add_working(t(10, 9, 20, 0), 0), Some(t(10, 9, 20, 0)));
        assert!(c.is_working_time(t(10, 9, 18, 0)));
        assert!(!c.is_working_time(t(10, 9, 12, 30)));
    }

    #[test]
    fn calendar_spans_and_pauses() {
        let c = BusinessCalendar::default();
        let start = t(10, 9, 10, 0);
        assert_eq!(c.due(Span::CalendarHours(24), start, &[]), Some(t(10, 10, 10, 0)));
        assert_eq!(c.due(Span::CalendarMonths(3), start, &[]), Some(c.utc(date(2024, 1, 9).and_hms_opt(10, 0, 0).unwrap())));
        // Paused 11:00–15:00 on a 4-working-hour clock: 3 working hours paused (lunch excluded).
        let pause = [(t(10, 9, 11, 0), Some(t(10, 9, 15, 0)))];
        assert_eq!(c.due(Span::WorkingHours(4), start, &[]), Some(t(10, 9, 15, 0)));
        assert_eq!(c.due(Span::WorkingHours(4), start, &pause), Some(t(10, 9, 18, 0)));
        assert_eq!(c.due(Span::WorkingHours(4), start, &[(t(10, 9, 11, 0), None)]), None, "still paused");
        assert_eq!(c.due(Span::CalendarHours(4), start, &pause), Some(t(10, 9, 18, 0)));
    }

    #[test]
    fn validation() {
        let mut c = BusinessCalendar::default();
        assert_eq!(c.validate(), Ok(()));
        c.periods.push(Period { start_min: 17 * 60, end_min: 19 * 60 });
        assert_eq!(c.validate(), Err(CalendarError::BadPeriods));
        let c = BusinessCalendar { weekdays: [false; 7], ..BusinessCalendar::default() };
        assert_eq!(c.validate().unwrap_err().code(), "calendar_no_working_day");
        let mut c = BusinessCalendar::default();
        c.holidays.insert(NaiveDate::MAX);
        assert_eq!(c.validate(), Err(CalendarError::DateOutOfRange));
    }
}

//! The business calendar: working periods on working weekdays, public holidays, make-up
//! working days (调休: a weekend day that is a working day) and a fixed UTC offset.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::Span;

const DAY: i64 = 86_400_000;
/// How far ahead due times are searched (a calendar with no working day in 20 years is invalid).
const HORIZON_DAYS: i64 = 366 * 20;

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
}

impl CalendarError {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            CalendarError::BadPeriods => "calendar_bad_periods",
            CalendarError::NoWorkingDay => "calendar_no_working_day",
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid preset date")
}

fn range(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

impl BusinessCalendar {
    /// The default calendar with mainland China's 2023 public holidays and make-up working
    /// days (State Council notice for 2023), as an example of a filled-in year.
    pub fn china_2023() -> Self {
        let mut c = BusinessCalendar::default();
        let holidays = [
            (date(2023, 1, 2), date(2023, 1, 2)),
            (date(2023, 1, 21), date(2023, 1, 27)),
            (date(2023, 4, 5), date(2023, 4, 5)),
            (date(2023, 4, 29), date(2023, 5, 3)),
            (date(2023, 6, 22), date(2023, 6, 24)),
            (date(2023, 9, 29), date(2023, 10, 6)),
        ];
        c.holidays = holidays.into_iter().flat_map(|(a, b)| range(a, b)).collect();
        c.makeup_workdays = [date(2023, 1, 28), date(2023, 1, 29), date(2023, 4, 23), date(2023, 5, 6), date(2023, 6, 25), date(2023, 10, 7), date(2023, 10, 8)]
            .into_iter()
            .collect();
        c
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
        Ok(())
    }

    fn offset_ms(&self) -> i64 {
        self.utc_offset_minutes as i64 * 60_000
    }

    /// Business wall-clock time of a UTC instant.
    pub fn local(&self, utc_ms: i64) -> NaiveDateTime {
        DateTime::from_timestamp_millis(utc_ms + self.offset_ms()).unwrap_or_default().naive_utc()
    }

    /// The UTC instant of a business wall-clock time.
    pub fn utc(&self, local: NaiveDateTime) -> i64 {
        local.and_utc().timestamp_millis() - self.offset_ms()
    }

    fn day_date(day: i64) -> NaiveDate {
        DateTime::from_timestamp_millis(day * DAY).unwrap_or_default().date_naive()
    }

    /// Is this (business) date a working day?
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.makeup_workdays.contains(&d) {
            return true;
        }
        !self.holidays.contains(&d) && self.weekdays[d.weekday().num_days_from_monday() as usize]
    }

    /// Working time of one standard working day (ms).
    pub fn day_length_ms(&self) -> i64 {
        self.periods.iter().map(|p| (p.end_min - p.start_min) as i64 * 60_000).sum()
    }

    /// Working periods of local day number `day`, as local ms ranges.
    fn periods_of(&self, day: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let working = self.is_working_day(Self::day_date(day));
        self.periods
            .iter()
            .filter(move |_| working)
            .map(move |p| (day * DAY + p.start_min as i64 * 60_000, day * DAY + p.end_min as i64 * 60_000))
    }

    /// Is the instant inside working time? Period ends count as inside (a due time may be 18:00).
    pub fn is_working_time(&self, utc_ms: i64) -> bool {
        let t = utc_ms + self.offset_ms();
        self.periods_of(t.div_euclid(DAY)).any(|(s, e)| s <= t && t <= e)
    }

    /// Working time between two instants (0 if `b <= a`).
    pub fn working_between(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let (a, b) = (a + self.offset_ms(), b + self.offset_ms());
        (a.div_euclid(DAY)..=b.div_euclid(DAY))
            .flat_map(|day| self.periods_of(day))
            .map(|(s, e)| (e.min(b) - s.max(a)).max(0))
            .sum()
    }

    /// The instant when `ms` of working time have elapsed after `start`. For `ms > 0` it lies
    /// inside working time. `None` if the calendar has no working time within 20 years.
    pub fn add_working(&self, start: i64, ms: i64) -> Option<i64> {
        if ms <= 0 {
            return Some(start);
        }
        let t = start + self.offset_ms();
        let mut remaining = ms;
        let first = t.div_euclid(DAY);
        for day in first..first + HORIZON_DAYS {
            for (s, e) in self.periods_of(day) {
                if t >= e {
                    continue;
                }
                let from = s.max(t);
                if remaining <= e - from {
                    return Some(from + remaining - self.offset_ms());
                }
                remaining -= e - from;
            }
        }
        None
    }

    /// Counted time between two instants under a span's counting rule.
    pub fn measure(&self, span: Span, a: i64, b: i64) -> i64 {
        if span.is_working() {
            self.working_between(a, b)
        } else {
            (b - a).max(0)
        }
    }

    /// Advances `start` by `ms` of counted time.
    pub fn advance(&self, span: Span, start: i64, ms: i64) -> Option<i64> {
        if span.is_working() {
            self.add_working(start, ms)
        } else {
            Some(start + ms.max(0))
        }
    }

    /// The counted length of `span` when it starts at `start` (months depend on the start).
    pub fn span_ms(&self, span: Span, start: i64) -> Option<i64> {
        match span {
            Span::CalendarMonths(n) => {
                let local = self.local(start);
                let end = local.checked_add_months(Months::new(n))?;
                Some(self.utc(end) - start)
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
    }
}

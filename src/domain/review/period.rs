//! The period a review covers: whole business days in the business time zone (the calendar's
//! UTC offset), and the buckets of its trend (days, or weeks for ranges longer than two months).

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::sla::BusinessCalendar;

/// How the period was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PeriodKind {
    Week,
    Month,
    Custom,
}

/// Business days `first ..= last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Ranges up to this many days trend per day, longer ones per week.
const DAILY_UP_TO: i64 = 62;

/// Longest custom range accepted (about ten years): keeps the trend's buckets bounded.
pub const MAX_DAYS: i64 = 3700;

/// One point of the trend: the business days it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// The week (Monday to Sunday) holding `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let first = day - Duration::days(day.weekday().num_days_from_monday() as i64);
        Period { kind: PeriodKind::Week, first, last: first + Duration::days(6) }
    }

    /// The calendar month holding `day`.
    pub fn month_of(day: NaiveDate) -> Period {
        let first = day.with_day(1).unwrap_or(day);
        let last = first.checked_add_months(Months::new(1)).map_or(first, |n| n - Duration::days(1));
        Period { kind: PeriodKind::Month, first, last }
    }

    /// A custom range; `None` when `last` is before `first` or the range is longer than
    /// [`MAX_DAYS`].
    pub fn custom(first: NaiveDate, last: NaiveDate) -> Option<Period> {
        let days = (last - first).num_days();
        (0..MAX_DAYS).contains(&days).then_some(Period { kind: PeriodKind::Custom, first, last })
    }

    /// The same kind of period before (`-1`) or after (`1`) this one; a custom range moves by
    /// its own length.
    pub fn step(&self, dir: i32) -> Period {
        let d = i64::from(dir.signum());
        match self.kind {
            PeriodKind::Week => Period::week_of(self.first + Duration::days(7 * d)),
            PeriodKind::Month => {
                let m = if d < 0 { self.first.checked_sub_months(Months::new(1)) } else { self.first.checked_add_months(Months::new(1)) };
                Period::month_of(m.unwrap_or(self.first))
            }
            PeriodKind::Custom => {
                let len = self.days();
                Period { first: self.first + Duration::days(len * d), last: self.last + Duration::days(len * d), ..*self }
            }
        }
    }

    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// The UTC instants `[start, end)` of the period on the calendar.
    pub fn utc_range(&self, cal: &BusinessCalendar) -> (i64, i64) {
        let start = cal.utc(self.first.and_time(chrono::NaiveTime::MIN));
        let end = cal.utc((self.last + Duration::days(1)).and_time(chrono::NaiveTime::MIN));
        (start, end)
    }

    /// The trend's buckets: each day, or each week (Monday to Sunday, clipped to the period).
    pub fn buckets(&self) -> Vec<Bucket> {
        if self.days() <= DAILY_UP_TO {
            return (0..self.days()).map(|i| self.first + Duration::days(i)).map(|d| Bucket { first: d, last: d }).collect();
        }
        let mut out = Vec::new();
        let mut first = self.first;
        while first <= self.last {
            let sunday = first + Duration::days(6 - first.weekday().num_days_from_monday() as i64);
            let last = sunday.min(self.last);
            out.push(Bucket { first, last });
            first = last + Duration::days(1);
        }
        out
    }

    /// The index of the bucket holding business day `day` (`None` outside the period).
    pub fn bucket_of(&self, day: NaiveDate) -> Option<usize> {
        if day < self.first || day > self.last {
            return None;
        }
        let offset = (day - self.first).num_days();
        if self.days() <= DAILY_UP_TO {
            return Some(offset as usize);
        }
        // Weeks: the first bucket runs to the first Sunday.
        let first_len = 7 - self.first.weekday().num_days_from_monday() as i64;
        Some(if offset < first_len { 0 } else { 1 + ((offset - first_len) / 7) as usize })
    }
}

//! Day-number arithmetic for the business calendar: days are numbered from 1970-01-01 (day 0)
//! on the business wall clock, so weekdays and whole weeks are plain integer arithmetic, and
//! only holidays and make-up days (BTreeSet range queries) need looking up. This keeps the
//! cost of a deadline independent of how far away it is.

use chrono::{Datelike, NaiveDate};

use super::calendar::BusinessCalendar;

pub(crate) const DAY: i64 = 86_400_000;
/// 1970-01-01 was a Thursday (Monday = 0).
const EPOCH_WEEKDAY: i64 = 3;
/// `num_days_from_ce` of 1970-01-01.
const EPOCH_CE: i64 = 719_163;

/// Monday-first weekday index (0..7) of a day number.
pub(crate) fn weekday(day: i64) -> usize {
    (day + EPOCH_WEEKDAY).rem_euclid(7) as usize
}

/// The date of a day number (`None` beyond chrono's range).
pub(crate) fn date_of(day: i64) -> Option<NaiveDate> {
    i32::try_from(day.checked_add(EPOCH_CE)?).ok().and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The day number of a date.
pub(crate) fn day_of(date: NaiveDate) -> i64 {
    date.num_days_from_ce() as i64 - EPOCH_CE
}

/// The dates of days `lo..=hi`, clamped to chrono's range (`None` if nothing is left).
fn dates(lo: i64, hi: i64) -> Option<(NaiveDate, NaiveDate)> {
    let lo = lo.max(day_of(NaiveDate::MIN));
    let hi = hi.min(day_of(NaiveDate::MAX));
    if lo > hi {
        return None;
    }
    Some((date_of(lo)?, date_of(hi)?))
}

impl BusinessCalendar {
    fn weekday_works(&self, day: i64) -> bool {
        self.weekdays[weekday(day)]
    }

    fn works_on_date(&self, d: NaiveDate) -> bool {
        self.makeup_workdays.contains(&d) || (!self.holidays.contains(&d) && self.weekdays[d.weekday().num_days_from_monday() as usize])
    }

    /// Is day number `day` a working day? Days beyond chrono's range follow the weekdays.
    pub(crate) fn works(&self, day: i64) -> bool {
        match date_of(day) {
            Some(d) => self.works_on_date(d),
            None => self.weekday_works(day),
        }
    }

    fn working_weekdays(&self) -> i64 {
        self.weekdays.iter().filter(|w| **w).count() as i64
    }

    /// Days in `lo..=hi` whose weekday is a working weekday (holidays ignored): whole weeks
    /// times the working weekdays, plus the leftover days.
    fn count_weekdays(&self, lo: i64, hi: i64) -> i64 {
        if hi < lo {
            return 0;
        }
        let n = hi - lo + 1;
        let rest = (0..n % 7).filter(|i| self.weekday_works(lo + i)).count() as i64;
        (n / 7) * self.working_weekdays() + rest
    }

    /// Working days in `lo..=hi`: the weekday count corrected by the holidays and make-up
    /// days in range.
    pub(crate) fn count_working(&self, lo: i64, hi: i64) -> i64 {
        let mut n = self.count_weekdays(lo, hi);
        if let Some((a, b)) = dates(lo, hi) {
            let on_weekday = |d: &NaiveDate| self.weekdays[d.weekday().num_days_from_monday() as usize];
            n -= self.holidays.range(a..=b).filter(|d| on_weekday(d) && !self.makeup_workdays.contains(d)).count() as i64;
            n += self.makeup_workdays.range(a..=b).filter(|d| !on_weekday(d)).count() as i64;
        }
        n
    }

    /// The `n`-th (n ≥ 1) working weekday from day `from` on, holidays ignored.
    fn nth_weekday(&self, from: i64, n: i64) -> Option<i64> {
        let per_week = self.working_weekdays();
        if per_week == 0 || n < 1 {
            return None;
        }
        let weeks = (n - 1) / per_week;
        let mut left = n - weeks * per_week;
        let start = from.checked_add(weeks.checked_mul(7)?)?;
        for day in start..start.checked_add(7)? {
            if self.weekday_works(day) {
                left -= 1;
                if left == 0 {
                    return Some(day);
                }
            }
        }
        None
    }

    /// Holidays and make-up days from `from` on, in date order, each once.
    fn special_days(&self, from: i64) -> impl Iterator<Item = NaiveDate> + '_ {
        // Beyond chrono's range the start is NaiveDate::MAX; callers skip days before `from`.
        let start = date_of(from.max(day_of(NaiveDate::MIN))).unwrap_or(NaiveDate::MAX);
        let mut h = self.holidays.range(start..).peekable();
        let mut m = self.makeup_workdays.range(start..).peekable();
        std::iter::from_fn(move || match (h.peek(), m.peek()) {
            (Some(a), Some(b)) if a < b => h.next(),
            (Some(a), Some(b)) if b < a => m.next(),
            (Some(_), Some(_)) => {
                m.next();
                h.next()
            }
            (Some(_), None) => h.next(),
            (None, _) => m.next(),
        })
        .copied()
    }

    /// The `n`-th (n ≥ 1) working day from day `from` on: plain stretches between special days
    /// are skipped arithmetically, so the cost is O(log n + special days passed).
    pub(crate) fn nth_working(&self, from: i64, n: i64) -> Option<i64> {
        let mut cur = from;
        let mut need = n;
        for d in self.special_days(from) {
            let day = day_of(d);
            if day < cur {
                continue;
            }
            let plain = self.count_weekdays(cur, day - 1);
            if plain >= need {
                return self.nth_weekday(cur, need);
            }
            need -= plain;
            if self.works_on_date(d) {
                need -= 1;
                if need == 0 {
                    return Some(day);
                }
            }
            cur = day + 1;
        }
        self.nth_weekday(cur, need)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_and_weekdays() {
        let d = NaiveDate::from_ymd_opt(2023, 10, 9).unwrap();
        assert_eq!(date_of(day_of(d)), Some(d));
        assert_eq!(weekday(day_of(d)), 0, "a Monday");
        assert_eq!(weekday(-1), 2, "1969-12-31 was a Wednesday");
        assert_eq!(date_of(i64::MAX), None);
        assert_eq!(date_of(day_of(NaiveDate::MAX) + 1), None);
    }

    #[test]
    fn counting_and_finding_working_days() {
        let c = BusinessCalendar::china_2023();
        let day = |m, d| day_of(NaiveDate::from_ymd_opt(2023, m, d).unwrap());
        // 29 Sep – 8 Oct: all holidays except the make-up weekend of 7 and 8 October.
        assert_eq!(c.count_working(day(9, 29), day(10, 8)), 2);
        assert_eq!(c.nth_working(day(10, 1), 3), Some(day(10, 9)));
        assert_eq!(c.nth_working(day(10, 1), 1), Some(day(10, 7)));
        let none = BusinessCalendar { weekdays: [false; 7], ..BusinessCalendar::china_2023() };
        assert_eq!(none.nth_working(day(10, 1), 2), Some(day(10, 8)), "only make-up days work");
        assert_eq!(none.nth_working(day(10, 1), 3), None);
    }
}

//! Holidays and make-up working days to add to a business calendar, from an iCalendar file
//! (`ics.rs`) or an official list (`official_cn.rs`): shown per year before they are applied,
//! and applied to the calendar only when a person says so.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

use super::calendar::BusinessCalendar;

/// Days read from a holiday file or list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HolidayDays {
    pub holidays: BTreeSet<NaiveDate>,
    /// Working days whatever their weekday (调休 上班).
    pub makeup_workdays: BTreeSet<NaiveDate>,
}

/// One year of a preview: the days that would be added (not yet in the calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearPreview {
    pub year: i32,
    pub holidays: Vec<NaiveDate>,
    pub makeup_workdays: Vec<NaiveDate>,
}

impl HolidayDays {
    pub fn is_empty(&self) -> bool {
        self.holidays.is_empty() && self.makeup_workdays.is_empty()
    }

    /// The days that are not in `cal` yet as what they would become, per year, oldest first.
    /// A day the file calls a make-up day that `cal` holds as a holiday (or the other way
    /// round) counts as added: applying changes it.
    pub fn preview(&self, cal: &BusinessCalendar) -> Vec<YearPreview> {
        let years: BTreeSet<i32> = crate::domain::sort::set_of(self.holidays.iter().chain(&self.makeup_workdays).map(|d| d.year()));
        years
            .into_iter()
            .map(|year| YearPreview {
                year,
                holidays: self.holidays.iter().filter(|d| d.year() == year && !cal.holidays.contains(d)).copied().collect(),
                makeup_workdays: self.makeup_workdays.iter().filter(|d| d.year() == year && !cal.makeup_workdays.contains(d)).copied().collect(),
            })
            .filter(|y| !y.holidays.is_empty() || !y.makeup_workdays.is_empty())
            .collect()
    }

    /// `cal` with these days added; a day keeps the kind these days give it.
    pub fn apply(&self, cal: &BusinessCalendar) -> BusinessCalendar {
        let mut out = cal.clone();
        out.holidays.retain(|d| !self.makeup_workdays.contains(d));
        out.makeup_workdays.retain(|d| !self.holidays.contains(d));
        out.holidays.extend(&self.holidays);
        out.makeup_workdays.extend(&self.makeup_workdays);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn preview_shows_only_what_is_new_and_apply_adds_it() {
        let mut cal = BusinessCalendar::default();
        cal.holidays.insert(d(1, 1));
        cal.holidays.insert(d(1, 4));
        let days = HolidayDays { holidays: [d(1, 1), d(1, 2), d(1, 3)].into(), makeup_workdays: [d(1, 4)].into() };
        let p = days.preview(&cal);
        assert_eq!(p, vec![YearPreview { year: 2026, holidays: vec![d(1, 2), d(1, 3)], makeup_workdays: vec![d(1, 4)] }]);
        let applied = days.apply(&cal);
        assert_eq!(applied.holidays, [d(1, 1), d(1, 2), d(1, 3)].into());
        assert_eq!(applied.makeup_workdays, [d(1, 4)].into(), "the 4th is a make-up day now, no longer a holiday");
        assert!(days.preview(&applied).is_empty(), "nothing new the second time");
        assert_eq!(days.apply(&applied), applied);
    }
}

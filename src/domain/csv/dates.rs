//! Dates and times as spreadsheets write them, in a format the person chooses (or accepts
//! from [`detect`]). A date without a time is taken as midnight. Times are wall-clock times in
//! the business time zone, like everything the registration form takes.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::keyed::Keyed;

/// A date format of a source column, in the order detection prefers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DateFormat {
    /// `2023-08-25`, `2023-08-25 14:30`, `2023-08-25T14:30:00`.
    Iso,
    /// `2023/8/25`, `2023/08/25 14:30`, `2023.8.25`.
    YearFirstSlash,
    /// `2023年8月25日`, `2023年8月25日 14:30`.
    Chinese,
    /// `08/25/2023`, `8/25/2023 2:30`, US style.
    MonthDayYear,
    /// `25/08/2023`, `25.08.2023 14:30`, European style.
    DayMonthYear,
    /// Excel's serial day number, e.g. `45163` or `45163.6041`.
    ExcelSerial,
}

impl DateFormat {
    /// Reads `value` (trimmed); `None` when it is not a date in this format.
    pub fn parse(self, value: &str) -> Option<NaiveDateTime> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if self == DateFormat::ExcelSerial {
            return excel_serial(value);
        }
        let (date, time) = split(value, self);
        let nums: Vec<&str> = date.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
        let [a, b, c] = nums.as_slice() else { return None };
        let separators_ok = match self {
            DateFormat::Iso => date.split('-').count() == 3,
            DateFormat::YearFirstSlash => date.split('/').count() == 3 || date.split('.').count() == 3,
            DateFormat::Chinese => date.contains('年') && date.contains('月'),
            DateFormat::MonthDayYear => date.split('/').count() == 3,
            DateFormat::DayMonthYear => date.split('/').count() == 3 || date.split('.').count() == 3,
            DateFormat::ExcelSerial => false,
        };
        if !separators_ok {
            return None;
        }
        let (y, m, d) = match self {
            DateFormat::MonthDayYear => (c, a, b),
            DateFormat::DayMonthYear => (c, b, a),
            _ => (a, b, c),
        };
        if y.len() != 4 || m.len() > 2 || d.len() > 2 {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        let time = match time {
            None => NaiveTime::MIN,
            Some(t) => parse_time(t)?,
        };
        Some(date.and_time(time))
    }
}

/// The date part and the time part (if any).
fn split(value: &str, format: DateFormat) -> (&str, Option<&str>) {
    if format == DateFormat::Chinese {
        if let Some(i) = value.find('日') {
            let rest = value[i + '日'.len_utf8()..].trim();
            return (&value[..i], (!rest.is_empty()).then_some(rest));
        }
    }
    match value.find([' ', 'T']) {
        Some(i) => (&value[..i], Some(value[i + 1..].trim())),
        None => (value, None),
    }
}

/// `14:30`, `14:30:05`, `14:30:05.123`, `14时30分`, `2:30 PM`.
fn parse_time(t: &str) -> Option<NaiveTime> {
    let upper = t.trim().to_uppercase();
    let (t, pm) = match upper.strip_suffix("PM").or_else(|| upper.strip_suffix("下午")) {
        Some(rest) => (rest.trim().to_string(), Some(true)),
        None => match upper.strip_suffix("AM").or_else(|| upper.strip_suffix("上午")) {
            Some(rest) => (rest.trim().to_string(), Some(false)),
            None => (upper.clone(), None),
        },
    };
    let nums: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let (h, m, s) = match nums.as_slice() {
        [h, m] => (h, m, &"0"),
        [h, m, s] | [h, m, s, _] => (h, m, s),
        _ => return None,
    };
    if h.len() > 2 || m.len() != 2 || s.len() > 2 {
        return None;
    }
    let mut h: u32 = h.parse().ok()?;
    match pm {
        Some(true) if (1..12).contains(&h) => h += 12,
        Some(false) if h == 12 => h = 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => {}
    }
    NaiveTime::from_hms_opt(h, m.parse().ok()?, s.parse().ok()?)
}

/// Excel's day number (1900 date system: day 1 is 1900-01-01, with its leap-day bug).
fn excel_serial(value: &str) -> Option<NaiveDateTime> {
    let n: f64 = value.parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&n) || !value.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    let minutes = (n * 24.0 * 60.0).round() as i64;
    epoch.checked_add_signed(Duration::minutes(minutes))
}

/// The formats every non-empty value of `values` reads in, in order of preference (so the
/// first is the one to propose; more than one means the person may have to choose, e.g.
/// `03/04/2023`).
pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<DateFormat> {
    let values: Vec<&str> = values.into_iter().map(str::trim).filter(|v| !v.is_empty()).take(200).collect();
    if values.is_empty() {
        return Vec::new();
    }
    DateFormat::all().into_iter().filter(|f| values.iter().all(|v| f.parse(v).is_some())).collect()
}

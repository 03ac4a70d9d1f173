//! The arithmetic business calendar gives exactly the results of the day-by-day reference on
//! random calendars, and its cost does not grow with the distance to the due time.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::calendar_reference::Naive;
use crate::domain::sla::calendar::Period;
use crate::domain::sla::{BusinessCalendar, Span};
use crate::domain::time_range::{MAX_ACCEPTED_MS, MIN_ACCEPTED_MS};

const DAY: i64 = 86_400_000;
/// 2023-01-01T00:00Z.
const T2023: i64 = 1_672_531_200_000;
/// The reference gives up after 20 years, as the old implementation did.
const HORIZON: i64 = 366 * 20;

fn date(offset_days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::TimeDelta::days(offset_days)
}

/// Valid calendars: random working weekdays, 1–3 sorted periods, holidays and make-up days
/// around 2023 (some on the same date), any offset up to ±14 h.
fn calendars() -> impl Strategy<Value = BusinessCalendar> {
    let periods = prop::collection::btree_set(0u16..=1440, 2..=6).prop_map(|cuts| {
        let cuts: Vec<u16> = cuts.into_iter().collect();
        cuts.chunks_exact(2).map(|p| Period { start_min: p[0], end_min: p[1] }).collect::<Vec<_>>()
    });
    let days = || prop::collection::btree_set(-30i64..800, 0..60).prop_map(|s| s.into_iter().map(date).collect::<BTreeSet<_>>());
    (any::<[bool; 7]>(), periods, days(), days(), -840i32..=840).prop_map(|(weekdays, periods, holidays, makeup_workdays, utc_offset_minutes)| {
        BusinessCalendar { utc_offset_minutes, periods, weekdays, holidays, makeup_workdays }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn arithmetic_equals_day_by_day(cal in calendars(), start in -5 * DAY..800 * DAY, len in 0i64..60 * DAY, work in 1i64..(40 * 24 * 3_600_000)) {
        let naive = Naive(&cal);
        let (a, b) = (T2023 + start, T2023 + start + len);
        prop_assert_eq!(cal.working_between(a, b), naive.working_between(a, b));
        prop_assert_eq!(cal.working_between(b, a), 0);
        prop_assert_eq!(cal.is_working_time(a), naive.is_working_time(a));
        let fast = cal.add_working(a, work);
        let slow = naive.add_working(a, work, HORIZON);
        // The reference stops at its horizon; the arithmetic has none.
        if slow.is_some() || fast.is_none() {
            prop_assert_eq!(fast, slow);
        } else {
            prop_assert!(fast.unwrap() - a > (HORIZON - 2) * DAY, "only beyond the reference's horizon");
        }
    }

    #[test]
    fn due_times_equal_the_reference(cal in calendars(), start in 0i64..700 * DAY, n in 1u32..2000, kind in 0u8..7, pauses in prop::collection::vec((0i64..30 * DAY, prop::option::weighted(0.8, 1i64..10 * DAY)), 0..3)) {
        let span = [Span::WorkingMinutes(n), Span::WorkingHours(n % 50 + 1), Span::WorkingDays(n % 20 + 1), Span::CalendarMinutes(n), Span::CalendarHours(n), Span::CalendarDays(n % 40), Span::CalendarMonths(n % 13)][kind as usize];
        let start = T2023 + start;
        let mut p: Vec<(i64, Option<i64>)> = pauses.iter().map(|&(at, len)| (start + at, len.map(|l| start + at + l))).collect();
        p.sort();
        let fast = cal.due(span, start, &p);
        let slow = Naive(&cal).due(span, start, &p, HORIZON);
        if slow.is_some() || fast.is_none() {
            prop_assert_eq!(fast, slow);
        }
    }
}

fn quickly<T>(f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    // Generous for a debug build on a busy machine; the day-by-day walk took seconds or forever.
    assert!(t.elapsed() < Duration::from_millis(500), "took {:?}", t.elapsed());
    out
}

#[test]
fn a_due_time_a_century_away_is_computed_and_matches_the_reference() {
    let cal = BusinessCalendar::china_2023();
    let start = T2023 + 40 * DAY;
    let due = quickly(|| cal.due(Span::WorkingDays(100 * 250), start, &[])).expect("a working day exists");
    assert_eq!(Some(due), Naive(&cal).add_working(start, 100 * 250 * cal.day_length_ms(), 366 * 200));
    assert_eq!(cal.working_between(start, due), 100 * 250 * cal.day_length_ms());
    assert!(cal.local(due).date() > NaiveDate::from_ymd_opt(2118, 1, 1).unwrap());
}

#[test]
fn far_and_boundary_instants_cost_no_more_than_near_ones() {
    let cals = [BusinessCalendar::default(), BusinessCalendar::china_2023(), BusinessCalendar { weekdays: [false; 7], ..BusinessCalendar::china_2023() }];
    let spans = [Span::WorkingMinutes(u32::MAX), Span::WorkingHours(u32::MAX), Span::WorkingDays(u32::MAX), Span::CalendarDays(u32::MAX), Span::CalendarMonths(u32::MAX), Span::WorkingDays(3)];
    let starts = [MIN_ACCEPTED_MS, MAX_ACCEPTED_MS - 1, i64::MIN, i64::MAX, 0];
    quickly(|| {
        for cal in &cals {
            for &span in &spans {
                for &start in &starts {
                    let due = cal.due(span, start, &[(start.saturating_add(DAY), Some(start.saturating_add(2 * DAY)))]);
                    assert!(due.is_none_or(|d| d >= start));
                }
            }
            assert!(cal.working_between(MIN_ACCEPTED_MS, MAX_ACCEPTED_MS) >= 0);
            assert!(cal.working_between(i64::MIN, i64::MAX) >= 0);
        }
    });
    // Three working days from a Friday evening in 2199 end in 2200: computed, not refused.
    let cal = BusinessCalendar::default();
    let friday = cal.utc(NaiveDate::from_ymd_opt(2199, 12, 27).unwrap().and_hms_opt(20, 0, 0).unwrap());
    let due = cal.due(Span::WorkingDays(3), friday, &[]).unwrap();
    assert_eq!(cal.local(due).to_string(), "2200-01-01 18:00:00");
}

//! The holiday file reader against a realistic file (`e2e/data/holidays-cn-2026.ics`, also used
//! by the browser test) and against broken ones.

use super::*;
use crate::domain::sla::official_cn;

const CN_2026: &[u8] = include_bytes!("../../../../e2e/data/holidays-cn-2026.ics");

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// A calendar file around `body`, lines joined with LF.
fn cal(body: &str) -> Vec<u8> {
    format!("BEGIN:VCALENDAR\nVERSION:2.0\n{body}\nEND:VCALENDAR\n").into_bytes()
}

#[test]
fn a_holiday_feed_reads_with_its_make_up_days() {
    let days = read(CN_2026, 480).unwrap();
    let official = official_cn::year(2026).unwrap().days();
    // The file covers New Year, Spring Festival, Qingming and Labour Day of the notice.
    let upto_may: Vec<NaiveDate> = official.holidays.iter().copied().filter(|x| *x < d(6, 1)).collect();
    assert_eq!(days.holidays.iter().copied().collect::<Vec<_>>(), upto_may);
    let work_upto_may: Vec<NaiveDate> = official.makeup_workdays.iter().copied().filter(|x| *x < d(6, 1)).collect();
    assert_eq!(days.makeup_workdays.iter().copied().collect::<Vec<_>>(), work_upto_may, "补班, 上班 and a folded 'make-up working day'");
    assert!(!days.holidays.contains(&d(7, 1)), "a to-do component (in the file) is not an event");
}

#[test]
fn dates_times_and_folding() {
    // Date-only end is exclusive; no end is one day; a UTC time moves to business time.
    let f = cal("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261008\nSUMMARY:国庆\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20260919T170000Z\nSUMMARY:国庆节 上\n 班\nEND:VEVENT");
    let days = read(&f, 480).unwrap();
    assert_eq!(days.holidays.len(), 7);
    assert_eq!(days.makeup_workdays.iter().copied().collect::<Vec<_>>(), vec![d(9, 20)], "17:00Z is 01:00 next day at +8; the folded summary reads 上班");
    // A date-time event ending inside a day covers that day.
    let f = cal("BEGIN:VEVENT\nDTSTART:20260101T090000\nDTEND:20260102T120000\nSUMMARY:x\nEND:VEVENT");
    assert_eq!(read(&f, 480).unwrap().holidays, [d(1, 1), d(1, 2)].into());
    assert!(marks_working_day("Working Day (调休)") && marks_working_day("春节补班") && !marks_working_day("春节 放假调休"));
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    assert_eq!(read(b"hello", 480), Err(IcsError::NotACalendar));
    assert_eq!(read(b"", 480), Err(IcsError::NotACalendar));
    assert_eq!(read(&[0xff, 0xfe, 0x00], 480), Err(IcsError::NotACalendar));
    assert_eq!(read("Date,Name\n2026-01-01,元旦\n".as_bytes(), 480), Err(IcsError::NotACalendar), "a CSV file");
    assert_eq!(read(&cal("PRODID:x"), 480), Err(IcsError::NoEvents));
    assert_eq!(read(&cal("BEGIN:VEVENT\nSUMMARY:no dates\nEND:VEVENT"), 480), Err(IcsError::NoEvents));
    // Lines: 1 BEGIN:VCALENDAR, 2 VERSION, 3 BEGIN:VEVENT, 4 …
    assert_eq!(read(&cal("BEGIN:VEVENT\nthis is not a property\nEND:VEVENT"), 480), Err(IcsError::BadLine(4)));
    assert_eq!(read(&cal("BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-01-01\nEND:VEVENT"), 480), Err(IcsError::BadDate(4)));
    assert_eq!(read(&cal("BEGIN:VEVENT\nDTSTART:20260230\nEND:VEVENT"), 480), Err(IcsError::BadDate(4)), "30 February");
    assert_eq!(read(&cal("BEGIN:VEVENT\nDTSTART:99991231\nEND:VEVENT"), 480), Err(IcsError::BadDate(4)), "outside the accepted range");
    assert_eq!(read(&cal("BEGIN:VEVENT\nDTSTART:20260105\nDTEND:20260101\nEND:VEVENT"), 480), Err(IcsError::BadDate(5)), "ends before it starts");
    assert_eq!(read(&cal("BEGIN:VEVENT\nDTSTART:20260101\nDTEND:20280101\nEND:VEVENT"), 480), Err(IcsError::BadDate(5)), "longer than a year");
    assert_eq!(read(&cal("BEGIN:VEVENT\nDTSTART:20260101\nEND:VJOURNAL"), 480), Err(IcsError::BadLine(5)), "unbalanced");
    assert_eq!(read(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nEND:VEVENT\n", 480), Err(IcsError::BadLine(4)), "no end of calendar");
    let mut big = cal("");
    big.resize(MAX_BYTES + 1, b' ');
    assert_eq!(read(&big, 480), Err(IcsError::TooLarge));
    assert_eq!(IcsError::BadLine(7).line(), Some(7));
    assert_eq!(IcsError::NoEvents.code(), "ics_no_events");
}

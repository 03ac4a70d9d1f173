//! Reading an iCalendar (RFC 5545) holiday file: the subset holiday calendars use.
//!
//! What is read: the `VCALENDAR` and its `VEVENT`s (other components, such as `VTIMEZONE`,
//! `VALARM` or a to-do item, are skipped); folded lines (a line starting with a space or tab
//! continues the one before); `DTSTART` and `DTEND` as dates (`VALUE=DATE`, `20260101`, the
//! end day not included, as RFC 5545 says) or date-times (`20260101T000000`, floating or with
//! `TZID` taken as business time, `…Z` moved to business time by the calendar's UTC offset; the
//! event covers every day it touches, an end at midnight not counting the day it starts);
//! events without `DTEND` last one day; `SUMMARY`.
//!
//! A day is a **make-up working day** when its event's summary says so: it contains 补班,
//! 上班, "working day", "workday" or "make-up" (letters in any case); every other event's days
//! are holidays. Files of Chinese holiday feeds mark 调休 working days this way ("春节补班",
//! "国庆节 上班"); a file that does not mark them yields holidays only.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::holidays::HolidayDays;
use crate::domain::time_range::is_accepted_date;

/// The largest file read (a country's holidays for decades are a few kilobytes).
pub const MAX_BYTES: usize = 1 << 20;
/// The longest event accepted, in days.
const MAX_EVENT_DAYS: i64 = 366;

/// Why a holiday file was refused; nothing is added then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IcsError {
    #[error("the file is larger than 1 MB")]
    TooLarge,
    #[error("the file is not an iCalendar file")]
    NotACalendar,
    #[error("the calendar has no events with dates")]
    NoEvents,
    #[error("line {0} cannot be read")]
    BadLine(usize),
    #[error("line {0} has a date that cannot be used")]
    BadDate(usize),
}

impl IcsError {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            IcsError::TooLarge => "ics_too_large",
            IcsError::NotACalendar => "ics_not_calendar",
            IcsError::NoEvents => "ics_no_events",
            IcsError::BadLine(_) => "ics_bad_line",
            IcsError::BadDate(_) => "ics_bad_date",
        }
    }

    /// The 1-based line of the file it is about, if any.
    pub fn line(self) -> Option<usize> {
        match self {
            IcsError::BadLine(n) | IcsError::BadDate(n) => Some(n),
            _ => None,
        }
    }
}

/// A content line after unfolding: the line it starts on, its name (upper case), parameters
/// and value.
struct Content<'a> {
    line: usize,
    name: String,
    params: Vec<(String, &'a str)>,
    value: &'a str,
}

/// Unfolded lines with the number of the line each starts on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some(last)) => last.1.push_str(rest),
            _ => out.push((i + 1, raw.to_string())),
        }
    }
    out.retain(|(_, l)| !l.trim().is_empty());
    out
}

/// `NAME;P=V;Q="a:b":value` → its parts; `None` when it is not a content line.
fn content(line: usize, text: &str) -> Option<Content<'_>> {
    // The value starts at the first colon outside a quoted parameter value.
    let mut quoted = false;
    let colon = text.char_indices().find(|(_, c)| {
        if *c == '"' {
            quoted = !quoted;
        }
        *c == ':' && !quoted
    })?;
    let (head, value) = (&text[..colon.0], &text[colon.0 + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let params = parts
        .map(|p| p.split_once('=').map(|(k, v)| (k.trim().to_ascii_uppercase(), v.trim_matches('"'))))
        .collect::<Option<Vec<_>>>()?;
    Some(Content { line, name: name.to_ascii_uppercase(), params, value })
}

/// A `DTSTART`/`DTEND` value: a date, or a date-time moved to business time.
#[derive(Clone, Copy)]
enum When {
    Date(NaiveDate),
    Time(NaiveDateTime),
}

fn when(c: &Content, utc_offset_minutes: i32) -> Result<When, IcsError> {
    let v = c.value.trim();
    let is_date = c.params.iter().any(|(k, v)| k == "VALUE" && v.eq_ignore_ascii_case("DATE")) || v.len() == 8;
    let bad = IcsError::BadDate(c.line);
    let w = if is_date {
        When::Date(NaiveDate::parse_from_str(v, "%Y%m%d").map_err(|_| bad)?)
    } else {
        let (t, utc) = match v.strip_suffix(['Z', 'z']) {
            Some(t) => (t, true),
            None => (v, false),
        };
        let t = NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S").map_err(|_| bad)?;
        When::Time(if utc { t.checked_add_signed(Duration::minutes(utc_offset_minutes.into())).ok_or(bad)? } else { t })
    };
    let day = match w {
        When::Date(d) => d,
        When::Time(t) => t.date(),
    };
    if is_accepted_date(day) {
        Ok(w)
    } else {
        Err(bad)
    }
}

/// Whether an event's summary marks a make-up working day (see the module's text).
pub fn marks_working_day(summary: &str) -> bool {
    let s = summary.to_lowercase();
    ["补班", "上班", "working day", "workday", "make-up"].iter().any(|w| s.contains(w))
}

/// One event being read.
#[derive(Default)]
struct Event {
    start: Option<(usize, When)>,
    end: Option<(usize, When)>,
    summary: String,
}

impl Event {
    /// The days it covers, or why not.
    fn days(&self, begin_line: usize) -> Result<Option<Vec<NaiveDate>>, IcsError> {
        let Some((start_line, start)) = self.start else { return Ok(None) };
        let (first, last) = match (start, self.end.map(|e| e.1)) {
            (When::Date(a), None) => (a, a),
            (When::Date(a), Some(When::Date(b))) if b > a => (a, b.pred_opt().unwrap_or(b)),
            (When::Time(a), None) => (a.date(), a.date()),
            (When::Time(a), Some(When::Time(b))) if b > a => {
                // An end at midnight does not touch the day it starts.
                let last = if b.time() == chrono::NaiveTime::MIN { b.date().pred_opt().unwrap_or(b.date()) } else { b.date() };
                (a.date(), last.max(a.date()))
            }
            _ => return Err(IcsError::BadDate(self.end.map_or(start_line, |e| e.0).max(begin_line))),
        };
        if (last - first).num_days() >= MAX_EVENT_DAYS {
            return Err(IcsError::BadDate(self.end.map_or(start_line, |e| e.0)));
        }
        Ok(Some(first.iter_days().take_while(|d| *d <= last).collect()))
    }
}

/// Reads a holiday file; `utc_offset_minutes` is the business calendar's (for `…Z` times).
pub fn read(bytes: &[u8], utc_offset_minutes: i32) -> Result<HolidayDays, IcsError> {
    if bytes.len() > MAX_BYTES {
        return Err(IcsError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| IcsError::NotACalendar)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = unfold(text);
    match lines.first().and_then(|(n, l)| content(*n, l)) {
        Some(c) if c.name == "BEGIN" && c.value.trim().eq_ignore_ascii_case("VCALENDAR") => {}
        _ => return Err(IcsError::NotACalendar),
    }
    let mut out = HolidayDays::default();
    let mut stack: Vec<String> = Vec::new();
    let mut event: Option<(usize, Event)> = None;
    let mut events = 0usize;
    let mut ended = false;
    for (n, l) in &lines {
        if ended {
            // Anything after the calendar's end is not part of it.
            return Err(IcsError::BadLine(*n));
        }
        let c = content(*n, l).ok_or(IcsError::BadLine(*n))?;
        let value = c.value.trim().to_ascii_uppercase();
        match c.name.as_str() {
            "BEGIN" => {
                if value.is_empty() {
                    return Err(IcsError::BadLine(*n));
                }
                if value == "VEVENT" && stack.len() == 1 {
                    event = Some((*n, Event::default()));
                }
                stack.push(value);
            }
            "END" => {
                if stack.pop().as_deref() != Some(value.as_str()) {
                    return Err(IcsError::BadLine(*n));
                }
                if value == "VEVENT" && stack.len() == 1 {
                    let (begin, e) = event.take().ok_or(IcsError::BadLine(*n))?;
                    if let Some(days) = e.days(begin)? {
                        events += 1;
                        let set = if marks_working_day(&e.summary) { &mut out.makeup_workdays } else { &mut out.holidays };
                        set.extend(days);
                    }
                }
                ended = stack.is_empty();
            }
            // Properties of the event itself (not of an alarm inside it).
            name if stack.len() == 2 && stack[1] == "VEVENT" => {
                if let Some((_, e)) = event.as_mut() {
                    match name {
                        "DTSTART" => e.start = Some((*n, when(&c, utc_offset_minutes)?)),
                        "DTEND" => e.end = Some((*n, when(&c, utc_offset_minutes)?)),
                        "SUMMARY" => e.summary = unescape(c.value),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !ended {
        return Err(IcsError::BadLine(lines.last().map_or(1, |l| l.0)));
    }
    if events == 0 {
        return Err(IcsError::NoEvents);
    }
    // A day both ways in one file: the working day wins (it is the exception the notice makes).
    let working = out.makeup_workdays.clone();
    out.holidays.retain(|d| !working.contains(d));
    Ok(out)
}

/// RFC 5545 text escapes: `\n`, `\,`, `\;`, `\\`.
fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push(' '),
                Some(o) => out.push(o),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

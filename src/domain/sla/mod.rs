//! The SLA engine (SPEC §7): a business calendar, the clock table with presets, and clock
//! evaluation (due time, pause/resume, remaining time, warning, overdue, overdue history).
//!
//! All instants are UTC milliseconds since the Unix epoch; the calendar's fixed UTC offset
//! turns them into business wall-clock time.
//!
//! **What counts working time and what counts calendar time** (a deliberate, documented rule):
//! - targets stated in hours *shorter than a working day* (first contact 1 h, initial plan
//!   2 h / 4 h, routine progress update 2 h) are service-desk response targets: **working time**;
//! - targets of **24 hours** or more stated in hours (urgent resolution, registration, complex
//!   progress update) mean a wall-clock day: **calendar time**;
//! - targets in **working days** (resolution 3 / 5 working days, satisfaction follow-up 1–2
//!   working days) count working days on the calendar, one working day being the calendar's
//!   standard daily working time (so "3 working days" from 09:00 ends at 18:00 two working days later);
//! - targets in **days or months** (department feedback 5 days, re-survey after 3 months) are calendar time;
//! - an **urgent** complaint counts every working-time target in calendar time instead
//!   (safety and public-opinion risk do not wait for Monday), e.g. first contact within 15 minutes.

pub mod calendar;
pub mod clocks;
mod days;
pub mod holidays;
pub mod ics;
pub mod official_cn;
pub mod policy;

use serde::{Deserialize, Serialize};

pub use calendar::BusinessCalendar;
pub use clocks::{ClockInstance, ClockState, ClockView, DeptClock, Round, SlaFacts};
pub use policy::{ClockKind, SlaPolicy};

/// A time limit and how it is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    CalendarMinutes(u32),
    CalendarHours(u32),
    CalendarDays(u32),
    CalendarMonths(u32),
    WorkingMinutes(u32),
    WorkingHours(u32),
    WorkingDays(u32),
}

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

impl Span {
    /// True when the span counts working time on the calendar.
    pub fn is_working(self) -> bool {
        matches!(self, Span::WorkingMinutes(_) | Span::WorkingHours(_) | Span::WorkingDays(_))
    }

    /// The same span for an urgent complaint: working minutes/hours become calendar time.
    pub fn for_urgent(self) -> Span {
        match self {
            Span::WorkingMinutes(n) => Span::CalendarMinutes(n),
            Span::WorkingHours(n) => Span::CalendarHours(n),
            other => other,
        }
    }

    /// The length in ms of the counted time (working time for working spans); `None` for
    /// months, whose length depends on the start.
    pub fn millis(self, cal: &BusinessCalendar) -> Option<i64> {
        Some(match self {
            Span::CalendarMinutes(n) | Span::WorkingMinutes(n) => n as i64 * MINUTE,
            Span::CalendarHours(n) | Span::WorkingHours(n) => n as i64 * HOUR,
            Span::CalendarDays(n) => n as i64 * 24 * HOUR,
            // Saturates: an unchecked calendar may claim more than a day of working time.
            Span::WorkingDays(n) => (n as i64).saturating_mul(cal.day_length_ms()),
            Span::CalendarMonths(_) => return None,
        })
    }
}

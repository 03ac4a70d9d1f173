//! Durations and deadlines in the user's language, through the one pure formatter
//! (`domain::duration_text`): the complaint page and the list say them the same way.

use leptos_i18n::td_string;

use crate::domain::duration_text::{due_text, span_text, DurationWords};
use crate::domain::sla::ClockKind;
use crate::i18n::*;

fn words(locale: Locale) -> DurationWords<'static> {
    DurationWords {
        day: td_string!(locale, unit.d),
        hour: td_string!(locale, unit.h),
        minute: td_string!(locale, unit.min),
        space: td_string!(locale, due.space),
        due_in: td_string!(locale, due.due_in),
        overdue_by: td_string!(locale, due.overdue_by),
    }
}

/// A clock's short name, the subject of "… due in 6 h".
pub fn clock_name(locale: Locale, kind: Option<ClockKind>) -> &'static str {
    match kind {
        None => td_string!(locale, due.any),
        Some(ClockKind::Registration) => td_string!(locale, due.registration),
        Some(ClockKind::FirstContact) => td_string!(locale, due.first_contact),
        Some(ClockKind::InitialPlan) => td_string!(locale, due.initial_plan),
        Some(ClockKind::Resolution) => td_string!(locale, due.resolution),
        Some(ClockKind::ProgressUpdate) => td_string!(locale, due.progress_update),
        Some(ClockKind::SatisfactionFollowUp) => td_string!(locale, due.satisfaction_follow_up),
        Some(ClockKind::LongTermFollowUp) => td_string!(locale, due.long_term_follow_up),
        Some(ClockKind::DepartmentReply) => td_string!(locale, due.department_reply),
    }
}

/// How long a span is: "5 d 17 h", "6 h 5 min", "12 min" (the sign is dropped).
pub fn span(locale: Locale, ms: i64) -> String {
    span_text(ms, &words(locale))
}

/// A deadline `left_ms` from now, named by its clock: "First contact due in 6 h",
/// "Resolution overdue by 5 d 17 h".
pub fn due(locale: Locale, kind: Option<ClockKind>, left_ms: i64) -> String {
    due_text(clock_name(locale, kind), left_ms, &words(locale))
}

/// Time left on a clock already named (a table row): "due in 6 h", "overdue by 1 d 6 h".
pub fn left(locale: Locale, left_ms: i64) -> String {
    due_text("", left_ms, &words(locale)).trim().to_string()
}

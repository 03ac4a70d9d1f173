//! One way to say how long and by when (issue #12): "5 d 17 h" for long spans (never
//! "2207 h 59 min"), "6 h 5 min" within a day, "12 min" within an hour; a deadline names its
//! clock and says "due in …" or "overdue by …" (never "−30 h"). Pure: the unit and phrase
//! words come in the user's language from `ui/text/durations.rs`.

/// The words of a language: units and the two phrases, with `[clock]` and `[span]` in them.
#[derive(Debug, Clone, Copy)]
pub struct DurationWords<'a> {
    pub day: &'a str,
    pub hour: &'a str,
    pub minute: &'a str,
    /// Between a number and its unit, and between parts: " " in English, nothing in Chinese.
    pub space: &'a str,
    /// e.g. "[clock] due in [span]".
    pub due_in: &'a str,
    /// e.g. "[clock] overdue by [span]".
    pub overdue_by: &'a str,
}

/// A span's length, whatever its sign: days and hours from a day on, hours and minutes from
/// an hour on, else minutes (rounded down to the minute).
pub fn span_text(ms: i64, w: &DurationWords) -> String {
    let minutes = ms.unsigned_abs() / 60_000;
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let s = w.space;
    match (d, h) {
        (0, 0) => format!("{m}{s}{}", w.minute),
        (0, _) if m == 0 => format!("{h}{s}{}", w.hour),
        (0, _) => format!("{h}{s}{}{s}{m}{s}{}", w.hour, w.minute),
        (_, 0) => format!("{d}{s}{}", w.day),
        _ => format!("{d}{s}{}{s}{h}{s}{}", w.day, w.hour),
    }
}

/// A deadline `left_ms` from now (negative: passed), named by its clock.
pub fn due_text(clock: &str, left_ms: i64, w: &DurationWords) -> String {
    let phrase = if left_ms < 0 { w.overdue_by } else { w.due_in };
    phrase.replace("[clock]", clock).replace("[span]", &span_text(left_ms, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: DurationWords = DurationWords { day: "d", hour: "h", minute: "min", space: " ", due_in: "[clock] due in [span]", overdue_by: "[clock] overdue by [span]" };
    const ZH: DurationWords = DurationWords { day: "天", hour: "小时", minute: "分钟", space: "", due_in: "[clock]还剩[span]", overdue_by: "[clock]已超时[span]" };
    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;

    #[test]
    fn long_spans_are_in_days_and_hours() {
        assert_eq!(span_text(2207 * HOUR + 59 * MIN, &EN), "91 d 23 h");
        assert_eq!(span_text(5 * DAY + 17 * HOUR + 3 * MIN, &EN), "5 d 17 h");
        assert_eq!(span_text(3 * DAY, &EN), "3 d");
    }

    #[test]
    fn short_spans_are_in_hours_and_minutes() {
        assert_eq!(span_text(6 * HOUR, &EN), "6 h");
        assert_eq!(span_text(6 * HOUR + 5 * MIN, &EN), "6 h 5 min");
        assert_eq!(span_text(15 * MIN + 59_999, &EN), "15 min");
        assert_eq!(span_text(0, &EN), "0 min");
    }

    #[test]
    fn a_negative_span_has_no_sign_and_a_passed_deadline_is_overdue() {
        assert_eq!(span_text(-30 * HOUR, &EN), "1 d 6 h");
        assert_eq!(due_text("First contact", 6 * HOUR, &EN), "First contact due in 6 h");
        assert_eq!(due_text("Resolution", -(5 * DAY + 17 * HOUR), &EN), "Resolution overdue by 5 d 17 h");
        assert_eq!(due_text("首次联系", -30 * HOUR, &ZH), "首次联系已超时1天6小时");
        // The extremes of i64 neither panic nor overflow.
        assert!(span_text(i64::MIN, &EN).ends_with(" h"));
        assert!(due_text("x", i64::MAX, &EN).starts_with("x due in "));
    }
}

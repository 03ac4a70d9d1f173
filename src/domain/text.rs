//! The rules every text entering the domain obeys, whether typed into a form or carried by a
//! batch file or sync from another device:
//!
//! - no control characters (C0, DEL, C1): they corrupt printouts, CSV exports and terminals;
//!   a line break or tab is allowed only in multi-line free text;
//! - no bidirectional embedding, override, isolate or mark characters (U+202A–U+202E,
//!   U+2066–U+2069, U+200E, U+200F, U+061C): they make a name or number display as something
//!   other than what it is;
//! - a required value must have something visible once whitespace and invisible characters
//!   (U+200B–U+200D, U+2060, U+FEFF, U+00AD) are removed; both are trimmed from the ends;
//! - a maximum length (characters) per kind of field.

/// What kind of field a text is: its length limit and whether it may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    pub max_chars: usize,
    /// Line breaks and tabs allowed.
    pub multiline: bool,
}

impl TextRule {
    /// A person's, party's or department's name, a role or a configured key: one line.
    pub const NAME: TextRule = TextRule::line(60);
    /// Any other single-line field (product, address, file name, reference).
    pub const LINE: TextRule = TextRule::line(200);
    /// A note, reason or reply.
    pub const NOTE: TextRule = TextRule::multiline(2000);
    /// Long free text: the customer's own words, a contact summary, a case summary.
    pub const LONG: TextRule = TextRule::multiline(4000);

    /// A single-line field of at most `max_chars` characters.
    pub const fn line(max_chars: usize) -> TextRule {
        TextRule { max_chars, multiline: false }
    }

    /// A multi-line field of at most `max_chars` characters.
    pub const fn multiline(max_chars: usize) -> TextRule {
        TextRule { max_chars, multiline: true }
    }
}

/// Which text rule a value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("a value is required")]
    Required,
    #[error("the text is too long")]
    TooLong,
    #[error("the text contains a control character (a line break or tab only in multi-line text)")]
    ControlCharacter,
    #[error("the text contains a bidirectional control character")]
    BidiControl,
}

impl TextError {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            TextError::Required => "required",
            TextError::TooLong => "too_long",
            TextError::ControlCharacter => "control_character",
            TextError::BidiControl => "bidi_control",
        }
    }
}

/// Characters that display as nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Bidirectional embedding, override, isolate and mark characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The value without whitespace and invisible characters at its ends: empty when nothing
/// visible is left.
pub fn tidy(value: &str) -> String {
    value.trim_matches(|c: char| c.is_whitespace() || is_invisible(c)).to_string()
}

/// Checks characters and length of an (already tidied) value; an empty value passes.
pub fn check(value: &str, rule: TextRule) -> Result<(), TextError> {
    let mut chars = 0usize;
    for c in value.chars() {
        if c.is_control() && !(rule.multiline && (c == '\n' || c == '\t')) {
            return Err(TextError::ControlCharacter);
        }
        if is_bidi_control(c) {
            return Err(TextError::BidiControl);
        }
        chars += 1;
    }
    if chars > rule.max_chars {
        return Err(TextError::TooLong);
    }
    Ok(())
}

/// A required value, tidied and checked.
pub fn required(value: &str, rule: TextRule) -> Result<String, TextError> {
    let v = tidy(value);
    if v.is_empty() {
        return Err(TextError::Required);
    }
    check(&v, rule)?;
    Ok(v)
}

/// An optional value, tidied and checked (empty when nothing visible was given).
pub fn optional(value: &str, rule: TextRule) -> Result<String, TextError> {
    let v = tidy(value);
    check(&v, rule)?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_refused() {
        for bad in ["a\u{0}b", "a\u{1b}[31mb", "ding\u{7}", "a\u{7f}", "a\u{85}b", "a\rb"] {
            assert_eq!(required(bad, TextRule::LONG), Err(TextError::ControlCharacter), "{bad:?}");
        }
        for bad in ["abc\u{202E}fdp.exe", "\u{2066}x\u{2069}", "a\u{200F}", "a\u{061C}b"] {
            assert_eq!(required(bad, TextRule::NAME), Err(TextError::BidiControl), "{bad:?}");
        }
        assert_eq!(required("line\nbreak", TextRule::NAME), Err(TextError::ControlCharacter));
        assert_eq!(required("line\nbreak\tand tab", TextRule::NOTE), Ok("line\nbreak\tand tab".into()));
    }

    #[test]
    fn invisible_only_values_are_empty() {
        for blank in ["", "  ", "\u{200B}", " \u{FEFF}\u{200D} ", "\u{00AD}\u{2060}"] {
            assert_eq!(required(blank, TextRule::NAME), Err(TextError::Required), "{blank:?}");
            assert_eq!(optional(blank, TextRule::NAME), Ok(String::new()), "{blank:?}");
        }
        assert_eq!(required("\u{FEFF} 王先生\u{200B} ", TextRule::NAME), Ok("王先生".into()));
        // A joiner inside an emoji sequence is kept.
        assert_eq!(required("👨\u{200D}👩", TextRule::NAME), Ok("👨\u{200D}👩".into()));
    }

    #[test]
    fn lengths_count_characters() {
        assert_eq!(required(&"字".repeat(60), TextRule::NAME).map(|s| s.chars().count()), Ok(60));
        assert_eq!(required(&"字".repeat(61), TextRule::NAME), Err(TextError::TooLong));
        assert_eq!(optional(&"x".repeat(201), TextRule::LINE).unwrap_err().code(), "too_long");
        assert_eq!(TextError::BidiControl.code(), "bidi_control");
    }
}

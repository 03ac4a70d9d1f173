//! Complaint numbers from a configurable mask (SPEC §3).
//!
//! A mask is literal text with tokens: `{YYYY}` `{YY}` `{MM}` `{DD}` (the day the complaint
//! was received, in the business time zone), `{CH}` (channel code), `{DEV}` (device code) and
//! `{SEQ}` or `{SEQ:n}` (the device's daily serial, zero-padded to n digits; it grows past the
//! padding). Devices number offline and independently, so a mask is only accepted when it
//! carries the full date, the device code and the serial, each token once, and when every
//! number it produces reads back one way (see `read`): two devices can then never produce the
//! same number, and [`NumberMask::parse_number`] gives a number's parts back.

use strum::IntoEnumIterator;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

use super::channel::Channel;

mod read;
pub use read::NumberParts;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;

/// The default mask, e.g. `20261125-TEL-K7-003`.
pub const DEFAULT_MASK: &str = "{YYYY}{MM}{DD}-{CH}-{DEV}-{SEQ:3}";

/// Masks offered as examples (the default first); every one is accepted.
pub const MASK_PRESETS: [&str; 4] =
    [DEFAULT_MASK, "{YY}{MM}{DD}/{CH}/{DEV}/{SEQ:4}", "{YYYY}{MM}{DD}.{DEV}.{SEQ:2}", "{CH}{YYYY}{MM}{DD}-{DEV}-{SEQ:3}"];

/// How many characters a channel code has.
pub const CHANNEL_CODE_LEN: std::ops::RangeInclusive<usize> = 2..=6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Part {
    Literal(String),
    Year4,
    Year2,
    Month,
    Day,
    Channel,
    Device,
    Serial(usize),
}

/// A parsed, validated number mask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberMask {
    source: String,
    parts: Vec<Part>,
}

/// Why a mask was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MaskError {
    #[error("unknown token {{{0}}} in the number mask")]
    UnknownToken(String),
    #[error("a '{{' in the number mask is never closed")]
    Unclosed,
    #[error("the number mask must contain {0} so numbers stay unique across devices")]
    Missing(&'static str),
    #[error("the serial width must be between 1 and 9 digits")]
    BadSerialWidth,
    #[error("the number mask may only contain letters, digits, '-', '_', '/' and '.' outside tokens")]
    BadLiteral,
    #[error("{0} appears more than once in the number mask")]
    Repeated(String),
    #[error("in the number mask {part} is followed by {next}, which could continue it, so a number could be read two ways: put '-', '_', '/' or '.' between them")]
    Ambiguous { part: String, next: String },
}

impl MaskError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            MaskError::UnknownToken(_) => "mask_unknown_token",
            MaskError::Unclosed => "mask_unclosed",
            MaskError::Missing(_) => "mask_missing_token",
            MaskError::BadSerialWidth => "mask_bad_serial_width",
            MaskError::BadLiteral => "mask_bad_literal",
            MaskError::Repeated(_) => "mask_repeated_token",
            MaskError::Ambiguous { .. } => "mask_ambiguous",
        }
    }
}

impl Default for NumberMask {
    fn default() -> Self {
        NumberMask::parse(DEFAULT_MASK).expect("the default mask is valid")
    }
}

impl NumberMask {
    /// Parses and validates a mask.
    pub fn parse(mask: &str) -> Result<NumberMask, MaskError> {
        let parts = tokens(mask)?;
        let has = |p: &dyn Fn(&Part) -> bool| parts.iter().any(p);
        if !has(&|p| matches!(p, Part::Year4 | Part::Year2)) {
            return Err(MaskError::Missing("{YYYY} or {YY}"));
        }
        if !has(&|p| matches!(p, Part::Month)) {
            return Err(MaskError::Missing("{MM}"));
        }
        if !has(&|p| matches!(p, Part::Day)) {
            return Err(MaskError::Missing("{DD}"));
        }
        if !has(&|p| matches!(p, Part::Device)) {
            return Err(MaskError::Missing("{DEV}"));
        }
        if !has(&|p| matches!(p, Part::Serial(_))) {
            return Err(MaskError::Missing("{SEQ}"));
        }
        // A token twice could disagree with itself; {YY} and {YYYY} are both the year.
        let kind = |p: &Part| match p {
            Part::Year2 => Part::Year4,
            Part::Serial(_) => Part::Serial(0),
            p => p.clone(),
        };
        let fields: Vec<&Part> = parts.iter().filter(|p| !matches!(p, Part::Literal(_))).collect();
        let repeated = fields.iter().enumerate().find(|(i, p)| fields[..*i].iter().any(|q| kind(q) == kind(p)));
        if let Some((_, p)) = repeated {
            return Err(MaskError::Repeated(p.token()));
        }
        read::check_readable(&parts)?;
        Ok(NumberMask { source: mask.to_string(), parts })
    }

    /// Reads a number this mask produced back into its parts; `None` for any text the mask
    /// cannot have produced (so `parse_number(format(parts)) == parts`).
    pub fn parse_number(&self, number: &str) -> Option<NumberParts> {
        let parts = read::read(&self.parts, number)?;
        let again = self.format(parts.day, parts.channel_code.as_deref().unwrap_or(""), &parts.device_code, parts.serial);
        (again == number).then_some(parts)
    }

    /// The mask as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Formats a number. `serial` is the device's serial for `day`, starting at 1.
    pub fn format(&self, day: NaiveDate, channel_code: &str, device_code: &str, serial: u32) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Year4 => out.push_str(&format!("{:04}", day.year())),
                Part::Year2 => out.push_str(&format!("{:02}", day.year().rem_euclid(100))),
                Part::Month => out.push_str(&format!("{:02}", day.month())),
                Part::Day => out.push_str(&format!("{:02}", day.day())),
                Part::Channel => out.push_str(channel_code),
                Part::Device => out.push_str(device_code),
                Part::Serial(w) => out.push_str(&format!("{serial:0w$}", w = *w)),
            }
        }
        out
    }
}

/// Configurable channel codes (SPEC §3): 2–6 characters from A–Z and 0–9, unique.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCodes(pub BTreeMap<Channel, String>);

/// Why channel codes were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChannelCodeError {
    #[error("channel code {0} must be 2 to 6 characters from A-Z and 0-9")]
    Invalid(String),
    #[error("channel code {0} is used twice")]
    Duplicate(String),
}

impl ChannelCodeError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ChannelCodeError::Invalid(_) => "channel_code_invalid",
            ChannelCodeError::Duplicate(_) => "channel_code_duplicate",
        }
    }
}

impl Default for ChannelCodes {
    fn default() -> Self {
        ChannelCodes(Channel::iter().map(|c| (c, c.default_code().to_string())).collect())
    }
}

impl ChannelCodes {
    /// The code of a channel (the default code if none is configured).
    pub fn code(&self, channel: Channel) -> &str {
        self.0.get(&channel).map(String::as_str).unwrap_or(channel.default_code())
    }

    /// Checks every code; upper-cases them.
    pub fn validate(self) -> Result<ChannelCodes, ChannelCodeError> {
        let mut seen = BTreeSet::new();
        let mut out = BTreeMap::new();
        for c in Channel::iter() {
            let code = self.code(c).trim().to_ascii_uppercase();
            if !CHANNEL_CODE_LEN.contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                return Err(ChannelCodeError::Invalid(code));
            }
            if !seen.insert(code.clone()) {
                return Err(ChannelCodeError::Duplicate(code));
            }
            out.insert(c, code);
        }
        Ok(ChannelCodes(out))
    }
}

/// The mask's literals and tokens, unchecked.
fn tokens(mask: &str) -> Result<Vec<Part>, MaskError> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = mask;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            let end = rest.find('}').ok_or(MaskError::Unclosed)?;
            let token = &rest[1..end];
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            parts.push(parse_token(token)?);
            rest = &rest[end + 1..];
        } else {
            if !(c.is_ascii_alphanumeric() || "-_/.".contains(c)) {
                return Err(MaskError::BadLiteral);
            }
            literal.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Literal(literal));
    }
    Ok(parts)
}

fn parse_token(token: &str) -> Result<Part, MaskError> {
    Ok(match token {
        "YYYY" => Part::Year4,
        "YY" => Part::Year2,
        "MM" => Part::Month,
        "DD" => Part::Day,
        "CH" => Part::Channel,
        "DEV" => Part::Device,
        "SEQ" => Part::Serial(3),
        t if t.starts_with("SEQ:") => {
            let w: usize = t[4..].parse().map_err(|_| MaskError::BadSerialWidth)?;
            if !(1..=9).contains(&w) {
                return Err(MaskError::BadSerialWidth);
            }
            Part::Serial(w)
        }
        t => return Err(MaskError::UnknownToken(t.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn default_mask_matches_the_spec_example() {
        let m = NumberMask::default();
        assert_eq!(m.format(day(), "TEL", "K7", 3), "20261125-TEL-K7-003");
        assert_eq!(m.format(day(), "SITE", "K7", 1234), "20261125-SITE-K7-1234");
    }

    #[test]
    fn custom_masks() {
        let m = NumberMask::parse("{CH}/{YY}{MM}{DD}.{DEV}-{SEQ:5}").unwrap();
        assert_eq!(m.format(day(), "EML", "AB", 42), "EML/261125.AB-00042");
        assert_eq!(m.as_str(), "{CH}/{YY}{MM}{DD}.{DEV}-{SEQ:5}");
        let parts = NumberParts { day: day(), channel_code: Some("EML".into()), device_code: "AB".into(), serial: 42 };
        assert_eq!(m.parse_number("EML/261125.AB-00042"), Some(parts));
    }

    #[test]
    fn numbers_read_back_into_their_parts() {
        let m = NumberMask::default();
        let read = m.parse_number("20261125-SITE-K7A-1234").unwrap();
        assert_eq!(read, NumberParts { day: day(), channel_code: Some("SITE".into()), device_code: "K7A".into(), serial: 1234 });
        assert_eq!(m.parse_number("20261125-TEL-K7-03"), None, "narrower than the padding");
        assert_eq!(m.parse_number("20261125-TEL-K7-0003"), None, "padded beyond the width");
        assert_eq!(m.parse_number("20261131-TEL-K7-003"), None, "no such day");
        assert_eq!(m.parse_number("20261125-TEL-K0-003"), None, "not a device code");
        assert_eq!(m.parse_number("20261125-TEL-K7-003-"), None);
        // A channel code glued to the date is read from the fixed-width date's side.
        let glued = NumberMask::parse("{CH}{YYYY}{MM}{DD}-{DEV}-{SEQ:3}").unwrap();
        assert_eq!(glued.parse_number("T220261125-K7-003").unwrap().channel_code.as_deref(), Some("T2"));
        // So is a serial in front of the date, and a serial before a letter it cannot contain.
        let m = NumberMask::parse("{SEQ:1}{YYYY}{MM}{DD}-{DEV}").unwrap();
        assert_eq!(m.parse_number(&m.format(day(), "", "K72", 123)).unwrap().serial, 123);
        let m = NumberMask::parse("{YYYY}{MM}{DD}{SEQ:1}N{DEV}").unwrap();
        assert_eq!(m.parse_number(&m.format(day(), "", "K72", 123)).unwrap().device_code, "K72");
    }

    #[test]
    fn masks_whose_numbers_could_read_two_ways_are_refused() {
        // Device K7 #23 and device K72 #3 would both be 20231009K723.
        let err = NumberMask::parse("{YYYY}{MM}{DD}{DEV}{SEQ:1}").unwrap_err();
        assert_eq!(err, MaskError::Ambiguous { part: "{DEV}".into(), next: "{SEQ:1}".into() });
        assert_eq!(err.code(), "mask_ambiguous");
        let m = NumberMask { source: String::new(), parts: tokens("{YYYY}{MM}{DD}{DEV}{SEQ:1}").unwrap() };
        let d = NaiveDate::from_ymd_opt(2023, 10, 9).unwrap();
        assert_eq!(m.format(d, "TEL", "K7", 23), m.format(d, "TEL", "K72", 3));
        // Channel codes have 2-6 characters and may contain digits.
        assert_eq!(NumberMask::parse("{YYYY}{MM}{DD}-{CH}{DEV}-{SEQ}").unwrap_err().code(), "mask_ambiguous");
        // The serial grows past its padding, even with a width.
        assert_eq!(NumberMask::parse("{YYYY}{MM}{DD}-{SEQ:3}{DEV}").unwrap_err().code(), "mask_ambiguous");
        assert_eq!(NumberMask::parse("{YYYY}{MM}{DD}-{DEV}7{SEQ:3}").unwrap_err(), MaskError::Ambiguous { part: "{DEV}".into(), next: "'7'".into() });
        assert_eq!(NumberMask::parse("{DEV}{YYYY}{MM}{DD}{SEQ}").unwrap_err().code(), "mask_ambiguous");
        assert_eq!(NumberMask::parse("{YYYY}{MM}{DD}-{DEV}-{SEQ}-{DD}"), Err(MaskError::Repeated("{DD}".into())));
        assert_eq!(NumberMask::parse("{YYYY}{YY}{MM}{DD}-{DEV}-{SEQ}").unwrap_err().code(), "mask_repeated_token");
    }

    #[test]
    fn the_default_and_every_preset_are_accepted() {
        assert_eq!(MASK_PRESETS[0], DEFAULT_MASK);
        for mask in MASK_PRESETS {
            assert!(NumberMask::parse(mask).is_ok(), "{mask}");
        }
    }

    #[test]
    fn masks_that_could_collide_across_devices_are_refused() {
        assert_eq!(
            NumberMask::parse("{YYYY}{MM}{DD}-{CH}-{SEQ}"),
            Err(MaskError::Missing("{DEV}"))
        );
        assert_eq!(NumberMask::parse("{YYYY}{MM}-{DEV}-{SEQ}"), Err(MaskError::Missing("{DD}")));
        assert_eq!(NumberMask::parse("{MM}{DD}-{DEV}-{SEQ}"), Err(MaskError::Missing("{YYYY} or {YY}")));
        assert_eq!(NumberMask::parse("{YYYY}{MM}{DD}-{DEV}"), Err(MaskError::Missing("{SEQ}")));
    }

    #[test]
    fn channel_codes_are_configurable_and_checked() {
        let mut codes = ChannelCodes::default();
        assert_eq!(codes.code(Channel::Social), "SNS");
        codes.0.insert(Channel::Social, "wx".into());
        let codes = codes.validate().unwrap();
        assert_eq!(codes.code(Channel::Social), "WX");
        assert_eq!(NumberMask::default().format(day(), codes.code(Channel::Social), "K7", 1), "20261125-WX-K7-001");
        let mut dup = ChannelCodes::default();
        dup.0.insert(Channel::Web, "TEL".into());
        assert_eq!(dup.validate(), Err(ChannelCodeError::Duplicate("TEL".into())));
        let mut bad = ChannelCodes::default();
        bad.0.insert(Channel::Web, "W-B".into());
        assert_eq!(bad.validate().unwrap_err().code(), "channel_code_invalid");
    }

    #[test]
    fn malformed_masks_are_refused() {
        assert_eq!(NumberMask::parse("{YYYY"), Err(MaskError::Unclosed));
        assert_eq!(NumberMask::parse("{FOO}"), Err(MaskError::UnknownToken("FOO".into())));
        assert_eq!(NumberMask::parse("{SEQ:0}"), Err(MaskError::BadSerialWidth));
        assert_eq!(NumberMask::parse("{SEQ:x}"), Err(MaskError::BadSerialWidth));
        assert_eq!(NumberMask::parse("{YYYY} {MM}"), Err(MaskError::BadLiteral));
    }
}

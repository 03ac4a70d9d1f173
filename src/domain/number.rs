//! Complaint numbers from a configurable mask (SPEC §3).
//!
//! A mask is literal text with tokens: `{YYYY}` `{YY}` `{MM}` `{DD}` (the day the complaint
//! was received, in the business time zone), `{CH}` (channel code), `{DEV}` (device code) and
//! `{SEQ}` or `{SEQ:n}` (the device's daily serial, zero-padded to n digits). Devices number
//! offline and independently, so a mask is only accepted when it carries the full date, the
//! device code and the serial: two devices can then never produce the same number.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

use super::channel::Channel;

/// The default mask, e.g. `20261125-TEL-K7-003`.
pub const DEFAULT_MASK: &str = "{YYYY}{MM}{DD}-{CH}-{DEV}-{SEQ:3}";

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
        Ok(NumberMask { source: mask.to_string(), parts })
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
        ChannelCodes(Channel::ALL.into_iter().map(|c| (c, c.default_code().to_string())).collect())
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
        for c in Channel::ALL {
            let code = self.code(c).trim().to_ascii_uppercase();
            if !(2..=6).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
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
        let m = NumberMask::parse("{CH}/{YY}{MM}{DD}.{DEV}{SEQ:5}").unwrap();
        assert_eq!(m.format(day(), "EML", "AB", 42), "EML/261125.AB00042");
        assert_eq!(m.as_str(), "{CH}/{YY}{MM}{DD}.{DEV}{SEQ:5}");
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

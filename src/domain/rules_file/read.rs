//! Reading a rules file: what the file is (size, text, JSON), format and version, the
//! checksum over the exact bytes, the version stamp, then the rules themselves with the
//! domain's own checks. The first problem stops the reading with its typed error.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{file_sha256, Ancestor, RulesFile, RulesFileError, RulesStamp, SetBy, FORMAT_MAJOR, FORMAT_NAME, MAX_HISTORY, MAX_RULES_BYTES};
use crate::domain::batch::checksum::{matches, sha256_hex};
use crate::domain::batch::error::BatchError;
use crate::domain::batch::read::{read_version, shown, string, VersionProblem};
use crate::domain::batch::sealed::SEALED_FORMAT_NAME;
use crate::domain::batch::sniff::{json_error, sniff};
use crate::domain::config::DomainConfig;
use crate::domain::device::{validate_code, validate_name};
use crate::domain::text::{self, TextRule};
use crate::domain::time_range::is_accepted_ms;

/// The top level, every part kept as its raw text so the checksum covers the exact bytes.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    #[serde(borrow)]
    rules: Option<&'a RawValue>,
    #[serde(borrow)]
    config: Option<&'a RawValue>,
    #[serde(borrow)]
    sha256: Option<&'a RawValue>,
}

/// Reads a rules file (its bytes as picked by the person). See the module documentation.
pub fn read_rules_file(bytes: &[u8]) -> Result<RulesFile, RulesFileError> {
    if bytes.len() as u64 > MAX_RULES_BYTES {
        return Err(RulesFileError::TooLarge(bytes.len() as u64));
    }
    let text = sniff(bytes).map_err(from_sniff)?;
    let top: Top = serde_json::from_str(text).map_err(|e| from_sniff(json_error(e)))?;
    let format_raw = top.format.ok_or(RulesFileError::NotRules)?;
    let format = string(format_raw).ok_or_else(|| RulesFileError::WrongFormat(shown(format_raw.get())))?;
    if format == crate::domain::batch::FORMAT_NAME || format == SEALED_FORMAT_NAME {
        return Err(RulesFileError::IsBatch);
    }
    if format != FORMAT_NAME {
        return Err(RulesFileError::WrongFormat(shown(&format)));
    }
    let (version_text, version) = read_version(top.version, FORMAT_MAJOR).map_err(|p| match p {
        VersionProblem::Bad(v) => RulesFileError::BadVersion(v),
        VersionProblem::Newer(v) => RulesFileError::NewerVersion(v),
    })?;
    let missing = |what: &str| RulesFileError::Malformed(format!("{what} is missing"));
    let rules_raw = top.rules.ok_or_else(|| missing("rules"))?;
    let config_raw = top.config.ok_or_else(|| missing("config"))?;
    let given = top.sha256.and_then(string).ok_or_else(|| missing("sha256"))?;
    if !matches(&given, &file_sha256(&format, &version_text, rules_raw.get(), config_raw.get())) {
        return Err(RulesFileError::ChecksumMismatch);
    }
    let stamp: RulesStamp = serde_json::from_str(rules_raw.get()).map_err(|e| RulesFileError::Malformed(format!("rules: {e}")))?;
    check_stamp(&stamp).map_err(|what| RulesFileError::Malformed(format!("rules: {what}")))?;
    let config: DomainConfig = serde_json::from_str(config_raw.get()).map_err(|e| RulesFileError::ConfigUnreadable(e.to_string()))?;
    config.validate().map_err(|e| RulesFileError::Invalid(e.0))?;
    let config_text = config_raw.get().to_string();
    Ok(RulesFile { version, stamp, config, config_sha256: sha256_hex(config_text.as_bytes()), config_text })
}

/// The whole-file error for what the batch reader's first look found.
fn from_sniff(e: BatchError) -> RulesFileError {
    match e {
        BatchError::Empty => RulesFileError::Empty,
        BatchError::TooLarge(n) => RulesFileError::TooLarge(n),
        BatchError::Image(kind) | BatchError::Binary(kind) => RulesFileError::Binary(kind),
        BatchError::Csv => RulesFileError::NotJson("a table (CSV)".into()),
        BatchError::NotJson(m) => RulesFileError::NotJson(m),
        BatchError::Truncated => RulesFileError::Truncated,
        BatchError::NotABatch => RulesFileError::NotRules,
        other => RulesFileError::Malformed(other.to_string()),
    }
}

/// The stamp is shown to the person and decides what happens: its texts obey the text rules
/// unchanged, its times are in range, and its revisions are consistent.
fn check_stamp(s: &RulesStamp) -> Result<(), &'static str> {
    let id_ok = (1..=64).contains(&s.id.len()) && s.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !id_ok {
        return Err("id");
    }
    if s.revision == 0 {
        return Err("revision");
    }
    check_set_by(&s.set_by)?;
    if !is_accepted_ms(s.set_at_ms) {
        return Err("set_at_ms out of range");
    }
    if s.based_on.is_some_and(|b| b >= s.revision) {
        return Err("based_on");
    }
    check_history(&s.history, s.revision, s.based_on)
}

fn check_set_by(s: &SetBy) -> Result<(), &'static str> {
    let exact = |v: &str, rule| text::required(v, rule).is_ok_and(|t| t == v);
    if !exact(&s.device_id, TextRule::line(64)) {
        return Err("set_by.device_id");
    }
    if validate_code(&s.device_code).ok().as_deref() != Some(s.device_code.as_str()) {
        return Err("set_by.device_code");
    }
    if validate_name(&s.device_name).ok().as_deref() != Some(s.device_name.as_str()) {
        return Err("set_by.device_name");
    }
    if s.person.as_deref().is_some_and(|p| !exact(p, TextRule::NAME)) {
        return Err("set_by.person");
    }
    Ok(())
}

/// Oldest first, strictly increasing, below the revision, ending at `based_on`.
fn check_history(history: &[Ancestor], revision: u32, based_on: Option<u32>) -> Result<(), &'static str> {
    if history.len() > MAX_HISTORY {
        return Err("history too long");
    }
    let hex = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !history.iter().all(|a| hex(&a.sha256)) {
        return Err("history checksum");
    }
    if !history.windows(2).all(|w| w[0].revision < w[1].revision) || history.iter().any(|a| a.revision == 0 || a.revision >= revision) {
        return Err("history order");
    }
    match (history.last(), based_on) {
        (Some(last), Some(b)) if last.revision != b => Err("history does not end at based_on"),
        (Some(_), None) => Err("history without based_on"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{export, set_by};
    use super::super::{config_text, write_rules_file};
    use super::*;

    /// A valid file's text, with its stamp changed by `edit` and the checksum made to match.
    fn file_with(edit: impl FnOnce(&mut RulesStamp), config: &str) -> Vec<u8> {
        let (v, _) = export(None, &DomainConfig::default(), "K7Q", 1_764_000_000_000);
        let mut stamp = v.stamp;
        edit(&mut stamp);
        write_rules_file(&stamp, config).unwrap().text.into_bytes()
    }

    fn code(bytes: &[u8]) -> &'static str {
        read_rules_file(bytes).unwrap_err().code()
    }

    #[test]
    fn what_is_not_a_rules_file_says_so() {
        assert_eq!(code(b""), "rules_file_empty");
        assert_eq!(code(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "rules_file_binary");
        assert_eq!(code(b"hello"), "rules_file_not_json");
        assert_eq!(code(b"[1,2]"), "rules_file_not_rules");
        assert_eq!(code(b"{}"), "rules_file_not_rules");
        assert_eq!(code(br#"{"format":"complaint-desk-rules","version":"1.0","rules":{"#), "rules_file_truncated");
        assert_eq!(code(br#"{"format":"complaint-desk-batch","version":"1.0"}"#), "rules_file_is_batch");
        assert_eq!(code(br#"{"format":"complaint-desk-batch-sealed"}"#), "rules_file_is_batch");
        assert_eq!(code(br#"{"format":"other"}"#), "rules_file_wrong_format");
        assert_eq!(code(br#"{"format":7}"#), "rules_file_wrong_format");
        assert_eq!(code(br#"{"format":"complaint-desk-rules","version":"2.0"}"#), "rules_file_newer_version");
        assert_eq!(code(br#"{"format":"complaint-desk-rules","version":"0.9"}"#), "rules_file_bad_version");
        assert_eq!(code(br#"{"format":"complaint-desk-rules","version":"one"}"#), "rules_file_bad_version");
        assert_eq!(code(br#"{"format":"complaint-desk-rules","version":"1.0","config":{}}"#), "rules_file_malformed");
        let big = vec![b' '; MAX_RULES_BYTES as usize + 1];
        assert_eq!(code(&big), "rules_file_too_large");
    }

    #[test]
    fn a_changed_byte_is_a_checksum_mismatch() {
        let good = String::from_utf8(file_with(|_| {}, &config_text(&DomainConfig::default()))).unwrap();
        assert!(read_rules_file(good.as_bytes()).is_ok());
        assert!(read_rules_file(format!("\u{FEFF}{good}").as_bytes()).is_ok(), "a byte order mark is no change");
        for (from, to) in [("\"revision\":1", "\"revision\":9"), ("after_sales", "after_salez"), ("Lead Chen", "Lead Chan")] {
            assert_eq!(code(good.replacen(from, to, 1).as_bytes()), "rules_file_checksum_mismatch", "{from}");
        }
        let no_sum = good.split(",\n\"sha256\"").next().unwrap().to_string() + "}";
        assert_eq!(code(no_sum.as_bytes()), "rules_file_malformed");
        assert_eq!(code(&good.as_bytes()[..good.len() / 2]), "rules_file_truncated");
    }

    #[test]
    fn stamps_that_cannot_be_right_are_refused() {
        let ok = config_text(&DomainConfig::default());
        type Edit = Box<dyn FnOnce(&mut RulesStamp)>;
        let bad: Vec<Edit> = vec![
            Box::new(|s| s.id = String::new()),
            Box::new(|s| s.id = "a/../b".into()),
            Box::new(|s| s.revision = 0),
            Box::new(|s| s.set_at_ms = i64::MAX),
            Box::new(|s| s.based_on = Some(1)),
            Box::new(|s| s.set_by.device_code = "K0".into()),
            Box::new(|s| s.set_by.device_name = "Tablet\u{202E}gpj".into()),
            Box::new(|s| s.set_by.person = Some("  ".into())),
            Box::new(|s| s.set_by.person = Some(" padded ".into())),
            Box::new(|s| s.set_by.device_id = "x".repeat(65)),
            Box::new(|s| {
                s.revision = 3;
                s.based_on = Some(2);
                s.history = vec![Ancestor { revision: 1, sha256: "ab".repeat(32) }];
            }),
            Box::new(|s| {
                s.revision = 3;
                s.based_on = Some(2);
                s.history = vec![Ancestor { revision: 2, sha256: "AB".repeat(32) }];
            }),
            Box::new(|s| s.history = vec![Ancestor { revision: 1, sha256: "ab".repeat(32) }]),
        ];
        for (i, edit) in bad.into_iter().enumerate() {
            assert_eq!(code(&file_with(edit, &ok)), "rules_file_malformed", "case {i}");
        }
        let person = file_with(|s| s.set_by = set_by("M4P", Some("质检 王")), &ok);
        assert_eq!(read_rules_file(&person).unwrap().stamp.set_by.person.as_deref(), Some("质检 王"));
    }

    #[test]
    fn rules_the_domain_refuses_are_refused_with_the_reason() {
        let ambiguous = DomainConfig { number_mask: "{YYYY}{MM}{DD}{DEV}{SEQ:1}".into(), ..DomainConfig::default() };
        let e = read_rules_file(&file_with(|_| {}, &config_text(&ambiguous))).unwrap_err();
        assert_eq!((e.code(), e.rule()), ("rules_file_invalid", Some("mask_ambiguous")));
        let mut hostile = DomainConfig::default();
        hostile.staff.push("Clerk\u{202E}iL".into());
        assert_eq!(read_rules_file(&file_with(|_| {}, &config_text(&hostile))).unwrap_err().rule(), Some("bidi_control"));
        assert_eq!(code(&file_with(|_| {}, r#"{"number_mask":"{DEV}"}"#)), "rules_file_config_unreadable");
        assert_eq!(code(&file_with(|_| {}, "[]")), "rules_file_config_unreadable");
    }

    #[test]
    fn fields_a_newer_minor_version_adds_are_kept_in_the_text() {
        let mut text = config_text(&DomainConfig::default());
        text.insert_str(1, r#""escalation":{"after_days":3},"#);
        let file = read_rules_file(&file_with(|_| {}, &text)).unwrap();
        assert_eq!(file.config, DomainConfig::default());
        assert!(file.config_text.contains("escalation"));
        assert_eq!(file.config_sha256, sha256_hex(text.as_bytes()));
    }
}

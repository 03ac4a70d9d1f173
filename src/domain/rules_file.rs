//! Rules files (issue #10): the working rules a supervisor sets (staff, departments, routing,
//! calendar, templates … — a [`DomainConfig`]) travel to every tablet as a file that says which
//! version they are: the lineage they belong to, its revision, who set it, when, and which
//! revision it was edited from. The format is written down in `docs/rules-file.md`.
//!
//! - Export: [`next_version`] (a new revision only when the rules changed since the last one),
//!   then [`write_rules_file`].
//! - Import: [`read::read_rules_file`] (strict and safe, like the batch reader), then
//!   [`decide::decide`] against this device's [`RulesVersion`], and [`diff::differences`] for
//!   showing both sides when a person has to choose.

pub mod decide;
pub mod diff;
pub mod error;
pub mod read;

use serde::{Deserialize, Serialize};

use super::batch::checksum::sha256_hex;
use super::config::DomainConfig;
use super::device::is_code_char;

pub use decide::{decide, Decision, Divergence, LocalRules};
pub use diff::{differences, Difference, RulesSection};
pub use error::RulesFileError;
pub use read::read_rules_file;

/// The value of `format`: anything else is not a rules file.
pub const FORMAT_NAME: &str = "complaint-desk-rules";
/// The major version this app reads and writes; a file with a larger major is refused.
pub const FORMAT_MAJOR: u32 = 1;
/// The minor version this app writes (minor versions only add optional fields).
pub const FORMAT_MINOR: u32 = 0;
/// The largest rules file read. Real rules are a few kilobytes; a larger file is not one.
pub const MAX_RULES_BYTES: u64 = 2 * 1024 * 1024;
/// How many earlier revisions a version remembers (to tell a later revision of these rules
/// from a revision two devices made separately).
pub const MAX_HISTORY: usize = 64;

/// Who set a revision: the device it was exported from, and the person, if they gave a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetBy {
    pub device_id: String,
    pub device_code: String,
    pub device_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

/// An earlier revision of a lineage: its number and the SHA-256 of its rules' text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ancestor {
    pub revision: u32,
    pub sha256: String,
}

/// The `rules` part of a file: which revision of which rules, set by whom and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesStamp {
    /// The lineage: made when rules are first exported, kept by every later revision.
    pub id: String,
    /// 1, 2, … within the lineage.
    pub revision: u32,
    pub set_by: SetBy,
    /// When the revision was made (UTC ms).
    pub set_at_ms: i64,
    /// The revision it was edited from; `None` for the first.
    pub based_on: Option<u32>,
    /// The earlier revisions, oldest first, the last being `based_on` (at most [`MAX_HISTORY`]).
    #[serde(default)]
    pub history: Vec<Ancestor>,
}

/// What a device keeps next to its working rules: the revision they are (or were edited
/// from), and whether they were changed on this device since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesVersion {
    #[serde(flatten)]
    pub stamp: RulesStamp,
    /// SHA-256 of that revision's rules text, as its file carried it: the revision's identity.
    pub config_sha256: String,
    /// Saved in Settings since, to rules other than that revision's.
    pub locally_changed: bool,
}

impl RulesVersion {
    /// A file's revision, applied as it is.
    pub fn of_file(file: &RulesFile) -> RulesVersion {
        RulesVersion { stamp: file.stamp.clone(), config_sha256: file.config_sha256.clone(), locally_changed: false }
    }

    /// A file's revision seen and set aside for this device's own rules: they count as changes
    /// made after it, so this device's next export supersedes both.
    pub fn kept_over(file: &RulesFile) -> RulesVersion {
        RulesVersion { locally_changed: true, ..RulesVersion::of_file(file) }
    }

    /// After rules with the text `saved` were saved in Settings: changed unless they are
    /// exactly this revision's rules again.
    pub fn after_save(&self, saved: &str) -> RulesVersion {
        RulesVersion { locally_changed: sha256_hex(saved.as_bytes()) != self.config_sha256, ..self.clone() }
    }
}

/// A rules file that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesFile {
    /// `(major, minor)` as the file states it.
    pub version: (u32, u32),
    pub stamp: RulesStamp,
    pub config: DomainConfig,
    /// The rules exactly as the file holds them (stored as they are: fields a newer app added
    /// survive).
    pub config_text: String,
    /// SHA-256 of `config_text`.
    pub config_sha256: String,
}

/// The rules as this app writes them: compact JSON, always the same text for the same rules.
pub fn config_text(config: &DomainConfig) -> String {
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string(config).expect("working rules serialise")
}

/// The version an export writes, from the device's current one and its rules' text: that
/// version again when the rules are exactly its revision (re-exporting makes no new revision),
/// else the next revision (`based_on` the current one), set by `set_by` at `now_ms`. A device
/// whose rules never were in a file starts a lineage with `new_id`.
pub fn next_version(current: Option<&RulesVersion>, config_text: &str, set_by: SetBy, now_ms: i64, new_id: String) -> Result<RulesVersion, RulesFileError> {
    let sha = sha256_hex(config_text.as_bytes());
    let stamp = match current {
        Some(v) if !v.locally_changed && v.config_sha256 == sha => return Ok(v.clone()),
        Some(v) => {
            let mut history = v.stamp.history.clone();
            history.push(Ancestor { revision: v.stamp.revision, sha256: v.config_sha256.clone() });
            let skip = history.len().saturating_sub(MAX_HISTORY);
            RulesStamp {
                id: v.stamp.id.clone(),
                revision: v.stamp.revision.checked_add(1).ok_or(RulesFileError::RevisionExhausted)?,
                set_by,
                set_at_ms: now_ms,
                based_on: Some(v.stamp.revision),
                history: history.split_off(skip),
            }
        }
        None => RulesStamp { id: new_id, revision: 1, set_by, set_at_ms: now_ms, based_on: None, history: Vec::new() },
    };
    Ok(RulesVersion { stamp, config_sha256: sha, locally_changed: false })
}

/// A written rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenRules {
    /// e.g. `rules-K7Q-r3.json`.
    pub file_name: String,
    pub text: String,
}

/// The checksum of a file: SHA-256 of `<format> LF <version> LF <rules> LF <config>`, the last
/// two the exact bytes of those values in the file (see `docs/rules-file.md`).
pub fn file_sha256(format: &str, version: &str, rules: &str, config: &str) -> String {
    sha256_hex([format, version, rules, config].join("\n").as_bytes())
}

/// Writes the file of `stamp` with the rules `config_text` (see [`config_text`]).
pub fn write_rules_file(stamp: &RulesStamp, config_text: &str) -> Result<WrittenRules, RulesFileError> {
    let rules = serde_json::to_string(stamp).expect("a rules stamp serialises");
    let version = format!("{FORMAT_MAJOR}.{FORMAT_MINOR}");
    let sha = file_sha256(FORMAT_NAME, &version, &rules, config_text);
    let text = format!("{{\"format\":\"{FORMAT_NAME}\",\"version\":\"{version}\",\n\"rules\":{rules},\n\"config\":{config_text},\n\"sha256\":\"{sha}\"}}\n");
    if text.len() as u64 > MAX_RULES_BYTES {
        return Err(RulesFileError::TooLarge(text.len() as u64));
    }
    Ok(WrittenRules { file_name: file_name(&stamp.set_by.device_code, stamp.revision), text })
}

/// `rules-<device code>-r<revision>.json`; only code characters survive from `code`, so the
/// name is safe on any file system.
pub fn file_name(code: &str, revision: u32) -> String {
    let code: String = code.chars().filter(|c| is_code_char(*c)).take(4).collect();
    let code = if code.is_empty() { "XX".to_string() } else { code };
    format!("rules-{code}-r{revision}.json")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn set_by(code: &str, person: Option<&str>) -> SetBy {
        SetBy { device_id: format!("dev-{code}"), device_code: code.into(), device_name: format!("Device {code}"), person: person.map(Into::into) }
    }

    /// Exports `config` from a device holding `current`; returns the version and the read file.
    pub(crate) fn export(current: Option<&RulesVersion>, config: &DomainConfig, code: &str, now_ms: i64) -> (RulesVersion, RulesFile) {
        let text = config_text(config);
        let v = next_version(current, &text, set_by(code, Some("Lead Chen")), now_ms, "lineage-1".into()).unwrap();
        let written = write_rules_file(&v.stamp, &text).unwrap();
        (v, read_rules_file(written.text.as_bytes()).unwrap())
    }

    #[test]
    fn a_written_file_reads_back_as_written() {
        let config = DomainConfig { staff: vec!["Clerk Li".into()], ..DomainConfig::default() };
        let (v, file) = export(None, &config, "K7Q", 1_764_000_000_000);
        assert_eq!((v.stamp.revision, v.stamp.based_on, v.locally_changed), (1, None, false));
        assert_eq!(file.stamp, v.stamp);
        assert_eq!(file.config, config);
        assert_eq!(file.config_sha256, v.config_sha256);
        assert_eq!(file.version, (1, 0));
        assert_eq!(RulesVersion::of_file(&file), v);
        assert_eq!(write_rules_file(&v.stamp, &config_text(&config)).unwrap().file_name, "rules-K7Q-r1.json");
    }

    #[test]
    fn exporting_makes_a_revision_only_when_the_rules_changed() {
        let config = DomainConfig::default();
        let (r1, _) = export(None, &config, "K7Q", 1);
        let (again, _) = export(Some(&r1), &config, "K7Q", 2);
        assert_eq!(again, r1, "the same rules export as the same revision");
        let edited = DomainConfig { staff: vec!["Engineer Zhao".into()], ..config };
        let saved = r1.after_save(&config_text(&edited));
        assert!(saved.locally_changed);
        let (r2, file) = export(Some(&saved), &edited, "M4P", 3);
        assert_eq!((r2.stamp.id.as_str(), r2.stamp.revision, r2.stamp.based_on, r2.stamp.set_at_ms), ("lineage-1", 2, Some(1), 3));
        assert_eq!(r2.stamp.history, vec![Ancestor { revision: 1, sha256: r1.config_sha256.clone() }]);
        assert_eq!(file.stamp.set_by.device_code, "M4P");
        // Saving the revision's own rules again is no change.
        assert!(!saved.after_save(&config_text(&DomainConfig::default())).locally_changed);
    }

    #[test]
    fn history_is_bounded_and_revisions_do_not_overflow() {
        let mut v = export(None, &DomainConfig::default(), "K7Q", 1).0;
        for i in 0..(MAX_HISTORY + 5) {
            let c = DomainConfig { failed_attempts_to_close: 2 + i as u32 % 7, ..DomainConfig::default() };
            v = export(Some(&RulesVersion { locally_changed: true, ..v }), &c, "K7Q", 2).0;
        }
        assert_eq!(v.stamp.history.len(), MAX_HISTORY);
        assert_eq!(v.stamp.history.last().map(|a| a.revision), v.stamp.based_on);
        let last = RulesVersion { stamp: RulesStamp { revision: u32::MAX, ..v.stamp.clone() }, locally_changed: true, ..v };
        let text = config_text(&DomainConfig::default());
        assert_eq!(next_version(Some(&last), &text, set_by("K7Q", None), 1, "x".into()), Err(RulesFileError::RevisionExhausted));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("K7Q", 12), "rules-K7Q-r12.json");
        assert_eq!(file_name("../\u{202E}", 1), "rules-XX-r1.json");
    }
}

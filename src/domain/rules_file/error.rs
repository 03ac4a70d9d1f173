//! What can be wrong with a rules file. Every variant has a stable `code()` the UI translates;
//! reading stops at the first problem and nothing on the device is changed.

use thiserror::Error;

use super::{FORMAT_NAME, MAX_RULES_BYTES};

/// Why a rules file was not read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RulesFileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {MAX_RULES_BYTES} bytes ({0} bytes)")]
    TooLarge(u64),
    #[error("the file is not text ({0})")]
    Binary(&'static str),
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file ends early (cut off while copying?)")]
    Truncated,
    #[error("the file is JSON but not a {FORMAT_NAME} file")]
    NotRules,
    /// A batch of complaints picked where a rules file was expected.
    #[error("the file is a batch of complaints, not a rules file")]
    IsBatch,
    #[error("the file is a {0:?} file, not a {FORMAT_NAME} file")]
    WrongFormat(String),
    #[error("the rules file version {0:?} is not a version this app knows")]
    BadVersion(String),
    #[error("the rules file was written by a newer app (version {0}); update this app first")]
    NewerVersion(String),
    #[error("the rules file is malformed: {0}")]
    Malformed(String),
    #[error("the rules file's checksum does not match its content (changed or damaged)")]
    ChecksumMismatch,
    /// The `config` part is not working rules this app can read.
    #[error("the rules in the file cannot be read: {0}")]
    ConfigUnreadable(String),
    /// The rules read, but the domain's checks refuse them (the failing part's code).
    #[error("the rules in the file do not pass the checks: {0}")]
    Invalid(&'static str),
    /// A lineage has used every revision number (a device would have to export 4 billion times).
    #[error("the rules cannot get another revision number")]
    RevisionExhausted,
}

impl RulesFileError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            RulesFileError::Empty => "rules_file_empty",
            RulesFileError::TooLarge(_) => "rules_file_too_large",
            RulesFileError::Binary(_) => "rules_file_binary",
            RulesFileError::NotJson(_) => "rules_file_not_json",
            RulesFileError::Truncated => "rules_file_truncated",
            RulesFileError::NotRules => "rules_file_not_rules",
            RulesFileError::IsBatch => "rules_file_is_batch",
            RulesFileError::WrongFormat(_) => "rules_file_wrong_format",
            RulesFileError::BadVersion(_) => "rules_file_bad_version",
            RulesFileError::NewerVersion(_) => "rules_file_newer_version",
            RulesFileError::Malformed(_) => "rules_file_malformed",
            RulesFileError::ChecksumMismatch => "rules_file_checksum_mismatch",
            RulesFileError::ConfigUnreadable(_) => "rules_file_config_unreadable",
            RulesFileError::Invalid(_) => "rules_file_invalid",
            RulesFileError::RevisionExhausted => "rules_revision_exhausted",
        }
    }

    /// The domain's code for the refused part of `Invalid` rules (`mask_ambiguous`, …).
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            RulesFileError::Invalid(code) => Some(code),
            _ => None,
        }
    }
}

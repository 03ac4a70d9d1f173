//! What can be wrong with a batch: a whole-file problem ([`BatchError`]: nothing is imported)
//! or a record problem ([`Problem`]: that record goes to quarantine, the rest is imported).
//! Every variant has a stable `code()` the UI translates.

use thiserror::Error;

use super::format::{FORMAT_NAME, MAX_BATCH_BYTES};
use crate::domain::errors::CommandError;
use crate::domain::event_rules::EventError;

/// A problem with the whole file. Reading stops; nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BatchError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {MAX_BATCH_BYTES} bytes ({0} bytes)")]
    TooLarge(u64),
    #[error("the file is an image ({0}), not a batch")]
    Image(&'static str),
    #[error("the file is not text ({0})")]
    Binary(&'static str),
    #[error("the file is a table (CSV), not a batch")]
    Csv,
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file ends early (cut off while copying?)")]
    Truncated,
    #[error("the file is JSON but not a {FORMAT_NAME} batch")]
    NotABatch,
    #[error("the file is a {0:?} file, not a {FORMAT_NAME} batch")]
    WrongFormat(String),
    #[error("the batch version {0:?} is not a version this app knows")]
    BadVersion(String),
    #[error("the batch was written by a newer app (version {0}); update this app first")]
    NewerVersion(String),
    #[error("the batch is malformed: {0}")]
    Malformed(String),
    #[error("the batch's checksum does not match its content (changed or damaged)")]
    ChecksumMismatch,
    #[error("the manifest says {declared} {what} but the file holds {found}")]
    CountMismatch { what: &'static str, declared: u64, found: u64 },
    #[error("the batch is redacted (personal data removed) and cannot be imported as complaints")]
    Redacted,
    /// Opening a file as a sealed batch that is a plain one: nothing to decrypt.
    #[error("the file is a plain batch, not an encrypted one")]
    NotSealed,
    #[error("the encrypted batch is malformed: {0}")]
    SealedMalformed(String),
    /// A sealed batch given to the plain reader: ask for the passphrase, then open it.
    #[error("the batch is encrypted: its passphrase is needed to read it")]
    PassphraseNeeded,
    /// Decryption failed. AES-GCM cannot tell a wrong key from a changed file, so neither can we.
    #[error("the passphrase is wrong, or the encrypted batch was changed or damaged")]
    WrongPassphrase,
}

impl BatchError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            BatchError::Empty => "batch_empty",
            BatchError::TooLarge(_) => "batch_too_large",
            BatchError::Image(_) => "batch_is_image",
            BatchError::Binary(_) => "batch_binary",
            BatchError::Csv => "batch_is_csv",
            BatchError::NotJson(_) => "batch_not_json",
            BatchError::Truncated => "batch_truncated",
            BatchError::NotABatch => "batch_not_a_batch",
            BatchError::WrongFormat(_) => "batch_wrong_format",
            BatchError::BadVersion(_) => "batch_bad_version",
            BatchError::NewerVersion(_) => "batch_newer_version",
            BatchError::Malformed(_) => "batch_malformed",
            BatchError::ChecksumMismatch => "batch_checksum_mismatch",
            BatchError::CountMismatch { .. } => "batch_count_mismatch",
            BatchError::Redacted => "batch_redacted",
            BatchError::NotSealed => "batch_not_sealed",
            BatchError::SealedMalformed(_) => "batch_sealed_malformed",
            BatchError::PassphraseNeeded => "batch_passphrase_needed",
            BatchError::WrongPassphrase => "batch_wrong_passphrase",
        }
    }
}

/// Why one record (an event or an attachment entry) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    #[error("the entry is not a well-formed event entry: {0}")]
    Malformed(String),
    #[error("the text's checksum does not match")]
    ChecksumMismatch,
    #[error("the event does not pass validation: {0}")]
    Invalid(EventError),
    #[error("the file holds this id more than once with different content")]
    DuplicateInFile,
    #[error("this device holds an event with the same id and different content")]
    ConflictsWithStored,
    #[error("the event claims to come from this device, which does not have it")]
    OwnEventMissing,
    #[error("a redacted copy of an event whose complaint was not anonymised")]
    RedactedNotAnonymised,
    #[error("the attachment's content is not valid base64")]
    AttachmentData,
    #[error("the attachment's size does not match its content")]
    AttachmentSize,
    #[error("the attachment is not acceptable: {0}")]
    AttachmentInvalid(CommandError),
}

impl Problem {
    /// Stable code the UI translates. A validation failure keeps the event rule's own code
    /// (`event_hlc_out_of_range`, `event_bad_id`, …), which the UI already knows.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Malformed(_) => "record_malformed",
            Problem::ChecksumMismatch => "record_checksum_mismatch",
            Problem::Invalid(e) => e.code(),
            Problem::DuplicateInFile => "record_duplicate_conflict",
            Problem::ConflictsWithStored => "record_conflicts_with_stored",
            Problem::OwnEventMissing => "record_own_event_missing",
            Problem::RedactedNotAnonymised => "record_redacted_not_anonymised",
            Problem::AttachmentData => "attachment_bad_data",
            Problem::AttachmentSize => "attachment_size_mismatch",
            Problem::AttachmentInvalid(_) => "attachment_invalid",
        }
    }

    /// The broken text or payload rule (`bidi_control`, `time_out_of_range`, …) where there is one.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Problem::Invalid(e) => e.rule(),
            Problem::AttachmentInvalid(e) => Some(e.code()),
            _ => None,
        }
    }
}

/// Which list of the file a record is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Events,
    Attachments,
}

/// A refused record, with everything quarantine keeps: where it was, what it said it was,
/// why it was refused, and its original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub section: Section,
    /// Position in its list (0-based).
    pub index: usize,
    /// The event id or attachment key it claims, when readable.
    pub id: Option<String>,
    pub complaint: Option<String>,
    pub problem: Problem,
    /// The entry exactly as it was in the file.
    pub original: String,
}

impl Refusal {
    /// A quarantine key that is the same each time the same file is imported, so importing
    /// it twice replaces rather than repeats its quarantined records.
    pub fn quarantine_id(&self, file_sha256: &str) -> String {
        let section = match self.section {
            Section::Events => "events",
            Section::Attachments => "attachments",
        };
        format!("batch:{file_sha256}:{section}:{}", self.index)
    }

    /// The reason as quarantine stores it: the code, the rule if any, then the explanation.
    pub fn reason(&self) -> String {
        match self.problem.rule() {
            Some(rule) => format!("{} ({rule}): {}", self.problem.code(), self.problem),
            None => format!("{}: {}", self.problem.code(), self.problem),
        }
    }
}

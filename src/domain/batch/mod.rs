//! Batch files (SPEC §13): complaints travel between tablets as JSON files. The format is
//! written down in `docs/batch-format.md`.
//!
//! - Export: [`select::select`] (or the store's indexes with [`select::picks`] and
//!   [`select::companions`]), then [`write::write_batch`] or [`redact::write_redacted_batch`].
//! - Import: [`sniff::check_size`] before reading the file, [`read::read_batch`] (whole-file
//!   checks, then each record), [`read::ReadBatch::needs`] to load a [`import::Snapshot`],
//!   [`import::plan_import`] for the preview, then [`import::ImportPlan::chunks`] to store it.
//! - Sealed (passphrase-encrypted) files: [`sealed::is_sealed`] picks the reader;
//!   [`sealed::open_envelope`] checks the envelope, the browser decrypts, and the plaintext is
//!   an ordinary batch for [`read::read_batch`] (which refuses a sealed file with
//!   [`BatchError::PassphraseNeeded`]).
//!
//! Whole-file problems are [`error::BatchError`]s (nothing is imported); record problems are
//! [`error::Refusal`]s (the record goes to quarantine with its reason, the rest is imported).

pub mod checksum;
pub mod entries;
pub mod error;
pub mod format;
pub mod import;
pub mod read;
pub mod records;
pub mod redact;
pub mod retry;
pub mod sealed;
pub mod select;
pub mod sniff;
pub mod write;

pub use error::{BatchError, Problem, Refusal, Section};
pub use format::{file_name, Manifest, Selection, FORMAT_NAME, MAX_BATCH_BYTES};
pub use import::{plan_import, ImportPlan, Snapshot, Stored};
pub use read::{read_batch, ReadBatch, ReadOptions};
pub use sealed::{is_sealed, open_envelope, seal_envelope, SealParams, SealedEnvelope};
pub use write::{write_batch, AttachmentFile, ExportRequest, WrittenBatch};

#[cfg(test)]
pub(crate) mod tests;

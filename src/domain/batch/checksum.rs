//! SHA-256 checksums of a batch: one per event text, one per attachment's content, and one
//! for the file.
//!
//! The file checksum covers the exact bytes of the checked parts as they appear in the file,
//! so nothing is re-serialised (JSON has no canonical form): it is the SHA-256 of
//!
//! ```text
//! <format> LF <version> LF <manifest> LF <events> LF <attachments>
//! ```
//!
//! where `<format>` and `<version>` are the decoded string values, `<manifest>`, `<events>`
//! and `<attachments>` the raw bytes of those values from their first to their last
//! character (`null` when `attachments` is absent), and LF is the byte 0x0A. It detects a
//! truncated, corrupted or edited file; it is not a signature (anyone can recompute it).

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// True for 64 hex digits equal to `expected` (case ignored: hex is hex).
pub fn matches(given: &str, expected: &str) -> bool {
    given.len() == 64 && given.eq_ignore_ascii_case(expected)
}

/// The file checksum over the raw parts (see the module documentation).
pub fn file_sha256(format: &str, version: &str, manifest: &str, events: &str, attachments: Option<&str>) -> String {
    let mut h = Sha256::new();
    for (i, part) in [format, version, manifest, events, attachments.unwrap_or("null")].into_iter().enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(file_sha256("a", "b", "c", "d", Some("e")), sha256_hex(b"a\nb\nc\nd\ne"));
        assert_eq!(file_sha256("a", "b", "c", "d", None), sha256_hex(b"a\nb\nc\nd\nnull"));
        assert!(matches(&sha256_hex(b"abc").to_uppercase(), &sha256_hex(b"abc")));
        assert!(!matches("ba78", "ba78"));
    }
}

//! Sealed (passphrase-encrypted) batch files: the envelope around a batch that travels on USB
//! sticks and through chat apps. The envelope is one JSON object:
//!
//! ```text
//! {"format":"complaint-desk-batch-sealed","version":"1.0",
//!  "kdf":{"name":"PBKDF2-SHA-256","iterations":600000,"salt":"<base64>"},
//!  "cipher":{"name":"AES-256-GCM","iv":"<base64>"},"data":"<base64 of ciphertext+tag>"}
//! ```
//!
//! The plaintext is the exact bytes of a plain batch file. This module only writes and checks
//! the envelope; the key derivation and AES-GCM run in the browser (`browser/crypto.rs`, Web
//! Crypto), so the domain stays pure. Every number and length in the envelope is checked here
//! before any key is derived: a hostile file must not make the tablet run PBKDF2 for hours.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::BatchError;
use super::format::{FORMAT_NAME, MAX_BATCH_BYTES};
use super::read::{read_version, shown, string};
use super::sniff::sniff;

/// The value of `format` of a sealed batch.
pub const SEALED_FORMAT_NAME: &str = "complaint-desk-batch-sealed";
/// The envelope's major version; a larger one is refused as newer.
pub const SEALED_MAJOR: u32 = 1;
/// The envelope's minor version this app writes (minors only add optional fields).
pub const SEALED_MINOR: u32 = 0;
/// `kdf.name`: PBKDF2 with HMAC-SHA-256 over the passphrase's UTF-8 bytes.
pub const KDF_NAME: &str = "PBKDF2-SHA-256";
/// `cipher.name`: AES-GCM with a 256-bit key and a 128-bit tag appended to the ciphertext.
pub const CIPHER_NAME: &str = "AES-256-GCM";
/// The iteration count this app writes (OWASP's 2023 advice for PBKDF2-HMAC-SHA-256). It is
/// stored in each file, so a later version can raise it and still open older files.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Iteration counts a reader accepts: fewer makes guessing cheap (nobody's file has that);
/// more would keep a tablet busy for minutes on a hostile file.
pub const ITERATIONS_ACCEPTED: RangeInclusive<u32> = 100_000..=10_000_000;
/// Salt length (bytes), random per file.
pub const SALT_LEN: usize = 16;
/// AES-GCM nonce length (bytes), random per file: one key never sees the same IV twice.
pub const IV_LEN: usize = 12;
/// AES-GCM tag length (bytes), at the end of `data`.
pub const TAG_LEN: usize = 16;
/// Room left in a sealed file for everything but `data` (the header is under 250 bytes).
const ENVELOPE_ROOM: u64 = 1024;
/// The largest plain batch that can be sealed: the sealed file (base64 grows it by a third)
/// must stay within [`MAX_BATCH_BYTES`], so `sniff::check_size` on the file size is the one
/// gate for every batch file, sealed or not.
pub const MAX_SEALED_PLAIN_BYTES: u64 = (MAX_BATCH_BYTES - ENVELOPE_ROOM) / 4 * 3 - TAG_LEN as u64;

/// The key derivation and cipher parameters of one sealed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SealParams {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub iv: [u8; IV_LEN],
}

impl SealParams {
    /// Parameters for a new file, with this app's iteration count; `salt` and `iv` must come
    /// from a cryptographic random source.
    pub fn new(salt: [u8; SALT_LEN], iv: [u8; IV_LEN]) -> Self {
        SealParams { iterations: PBKDF2_ITERATIONS, salt, iv }
    }
}

/// A sealed file whose envelope passed every check: ready to derive the key and decrypt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedEnvelope {
    /// `(major, minor)` as the file states it.
    pub version: (u32, u32),
    pub params: SealParams,
    /// AES-GCM output: the ciphertext followed by the [`TAG_LEN`]-byte tag.
    pub ciphertext: Vec<u8>,
}

/// The text of a sealed file. Every value is a constant, a number or base64, none of which
/// needs escaping in JSON, so the text is written directly (and `data` is not copied twice).
pub fn seal_envelope(params: &SealParams, ciphertext: &[u8]) -> String {
    format!(
        r#"{{"format":"{SEALED_FORMAT_NAME}","version":"{SEALED_MAJOR}.{SEALED_MINOR}","kdf":{{"name":"{KDF_NAME}","iterations":{},"salt":"{}"}},"cipher":{{"name":"{CIPHER_NAME}","iv":"{}"}},"data":"{}"}}"#,
        params.iterations,
        STANDARD.encode(params.salt),
        STANDARD.encode(params.iv),
        STANDARD.encode(ciphertext),
    )
}

/// The top level, each part raw so the checks can run in a fixed order (format and version
/// first, so another file or a newer envelope is reported as such whatever its layout).
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    #[serde(borrow)]
    kdf: Option<&'a RawValue>,
    #[serde(borrow)]
    cipher: Option<&'a RawValue>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Kdf {
    name: String,
    /// Wider than the accepted range, so a huge count is "out of range", not "not a number".
    iterations: u64,
    salt: String,
}

#[derive(Deserialize)]
struct Cipher {
    name: String,
    iv: String,
}

/// Reads and checks a sealed file's envelope (format, version, kdf, iteration range, salt and
/// IV lengths, base64, sizes). It decrypts nothing: a wrong passphrase is found by the cipher.
pub fn open_envelope(bytes: &[u8]) -> Result<SealedEnvelope, BatchError> {
    let text = sniff(bytes)?;
    let top: Top = serde_json::from_str(text).map_err(envelope_json_error)?;
    let format = top.format.ok_or(BatchError::NotABatch)?;
    let format = string(format).ok_or_else(|| BatchError::WrongFormat(shown(format.get())))?;
    if format == FORMAT_NAME {
        return Err(BatchError::NotSealed);
    }
    if format != SEALED_FORMAT_NAME {
        return Err(BatchError::WrongFormat(shown(&format)));
    }
    let (_, version) = read_version(top.version, SEALED_MAJOR)?;
    let bad = |what: String| BatchError::SealedMalformed(what);

    let kdf: Kdf = part(top.kdf, "kdf", "{name, iterations, salt}")?;
    if kdf.name != KDF_NAME {
        return Err(bad(format!("unknown key derivation {:?}", shown(&kdf.name))));
    }
    let iterations = u32::try_from(kdf.iterations).ok().filter(|n| ITERATIONS_ACCEPTED.contains(n));
    let iterations = iterations.ok_or_else(|| {
        bad(format!("{} iterations is outside {}..={}", kdf.iterations, ITERATIONS_ACCEPTED.start(), ITERATIONS_ACCEPTED.end()))
    })?;
    let salt = fixed::<SALT_LEN>(&kdf.salt, "kdf.salt")?;

    let cipher: Cipher = part(top.cipher, "cipher", "{name, iv}")?;
    if cipher.name != CIPHER_NAME {
        return Err(bad(format!("unknown cipher {:?}", shown(&cipher.name))));
    }
    let iv = fixed::<IV_LEN>(&cipher.iv, "cipher.iv")?;

    let data = top.data.ok_or_else(|| bad("data is missing".into()))?;
    // Base64 never needs escapes, so the text is normally borrowed; a writer that escapes
    // `/` as `\/` is still read.
    let data: Cow<str> = match serde_json::from_str::<&str>(data.get()) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(serde_json::from_str::<String>(data.get()).map_err(|_| bad("data is not a string".into()))?),
    };
    let largest = MAX_SEALED_PLAIN_BYTES as usize + TAG_LEN;
    if base64::encoded_len(largest, true).is_some_and(|max| data.len() > max) {
        return Err(bad("data is larger than a sealed batch can be".into()));
    }
    let ciphertext = STANDARD.decode(data.as_bytes()).map_err(|_| bad("data is not base64".into()))?;
    if ciphertext.len() <= TAG_LEN {
        return Err(bad("data is too short to hold a batch and its tag".into()));
    }
    Ok(SealedEnvelope { version, params: SealParams { iterations, salt, iv }, ciphertext })
}

/// Whether the file claims to be a sealed batch: a JSON object whose `format` is
/// [`SEALED_FORMAT_NAME`]. Decides which reader to use (and whether to ask for a passphrase);
/// it does not check the rest of the envelope ([`open_envelope`] does).
pub fn is_sealed(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Format<'a> {
        #[serde(borrow)]
        format: Option<&'a RawValue>,
    }
    let Ok(text) = sniff(bytes) else { return false };
    let format = serde_json::from_str::<Format>(text).ok().and_then(|f| f.format).and_then(string);
    format.as_deref() == Some(SEALED_FORMAT_NAME)
}

/// A sealed file's JSON errors: the shape is the envelope's, so a wrong shape (a key twice, a
/// part of the wrong type) is a malformed envelope rather than a malformed batch.
fn envelope_json_error(e: serde_json::Error) -> BatchError {
    match super::sniff::json_error(e) {
        BatchError::Malformed(m) => BatchError::SealedMalformed(m),
        other => other,
    }
}

/// A required object part of the envelope, parsed. The message names the expected shape,
/// never the file's content.
fn part<T: for<'de> Deserialize<'de>>(raw: Option<&RawValue>, what: &str, shape: &str) -> Result<T, BatchError> {
    let raw = raw.ok_or_else(|| BatchError::SealedMalformed(format!("{what} is missing")))?;
    serde_json::from_str(raw.get()).map_err(|_| BatchError::SealedMalformed(format!("{what} is not {shape}")))
}

/// Base64 that must decode to exactly `N` bytes.
fn fixed<const N: usize>(text: &str, what: &str) -> Result<[u8; N], BatchError> {
    let bytes = STANDARD.decode(text.as_bytes()).map_err(|_| BatchError::SealedMalformed(format!("{what} is not base64")))?;
    bytes.try_into().map_err(|_| BatchError::SealedMalformed(format!("{what} must be {N} bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::batch::read::{read_batch, ReadOptions};
    use serde_json::{json, Value};

    fn params() -> SealParams {
        SealParams::new([7; SALT_LEN], [9; IV_LEN])
    }

    fn sealed() -> String {
        seal_envelope(&params(), b"ciphertext and a 16-byte tag")
    }

    /// The sealed file with one value replaced (`path` like `kdf.iterations`).
    fn edited(path: &str, value: Value) -> Vec<u8> {
        let mut v: Value = serde_json::from_str(&sealed()).unwrap();
        let mut at = &mut v;
        let mut keys: Vec<&str> = path.split('.').collect();
        let last = keys.pop().unwrap();
        for k in keys {
            at = &mut at[k];
        }
        if value.is_null() {
            at.as_object_mut().unwrap().remove(last);
        } else {
            at[last] = value;
        }
        v.to_string().into_bytes()
    }

    fn code(bytes: &[u8]) -> &'static str {
        open_envelope(bytes).unwrap_err().code()
    }

    #[test]
    fn the_envelope_round_trips() {
        let text = sealed();
        let want = r#"{"format":"complaint-desk-batch-sealed","version":"1.0","kdf":{"name":"PBKDF2-SHA-256","iterations":600000,"salt":"BwcHBwcHBwcHBwcHBwcHBw=="},"cipher":{"name":"AES-256-GCM","iv":"CQkJCQkJCQkJCQkJ"},"data":"Y2lwaGVydGV4dCBhbmQgYSAxNi1ieXRlIHRhZw=="}"#;
        assert_eq!(text, want);
        let e = open_envelope(text.as_bytes()).unwrap();
        assert_eq!(e, SealedEnvelope { version: (1, 0), params: params(), ciphertext: b"ciphertext and a 16-byte tag".to_vec() });
        assert!(is_sealed(text.as_bytes()));
        // Any key order, white space, a byte order mark, escaped slashes and unknown keys of a newer minor.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["version"] = json!("1.4");
        v["comment"] = json!({"added": "in 1.4"});
        v["kdf"]["pepper"] = json!(null);
        let pretty = format!("\u{FEFF}{}", serde_json::to_string_pretty(&v).unwrap()).replace("/", "\\/");
        let e2 = open_envelope(pretty.as_bytes()).unwrap();
        assert_eq!((e2.version, e2.params, e2.ciphertext), ((1, 4), e.params, e.ciphertext));
    }

    #[test]
    fn every_malformed_envelope_has_its_error() {
        // One byte more than the largest batch can seal to: within the file limit, refused as data.
        let too_long = seal_envelope(&params(), &vec![0u8; MAX_SEALED_PLAIN_BYTES as usize + TAG_LEN + 1]).into_bytes();
        assert!(too_long.len() as u64 <= MAX_BATCH_BYTES);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (edited("version", json!("2.0")), "batch_newer_version"),
            (edited("version", json!("0.9")), "batch_bad_version"),
            (edited("version", json!(1.0)), "batch_bad_version"),
            (edited("version", Value::Null), "batch_bad_version"),
            (edited("format", json!("complaint-desk-config")), "batch_wrong_format"),
            (edited("format", json!(7)), "batch_wrong_format"),
            (edited("format", Value::Null), "batch_not_a_batch"),
            (edited("format", json!(FORMAT_NAME)), "batch_not_sealed"),
            (edited("kdf.name", json!("scrypt")), "batch_sealed_malformed"),
            (edited("kdf.name", json!("PBKDF2-SHA-1")), "batch_sealed_malformed"),
            (edited("kdf.iterations", json!(1_000_000_000_000u64)), "batch_sealed_malformed"),
            (edited("kdf.iterations", json!(99_999)), "batch_sealed_malformed"),
            (edited("kdf.iterations", json!(10_000_001)), "batch_sealed_malformed"),
            (edited("kdf.iterations", json!(-600_000)), "batch_sealed_malformed"),
            (edited("kdf.iterations", json!(600_000.5)), "batch_sealed_malformed"),
            (edited("kdf.iterations", json!("600000")), "batch_sealed_malformed"),
            (edited("kdf.salt", json!("BwcHBwcHBwcHBwcHBwcH")), "batch_sealed_malformed"),
            (edited("kdf.salt", json!("not base64!")), "batch_sealed_malformed"),
            (edited("kdf", json!("PBKDF2")), "batch_sealed_malformed"),
            (edited("kdf", Value::Null), "batch_sealed_malformed"),
            (edited("cipher.name", json!("AES-128-CBC")), "batch_sealed_malformed"),
            (edited("cipher.iv", json!(STANDARD.encode([1u8; 16]))), "batch_sealed_malformed"),
            (edited("cipher.iv", json!("CQkJCQkJCQkJCQk")), "batch_sealed_malformed"),
            (edited("cipher", Value::Null), "batch_sealed_malformed"),
            (edited("data", json!("not base64!")), "batch_sealed_malformed"),
            (edited("data", json!("Y2lwaGVydGV4dA = =")), "batch_sealed_malformed"),
            (edited("data", json!(STANDARD.encode([0u8; TAG_LEN]))), "batch_sealed_malformed"),
            (edited("data", json!(42)), "batch_sealed_malformed"),
            (edited("data", Value::Null), "batch_sealed_malformed"),
            (too_long, "batch_sealed_malformed"),
            (sealed().replacen(r#""version":"1.0","#, r#""version":"1.0","version":"1.0","#, 1).into_bytes(), "batch_sealed_malformed"),
            (sealed().as_bytes()[..sealed().len() / 2].to_vec(), "batch_truncated"),
            (format!("{}{}", sealed(), sealed()).into_bytes(), "batch_not_json"),
            (b"".to_vec(), "batch_empty"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "batch_is_image"),
            (b"[1]".to_vec(), "batch_not_a_batch"),
        ];
        for (bytes, want) in cases {
            assert_eq!(code(&bytes), want, "{}", String::from_utf8_lossy(&bytes[..bytes.len().min(300)]));
        }
        assert_eq!(check_size_of(MAX_BATCH_BYTES as usize + 1), "batch_too_large");
    }

    fn check_size_of(len: usize) -> &'static str {
        code(&vec![b' '; len])
    }

    #[test]
    fn the_accepted_iteration_range_is_inclusive() {
        for n in [*ITERATIONS_ACCEPTED.start(), PBKDF2_ITERATIONS, *ITERATIONS_ACCEPTED.end()] {
            let env = open_envelope(&edited("kdf.iterations", json!(n))).unwrap();
            assert_eq!(env.params.iterations, n);
        }
    }

    #[test]
    fn a_sealed_file_of_the_largest_batch_fits_the_file_limit() {
        let header = seal_envelope(&SealParams { iterations: *ITERATIONS_ACCEPTED.end(), ..params() }, &[]).len() as u64;
        assert!(header < ENVELOPE_ROOM);
        let data = base64::encoded_len(MAX_SEALED_PLAIN_BYTES as usize + TAG_LEN, true).unwrap() as u64;
        assert!(header + data <= MAX_BATCH_BYTES, "{header} + {data}");
        // …and most of a plain batch's allowance remains.
        const { assert!(MAX_SEALED_PLAIN_BYTES > 47 * 1024 * 1024) };
    }

    #[test]
    fn sniffing_a_sealed_file() {
        assert!(is_sealed(sealed().as_bytes()));
        // Only the format is looked at: a damaged envelope is still a sealed file.
        assert!(is_sealed(&edited("kdf.iterations", json!(1_000_000_000_000u64))));
        assert!(is_sealed(&edited("data", json!("not base64!"))));
        assert!(is_sealed(format!("\u{FEFF} {}", sealed()).as_bytes()));
        assert!(!is_sealed(&edited("format", json!(FORMAT_NAME))));
        assert!(!is_sealed(&edited("format", json!("complaint-desk-batch-sealed "))));
        assert!(!is_sealed(&edited("format", Value::Null)));
        assert!(!is_sealed(&sealed().as_bytes()[..100]));
        assert!(!is_sealed(format!("[{}]", sealed()).as_bytes()));
        assert!(!is_sealed(format!(r#"{{"x":{}}}"#, sealed()).as_bytes()));
        assert!(!is_sealed(b""));
        assert!(!is_sealed(b"\xFF\xD8\xFF\xE0"));
        assert!(!is_sealed(format!("{}{}", sealed(), sealed()).as_bytes()));
    }

    #[test]
    fn the_plain_reader_asks_for_the_passphrase() {
        let read = |b: &[u8]| read_batch(b, ReadOptions::default()).unwrap_err();
        assert_eq!(read(sealed().as_bytes()), BatchError::PassphraseNeeded);
        assert_eq!(read(format!("\u{FEFF}{}", sealed()).as_bytes()), BatchError::PassphraseNeeded);
        // A damaged or newer envelope says so at once, before anyone types a passphrase.
        assert_eq!(read(&edited("kdf.iterations", json!(1_000_000_000_000u64))).code(), "batch_sealed_malformed");
        assert_eq!(read(&edited("version", json!("2.0"))).code(), "batch_newer_version");
    }

    #[test]
    fn error_codes_are_stable() {
        assert_eq!(BatchError::NotSealed.code(), "batch_not_sealed");
        assert_eq!(BatchError::SealedMalformed(String::new()).code(), "batch_sealed_malformed");
        assert_eq!(BatchError::PassphraseNeeded.code(), "batch_passphrase_needed");
        assert_eq!(BatchError::WrongPassphrase.code(), "batch_wrong_passphrase");
    }

    #[test]
    fn messages_do_not_carry_the_file_s_text_unchecked() {
        let e = open_envelope(&edited("kdf.name", json!("x\u{202E}y\n"))).unwrap_err();
        let text = e.to_string();
        assert!(!text.contains('\u{202E}') && !text.contains('\n'), "{text}");
    }
}

//! Browser tests (headless Chromium): sealing a batch file with a passphrase and opening it
//! again through Web Crypto; a wrong passphrase or a changed byte is `batch_wrong_passphrase`,
//! a plain batch is not a sealed one, and an empty passphrase is refused before any crypto.
#![cfg(target_arch = "wasm32")]

use complaint_desk::browser::crypto::{open, seal, SealError};
use complaint_desk::domain::batch::sealed::{is_sealed, open_envelope, PBKDF2_ITERATIONS};
use complaint_desk::domain::batch::{read_batch, write_batch, BatchError, ExportRequest, ReadOptions, Selection};
use complaint_desk::domain::device::DeviceIdentity;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSPHRASE: &str = "柜台 tablet 7 — correct horse";

/// A plain batch file without events, as the app writes it.
fn plain_batch() -> Vec<u8> {
    let device = DeviceIdentity { id: "0123456789abcdef0123456789abcdef".into(), code: "K7Q".into(), name: "Counter tablet".into() };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let request = ExportRequest { device: &device, created_ms: 1_795_600_000_000, day, sequence: 1, selection: Selection::All };
    write_batch(&request, [], &[]).unwrap().text.into_bytes()
}

/// A 1 MB payload of every byte value (no repetition a broken cipher mode could hide behind).
fn payload() -> Vec<u8> {
    (0..1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
}

#[wasm_bindgen_test]
async fn a_sealed_megabyte_opens_with_its_passphrase() {
    let plain = payload();
    let sealed = seal(&plain, PASSPHRASE).await.unwrap();
    assert!(is_sealed(sealed.as_bytes()));
    let envelope = open_envelope(sealed.as_bytes()).unwrap();
    assert_eq!(envelope.params.iterations, PBKDF2_ITERATIONS);
    assert_eq!(envelope.ciphertext.len(), plain.len() + 16, "ciphertext and a 128-bit tag");
    assert_eq!(open(sealed.as_bytes(), PASSPHRASE).await.unwrap(), plain);

    // A batch sealed and opened is the same batch, byte for byte, and reads as one.
    let batch = plain_batch();
    let sealed_batch = seal(&batch, PASSPHRASE).await.unwrap();
    assert_eq!(read_batch(sealed_batch.as_bytes(), ReadOptions::default()).unwrap_err(), BatchError::PassphraseNeeded);
    let opened = open(sealed_batch.as_bytes(), PASSPHRASE).await.unwrap();
    assert_eq!(opened, batch);
    assert!(read_batch(&opened, ReadOptions::default()).is_ok());

    // Every file gets its own salt and IV.
    let again = open_envelope(seal(&batch, PASSPHRASE).await.unwrap().as_bytes()).unwrap();
    let first = open_envelope(sealed_batch.as_bytes()).unwrap();
    assert_ne!(again.params.salt, first.params.salt);
    assert_ne!(again.params.iv, first.params.iv);
    assert_ne!(again.ciphertext, first.ciphertext);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_a_changed_byte_is_refused() {
    let batch = plain_batch();
    let sealed = seal(&batch, PASSPHRASE).await.unwrap();
    let wrong = open(sealed.as_bytes(), "柜台 tablet 7 — correct horsf").await.unwrap_err();
    assert_eq!(wrong, SealError::Batch(BatchError::WrongPassphrase));
    assert_eq!(wrong.code(), "batch_wrong_passphrase");

    // Flip one bit of the ciphertext (first byte of data) and of the tag (last byte of data).
    let envelope = open_envelope(sealed.as_bytes()).unwrap();
    for at in [0, envelope.ciphertext.len() - 1] {
        let mut ciphertext = envelope.ciphertext.clone();
        ciphertext[at] ^= 0x01;
        let changed = complaint_desk::domain::batch::seal_envelope(&envelope.params, &ciphertext);
        assert!(open_envelope(changed.as_bytes()).is_ok(), "the envelope itself is still well formed");
        assert_eq!(open(changed.as_bytes(), PASSPHRASE).await.unwrap_err(), SealError::Batch(BatchError::WrongPassphrase), "byte {at}");
    }
}

#[wasm_bindgen_test]
async fn a_plain_batch_is_not_a_sealed_one() {
    let batch = plain_batch();
    let e = open(&batch, PASSPHRASE).await.unwrap_err();
    assert_eq!(e, SealError::Batch(BatchError::NotSealed));
    assert_eq!(e.code(), "batch_not_sealed");
    assert_eq!(open(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", PASSPHRASE).await.unwrap_err().code(), "batch_is_image");
}

#[wasm_bindgen_test]
async fn an_empty_passphrase_is_refused() {
    let batch = plain_batch();
    for blank in ["", "   ", "\t\n"] {
        let e = seal(&batch, blank).await.unwrap_err();
        assert_eq!(e, SealError::PassphraseEmpty);
        assert_eq!(e.code(), "passphrase_empty");
    }
    let sealed = seal(&batch, PASSPHRASE).await.unwrap();
    assert_eq!(open(sealed.as_bytes(), "").await.unwrap_err(), SealError::PassphraseEmpty);
}

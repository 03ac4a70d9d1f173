//! Sealing and opening batch files with a passphrase through Web Crypto: PBKDF2-HMAC-SHA-256
//! derives an AES-256-GCM key from the passphrase, a random salt and the file's iteration
//! count. The envelope and all its checks are the domain's (`domain/batch/sealed.rs`); this
//! module only runs the browser's native crypto, which is fast and keeps keys out of wasm memory.

use js_sys::{Array, Reflect, Uint8Array};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, Crypto, CryptoKey, DomException, Pbkdf2Params, SubtleCrypto};

use crate::domain::batch::sealed::{open_envelope, seal_envelope, SealParams, IV_LEN, MAX_SEALED_PLAIN_BYTES, SALT_LEN};
use crate::domain::batch::BatchError;

/// Why a batch could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SealError {
    /// The file: not a sealed batch, a damaged envelope, or (after decryption failed) a wrong
    /// passphrase or changed file, [`BatchError::WrongPassphrase`].
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// An empty (or blank) passphrase protects nothing.
    #[error("the passphrase is empty")]
    PassphraseEmpty,
    /// The sealed file would be larger than any reader accepts.
    #[error("the batch is too large to encrypt ({0} bytes, at most {MAX_SEALED_PLAIN_BYTES})")]
    TooLarge(u64),
    /// No `crypto.subtle`: browsers only offer it in secure contexts (https or localhost).
    #[error("Web Crypto is not available (the page is not served securely?)")]
    CryptoUnavailable,
    /// A Web Crypto call failed for another reason (e.g. out of memory).
    #[error("Web Crypto failed: {0}")]
    Failed(String),
}

impl SealError {
    /// Stable code the UI translates; a file problem keeps its batch code.
    pub fn code(&self) -> &'static str {
        match self {
            SealError::Batch(e) => e.code(),
            SealError::PassphraseEmpty => "passphrase_empty",
            SealError::TooLarge(_) => "seal_too_large",
            SealError::CryptoUnavailable => "crypto_unavailable",
            SealError::Failed(_) => "crypto_failed",
        }
    }
}

/// Encrypts a plain batch file (its exact bytes) with `passphrase`; returns the sealed file's
/// text. Salt and IV are fresh random values from `crypto.getRandomValues` for every file.
pub async fn seal(plain: &[u8], passphrase: &str) -> Result<String, SealError> {
    check_passphrase(passphrase)?;
    if plain.len() as u64 > MAX_SEALED_PLAIN_BYTES {
        return Err(SealError::TooLarge(plain.len() as u64));
    }
    let (crypto, subtle) = web_crypto()?;
    let (mut salt, mut iv) = ([0u8; SALT_LEN], [0u8; IV_LEN]);
    // No fallback to a weaker source here (unlike ids): a predictable IV would break GCM.
    crypto.get_random_values_with_u8_array(&mut salt).map_err(failed)?;
    crypto.get_random_values_with_u8_array(&mut iv).map_err(failed)?;
    let params = SealParams::new(salt, iv);
    let key = derive_key(&subtle, passphrase, &params, "encrypt").await?;
    let algorithm = AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    let sealed = JsFuture::from(subtle.encrypt_with_object_and_u8_array(&algorithm, &key, plain).map_err(failed)?).await.map_err(failed)?;
    Ok(seal_envelope(&params, &Uint8Array::new(&sealed).to_vec()))
}

/// Decrypts a sealed file; returns the plain batch's bytes (for `read_batch`). The envelope is
/// checked before any key is derived; a decryption failure is [`BatchError::WrongPassphrase`].
pub async fn open(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    let envelope = open_envelope(bytes)?;
    check_passphrase(passphrase)?;
    let subtle = web_crypto()?.1;
    let key = derive_key(&subtle, passphrase, &envelope.params, "decrypt").await?;
    let algorithm = AesGcmParams::new("AES-GCM", &Uint8Array::from(&envelope.params.iv[..]));
    let promise = subtle.decrypt_with_object_and_u8_array(&algorithm, &key, &envelope.ciphertext).map_err(failed)?;
    match JsFuture::from(promise).await {
        Ok(plain) => Ok(Uint8Array::new(&plain).to_vec()),
        // The tag did not verify: wrong key (passphrase) or changed data, indistinguishably.
        Err(e) if dom_name(&e).as_deref() == Some("OperationError") => Err(BatchError::WrongPassphrase.into()),
        Err(e) => Err(failed(e)),
    }
}

fn check_passphrase(passphrase: &str) -> Result<(), SealError> {
    if passphrase.trim().is_empty() {
        return Err(SealError::PassphraseEmpty);
    }
    Ok(())
}

/// `window.crypto` and its `subtle`, which is `undefined` outside secure contexts (web-sys
/// would hand back `undefined` typed as `SubtleCrypto`, so it is looked up by hand).
fn web_crypto() -> Result<(Crypto, SubtleCrypto), SealError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(SealError::CryptoUnavailable)?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok().filter(|s| s.is_object()).ok_or(SealError::CryptoUnavailable)?;
    Ok((crypto, subtle.unchecked_into()))
}

/// The AES-256-GCM key for `params`, usable only for `usage` and never extractable.
async fn derive_key(subtle: &SubtleCrypto, passphrase: &str, params: &SealParams, usage: &str) -> Result<CryptoKey, SealError> {
    let secret = Uint8Array::from(passphrase.as_bytes());
    let imported = subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &Array::of1(&JsValue::from_str("deriveKey")));
    // importKey copies its input when called: the passphrase's bytes need not stay in JS memory.
    secret.fill(0, 0, secret.length());
    let base: CryptoKey = JsFuture::from(imported.map_err(failed)?).await.map_err(failed)?.unchecked_into();
    let kdf = Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", params.iterations, &Uint8Array::from(&params.salt[..]));
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let derived = subtle.derive_key_with_object_and_object(&kdf, &base, &aes, false, &Array::of1(&JsValue::from_str(usage))).map_err(failed)?;
    Ok(JsFuture::from(derived).await.map_err(failed)?.unchecked_into())
}

/// The `name` of a `DOMException` (how Web Crypto reports its errors).
fn dom_name(e: &JsValue) -> Option<String> {
    e.dyn_ref::<DomException>().map(|d| d.name())
}

fn failed(e: JsValue) -> SealError {
    let text = match e.dyn_ref::<DomException>() {
        Some(d) => format!("{}: {}", d.name(), d.message()),
        None => e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}")),
    };
    SealError::Failed(text)
}

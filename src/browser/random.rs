//! Cryptographic randomness from `crypto.getRandomValues`.

/// Fills an array with random bytes. Falls back to `Math.random` only if Web Crypto is
/// missing (very old browsers), which is still fine for ids that need to be unique, not secret.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut buf).is_ok())
        .unwrap_or(false);
    if !filled {
        for b in buf.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    buf
}

/// A random number in 0..1 (for jitter; not for secrets).
pub fn unit() -> f64 {
    let b = bytes::<4>();
    u32::from_le_bytes(b) as f64 / u32::MAX as f64
}

//! Text in legacy encodings through the browser's WHATWG `TextDecoder`, so the app does not
//! link a decoder of its own (see `domain/csv/decode.rs`).

/// GB18030 (a superset of GBK) bytes as text; `None` when they are not valid GB18030 or the
/// browser has no such decoder.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

//! Recognising what a file is before parsing it as a batch, so a photo, a spreadsheet export
//! or half a file gets its own clear refusal rather than a parser message.

use serde::de::IgnoredAny;

use super::error::BatchError;
use super::format::MAX_BATCH_BYTES;

/// Magic bytes of images someone may pick by mistake (a tablet's gallery is full of them).
const IMAGES: [(&[u8], &str); 4] = [(b"\x89PNG", "png"), (b"\xFF\xD8\xFF", "jpeg"), (b"GIF8", "gif"), (b"BM", "bmp")];
/// Other binary formats, by their magic bytes.
const BINARIES: [(&[u8], &str); 5] = [(b"%PDF", "pdf"), (b"PK\x03\x04", "zip"), (b"\x1F\x8B", "gzip"), (b"\xFF\xFE", "utf-16"), (b"\xFE\xFF", "utf-16")];

/// Refuses a file by its size alone (call it before reading a file into memory).
pub fn check_size(len: u64) -> Result<(), BatchError> {
    if len > MAX_BATCH_BYTES {
        return Err(BatchError::TooLarge(len));
    }
    Ok(())
}

/// The file as text that starts with `{`, or why it cannot be a batch.
pub(crate) fn sniff(bytes: &[u8]) -> Result<&str, BatchError> {
    check_size(bytes.len() as u64)?;
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Err(BatchError::Image("webp"));
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Err(BatchError::Image("heic"));
    }
    // "BM" also starts ordinary text: only a binary file is a bitmap.
    let binary = bytes.contains(&0) || std::str::from_utf8(bytes).is_err();
    if let Some((_, kind)) = IMAGES.iter().find(|(m, k)| bytes.starts_with(m) && (*k != "bmp" || binary)) {
        return Err(BatchError::Image(kind));
    }
    if let Some((_, kind)) = BINARIES.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(BatchError::Binary(kind));
    }
    // Windows editors put a byte order mark in front of UTF-8 text; it carries no meaning.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| BatchError::Binary("not UTF-8"))?;
    if text.contains('\0') {
        return Err(BatchError::Binary("NUL bytes"));
    }
    let body = text.trim_start();
    if body.is_empty() {
        return Err(BatchError::Empty);
    }
    if body.starts_with('{') {
        return Ok(text);
    }
    if serde_json::from_str::<IgnoredAny>(text).is_ok() {
        return Err(BatchError::NotABatch);
    }
    if looks_like_csv(body) {
        return Err(BatchError::Csv);
    }
    Err(json_error(serde_json::from_str::<IgnoredAny>(text).unwrap_err()))
}

/// A first line with separators and a second line: a table, not a JSON document.
fn looks_like_csv(text: &str) -> bool {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    first.contains([',', ';', '\t']) && lines.next().is_some()
}

/// The whole-file error for a JSON parser error.
pub(crate) fn json_error(e: serde_json::Error) -> BatchError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => BatchError::Truncated,
        Category::Data => BatchError::Malformed(e.to_string()),
        _ => BatchError::NotJson(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(bytes: &[u8]) -> &'static str {
        sniff(bytes).unwrap_err().code()
    }

    #[test]
    fn recognises_what_is_not_a_batch() {
        assert_eq!(code(b""), "batch_empty");
        assert_eq!(code(b" \n\t "), "batch_empty");
        assert_eq!(code(b"\xEF\xBB\xBF  "), "batch_empty");
        assert_eq!(code(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "batch_is_image");
        assert_eq!(code(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "batch_is_image");
        assert_eq!(code(b"%PDF-1.7\n"), "batch_binary");
        assert_eq!(code(b"{\"a\":\xFF}"), "batch_binary");
        assert_eq!(code(b"number,name,phone\n1,Wang,138\n"), "batch_is_csv");
        assert_eq!(code(b"[1,2]"), "batch_not_a_batch");
        assert_eq!(code(b"hello"), "batch_not_json");
        assert_eq!(code(b"BM is a text too"), "batch_not_json");
        assert!(sniff(b"\xEF\xBB\xBF{}").is_ok());
        assert_eq!(check_size(MAX_BATCH_BYTES + 1).unwrap_err().code(), "batch_too_large");
        assert_eq!(check_size(MAX_BATCH_BYTES), Ok(()));
    }

    #[test]
    fn parser_errors_are_classified() {
        let e = |t: &str| json_error(serde_json::from_str::<IgnoredAny>(t).unwrap_err()).code();
        assert_eq!(e(r#"{"a":[1,2"#), "batch_truncated");
        // Skipping a value is iterative in serde_json: depth alone never exhausts the stack.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(serde_json::from_str::<IgnoredAny>(&deep).is_ok());
        assert_eq!(e(r#"{"a" 1}"#), "batch_not_json");
    }
}

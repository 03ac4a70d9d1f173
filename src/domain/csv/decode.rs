//! From a file's bytes to text: the size limit, binary files (also when renamed `.csv`),
//! and the encoding — UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark
//! (Excel's "Unicode text"), else GB18030 (a superset of GBK, what Chinese Excel writes).
//!
//! GB18030 is decoded by a [`LegacyDecoder`] the caller passes: in the browser the platform's
//! WHATWG `TextDecoder` (`browser/text.rs`), natively `encoding_rs` (the same standard, used by
//! the tests). `encoding_rs` is not linked into the app: its decoder dispatches over every
//! encoding it knows, which pulled all their tables (≈ 200 KB gzip) into the wasm.
//!
//! Size: files over [`MAX_FILE_BYTES`] are refused before anything is read (the service checks
//! the file's size first), so a 100 MB file costs nothing and the page stays responsive; the
//! limit holds well over 50,000 typical rows.

use serde::{Deserialize, Serialize};

use super::error::CsvError;

/// The largest file accepted: 32 MiB.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How many leading bytes are examined for binary content.
const SNIFF_BYTES: usize = 64 * 1024;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl SourceEncoding {
    /// Stable code the UI shows or translates.
    pub fn code(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "utf-8",
            SourceEncoding::Utf8Bom => "utf-8-bom",
            SourceEncoding::Utf16Le => "utf-16le",
            SourceEncoding::Utf16Be => "utf-16be",
            SourceEncoding::Gb18030 => "gb18030",
        }
    }
}

/// A file's text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Workbook and other well-known binary formats, by their first bytes.
fn magic(bytes: &[u8]) -> Option<CsvError> {
    let workbook = |kind: &str| Some(CsvError::Workbook { kind: kind.into() });
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook("xlsx");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return workbook("xls");
    }
    let binary = [
        &b"%PDF"[..],
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"\x1F\x8B",
        b"7z\xBC\xAF",
        b"Rar!",
        b"\x7FELF",
        b"MZ",
        b"\0asm",
        b"SQLite format 3",
    ];
    binary.iter().any(|m| bytes.starts_with(m)).then_some(CsvError::Binary)
}

/// Control characters other than tab, line feed, form feed and carriage return: text files
/// have none, binary files many.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(SNIFF_BYTES).collect();
    let controls = sample.iter().filter(|&&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')).count();
    sample.contains(&'\0') || controls * 100 > sample.len().max(1)
}

/// Decodes GB18030 bytes; `None` when they are not valid GB18030 (a fatal decoder).
pub type LegacyDecoder<'a> = &'a dyn Fn(&[u8]) -> Option<String>;

/// Decodes a whole file with `encoding_rs` for GB18030 (native builds and tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> Result<Decoded, CsvError> {
    decode_with(bytes, &|b: &[u8]| {
        let (text, errors) = encoding_rs::GB18030.decode_without_bom_handling(b);
        (!errors).then(|| text.into_owned())
    })
}

/// UTF-16 text after its byte-order mark; `None` for an odd length or unpaired surrogates.
fn utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|c| if little_endian { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

/// Decodes a whole file (see the module's documentation); `gb18030` decodes a file that is
/// neither UTF-8 nor UTF-16.
pub fn decode_with(bytes: &[u8], gb18030: LegacyDecoder) -> Result<Decoded, CsvError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CsvError::TooLarge { limit: MAX_FILE_BYTES });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CsvError::Empty);
    }
    if let Some(e) = magic(bytes) {
        return Err(e);
    }
    let utf16_bom = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, true, SourceEncoding::Utf16Le)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, false, SourceEncoding::Utf16Be)),
        _ => None,
    };
    let (text, encoding) = if let Some((rest, little_endian, source)) = utf16_bom {
        let text = utf16(rest, little_endian).ok_or(CsvError::Binary)?;
        (text.trim_start_matches('\u{feff}').to_string(), source)
    } else if let Some(rest) = bytes.strip_prefix(super::write::BOM) {
        let text = std::str::from_utf8(rest).map_err(|_| CsvError::Binary)?;
        (text.to_string(), SourceEncoding::Utf8Bom)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), SourceEncoding::Utf8)
    } else {
        // A binary file is rarely valid GB18030 from start to end; text in it always is.
        match gb18030(bytes).filter(|text| !looks_binary(text)) {
            Some(text) => (text, SourceEncoding::Gb18030),
            None => {
                return Err(if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) { CsvError::Binary } else { CsvError::UnknownEncoding });
            }
        }
    };
    if looks_binary(&text) {
        return Err(CsvError::Binary);
    }
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(Decoded { text, encoding })
}

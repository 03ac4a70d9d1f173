//! What the app may do with an attached file. A file's name and type come from the tablet,
//! and soon from batch files and sync, so both are untrusted text.

/// Raster image types shown inline. Everything that can carry script or markup when a
/// browser renders it (SVG, HTML, XML, PDF, …) is absent on purpose: those are downloads.
const INLINE_IMAGE_TYPES: [&str; 6] = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"];

/// The canonical allowlisted raster type of `mime` (parameters and case ignored), or `None`
/// when the file must only be offered as a download.
pub fn inline_image_type(mime: &str) -> Option<&'static str> {
    let essence = mime.split(';').next().unwrap_or_default().trim();
    INLINE_IMAGE_TYPES.iter().copied().find(|t| t.eq_ignore_ascii_case(essence))
}

/// Longest download name kept, in characters (the extension is kept when shortening).
const MAX_NAME_CHARS: usize = 120;

/// A file name safe to suggest for a download: no directories, no control or bidirectional
/// formatting characters (which can disguise `gpj.exe` as `exe.jpg`), none of the characters
/// file systems reserve, no leading or trailing dots and spaces, and a bounded length.
pub fn download_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .map(|c| if matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let short = shorten(trimmed);
    if short.is_empty() { "attachment".to_owned() } else { short }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).filter(|e| !e.is_empty() && e.chars().count() <= 10);
    match ext {
        Some(ext) => {
            let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace()))
        }
        None => name.chars().take(MAX_NAME_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allowlisted_raster_types_are_inline() {
        for t in ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"] {
            assert_eq!(inline_image_type(t), Some(t));
        }
        assert_eq!(inline_image_type(" IMAGE/PNG ; charset=binary"), Some("image/png"));
        for t in ["image/svg+xml", "text/html", "application/xhtml+xml", "application/pdf", "text/xml", "", "image/", "image/png2", "image/*"] {
            assert_eq!(inline_image_type(t), None, "{t}");
        }
    }

    #[test]
    fn download_names_are_sanitised() {
        assert_eq!(download_name("report.pdf"), "report.pdf");
        assert_eq!(download_name("投诉照片 1.svg"), "投诉照片 1.svg");
        assert_eq!(download_name("../../etc/passwd"), "passwd");
        assert_eq!(download_name("C:\\Users\\x\\evil.html"), "evil.html");
        assert_eq!(download_name("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(download_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(download_name("what?<x>|*\".svg"), "what__x____.svg");
        assert_eq!(download_name(" .hidden. "), "hidden");
        assert_eq!(download_name(""), "attachment");
        assert_eq!(download_name("..."), "attachment");
        assert_eq!(download_name("dir/"), "attachment");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.svg", "x".repeat(300));
        let short = download_name(&long);
        assert_eq!(short.chars().count(), MAX_NAME_CHARS);
        assert!(short.ends_with(".svg"));
        let no_ext = "y".repeat(300);
        assert_eq!(download_name(&no_ext).chars().count(), MAX_NAME_CHARS);
    }
}

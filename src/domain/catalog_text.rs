//! The type catalogue and the channel codes as the Settings form edits them: one entry per
//! line, parsed back exactly (`parse(format(x)) == x`), refused with the 1-based line and a
//! stable code. Full-width `：` `｜` `，` are read like `:` `|` `,` (typed with a Chinese IME).
//!
//! Types: `code: English name / 中文名 | sub_code: English / 中文, sub_code_2`
//! Channels: `phone: TEL` (channel key, then its code in complaint numbers).

use crate::domain::keyed::Keyed;
use strum::IntoEnumIterator;
use std::collections::BTreeMap;

use super::channel::Channel;
use super::classify::{Label, TypeCatalog, TypeDef};
use super::number::{ChannelCodeError, ChannelCodes};

/// Longest type or sub-type code, and name.
pub const MAX_CODE: usize = 40;
pub const MAX_NAME: usize = 60;

/// What is wrong on a line (`line` is 1-based; `None` for the text as a whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineError {
    pub line: Option<usize>,
    pub code: &'static str,
}

fn at(line: usize, code: &'static str) -> LineError {
    LineError { line: Some(line), code }
}

fn normalise(line: &str) -> String {
    line.replace('：', ":").replace('｜', "|").replace('，', ",")
}

/// A code: lower-case letters, digits and `_`, starting with a letter.
fn is_code(s: &str) -> bool {
    s.len() <= MAX_CODE && s.starts_with(|c: char| c.is_ascii_lowercase()) && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `code` or `code: English / 中文` (one name without `/` serves both languages).
fn entry(text: &str, line: usize) -> Result<(String, Label), LineError> {
    let (code, names) = text.split_once(':').unwrap_or((text, ""));
    let code = code.trim();
    if !is_code(code) {
        return Err(at(line, "type_bad_code"));
    }
    let (en, zh) = names.split_once('/').unwrap_or((names, names));
    let (en, zh) = (en.trim(), zh.trim());
    if en.chars().count() > MAX_NAME || zh.chars().count() > MAX_NAME {
        return Err(at(line, "type_name_too_long"));
    }
    Ok((code.to_string(), Label::new(en, zh)))
}

fn show(code: &str, label: &Label) -> String {
    match (label.en.as_str(), label.zh.as_str()) {
        ("", "") => code.to_string(),
        (en, zh) if en == zh => format!("{code}: {en}"),
        (en, zh) => format!("{code}: {en} / {zh}"),
    }
}

/// Parses the types text.
pub fn parse_types(text: &str) -> Result<TypeCatalog, LineError> {
    let mut types: Vec<TypeDef> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = normalise(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (head, subs) = line.split_once('|').unwrap_or((&line, ""));
        let (key, label) = entry(head, i + 1)?;
        if types.iter().any(|t| t.key == key) {
            return Err(at(i + 1, "type_duplicate"));
        }
        let mut def = TypeDef { key, subtypes: Vec::new(), label, subtype_labels: BTreeMap::new() };
        for sub in subs.split(',').filter(|s| !s.trim().is_empty()) {
            let (key, label) = entry(sub, i + 1)?;
            if def.subtypes.contains(&key) {
                return Err(at(i + 1, "subtype_duplicate"));
            }
            if !label.is_empty() {
                def.subtype_labels.insert(key.clone(), label);
            }
            def.subtypes.push(key);
        }
        types.push(def);
    }
    if types.is_empty() {
        return Err(LineError { line: None, code: "required" });
    }
    Ok(TypeCatalog { types })
}

/// The types as text, one per line.
pub fn format_types(catalog: &TypeCatalog) -> String {
    let line = |t: &TypeDef| {
        let subs: Vec<String> = t.subtypes.iter().map(|s| show(s, t.subtype_labels.get(s).unwrap_or(&Label::default()))).collect();
        let head = show(&t.key, &t.label);
        if subs.is_empty() {
            head
        } else {
            format!("{head} | {}", subs.join(", "))
        }
    };
    catalog.types.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// Parses the channel codes text; a channel without a line keeps its default code.
pub fn parse_channel_codes(text: &str) -> Result<ChannelCodes, LineError> {
    let mut codes = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = normalise(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (key, code) = line.split_once(':').ok_or(at(i + 1, "channel_unknown"))?;
        let channel = Channel::from_key(key.trim()).ok_or(at(i + 1, "channel_unknown"))?;
        if codes.insert(channel, code.trim().to_string()).is_some() {
            return Err(at(i + 1, "channel_duplicate"));
        }
        lines.insert(code.trim().to_ascii_uppercase(), i + 1);
    }
    ChannelCodes(codes).validate().map_err(|e| {
        let code = match &e {
            ChannelCodeError::Invalid(c) | ChannelCodeError::Duplicate(c) => c,
        };
        // A duplicate names the later line; a default code has none.
        LineError { line: lines.get(code).copied(), code: e.code() }
    })
}

/// The channel codes as text, one channel per line in form order.
pub fn format_channel_codes(codes: &ChannelCodes) -> String {
    Channel::iter().map(|c| format!("{}: {}", c.key(), codes.code(c))).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalogue_and_codes_round_trip() {
        let catalog = TypeCatalog::default();
        let text = format_types(&catalog);
        assert_eq!(text.lines().next(), Some("product_quality: Product quality / 产品质量 | malfunction: Malfunction / 故障, below_spec: Below specification / 性能不达标"));
        assert_eq!(parse_types(&text), Ok(catalog));
        let codes = ChannelCodes::default();
        let text = format_channel_codes(&codes);
        assert_eq!(text.lines().next(), Some("phone: TEL"));
        assert_eq!(parse_channel_codes(&text), Ok(codes.validate().unwrap()));
    }

    #[test]
    fn types_as_people_type_them() {
        let text = "\n installation：Installation / 安装 ｜ angle， wiring: Wiring \nrefund_delay\n";
        let c = parse_types(text).unwrap();
        assert_eq!(c.types[0].key, "installation");
        assert_eq!(c.types[0].label, Label::new("Installation", "安装"));
        assert_eq!(c.types[0].subtypes, vec!["angle", "wiring"]);
        assert_eq!(c.types[0].subtype_labels.get("wiring"), Some(&Label::new("Wiring", "Wiring")));
        assert_eq!(c.types[1].subtypes, Vec::<String>::new());
        assert_eq!(parse_types(&format_types(&c)), Ok(c));
    }

    #[test]
    fn bad_types_name_their_line() {
        assert_eq!(parse_types("a: A\nProduct Quality: x"), Err(at(2, "type_bad_code")));
        assert_eq!(parse_types("a: A\nb\na: again"), Err(at(3, "type_duplicate")));
        assert_eq!(parse_types("a | x, y, x"), Err(at(1, "subtype_duplicate")));
        assert_eq!(parse_types("a | x: X, 2y"), Err(at(1, "type_bad_code")));
        assert_eq!(parse_types(&format!("a: {}", "长".repeat(61))), Err(at(1, "type_name_too_long")));
        assert_eq!(parse_types(" \n"), Err(LineError { line: None, code: "required" }));
    }

    #[test]
    fn channel_codes_as_people_type_them() {
        let c = parse_channel_codes("social: wx\nsite：VISIT").unwrap();
        assert_eq!((c.code(Channel::Social), c.code(Channel::Site), c.code(Channel::Phone)), ("WX", "VISIT", "TEL"));
        assert_eq!(parse_channel_codes("phone: TEL\nfax: FAX"), Err(at(2, "channel_unknown")));
        assert_eq!(parse_channel_codes("phone TEL"), Err(at(1, "channel_unknown")));
        assert_eq!(parse_channel_codes("phone: TEL\nphone: PH"), Err(at(2, "channel_duplicate")));
        assert_eq!(parse_channel_codes("web: W-B"), Err(at(1, "channel_code_invalid")));
        assert_eq!(parse_channel_codes("web: TEL"), Err(at(1, "channel_code_duplicate")));
        assert_eq!(parse_channel_codes("web: X"), Err(at(1, "channel_code_invalid")));
    }
}

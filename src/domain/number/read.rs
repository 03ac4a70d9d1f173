//! Reading complaint numbers back into their parts, and the rule that makes it possible.
//!
//! Channel and device codes have 2–6 and 2–4 characters and the serial grows past its padding,
//! so a mask is only accepted when every number it produces reads back one way: the number is
//! cut at *delimiters* (characters no part can contain: lower-case letters and `- _ / .`), and
//! inside each piece every variable-length part is either the last one, its length then fixed
//! by the fixed-width parts around it, or is followed by a literal character it cannot contain.
//! Reading is then deterministic, and since it gives back the parts of every number the mask
//! formats, two different sets of parts never give the same number.

use chrono::NaiveDate;

use super::{MaskError, Part, CHANNEL_CODE_LEN};
use crate::domain::device::{is_code_char, CODE_LEN};

/// What a complaint number says. The channel is `None` when the mask has no `{CH}`; `{YY}`
/// reads as a year from 2000 to 2099.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberParts {
    pub day: NaiveDate,
    pub channel_code: Option<String>,
    pub device_code: String,
    pub serial: u32,
}

/// A character no part of a number can contain, so it cuts a number into pieces.
pub(super) fn is_delimiter(c: char) -> bool {
    !(c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// One position of the mask: a literal character or a part.
#[derive(Clone, Copy)]
enum Tok<'a> {
    Char(char),
    Part(&'a Part),
}

impl Part {
    /// The number of characters of a fixed-width part.
    fn width(&self) -> Option<usize> {
        match self {
            Part::Year4 => Some(4),
            Part::Year2 | Part::Month | Part::Day => Some(2),
            _ => None,
        }
    }

    /// Can the part contain `c`?
    fn admits(&self, c: char) -> bool {
        match self {
            Part::Channel => c.is_ascii_uppercase() || c.is_ascii_digit(),
            Part::Device => is_code_char(c),
            _ => c.is_ascii_digit(),
        }
    }

    /// Allowed lengths of a variable-length part (a u32 serial has at most 10 digits).
    fn lengths(&self) -> std::ops::RangeInclusive<usize> {
        match self {
            Part::Channel => CHANNEL_CODE_LEN,
            Part::Device => CODE_LEN,
            Part::Serial(w) => *w..=(*w).max(10),
            p => {
                let w = p.width().unwrap_or(0);
                w..=w
            }
        }
    }

    /// The token as written in a mask, for error messages.
    pub(super) fn token(&self) -> String {
        match self {
            Part::Literal(s) => s.clone(),
            Part::Year4 => "{YYYY}".into(),
            Part::Year2 => "{YY}".into(),
            Part::Month => "{MM}".into(),
            Part::Day => "{DD}".into(),
            Part::Channel => "{CH}".into(),
            Part::Device => "{DEV}".into(),
            Part::Serial(w) => format!("{{SEQ:{w}}}"),
        }
    }
}

impl Tok<'_> {
    fn is_variable(&self) -> bool {
        matches!(self, Tok::Part(p) if p.width().is_none())
    }

    fn width(&self) -> usize {
        match self {
            Tok::Char(_) => 1,
            Tok::Part(p) => p.width().unwrap_or(0),
        }
    }

    fn shown(&self) -> String {
        match self {
            Tok::Char(c) => format!("'{c}'"),
            Tok::Part(p) => p.token(),
        }
    }
}

/// The mask cut into pieces at delimiters, and the delimiters in order.
fn pieces(parts: &[Part]) -> (Vec<Vec<Tok<'_>>>, Vec<char>) {
    let mut pieces = vec![Vec::new()];
    let mut delimiters = Vec::new();
    for part in parts {
        match part {
            Part::Literal(s) => {
                for c in s.chars() {
                    if is_delimiter(c) {
                        delimiters.push(c);
                        pieces.push(Vec::new());
                    } else {
                        pieces.last_mut().expect("one piece at least").push(Tok::Char(c));
                    }
                }
            }
            p => pieces.last_mut().expect("one piece at least").push(Tok::Part(p)),
        }
    }
    (pieces, delimiters)
}

/// Refuses a mask whose numbers could be read two ways, naming the part and what follows it.
pub(super) fn check_readable(parts: &[Part]) -> Result<(), MaskError> {
    for piece in pieces(parts).0 {
        for (i, tok) in piece.iter().enumerate() {
            let later_variable = piece[i + 1..].iter().any(Tok::is_variable);
            let Tok::Part(p) = tok else { continue };
            if !tok.is_variable() || !later_variable {
                continue;
            }
            match piece[i + 1] {
                Tok::Char(c) if !p.admits(c) => {}
                next => return Err(MaskError::Ambiguous { part: p.token(), next: next.shown() }),
            }
        }
    }
    Ok(())
}

/// The parts' texts as read.
#[derive(Default)]
struct Read {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    channel: Option<String>,
    device: Option<String>,
    serial: Option<u32>,
}

impl Read {
    fn store(&mut self, part: &Part, text: &str) -> Option<()> {
        match part {
            Part::Year4 => self.year = Some(text.parse().ok()?),
            Part::Year2 => self.year = Some(2000 + text.parse::<i32>().ok()?),
            Part::Month => self.month = Some(text.parse().ok()?),
            Part::Day => self.day = Some(text.parse().ok()?),
            Part::Channel => self.channel = Some(text.to_string()),
            Part::Device => self.device = Some(text.to_string()),
            Part::Serial(_) => self.serial = Some(text.parse().ok()?),
            Part::Literal(_) => {}
        }
        Some(())
    }
}

/// Reads one piece of a number (no delimiters in it) against the same piece of the mask.
fn read_piece(toks: &[Tok], text: &[char], out: &mut Read) -> Option<()> {
    let mut at = 0;
    for (k, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Char(c) => {
                if text.get(at) != Some(c) {
                    return None;
                }
                at += 1;
            }
            Tok::Part(p) => {
                let end = match p.width() {
                    Some(w) => at + w,
                    // The last variable part gets what the fixed-width tokens after it leave.
                    None if !toks[k + 1..].iter().any(Tok::is_variable) => {
                        text.len().checked_sub(toks[k + 1..].iter().map(Tok::width).sum())?
                    }
                    // Otherwise the next token is a character it cannot contain.
                    None => at + text[at..].iter().take_while(|c| p.admits(**c)).count(),
                };
                let value = text.get(at..end)?;
                if !p.lengths().contains(&value.len()) || !value.iter().all(|c| p.admits(*c)) {
                    return None;
                }
                out.store(p, &value.iter().collect::<String>())?;
                at = end;
            }
        }
    }
    (at == text.len()).then_some(())
}

/// Reads `number` under the mask's parts; `None` if the mask cannot have produced it.
pub(super) fn read(parts: &[Part], number: &str) -> Option<NumberParts> {
    let (mask_pieces, delimiters) = pieces(parts);
    if number.chars().filter(|c| is_delimiter(*c)).ne(delimiters.iter().copied()) {
        return None;
    }
    let mut out = Read::default();
    for (toks, text) in mask_pieces.iter().zip(number.split(is_delimiter)) {
        read_piece(toks, &text.chars().collect::<Vec<_>>(), &mut out)?;
    }
    Some(NumberParts {
        day: NaiveDate::from_ymd_opt(out.year?, out.month?, out.day?)?,
        channel_code: out.channel,
        device_code: out.device?,
        serial: out.serial?,
    })
}

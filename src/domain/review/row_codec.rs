//! The review row's stored form: a compact binary encoding, because a year's review reads
//! 100,000 rows and parsing JSON with field names was most of its time (README, Review
//! benchmark). Rows are derived data (rebuilt from events), so the format only has to be
//! read back by this version: a leading format byte refuses anything else. Enumerations are
//! written as their stable keys, so reordering an enum cannot change what a row means.
//!
//! Layout: format byte, then the fields in declaration order; integers as LEB128 varints
//! (signed ones zigzag), strings as length + UTF-8, `Option` as a 0/1 byte before the value.
//! The customer's name came later: flag bit 4 says it follows the flags byte, so rows stored
//! before read back with the name unknown (`None`) and the format did not change.

use thiserror::Error;

use super::row::{ClockRow, ReviewRow, SurveyRow};
use crate::domain::keyed::Keyed;

/// The format this version writes and reads.
pub const FORMAT: u8 = 1;

/// Why stored bytes are not a row.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RowCodecError {
    #[error("review row format {0} is not known")]
    Format(u8),
    #[error("review row ends early")]
    Truncated,
    #[error("review row has {0} bytes after its end")]
    Trailing(usize),
    #[error("review row text is not UTF-8")]
    Utf8,
    #[error("review row value {0:?} is not known")]
    Key(String),
    #[error("review row number is out of range")]
    Range,
}

/// The bytes of `row`.
pub fn encode(row: &ReviewRow) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(160));
    w.byte(FORMAT);
    w.str(&row.id);
    w.str(&row.number);
    w.int(row.received_ms);
    w.opt(row.open_ms, Writer::int);
    w.key(row.status);
    w.str(&row.device);
    w.opt(row.department.as_deref(), Writer::str);
    w.key(row.channel);
    w.str(&row.product_key);
    w.opt(row.type_key.as_deref(), Writer::str);
    w.opt(row.subtype.as_deref(), Writer::str);
    w.opt(row.urgency, Writer::key);
    w.str(&row.phone_key);
    w.uint(row.clocks.len() as u64);
    for c in &row.clocks {
        w.key(c.kind);
        w.opt(c.due, Writer::int);
        w.opt(c.stop, Writer::int);
    }
    w.opt(row.first_contact_min, |w, m| w.uint(m.into()));
    w.opt(row.resolution_min, |w, m| w.uint(m.into()));
    w.opt(row.survey, |w, s| {
        w.0.extend_from_slice(&s.scores);
        w.key(s.verdict);
    });
    let flags = [row.resolved, row.second_round, row.reopened, row.closed_after_failed_contact, row.customer.is_some()];
    w.byte(flags.iter().enumerate().fold(0, |b, (i, f)| b | (u8::from(*f) << i)));
    if let Some(name) = &row.customer {
        w.str(name);
    }
    w.0
}

/// The row stored as `bytes`.
pub fn decode(bytes: &[u8]) -> Result<ReviewRow, RowCodecError> {
    let mut r = Reader { bytes, at: 0 };
    match r.byte()? {
        FORMAT => {}
        other => return Err(RowCodecError::Format(other)),
    }
    let id = r.string()?;
    let number = r.string()?;
    let received_ms = r.int()?;
    let open_ms = r.opt(Reader::int)?;
    let status = r.key()?;
    let device = r.string()?;
    let department = r.opt(Reader::string)?;
    let channel = r.key()?;
    let product_key = r.string()?;
    let type_key = r.opt(Reader::string)?;
    let subtype = r.opt(Reader::string)?;
    let urgency = r.opt(Reader::key)?;
    let phone_key = r.string()?;
    let n = r.uint()?;
    // Every clock takes at least three bytes: a count beyond that is corruption, not a size.
    if n > (bytes.len() / 3) as u64 {
        return Err(RowCodecError::Truncated);
    }
    let mut clocks = Vec::with_capacity(n as usize);
    for _ in 0..n {
        clocks.push(ClockRow { kind: r.key()?, due: r.opt(Reader::int)?, stop: r.opt(Reader::int)? });
    }
    let first_contact_min = r.opt(Reader::u32)?;
    let resolution_min = r.opt(Reader::u32)?;
    let survey = r.opt(|r| {
        let scores = r.take(5)?.try_into().map_err(|_| RowCodecError::Truncated)?;
        Ok(SurveyRow { scores, verdict: r.key()? })
    })?;
    let flags = r.byte()?;
    let customer = if flags & (1 << 4) != 0 { Some(r.string()?) } else { None };
    if r.at != bytes.len() {
        return Err(RowCodecError::Trailing(bytes.len() - r.at));
    }
    let flag = |i: u8| flags & (1 << i) != 0;
    Ok(ReviewRow {
        id,
        number,
        received_ms,
        open_ms,
        status,
        device,
        department,
        channel,
        product_key,
        type_key,
        subtype,
        urgency,
        phone_key,
        customer,
        clocks,
        first_contact_min,
        resolution_min,
        resolved: flag(0),
        survey,
        second_round: flag(1),
        reopened: flag(2),
        closed_after_failed_contact: flag(3),
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn key<T: Keyed>(&mut self, v: T) {
        self.str(v.key());
    }

    fn opt<T>(&mut self, v: Option<T>, write: impl FnOnce(&mut Writer, T)) {
        match v {
            Some(v) => {
                self.byte(1);
                write(self, v);
            }
            None => self.byte(0),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], RowCodecError> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or(RowCodecError::Truncated)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, RowCodecError> {
        Ok(self.take(1)?[0])
    }

    fn uint(&mut self) -> Result<u64, RowCodecError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(RowCodecError::Range)
    }

    fn int(&mut self) -> Result<i64, RowCodecError> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    fn u32(&mut self) -> Result<u32, RowCodecError> {
        u32::try_from(self.uint()?).map_err(|_| RowCodecError::Range)
    }

    fn str(&mut self) -> Result<&'a str, RowCodecError> {
        let n = usize::try_from(self.uint()?).map_err(|_| RowCodecError::Range)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| RowCodecError::Utf8)
    }

    fn string(&mut self) -> Result<String, RowCodecError> {
        self.str().map(str::to_owned)
    }

    fn key<T: Keyed>(&mut self) -> Result<T, RowCodecError> {
        let s = self.str()?;
        T::from_key(s).ok_or_else(|| RowCodecError::Key(s.to_owned()))
    }

    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T, RowCodecError>) -> Result<Option<T>, RowCodecError> {
        match self.byte()? {
            0 => Ok(None),
            1 => read(self).map(Some),
            _ => Err(RowCodecError::Range),
        }
    }
}

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::channel::Channel;
    use crate::domain::classify::Urgency;
    use crate::domain::sla::ClockKind;
    use crate::domain::survey::Verdict;
    use crate::domain::workflow::Status;

    fn pick<T: Keyed>(i: usize) -> T {
        let all = T::all();
        all[i % all.len()]
    }

    prop_compose! {
        fn any_row()(
            id in "[0-9A-Z]{0,26}", number in "\\PC{0,30}", received_ms in any::<i64>(), open_ms in any::<Option<i64>>(),
            e in any::<[usize; 4]>(), device in "\\PC{0,12}", department in proptest::option::of("\\PC{0,20}"),
            product_key in "\\PC{0,40}", type_key in proptest::option::of("[a-z_]{0,20}"), subtype in proptest::option::of("\\PC{0,20}"),
            urgent in any::<Option<usize>>(), phone_key in "[0-9]{0,15}", customer in proptest::option::of("\\PC{0,20}"),
            clocks in proptest::collection::vec((any::<usize>(), any::<Option<i64>>(), any::<Option<i64>>()), 0..9),
            first_contact_min in any::<Option<u32>>(), resolution_min in any::<Option<u32>>(),
            survey in proptest::option::of((any::<[u8; 5]>(), any::<usize>())), flags in any::<[bool; 4]>(),
        ) -> ReviewRow {
            ReviewRow {
                id, number, received_ms, open_ms, status: pick::<Status>(e[0]), device, department, channel: pick::<Channel>(e[1]),
                product_key, type_key, subtype, urgency: urgent.map(pick::<Urgency>), phone_key, customer,
                clocks: clocks.into_iter().map(|(k, due, stop)| ClockRow { kind: pick::<ClockKind>(k), due, stop }).collect(),
                first_contact_min, resolution_min, resolved: flags[0],
                survey: survey.map(|(scores, v)| SurveyRow { scores, verdict: pick::<Verdict>(v) }),
                second_round: flags[1], reopened: flags[2], closed_after_failed_contact: flags[3],
            }
        }
    }

    proptest! {
        #[test]
        fn every_row_reads_back_as_written(row in any_row()) {
            prop_assert_eq!(decode(&encode(&row)).unwrap(), row);
        }

        /// Damaged bytes are refused or read as some row; they never panic.
        #[test]
        fn damaged_bytes_never_panic(row in any_row(), cut in any::<usize>(), flip in any::<(usize, u8)>()) {
            let bytes = encode(&row);
            let _ = decode(&bytes[..cut % bytes.len()]);
            let mut flipped = bytes.clone();
            let i = flip.0 % flipped.len();
            flipped[i] ^= flip.1 | 1;
            let _ = decode(&flipped);
        }
    }

    #[test]
    fn other_formats_and_damage_are_refused() {
        let row = ReviewRow {
            id: "01HB".into(),
            number: "20231009-TEL-K7Q-003".into(),
            received_ms: 1_696_123_800_000,
            open_ms: Some(1_696_123_800_000),
            status: Status::Registered,
            device: "k7q".into(),
            department: None,
            channel: Channel::Phone,
            product_key: "冰箱 bcd-520".into(),
            type_key: Some("product_quality".into()),
            subtype: None,
            urgency: Some(Urgency::Urgent),
            phone_key: "13800001234".into(),
            customer: None,
            clocks: vec![ClockRow { kind: ClockKind::FirstContact, due: Some(1_696_125_600_000), stop: None }],
            first_contact_min: None,
            resolution_min: None,
            resolved: false,
            survey: None,
            second_round: false,
            reopened: false,
            closed_after_failed_contact: false,
        };
        let bytes = encode(&row);
        let json = serde_json::to_string(&row).unwrap().len();
        assert!(bytes.len() * 3 < json, "{} bytes against {json} as JSON", bytes.len());
        let mut other = bytes.clone();
        other[0] = 2;
        assert_eq!(decode(&other), Err(RowCodecError::Format(2)));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), Err(RowCodecError::Truncated));
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(RowCodecError::Trailing(1)));
        assert_eq!(decode(&[]), Err(RowCodecError::Truncated));

        // A row stored before names were kept (no flag bit 4) reads with the name unknown; a
        // named one is those bytes with the bit set and the name after the flags.
        assert_eq!(decode(&bytes).unwrap().customer, None);
        let named = ReviewRow { customer: Some("王先生".into()), ..row.clone() };
        let mut expected = bytes.clone();
        *expected.last_mut().unwrap() |= 1 << 4;
        expected.push("王先生".len() as u8);
        expected.extend_from_slice("王先生".as_bytes());
        assert_eq!(encode(&named), expected);
        assert_eq!(decode(&expected).unwrap(), named);
        let anonymous = encode(&ReviewRow { customer: Some(String::new()), ..row });
        assert_eq!(decode(&anonymous[..anonymous.len() - 1]), Err(RowCodecError::Truncated), "the flag promises a name");
    }
}

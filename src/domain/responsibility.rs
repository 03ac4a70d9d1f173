//! Responsibility (seed 001, SPEC §5): shares that sum to 100, arbitration rulings, outcomes
//! per party, cross-department requests, and the monthly assessment dates (seed 003).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::errors::{local_time, optional, required, CommandError};
use super::text::TextRule;

/// One responsible party (a department or person) and its share in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub party: String,
    pub percent: u8,
}

/// Most parties one share list may name (each has at least 1 %).
const MAX_PARTIES: usize = 100;

/// Checks and normalises shares: party names valid short names and unique, each 1–100, sum
/// exactly 100.
pub fn validate_shares(shares: &[Share]) -> Result<Vec<Share>, CommandError> {
    let mut parties = BTreeSet::new();
    let mut out = Vec::new();
    if shares.len() > MAX_PARTIES {
        return Err(CommandError::SharesInvalid);
    }
    for s in shares {
        let party = required(&s.party, TextRule::NAME, "party")?;
        if !(1..=100).contains(&s.percent) || !parties.insert(party.clone()) {
            return Err(CommandError::SharesInvalid);
        }
        out.push(Share { party, percent: s.percent });
    }
    let sum: u32 = out.iter().map(|s| s.percent as u32).sum();
    if sum != 100 {
        return Err(CommandError::SharesSum(sum));
    }
    Ok(out)
}

/// Shares as typed, one `party: percent` per line (`Installation team: 70`, a full-width `：`
/// or `%` allowed); `Err(line)` names the first line that is not of that form. The sum and
/// uniqueness are checked by `validate_shares`.
pub fn parse_shares(text: &str) -> Result<Vec<Share>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (party, percent) = line.rsplit_once([':', '：']).ok_or(i + 1)?;
        let percent = percent.trim().trim_end_matches(['%', '％']).trim().parse::<u8>().map_err(|_| i + 1)?;
        out.push(Share { party: party.trim().to_string(), percent });
    }
    Ok(out)
}

/// Shares as the form shows them.
pub fn format_shares(shares: &[Share]) -> String {
    shares.iter().map(|s| format!("{}: {}", s.party, s.percent)).collect::<Vec<_>>().join("\n")
}

/// An arbitration ruling on disputed responsibility (management decides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ruling {
    pub arbiter: String,
    pub ruling: String,
    /// The shares the ruling fixes, if it fixes them.
    pub shares: Option<Vec<Share>>,
}

impl Ruling {
    pub fn validate(self) -> Result<Ruling, CommandError> {
        Ok(Ruling {
            arbiter: required(&self.arbiter, TextRule::NAME, "arbiter")?,
            ruling: required(&self.ruling, TextRule::NOTE, "ruling")?,
            shares: self.shares.map(|s| validate_shares(&s)).transpose()?,
        })
    }
}

/// What a responsible party gets (奖惩).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Outcome {
    Commendation,
    None,
    Penalty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyOutcome {
    pub party: String,
    pub outcome: Outcome,
    pub note: String,
}

/// Checks outcomes against the recorded shares: each party at most once, and only parties
/// that carry a share.
pub fn validate_outcomes(outcomes: &[PartyOutcome], shares: &[Share]) -> Result<Vec<PartyOutcome>, CommandError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for o in outcomes {
        let party = required(&o.party, TextRule::NAME, "party")?;
        if !shares.iter().any(|s| s.party == party) {
            return Err(CommandError::UnknownParty(party));
        }
        if !seen.insert(party.clone()) {
            return Err(CommandError::SharesInvalid);
        }
        out.push(PartyOutcome { party, outcome: o.outcome, note: optional(&o.note, TextRule::NOTE, "note")? });
    }
    Ok(out)
}

/// A cross-department request (跨部门需求对接表).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeptRequest {
    pub department: String,
    /// What is needed.
    pub need: String,
    /// Reply deadline (business time); `None` uses the policy's department-reply limit.
    pub deadline: Option<NaiveDateTime>,
}

impl DeptRequest {
    /// Checks the texts and the deadline's range (the department must also be configured,
    /// and a new deadline not past: checked by the command, which knows both).
    pub fn validate(self) -> Result<DeptRequest, CommandError> {
        Ok(DeptRequest {
            department: required(&self.department, TextRule::NAME, "department")?,
            need: required(&self.need, TextRule::NOTE, "need")?,
            deadline: self.deadline.map(|d| local_time(d, "deadline")).transpose()?,
        })
    }
}

/// The reply to a cross-department request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeptReply {
    /// The id of the `dept_requested` event.
    pub request: String,
    pub reply: String,
}

impl DeptReply {
    pub fn validate(self) -> Result<DeptReply, CommandError> {
        Ok(DeptReply { request: required(&self.request, TextRule::NAME, "request")?, reply: required(&self.reply, TextRule::LONG, "reply")? })
    }
}

/// Seed 003 monthly department assessment: feedback collected by the 28th, results by the 30th
/// (or the month's last day when it is shorter).
pub fn assessment_dates(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    let day = |d: u32| NaiveDate::from_ymd_opt(year, month, d.min(last.day()));
    Some((day(28)?, day(30)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_typed_one_per_line() {
        let parsed = parse_shares("Installation team: 70\n\n 质量部：30% \n").unwrap();
        assert_eq!(parsed, vec![Share { party: "Installation team".into(), percent: 70 }, Share { party: "质量部".into(), percent: 30 }]);
        assert_eq!(validate_shares(&parsed).unwrap().len(), 2);
        assert_eq!(format_shares(&parsed), "Installation team: 70\n质量部: 30");
        assert_eq!(parse_shares("a: 50\nb fifty"), Err(2));
        assert_eq!(parse_shares("a: 300"), Err(1));
        assert_eq!(parse_shares("Dept A: x: 20").unwrap()[0].party, "Dept A: x");
    }

    fn s(p: &str, n: u8) -> Share {
        Share { party: p.into(), percent: n }
    }

    #[test]
    fn shares_must_sum_to_100() {
        assert_eq!(validate_shares(&[s(" after_sales ", 70), s("installer", 30)]).unwrap()[0].party, "after_sales");
        assert_eq!(validate_shares(&[s("a", 70), s("b", 20)]), Err(CommandError::SharesSum(90)));
        assert_eq!(validate_shares(&[s("a", 60), s("a", 40)]), Err(CommandError::SharesInvalid));
        assert_eq!(validate_shares(&[s("a", 100), s("b", 0)]), Err(CommandError::SharesInvalid));
        assert_eq!(validate_shares(&[]), Err(CommandError::SharesSum(0)));
    }

    #[test]
    fn party_names_obey_the_text_rules() {
        assert_eq!(validate_shares(&[s("a\u{202E}b", 100)]), Err(CommandError::BidiControl("party")));
        assert_eq!(validate_shares(&[s("a\u{0}", 100)]), Err(CommandError::ControlCharacter("party")));
        assert_eq!(validate_shares(&[s("\u{200B}", 100)]), Err(CommandError::Required("party")));
        assert_eq!(validate_shares(&[s(&"x".repeat(61), 100)]), Err(CommandError::TooLong("party")));
        let shares = vec![s("a", 100)];
        let long_note = PartyOutcome { party: "a".into(), outcome: Outcome::None, note: "x".repeat(2001) };
        assert_eq!(validate_outcomes(&[long_note], &shares), Err(CommandError::TooLong("note")));
        let many: Vec<Share> = (0..101).map(|i| s(&format!("p{i}"), 1)).collect();
        assert_eq!(validate_shares(&many), Err(CommandError::SharesInvalid));
    }

    #[test]
    fn outcomes_and_rulings() {
        let shares = vec![s("a", 50), s("b", 50)];
        let o = |p: &str| PartyOutcome { party: p.into(), outcome: Outcome::Penalty, note: String::new() };
        assert_eq!(validate_outcomes(&[o("a")], &shares).unwrap().len(), 1);
        assert_eq!(validate_outcomes(&[o("c")], &shares), Err(CommandError::UnknownParty("c".into())));
        assert_eq!(validate_outcomes(&[o("a"), o("a")], &shares), Err(CommandError::SharesInvalid));
        let r = Ruling { arbiter: "gm".into(), ruling: " 安装方全责 ".into(), shares: Some(vec![s("b", 100)]) };
        assert_eq!(r.validate().unwrap().ruling, "安装方全责");
        let bad = Ruling { arbiter: "gm".into(), ruling: "x".into(), shares: Some(vec![s("b", 99)]) };
        assert_eq!(bad.validate(), Err(CommandError::SharesSum(99)));
    }

    #[test]
    fn assessment_dates_follow_seed_003() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(assessment_dates(2023, 10), Some((d(2023, 10, 28), d(2023, 10, 30))));
        assert_eq!(assessment_dates(2023, 2), Some((d(2023, 2, 28), d(2023, 2, 28))));
        assert_eq!(assessment_dates(2024, 2), Some((d(2024, 2, 28), d(2024, 2, 29))));
    }
}

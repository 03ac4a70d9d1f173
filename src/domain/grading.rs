//! Complaint and grumble grading (抱怨及投诉等级, seed 003) from the customer's 0–10 score and
//! behaviour, with the exact band edges: A grumble 0 ≤ s < 6, A–B 6 ≤ s < 8, B 8 ≤ s < 9,
//! C 9 ≤ s < 10. Scores are given to one decimal and stored in tenths, so edges are exact.

use serde::{Deserialize, Serialize};

use super::errors::CommandError;

/// The grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Grade {
    /// A 级投诉: the customer went outside (manufacturer, media, regulator).
    AComplaint,
    /// B 级投诉: clear intent to go outside, a formal complaint, or a very low score.
    BComplaint,
    AGrumble,
    AbGrumble,
    BGrumble,
    CGrumble,
    /// Full marks: nothing to grade.
    NoGrumble,
}

impl Grade {
    /// A or B complaint: escalated (needs a case summary, handled by the manager).
    pub fn is_complaint(self) -> bool {
        matches!(self, Grade::AComplaint | Grade::BComplaint)
    }
}

/// What the customer did or said about going outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Behaviour {
    #[default]
    None,
    /// Filed a formal complaint with customer service (向客服部提出投诉行为).
    FormalComplaint,
    /// Clearly intends to complain to the manufacturer, media or a regulator.
    IntendsOutside,
    /// Has complained to the manufacturer, media or a regulator.
    WentOutside,
}

/// A score from 0.0 to 10.0 in tenths (0..=100). Written as the number of tenths; reading
/// goes through the range check, so a stored or imported 101 is refused like a typed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl TryFrom<u8> for Score {
    type Error = CommandError;
    fn try_from(tenths: u8) -> Result<Score, CommandError> {
        Score::from_tenths(tenths)
    }
}

impl From<Score> for u8 {
    fn from(s: Score) -> u8 {
        s.0
    }
}

impl Score {
    /// From tenths (0..=100).
    pub fn from_tenths(t: u8) -> Result<Score, CommandError> {
        if t <= 100 {
            Ok(Score(t))
        } else {
            Err(CommandError::ScoreOutOfRange)
        }
    }

    /// From a decimal score; must be 0–10 with at most one decimal.
    pub fn from_f64(s: f64) -> Result<Score, CommandError> {
        let tenths = (s * 10.0).round();
        if !s.is_finite() || (s * 10.0 - tenths).abs() > 1e-6 || !(0.0..=100.0).contains(&tenths) {
            return Err(CommandError::ScoreOutOfRange);
        }
        Ok(Score(tenths as u8))
    }

    pub fn tenths(self) -> u8 {
        self.0
    }
}

/// Grading settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GradingConfig {
    /// A score below this (tenths) counts as a B complaint ("very low overall score").
    /// Default: none, so the seed's grumble bands apply to every score.
    pub b_complaint_below: Option<u8>,
}

/// Grades a customer from score and behaviour. Without a score and without outside
/// behaviour a manager grades by hand ([`CommandError::ManualGradeRequired`]).
pub fn grade(score: Option<Score>, behaviour: Behaviour, cfg: &GradingConfig) -> Result<Grade, CommandError> {
    match behaviour {
        Behaviour::WentOutside => return Ok(Grade::AComplaint),
        Behaviour::IntendsOutside | Behaviour::FormalComplaint => return Ok(Grade::BComplaint),
        Behaviour::None => {}
    }
    let s = score.ok_or(CommandError::ManualGradeRequired)?.0;
    if cfg.b_complaint_below.is_some_and(|b| s < b) {
        return Ok(Grade::BComplaint);
    }
    Ok(match s {
        0..=59 => Grade::AGrumble,
        60..=79 => Grade::AbGrumble,
        80..=89 => Grade::BGrumble,
        90..=99 => Grade::CGrumble,
        _ => Grade::NoGrumble,
    })
}

/// The grade as recorded on the complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeRecord {
    pub grade: Grade,
    pub score: Option<Score>,
    pub behaviour: Behaviour,
    /// Set by a manager by hand (no score, or overriding the bands).
    pub manual: bool,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: f64) -> Grade {
        grade(Some(Score::from_f64(s).unwrap()), Behaviour::None, &GradingConfig::default()).unwrap()
    }

    #[test]
    fn exact_band_edges() {
        assert_eq!(g(0.0), Grade::AGrumble);
        assert_eq!(g(5.9), Grade::AGrumble);
        assert_eq!(g(6.0), Grade::AbGrumble);
        assert_eq!(g(7.9), Grade::AbGrumble);
        assert_eq!(g(8.0), Grade::BGrumble);
        assert_eq!(g(8.9), Grade::BGrumble);
        assert_eq!(g(9.0), Grade::CGrumble);
        assert_eq!(g(9.9), Grade::CGrumble);
        assert_eq!(g(10.0), Grade::NoGrumble);
    }

    #[test]
    fn behaviour_outranks_score_and_no_score_needs_a_manager() {
        let cfg = GradingConfig::default();
        let high = Some(Score::from_tenths(95).unwrap());
        assert_eq!(grade(high, Behaviour::WentOutside, &cfg), Ok(Grade::AComplaint));
        assert_eq!(grade(high, Behaviour::IntendsOutside, &cfg), Ok(Grade::BComplaint));
        assert_eq!(grade(None, Behaviour::FormalComplaint, &cfg), Ok(Grade::BComplaint));
        assert_eq!(grade(None, Behaviour::None, &cfg), Err(CommandError::ManualGradeRequired));
        let strict = GradingConfig { b_complaint_below: Some(30) };
        assert_eq!(grade(Some(Score::from_tenths(29).unwrap()), Behaviour::None, &strict), Ok(Grade::BComplaint));
        assert_eq!(grade(Some(Score::from_tenths(30).unwrap()), Behaviour::None, &strict), Ok(Grade::AGrumble));
        assert!(Grade::BComplaint.is_complaint() && !Grade::AGrumble.is_complaint());
    }

    #[test]
    fn scores_are_checked() {
        assert_eq!(Score::from_f64(10.1), Err(CommandError::ScoreOutOfRange));
        assert_eq!(Score::from_f64(-0.1), Err(CommandError::ScoreOutOfRange));
        assert_eq!(Score::from_f64(5.55), Err(CommandError::ScoreOutOfRange));
        assert_eq!(Score::from_f64(f64::NAN), Err(CommandError::ScoreOutOfRange));
        assert_eq!(Score::from_tenths(101), Err(CommandError::ScoreOutOfRange));
        assert_eq!(Score::from_f64(7.3).unwrap().tenths(), 73);
    }

    #[test]
    fn reading_a_score_checks_its_range() {
        assert_eq!(serde_json::to_string(&Score::from_tenths(73).unwrap()).unwrap(), "73");
        assert_eq!(serde_json::from_str::<Score>("100").unwrap().tenths(), 100);
        assert!(serde_json::from_str::<Score>("101").is_err());
        assert!(serde_json::from_str::<Score>("255").is_err());
        let rec = r#"{"grade":"a_grumble","score":200,"behaviour":"none","manual":false,"note":""}"#;
        assert!(serde_json::from_str::<GradeRecord>(rec).is_err());
        assert!(serde_json::from_str::<GradeRecord>(&rec.replace("200", "20")).is_ok());
    }
}

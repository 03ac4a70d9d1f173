//! Satisfaction (SPEC §9): five dimensions scored 1–5 with optional comments (seed 002), the
//! overall verdict 90/80/70/60 with "resolved in time" and "explained if late" (seed 003),
//! and the 3-month re-survey (seed 003).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::errors::{optional, CommandError};
use super::text::TextRule;

/// One dimension's score (1–5) and optional comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub score: u8,
    pub comment: String,
}

/// The overall verdict (满意度) and its points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Verdict {
    Satisfied,
    FairlySatisfied,
    Average,
    Poor,
}

impl Verdict {
    pub fn points(self) -> u8 {
        match self {
            Verdict::Satisfied => 90,
            Verdict::FairlySatisfied => 80,
            Verdict::Average => 70,
            Verdict::Poor => 60,
        }
    }
}

/// A satisfaction survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    /// Service attitude (1 hostile … 5 warm and proactive).
    pub attitude: Rating,
    /// Efficiency (1 very slow … 5 fast).
    pub efficiency: Rating,
    /// Professional competence (1 unprofessional … 5 expert).
    pub competence: Rating,
    /// Communication clarity (1 confusing … 5 very easy to follow).
    pub clarity: Rating,
    /// Overall experience (1 very poor … 5 very satisfied).
    pub overall: Rating,
    pub verdict: Verdict,
    /// Resolved in time (及时解决).
    pub timely: bool,
    /// If late: was the reason explained (已解释)? Required when `timely` is false.
    pub explained: Option<bool>,
    pub suggestions: String,
    /// The long-term re-survey 3 months after closing.
    pub re_survey: bool,
}

impl Survey {
    pub fn ratings(&self) -> [&Rating; 5] {
        [&self.attitude, &self.efficiency, &self.competence, &self.clarity, &self.overall]
    }

    pub fn validate(mut self) -> Result<Survey, CommandError> {
        for r in [&mut self.attitude, &mut self.efficiency, &mut self.competence, &mut self.clarity, &mut self.overall] {
            if !(1..=5).contains(&r.score) {
                return Err(CommandError::SurveyScore);
            }
            r.comment = optional(&r.comment, TextRule::multiline(500), "comment")?;
        }
        if !self.timely && self.explained.is_none() {
            return Err(CommandError::ExplanationRequired);
        }
        if self.timely {
            self.explained = None;
        }
        self.suggestions = optional(&self.suggestions, TextRule::NOTE, "suggestions")?;
        Ok(self)
    }

    /// Mean of the five scores, in hundredths (e.g. 460 = 4.60).
    pub fn mean_hundredths(&self) -> u32 {
        self.ratings().iter().map(|r| r.score as u32).sum::<u32>() * 100 / 5
    }
}

/// When the long-term re-survey is due: 3 months after the closing date (seed 003).
pub fn re_survey_due(closed_on: NaiveDate, months: u32) -> Option<NaiveDate> {
    closed_on.checked_add_months(Months::new(months))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn worked_example_survey() -> Survey {
        let r = |s: u8, c: &str| Rating { score: s, comment: c.into() };
        Survey {
            attitude: r(5, ""),
            efficiency: r(5, "处理及时"),
            competence: r(4, ""),
            clarity: r(5, ""),
            overall: r(5, "满意"),
            verdict: Verdict::Satisfied,
            timely: true,
            explained: Some(false),
            suggestions: " 建议增加线上进度查询功能 ".into(),
            re_survey: false,
        }
    }

    #[test]
    fn survey_rules() {
        let s = worked_example_survey().validate().unwrap();
        assert_eq!(s.explained, None, "explained only applies when late");
        assert_eq!(s.suggestions, "建议增加线上进度查询功能");
        assert_eq!(s.mean_hundredths(), 480);
        assert_eq!(s.verdict.points(), 90);
        let mut bad = worked_example_survey();
        bad.clarity.score = 6;
        assert_eq!(bad.validate(), Err(CommandError::SurveyScore));
        let late = Survey { timely: false, explained: None, ..worked_example_survey() };
        assert_eq!(late.validate(), Err(CommandError::ExplanationRequired));
        let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
        assert_eq!(re_survey_due(d(11, 30), 3), Some(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()));
        assert_eq!(re_survey_due(d(10, 12), 3), Some(NaiveDate::from_ymd_opt(2024, 1, 12).unwrap()));
    }
}

//! Archive and retention (SPEC §10, §12): case summaries for complex or escalated cases, the
//! retention period (≥ 2 years, configurable), and anonymisation of personal data, including
//! rewriting stored events so the personal data really leaves the device and its peers.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::errors::{optional, required, CommandError};
use super::text::TextRule;
use super::event::Event;
use super::intake::{Customer, Seriousness};
use super::payload::{Body, Parsed};

/// 服务案例总结: cause, what went well, what to improve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub cause: String,
    pub went_well: String,
    pub to_improve: String,
}

impl CaseSummary {
    pub fn validate(self) -> Result<CaseSummary, CommandError> {
        Ok(CaseSummary {
            cause: required(&self.cause, TextRule::LONG, "cause")?,
            went_well: optional(&self.went_well, TextRule::LONG, "went_well")?,
            to_improve: required(&self.to_improve, TextRule::LONG, "to_improve")?,
        })
    }
}

/// A case is complex or escalated, and so needs a case summary before archiving, when its
/// severity rank is 3 or more, its nature is major or crisis, it was graded an A/B complaint,
/// needed cross-department help, or went through a second round.
pub fn needs_case_summary(severity_rank: Option<u8>, seriousness: Option<Seriousness>, escalated_grade: bool, cross_department: bool, rounds: u32) -> bool {
    severity_rank.is_some_and(|r| r >= 3)
        || seriousness.is_some_and(|s| s != Seriousness::General)
        || escalated_grade
        || cross_department
        || rounds > 1
}

/// The retention rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPolicy {
    /// Years to keep an archived complaint intact; at least 2 (seed 000).
    pub years: u32,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy { years: 2 }
    }
}

/// The minimum the seeds allow.
pub const MIN_RETENTION_YEARS: u32 = 2;

impl RetentionPolicy {
    /// Raises a shorter configured period to the minimum.
    pub fn effective_years(&self) -> u32 {
        self.years.max(MIN_RETENTION_YEARS)
    }

    /// The first day on which an archived complaint may be anonymised.
    pub fn ends_on(&self, archived_on: NaiveDate) -> Option<NaiveDate> {
        archived_on.checked_add_months(Months::new(self.effective_years().checked_mul(12)?))
    }

    pub fn is_due(&self, archived_on: NaiveDate, today: NaiveDate) -> bool {
        self.ends_on(archived_on).is_some_and(|end| today >= end)
    }
}

/// Blanks the customer's personal data; keeps whether they were anonymous and the salutation
/// (needed for wording, not personal).
pub fn anonymise_customer(c: &Customer) -> Customer {
    Customer { anonymous: true, salutation: c.salutation, ..Customer::default() }
}

/// The event with personal data removed from its payload, or `None` if it carries none this
/// app knows of. The copy keeps the id and is marked redacted, so it replaces the original on
/// every device it reaches (see `Event::preferred`).
pub fn redact_event(event: &Event) -> Option<Event> {
    if event.is_redacted() {
        return None;
    }
    let body = match Body::parse(event) {
        Parsed::Known(Body::Registered(mut r)) => {
            r.registration.customer = anonymise_customer(&r.registration.customer);
            r.registration.incident.place.clear();
            Body::Registered(r)
        }
        Parsed::Known(Body::FieldsSet(mut f)) => {
            let mut touched = false;
            for ch in &mut f.changes {
                match &mut ch.value {
                    super::fields::FieldValue::Customer(c) => {
                        *c = anonymise_customer(c);
                        touched = true;
                    }
                    super::fields::FieldValue::Incident(i) => {
                        i.place.clear();
                        touched = true;
                    }
                    _ => {}
                }
            }
            if !touched {
                return None;
            }
            Body::FieldsSet(f)
        }
        _ => return None,
    };
    event.redacted_with(body.to_json().ok()?).ok()
}

/// The redacted copies to store (and pass on) after a complaint was anonymised.
pub fn redact_all<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<Event> {
    events.into_iter().filter_map(redact_event).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_is_at_least_two_years() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let p = RetentionPolicy { years: 1 };
        assert_eq!(p.effective_years(), 2);
        assert_eq!(p.ends_on(d(2023, 10, 12)), Some(d(2025, 10, 12)));
        assert!(!p.is_due(d(2023, 10, 12), d(2025, 10, 11)));
        assert!(p.is_due(d(2023, 10, 12), d(2025, 10, 12)));
        assert_eq!(RetentionPolicy { years: 5 }.ends_on(d(2024, 2, 29)), Some(d(2029, 2, 28)));
        // A configuration from a file may say anything: no overflow, just never due.
        assert_eq!(RetentionPolicy { years: u32::MAX }.ends_on(d(2024, 2, 29)), None);
        assert!(!RetentionPolicy { years: u32::MAX }.is_due(d(2024, 2, 29), d(2200, 1, 1)));
    }

    #[test]
    fn case_summary_rules() {
        assert!(!needs_case_summary(Some(2), Some(Seriousness::General), false, false, 1));
        assert!(needs_case_summary(Some(3), None, false, false, 1));
        assert!(needs_case_summary(None, Some(Seriousness::Crisis), false, false, 1));
        assert!(needs_case_summary(None, None, true, false, 1));
        assert!(needs_case_summary(None, None, false, true, 1));
        assert!(needs_case_summary(None, None, false, false, 2));
        let s = CaseSummary { cause: "安装".into(), went_well: "".into(), to_improve: " ".into() };
        assert_eq!(s.validate(), Err(CommandError::Required("to_improve")));
    }

    #[test]
    fn anonymising_keeps_only_the_salutation() {
        let c = Customer { name: "王".into(), phone: "13800000000".into(), salutation: Some(super::super::intake::Salutation::Mr), ..Customer::default() };
        let a = anonymise_customer(&c);
        assert!(a.anonymous && a.name.is_empty() && a.phone.is_empty());
        assert_eq!(a.title(), "先生");
    }
}

//! Editable fields of a complaint. Each is a multi-value register (see `register`), so
//! concurrent edits on different devices are all kept and surface as conflicts.

use serde::{Deserialize, Serialize};

use super::classify::{Classification, Urgency};
use super::grading::GradeRecord;
use super::intake::{Customer, Incident, Nature, RequestType};
use super::investigation::{RootCause, Verification};
use super::plan::{Approval, Suggestion};
use super::responsibility::{PartyOutcome, Ruling, Share};
use super::retention::CaseSummary;

/// A field and its value. Wire format: `{"field":"urgency","value":"normal"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Customer(Customer),
    Incident(Incident),
    RequestType(RequestType),
    Nature(Nature),
    Classification(Classification),
    Urgency(Urgency),
    /// A level key of the configured severity scheme.
    Severity(String),
    /// The responsible department.
    Department(String),
    /// The current handler (one named owner), besides the first-contact owner.
    Handler(String),
    Grade(GradeRecord),
    RootCause(RootCause),
    Verification(Verification),
    Approval(Approval),
    Suggestion(Suggestion),
    Shares(Vec<Share>),
    Arbitration(Ruling),
    Outcomes(Vec<PartyOutcome>),
    CaseSummary(CaseSummary),
}

/// The field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum FieldKey {
    Customer,
    Incident,
    RequestType,
    Nature,
    Classification,
    Urgency,
    Severity,
    Department,
    Handler,
    Grade,
    RootCause,
    Verification,
    Approval,
    Suggestion,
    Shares,
    Arbitration,
    Outcomes,
    CaseSummary,
    /// The workflow status (its writes are `transition` events).
    Status,
}

impl FieldValue {
    /// A value of `key` read from its JSON text (the `value` of the wire format). Events are
    /// read this way (`payload::Change`): serde's own reading of an adjacently tagged or
    /// flattened enum buffers every value into its `Content` tree first, which linked a
    /// second deserializer of every field type (10.8 KB gzip of the download).
    pub fn from_json(key: FieldKey, value: &str) -> serde_json::Result<FieldValue> {
        use serde_json::from_str as read;
        Ok(match key {
            FieldKey::Customer => FieldValue::Customer(read(value)?),
            FieldKey::Incident => FieldValue::Incident(read(value)?),
            FieldKey::RequestType => FieldValue::RequestType(read(value)?),
            FieldKey::Nature => FieldValue::Nature(read(value)?),
            FieldKey::Classification => FieldValue::Classification(read(value)?),
            FieldKey::Urgency => FieldValue::Urgency(read(value)?),
            FieldKey::Severity => FieldValue::Severity(read(value)?),
            FieldKey::Department => FieldValue::Department(read(value)?),
            FieldKey::Handler => FieldValue::Handler(read(value)?),
            FieldKey::Grade => FieldValue::Grade(read(value)?),
            FieldKey::RootCause => FieldValue::RootCause(read(value)?),
            FieldKey::Verification => FieldValue::Verification(read(value)?),
            FieldKey::Approval => FieldValue::Approval(read(value)?),
            FieldKey::Suggestion => FieldValue::Suggestion(read(value)?),
            FieldKey::Shares => FieldValue::Shares(read(value)?),
            FieldKey::Arbitration => FieldValue::Arbitration(read(value)?),
            FieldKey::Outcomes => FieldValue::Outcomes(read(value)?),
            FieldKey::CaseSummary => FieldValue::CaseSummary(read(value)?),
            // Written by `transition` events only, never as a field value.
            FieldKey::Status => return Err(serde::de::Error::custom("unknown field value `status`")),
        })
    }

    pub fn key(&self) -> FieldKey {
        match self {
            FieldValue::Customer(_) => FieldKey::Customer,
            FieldValue::Incident(_) => FieldKey::Incident,
            FieldValue::RequestType(_) => FieldKey::RequestType,
            FieldValue::Nature(_) => FieldKey::Nature,
            FieldValue::Classification(_) => FieldKey::Classification,
            FieldValue::Urgency(_) => FieldKey::Urgency,
            FieldValue::Severity(_) => FieldKey::Severity,
            FieldValue::Department(_) => FieldKey::Department,
            FieldValue::Handler(_) => FieldKey::Handler,
            FieldValue::Grade(_) => FieldKey::Grade,
            FieldValue::RootCause(_) => FieldKey::RootCause,
            FieldValue::Verification(_) => FieldKey::Verification,
            FieldValue::Approval(_) => FieldKey::Approval,
            FieldValue::Suggestion(_) => FieldKey::Suggestion,
            FieldValue::Shares(_) => FieldKey::Shares,
            FieldValue::Arbitration(_) => FieldKey::Arbitration,
            FieldValue::Outcomes(_) => FieldKey::Outcomes,
            FieldValue::CaseSummary(_) => FieldKey::CaseSummary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format() {
        let v = FieldValue::Urgency(Urgency::Normal);
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"field":"urgency","value":"normal"}"#);
        assert_eq!(v.key(), FieldKey::Urgency);
        let back: FieldValue = serde_json::from_str(r#"{"field":"department","value":"after_sales"}"#).unwrap();
        assert_eq!(back, FieldValue::Department("after_sales".into()));
        assert_eq!(serde_json::to_string(&FieldKey::CaseSummary).unwrap(), r#""case_summary""#);
    }
}

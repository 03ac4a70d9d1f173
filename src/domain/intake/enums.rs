//! The enumerations of the registration form (SPEC §3).

use serde::{Deserialize, Serialize};

/// What the customer wants (客户期望/诉求).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Expectation {
    Refund,
    Exchange,
    Repair,
    Apology,
    Compensation,
    Explanation,
    Other,
}

/// The customer's emotion (情绪).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Emotion {
    Calm,
    Anxious,
    Disappointed,
    Angry,
}

/// Request type (需求类型, seed 002), in the order forms offer them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RequestType {
    #[default]
    Complaint,
    Consultation,
    BusinessHandling,
    AfterSalesSupport,
    Suggestion,
    EmergencySupport,
}

/// Nature of the complaint (投诉性质, seed 003).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Seriousness {
    #[default]
    General,
    Major,
    Crisis,
}

/// First time (初次发生) or recurring (经常发生).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Recurrence {
    #[default]
    FirstTime,
    Recurring,
}

/// How to address the customer (先生/女士).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Salutation {
    Mr,
    Ms,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Nature {
    pub seriousness: Seriousness,
    pub recurrence: Recurrence,
}

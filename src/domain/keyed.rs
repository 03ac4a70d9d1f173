//! Enumerations with stable keys: every unit enum the UI offers or shows derives its list of
//! values, its key and its parsing (`strum`), and this trait gives them one name. The key is
//! the text serde stores for the value (a test checks it for every such enum), so the UI, the
//! store and the event JSON agree without a hand-kept table.

use std::str::FromStr;

use strum::IntoEnumIterator;

/// A unit enum with a stable key per value.
pub trait Keyed: Copy + Eq + 'static + IntoEnumIterator + Into<&'static str> + FromStr {
    /// The stable key (`order_record`, `customer.phone`, …).
    fn key(self) -> &'static str {
        self.into()
    }

    /// The value of a key; `None` for a key this version does not know.
    fn from_key(key: &str) -> Option<Self> {
        key.parse().ok()
    }

    /// Every value, in declaration order (the order forms list them).
    fn all() -> Vec<Self> {
        Self::iter().collect()
    }
}

impl<T> Keyed for T where T: Copy + Eq + 'static + IntoEnumIterator + Into<&'static str> + FromStr {}

/// Serde for choices kept in a record that outlives versions (a form's draft): written as the
/// key, `""` for none, as earlier versions wrote them. A blank or unknown key (written by a
/// newer version, or hand-edited) reads as none instead of failing the whole record, so the
/// draft still resumes; the form then starts that one choice from its own value.
pub mod lenient {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Keyed;

    pub fn serialize<T: Keyed, S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value.map(Keyed::key).unwrap_or(""))
    }

    pub fn deserialize<'de, T: Keyed, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.as_deref().and_then(T::from_key))
    }

    /// A choice that always has a value: blank or unknown reads as the type's default.
    pub mod or_default {
        use serde::{Deserializer, Serializer};

        use super::super::Keyed;

        pub fn serialize<T: Keyed, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(value.key())
        }

        pub fn deserialize<'de, T: Keyed + Default, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
            Ok(super::deserialize(d)?.unwrap_or_default())
        }
    }

    /// Several choices: the keys this version does not know are left out.
    pub mod list {
        use serde::{Deserialize, Deserializer, Serializer};

        use super::super::Keyed;

        pub fn serialize<T: Keyed, S: Serializer>(values: &[T], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(values.iter().map(|v| v.key()))
        }

        pub fn deserialize<'de, T: Keyed, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
            Ok(Vec::<String>::deserialize(d)?.iter().filter_map(|k| T::from_key(k)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Keyed;
    use crate::domain::{channel, classify, csv, communication, fields, grading, intake, investigation, payload, plan, responsibility, sla, survey, workflow};

    /// The key is what serde writes and reads, and reads back as the value.
    fn same_as_serde<T: Keyed + serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug>() {
        assert!(!T::all().is_empty());
        for v in T::all() {
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(v.key().into()), "{v:?}");
            assert_eq!(serde_json::from_value::<T>(serde_json::Value::String(v.key().into())).unwrap(), v);
            assert_eq!(T::from_key(v.key()), Some(v));
        }
        assert_eq!(T::from_key("no_such_key"), None);
    }

    #[test]
    fn every_key_is_the_stored_value() {
        same_as_serde::<investigation::EvidenceKind>();
        same_as_serde::<investigation::CauseCategory>();
        same_as_serde::<plan::RemedyKind>();
        same_as_serde::<plan::StepOutcome>();
        same_as_serde::<grading::Grade>();
        same_as_serde::<grading::Behaviour>();
        same_as_serde::<communication::Direction>();
        same_as_serde::<communication::ContactResult>();
        same_as_serde::<survey::Verdict>();
        same_as_serde::<responsibility::Outcome>();
        same_as_serde::<fields::FieldKey>();
        same_as_serde::<classify::Urgency>();
        same_as_serde::<intake::RegField>();
        same_as_serde::<csv::DateFormat>();
        same_as_serde::<csv::Delimiter>();
        same_as_serde::<csv::SourceEncoding>();
        same_as_serde::<csv::export::ExportColumn>();
        same_as_serde::<csv::mapping::Target>();
        same_as_serde::<intake::Problem>();
        same_as_serde::<intake::Expectation>();
        same_as_serde::<intake::Emotion>();
        same_as_serde::<intake::RequestType>();
        same_as_serde::<intake::Seriousness>();
        same_as_serde::<intake::Recurrence>();
        same_as_serde::<intake::Salutation>();
        same_as_serde::<channel::Channel>();
        same_as_serde::<crate::domain::staff::Role>();
        same_as_serde::<crate::domain::badges::Badge>();
        same_as_serde::<crate::domain::review::PeriodKind>();
        same_as_serde::<sla::ClockState>();
        same_as_serde::<sla::ClockKind>();
        same_as_serde::<workflow::Status>();
        same_as_serde::<workflow::CommandKind>();
        same_as_serde::<workflow::TransitionCause>();
        // Event kinds are stored in the event's envelope, not through serde.
        assert_eq!(payload::EventKind::all().len(), 13);
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Kept {
        #[serde(with = "super::lenient")]
        emotion: Option<intake::Emotion>,
        #[serde(with = "super::lenient::or_default")]
        channel: channel::Channel,
        #[serde(with = "super::lenient::list")]
        expectations: Vec<intake::Expectation>,
    }

    #[test]
    fn lenient_choices_write_keys_and_read_what_they_cannot_know_as_none() {
        use intake::{Emotion, Expectation};
        let kept = Kept { emotion: Some(Emotion::Angry), channel: channel::Channel::Site, expectations: vec![Expectation::Exchange] };
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(json, r#"{"emotion":"angry","channel":"site","expectations":["exchange"]}"#);
        assert_eq!(serde_json::from_str::<Kept>(&json).unwrap(), kept);
        // Earlier versions wrote "" for none; a newer version may write keys this one lacks.
        let odd: Kept = serde_json::from_str(r#"{"emotion":"","channel":"fax","expectations":["exchange","teleport"]}"#).unwrap();
        assert_eq!(odd, Kept { emotion: None, channel: channel::Channel::Phone, expectations: vec![Expectation::Exchange] });
        let none = Kept { emotion: None, channel: channel::Channel::Phone, expectations: vec![] };
        assert_eq!(serde_json::to_string(&none).unwrap(), r#"{"emotion":"","channel":"phone","expectations":[]}"#);
        assert_eq!(serde_json::from_str::<Kept>(r#"{"emotion":null,"channel":"phone","expectations":[]}"#).unwrap(), none);
    }
}

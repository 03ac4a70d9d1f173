//! Intake channels (SPEC §3) and their default codes, which appear in complaint numbers.

use serde::{Deserialize, Serialize};

/// How a complaint reached us.
/// The default is the phone, where a new form starts before the tablet remembers a channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    /// Phone call.
    #[default]
    Phone,
    /// Online chat on the web site.
    Web,
    /// Email.
    Email,
    /// Social media, official account, mini-program.
    Social,
    /// The company's app.
    App,
    /// Walk-in at the counter or on site at the customer's.
    Site,
    /// Letter or other written complaint.
    Letter,
}

impl Channel {
    /// The default code used in complaint numbers (SPEC §3); codes are configurable.
    pub fn default_code(self) -> &'static str {
        match self {
            Channel::Phone => "TEL",
            Channel::Web => "WEB",
            Channel::Email => "EML",
            Channel::Social => "SNS",
            Channel::App => "APP",
            Channel::Site => "SITE",
            Channel::Letter => "LTR",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keyed::Keyed;

    #[test]
    fn keys_round_trip_and_codes_are_unique() {
        let mut codes = std::collections::HashSet::new();
        for c in Channel::all() {
            assert_eq!(Channel::from_key(c.key()), Some(c));
            assert!(codes.insert(c.default_code()), "duplicate code {}", c.default_code());
        }
        assert_eq!(Channel::from_key("fax"), None);
    }
}

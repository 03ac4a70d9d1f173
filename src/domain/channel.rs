//! Intake channels (SPEC §3) and their default codes, which appear in complaint numbers.

use serde::{Deserialize, Serialize};

/// How a complaint reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Phone call.
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
    /// Every channel, in the order forms list them.
    pub const ALL: [Channel; 7] = [
        Channel::Phone,
        Channel::Web,
        Channel::Email,
        Channel::Social,
        Channel::App,
        Channel::Site,
        Channel::Letter,
    ];

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

    /// Stable identifier used in storage, forms and translation keys.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Web => "web",
            Channel::Email => "email",
            Channel::Social => "social",
            Channel::App => "app",
            Channel::Site => "site",
            Channel::Letter => "letter",
        }
    }

    /// Inverse of [`Channel::key`].
    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_codes_are_unique() {
        let mut codes = std::collections::HashSet::new();
        for c in Channel::ALL {
            assert_eq!(Channel::from_key(c.key()), Some(c));
            assert!(codes.insert(c.default_code()), "duplicate code {}", c.default_code());
        }
        assert_eq!(Channel::from_key("fax"), None);
    }
}

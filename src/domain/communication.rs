//! Communication (SPEC §8): the contact log, progress updates with "explained to the
//! customer", and message templates (话术) with placeholders.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::channel::Channel;
use super::errors::{local_time, optional, required, CommandError};
use super::text::TextRule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// Whether an outbound contact reached the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ContactResult {
    Reached,
    /// No answer, wrong number, bounced: counts towards closing after failed attempts.
    Failed,
}

/// One entry of the contact log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommEntry {
    /// When it happened (business time); may be typed later than it happened.
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub direction: Direction,
    /// Who on our side.
    pub who: String,
    pub summary: String,
    /// For outbound contacts.
    pub result: Option<ContactResult>,
}

impl CommEntry {
    pub fn validate(self) -> Result<CommEntry, CommandError> {
        Ok(CommEntry {
            at: local_time(self.at, "at")?,
            who: required(&self.who, TextRule::NAME, "who")?,
            summary: required(&self.summary, TextRule::LONG, "summary")?,
            ..self
        })
    }

    /// An outbound contact that reached the customer (stops the first-contact clock).
    pub fn reached_customer(&self) -> bool {
        self.direction == Direction::Outbound && self.result == Some(ContactResult::Reached)
    }

    pub fn failed_attempt(&self) -> bool {
        self.direction == Direction::Outbound && self.result == Some(ContactResult::Failed)
    }
}

/// A progress update to the customer, especially when late: why, and the new ETA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    pub text: String,
    pub new_eta: Option<NaiveDateTime>,
    /// The reason for the delay was explained to the customer (已解释).
    pub explained: bool,
}

impl ProgressUpdate {
    pub fn validate(self) -> Result<ProgressUpdate, CommandError> {
        Ok(ProgressUpdate {
            text: required(&self.text, TextRule::NOTE, "progress")?,
            new_eta: self.new_eta.map(|t| local_time(t, "new_eta")).transpose()?,
            ..self
        })
    }
}

/// Placeholders templates may use.
pub const PLACEHOLDERS: [&str; 3] = ["customer_title", "number", "eta"];

/// The language a message to the customer is written in: the clerk's, who reads it out or
/// sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageLanguage {
    Chinese,
    English,
}

/// A reusable message with `{customer_title}`, `{number}`, `{eta}` placeholders, in Chinese
/// (`body`, the seed's own words) and in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub key: String,
    pub body: String,
    /// The English text; empty in rules written before templates had one (then the shipped
    /// English text stands in while `body` is still the shipped Chinese one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body_en: String,
}

impl Template {
    /// Checks that every placeholder is known and closed, in both languages.
    pub fn validate(&self) -> Result<(), CommandError> {
        render(&self.body, &BTreeMap::new())?;
        render(&self.body_en, &BTreeMap::new()).map(|_| ())
    }

    /// The English text as it is used: its own, else the shipped one while the Chinese text is
    /// the shipped one; empty when the Chinese text was rewritten and no English one was given.
    pub fn english(&self) -> &str {
        if !self.body_en.is_empty() {
            return &self.body_en;
        }
        DEFAULTS.iter().find(|(k, zh, _)| *k == self.key && *zh == self.body).map(|(_, _, en)| *en).unwrap_or("")
    }

    /// The text in `language`; Chinese when there is no English text.
    pub fn body_in(&self, language: MessageLanguage) -> &str {
        match (language, self.english()) {
            (MessageLanguage::English, en) if !en.is_empty() => en,
            _ => &self.body,
        }
    }

    /// Fills in placeholders of the Chinese text; a missing value renders as an empty string.
    pub fn render(&self, values: &BTreeMap<&str, String>) -> Result<String, CommandError> {
        render(&self.body, values)
    }

    /// Fills in placeholders of the text in `language`.
    pub fn render_in(&self, language: MessageLanguage, values: &BTreeMap<&str, String>) -> Result<String, CommandError> {
        render(self.body_in(language), values)
    }
}

fn render(body: &str, values: &BTreeMap<&str, String>) -> Result<String, CommandError> {
    let mut out = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').ok_or(CommandError::UnclosedPlaceholder)? + open;
        let name = &rest[open + 1..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(CommandError::UnknownPlaceholder(name.to_string()));
        }
        out.push_str(values.get(name).map(String::as_str).unwrap_or(""));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The shipped templates: key, the seed 000 text (zh-CN), and its English counterpart.
const DEFAULTS: [(&str, &str, &str); 3] = [
    (
        "soothe",
        "{customer_title}，非常抱歉给您带来不便，您的投诉编号为{number}，我们已安排专人处理，预计{eta}前给您反馈进展。",
        "{customer_title}, we are very sorry for the trouble. Your complaint number is {number}; a member of our team is handling it and will update you by {eta}.",
    ),
    (
        "progress",
        "{customer_title}，您好，关于您的投诉（编号{number}），目前处理进展如下，预计{eta}前完成，感谢您的耐心。",
        "Hello {customer_title}, here is the progress on your complaint (number {number}). We expect to finish by {eta}. Thank you for your patience.",
    ),
    (
        "result",
        "{customer_title}，您好，您的投诉（编号{number}）已处理完成，后续使用如有问题可随时联系我们。",
        "Hello {customer_title}, your complaint (number {number}) has been resolved. If anything else comes up, please contact us at any time.",
    ),
];

/// Default templates from seed 000, with English texts: the first soothing line, the progress
/// update, the result notice.
pub fn default_templates() -> Vec<Template> {
    DEFAULTS.iter().map(|(k, zh, en)| Template { key: (*k).into(), body: (*zh).into(), body_en: (*en).into() }).collect()
}

/// A free-text note field check shared by commands.
pub fn note(value: &str) -> Result<String, CommandError> {
    optional(value, TextRule::NOTE, "note")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_render_and_reject_unknown_placeholders() {
        let soothe = &default_templates()[0];
        let values = BTreeMap::from([
            ("customer_title", "王先生".to_string()),
            ("number", "20231001-TEL-K7-001".to_string()),
            ("eta", "10月9日18:00".to_string()),
        ]);
        assert_eq!(
            soothe.render(&values).unwrap(),
            "王先生，非常抱歉给您带来不便，您的投诉编号为20231001-TEL-K7-001，我们已安排专人处理，预计10月9日18:00前给您反馈进展。"
        );
        assert!(default_templates().iter().all(|t| t.validate().is_ok()));
        let bad = Template { key: "x".into(), body: "{name}".into(), body_en: String::new() };
        assert_eq!(bad.validate(), Err(CommandError::UnknownPlaceholder("name".into())));
        let bad = Template { key: "x".into(), body: "hi {eta".into(), body_en: String::new() };
        assert_eq!(bad.validate(), Err(CommandError::UnclosedPlaceholder));
        let bad = Template { key: "x".into(), body: "hi".into(), body_en: "Dear {name}".into() };
        assert_eq!(bad.validate(), Err(CommandError::UnknownPlaceholder("name".into())), "the English text is checked too");
    }

    #[test]
    fn templates_in_english() {
        let values = BTreeMap::from([("customer_title", "Mr. Wang".to_string()), ("number", "N-1".to_string()), ("eta", "2023-10-09 18:00".to_string())]);
        let soothe = default_templates().remove(0);
        let en = soothe.render_in(MessageLanguage::English, &values).unwrap();
        assert!(en.starts_with("Mr. Wang, we are very sorry") && en.contains("N-1") && en.contains("by 2023-10-09 18:00."), "{en}");
        assert!(soothe.render_in(MessageLanguage::Chinese, &values).unwrap().contains("非常抱歉"));
        // Rules saved before templates had English: the shipped text stands in for the shipped Chinese one...
        let old = Template { body_en: String::new(), ..soothe.clone() };
        assert_eq!(old.body_in(MessageLanguage::English), soothe.body_en);
        // ...but never for a rewritten one, which stays in Chinese rather than saying something else.
        let rewritten = Template { body: "{customer_title}，您好。".into(), body_en: String::new(), ..soothe.clone() };
        assert_eq!(rewritten.english(), "");
        assert_eq!(rewritten.body_in(MessageLanguage::English), "{customer_title}，您好。");
        // An old rules file (no `body_en`) still reads, and an empty English text is not written.
        let read: Template = serde_json::from_str(r#"{"key":"result","body":"x"}"#).unwrap();
        assert_eq!(read.body_en, "");
        assert!(!serde_json::to_string(&read).unwrap().contains("body_en"));
    }

    #[test]
    fn contact_results() {
        let at = chrono::NaiveDate::from_ymd_opt(2023, 10, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let e = CommEntry { at, channel: Channel::Phone, direction: Direction::Outbound, who: "li".into(), summary: "回电".into(), result: Some(ContactResult::Failed) };
        assert!(e.failed_attempt() && !e.reached_customer());
        assert_eq!(CommEntry { summary: "".into(), ..e.clone() }.validate(), Err(CommandError::Required("summary")));
        assert_eq!(CommEntry { who: "li\u{7}".into(), ..e.clone() }.validate(), Err(CommandError::ControlCharacter("who")));
        assert_eq!(CommEntry { at: chrono::NaiveDateTime::MAX, ..e }.validate(), Err(CommandError::TimeOutOfRange("at")));
        let eta = ProgressUpdate { text: "x".into(), new_eta: Some(chrono::NaiveDateTime::MIN), explained: true };
        assert_eq!(eta.validate(), Err(CommandError::TimeOutOfRange("new_eta")));
    }
}

//! Message templates (话术, SPEC §8) filled in from a complaint's state, so every page that
//! offers a template addresses the customer the same way: by title (`王先生`), never by the
//! bare name, with the complaint number and the ETA the customer was last given.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::communication::{MessageLanguage, Template};
use super::intake::{Customer, Salutation};
use super::config::DomainConfig;
use super::errors::CommandError;
use super::sla::ClockKind;
use super::state::ComplaintState;

/// How an ETA is written into a message (business wall-clock time).
pub const ETA_FORMAT: &str = "%Y-%m-%d %H:%M";

impl ComplaintState {
    /// The time the customer can expect the result: the new ETA of the latest progress update
    /// in the current handling round (that is what they were told), else the due time of the
    /// current round's resolution clock. Business wall-clock time.
    pub fn eta(&self, config: &DomainConfig, now_ms: i64) -> Option<NaiveDateTime> {
        let round_start = self.last_transition(|t| t.cause.starts_round()).map(|w| w.hlc);
        let promised = self
            .progress
            .iter()
            .filter(|p| round_start.is_none_or(|h| p.hlc > h))
            .max_by_key(|p| p.hlc)
            .and_then(|p| p.value.new_eta);
        promised.or_else(|| {
            let round = self.round();
            self.clocks(config, now_ms)
                .into_iter()
                .find(|c| c.instance.kind == ClockKind::Resolution && c.instance.round == round)
                .and_then(|c| c.due)
                .map(|ms| config.calendar.local(ms))
        })
    }

    /// Every placeholder's value for this complaint (see `communication::PLACEHOLDERS`), for a
    /// message in `language`.
    pub fn template_values(&self, config: &DomainConfig, now_ms: i64, language: MessageLanguage) -> BTreeMap<&'static str, String> {
        let title = |c: &Customer| match language {
            MessageLanguage::Chinese => c.title(),
            MessageLanguage::English => english_title(c),
        };
        crate::domain::sort::map_of([
            ("customer_title", self.customer().map(|c| title(&c)).unwrap_or_default()),
            ("number", self.number().unwrap_or_default().to_string()),
            ("eta", self.eta(config, now_ms).map(|t| t.format(ETA_FORMAT).to_string()).unwrap_or_default()),
        ])
    }

    /// The configured template `key` in `language`, filled in for this complaint; `None` for an
    /// unknown key.
    pub fn render_template(&self, config: &DomainConfig, key: &str, now_ms: i64, language: MessageLanguage) -> Option<Result<String, CommandError>> {
        let template: &Template = config.templates.iter().find(|t| t.key == key)?;
        Some(template.render_in(language, &self.template_values(config, now_ms, language)))
    }
}

/// How an English message addresses the customer: `Mr. Wang`, a name typed with its title as
/// typed (`Ms. Li`, `王先生`), `Sir or Madam` when anonymous.
pub fn english_title(c: &Customer) -> String {
    if c.anonymous || c.name.is_empty() {
        return match c.salutation {
            Some(Salutation::Mr) => "Sir",
            Some(Salutation::Ms) => "Madam",
            None => "Sir or Madam",
        }
        .into();
    }
    let lower = c.name.to_lowercase();
    let titled = ["mr", "ms", "mrs", "miss", "dr"].iter().any(|t| lower.strip_prefix(t).is_some_and(|rest| rest.starts_with(['.', ' '])));
    if titled || c.name.ends_with("先生") || c.name.ends_with("女士") {
        return c.name.clone();
    }
    match c.salutation {
        Some(Salutation::Mr) => format!("Mr. {}", c.name),
        Some(Salutation::Ms) => format!("Ms. {}", c.name),
        None => c.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::classify::{Classification, Urgency};
    use crate::domain::command::Command;
    use crate::domain::communication::{MessageLanguage, ProgressUpdate};
    use crate::domain::config::DomainConfig;
    use crate::domain::intake::{Customer, Salutation};
    use super::english_title;
    use crate::domain::intake::tests::example;
    use crate::domain::tests::{local, Device};

    #[test]
    fn templates_address_the_customer_by_title_with_number_and_eta() {
        let mut d = Device::new("tablet-k7", "K7", "li", DomainConfig::default());
        let day = |dd, h, m| local(2023, 10, dd, h, m);
        let c = d.run_at(None, day(9, 9, 32), Command::Register { registration: example(), serial: 3 }).unwrap()[0].id().clone();
        let classification = Classification { type_key: "product_quality".into(), subtype: None };
        let classify = Command::Classify { classification, urgency: Urgency::Normal, severity: None, nature: None, request_type: None };
        d.run_at(Some(&c), day(9, 9, 40), classify).unwrap();
        let st = d.state(&c);
        let now = d.ms(day(9, 10, 0));
        let soothe = st.render_template(&d.config, "soothe", now, MessageLanguage::Chinese).unwrap().unwrap();
        assert!(soothe.starts_with("王先生，"), "{soothe}");
        assert!(soothe.contains("20231001-TEL-K7-003"), "{soothe}");
        assert!(soothe.contains("预计2023-10-04 18:00前"), "3 working days from a Sunday receipt: {soothe}");
        assert!(st.render_template(&d.config, "nope", now, MessageLanguage::Chinese).is_none());

        // A progress update with a new ETA is what the customer was told last.
        let update = ProgressUpdate { text: "等待配件".into(), new_eta: Some(day(13, 12, 0)), explained: true };
        d.run_at(Some(&c), day(9, 11, 0), Command::ProgressUpdate { update }).unwrap();
        let values = d.state(&c).template_values(&d.config, now, MessageLanguage::Chinese);
        assert_eq!(values["eta"], "2023-10-13 12:00");
        assert_eq!(values["customer_title"], "王先生");
    }

    #[test]
    fn an_anonymous_customer_is_addressed_politely() {
        let mut d = Device::new("tablet-k7", "K7", "li", DomainConfig::default());
        let mut reg = example();
        reg.customer.anonymous = true;
        reg.customer.name.clear();
        reg.customer.salutation = None;
        let c = d.run_at(None, local(2023, 10, 9, 9, 32), Command::Register { registration: reg, serial: 1 }).unwrap()[0].id().clone();
        let values = d.state(&c).template_values(&d.config, d.ms(local(2023, 10, 9, 10, 0)), MessageLanguage::Chinese);
        assert_eq!(values["customer_title"], "先生/女士");
        let values = d.state(&c).template_values(&d.config, d.ms(local(2023, 10, 9, 10, 0)), MessageLanguage::English);
        assert_eq!(values["customer_title"], "Sir or Madam");
    }

    #[test]
    fn english_messages_address_the_customer_in_english() {
        let mut d = Device::new("tablet-k7", "K7", "li", DomainConfig::default());
        let c = d.run_at(None, local(2023, 10, 9, 9, 32), Command::Register { registration: example(), serial: 3 }).unwrap()[0].id().clone();
        let st = d.state(&c);
        let now = d.ms(local(2023, 10, 9, 10, 0));
        let soothe = st.render_template(&d.config, "soothe", now, MessageLanguage::English).unwrap().unwrap();
        assert!(soothe.starts_with("Mr. 王, we are very sorry"), "{soothe}");
        assert!(soothe.contains("20231001-TEL-K7-003"), "{soothe}");
        let customer = |name: &str, salutation| Customer { name: name.into(), salutation, ..Customer::default() };
        assert_eq!(english_title(&customer("Wang", Some(Salutation::Ms))), "Ms. Wang");
        assert_eq!(english_title(&customer("Mr. Zhang", Some(Salutation::Mr))), "Mr. Zhang");
        assert_eq!(english_title(&customer("王先生", Some(Salutation::Mr))), "王先生");
        assert_eq!(english_title(&customer("Alex Doe", None)), "Alex Doe");
        assert_eq!(english_title(&customer("", Some(Salutation::Ms))), "Madam");
    }
}

//! The badges the list card and the complaint header show: each from the fact it stands for.

use super::{local, Device};
use crate::domain::badges::{badges, Badge};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::config::DomainConfig;
use crate::domain::intake::tests::example;
use crate::domain::intake::{Emotion, Expectation, Nature, Recurrence, Registration, Seriousness};

fn classify(urgency: Urgency) -> Command {
    let classification = Classification { type_key: "product_quality".into(), subtype: None };
    Command::Classify { classification, urgency, severity: None, nature: None, request_type: None }
}

#[test]
fn a_calm_first_time_complaint_has_one_badge_for_its_exchange() {
    let mut d = Device::new("tablet-b", "B1", "li", DomainConfig::default());
    let at = local(2023, 10, 9, 9, 30);
    let c = d.run_at(None, at, Command::Register { registration: Registration { received_at: at, ..example() }, serial: 1 }).unwrap()[0].id().clone();
    // The example wants a repair or an exchange; nothing else stands out.
    assert_eq!(badges(&d.state(&c), &d.config), vec![Badge::RefundOrExchange]);
    d.run_at(Some(&c), at, classify(Urgency::Normal)).unwrap();
    assert_eq!(badges(&d.state(&c), &d.config), vec![Badge::RefundOrExchange]);
}

#[test]
fn every_fact_that_matters_shows_as_its_badge() {
    let mut d = Device::new("tablet-b", "B1", "li", DomainConfig::default());
    let at = local(2023, 10, 9, 9, 30);
    let mut reg = Registration { received_at: at, ..example() };
    reg.nature = Nature { seriousness: Seriousness::Major, recurrence: Recurrence::Recurring };
    reg.incident.emotion = Some(Emotion::Angry);
    reg.incident.expectations = vec![Expectation::Apology];
    reg.customer.anonymous = true;
    reg.customer.name = String::new();
    reg.customer.salutation = None;
    let c = d.run_at(None, at, Command::Register { registration: reg, serial: 1 }).unwrap()[0].id().clone();
    assert_eq!(badges(&d.state(&c), &d.config), vec![Badge::Major, Badge::Recurring, Badge::Angry, Badge::Anonymous]);
    d.run_at(Some(&c), at, classify(Urgency::Urgent)).unwrap();
    assert_eq!(badges(&d.state(&c), &d.config), vec![Badge::Urgent, Badge::Major, Badge::Recurring, Badge::Angry, Badge::Anonymous]);
}

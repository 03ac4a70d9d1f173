//! The `registered` event of an imported complaint records its file and row; events without
//! the field (every event before imports) read as before, and a hostile source is refused by
//! the checks batch import and sync apply.

use super::now;
use crate::domain::command::Command;
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::event::Event;
use crate::domain::intake::tests::example;
use crate::domain::payload::{Body, ImportSource, Parsed};
use crate::domain::tests::Device;

fn registered(e: &Event) -> crate::domain::payload::Registered {
    match Body::parse(e) {
        Parsed::Known(Body::Registered(r)) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn imported_registrations_record_their_source() {
    let mut d = Device::new("dev-a", "AA", "li", DomainConfig::default());
    let source = ImportSource { file: "投诉.csv".into(), row: "id:A-1".into() };
    let cmd = Command::RegisterImported { registration: example(), serial: 1, source: source.clone() };
    let events = d.run_at(None, now(), cmd).unwrap();
    assert_eq!(registered(&events[0]).source, Some(source));
    assert_eq!(events[0].validate(), Ok(()));
    assert!(events[0].payload_json().contains("\"source\""));
    let state = d.state(&events[0].complaint().clone());
    assert_eq!(state.registered.unwrap().value.source.unwrap().row, "id:A-1");

    // A form registration writes no `source` at all: its payload is as before.
    let plain = d.run_at(None, now(), Command::Register { registration: example(), serial: 2 }).unwrap();
    assert!(!plain[0].payload_json().contains("source"));
    assert_eq!(registered(&plain[0]).source, None);

    // The command refuses a source that events may not carry.
    let bad = ImportSource { file: "a\u{202e}vsc.exe".into(), row: "id:1".into() };
    let refused = d.run_at(None, now(), Command::RegisterImported { registration: example(), serial: 3, source: bad });
    assert_eq!(refused.unwrap_err(), CommandError::BidiControl("source.file"));
}

#[test]
fn a_foreign_event_with_a_hostile_source_is_refused() {
    let mut d = Device::new("dev-a", "AA", "li", DomainConfig::default());
    let source = ImportSource { file: "f.csv".into(), row: "id:1".into() };
    let events = d.run_at(None, now(), Command::RegisterImported { registration: example(), serial: 1, source }).unwrap();
    let json = events[0].to_json().replace(r#""row":"id:1""#, r#""row":"a\nb""#);
    assert_ne!(json, events[0].to_json(), "the test edits the row key");
    let forged = Event::from_json(&json).unwrap();
    assert!(forged.validate().is_err(), "a row key with a line break is refused");
}

//! Hostile text (NUL, ESC, BEL, DEL, C1, right-to-left override, zero-width-only, overlong)
//! is refused by every command that takes text, with the broken rule as its code.

use super::{local, Device};
use crate::domain::command::Command;
use crate::domain::communication::{CommEntry, Direction, ProgressUpdate};
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::event::Event;
use crate::domain::ids::ComplaintId;
use crate::domain::intake::tests::example;
use crate::domain::intake::{FieldIssue, Problem, RegField};
use crate::domain::investigation::{CauseCategory, RootCause};
use crate::domain::payload::Attachment;
use crate::domain::plan::{PlanStep, StepKind};
use crate::domain::responsibility::{DeptRequest, Share};

const HOSTILE: [(&str, &str); 7] = [
    ("a\u{0}b", "control_character"),
    ("\u{1b}[2Jcleared", "control_character"),
    ("ding\u{7}", "control_character"),
    ("del\u{7f}", "control_character"),
    ("exe.\u{202E}fdp", "bidi_control"),
    ("\u{2067}isolated\u{2069}", "bidi_control"),
    ("\u{200B}\u{FEFF} \u{200D}", "required"),
];

fn registered() -> (Device, ComplaintId) {
    let mut d = Device::new("dev-a", "AA", "li", DomainConfig::default());
    let c = d.run_at(None, local(2023, 10, 9, 9, 0), Command::Register { registration: example(), serial: 1 }).unwrap()[0].id().clone();
    (d, c)
}

#[test]
fn the_registration_refuses_hostile_names_and_texts() {
    for (bad, code) in HOSTILE {
        let mut r = example();
        r.customer.name = bad.into();
        r.first_contact_owner = bad.into();
        r.incident.product = bad.into();
        let issues = r.validate(local(2023, 10, 1, 10, 0)).unwrap_err();
        let got: Vec<_> = issues.iter().map(|i| (i.field, i.problem.code())).collect();
        assert_eq!(got, vec![(RegField::FirstContactOwner, code), (RegField::CustomerName, code), (RegField::Product, code)], "{bad:?}");
    }
    // Free text may span lines; a name may not.
    let mut r = example();
    r.incident.own_words = "第一行\n第二行\t完".into();
    r.customer.name = "王\n先生".into();
    let issues = r.validate(local(2023, 10, 1, 10, 0)).unwrap_err();
    assert_eq!(issues, vec![FieldIssue { field: RegField::CustomerName, problem: Problem::ControlCharacter }]);
    let mut r = example();
    r.customer.email = "wang\u{202E}@example.com".into();
    assert_eq!(r.validate(local(2023, 10, 1, 10, 0)).unwrap_err()[0].problem, Problem::BidiControl);
}

#[test]
fn every_command_that_takes_text_refuses_hostile_text() {
    let (mut d, c) = registered();
    let at = local(2023, 10, 9, 10, 0);
    let commands = |bad: &str| {
        let step = PlanStep { kind: StepKind::Prevention, text: "t".into(), owner: bad.into(), deadline: at, amount_cents: None };
        let call = CommEntry { at, channel: crate::domain::channel::Channel::Phone, direction: Direction::Inbound, who: "li".into(), summary: bad.into(), result: None };
        vec![
            Command::AssignHandler { handler: bad.into() },
            Command::SetShares { shares: vec![Share { party: bad.into(), percent: 100 }] },
            Command::PlanStep { step },
            Command::LogCommunication { entry: call },
            Command::ProgressUpdate { update: ProgressUpdate { text: bad.into(), new_eta: None, explained: false } },
            Command::RecordRootCause { root_cause: RootCause { category: CauseCategory::Installation, text: bad.into() } },
            Command::RequestDepartment { request: DeptRequest { department: "finance".into(), need: bad.into(), deadline: None } },
            Command::AddAttachment { attachment: Attachment { key: "k".into(), name: bad.into(), mime: "image/jpeg".into(), bytes: 1 } },
            Command::Wait { on_customer: true, reason: bad.into() },
        ]
    };
    for (bad, code) in HOSTILE {
        for cmd in commands(bad) {
            let kind = cmd.kind();
            assert_eq!(d.run_at(Some(&c), at, cmd).unwrap_err().code(), code, "{kind:?} {bad:?}");
        }
    }
    // Optional notes: an invisible-only note is no note; a control character is refused.
    d.run_at(Some(&c), at, Command::CorrectCustomer { customer: example().customer }).unwrap();
    let mut customer = example().customer;
    customer.company = "AC\u{85}ME".into(); // C1 NEL inside (at the ends it is whitespace and trimmed)
    let err = d.run_at(Some(&c), at, Command::CorrectCustomer { customer }).unwrap_err();
    assert_eq!(err, CommandError::Invalid(vec![FieldIssue { field: RegField::Company, problem: Problem::ControlCharacter }]));
}

#[test]
fn attachment_types_and_sizes_are_bounded() {
    let (mut d, c) = registered();
    let at = local(2023, 10, 9, 10, 0);
    let att = |mime: &str, bytes| Command::AddAttachment { attachment: Attachment { key: "k".into(), name: "photo.jpg".into(), mime: mime.into(), bytes } };
    assert_eq!(d.run_at(Some(&c), at, att(&"x".repeat(256), 1)).unwrap_err(), CommandError::TooLong("mime"));
    assert_eq!(d.run_at(Some(&c), at, att("image/jpeg", 15 * 1024 * 1024 + 1)).unwrap_err(), CommandError::AttachmentTooLarge);
    assert!(d.run_at(Some(&c), at, att("", 10)).is_ok(), "browsers do not always know the type");
}

#[test]
fn a_huge_stored_serial_does_not_wrap_to_a_used_number() {
    let (d, _) = registered();
    let reg = d.events.iter().next().unwrap();
    let huge = Event::from_json(&reg.to_json().replace(r#""serial":1"#, r#""serial":4294967295"#)).unwrap();
    let day = example().received_at.date();
    assert_eq!(crate::domain::fold::next_serial([&huge], "dev-a", day), u32::MAX);
    assert_eq!(huge.validate().unwrap_err().rule(), Some("required"));
}

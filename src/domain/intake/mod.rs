//! The full SPEC §3 registration (客户投诉信息登记表 / 服务需求记录表): every field and
//! enumeration, with field-level validation. (`registration::NewComplaint` is the short form
//! the first UI screen still uses.)

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::domain::channel::Channel;
use crate::domain::registration::is_valid_phone;
use crate::domain::text::{self, TextError, TextRule};
use crate::domain::time_range::{is_accepted_local, is_later_than};

mod enums;
pub use enums::*;

/// Length limits (characters).
pub const MAX_SHORT: usize = 60;
pub const MAX_MEDIUM: usize = 200;
pub const MAX_LONG: usize = 4000;

/// Who complains. Personal data: see `retention` for anonymisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Customer {
    /// The customer asked not to be named (可匿名): name is then left empty.
    pub anonymous: bool,
    pub name: String,
    pub salutation: Option<Salutation>,
    pub phone: String,
    pub email: String,
    /// 客户编号
    pub customer_no: String,
    /// For business customers.
    pub company: String,
    /// For visits.
    pub address: String,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Incident {
    pub occurred_at: Option<NaiveDateTime>,
    pub place: String,
    /// Product or service (涉及产品/服务).
    pub product: String,
    pub model: String,
    /// Order or reference number.
    pub order_ref: String,
    /// The customer's own words (客户原话).
    pub own_words: String,
    /// Objective restatement (客观复述).
    pub restatement: String,
    pub expectations: Vec<Expectation>,
    pub expectation_note: String,
    pub emotion: Option<Emotion>,
}

/// The whole registration form. Times are wall-clock times in the business time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub request_type: RequestType,
    pub nature: Nature,
    pub customer: Customer,
    pub incident: Incident,
    /// 首问负责人: whoever received it; stays on the complaint to the end.
    pub first_contact_owner: String,
}

/// A registration field, by its stable key (also the form input name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
pub enum RegField {
    #[serde(rename = "received_at")]
    #[strum(serialize = "received_at")]
    ReceivedAt,
    #[serde(rename = "first_contact_owner")]
    #[strum(serialize = "first_contact_owner")]
    FirstContactOwner,
    #[serde(rename = "customer.name")]
    #[strum(serialize = "customer.name")]
    CustomerName,
    #[serde(rename = "customer.contact")]
    #[strum(serialize = "customer.contact")]
    CustomerContact,
    #[serde(rename = "customer.phone")]
    #[strum(serialize = "customer.phone")]
    CustomerPhone,
    #[serde(rename = "customer.email")]
    #[strum(serialize = "customer.email")]
    CustomerEmail,
    #[serde(rename = "customer.customer_no")]
    #[strum(serialize = "customer.customer_no")]
    CustomerNo,
    #[serde(rename = "customer.company")]
    #[strum(serialize = "customer.company")]
    Company,
    #[serde(rename = "customer.address")]
    #[strum(serialize = "customer.address")]
    Address,
    #[serde(rename = "incident.occurred_at")]
    #[strum(serialize = "incident.occurred_at")]
    OccurredAt,
    #[serde(rename = "incident.place")]
    #[strum(serialize = "incident.place")]
    Place,
    #[serde(rename = "incident.product")]
    #[strum(serialize = "incident.product")]
    Product,
    #[serde(rename = "incident.model")]
    #[strum(serialize = "incident.model")]
    Model,
    #[serde(rename = "incident.order_ref")]
    #[strum(serialize = "incident.order_ref")]
    OrderRef,
    #[serde(rename = "incident.own_words")]
    #[strum(serialize = "incident.own_words")]
    OwnWords,
    #[serde(rename = "incident.restatement")]
    #[strum(serialize = "incident.restatement")]
    Restatement,
    #[serde(rename = "incident.expectation_note")]
    #[strum(serialize = "incident.expectation_note")]
    ExpectationNote,
}

impl RegField {
    /// Stable key, e.g. `customer.phone`.
    pub fn key(self) -> &'static str {
        self.into()
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong,
    InvalidPhone,
    InvalidEmail,
    InFuture,
    /// An anonymous customer's name was given.
    NotAllowedWhenAnonymous,
    /// Happened after it was reported.
    AfterReceipt,
    /// A control character (a line break or tab only in multi-line text).
    ControlCharacter,
    /// A bidirectional control character.
    BidiControl,
    /// A time outside the accepted range (see `time_range`).
    OutOfRange,
}

impl From<TextError> for Problem {
    fn from(e: TextError) -> Problem {
        match e {
            TextError::Required => Problem::Required,
            TextError::TooLong => Problem::TooLong,
            TextError::ControlCharacter => Problem::ControlCharacter,
            TextError::BidiControl => Problem::BidiControl,
        }
    }
}

impl Problem {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong => "too_long",
            Problem::InvalidPhone => "invalid_phone",
            Problem::InvalidEmail => "invalid_email",
            Problem::InFuture => "in_future",
            Problem::NotAllowedWhenAnonymous => "not_allowed_when_anonymous",
            Problem::AfterReceipt => "after_receipt",
            Problem::ControlCharacter => "control_character",
            Problem::BidiControl => "bidi_control",
            Problem::OutOfRange => "time_out_of_range",
        }
    }
}

/// One field-level error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    pub field: RegField,
    pub problem: Problem,
}

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let labels_ok = domain.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && labels_ok
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The longest email address (RFC 5321).
const MAX_EMAIL: usize = 254;
/// Tolerated drift of tablet clocks when a time must not lie in the future.
pub const CLOCK_TOLERANCE: TimeDelta = TimeDelta::minutes(5);

impl Customer {
    /// Trims whitespace and invisible characters from every text (see `text::tidy`).
    pub fn tidy(&mut self) {
        for s in [&mut self.name, &mut self.phone, &mut self.email, &mut self.customer_no, &mut self.company, &mut self.address] {
            *s = text::tidy(s);
        }
    }

    /// Whether a name must be given: not for a customer who asked to stay anonymous (forms
    /// mark the name input required by this).
    pub fn name_required(&self) -> bool {
        !self.anonymous
    }

    /// Field problems of the customer block alone (also used when correcting it).
    pub fn issues(&self) -> Vec<FieldIssue> {
        let mut out = Vec::new();
        let mut fail = |field, problem| out.push(FieldIssue { field, problem });
        let blank = |s: &str| text::tidy(s).is_empty();
        if !self.name_required() {
            if !blank(&self.name) {
                fail(RegField::CustomerName, Problem::NotAllowedWhenAnonymous);
            }
        } else {
            if blank(&self.name) {
                fail(RegField::CustomerName, Problem::Required);
            }
            // Who complains, closes: a named customer must be reachable.
            if blank(&self.phone) && blank(&self.email) {
                fail(RegField::CustomerContact, Problem::Required);
            }
        }
        limit(&self.name, TextRule::line(MAX_SHORT), RegField::CustomerName, &mut fail);
        if !self.phone.is_empty() && !is_valid_phone(&self.phone) {
            fail(RegField::CustomerPhone, Problem::InvalidPhone);
        }
        if !self.email.is_empty() {
            match text::check(&self.email, TextRule::line(MAX_EMAIL)) {
                Err(e) => fail(RegField::CustomerEmail, e.into()),
                Ok(()) if !is_valid_email(&self.email) => fail(RegField::CustomerEmail, Problem::InvalidEmail),
                Ok(()) => {}
            }
        }
        limit(&self.customer_no, TextRule::line(MAX_SHORT), RegField::CustomerNo, &mut fail);
        limit(&self.company, TextRule::line(MAX_MEDIUM), RegField::Company, &mut fail);
        limit(&self.address, TextRule::line(MAX_MEDIUM), RegField::Address, &mut fail);
        out
    }

    /// How templates address the customer, e.g. `王先生`, or `先生/女士` when anonymous.
    pub fn title(&self) -> String {
        let suffix = match self.salutation {
            Some(Salutation::Mr) => "先生",
            Some(Salutation::Ms) => "女士",
            None => "",
        };
        if self.anonymous || self.name.is_empty() {
            return if suffix.is_empty() { "先生/女士".into() } else { suffix.into() };
        }
        if self.name.ends_with("先生") || self.name.ends_with("女士") {
            self.name.clone()
        } else {
            format!("{}{suffix}", self.name)
        }
    }
}

impl Incident {
    /// Trims whitespace and invisible characters from every text; sorts the expectations.
    pub fn tidy(&mut self) {
        for s in [
            &mut self.place,
            &mut self.product,
            &mut self.model,
            &mut self.order_ref,
            &mut self.own_words,
            &mut self.restatement,
            &mut self.expectation_note,
        ] {
            *s = text::tidy(s);
        }
        crate::domain::sort::sort(&mut self.expectations);
        self.expectations.dedup();
    }

    /// Field problems of the incident block; `received_at` bounds the occurrence time.
    pub fn issues(&self, received_at: NaiveDateTime) -> Vec<FieldIssue> {
        let mut out = Vec::new();
        let mut fail = |field, problem| out.push(FieldIssue { field, problem });
        match self.occurred_at {
            Some(t) if !is_accepted_local(t) => fail(RegField::OccurredAt, Problem::OutOfRange),
            Some(t) if is_later_than(t, received_at, CLOCK_TOLERANCE) => fail(RegField::OccurredAt, Problem::AfterReceipt),
            _ => {}
        }
        limit(&self.place, TextRule::line(MAX_MEDIUM), RegField::Place, &mut fail);
        required(&self.product, TextRule::line(MAX_MEDIUM), RegField::Product, &mut fail);
        limit(&self.model, TextRule::line(MAX_SHORT), RegField::Model, &mut fail);
        limit(&self.order_ref, TextRule::line(MAX_SHORT), RegField::OrderRef, &mut fail);
        required(&self.own_words, TextRule::multiline(MAX_LONG), RegField::OwnWords, &mut fail);
        limit(&self.restatement, TextRule::multiline(MAX_LONG), RegField::Restatement, &mut fail);
        limit(&self.expectation_note, TextRule::line(MAX_MEDIUM), RegField::ExpectationNote, &mut fail);
        out
    }
}

impl Registration {
    /// Trims and checks every field, returning all problems at once. `now` is the business
    /// wall-clock time; up to five minutes in the future are tolerated (tablet clocks drift).
    pub fn validate(mut self, now: NaiveDateTime) -> Result<Registration, Vec<FieldIssue>> {
        self.customer.tidy();
        self.incident.tidy();
        self.first_contact_owner = text::tidy(&self.first_contact_owner);
        let mut out = Vec::new();
        if is_accepted_local(self.received_at) && is_later_than(self.received_at, now, CLOCK_TOLERANCE) {
            out.push(FieldIssue { field: RegField::ReceivedAt, problem: Problem::InFuture });
        }
        out.extend(self.issues_at_rest());
        if out.is_empty() {
            Ok(self)
        } else {
            Err(out)
        }
    }

    /// The problems of a registration as it is (not tidied), by every field rule except "not
    /// in the future", which depends on the clock of the device that took it: for stored and
    /// imported events.
    pub fn issues_at_rest(&self) -> Vec<FieldIssue> {
        let mut out = Vec::new();
        if !is_accepted_local(self.received_at) {
            out.push(FieldIssue { field: RegField::ReceivedAt, problem: Problem::OutOfRange });
        }
        required(&self.first_contact_owner, TextRule::NAME, RegField::FirstContactOwner, &mut |field, problem| {
            out.push(FieldIssue { field, problem })
        });
        out.extend(self.customer.issues());
        out.extend(self.incident.issues(self.received_at));
        out
    }
}

/// Reports the text rule an optional value breaks.
fn limit(value: &str, rule: TextRule, field: RegField, fail: &mut impl FnMut(RegField, Problem)) {
    if let Err(e) = text::check(value, rule) {
        fail(field, e.into());
    }
}

/// Reports a missing value or the text rule it breaks.
fn required(value: &str, rule: TextRule, field: RegField, fail: &mut impl FnMut(RegField, Problem)) {
    if text::tidy(value).is_empty() {
        fail(field, Problem::Required);
    } else {
        limit(value, rule, field, fail);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::NaiveDate;

    pub(crate) fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2023, 10, d).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    /// The SPEC §14 worked example.
    pub(crate) fn example() -> Registration {
        Registration {
            received_at: at(1, 9, 30),
            channel: Channel::Phone,
            request_type: RequestType::Complaint,
            nature: Nature { seriousness: Seriousness::General, recurrence: Recurrence::FirstTime },
            customer: Customer {
                name: " 王".into(),
                salutation: Some(Salutation::Mr),
                phone: "138 5678 0000".into(),
                ..Customer::default()
            },
            incident: Incident {
                occurred_at: Some(at(1, 9, 0)),
                product: "空调".into(),
                own_words: "新买的空调制冷效果差，开一天室温仍28度".into(),
                restatement: "2023年10月1日购买空调，安装后制冷效果差".into(),
                expectations: vec![Expectation::Repair, Expectation::Exchange, Expectation::Repair],
                emotion: Some(Emotion::Anxious),
                ..Incident::default()
            },
            first_contact_owner: "li.kefu".into(),
        }
    }

    #[test]
    fn the_worked_example_validates_and_normalises() {
        let r = example().validate(at(1, 9, 31)).unwrap();
        assert_eq!(r.customer.name, "王");
        assert_eq!(r.customer.title(), "王先生");
        assert_eq!(r.incident.expectations, vec![Expectation::Exchange, Expectation::Repair]);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut bad = example();
        bad.received_at = at(1, 12, 0);
        bad.first_contact_owner = " ".into();
        bad.customer = Customer { name: String::new(), ..Customer::default() };
        bad.incident.occurred_at = Some(at(2, 0, 0));
        bad.incident.own_words = "x".repeat(MAX_LONG + 1);
        bad.incident.product.clear();
        let issues = bad.validate(at(1, 9, 0)).unwrap_err();
        let got: Vec<_> = issues.iter().map(|i| (i.field.key(), i.problem.code())).collect();
        assert_eq!(
            got,
            vec![
                ("received_at", "in_future"),
                ("first_contact_owner", "required"),
                ("customer.name", "required"),
                ("customer.contact", "required"),
                ("incident.occurred_at", "after_receipt"),
                ("incident.product", "required"),
                ("incident.own_words", "too_long"),
            ]
        );
    }

    #[test]
    fn anonymous_customers() {
        let mut r = example();
        r.customer = Customer { anonymous: true, salutation: Some(Salutation::Ms), ..Customer::default() };
        let ok = r.clone().validate(at(1, 10, 0)).unwrap();
        assert_eq!(ok.customer.title(), "女士");
        r.customer.name = "李".into();
        let issues = r.validate(at(1, 10, 0)).unwrap_err();
        assert_eq!(issues, vec![FieldIssue { field: RegField::CustomerName, problem: Problem::NotAllowedWhenAnonymous }]);
        assert_eq!(Customer { anonymous: true, ..Customer::default() }.title(), "先生/女士");
    }

    #[test]
    fn the_name_is_required_unless_anonymous() {
        let named = Customer { phone: "13800138000".into(), ..Customer::default() };
        assert!(named.name_required());
        assert_eq!(named.issues(), vec![FieldIssue { field: RegField::CustomerName, problem: Problem::Required }]);
        let anonymous = Customer { anonymous: true, ..named };
        assert!(!anonymous.name_required());
        assert!(anonymous.issues().is_empty());
    }

    #[test]
    fn email_and_phone_formats() {
        for ok in ["a@b.cn", "wang.li+x@mail.example.com", "王@例子.中国"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in ["", "a@b", "@b.cn", "a b@c.cn", "a@b..cn", "a@@b.cn", "a@b.cn."] {
            assert!(!is_valid_email(bad), "{bad}");
        }
        let mut r = example();
        r.customer.phone = "12ab".into();
        r.customer.email = "nope".into();
        let issues = r.validate(at(1, 10, 0)).unwrap_err();
        assert_eq!(issues.iter().map(|i| i.problem).collect::<Vec<_>>(), [Problem::InvalidPhone, Problem::InvalidEmail]);
    }
}

//! Translation into the user's language: every enumeration the UI shows, through one trait,
//! [`Translate`]; error codes and a registration's field problems are in `errors.rs`.
//!
//! An enumeration gets its texts from one `translate!` table: an exhaustive match without a
//! fallback, so a new variant without a text does not compile. Values a select offers are
//! also [`Choice`]s: their option's value is the stable key (`Keyed`, the stored text).

use crate::domain::action::{ActionField, ActionStatus, ProblemKind};
use crate::domain::badges::Badge;
use crate::domain::phase::Phase;
use crate::domain::channel::Channel;
use crate::domain::classify::Urgency;
use crate::domain::communication::{ContactResult, Direction};
use crate::domain::csv::mapping::Target;
use crate::domain::csv::{DateFormat, Delimiter, SourceEncoding};
use crate::domain::fields::FieldKey;
use crate::domain::grading::{Behaviour, Grade};
use crate::domain::intake::{Emotion, Expectation, Recurrence, RequestType, Salutation, Seriousness};
use crate::domain::investigation::{CauseCategory, EvidenceKind};
use crate::domain::keyed::Keyed;
use crate::domain::payload::EventKind;
use crate::domain::plan::{RemedyKind, StepKind, StepOutcome, TimeLimit};
use crate::domain::responsibility::Outcome;
use crate::domain::review::PeriodKind;
use crate::domain::rules_file::RulesSection;
use crate::domain::sla::{ClockKind, ClockState};
use crate::domain::staff::Role;
use crate::domain::survey::Verdict;
use crate::domain::workflow::{Status, TransitionCause};
use crate::i18n::*;
use leptos_i18n::td_string;

mod errors;
pub mod durations;
pub use errors::{error_text, field_problem_text, known_error_text};

/// A value shown in the user's language.
pub trait Translate: Copy + 'static {
    fn text(self, locale: Locale) -> &'static str;
}

/// A value a select offers (`EnumSelect`): its text, and its stable key as the option's value.
pub trait Choice: Translate + PartialEq + Send + Sync {
    /// The option's value: the stable key.
    fn option_key(self) -> &'static str;
}

/// `Translate` (and `Choice`, by the `Keyed` key) for a unit enum: `Variant => locale key`
/// for every variant of the enum, in namespace `$ns` of the locale files.
macro_rules! translate {
    ($ty:ident, $ns:ident { $($variant:ident => $key:ident),* $(,)? }) => {
        impl Translate for $ty {
            fn text(self, locale: Locale) -> &'static str {
                match self {
                    $($ty::$variant => td_string!(locale, $ns.$key),)*
                }
            }
        }
        impl Choice for $ty {
            fn option_key(self) -> &'static str {
                Keyed::key(self)
            }
        }
    };
}

translate!(PeriodKind, review { Week => week, Month => month, Custom => custom });
translate!(ActionStatus, actions { Planned => status_planned, InProgress => status_in_progress, Done => status_done, Dropped => status_dropped });
translate!(ProblemKind, actions { Category => kind_category, Product => kind_product, Customer => kind_customer, Other => kind_other });
translate!(ActionField, actions {
    Title => field_title, Problem => field_problem, Owner => field_owner, Due => field_due, Status => field_status, Note => field_note,
    Complaints => field_complaints,
});
translate!(Channel, channel { Phone => phone, Web => web, Email => email, Social => social, App => app, Site => site, Letter => letter });
translate!(Status, complaint_status {
    Registered => registered, Classified => classified, Investigating => investigating, PlanProposed => plan_proposed,
    PlanAccepted => plan_accepted, WaitingOnCustomer => waiting_on_customer, WaitingOnThirdParty => waiting_on_third_party,
    Resolved => resolved, Closed => closed, Archived => archived,
});
translate!(ClockKind, clock_kind {
    Registration => registration, FirstContact => first_contact, InitialPlan => initial_plan, Resolution => resolution,
    ProgressUpdate => progress_update, SatisfactionFollowUp => satisfaction_follow_up, LongTermFollowUp => long_term_follow_up,
    DepartmentReply => department_reply,
});
translate!(ClockState, clock_state { Running => running, Warning => warning, Paused => paused, Overdue => overdue, Met => met, MetLate => met_late });
translate!(EventKind, event_kind {
    Registered => registered, FieldsSet => fields_set, Transition => transition, Communication => communication,
    ProgressUpdate => progress_update, EvidenceAdded => evidence_added, AttachmentAdded => attachment_added,
    StepPlanned => step_planned, StepClosed => step_closed, DeptRequested => dept_requested, DeptReplied => dept_replied,
    SurveyRecorded => survey_recorded, Anonymised => anonymised,
});
translate!(Role, staff { Clerk => role_clerk, Handler => role_handler, Manager => role_manager });
translate!(Urgency, urgency { Urgent => urgent, Normal => normal, Low => low });
translate!(Behaviour, behaviour { None => none, FormalComplaint => formal_complaint, IntendsOutside => intends_outside, WentOutside => went_outside });
translate!(Grade, grade {
    AComplaint => a_complaint, BComplaint => b_complaint, AGrumble => a_grumble, AbGrumble => ab_grumble,
    BGrumble => b_grumble, CGrumble => c_grumble, NoGrumble => no_grumble,
});
translate!(EvidenceKind, evidence_kind {
    OrderRecord => order_record, CommunicationRecord => communication_record, ProductTestReport => product_test_report,
    ServiceRecord => service_record, Photo => photo, Other => other,
});
translate!(CauseCategory, cause {
    Installation => installation, ProductQuality => product_quality, Misuse => misuse, ServiceConduct => service_conduct,
    Process => process, ThirdParty => third_party, Other => other,
});
translate!(RemedyKind, step_kind {
    Repair => repair, Exchange => exchange, Return => return_goods, Refund => refund, Apology => apology,
    Compensation => compensation, Explanation => explanation, Visit => visit, Other => other,
});
translate!(StepOutcome, step_outcome { Done => done, Cancelled => cancelled });
translate!(Direction, direction { Outbound => outbound, Inbound => inbound });
translate!(ContactResult, contact_result { Reached => reached, Failed => failed });
translate!(Phase, phase {
    Intake => intake, Contact => contact, Investigation => investigation, Plan => plan, Closing => closing, Records => records,
});
translate!(Badge, badge {
    Urgent => urgent, Major => major, Recurring => recurring, Angry => angry, RefundOrExchange => refund_or_exchange, Anonymous => anonymous,
});
translate!(Verdict, verdict { Satisfied => satisfied, FairlySatisfied => fairly_satisfied, Average => average, Poor => poor });
translate!(Outcome, responsibility { Commendation => commendation, None => no_outcome, Penalty => penalty });
translate!(FieldKey, field_key {
    Customer => customer, Incident => incident, RequestType => request_type, Nature => nature,
    Classification => classification, Urgency => urgency, Severity => severity, Department => department,
    Handler => handler, Grade => grade, RootCause => root_cause, Verification => verification, Approval => approval,
    Suggestion => suggestion, Shares => shares, Arbitration => arbitration, Outcomes => outcomes,
    CaseSummary => case_summary, Status => status,
});
translate!(TransitionCause, cause_of_transition {
    Classify => classify, StartInvestigation => start_investigation, ProposePlan => propose_plan,
    CustomerAcceptedPlan => customer_accepted_plan, CustomerRejectedPlan => customer_rejected_plan,
    MarkResolved => mark_resolved, Wait => wait, Resume => resume, CustomerConfirmedResolved => customer_confirmed_resolved,
    CustomerSaysNotResolved => customer_says_not_resolved, CloseAfterFailedContact => close_after_failed_contact,
    Reopen => reopen, Archive => archive, ResolveConflict => resolve_conflict,
});
translate!(Salutation, more { Mr => mr, Ms => ms });
translate!(Emotion, more { Calm => calm, Anxious => anxious, Disappointed => disappointed, Angry => angry });
translate!(Expectation, more {
    Refund => refund, Exchange => exchange, Repair => repair, Apology => apology, Compensation => compensation,
    Explanation => explanation, Other => other,
});
translate!(RequestType, more {
    Complaint => rt_complaint, Consultation => rt_consultation, BusinessHandling => rt_business,
    AfterSalesSupport => rt_after_sales, Suggestion => rt_suggestion, EmergencySupport => rt_emergency,
});
translate!(Seriousness, feedback { General => nature_general, Major => nature_major, Crisis => nature_crisis });
translate!(Recurrence, more { FirstTime => first_time, Recurring => recurring });
translate!(RulesSection, rules_file {
    Staff => section_staff, Departments => section_departments, Routing => section_routing, Types => section_types,
    Severity => section_severity, ChannelCodes => section_channel_codes, Sla => section_sla, Calendar => section_calendar,
    Templates => section_templates, NumberMask => section_number_mask, FailedAttempts => section_failed_attempts,
    Grading => section_grading, Retention => section_retention,
});

translate!(Target, csv_target {
    SourceId => source_id, ReceivedAt => received_at, Channel => channel, RequestType => request_type,
    Seriousness => seriousness, Recurrence => recurrence, Anonymous => anonymous, CustomerName => customer_name,
    Salutation => salutation, Phone => phone, Email => email, CustomerNo => customer_no, Company => company,
    Address => address, OccurredAt => occurred_at, Place => place, Product => product, Model => model,
    OrderRef => order_ref, OwnWords => own_words, Restatement => restatement, Expectations => expectations,
    ExpectationNote => expectation_note, Emotion => emotion, FirstContactOwner => first_contact_owner,
});
translate!(DateFormat, csv_date_format {
    Iso => iso, YearFirstSlash => year_first_slash, Chinese => chinese, MonthDayYear => month_day_year,
    DayMonthYear => day_month_year, ExcelSerial => excel_serial,
});
translate!(Delimiter, csv_delimiter { Comma => comma, Semicolon => semicolon, Tab => tab });
translate!(SourceEncoding, csv_encoding { Utf8 => utf8, Utf8Bom => utf8_bom, Utf16Le => utf16_le, Utf16Be => utf16_be, Gb18030 => gb18030 });

/// A plan step's kind: prevention, or a remedy.
impl Translate for StepKind {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            StepKind::Prevention => td_string!(locale, step_kind.prevention),
            StepKind::Remedy(r) => r.text(locale),
        }
    }
}

impl Choice for StepKind {
    fn option_key(self) -> &'static str {
        match self {
            StepKind::Prevention => "prevention",
            StepKind::Remedy(r) => Keyed::key(r),
        }
    }
}

/// A grade chosen by hand, or `None`: graded from the score and behaviour.
impl Translate for Option<Grade> {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            None => td_string!(locale, grade.auto),
            Some(g) => g.text(locale),
        }
    }
}

impl Choice for Option<Grade> {
    fn option_key(self) -> &'static str {
        self.map_or("auto", Keyed::key)
    }
}

/// The complainant's time limit; `Days(_)` is chosen as "within … days" and its number typed.
impl Translate for TimeLimit {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            TimeLimit::SameDay => td_string!(locale, time_limit.same_day),
            TimeLimit::ThreeDays => td_string!(locale, time_limit.three_days),
            TimeLimit::Days(_) => td_string!(locale, time_limit.days),
        }
    }
}

impl Choice for TimeLimit {
    fn option_key(self) -> &'static str {
        match self {
            TimeLimit::SameDay => "same_day",
            TimeLimit::ThreeDays => "three_days",
            TimeLimit::Days(_) => "days",
        }
    }
}

/// "Not said" (`—`) or a value, for the Register form's optional choices.
macro_rules! or_blank {
    ($($ty:ident),*) => {$(
        impl Translate for Option<$ty> {
            fn text(self, locale: Locale) -> &'static str {
                self.map_or("—", |v| v.text(locale))
            }
        }
        impl Choice for Option<$ty> {
            fn option_key(self) -> &'static str {
                self.map_or("", Keyed::key)
            }
        }
    )*};
}

or_blank!(Salutation, Emotion);

/// A plan step's outcome; `None` while it is open.
impl Translate for Option<StepOutcome> {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            None => td_string!(locale, step_outcome.open),
            Some(o) => o.text(locale),
        }
    }
}

/// Whether a contact reached the customer; `None` for an inbound contact.
impl Translate for Option<ContactResult> {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            None => td_string!(locale, contact_result.none),
            Some(r) => r.text(locale),
        }
    }
}

/// Yes, no, or not said.
impl Translate for Option<bool> {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            Some(true) => td_string!(locale, yes_no.yes),
            Some(false) => td_string!(locale, yes_no.no),
            None => td_string!(locale, yes_no.unknown),
        }
    }
}

impl Choice for Option<bool> {
    fn option_key(self) -> &'static str {
        match self {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        }
    }
}

/// The text of a value stored by its key (the list's rows keep codes); `None` for a key this
/// version does not know.
pub fn stored_text<T: Keyed + Translate>(locale: Locale, key: &str) -> Option<&'static str> {
    T::from_key(key).map(|v| v.text(locale))
}

/// The name of a status from its stored code; a code from a newer app version is "unknown".
pub fn status_text(locale: Locale, code: &str) -> &'static str {
    stored_text::<Status>(locale, code).unwrap_or(td_string!(locale, complaint_status.unknown))
}

/// The name of an urgency from its stored code; a code this version does not know shows as
/// itself.
pub fn urgency_text(locale: Locale, code: &str) -> String {
    stored_text::<Urgency>(locale, code).map_or_else(|| code.to_string(), str::to_string)
}

/// What an event of this kind did; kinds from a newer app get a generic name.
pub fn event_kind_text(locale: Locale, kind: &str) -> &'static str {
    stored_text::<EventKind>(locale, kind).unwrap_or(td_string!(locale, event_kind.unknown))
}

/// A complaint type's name as the working rules call it (a type the supervisor added has the
/// name they gave it, in the user's language), never a fixed list's fallback.
pub fn type_name(config: &crate::domain::config::DomainConfig, locale: Locale, key: &str) -> String {
    config.type_label(key).text(locale.as_ref()).to_string()
}

/// A department's name; departments added in the settings show as typed.
pub fn department_text(locale: Locale, key: &str) -> String {
    match key {
        "after_sales" => td_string!(locale, department.after_sales),
        "customer_service" => td_string!(locale, department.customer_service),
        "supply_chain" => td_string!(locale, department.supply_chain),
        "finance" => td_string!(locale, department.finance),
        "technical" => td_string!(locale, department.technical),
        "quality" => td_string!(locale, department.quality),
        "management" => td_string!(locale, department.management),
        other => return other.to_string(),
    }
    .to_string()
}

/// The language of messages to the customer written from the interface in `locale`.
pub fn message_language(locale: Locale) -> crate::domain::communication::MessageLanguage {
    match locale {
        Locale::en => crate::domain::communication::MessageLanguage::English,
        Locale::zh_CN => crate::domain::communication::MessageLanguage::Chinese,
    }
}

/// A message template's name (the working rules' keys); `none` is "no template". A key this
/// version has no name for shows as itself.
pub fn template_text(locale: Locale, key: &str) -> String {
    match key {
        "none" => td_string!(locale, template.none),
        "soothe" => td_string!(locale, template.soothe),
        "progress" => td_string!(locale, template.progress),
        "result" => td_string!(locale, template.result),
        other => return other.to_string(),
    }
    .to_string()
}

/// The name of an SLA preset (`domain::settings::SLA_PRESETS`); a preset this version has no
/// name for shows as its key.
pub fn sla_text(locale: Locale, key: &str) -> String {
    match key {
        "seed_000" => td_string!(locale, rules.sla_000),
        "seed_002" => td_string!(locale, rules.sla_002),
        "seed_004" => td_string!(locale, rules.sla_004),
        other => return other.to_string(),
    }
    .to_string()
}

/// The name of a working-rules weekday by its index, Monday first (`SettingsForm::weekdays`).
pub fn weekday_text(locale: Locale, day: usize) -> &'static str {
    match day {
        0 => td_string!(locale, rules.mon),
        1 => td_string!(locale, rules.tue),
        2 => td_string!(locale, rules.wed),
        3 => td_string!(locale, rules.thu),
        4 => td_string!(locale, rules.fri),
        5 => td_string!(locale, rules.sat),
        _ => td_string!(locale, rules.sun),
    }
}

/// A translated text with `{name}` placeholders filled: for messages built outside a view
/// (a file's rows, a select's label), where `t!`'s `{{ }}` interpolation gives no string.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    args.iter().fold(text.to_string(), |out, (name, value)| out.replace(&format!("{{{name}}}"), value))
}

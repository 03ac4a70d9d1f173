//! Translation into the user's language: error codes (`error_text`), the field problems of a
//! registration, and every enumeration the UI shows, through one trait, [`Translate`].
//!
//! An enumeration gets its texts from one `translate!` table: an exhaustive match without a
//! fallback, so a new variant without a text does not compile. Values a select offers are
//! also [`Choice`]s: their option's value is the stable key (`Keyed`, the stored text).

use crate::domain::channel::Channel;
use crate::domain::classify::Urgency;
use crate::domain::communication::{ContactResult, Direction};
use crate::domain::fields::FieldKey;
use crate::domain::grading::{Behaviour, Grade};
use crate::domain::intake::{Emotion, Expectation, FieldIssue, Problem, Recurrence, RegField, RequestType, Salutation, Seriousness};
use crate::domain::investigation::{CauseCategory, EvidenceKind};
use crate::domain::keyed::Keyed;
use crate::domain::payload::EventKind;
use crate::domain::plan::{RemedyKind, StepKind, StepOutcome, TimeLimit};
use crate::domain::responsibility::Outcome;
use crate::domain::rules_file::RulesSection;
use crate::domain::sla::{ClockKind, ClockState};
use crate::domain::survey::Verdict;
use crate::domain::workflow::{Status, TransitionCause};
use crate::i18n::*;
use leptos_i18n::td_string;

/// The message for an error code from the services, store or domain. A code this version has
/// no message for is shown as itself, never as some other error.
pub fn error_text(locale: Locale, code: &str) -> String {
    match known_error_text(locale, code) {
        Some(text) => text.to_string(),
        None => format!("{} ({code})", td_string!(locale, error.unexpected)),
    }
}

/// The message for an error code, if this version knows the code.
pub fn known_error_text(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "mask_ambiguous" => td_string!(locale, refusal.mask_ambiguous),
        "mask_repeated_token" => td_string!(locale, refusal.mask_repeated_token),
        "type_bad_code" => td_string!(locale, refusal.type_bad_code),
        "type_name_too_long" => td_string!(locale, refusal.type_name_too_long),
        "type_duplicate" => td_string!(locale, refusal.type_duplicate),
        "subtype_duplicate" => td_string!(locale, refusal.subtype_duplicate),
        "channel_unknown" => td_string!(locale, refusal.channel_unknown),
        "channel_duplicate" => td_string!(locale, refusal.channel_duplicate),
        "types_invalid" => td_string!(locale, refusal.types_invalid),
        "severity_scheme_empty" => td_string!(locale, refusal.severity_scheme_empty),
        "channel_code_invalid" => td_string!(locale, refusal.channel_code_invalid),
        "channel_code_duplicate" => td_string!(locale, refusal.channel_code_duplicate),
        "control_character" => td_string!(locale, refusal.control_character),
        "bidi_control" => td_string!(locale, refusal.bidi_control),
        "time_out_of_range" => td_string!(locale, refusal.time_out_of_range),
        "clock_out_of_range" => td_string!(locale, refusal.clock_out_of_range),
        "amount_out_of_range" => td_string!(locale, refusal.amount_out_of_range),
        "calendar_bad_offset" => td_string!(locale, refusal.calendar_bad_offset),
        "calendar_date_out_of_range" => td_string!(locale, refusal.calendar_date_out_of_range),
        "device_name_invalid" => td_string!(locale, refusal.device_name_invalid),
        "event_too_large" => td_string!(locale, refusal.event_too_large),
        "event_hlc_out_of_range" => td_string!(locale, refusal.event_hlc_out_of_range),
        "event_at_out_of_range" => td_string!(locale, refusal.event_at_out_of_range),
        "event_bad_id" => td_string!(locale, refusal.event_bad_id),
        "event_bad_envelope" => td_string!(locale, refusal.event_bad_envelope),
        "event_malformed" => td_string!(locale, refusal.event_malformed),
        "event_payload_invalid" => td_string!(locale, refusal.event_payload_invalid),
        "format" => td_string!(locale, batch_error.format),
        "version" => td_string!(locale, batch_error.version),
        "manifest" => td_string!(locale, batch_error.manifest),
        "events" => td_string!(locale, batch_error.events),
        "attachments" => td_string!(locale, batch_error.attachments),
        "created_ms" => td_string!(locale, batch_error.created_ms),
        "sequence" => td_string!(locale, batch_error.sequence),
        "selection" => td_string!(locale, batch_error.selection),
        "redacted" => td_string!(locale, batch_error.redacted),
        "redaction" => td_string!(locale, batch_error.redaction),
        "span" => td_string!(locale, batch_error.span),
        "batch_empty" => td_string!(locale, batch_error.batch_empty),
        "batch_too_large" => td_string!(locale, batch_error.batch_too_large),
        "batch_is_image" => td_string!(locale, batch_error.batch_is_image),
        "batch_binary" => td_string!(locale, batch_error.batch_binary),
        "batch_is_csv" => td_string!(locale, batch_error.batch_is_csv),
        "batch_not_json" => td_string!(locale, batch_error.batch_not_json),
        "batch_truncated" => td_string!(locale, batch_error.batch_truncated),
        "batch_not_a_batch" => td_string!(locale, batch_error.batch_not_a_batch),
        "batch_wrong_format" => td_string!(locale, batch_error.batch_wrong_format),
        "batch_bad_version" => td_string!(locale, batch_error.batch_bad_version),
        "batch_newer_version" => td_string!(locale, batch_error.batch_newer_version),
        "batch_malformed" => td_string!(locale, batch_error.batch_malformed),
        "batch_checksum_mismatch" => td_string!(locale, batch_error.batch_checksum_mismatch),
        "batch_count_mismatch" => td_string!(locale, batch_error.batch_count_mismatch),
        "batch_redacted" => td_string!(locale, batch_error.batch_redacted),
        "record_malformed" => td_string!(locale, batch_error.record_malformed),
        "record_checksum_mismatch" => td_string!(locale, batch_error.record_checksum_mismatch),
        "record_duplicate_conflict" => td_string!(locale, batch_error.record_duplicate_conflict),
        "record_conflicts_with_stored" => td_string!(locale, batch_error.record_conflicts_with_stored),
        "record_own_event_missing" => td_string!(locale, batch_error.record_own_event_missing),
        "record_redacted_not_anonymised" => td_string!(locale, batch_error.record_redacted_not_anonymised),
        "attachment_bad_data" => td_string!(locale, batch_error.attachment_bad_data),
        "attachment_size_mismatch" => td_string!(locale, batch_error.attachment_size_mismatch),
        "attachment_invalid" => td_string!(locale, batch_error.attachment_invalid),
        "export_bad_period" => td_string!(locale, batch_error.export_bad_period),
        "export_nothing" => td_string!(locale, batch_error.export_nothing),
        "passphrase_short" => td_string!(locale, batch_error.passphrase_short),
        "passphrase_mismatch" => td_string!(locale, batch_error.passphrase_mismatch),
        "export_too_many" => td_string!(locale, batch_error.export_too_many),
        "sync_unreachable" => td_string!(locale, batch_error.sync_unreachable),
        "sync_timeout" => td_string!(locale, batch_error.sync_timeout),
        "sync_cors" => td_string!(locale, batch_error.sync_cors),
        "sync_not_couch" => td_string!(locale, batch_error.sync_not_couch),
        "sync_unauthorized" => td_string!(locale, batch_error.sync_unauthorized),
        "sync_forbidden" => td_string!(locale, batch_error.sync_forbidden),
        "sync_no_database" => td_string!(locale, batch_error.sync_no_database),
        "sync_too_large" => td_string!(locale, batch_error.sync_too_large),
        "sync_server_error" => td_string!(locale, batch_error.sync_server_error),
        "sync_protocol" => td_string!(locale, batch_error.sync_protocol),
        "sync_not_configured" => td_string!(locale, batch_error.sync_not_configured),
        "sync_differs_on_server" => td_string!(locale, batch_error.sync_differs_on_server),
        "sync_refused_by_server" => td_string!(locale, batch_error.sync_refused_by_server),
        "storage_exists" => td_string!(locale, error.storage_exists),
        "storage_corrupt" => td_string!(locale, error.storage_corrupt),
        "storage_failed" => td_string!(locale, error.storage_failed),
        "rules_unreadable" => td_string!(locale, error.rules_unreadable),
        "rules_invalid" => td_string!(locale, error.rules_invalid),
        "rules_file_empty" => td_string!(locale, rules_file_error.rules_file_empty),
        "rules_file_too_large" => td_string!(locale, rules_file_error.rules_file_too_large),
        "rules_file_binary" => td_string!(locale, rules_file_error.rules_file_binary),
        "rules_file_not_json" => td_string!(locale, rules_file_error.rules_file_not_json),
        "rules_file_truncated" => td_string!(locale, rules_file_error.rules_file_truncated),
        "rules_file_not_rules" => td_string!(locale, rules_file_error.rules_file_not_rules),
        "rules_file_is_batch" => td_string!(locale, rules_file_error.rules_file_is_batch),
        "rules_file_wrong_format" => td_string!(locale, rules_file_error.rules_file_wrong_format),
        "rules_file_bad_version" => td_string!(locale, rules_file_error.rules_file_bad_version),
        "rules_file_newer_version" => td_string!(locale, rules_file_error.rules_file_newer_version),
        "rules_file_malformed" => td_string!(locale, rules_file_error.rules_file_malformed),
        "rules_file_checksum_mismatch" => td_string!(locale, rules_file_error.rules_file_checksum_mismatch),
        "rules_file_config_unreadable" => td_string!(locale, rules_file_error.rules_file_config_unreadable),
        "rules_file_invalid" => td_string!(locale, rules_file_error.rules_file_invalid),
        "rules_revision_exhausted" => td_string!(locale, rules_file_error.rules_revision_exhausted),
        "rules_not_in_use" => td_string!(locale, rules_file_error.rules_not_in_use),
        "rules_same" => td_string!(locale, rules_file_error.rules_same),
        "rules_older" => td_string!(locale, rules_file_error.rules_older),
        "rules_choice_not_offered" => td_string!(locale, rules_file_error.rules_choice_not_offered),
        "rules_changed_meanwhile" => td_string!(locale, rules_file_error.rules_changed_meanwhile),
        "drafts_unreadable" => td_string!(locale, error.drafts_unreadable),
        "batch_not_sealed" => td_string!(locale, error.batch_not_sealed),
        "batch_sealed_malformed" => td_string!(locale, error.batch_sealed_malformed),
        "batch_passphrase_needed" => td_string!(locale, error.batch_passphrase_needed),
        "batch_wrong_passphrase" => td_string!(locale, error.batch_wrong_passphrase),
        "passphrase_empty" => td_string!(locale, error.passphrase_empty),
        "seal_too_large" => td_string!(locale, error.seal_too_large),
        "crypto_unavailable" => td_string!(locale, error.crypto_unavailable),
        "crypto_failed" => td_string!(locale, error.crypto_failed),
        "storage_quota" => td_string!(locale, error.storage_quota),
        "storage_unavailable" => td_string!(locale, error.storage_unavailable),
        "storage_superseded" => td_string!(locale, error.storage_superseded),
        "device_name_empty" => td_string!(locale, error.device_name_empty),
        "device_name_too_long" => td_string!(locale, error.device_name_too_long),
        "device_code_invalid" => td_string!(locale, error.device_code_invalid),
        "load_failed" => td_string!(locale, error.load_failed),
        "refused" => td_string!(locale, error.refused),
        "attachment_too_large" => td_string!(locale, refusal.attachment_too_large),
        "shares_format" => td_string!(locale, refusal.shares_format),
        "invalid_phone" => td_string!(locale, field_error.invalid_phone),
        "invalid_email" => td_string!(locale, field_error.invalid_email),
        "not_allowed_when_anonymous" => td_string!(locale, field_error.not_allowed_when_anonymous),
        "after_receipt" => td_string!(locale, field_error.after_receipt),
        "bad_date" => td_string!(locale, refusal.bad_date),
        "calendar_bad_periods" => td_string!(locale, refusal.calendar_bad_periods),
        "calendar_no_working_day" => td_string!(locale, refusal.calendar_no_working_day),
        "route_unknown_department" => td_string!(locale, refusal.route_unknown_department),
        "unknown_preset" => td_string!(locale, refusal.unknown_preset),
        "unknown_template" => td_string!(locale, refusal.unknown_template),
        "failed_attempts_invalid" => td_string!(locale, refusal.failed_attempts_invalid),
        "mask_unknown_token" => td_string!(locale, refusal.mask_unknown_token),
        "mask_unclosed" => td_string!(locale, refusal.mask_unclosed),
        "mask_missing_token" => td_string!(locale, refusal.mask_missing_token),
        "mask_bad_serial_width" => td_string!(locale, refusal.mask_bad_serial_width),
        "mask_bad_literal" => td_string!(locale, refusal.mask_bad_literal),
        "invalid_fields" => td_string!(locale, refusal.invalid_fields),
        "illegal_transition" => td_string!(locale, refusal.illegal_transition),
        "not_registered" => td_string!(locale, refusal.not_registered),
        "already_registered" => td_string!(locale, refusal.already_registered),
        "archived" => td_string!(locale, refusal.archived),
        "anonymised" => td_string!(locale, refusal.anonymised),
        "not_classified" => td_string!(locale, refusal.not_classified),
        "unknown_type" => td_string!(locale, refusal.unknown_type),
        "unknown_subtype" => td_string!(locale, refusal.unknown_subtype),
        "unknown_severity" => td_string!(locale, refusal.unknown_severity),
        "unknown_department" => td_string!(locale, refusal.unknown_department),
        "required" => td_string!(locale, refusal.required),
        "too_long" => td_string!(locale, refusal.too_long),
        "score_out_of_range" => td_string!(locale, refusal.score_out_of_range),
        "manual_grade_required" => td_string!(locale, refusal.manual_grade_required),
        "shares_sum" => td_string!(locale, refusal.shares_sum),
        "shares_invalid" => td_string!(locale, refusal.shares_invalid),
        "unknown_party" => td_string!(locale, refusal.unknown_party),
        "plan_incomplete" => td_string!(locale, refusal.plan_incomplete),
        "plan_not_approved" => td_string!(locale, refusal.plan_not_approved),
        "reject_reason_required" => td_string!(locale, refusal.reject_reason_required),
        "steps_open" => td_string!(locale, refusal.steps_open),
        "not_verified" => td_string!(locale, refusal.not_verified),
        "unknown_step" => td_string!(locale, refusal.unknown_step),
        "step_closed" => td_string!(locale, refusal.step_closed),
        "unknown_request" => td_string!(locale, refusal.unknown_request),
        "already_replied" => td_string!(locale, refusal.already_replied),
        "deadline_in_past" => td_string!(locale, refusal.deadline_in_past),
        "not_enough_attempts" => td_string!(locale, refusal.not_enough_attempts),
        "survey_score" => td_string!(locale, refusal.survey_score),
        "explanation_required" => td_string!(locale, refusal.explanation_required),
        "case_summary_required" => td_string!(locale, refusal.case_summary_required),
        "retention_not_due" => td_string!(locale, refusal.retention_not_due),
        "no_conflict" => td_string!(locale, refusal.no_conflict),
        "not_a_conflicting_value" => td_string!(locale, refusal.not_a_conflicting_value),
        "unknown_placeholder" => td_string!(locale, refusal.unknown_placeholder),
        "unclosed_placeholder" => td_string!(locale, refusal.unclosed_placeholder),
        "handler_required" => td_string!(locale, refusal.handler_required),
        "conflicts_pending" => td_string!(locale, refusal.conflicts_pending),
        "in_future" => td_string!(locale, refusal.in_future),
        "not_closed" => td_string!(locale, refusal.not_closed),
        "bad_mask" => td_string!(locale, refusal.bad_mask),
        "encoding" => td_string!(locale, refusal.encoding),
        "invalid_datetime" => td_string!(locale, refusal.invalid_datetime),
        "invalid_amount" => td_string!(locale, refusal.invalid_amount),
        "invalid_days" => td_string!(locale, refusal.invalid_days),
        "not_found" => td_string!(locale, refusal.not_found),
        _ => return None,
    })
}

/// The message for a field-level problem of the registration.
pub fn field_problem_text(locale: Locale, issue: FieldIssue) -> &'static str {
    match (issue.field, issue.problem) {
        // A named customer must be reachable; the form's only contact input is the phone.
        (RegField::CustomerContact, Problem::Required) => td_string!(locale, field_error.contact_required),
        (_, Problem::Required) => td_string!(locale, field_error.required),
        (_, Problem::TooLong) => td_string!(locale, field_error.too_long),
        (_, Problem::InvalidPhone) => td_string!(locale, field_error.invalid_phone),
        (_, Problem::InvalidEmail) => td_string!(locale, field_error.invalid_email),
        (_, Problem::InFuture) => td_string!(locale, field_error.in_future),
        (_, Problem::NotAllowedWhenAnonymous) => td_string!(locale, field_error.not_allowed_when_anonymous),
        (_, Problem::AfterReceipt) => td_string!(locale, field_error.after_receipt),
        (_, Problem::ControlCharacter) => td_string!(locale, field_error.control_character),
        (_, Problem::BidiControl) => td_string!(locale, field_error.bidi_control),
        (_, Problem::OutOfRange) => td_string!(locale, field_error.time_out_of_range),
    }
}

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

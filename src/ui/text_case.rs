//! Translation of the case file's enumerations (department, evidence kind, remedy, verdict …)
//! from their stable serde keys.

use leptos_i18n::td_string;

use crate::i18n::*;

/// `fn(locale, key) -> text` over a fixed key set, the last key being the fallback.
macro_rules! keyed {
    ($(#[$doc:meta])* $name:ident, $ns:ident, [$($key:ident),*], $fallback:ident) => {
        $(#[$doc])*
        pub fn $name(locale: Locale, key: &str) -> &'static str {
            match key {
                $(stringify!($key) => td_string!(locale, $ns.$key),)*
                _ => td_string!(locale, $ns.$fallback),
            }
        }
    };
}

keyed!(/// A customer's behaviour towards outside parties (grading).
    behaviour_text, behaviour, [formal_complaint, intends_outside, went_outside], none);
keyed!(/// A complaint grade, or `auto` for grading by score and behaviour.
    grade_text, grade, [auto, a_complaint, b_complaint, a_grumble, ab_grumble, b_grumble, c_grumble], no_grumble);
keyed!(/// A kind of evidence.
    evidence_kind_text, evidence_kind, [order_record, communication_record, product_test_report, service_record, photo], other);
keyed!(/// A root-cause category.
    cause_text, cause, [installation, product_quality, misuse, service_conduct, process, third_party], other);
keyed!(/// How a plan step ended (`open` while it runs).
    step_outcome_text, step_outcome, [done, cancelled], open);
keyed!(/// The complainant's time limit.
    time_limit_text, time_limit, [same_day, three_days], days);
keyed!(/// Who started a contact.
    direction_text, direction, [inbound], outbound);
keyed!(/// Whether an outbound contact reached the customer.
    contact_result_text, contact_result, [reached, failed], none);
keyed!(/// The overall satisfaction verdict.
    verdict_text, verdict, [satisfied, fairly_satisfied, average], poor);
keyed!(/// Yes / no / not said.
    yes_no_text, yes_no, [yes, no], unknown);
keyed!(/// A message template's name.
    template_text, template, [soothe, progress, result], none);
keyed!(/// A field of the case (conflicts name the field).
    field_key_text, field_key, [customer, incident, request_type, nature, classification, urgency, severity, department,
        handler, grade, root_cause, verification, approval, suggestion, shares, arbitration, outcomes, case_summary], status);
keyed!(/// Why the status changed.
    transition_cause_text, cause_of_transition, [classify, start_investigation, propose_plan, customer_accepted_plan,
        customer_rejected_plan, mark_resolved, wait, resume, customer_confirmed_resolved, customer_says_not_resolved,
        close_after_failed_contact, reopen, archive], resolve_conflict);

/// A plan step's kind: `prevention` or a remedy kind (`repair`, `return`, …).
pub fn step_kind_text(locale: Locale, key: &str) -> &'static str {
    match key {
        "prevention" => td_string!(locale, step_kind.prevention),
        "return" => td_string!(locale, step_kind.return_goods),
        "exchange" => td_string!(locale, step_kind.exchange),
        "repair" => td_string!(locale, step_kind.repair),
        "refund" => td_string!(locale, step_kind.refund),
        "apology" => td_string!(locale, step_kind.apology),
        "compensation" => td_string!(locale, step_kind.compensation),
        "explanation" => td_string!(locale, step_kind.explanation),
        "visit" => td_string!(locale, step_kind.visit),
        _ => td_string!(locale, step_kind.other),
    }
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

/// The stable serde key of a unit enum value (`EvidenceKind::OrderRecord` → `order_record`).
pub fn key_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The unit enum value of a stable serde key.
pub fn from_key<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_string())).ok()
}

//! Translation of stable codes (error codes, enumerations) into the user's language.

use crate::domain::channel::Channel;
use crate::domain::registration::FieldProblem;
use crate::i18n::*;
use leptos_i18n::td_string;

/// The message for an error code from the services, store or domain.
pub fn error_text(locale: Locale, code: &str) -> &'static str {
    match code {
        "storage_quota" => td_string!(locale, error.storage_quota),
        "storage_unavailable" => td_string!(locale, error.storage_unavailable),
        "storage_superseded" => td_string!(locale, error.storage_superseded),
        "device_name_empty" => td_string!(locale, error.device_name_empty),
        "device_name_too_long" => td_string!(locale, error.device_name_too_long),
        "device_code_invalid" => td_string!(locale, error.device_code_invalid),
        "load_failed" => td_string!(locale, error.load_failed),
        _ => td_string!(locale, error.storage),
    }
}

/// The message for a field-level problem.
pub fn field_problem_text(locale: Locale, problem: FieldProblem) -> &'static str {
    match problem {
        FieldProblem::Required => td_string!(locale, field_error.required),
        FieldProblem::TooLong => td_string!(locale, field_error.too_long),
        FieldProblem::InvalidPhone => td_string!(locale, field_error.invalid_phone),
        FieldProblem::InFuture => td_string!(locale, field_error.in_future),
    }
}

/// The name of a channel.
pub fn channel_text(locale: Locale, channel: Channel) -> &'static str {
    match channel {
        Channel::Phone => td_string!(locale, channel.phone),
        Channel::Web => td_string!(locale, channel.web),
        Channel::Email => td_string!(locale, channel.email),
        Channel::Social => td_string!(locale, channel.social),
        Channel::App => td_string!(locale, channel.app),
        Channel::Site => td_string!(locale, channel.site),
        Channel::Letter => td_string!(locale, channel.letter),
    }
}

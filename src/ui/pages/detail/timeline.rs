//! The timeline: every event of the complaint, oldest first — when, what (and what it changed,
//! in the user's words), who, on which device.

use leptos::prelude::*;
use leptos_i18n::td_string;

use crate::domain::fields::FieldKey;
use crate::domain::keyed::Keyed;
use crate::domain::payload::EventKind;
use crate::domain::state::ComplaintState;
use crate::i18n::*;
use crate::services::ComplaintDetail;
use crate::ui::app::use_desk;
use crate::ui::text::{event_kind_text, Translate};

use super::clocks::time;

/// Every event, oldest first: when, what (and what it changed), who, on which device.
pub(super) fn timeline(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_desk().device();
    let st = &d.state;
    let trail: Vec<_> = d.trail.iter().map(|e| (e.clone(), time(d, e.at_ms), what_text(st, &e.id, &e.kind))).collect();
    view! {
        <ol class="timeline" data-testid="timeline">
            {trail.into_iter().map(|(e, when, what)| {
                let kind = e.kind.clone();
                // This device by its name; another one (its name is not known here) by the
                // first characters of its id, enough to tell two apart.
                let device = if e.device == me.id {
                    let name = me.name.clone();
                    Signal::derive(move || if name.trim().is_empty() { td_string!(i18n.get_locale(), words.this_device).to_string() } else { name.clone() })
                } else {
                    let short = e.device.chars().take(4).collect::<String>();
                    Signal::derive(move || td_string!(i18n.get_locale(), words.other_device).replace("[id]", &short))
                };
                // Changed details say what was recorded ("Plan approved"), not "Details changed".
                let fields_set = EventKind::from_key(&kind) == Some(EventKind::FieldsSet) && what.is_some();
                view! {
                    <li>
                        <time>{when}</time>" "
                        {(!fields_set).then(|| view! { <strong>{move || event_kind_text(i18n.get_locale(), &kind)}</strong>" " })}
                        {what.map(|w| view! { <span class="what" class:recorded=fields_set>{move || w.get()}</span> })}" · "
                        <span>{e.actor.clone()}</span>" · "
                        <span class="muted">{move || device.get()}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// What an event did, beyond its kind: the status change or the fields it set.
fn what_text(st: &ComplaintState, id: &crate::domain::ids::EventId, kind: &str) -> Option<Signal<String>> {
    let i18n = use_i18n();
    match EventKind::from_key(kind)? {
        EventKind::Transition => {
            let w = st.status_register.get(id)?;
            let (to, cause, note) = (w.value.to, w.value.cause, w.value.note.clone());
            Some(Signal::derive(move || {
                let l = i18n.get_locale();
                let note = if note.is_empty() { String::new() } else { format!(" — {note}") };
                // "Classified (classified)" says nothing twice: the cause only when it adds.
                let (to, cause) = (to.text(l), cause.text(l));
                if to.to_lowercase().contains(&cause.to_lowercase()) {
                    format!("→ {to}{note}")
                } else {
                    format!("→ {to} ({cause}){note}")
                }
            }))
        }
        EventKind::FieldsSet => {
            let keys: Vec<FieldKey> = st.fields.iter().filter(|(_, r)| r.get(id).is_some()).map(|(k, _)| *k).collect();
            Some(Signal::derive(move || {
                let l = i18n.get_locale();
                keys.iter().map(|k| recorded_text(l, *k)).collect::<Vec<_>>().join(" · ")
            }))
        }
        _ => None,
    }
}

/// What setting a field means, in the user's words ("Plan approved", "Handler assigned").
fn recorded_text(locale: Locale, key: FieldKey) -> &'static str {
    match key {
        FieldKey::Customer => td_string!(locale, words.recorded_customer),
        FieldKey::Incident => td_string!(locale, words.recorded_incident),
        FieldKey::RequestType => td_string!(locale, words.recorded_request_type),
        FieldKey::Nature => td_string!(locale, words.recorded_nature),
        FieldKey::Classification => td_string!(locale, words.recorded_classification),
        FieldKey::Urgency => td_string!(locale, words.recorded_urgency),
        FieldKey::Severity => td_string!(locale, words.recorded_severity),
        FieldKey::Department => td_string!(locale, words.recorded_department),
        FieldKey::Handler => td_string!(locale, words.recorded_handler),
        FieldKey::Grade => td_string!(locale, words.recorded_grade),
        FieldKey::RootCause => td_string!(locale, words.recorded_root_cause),
        FieldKey::Verification => td_string!(locale, words.recorded_verification),
        FieldKey::Approval => td_string!(locale, words.recorded_approval),
        FieldKey::Suggestion => td_string!(locale, words.recorded_suggestion),
        FieldKey::Shares => td_string!(locale, words.recorded_shares),
        FieldKey::Arbitration => td_string!(locale, words.recorded_arbitration),
        FieldKey::Outcomes => td_string!(locale, words.recorded_outcomes),
        FieldKey::CaseSummary => td_string!(locale, words.recorded_case_summary),
        FieldKey::Status => td_string!(locale, words.recorded_status),
    }
}

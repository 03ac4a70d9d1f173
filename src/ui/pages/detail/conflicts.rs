//! Concurrent edits (SPEC §13): when two devices changed the same field without seeing each
//! other's change, both values are kept and shown here for a person to choose one. The
//! choice is itself an event, so every device converges on it.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::fields::{FieldKey, FieldValue};
use crate::domain::ids::EventId;
use crate::i18n::*;
use crate::domain::config::DomainConfig;
use crate::domain::keyed::Keyed;
use crate::ui::text::{department_text, type_name, Translate};

use super::form::{use_case, CommandForm, FormState};

/// A short text of a field's value, in the user's language where it is a code.
fn value_text(config: &DomainConfig, locale: Locale, v: &FieldValue) -> String {
    match v {
        FieldValue::Customer(c) => format!("{} {} {}", c.name, c.phone, c.email),
        FieldValue::Incident(i) => format!("{} — {}", i.product, i.own_words),
        FieldValue::Classification(c) => type_name(config, locale, &c.type_key) + c.subtype.as_deref().map(|s| format!(" / {s}")).as_deref().unwrap_or(""),
        FieldValue::Urgency(u) => u.text(locale).to_string(),
        FieldValue::Department(d) => department_text(locale, d),
        FieldValue::Handler(h) | FieldValue::Severity(h) => h.clone(),
        FieldValue::Grade(g) => g.grade.text(locale).to_string(),
        FieldValue::RootCause(c) => format!("{}: {}", c.category.text(locale), c.text),
        FieldValue::Verification(v) => v.result.clone(),
        FieldValue::Approval(a) => a.approver.clone(),
        FieldValue::Suggestion(s) => s.handling.clone(),
        FieldValue::CaseSummary(c) => c.cause.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// One candidate value: the event that wrote it, who and when, and its text.
#[derive(Clone)]
struct Candidate {
    id: EventId,
    actor: String,
    ms: i64,
    text: Signal<String>,
}

/// Every field in conflict, each with its concurrent values and a "keep this one" choice.
#[component]
pub fn ConflictsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let data = case.data;
    view! {
        <section class="panel conflicts" aria-labelledby="conflicts-title" data-testid="conflicts">
            <h2 id="conflicts-title">{t!(i18n, conflict.title)}</h2>
            <p>{t!(i18n, conflict.intro)}</p>
            // Redrawn with the complaint: a resolved conflict leaves, a new one arrives.
            {move || {
            let data = data.get();
            let calendar = data.config.calendar.clone();
            data.state.conflicts().into_iter().map(|c| {
                let st = data.state.clone();
                let candidates: Vec<Candidate> = if c.field == FieldKey::Status {
                    st.status_register.heads().into_iter().map(|w| {
                        let (to, cause) = (w.value.to, w.value.cause);
                        Candidate { id: w.id.clone(), actor: w.actor.clone(), ms: w.at_ms, text: Signal::derive(move || {
                            let l = i18n.get_locale();
                            format!("{} ({})", to.text(l), cause.text(l))
                        }) }
                    }).collect()
                } else {
                    st.field(c.field).map(|r| r.heads()).unwrap_or_default().into_iter().map(|w| {
                        let (value, config) = (w.value.clone(), data.config.clone());
                        Candidate { id: w.id.clone(), actor: w.actor.clone(), ms: w.at_ms,
                            text: Signal::derive(move || value_text(&config, i18n.get_locale(), &value)) }
                    }).collect()
                };
                let cal = calendar.clone();
                view! { <FieldConflict field=c.field candidates cal/> }
            }).collect_view()
            }}
        </section>
    }
}

/// A page-unique form name per field (ids of inputs and headings derive from it).
fn form_name(field: FieldKey) -> &'static str {
    use FieldKey::*;
    match field {
        Customer => "conflict-customer",
        Incident => "conflict-incident",
        RequestType => "conflict-request_type",
        Nature => "conflict-nature",
        Classification => "conflict-classification",
        Urgency => "conflict-urgency",
        Severity => "conflict-severity",
        Department => "conflict-department",
        Handler => "conflict-handler",
        Grade => "conflict-grade",
        RootCause => "conflict-root_cause",
        Verification => "conflict-verification",
        Approval => "conflict-approval",
        Suggestion => "conflict-suggestion",
        Shares => "conflict-shares",
        Arbitration => "conflict-arbitration",
        Outcomes => "conflict-outcomes",
        CaseSummary => "conflict-case_summary",
        Status => "conflict-status",
    }
}

#[component]
fn FieldConflict(field: FieldKey, candidates: Vec<Candidate>, cal: crate::domain::sla::BusinessCalendar) -> impl IntoView {
    let i18n = use_i18n();
    let key = field.key();
    let form = FormState::new(form_name(field));
    let keep = RwSignal::new(candidates.last().map(|c| c.id.as_str().to_string()).unwrap_or_default());
    let build = move || Ok(Command::ResolveConflict { field, keep: EventId(keep.get_untracked()) });
    let name = format!("conflict-{key}");
    view! {
        <CommandForm form title=move || format!("{}: {}", td_string!(i18n.get_locale(), conflict.field), field.text(i18n.get_locale()))
            submit=move || t!(i18n, conflict.keep) command=build>
            <fieldset class="field choices">
                <legend>{t!(i18n, conflict.choose)}</legend>
                {candidates.into_iter().map(|c| {
                    let id = c.id.as_str().to_string();
                    let id2 = id.clone();
                    let when = cal.local(c.ms).format("%Y-%m-%d %H:%M").to_string();
                    view! {
                        <label class="candidate">
                            <input type="radio" name=name.clone() value=id.clone() prop:checked=move || keep.get() == id
                                on:change=move |_| keep.set(id2.clone())/>
                            <span>{move || c.text.get()}</span>
                            <span class="muted">" · "{c.actor.clone()}" · "{when}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        </CommandForm>
    }
}

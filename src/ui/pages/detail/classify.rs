//! Classify-and-grade panel of the complaint detail (SPEC §4): type and sub-type from the
//! configured catalogue, urgency, and the severity level of the configured scheme (whose
//! response limit then replaces the first-contact limit). Offered only when the domain allows
//! classifying now; a refusal is shown translated.

use leptos::prelude::*;

use crate::domain::catalog::Choice;
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::Command;
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use crate::ui::components::enum_select::EnumSelect;

use super::form::{use_case, CommandForm, FormState};

/// Type, sub-type, urgency and severity, saved as the `Classify` command like every step.
#[component]
pub fn ClassifyPanel(
    /// Folded among the other records (a re-classification, not the next step).
    #[prop(optional)]
    folded: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("classify");
    let data = use_case().current();
    let config = data.config.clone();
    let types = config.type_choices();
    let severities = config.severity_choices();
    let first_type = types.first().map(|c| c.key.clone()).unwrap_or_default();
    let current = data.state.classification().cloned();
    let type_key = RwSignal::new(current.as_ref().map_or(first_type, |c| c.type_key.clone()));
    let subtype = RwSignal::new(current.and_then(|c| c.subtype).unwrap_or_default());
    let urgency = RwSignal::new(data.state.urgency_or_default());
    let severity = RwSignal::new(data.state.severity().cloned().unwrap_or_default());
    // The sub-types of the chosen type; a sub-type of another type is dropped.
    let subtypes = Memo::new(move |_| config.subtype_choices(&type_key.get()));
    Effect::new(move |_| {
        let keys = subtypes.with(|s| s.iter().map(|c| c.key.clone()).collect::<Vec<_>>());
        if !subtype.get_untracked().is_empty() && !keys.contains(&subtype.get_untracked()) {
            subtype.set(String::new());
        }
    });
    let build = move || {
        let (sub, sev) = (subtype.get_untracked(), severity.get_untracked());
        Ok(Command::Classify {
            classification: Classification { type_key: type_key.get_untracked(), subtype: (!sub.is_empty()).then_some(sub) },
            urgency: urgency.get_untracked(),
            severity: (!sev.is_empty()).then_some(sev),
            nature: None,
            request_type: None,
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, classify.title) submit=move || t!(i18n, classify.save) command=build folded>
            <div class="field">
                <label for="type">{t!(i18n, classify.type_label)}</label>
                <select id="type" prop:value=type_key on:change=move |ev| type_key.set(event_target_value(&ev))>
                    {options(types, type_key)}
                </select>
            </div>
            <Show when=move || !subtypes.with(Vec::is_empty)>
                <div class="field">
                    <label for="subtype">{t!(i18n, classify.subtype_label)}</label>
                    <select id="subtype" prop:value=subtype on:change=move |ev| subtype.set(event_target_value(&ev))>
                        <option value="" selected=move || subtype.get().is_empty()>"—"</option>
                        {move || options(subtypes.get(), subtype)}
                    </select>
                </div>
            </Show>
            <EnumSelect id="urgency" value=urgency options=Urgency::all() hint=move || t!(i18n, classify.urgency_hint)>
                {t!(i18n, classify.urgency_label)}
            </EnumSelect>
            <div class="field">
                <label for="severity">{t!(i18n, classify.severity_label)}</label>
                <select id="severity" aria-describedby="severity-hint" prop:value=severity
                    on:change=move |ev| severity.set(event_target_value(&ev))>
                    <option value="" selected=move || severity.get().is_empty()>"—"</option>
                    {options(severities, severity)}
                </select>
                <p class="hint" id="severity-hint">{t!(i18n, classify.severity_hint)}</p>
            </div>
        </CommandForm>
    }
}

/// The options of a select over configured choices, named in the user's language.
fn options(choices: Vec<Choice>, chosen: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    choices
        .into_iter()
        .map(|c| {
            let (key, label) = (c.key.clone(), c.label);
            view! { <option value=c.key selected=move || chosen.get() == key>{move || label.text(i18n.get_locale().as_ref()).to_string()}</option> }
        })
        .collect_view()
}

//! Classify-and-grade panel of the complaint detail (SPEC §4): type and sub-type from the
//! configured catalogue, urgency, and the severity level of the configured scheme (whose
//! response limit then replaces the first-contact limit). Offered only when the domain allows
//! classifying now; a refusal is shown translated.

use leptos::prelude::*;

use crate::domain::catalog::Choice;
use crate::domain::classify::{Classification, Urgency};
use crate::i18n::*;
use crate::services::ComplaintView;
use crate::ui::app::use_desk;
use crate::ui::session::current_user;
use crate::domain::keyed::Keyed;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::text::error_text;

use super::form::use_case;
/// Type and urgency selects with a save button; `on_saved` is called with the new view.
#[component]
pub fn ClassifyPanel(
    id: String,
    view: ComplaintView,
    on_saved: impl Fn() + Clone + Send + Sync + 'static,
    /// Folded among the other records (a re-classification, not the next step).
    #[prop(optional)]
    folded: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let data = use_case().current();
    let config = data.config.clone();
    let types = config.type_choices();
    let severities = config.severity_choices();
    let first_type = types.first().map(|c| c.key.clone()).unwrap_or_default();
    let type_key = RwSignal::new(view.type_key.clone().unwrap_or(first_type));
    let subtype = RwSignal::new(data.state.classification().and_then(|c| c.subtype.clone()).unwrap_or_default());
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
    let error = RwSignal::new(None::<&'static str>);
    let save = Action::new_local(move |_: &()| {
        let desk = desk.clone();
        let id = id.clone();
        let (t, sub, u, sev) = (type_key.get_untracked(), subtype.get_untracked(), urgency.get_untracked(), severity.get_untracked());
        async move {
            let classification = Classification { type_key: t, subtype: (!sub.is_empty()).then_some(sub) };
            let severity = (!sev.is_empty()).then_some(sev);
            desk.classify_with(&id, classification, u, severity, &current_user()).await.map(|_| ()).map_err(|e| e.code())
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            error.set(None);
            on_saved();
        }
        Some(Err(code)) => error.set(Some(code)),
        None => {}
    });
    let body = view! {
            <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(()); }>
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
                {move || error.get().map(|code| view! {
                    <p class="form-error" role="alert" data-testid="classify-error">{error_text(i18n.get_locale(), code)}</p>
                })}
                <button type="submit" class="primary" disabled=move || save.pending().get()>{t!(i18n, classify.save)}</button>
            </form>
    };
    if folded {
        view! {
            <details class="panel step" data-testid="classify-panel">
                <summary><span class="summary-title" id="classify-title">{t!(i18n, classify.title)}</span></summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! {
            <section class="panel" aria-labelledby="classify-title" data-testid="classify-panel">
                <h2 id="classify-title">{t!(i18n, classify.title)}</h2>
                {body}
            </section>
        }
        .into_any()
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

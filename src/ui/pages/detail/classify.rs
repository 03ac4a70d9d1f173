//! Classify-and-grade panel of the complaint detail (SPEC §4): type and urgency. Offered only
//! when the domain allows classifying now; a refusal is shown translated.

use leptos::prelude::*;

use crate::domain::classify::Urgency;
use crate::i18n::*;
use crate::services::ComplaintView;
use crate::ui::app::use_desk;
use crate::ui::pages::register::current_user;
use crate::ui::text::{error_text, type_text, urgency_text};

const TYPES: [&str; 5] = ["product_quality", "service_attitude", "process_efficiency", "billing", "other"];
const URGENCIES: [Urgency; 3] = [Urgency::Urgent, Urgency::Normal, Urgency::Low];

fn urgency_key(u: Urgency) -> &'static str {
    match u {
        Urgency::Urgent => "urgent",
        Urgency::Normal => "normal",
        Urgency::Low => "low",
    }
}

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
    let type_key = RwSignal::new(view.type_key.clone().unwrap_or_else(|| TYPES[0].to_string()));
    let urgency = RwSignal::new(view.urgency.clone().unwrap_or_else(|| "normal".to_string()));
    let error = RwSignal::new(None::<&'static str>);
    let save = Action::new_local(move |_: &()| {
        let desk = desk.clone();
        let id = id.clone();
        let (t, u) = (type_key.get_untracked(), urgency.get_untracked());
        async move {
            let u = URGENCIES.into_iter().find(|x| urgency_key(*x) == u).unwrap_or(Urgency::Normal);
            desk.classify(&id, &t, u, &current_user()).await.map(|_| ()).map_err(|e| e.code())
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
                        {TYPES.into_iter().map(|k| view! {
                            <option value=k selected=move || type_key.get() == k>{move || type_text(i18n.get_locale(), k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="urgency">{t!(i18n, classify.urgency_label)}</label>
                    <select id="urgency" aria-describedby="urgency-hint" prop:value=urgency
                        on:change=move |ev| urgency.set(event_target_value(&ev))>
                        {URGENCIES.into_iter().map(|u| {
                            let k = urgency_key(u);
                            view! { <option value=k selected=move || urgency.get() == k>{move || urgency_text(i18n.get_locale(), k)}</option> }
                        }).collect_view()}
                    </select>
                    <p class="hint" id="urgency-hint">{t!(i18n, classify.urgency_hint)}</p>
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

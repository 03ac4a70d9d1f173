//! Values of choice columns the app cannot translate by itself (a source's own channel
//! names, say `Referral`): the person picks what each stands for, and sees the translations
//! the mapping already holds.

use leptos::prelude::*;

use super::{CsvState, PreviewResource};
use crate::domain::channel::Channel;
use crate::domain::csv::mapping::Target;
use crate::domain::intake::{
    Emotion, Expectation, Recurrence, RequestType, Salutation, Seriousness,
};
use crate::i18n::*;
use crate::ui::text::{stored_text, Translate};

/// The text of one of a target's codes in the user's language.
fn choice_text(locale: Locale, target: Target, key: &str) -> String {
    let text = match target {
        Target::Channel => stored_text::<Channel>(locale, key),
        Target::RequestType => stored_text::<RequestType>(locale, key),
        Target::Seriousness => stored_text::<Seriousness>(locale, key),
        Target::Recurrence => stored_text::<Recurrence>(locale, key),
        Target::Salutation => stored_text::<Salutation>(locale, key),
        Target::Emotion => stored_text::<Emotion>(locale, key),
        Target::Expectations => stored_text::<Expectation>(locale, key),
        Target::Anonymous => Some(if key == "yes" {
            td_string!(locale, yes_no.yes)
        } else {
            td_string!(locale, yes_no.no)
        }),
        _ => None,
    };
    text.map_or_else(|| key.to_string(), str::to_string)
}

/// The untranslated values, each with a choice of what it stands for.
#[component]
pub fn ValueTranslations(state: CsvState, preview: PreviewResource) -> impl IntoView {
    let i18n = use_i18n();
    let untranslated = move || {
        preview
            .get()
            .flatten()
            .and_then(Result::ok)
            .map(|p| p.untranslated.clone())
            .unwrap_or_default()
    };
    let known = move || state.mapping.with(|m| m.values.clone());
    view! {
        <section class="panel" aria-labelledby="csv-values-title">
            <h2 id="csv-values-title">{t!(i18n, csv_import.values_title)}</h2>
            <Show when=move || !untranslated().is_empty() fallback=move || view! {
                <p class="hint" data-testid="csv-values-done">{t!(i18n, csv_import.values_done)}</p>
            }>
                <p class="hint">{t!(i18n, csv_import.values_hint)}</p>
            </Show>
            <ul class="csv-values" data-testid="csv-untranslated">
                {move || untranslated().into_iter().enumerate().map(|(i, (target, from))| {
                    let id = format!("csv-value-{i}");
                    let picked = from.clone();
                    view! {
                        <li class="field">
                            <label for=id.clone()>{move || format!("{}: “{}”", target.text(i18n.get_locale()), from)}</label>
                            <select id=id disabled=move || state.running.get() on:change=move |ev| {
                                let key = event_target_value(&ev);
                                if let Some(code) = target.choices().into_iter().find(|c| *c == key) {
                                    state.mapping.update(|m| m.set_value(target, &picked, code));
                                }
                            }>
                                <option value="" selected>{t!(i18n, csv_import.choose)}</option>
                                {target.choices().into_iter().map(|code| view! {
                                    <option value=code>{move || choice_text(i18n.get_locale(), target, code)}</option>
                                }).collect_view()}
                            </select>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || !known().is_empty()>
                <h3>{t!(i18n, csv_import.values_known)}</h3>
                <ul class="csv-values-known" data-testid="csv-translations">
                    {move || known().into_iter().map(|v| {
                        let (target, from) = (v.target, v.from.clone());
                        let to = v.to.clone();
                        view! {
                            <li>
                                <span>{move || format!("{}: “{}” → {}", target.text(i18n.get_locale()), from, choice_text(i18n.get_locale(), target, &to))}</span>
                                <button type="button" class="link" disabled=move || state.running.get()
                                    on:click={
                                        let from = v.from.clone();
                                        move |_| state.mapping.update(|m| m.values.retain(|x| !(x.target == target && x.from == from)))
                                    }>{t!(i18n, csv_import.remove)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

//! Switches between zh-CN and en. The default comes from the browser's languages; a choice is
//! kept in LocalStorage and set again at every start (`RestoreLanguage`). leptos_i18n's own
//! cookie is not used: it lives only as long as the browser session, and its date parsing
//! (the `cookie` and `time` crates) cost download size.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::i18n::*;

const LANGUAGE_KEY: &str = "desk.language";

/// Sets the language chosen on this device, if any; renders nothing. Placed first inside the
/// i18n provider, so every text after it is built in that language.
#[component]
pub fn RestoreLanguage() -> impl IntoView {
    let remembered = LocalStorage::get::<String>(LANGUAGE_KEY).ok().and_then(|tag| locale_of(&tag));
    if let Some(locale) = remembered {
        let i18n = use_i18n();
        i18n.set_locale(locale);
        // The provider's first effect sets the browser's language (its cookie would have said
        // ours); this effect, made after it, runs after it and sets ours again.
        Effect::new(move |_| i18n.set_locale(locale));
    }
}

/// The locale with this tag (`zh-CN`, `en`), if the app has it.
fn locale_of(tag: &str) -> Option<Locale> {
    Locale::get_all().iter().copied().find(|l| l.as_str() == tag)
}

/// A language's name in that language: a new locale does not compile without one.
fn own_name(locale: Locale) -> &'static str {
    match locale {
        Locale::zh_CN => "中文",
        Locale::en => "English",
    }
}

/// A labelled select with the two languages, each named in its own language. In the header the
/// label is for screen readers only; on the Settings page it is shown (`id` given).
#[component]
pub fn LanguageSwitch(
    /// The select's id; with it the label is visible and the test id is `<id>`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        // Only the tags offered below can arrive; anything else changes nothing.
        let Some(locale) = locale_of(&event_target_value(&ev)) else { return };
        i18n.set_locale(locale);
        if let Err(e) = LocalStorage::set(LANGUAGE_KEY, locale.as_str()) {
            leptos::logging::warn!("could not remember the language: {e}");
        }
    };
    let options = move || {
        let option = |l: Locale| view! { <option value=l.as_str() selected=move || i18n.get_locale() == l>{own_name(l)}</option> };
        Locale::get_all().iter().map(|l| option(*l)).collect_view()
    };
    match id {
        Some(id) => view! {
            <div class="field">
                <label for=id>{t!(i18n, language.label)}</label>
                <select id=id on:change=on_change data-testid=id>{options()}</select>
            </div>
        }
        .into_any(),
        None => view! {
            <label class="language-switch">
                <span class="visually-hidden">{t!(i18n, language.label)}</span>
                <select on:change=on_change data-testid="language-switch">{options()}</select>
            </label>
        }
        .into_any(),
    }
}

//! Switches between zh-CN and en. The default comes from the browser's languages; a choice is
//! kept in LocalStorage and restored into leptos_i18n's cookie before the app starts, because
//! that cookie alone lives only as long as the browser session.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::ui::app::LANGUAGE_COOKIE;

const LANGUAGE_KEY: &str = "desk.language";

/// Puts the remembered language (if any) into the cookie leptos_i18n starts from. Call before
/// mounting the app.
pub fn restore_language() {
    let Ok(tag) = LocalStorage::get::<String>(LANGUAGE_KEY) else { return };
    if !matches!(tag.as_str(), "en" | "zh-CN") {
        return;
    }
    if let Some(doc) = document().dyn_ref::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&format!("{LANGUAGE_COOKIE}={tag}; path=/; SameSite=Lax"));
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
        let tag = event_target_value(&ev);
        let locale = match tag.as_str() {
            "zh-CN" => Locale::zh_CN,
            _ => Locale::en,
        };
        i18n.set_locale(locale);
        if let Err(e) = LocalStorage::set(LANGUAGE_KEY, locale.as_str()) {
            leptos::logging::warn!("could not remember the language: {e}");
        }
    };
    let options = move || view! {
        <option value="zh-CN" selected=move || i18n.get_locale() == Locale::zh_CN>"中文"</option>
        <option value="en" selected=move || i18n.get_locale() == Locale::en>"English"</option>
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

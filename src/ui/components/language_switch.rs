//! Switches between zh-CN and en; the choice is remembered (cookie kept by leptos_i18n) and
//! the default comes from the browser's languages.

use leptos::prelude::*;

use crate::i18n::*;

/// A labelled select with the two languages, each named in its own language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        let locale = match event_target_value(&ev).as_str() {
            "zh-CN" => Locale::zh_CN,
            _ => Locale::en,
        };
        i18n.set_locale(locale);
    };
    view! {
        <label class="language-switch">
            <span class="visually-hidden">{t!(i18n, language.label)}</span>
            <select on:change=on_change data-testid="language-switch">
                <option value="zh-CN" selected=move || i18n.get_locale() == Locale::zh_CN>"中文"</option>
                <option value="en" selected=move || i18n.get_locale() == Locale::en>"English"</option>
            </select>
        </label>
    }
}

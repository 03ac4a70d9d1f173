//! The one select every typed choice renders through. `EnumSelect<T>`, `RequiredSelect<T>` and
//! `ChoiceFilter<T>` only turn their values into keys and texts; the markup is here, built once
//! rather than once per enumeration (each generic copy of a view costs the download kilobytes).

use leptos::prelude::*;

use super::bind::Bind;
use crate::i18n::*;
use crate::ui::text::Choice;

/// One option: its key (the value's stable key) and its text in each language.
pub struct KeyOption {
    pub key: &'static str,
    texts: [&'static str; 2],
}

impl KeyOption {
    /// The option of `value`, with its text in every language the app has.
    pub fn of<T: Choice>(value: T) -> KeyOption {
        KeyOption { key: value.option_key(), texts: [value.text(Locale::en), value.text(Locale::zh_CN)] }
    }

    fn text(&self, locale: Locale) -> &'static str {
        // Exhaustive: a new language does not compile until its text is here.
        match locale {
            Locale::en => self.texts[0],
            Locale::zh_CN => self.texts[1],
        }
    }
}

/// What a select over `Option<T>` hands `KeySelect`: the current key (`""` for `None`, the
/// placeholder), the options, and the pick (the empty key, or one no option has, is `None`).
pub fn option_keys<T: Choice>(value: Bind<Option<T>>, options: Vec<T>) -> (Signal<&'static str>, Vec<KeyOption>, Callback<String>) {
    let current = Signal::derive(move || value.get.get().map_or("", Choice::option_key));
    let keyed = options.iter().map(|v| KeyOption::of(*v)).collect();
    let on_pick = Callback::new(move |key: String| value.set.set(options.iter().copied().find(|v| v.option_key() == key)));
    (current, keyed, on_pick)
}

/// A labelled select of keyed options, with its hint and error linked for screen readers.
/// `placeholder`: a first option with the empty key (nothing chosen yet, or "all").
#[component]
pub fn KeySelect(
    /// Owned, so a row of a list can have its own (`outcome-3`).
    #[prop(into)]
    id: String,
    /// The key chosen now (`""`: the placeholder).
    current: Signal<&'static str>,
    options: Vec<KeyOption>,
    /// Called with the key picked.
    on_pick: Callback<String>,
    error: Signal<Option<&'static str>>,
    placeholder: Option<ViewFn>,
    #[prop(optional)] required: bool,
    /// `None`: never disabled.
    disabled: Option<Signal<bool>>,
    hint: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let described = if hint.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
    view! {
        <div class="field">
            <label for=id.clone()>{children()}</label>
            <select id=id.clone() name=id.clone() required=required aria-required=required.then_some("true") aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                disabled=move || disabled.is_some_and(|d| d.get())
                on:change=move |ev| on_pick.run(event_target_value(&ev))>
                {placeholder.map(|p| view! { <option value="" selected=move || current.get().is_empty()>{p.run()}</option> })}
                {options.into_iter().map(|o| {
                    let key = o.key;
                    view! { <option value=key selected=move || current.get() == key>{move || o.text(i18n.get_locale())}</option> }
                }).collect_view()}
            </select>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h.run()}</p> })}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

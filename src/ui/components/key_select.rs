//! The one select every typed choice renders through. `EnumSelect<T>`, `RequiredSelect<T>` and
//! `OptionSelect<T>` only turn their values into keys and texts; the markup is here, built once
//! rather than once per enumeration (each generic copy of a view costs the download kilobytes).

use leptos::prelude::*;

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

/// What a select over `Option<T>` draws with: the current key (`""` for `None`, the
/// placeholder), the options, and the pick (the placeholder is `None`).
pub fn option_keys<T: Choice>(value: Signal<Option<T>>, set: impl Fn(Option<T>) + Send + Sync + 'static, options: Vec<T>) -> (Signal<&'static str>, Vec<KeyOption>, Callback<Option<usize>>) {
    let current = Signal::derive(move || value.get().map_or("", Choice::option_key));
    let keyed = options.iter().map(|v| KeyOption::of(*v)).collect();
    let on_pick = Callback::new(move |i: Option<usize>| set(i.and_then(|i| options.get(i).copied())));
    (current, keyed, on_pick)
}

/// The `<select>` of keyed options alone: `key_select` puts it in a labelled field, and
/// `OptionSelect` where its caller wants it (a table cell, a field of its own).
pub struct SelectParts {
    pub id: String,
    /// The key chosen now (`""`: the placeholder).
    pub current: Signal<&'static str>,
    pub options: Vec<KeyOption>,
    /// Called with the place in `options` of the option picked (`None`: the placeholder). A
    /// place, not the key: the typed selects then pick without comparing keys (less code per type).
    pub on_pick: Callback<Option<usize>>,
    /// A first option with the empty key (nothing chosen yet, "all", "none").
    pub placeholder: Option<ViewFn>,
    pub required: bool,
    /// `None`: never disabled.
    pub disabled: Option<Signal<bool>>,
    /// The ids of its hint and error.
    pub described: Option<String>,
    pub invalid: Option<Signal<Option<&'static str>>>,
    /// The name said, when no `<label for>` names it.
    pub aria_label: Option<Signal<String>>,
}

/// The select of `parts` (one copy of this markup for every typed select).
#[inline(never)]
pub fn key_select_element(parts: SelectParts) -> impl IntoView {
    let i18n = use_i18n();
    let SelectParts { id, current, options, on_pick, placeholder, required, disabled, described, invalid, aria_label } = parts;
    // A field with an error line says whether it is wrong; a bare select says nothing.
    let in_field = described.is_some();
    let first = usize::from(placeholder.is_some());
    view! {
        <select id=id.clone() name=id required=required aria-required=required.then_some("true") aria-describedby=described
            aria-invalid=move || in_field.then(|| invalid.is_some_and(|e| e.get().is_some()).to_string())
            aria-label=move || aria_label.map(|l| l.get())
            disabled=move || disabled.is_some_and(|d| d.get())
            on:change=move |ev| {
                let picked = usize::try_from(event_target::<web_sys::HtmlSelectElement>(&ev).selected_index()).ok();
                on_pick.run(picked.and_then(|i| i.checked_sub(first)));
            }>
            {placeholder.map(|p| view! { <option value="" selected=move || current.get().is_empty()>{p.run()}</option> })}
            {options.into_iter().map(|o| {
                let key = o.key;
                view! { <option value=key selected=move || current.get() == key>{move || o.text(i18n.get_locale())}</option> }
            }).collect_view()}
        </select>
    }
}

/// A labelled select of keyed options, with its hint and error linked for screen readers
/// (`select`'s `described` and `invalid` are set here). A plain function, not a component:
/// the generic selects call it, and a component's wrapper would be one more copy per type.
#[inline(never)]
pub fn key_select(select: SelectParts, error: Option<Signal<Option<&'static str>>>, hint: Option<ViewFn>, children: Children) -> impl IntoView {
    let id = select.id.clone();
    let described = if hint.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            {key_select_element(SelectParts { described: Some(described), invalid: error, ..select })}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h.run()}</p> })}
            <p class="field-error" id=error_id aria-live="polite">{move || error.and_then(|e| e.get())}</p>
        </div>
    }
}

/// A placeholder option's text from a signal (outside the generic selects: one copy).
pub fn text_option(text: Signal<String>) -> ViewFn {
    // The view is a closure, so the text follows a change of language; the `ViewFn` runs once.
    ViewFn::from(move || move || text.get())
}

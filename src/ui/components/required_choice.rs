//! Choices a person must make themselves, which start empty: a select over typed values with a
//! "— choose —" option (`RequiredSelect<T>`, the sibling of `EnumSelect<T>` for
//! `RwSignal<Option<T>>`), and a two-answer radio group (`AnswerChoice`, `Option<bool>`).
//! Nothing is pre-selected, so a record never says what nobody chose (e.g. "accepts the plan").

use leptos::prelude::*;

use super::key_select::{key_select, option_keys, SelectParts};
use crate::i18n::*;
use crate::ui::text::Choice;

/// A labelled, required select over typed values that starts on "— choose —" (`None`).
#[component]
pub fn RequiredSelect<T>(
    id: &'static str,
    value: RwSignal<Option<T>>,
    /// The values offered, in order (after the empty "— choose —").
    options: Vec<T>,
    #[prop(into)]
    error: Signal<Option<&'static str>>,
    children: Children,
) -> impl IntoView
where
    T: Choice,
{
    let (current, keyed, on_pick) = option_keys(value.into(), move |v| value.set(v), options);
    let select = SelectParts {
        id: id.to_string(), current, options: keyed, on_pick, placeholder: Some(choose()), required: true, disabled: None,
        described: None, invalid: None, aria_label: None,
    };
    key_select(select, Some(error), None, children)
}

/// The "— choose —" option's text (outside the generic select: one copy for every type).
fn choose() -> ViewFn {
    let i18n = use_i18n();
    ViewFn::from(move || t!(i18n, choose.placeholder))
}

/// A required yes/no answer as two radio buttons, neither checked at first. The first button
/// carries `id` (a missing answer focuses it); the buttons are `{id}-yes` / `{id}-no` by value.
#[component]
pub fn AnswerChoice(
    id: &'static str,
    value: RwSignal<Option<bool>>,
    /// The question.
    #[prop(into)]
    legend: ViewFn,
    /// The text of the "yes" answer.
    #[prop(into)]
    yes: ViewFn,
    /// The text of the "no" answer.
    #[prop(into)]
    no: ViewFn,
    #[prop(into)]
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let radio = move |answer: bool, text: ViewFn, first: bool| {
        let input_id = if first { id.to_string() } else { format!("{id}-{}", if answer { "yes" } else { "no" }) };
        view! {
            <label><input type="radio" name=id id=input_id value=if answer { "yes" } else { "no" } required=true
                aria-describedby=format!("{id}-error")
                prop:checked=move || value.get() == Some(answer) on:change=move |_| value.set(Some(answer))/>
                {text.run()}</label>
        }
    };
    view! {
        <fieldset class="field choices" aria-describedby=format!("{id}-error") aria-invalid=move || error.get().is_some().to_string()>
            <legend>{legend.run()}</legend>
            {radio(true, yes, true)}
            {radio(false, no, false)}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

//! A labelled text input or text area with an optional hint and its error message, linked
//! for screen readers (`aria-describedby`, `aria-invalid`), with touch-sized targets.

use leptos::prelude::*;

use super::bind::Bind;

/// One text field of a form. `error` is the message to show (already translated), if any.
#[component]
pub fn TextField(
    /// The input's id and name; the hint and error get `<id>-hint` and `<id>-error`.
    id: &'static str,
    /// The value, kept in step with what is typed.
    #[prop(into)]
    value: Bind<String>,
    /// The error message shown under the field.
    #[prop(into)]
    error: Signal<Option<&'static str>>,
    /// `text`, `tel`, `email`…
    #[prop(default = "text")]
    input_type: &'static str,
    /// The on-screen keyboard to show (`tel`, `email`, `numeric`…).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// A text area of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional)]
    required: bool,
    /// The id of a `<datalist>` of suggestions (staff names).
    #[prop(optional)]
    list: Option<&'static str>,
    /// Help under the field.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let described_by = if has_hint { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
    let invalid = move || error.get().is_some().to_string();
    let on_input = move |ev| value.set.set(event_target_value(&ev));
    let control = match rows {
        Some(rows) => view! {
            <textarea id=id name=id rows=rows required=required aria-describedby=described_by
                aria-invalid=invalid prop:value=value.get on:input=on_input></textarea>
        }
        .into_any(),
        None => view! {
            <input id=id name=id type=input_type inputmode=inputmode autocomplete="off" required=required list=list
                aria-describedby=described_by aria-invalid=invalid prop:value=value.get on:input=on_input/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            {control}
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h.run()}</p> })}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

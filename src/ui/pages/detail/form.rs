//! Building blocks of the step panels: the complaint on screen (`CaseCtx`), a form that issues
//! one domain command for it (`CommandForm`), and labelled selects and checkboxes. A refusal —
//! from the form's own parsing or from the domain — is shown translated at the input it is
//! about (which also gets focus), or under the form when it is about the whole step.

use std::sync::Arc;

use chrono::NaiveDateTime;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::command::Command;
use crate::domain::config::DomainConfig;
use crate::domain::state::ComplaintState;
use crate::domain::workflow::CommandKind;
use crate::i18n::*;
use crate::ui::app::use_desk;
use crate::ui::components::reg_inputs::input_of;
use crate::ui::session::current_user;
use crate::ui::text::{error_text, known_error_text};

use super::panel_draft::PanelDraft;

/// What the panels read of the complaint: replaced whole each time the page reloads its data,
/// while the panels themselves (and what is typed in them) stay.
pub struct CaseData {
    pub state: ComplaintState,
    pub config: DomainConfig,
    /// Business-time "now" when the data was loaded: the default for times and deadlines.
    pub now: NaiveDateTime,
    /// When the customer can expect the result (the resolution deadline), for templates.
    pub eta: Option<NaiveDateTime>,
    /// Some running clock is overdue: the customer must get a progress update.
    pub late: bool,
}

/// The complaint the panels work on.
#[derive(Clone)]
pub struct CaseCtx {
    pub id: String,
    /// The latest data; panels read it untracked for their starting values and tracked for
    /// what they show that changes with the complaint.
    pub data: Signal<Arc<CaseData>>,
    /// Reloads the page's data after a saved step; with the step's kind, that step's panel is
    /// then built afresh (its inputs back to their starting values) while every other panel
    /// keeps what was typed in it.
    pub on_saved: Callback<Option<CommandKind>>,
    /// The step saved last, whose panel says so (cleared by the next submit).
    pub last_saved: RwSignal<Option<CommandKind>>,
    /// Where the page was scrolled when a step was submitted: rebuilding and moving its panel
    /// must not move the page, so it is put back there.
    pub scroll_y: StoredValue<Option<f64>>,
}

/// The step a panel is for, provided by the page around each panel.
#[derive(Clone, Copy)]
pub struct PanelKind(pub CommandKind);

impl CaseCtx {
    /// The data as it is now, without subscribing (starting values of inputs).
    pub fn current(&self) -> Arc<CaseData> {
        self.data.get_untracked()
    }
}

pub fn use_case() -> CaseCtx {
    expect_context::<CaseCtx>()
}

/// Why a form was not saved: an error code and the input it concerns (the domain's field name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub field: Option<&'static str>,
}

impl Refusal {
    /// A problem with one input.
    pub fn at(field: &'static str, code: &'static str) -> Refusal {
        Refusal { code, field: Some(field) }
    }
}

/// One form's refusal; inputs are named `<form>-<field>`.
#[derive(Clone, Copy)]
pub struct FormState {
    pub form: &'static str,
    refusal: RwSignal<Option<Refusal>>,
}

impl FormState {
    pub fn new(form: &'static str) -> FormState {
        FormState { form, refusal: RwSignal::new(None) }
    }

    /// The translated message for the input of `field`, when the refusal is about it.
    pub fn at(self, field: &'static str) -> Signal<Option<&'static str>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            // Only known codes are placed at a field (see `refuse`), so this always has a text.
            self.refusal.get().filter(|r| r.field == Some(field)).and_then(|r| known_error_text(i18n.get_locale(), r.code))
        })
    }

    fn refuse(self, mut r: Refusal) {
        // A refusal about a field this form has no input for, or with a code this version has
        // no message for, is shown under the form (with its code), never lost.
        if known_error_text(use_i18n().get_locale(), r.code).is_none() {
            r.field = None;
        }
        if let Some(field) = r.field {
            let id = format!("{}-{}", self.form, field);
            if !focus(&id) {
                r.field = None;
            }
        }
        self.refusal.set(Some(r));
    }
}

/// Focuses the element with this id; false if there is none or it cannot take the focus.
pub fn focus(id: &str) -> bool {
    let el = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(el) = el else { return false };
    let _ = el.focus();
    document().active_element().is_some_and(|a| a == *el)
}

/// A choice the person must make (it starts empty): the chosen value, or a refusal at `field`.
pub fn chosen<T: Copy + Send + Sync + 'static>(value: RwSignal<Option<T>>, field: &'static str) -> Result<T, Refusal> {
    value.get_untracked().ok_or(Refusal::at(field, "choice_required"))
}

/// Parses a `datetime-local` value (business time).
pub fn parse_time(value: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%dT%H:%M").ok()
}

/// An optional `datetime-local` input: empty is `None`; anything else must parse, or the form
/// is refused at `field`.
pub fn optional_time(value: RwSignal<String>, field: &'static str) -> Result<Option<NaiveDateTime>, Refusal> {
    match value.get_untracked().trim() {
        "" => Ok(None),
        t => parse_time(t).map(Some).ok_or(Refusal::at(field, "invalid_datetime")),
    }
}

/// The `datetime-local` value of a time.
pub fn time_value(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// A panel with a form that issues one command for the complaint on screen. `command` reads the
/// inputs; it refuses with a field-level `Refusal` what cannot become a command at all.
#[component]
pub fn CommandForm<B>(
    form: FormState,
    /// The panel's heading.
    #[prop(into)]
    title: ViewFn,
    /// The submit button's text.
    #[prop(into)]
    submit: ViewFn,
    command: B,
    /// Starts folded (a record you add now and then, not the next step of the loop).
    #[prop(optional)]
    folded: bool,
    children: Children,
) -> impl IntoView
where
    B: Fn() -> Result<Command, Refusal> + 'static,
{
    let i18n = use_i18n();
    let desk = use_desk();
    let case = use_case();
    let id = case.id.clone();
    // What is typed is kept as the panel's draft (reload, crash); a folded panel with a restored
    // draft opens, so the text is seen.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let details = NodeRef::<leptos::html::Details>::new();
    let draft = PanelDraft::new(&id, form.form, form_ref, move || {
        if let Some(el) = details.get_untracked() {
            el.set_open(true);
        }
    });
    let draft_id = draft.id();
    let draft = StoredValue::new_local(draft);
    let save = Action::new_local(move |cmd: &Command| {
        let (desk, id, cmd, draft_id) = (desk.clone(), id.clone(), cmd.clone(), draft_id.clone());
        async move { desk.execute_step(&id, cmd, &current_user(), &draft_id).await.map(|_| ()) }
    });
    let (on_saved, last_saved, scroll_y) = (case.on_saved, case.last_saved, case.scroll_y);
    let kind = use_context::<PanelKind>().map(|k| k.0);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            form.refusal.set(None);
            on_saved.run(kind);
        }
        Some(Err(e)) => form.refuse(match e.issues().first() {
            // Registration data: the first problem, at its input (named like the Register form's).
            Some(issue) => Refusal { code: issue.problem.code(), field: input_of(issue.field) },
            None => Refusal { code: e.code(), field: e.field() },
        }),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A new attempt clears the last one's messages first: a refused save never leaves an
        // earlier "Saved." standing.
        form.refusal.set(None);
        last_saved.set(None);
        scroll_y.set_value(window().scroll_y().ok());
        match command() {
            Ok(cmd) => {
                draft.with_value(PanelDraft::cancel);
                save.dispatch(cmd);
            }
            Err(r) => form.refuse(r),
        }
    };
    let heading_id = format!("{}-title", form.form);
    let body = view! {
        <form on:submit=on_submit aria-labelledby=heading_id.clone() novalidate node_ref=form_ref
            on:input=move |_| draft.with_value(PanelDraft::edited) on:change=move |_| draft.with_value(PanelDraft::edited)>
            {children()}
            {move || form.refusal.get().filter(|r| r.field.is_none()).map(|r| view! {
                <p class="form-error" role="alert" data-testid=format!("{}-error", form.form)>{error_text(i18n.get_locale(), r.code)}</p>
            })}
            <div class="form-actions">
                <button type="submit" class="primary" id=format!("{}-submit", form.form) data-testid=format!("{}-submit", form.form)
                    disabled=move || save.pending().get()>{submit.run()}</button>
                // Announced to screen readers; next to the button, where the eye is.
                <span class="form-saved" role="status" aria-live="polite" data-testid=format!("{}-saved", form.form)>
                    {move || (kind.is_some() && last_saved.get() == kind).then_some(t!(i18n, detail.saved))}
                </span>
            </div>
        </form>
    };
    // A step that was just saved is built afresh: a folded record opens to say so (whichever
    // of its rebuild and the confirmation comes first), and never closes on its own.
    Effect::new(move |_| {
        if kind.is_some() && last_saved.get() == kind {
            if let Some(el) = details.get() {
                el.set_open(true);
            }
        }
    });
    if folded {
        view! {
            <details class="panel step" node_ref=details data-testid=format!("{}-panel", form.form)>
                <summary><span class="summary-title" id=heading_id>{title.run()}</span></summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! {
            <section class="panel step" data-testid=format!("{}-panel", form.form)>
                <h3 id=heading_id>{title.run()}</h3>
                {body}
            </section>
        }
        .into_any()
    }
}

/// Keeps a select's choice among its options as they change with the complaint: the first one
/// when the chosen one is gone (or nothing was chosen yet).
pub fn keep_choice(chosen: RwSignal<String>, options: Signal<Vec<String>>) {
    Effect::new(move |_| {
        let options = options.get();
        let current = chosen.get_untracked();
        if !options.contains(&current) {
            chosen.set(options.first().cloned().unwrap_or_default());
        }
    });
}

/// A labelled select over the working rules' departments (configured keys, not an enumeration),
/// each shown by `text`.
#[component]
pub fn DepartmentSelect(
    id: &'static str,
    value: RwSignal<String>,
    options: Vec<String>,
    text: fn(Locale, &str) -> String,
    #[prop(optional, into)]
    error: Option<Signal<Option<&'static str>>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id name=id aria-describedby=format!("{id}-error") aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| value.set(event_target_value(&ev))>
                {options.into_iter().map(|k| {
                    let (key, shown) = (k.clone(), k.clone());
                    let selected = move || value.get() == key;
                    view! { <option value=k selected=selected>{move || text(i18n.get_locale(), &shown)}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn Check(id: &'static str, value: RwSignal<bool>, children: Children) -> impl IntoView {
    view! {
        <div class="field check">
            <input type="checkbox" id=id name=id prop:checked=value on:change=move |ev| value.set(event_target_checked(&ev))/>
            <label for=id>{children()}</label>
        </div>
    }
}

/// A labelled `datetime-local` input (business time).
#[component]
pub fn TimeField(
    id: &'static str,
    value: RwSignal<String>,
    #[prop(into)]
    error: Signal<Option<&'static str>>,
    #[prop(optional)]
    required: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <input type="datetime-local" id=id name=id required=required aria-describedby=format!("{id}-error")
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// A step whose one input is a note (start the investigation, propose the plan, resume, mark
/// resolved): the same panel but for its texts and its command, built once for all of them
/// (each panel of its own was one more copy of the form's code in the download).
pub fn note_panel(form_name: &'static str, note_id: &'static str, title: ViewFn, submit: ViewFn, folded: bool, make: fn(String) -> Command) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(form_name);
    let note = RwSignal::new(String::new());
    let build = move || Ok(make(note.get_untracked()));
    view! {
        <CommandForm form title submit command=build folded>
            <crate::ui::components::text_field::TextField id=note_id value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</crate::ui::components::text_field::TextField>
        </CommandForm>
    }
}

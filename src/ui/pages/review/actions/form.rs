//! The form that creates or edits an improvement action: title, problem (typed only for a new
//! action not made from a review row), owner (the staff list as suggestions), due date, status,
//! note and the complaints it answers (each can be unlinked). A refusal is shown at its field.
//! One component of ~150 lines on purpose: every input shares the form's refusal and its save.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::action::{ActionField, ActionInput, ActionStatus, ComplaintRef, Problem, ProblemKind};
use crate::domain::ids::EventId;
use crate::domain::keyed::Keyed;
use crate::domain::review::{Period, ReviewFilter};
use crate::i18n::*;
use crate::store::actions::ActionCommitError;
use crate::ui::app::use_desk;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::components::text_field::TextField;
use crate::ui::session::current_user;
use crate::ui::text::{known_error_text, Translate};

/// What the form opens with.
#[derive(Debug, Clone, PartialEq)]
pub struct Seed {
    /// The action edited; `None` creates one.
    pub id: Option<String>,
    pub problem: Problem,
    pub input: ActionInput,
    /// Linked now (editing) or to link (a new action: filled from the row's complaints).
    pub complaints: Vec<ComplaintRef>,
    /// A new action from a review row: its complaints are being looked up.
    pub from_row: bool,
}

/// The form's refusal: a message and the field it belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Refusal {
    code: &'static str,
    field: Option<ActionField>,
}

fn input_id(f: ActionField) -> &'static str {
    match f {
        ActionField::Title => "action-title",
        ActionField::Problem => "action-problem",
        ActionField::Owner => "action-owner",
        ActionField::Due => "action-due",
        ActionField::Status => "action-status",
        ActionField::Note => "action-note",
        ActionField::Complaints => "action-complaints",
    }
}

/// Focuses (and scrolls to) the element with this id.
pub fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// The form, built anew for each opening. For a new action from a review row, the row's
/// complaints are looked up in `period` with `filter` first. `done` is called after a save or
/// cancel with whether something was saved.
#[component]
pub fn ActionForm(seed: Seed, period: Period, filter: ReviewFilter, staff: Vec<String>, done: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let found = RwSignal::new(None::<Vec<ComplaintRef>>);
    if seed.from_row {
        let (desk, problem) = (desk.clone(), seed.problem.clone());
        spawn_local(async move {
            let refs = desk.complaints_of_problem(&period, &filter, &problem).await.unwrap_or_default();
            // The form may be closed by now.
            let _ = found.try_set(Some(refs));
        });
    }
    // Once mounted, in the same turn as the click that opened the form (effects run as
    // microtasks), so what is typed right away lands in the title, not a frame later.
    Effect::new(|_| focus("action-title"));
    let editing = seed.id.clone();
    let title = RwSignal::new(seed.input.title.clone());
    let owner = RwSignal::new(seed.input.owner.clone());
    let due = RwSignal::new(seed.input.due.to_string());
    let status = RwSignal::new(seed.input.status);
    let note = RwSignal::new(seed.input.note.clone());
    let problem_label = RwSignal::new(seed.problem.label.clone());
    let free_problem = seed.id.is_none() && seed.problem.kind == ProblemKind::Other;
    let problem = seed.problem.clone();
    let from_row = seed.from_row;
    let start_links = seed.complaints.clone();
    // The complaints shown: the row's (once found) or the action's, minus those unlinked here.
    let removed = RwSignal::new(Vec::<EventId>::new());
    let links = Signal::derive(move || {
        let all = if from_row { found.get().unwrap_or_default() } else { start_links.clone() };
        let gone = removed.get();
        all.into_iter().filter(|c| !gone.contains(&c.id)).collect::<Vec<_>>()
    });
    let refusal = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(false);
    let error_at = move |f: ActionField| Signal::derive(move || refusal.get().filter(|r| r.field == Some(f)).map(|r| known_error_text(i18n.get_locale(), r.code).unwrap_or(r.code)));
    let general = move || refusal.get().filter(|r| r.field.is_none()).map(|r| crate::ui::text::error_text(i18n.get_locale(), r.code));
    let refuse = move |code: &'static str, field: Option<ActionField>| {
        refusal.set(Some(Refusal { code, field }));
        if let Some(f) = field {
            focus(input_id(f));
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Not before the row's complaints are known (they would be left out).
        if busy.get_untracked() || (from_row && found.get_untracked().is_none()) {
            return;
        }
        refusal.set(None);
        let Ok(due) = due.get_untracked().parse::<NaiveDate>() else {
            refuse("action_due_missing", Some(ActionField::Due));
            return;
        };
        let input = ActionInput { title: title.get_untracked(), owner: owner.get_untracked(), due, status: status.get_untracked(), note: note.get_untracked() };
        let problem = Problem { label: problem_label.get_untracked(), ..problem.clone() };
        let (desk, editing, links, removed) = (desk.clone(), editing.clone(), links.get_untracked(), removed.get_untracked());
        busy.set(true);
        spawn_local(async move {
            let actor = current_user();
            let result = match editing {
                None => desk.create_action(&input, &problem, &links, &actor).await.map(drop),
                Some(id) => {
                    let unlink: Vec<ComplaintRef> = removed.into_iter().map(|id| ComplaintRef { id, number: String::new() }).collect();
                    match desk.edit_action(&id, &input, &actor).await {
                        Ok(_) if !unlink.is_empty() => desk.link_action(&id, &unlink, false, &actor).await.map(drop),
                        other => other.map(drop),
                    }
                }
            };
            busy.set(false);
            match result {
                Ok(()) => done.run(true),
                Err(ActionCommitError::Action(e)) => refuse(e.code(), e.field()),
                Err(e) => refuse(e.code(), None),
            }
        });
    };
    let heading = if seed.id.is_some() { t_string!(i18n, actions.form_edit) } else { t_string!(i18n, actions.form_new) };
    let staff_list = staff.clone();
    view! {
        <form class="action-form" aria-labelledby="action-form-h" on:submit=save novalidate=true data-testid="action-form">
            <h3 id="action-form-h">{heading}</h3>
            <TextField id="action-title" value=title error=error_at(ActionField::Title) required=true>{t!(i18n, actions.f_title)}</TextField>
            {if free_problem {
                view! { <TextField id="action-problem" value=problem_label error=error_at(ActionField::Problem) required=true>{t!(i18n, actions.f_problem)}</TextField> }.into_any()
            } else {
                let shown = format!("{}: {}", seed.problem.kind.text(i18n.get_locale_untracked()), seed.problem.label);
                view! {
                    <div class="field" id="action-problem" tabindex="-1">
                        <span class="label">{t!(i18n, actions.f_problem)}</span>
                        <p data-testid="action-problem">{shown}</p>
                        <p class="field-error" aria-live="polite">{move || error_at(ActionField::Problem).get()}</p>
                    </div>
                }.into_any()
            }}
            <TextField id="action-owner" value=owner error=error_at(ActionField::Owner) required=true list="action-staff">{t!(i18n, actions.f_owner)}</TextField>
            <datalist id="action-staff">{staff_list.into_iter().map(|s| view! { <option value=s/> }).collect_view()}</datalist>
            <TextField id="action-due" value=due error=error_at(ActionField::Due) input_type="date" required=true>{t!(i18n, actions.f_due)}</TextField>
            <EnumSelect id="action-status" value=status options=ActionStatus::all()>{t!(i18n, actions.f_status)}</EnumSelect>
            <TextField id="action-note" value=note error=error_at(ActionField::Note) rows=3>{t!(i18n, actions.f_note)}</TextField>
            <fieldset class="action-links" id="action-complaints" tabindex="-1">
                <legend>{t!(i18n, actions.f_complaints)}</legend>
                {move || (from_row && found.get().is_none()).then(|| view! { <p role="status">{t!(i18n, actions.linking)}</p> })}
                {move || {
                    let list = links.get();
                    if list.is_empty() {
                        view! { <p class="hint">{t!(i18n, actions.no_complaints)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="action-link-list" data-testid="action-form-links">
                                {list.into_iter().map(|c| {
                                    let shown = if c.number.is_empty() { c.id.to_string() } else { c.number.clone() };
                                    let label = format!("{}: {shown}", td_string!(i18n.get_locale_untracked(), actions.unlink));
                                    let id = c.id.clone();
                                    view! {
                                        <li>
                                            <span>{shown}</span>
                                            <button type="button" class="secondary small" aria-label=label
                                                on:click=move |_| removed.update(|r| r.push(id.clone()))>{t!(i18n, actions.unlink)}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
                <p class="field-error" aria-live="polite">{move || error_at(ActionField::Complaints).get()}</p>
            </fieldset>
            <div class="form-actions">
                <button type="submit" disabled=move || busy.get() || (from_row && found.get().is_none()) data-testid="action-save">{t!(i18n, actions.save)}</button>
                <button type="button" class="secondary" on:click=move |_| done.run(false)>{t!(i18n, actions.cancel)}</button>
            </div>
            {move || general().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </form>
    }
}

//! The Review page's improvement actions (专项改进计划): the actions of the period with owner,
//! due date (overdue ones marked), their status at the period's end and now, the complaints
//! they answer (links), conflicts between devices; the create/edit form; CSV and print.
//! Actions are made from a recurring-problem row ([`row_action`]) or from the section's button.

mod form;
mod table;

use leptos::prelude::*;

use super::section::{csv_text, RowAction};
use super::tables::Table;
use crate::browser::broadcast::use_changes;
use crate::domain::action::{ActionInput, ActionStatus, ActionSummary, Problem, ProblemKind};
use crate::domain::review::{Period, ReviewFilter, ReviewReport};
use crate::i18n::*;
use crate::services::actions::CHANGED_ACTIONS;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::ui::app::use_desk;
use crate::ui::components::downloads::use_downloads;
use crate::ui::text::{error_text, Translate};
use form::{ActionForm, Seed};
use table::Shown;

/// The form's state, shared by the section and the recurring rows that open it, with the
/// period and filters a row's complaints are looked up in.
#[derive(Clone, Copy)]
pub struct FormState {
    open: RwSignal<Option<Seed>>,
    period: RwSignal<Period>,
    filter: Signal<ReviewFilter>,
}

impl FormState {
    pub fn new(period: RwSignal<Period>, filter: Signal<ReviewFilter>) -> FormState {
        FormState { open: RwSignal::new(None), period, filter }
    }

    fn open_with(&self, id: Option<String>, problem: Problem, input: ActionInput, complaints: Vec<crate::domain::action::ComplaintRef>, from_row: bool) {
        self.open.set(Some(Seed { id, problem, input, complaints, from_row }));
    }
}

/// A new action's first values: due in 30 days, planned, owned by whoever acts on this device.
fn fresh_input(today: chrono::NaiveDate, title: String) -> ActionInput {
    ActionInput { title, owner: crate::ui::session::current_user(), due: today + chrono::Days::new(30), status: ActionStatus::Planned, note: String::new() }
}

/// The "Create an improvement action" button of each row of a recurring-problem table
/// (categories, repeat products); `None` for other tables.
pub fn row_action(table: &Table, report: &ReviewReport, state: FormState, today: chrono::NaiveDate, l: Locale) -> Option<RowAction> {
    let problems = table::row_problems(table, report)?;
    let labels = problems.iter().map(|p| Some(format!("{}: {}", td_string!(l, actions.create_from_row), p.label))).collect();
    let on = Callback::new(move |i: usize| {
        if let Some(p) = problems.get(i) {
            state.open_with(None, p.clone(), fresh_input(today, p.label.clone()), Vec::new(), true);
        }
    });
    Some(RowAction { text: td_string!(l, actions.create_from_row).to_string(), header: td_string!(l, actions.row_actions).to_string(), labels, on })
}

/// The section: heading, new and CSV buttons, the form when open, the list.
#[component]
pub fn ActionsSection(state: FormState, file_stem: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let downloads = use_downloads();
    let staff: Vec<String> = desk.config().staff.iter().map(|m| m.name.clone()).collect();
    let today = desk.business_now().date();
    let refresh = RwSignal::new(0u32);
    let (changed, synced) = (use_changes(CHANGED_ACTIONS), use_changes(CHANGED_COMPLAINTS));
    let calendar = desk.calendar();
    let now_ms = crate::browser::clock::now_ms();
    let period = state.period;
    let actions = {
        let desk = desk.clone();
        LocalResource::new(move || {
            refresh.track();
            changed.track();
            synced.track();
            let (desk, p) = (desk.clone(), period.get());
            let (_, end) = p.utc_range(&calendar);
            // The status at the period's end, or now while it lasts.
            let (as_of_ms, as_of_day) = if end > now_ms { (now_ms, today) } else { (end - 1, p.last) };
            async move { desk.actions_for(&p).await.map(|a| table::shown(a, as_of_ms, as_of_day)).map_err(|e| e.code()) }
        })
    };
    let done = Callback::new(move |saved: bool| {
        state.open.set(None);
        if saved {
            refresh.update(|n| *n += 1);
        }
        form::focus("actions-new");
    });
    let failed = RwSignal::new(None::<&'static str>);
    let download = move |_| {
        let Some(Ok(rows)) = actions.get_untracked() else { return };
        let t = table::table(&rows, i18n.get_locale_untracked());
        let result = csv_text(&t.headers, &t.rows).and_then(|text| downloads.offer(&text, &format!("{}-actions.csv", file_stem.get_untracked())));
        failed.set(result.err());
    };
    let new = move |_| {
        state.open_with(None, Problem { kind: ProblemKind::Other, key: String::new(), label: String::new() }, fresh_input(today, String::new()), Vec::new(), false);
    };
    view! {
        <section class="review-section review-actions-section" aria-labelledby="review-h-actions" data-testid="review-actions">
            <div class="review-section-head">
                <h2 id="review-h-actions">{t!(i18n, actions.title)}</h2>
                <div class="no-print">
                    <button type="button" id="actions-new" on:click=new>{t!(i18n, actions.new)}</button>
                    " "
                    <button type="button" class="secondary" on:click=download>{t!(i18n, review.csv_one)}</button>
                </div>
            </div>
            <p class="hint no-print">{t!(i18n, actions.intro)}</p>
            {move || failed.get().map(|c| view! { <p class="error" role="alert">{error_text(i18n.get_locale(), c)}</p> })}
            <div class="no-print">
                {move || state.open.get().map(|seed| view! { <ActionForm seed period=period.get_untracked() filter=state.filter.get_untracked() staff=staff.clone() done/> })}
            </div>
            // A resource keeps its last value while it loads the next: no flicker on refetch.
            {move || match actions.get() {
                None => view! { <p class="loading" role="status">{t!(i18n, actions.loading)}</p> }.into_any(),
                Some(Err(code)) => view! { <p class="error" role="alert">{error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Some(Ok(rows)) if rows.is_empty() => view! { <p data-testid="actions-none">{t!(i18n, actions.none)}</p> }.into_any(),
                Some(Ok(rows)) => view! { <ActionsTable rows state/> }.into_any(),
            }}
        </section>
    }
}

/// The list of actions: one row each, with its links and an Edit button.
#[component]
fn ActionsTable(rows: Vec<Shown>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let head = table::table(&[], l).headers;
    view! {
        <div class="table-scroll">
            <table class="review-table actions-table" data-testid="actions-table">
                <thead><tr>
                    {head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                    <th scope="col" class="no-print"><span class="visually-hidden">{t!(i18n, actions.edit)}</span></th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|s| view! { <ActionRow shown=s state/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One action's row.
#[component]
fn ActionRow(shown: Shown, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let a = shown.action.clone();
    let edit_label = format!("{}: {}", td_string!(l, actions.edit), a.title);
    let for_edit: ActionSummary = a.clone();
    let edit = move |_| {
        let a = for_edit.clone();
        let input = ActionInput { title: a.title.clone(), owner: a.owner.clone(), due: a.due, status: a.status, note: a.note.clone() };
        state.open_with(Some(a.id.clone()), a.problem.clone(), input, a.complaints.clone(), false);
    };
    let conflicts: Vec<String> = a
        .conflicts
        .iter()
        .map(|c| {
            let values: Vec<String> = c.values.iter().map(|v| value_text(v, l)).collect();
            format!("{} {}: {}. {}", td_string!(l, actions.conflict), c.field.text(l), values.join(" / "), td_string!(l, actions.conflict_hint))
        })
        .collect();
    view! {
        <tr data-testid="action-row" data-id=a.id.clone()>
            <th scope="row">
                {a.title.clone()}
                {conflicts.into_iter().map(|c| view! { <p class="conflict-note" data-testid="action-conflict">{c}</p> }).collect_view()}
            </th>
            <td>{table::problem_text(&a.problem, l)}</td>
            <td>{a.owner.clone()}</td>
            <td class:overdue=shown.overdue data-testid="action-due">{table::due_text(&shown, l)}</td>
            <td data-testid="action-status-then">{shown.then.text(l)}</td>
            <td data-testid="action-status-now">{a.status.text(l)}</td>
            <td>
                <ul class="action-link-list">
                    {a.complaints.iter().map(|c| {
                        let text = if c.number.is_empty() { c.id.to_string() } else { c.number.clone() };
                        view! { <li><a href=crate::browser::base::href(&format!("/complaints/{}", c.id))>{text}</a></li> }
                    }).collect_view()}
                </ul>
            </td>
            <td>{a.note.clone()}</td>
            <td class="no-print">
                <button type="button" class="secondary small" aria-label=edit_label on:click=edit data-testid="action-edit">{t!(i18n, actions.edit)}</button>
            </td>
        </tr>
    }
}

/// A conflicting value as text.
fn value_text(v: &crate::domain::action::ActionValue, l: Locale) -> String {
    use crate::domain::action::ActionValue as V;
    match v {
        V::Title(s) | V::Owner(s) | V::Note(s) => s.clone(),
        V::Due(d) => d.to_string(),
        V::Status(s) => s.text(l).to_string(),
    }
}

//! Plan panels (SPEC §6): remedy and prevention steps with one owner and a deadline each,
//! closing steps, the complainant's suggested handling, proposing, the department's approval,
//! the customer's accept/reject, and marking the complaint resolved.

use chrono::Duration;
use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::plan::{parse_yuan, Approval, PlanResponse, PlanStep, RemedyKind, StepClosed, StepKind, StepOutcome, Suggestion, TimeLimit};
use crate::i18n::*;
use crate::domain::workflow::Status;
use leptos_i18n::td_string;
use crate::ui::components::text_field::TextField;
use crate::ui::session::{use_acting_person, PersonPicker};
use crate::domain::keyed::Keyed;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::text::Translate;

use super::form::{note_panel, chosen, keep_choice, parse_time, time_value, use_case, CommandForm, FormState, Refusal, TimeField};
use crate::ui::components::required_choice::{AnswerChoice, RequiredSelect};

/// Adds a remedy or prevention step.
#[component]
pub fn PlanStepPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("step");
    let kind = RwSignal::new(StepKind::Remedy(RemedyKind::Repair));
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(case.current().state.handler().cloned().unwrap_or_default());
    let deadline = RwSignal::new(time_value(case.current().now + Duration::days(3)));
    let amount = RwSignal::new(String::new());
    let build = move || {
        let kind = kind.get_untracked();
        let deadline = parse_time(&deadline.get_untracked()).ok_or(Refusal::at("deadline", "invalid_datetime"))?;
        let a = amount.get_untracked();
        let amount_cents = match a.trim() {
            "" => None,
            t => Some(parse_yuan(t).ok_or(Refusal::at("amount", "invalid_amount"))?),
        };
        Ok(Command::PlanStep { step: PlanStep { kind, text: text.get_untracked(), owner: owner.get_untracked(), deadline, amount_cents } })
    };
    let kinds: Vec<StepKind> = RemedyKind::all().into_iter().map(StepKind::Remedy).chain([StepKind::Prevention]).collect();
    view! {
        <CommandForm form title=move || t!(i18n, step.plan_step_title) submit=move || t!(i18n, step.plan_step_submit) command=build folded>
            <EnumSelect id="step-kind" value=kind options=kinds>{t!(i18n, step.step_kind)}</EnumSelect>
            <TextField id="step-step" value=text error=form.at("step") rows=2 required=true>{t!(i18n, step.step_text)}</TextField>
            <TextField id="step-owner" list="staff-list" value=owner error=form.at("owner") required=true>{t!(i18n, step.step_owner)}</TextField>
            <TimeField id="step-deadline" value=deadline error=form.at("deadline") required=true>{t!(i18n, step.step_deadline)}</TimeField>
            <TextField id="step-amount" value=amount error=form.at("amount") inputmode="decimal">{t!(i18n, step.step_amount)}</TextField>
        </CommandForm>
    }
}

/// Marks an open step done or cancelled.
#[component]
pub fn CloseStepPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("close-step");
    // Follows the complaint: a step closed leaves the list while the panel stays.
    let open = Memo::new(move |_| {
        case.data.with(|d| {
            d.state
                .steps
                .iter()
                .filter(|s| s.outcome().is_none())
                .map(|s| (s.step.id.as_str().to_string(), s.step.value.kind, s.step.value.text.clone()))
                .collect::<Vec<_>>()
        })
    });
    let step = RwSignal::new(String::new());
    keep_choice(step, Signal::derive(move || open.with(|o| o.iter().map(|x| x.0.clone()).collect())));
    let outcome = RwSignal::new(StepOutcome::Done);
    let note = RwSignal::new(String::new());
    let build = move || {
        Ok(Command::CloseStep { close: StepClosed { step: step.get_untracked(), outcome: outcome.get_untracked(), note: note.get_untracked() } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.close_step_title) submit=move || t!(i18n, step.close_step_submit) command=build folded>
            <div class="field">
                <label for="close-step-step">{t!(i18n, step.which_step)}</label>
                <select id="close-step-step" prop:value=step on:change=move |ev| step.set(event_target_value(&ev))>
                    <For each=move || open.get() key=|o| o.clone() let:o>
                        {
                            let (id, kind, text) = o;
                            let chosen = id.clone();
                            view! { <option value=id selected=move || step.get() == chosen>{move || kind.text(i18n.get_locale())}": "{text}</option> }
                        }
                    </For>
                </select>
            </div>
            <EnumSelect id="close-step-outcome" value=outcome options=StepOutcome::all()>{t!(i18n, step.step_outcome)}</EnumSelect>
            <TextField id="close-step-note" value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</TextField>
        </CommandForm>
    }
}

/// The complainant's suggested handling and time limit (投诉处理意见).
#[component]
pub fn SuggestionPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("suggestion");
    let handling = RwSignal::new(String::new());
    // The customer's own limit: nothing is assumed for them.
    let limit = RwSignal::new(None::<TimeLimit>);
    let days = RwSignal::new(String::new());
    let build = move || {
        let time_limit = match chosen(limit, "limit")? {
            TimeLimit::Days(_) => TimeLimit::Days(days.get_untracked().trim().parse().ok().filter(|d| *d > 0).ok_or(Refusal::at("days", "invalid_days"))?),
            chosen => chosen,
        };
        Ok(Command::RecordSuggestion { suggestion: Suggestion { handling: handling.get_untracked(), time_limit } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.suggestion_title) submit=move || t!(i18n, step.suggestion_submit) command=build folded>
            <TextField id="suggestion-handling" value=handling error=form.at("handling") rows=2 required=true>{t!(i18n, step.suggestion_handling)}</TextField>
            <RequiredSelect id="suggestion-limit" value=limit options=vec![TimeLimit::SameDay, TimeLimit::ThreeDays, TimeLimit::Days(0)] error=form.at("limit")>
                {t!(i18n, step.suggestion_limit)}
            </RequiredSelect>
            <Show when=move || matches!(limit.get(), Some(TimeLimit::Days(_)))>
                <TextField id="suggestion-days" value=days error=form.at("days") inputmode="numeric">{t!(i18n, step.suggestion_days)}</TextField>
            </Show>
        </CommandForm>
    }
}

/// Proposes the plan (needs at least one remedy step).
#[component]
pub fn ProposePlanPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (title, submit) = (ViewFn::from(move || t!(i18n, step.propose_title)), ViewFn::from(move || t!(i18n, step.propose_submit)));
    note_panel("propose", "propose-note", title, submit, folded, |note| Command::ProposePlan { note })
}

/// The department's approval of the proposed plan (审核). With a staff list the approver is
/// the person acting on this device, picked here or above (a manager other than the proposer:
/// the domain checks it); without one, the approver's name is typed as before roles.
#[component]
pub fn ApprovePlanPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("approve");
    let case = use_case();
    // Who proposed the plan of this round: the approver must be someone else (four eyes).
    let proposer = Memo::new(move |_| {
        case.data.with(|d| d.state.last_transition(|t| t.to == Status::PlanProposed).map(|w| w.actor.clone()).unwrap_or_default())
    });
    let staff = case.current().config.staff.clone();
    let free = staff.is_empty();
    let acting = use_acting_person();
    let note = RwSignal::new(String::new());
    let proposed_by = move || proposer.with(|p| (!p.is_empty()).then(|| td_string!(i18n.get_locale(), approval.proposed_by).replace("[name]", p)));
    // Without a staff list the approver is typed, starting with the acting person unless they
    // proposed the plan. With one, the approver is who is acting: choosing here changes who is
    // acting on this device, and the other way round.
    let me = acting.signal().get_untracked();
    let approver = RwSignal::new(if free && me.trim().eq_ignore_ascii_case(proposer.get_untracked().trim()) { String::new() } else { me });
    if !free {
        Effect::new(move |_| {
            let n = approver.get();
            if n != acting.signal().get_untracked() {
                acting.set(&n);
            }
        });
        Effect::new(move |_| {
            let n = acting.get();
            if n != approver.get_untracked() {
                approver.set(n);
            }
        });
    }
    let build = move || Ok(Command::ApprovePlan { approval: Approval { approver: approver.get_untracked(), note: note.get_untracked() } });
    view! {
        <CommandForm form title=move || t!(i18n, step.approve_title) submit=move || t!(i18n, step.approve_submit) command=build folded>
            <PersonPicker id="approve-approver" value=approver staff error=form.at("approver") required=true
                hint=move || view! { {(!free).then_some(t!(i18n, staff.approver_hint))}" "{proposed_by} }>
                {t!(i18n, step.approver)}
            </PersonPicker>
            <TextField id="approve-note" value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</TextField>
        </CommandForm>
    }
}

/// The customer accepts or rejects the approved plan; a rejection needs the reason.
#[component]
pub fn RespondToPlanPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("response");
    // The customer's answer: neither is chosen for them.
    let accepted = RwSignal::new(None::<bool>);
    let reason = RwSignal::new(String::new());
    let build = move || Ok(Command::RespondToPlan { response: PlanResponse { accepted: chosen(accepted, "answer")?, reason: reason.get_untracked() } });
    view! {
        <CommandForm form title=move || t!(i18n, step.response_title) submit=move || t!(i18n, step.response_submit) command=build folded>
            <AnswerChoice id="response-answer" value=accepted error=form.at("answer") legend=move || t!(i18n, step.response_answer)
                yes=move || t!(i18n, step.response_accepts) no=move || t!(i18n, step.response_rejects)/>
            <TextField id="response-reason" value=reason error=form.at("reason") rows=2 hint=move || t!(i18n, step.response_reason_hint)>
                {t!(i18n, step.response_reason)}
            </TextField>
        </CommandForm>
    }
}

/// Marks the complaint resolved on our side (steps done, result verified).
#[component]
pub fn ResolvePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (title, submit) = (ViewFn::from(move || t!(i18n, step.resolve_title)), ViewFn::from(move || t!(i18n, step.resolve_submit)));
    note_panel("resolve", "resolve-note", title, submit, folded, |note| Command::MarkResolved { note })
}

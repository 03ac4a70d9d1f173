//! Investigation panels (SPEC §3, §5, §6): start, evidence, root cause, verification of the
//! result, and cross-department requests with their reply deadlines.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::investigation::{CauseCategory, Evidence, EvidenceKind, RootCause, Verification};
use crate::domain::responsibility::{DeptReply, DeptRequest};
use crate::i18n::*;
use crate::ui::components::text_field::TextField;
use crate::domain::keyed::Keyed;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::text::department_text;

use super::form::{note_panel, keep_choice, optional_time, use_case, Check, DepartmentSelect, CommandForm, FormState, TimeField};

/// Starts the investigation (needs a named handler).
#[component]
pub fn StartInvestigationPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (title, submit) = (ViewFn::from(move || t!(i18n, step.investigate_title)), ViewFn::from(move || t!(i18n, step.investigate_submit)));
    note_panel("investigate", "investigate-note", title, submit, folded, |note| Command::StartInvestigation { note })
}

/// Adds an item of the evidence checklist.
#[component]
pub fn EvidencePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("evidence");
    let kind = RwSignal::new(EvidenceKind::OrderRecord);
    let note = RwSignal::new(String::new());
    let build = move || {
        Ok(Command::AddEvidence { evidence: Evidence { kind: kind.get_untracked(), note: note.get_untracked(), attachments: vec![] } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.evidence_title) submit=move || t!(i18n, step.evidence_submit) command=build folded>
            <EnumSelect id="evidence-kind" value=kind options=EvidenceKind::all()>{t!(i18n, step.evidence_kind)}</EnumSelect>
            <TextField id="evidence-note" value=note error=form.at("note") rows=3 required=true>{t!(i18n, step.evidence_note)}</TextField>
        </CommandForm>
    }
}

/// Records the root cause.
#[component]
pub fn RootCausePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("cause");
    let current = case.current().state.root_cause().cloned();
    let category = RwSignal::new(current.as_ref().map_or(CauseCategory::Installation, |c| c.category));
    let text = RwSignal::new(current.map(|c| c.text).unwrap_or_default());
    let build = move || {
        Ok(Command::RecordRootCause { root_cause: RootCause { category: category.get_untracked(), text: text.get_untracked() } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.cause_title) submit=move || t!(i18n, step.cause_submit) command=build folded>
            <EnumSelect id="cause-category" value=category options=CauseCategory::all()>{t!(i18n, step.cause_category)}</EnumSelect>
            <TextField id="cause-root_cause" value=text error=form.at("root_cause") rows=3 required=true>{t!(i18n, step.cause_text)}</TextField>
        </CommandForm>
    }
}

/// Records whether the fix was verified to work (needed before resolving).
#[component]
pub fn VerificationPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("verify");
    let confirmed = RwSignal::new(true);
    let result = RwSignal::new(String::new());
    let build = move || Ok(Command::RecordVerification { verification: Verification { confirmed: confirmed.get_untracked(), result: result.get_untracked() } });
    view! {
        <CommandForm form title=move || t!(i18n, step.verify_title) submit=move || t!(i18n, step.verify_submit) command=build folded>
            <TextField id="verify-verification" value=result error=form.at("verification") rows=2 required=true>{t!(i18n, step.verify_result)}</TextField>
            <Check id="verify-confirmed" value=confirmed>{t!(i18n, step.verify_confirmed)}</Check>
        </CommandForm>
    }
}

/// Asks another department for something, with a reply deadline.
#[component]
pub fn DeptRequestPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("request");
    let options = case.current().config.routing.departments.clone();
    let department = RwSignal::new(options.first().cloned().unwrap_or_default());
    let need = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let build = move || {
        let deadline = optional_time(deadline, "deadline")?;
        Ok(Command::RequestDepartment { request: DeptRequest { department: department.get_untracked(), need: need.get_untracked(), deadline } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.request_title) submit=move || t!(i18n, step.request_submit) command=build folded>
            <DepartmentSelect id="request-department" value=department options text=department_text error=form.at("department")>
                {t!(i18n, step.department)}
            </DepartmentSelect>
            <TextField id="request-need" value=need error=form.at("need") rows=3 required=true>{t!(i18n, step.request_need)}</TextField>
            <TimeField id="request-deadline" value=deadline error=form.at("deadline")>{t!(i18n, step.request_deadline)}</TimeField>
        </CommandForm>
    }
}

/// Records a department's reply to one of the open requests.
#[component]
pub fn DeptReplyPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("reply");
    // Follows the complaint: a request replied to leaves the list while the panel stays.
    let open = Memo::new(move |_| {
        case.data.with(|d| {
            d.state
                .dept_requests
                .iter()
                .filter(|r| r.replies.is_empty())
                .map(|r| (r.request.id.as_str().to_string(), r.request.value.department.clone(), r.request.value.need.clone()))
                .collect::<Vec<_>>()
        })
    });
    let request = RwSignal::new(String::new());
    keep_choice(request, Signal::derive(move || open.with(|o| o.iter().map(|x| x.0.clone()).collect())));
    let reply = RwSignal::new(String::new());
    let build = move || Ok(Command::ReplyDepartment { reply: DeptReply { request: request.get_untracked(), reply: reply.get_untracked() } });
    view! {
        <CommandForm form title=move || t!(i18n, step.reply_title) submit=move || t!(i18n, step.reply_submit) command=build folded>
            <div class="field">
                <label for="reply-request">{t!(i18n, step.reply_request)}</label>
                <select id="reply-request" prop:value=request on:change=move |ev| request.set(event_target_value(&ev))>
                    <For each=move || open.get() key=|o| o.clone() let:o>
                        // The department by its name, never its key.
                        <option value=o.0.clone() selected=move || request.get() == o.0>
                            {move || department_text(i18n.get_locale(), &o.1)}" — "{o.2.clone()}
                        </option>
                    </For>
                </select>
            </div>
            <TextField id="reply-reply" value=reply error=form.at("reply") rows=3 required=true>{t!(i18n, step.reply_text)}</TextField>
        </CommandForm>
    }
}

//! Route-and-assign and grading panels (SPEC §4, §5): the responsible department, one named
//! handler (the first-contact owner stays on the complaint), and the complaint grade.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::grading::{Behaviour, Grade, Score};
use crate::i18n::*;
use crate::ui::components::text_field::TextField;
use crate::domain::keyed::Keyed;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::text::department_text;

use super::form::{use_case, DepartmentSelect, CommandForm, FormState, Refusal};

/// Chooses the responsible department; the routing table's choice is preselected.
#[component]
pub fn RoutePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("route");
    let current = case.current().state.routed_department(&case.current().config).unwrap_or_else(|| case.current().config.routing.fallback.clone());
    let mut options = case.current().config.routing.departments.clone();
    if !options.contains(&current) {
        options.insert(0, current.clone());
    }
    let department = RwSignal::new(current);
    let build = move || Ok(Command::Route { department: Some(department.get_untracked()) });
    view! {
        <CommandForm form title=move || t!(i18n, step.route_title) submit=move || t!(i18n, step.route_submit) command=build folded>
            <DepartmentSelect id="route-department" value=department options text=department_text error=form.at("department")>
                {t!(i18n, step.department)}
            </DepartmentSelect>
        </CommandForm>
    }
}

/// Names the handler; says who the first-contact owner is, since they stay on the complaint.
#[component]
pub fn AssignPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("assign");
    let handler = RwSignal::new(case.current().state.handler().cloned().unwrap_or_default());
    let owner = case.current().state.first_contact_owner().unwrap_or_default().to_string();
    let build = move || Ok(Command::AssignHandler { handler: handler.get_untracked() });
    view! {
        <CommandForm form title=move || t!(i18n, step.assign_title) submit=move || t!(i18n, step.assign_submit) command=build folded>
            <TextField id="assign-handler" list="staff-list" value=handler error=form.at("handler") required=true
                hint=move || t!(i18n, step.assign_hint, owner = owner.clone())>
                {t!(i18n, step.handler)}
            </TextField>
        </CommandForm>
    }
}

/// Grades the complaint from the customer's 0–10 score and behaviour, or by hand.
#[component]
pub fn GradePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("grade");
    let score = RwSignal::new(String::new());
    let behaviour = RwSignal::new(Behaviour::None);
    let manual = RwSignal::new(None::<Grade>);
    let note = RwSignal::new(String::new());
    let build = move || {
        let s = score.get_untracked();
        let score = match s.trim() {
            "" => None,
            t => Some(t.replace(',', ".").parse::<f64>().ok().and_then(|v| Score::from_f64(v).ok())
                .ok_or(Refusal::at("score", "score_out_of_range"))?),
        };
        Ok(Command::Grade {
            score,
            behaviour: behaviour.get_untracked(),
            manual: manual.get_untracked(),
            note: note.get_untracked(),
        })
    };
    let grades: Vec<Option<Grade>> = std::iter::once(None).chain(Grade::all().into_iter().map(Some)).collect();
    view! {
        <CommandForm form title=move || t!(i18n, step.grade_title) submit=move || t!(i18n, step.grade_submit) command=build folded>
            <TextField id="grade-score" value=score error=form.at("score") inputmode="decimal"
                hint=move || t!(i18n, step.score_hint)>
                {t!(i18n, step.score)}
            </TextField>
            <EnumSelect id="grade-behaviour" value=behaviour options=Behaviour::all()>{t!(i18n, step.behaviour)}</EnumSelect>
            <EnumSelect id="grade-manual" value=manual options=grades error=form.at("manual")>{t!(i18n, step.manual_grade)}</EnumSelect>
            <TextField id="grade-note" value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</TextField>
        </CommandForm>
    }
}

//! Route-and-assign and grading panels (SPEC §4, §5): the responsible department, one named
//! handler (the first-contact owner stays on the complaint), and the complaint grade.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::grading::{Behaviour, Grade, Score};
use crate::i18n::*;
use crate::ui::components::text_field::TextField;
use crate::ui::text_case::{behaviour_text, department_text, from_key, grade_text, key_of};

use super::form::{use_case, Choice, CommandForm, FormState, Refusal};

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
            <Choice id="route-department" value=department options text=department_text error=form.at("department")>
                {t!(i18n, step.department)}
            </Choice>
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

const BEHAVIOURS: [Behaviour; 4] = [Behaviour::None, Behaviour::FormalComplaint, Behaviour::IntendsOutside, Behaviour::WentOutside];
const GRADES: [Grade; 7] =
    [Grade::AComplaint, Grade::BComplaint, Grade::AGrumble, Grade::AbGrumble, Grade::BGrumble, Grade::CGrumble, Grade::NoGrumble];

/// Grades the complaint from the customer's 0–10 score and behaviour, or by hand.
#[component]
pub fn GradePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("grade");
    let score = RwSignal::new(String::new());
    let behaviour = RwSignal::new("none".to_string());
    let manual = RwSignal::new("auto".to_string());
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
            behaviour: from_key(&behaviour.get_untracked()).unwrap_or_default(),
            manual: from_key(&manual.get_untracked()),
            note: note.get_untracked(),
        })
    };
    let mut grades = vec!["auto".to_string()];
    grades.extend(GRADES.iter().map(key_of));
    view! {
        <CommandForm form title=move || t!(i18n, step.grade_title) submit=move || t!(i18n, step.grade_submit) command=build folded>
            <TextField id="grade-score" value=score error=form.at("score") inputmode="decimal"
                hint=move || t!(i18n, step.score_hint)>
                {t!(i18n, step.score)}
            </TextField>
            <Choice id="grade-behaviour" value=behaviour options=BEHAVIOURS.iter().map(key_of).collect()
                text=|l, k| behaviour_text(l, k).to_string()>
                {t!(i18n, step.behaviour)}
            </Choice>
            <Choice id="grade-manual" value=manual options=grades text=|l, k| grade_text(l, k).to_string() error=form.at("manual")>
                {t!(i18n, step.manual_grade)}
            </Choice>
            <TextField id="grade-note" value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</TextField>
        </CommandForm>
    }
}

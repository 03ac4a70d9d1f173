//! Closing panels (SPEC §9, §10): the customer's confirmation (谁投诉谁关闭), closing after
//! failed contact attempts, reopening for a second round, the five-dimension survey and
//! verdict, the case summary, and archiving.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::retention::CaseSummary;
use crate::domain::survey::{Rating, Survey, Verdict};
use crate::domain::workflow::Status;
use crate::i18n::*;
use crate::ui::components::text_field::TextField;
use crate::ui::text_case::{from_key, key_of, verdict_text, yes_no_text};

use super::form::{use_case, Check, Choice, CommandForm, FormState, Refusal};

/// The customer says whether it is resolved; "not resolved" starts a second round.
#[component]
pub fn ConfirmPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("confirm");
    let answer = RwSignal::new("resolved".to_string());
    let note = RwSignal::new(String::new());
    let build = move || Ok(Command::ConfirmWithCustomer { resolved: answer.get_untracked() == "resolved", note: note.get_untracked() });
    view! {
        <CommandForm form title=move || t!(i18n, step.confirm_title) submit=move || t!(i18n, step.confirm_submit) command=build folded>
            <fieldset class="field choices">
                <legend>{t!(i18n, step.confirm_answer)}</legend>
                <label><input type="radio" name="confirm-answer" id="confirm-resolved" prop:checked=move || answer.get() == "resolved"
                    on:change=move |_| answer.set("resolved".into())/>{t!(i18n, step.confirm_resolved)}</label>
                <label><input type="radio" name="confirm-answer" id="confirm-not-resolved" prop:checked=move || answer.get() == "not_resolved"
                    on:change=move |_| answer.set("not_resolved".into())/>{t!(i18n, step.confirm_not_resolved)}</label>
            </fieldset>
            <TextField id="confirm-note" value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</TextField>
        </CommandForm>
    }
}

/// Closes without the customer after the configured number of failed attempts.
#[component]
pub fn FailedContactClosePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("unreachable");
    let note = RwSignal::new(String::new());
    let data = case.data;
    let build = move || Ok(Command::CloseAfterFailedContact { note: note.get_untracked() });
    view! {
        <CommandForm form title=move || t!(i18n, step.unreachable_title) submit=move || t!(i18n, step.unreachable_submit) command=build folded>
            <p>{move || data.with(|d| { let (made, needed) = (d.state.failed_attempts_since_resolved(), d.config.failed_attempts_to_close); t!(i18n, step.unreachable_attempts, made = made, needed = needed) })}</p>
            <TextField id="unreachable-note" value=note error=form.at("note") rows=2>{t!(i18n, step.note)}</TextField>
        </CommandForm>
    }
}

/// Reopens a closed complaint for second-round handling.
#[component]
pub fn ReopenPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("reopen");
    let reason = RwSignal::new(String::new());
    let build = move || Ok(Command::Reopen { reason: reason.get_untracked() });
    view! {
        <CommandForm form title=move || t!(i18n, step.reopen_title) submit=move || t!(i18n, step.reopen_submit) command=build folded>
            <TextField id="reopen-reason" value=reason error=form.at("reason") rows=2 required=true>{t!(i18n, step.reopen_reason)}</TextField>
        </CommandForm>
    }
}

/// One survey dimension: a 1–5 score and an optional comment.
#[derive(Clone, Copy)]
struct Dimension {
    key: &'static str,
    score: RwSignal<String>,
    comment: RwSignal<String>,
}

impl Dimension {
    fn new(key: &'static str) -> Dimension {
        Dimension { key, score: RwSignal::new(String::new()), comment: RwSignal::new(String::new()) }
    }

    fn rating(self) -> Result<Rating, Refusal> {
        let score = self.score.get_untracked().parse::<u8>().ok().filter(|s| (1..=5).contains(s));
        let field = match self.key {
            "attitude" => "attitude",
            "efficiency" => "efficiency",
            "competence" => "competence",
            "clarity" => "clarity",
            _ => "overall",
        };
        Ok(Rating { score: score.ok_or(Refusal::at(field, "survey_score"))?, comment: self.comment.get_untracked() })
    }
}

fn dimension_label(locale: Locale, key: &str) -> &'static str {
    match key {
        "attitude" => td_string!(locale, step.survey_attitude),
        "efficiency" => td_string!(locale, step.survey_efficiency),
        "competence" => td_string!(locale, step.survey_competence),
        "clarity" => td_string!(locale, step.survey_clarity),
        _ => td_string!(locale, step.survey_overall),
    }
}

fn scale_text(locale: Locale, key: &str, score: u8) -> &'static str {
    match (key, score) {
        ("attitude", 1) => td_string!(locale, step.scale_attitude_1),
        ("attitude", _) => td_string!(locale, step.scale_attitude_5),
        ("efficiency", 1) => td_string!(locale, step.scale_efficiency_1),
        ("efficiency", _) => td_string!(locale, step.scale_efficiency_5),
        ("competence", 1) => td_string!(locale, step.scale_competence_1),
        ("competence", _) => td_string!(locale, step.scale_competence_5),
        ("clarity", 1) => td_string!(locale, step.scale_clarity_1),
        ("clarity", _) => td_string!(locale, step.scale_clarity_5),
        (_, 1) => td_string!(locale, step.scale_overall_1),
        _ => td_string!(locale, step.scale_overall_5),
    }
}

/// A 1–5 radio group with the scale's ends named, and a comment.
#[component]
fn DimensionInput(d: Dimension, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let key = d.key;
    let error = form.at(key);
    let group = format!("survey-{key}");
    view! {
        <fieldset class="field rating" aria-describedby=format!("survey-{key}-error")>
            <legend>{move || dimension_label(i18n.get_locale(), key)}</legend>
            <div class="scale">
                {(1u8..=5).map(|n| {
                    // The first point carries the group's id: a missing score focuses it.
                    let id = if n == 1 { format!("survey-{key}") } else { format!("survey-{key}-{n}") };
                    let id2 = id.clone();
                    let name = group.clone();
                    view! {
                        <span class="scale-point">
                            <input type="radio" id=id name=name value=n.to_string() prop:checked=move || d.score.get() == n.to_string()
                                on:change=move |_| d.score.set(n.to_string())/>
                            <label for=id2>{n}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            <p class="hint">"1 = "{move || scale_text(i18n.get_locale(), key, 1)}" · 5 = "{move || scale_text(i18n.get_locale(), key, 5)}</p>
            <p class="field-error" id=format!("survey-{key}-error") aria-live="polite">{move || error.get()}</p>
            <div class="field">
                <label for=format!("survey-{key}-comment")>{t!(i18n, step.survey_comment)}</label>
                <input type="text" id=format!("survey-{key}-comment") prop:value=d.comment
                    on:input=move |ev| d.comment.set(event_target_value(&ev))/>
            </div>
        </fieldset>
    }
}

const VERDICTS: [Verdict; 4] = [Verdict::Satisfied, Verdict::FairlySatisfied, Verdict::Average, Verdict::Poor];

/// The satisfaction survey (five dimensions, verdict, in time, explained if late); after
/// closing it can be the 3-month re-survey.
#[component]
pub fn SurveyPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("survey");
    let dims = ["attitude", "efficiency", "competence", "clarity", "overall"].map(Dimension::new);
    let verdict = RwSignal::new(key_of(&Verdict::Satisfied));
    let timely = RwSignal::new(true);
    let explained = RwSignal::new("unknown".to_string());
    let suggestions = RwSignal::new(String::new());
    let closed = case.current().state.status() == Some(Status::Closed);
    let re_survey = RwSignal::new(closed && !case.current().state.surveys.is_empty());
    let build = move || {
        let [a, e, c, l, o] = dims.map(Dimension::rating);
        Ok(Command::RecordSurvey {
            survey: Survey {
                attitude: a?,
                efficiency: e?,
                competence: c?,
                clarity: l?,
                overall: o?,
                verdict: from_key(&verdict.get_untracked()).unwrap_or(Verdict::Satisfied),
                timely: timely.get_untracked(),
                explained: match explained.get_untracked().as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                },
                suggestions: suggestions.get_untracked(),
                re_survey: re_survey.get_untracked(),
            },
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.survey_title) submit=move || t!(i18n, step.survey_submit) command=build folded>
            {dims.into_iter().map(|d| view! { <DimensionInput d form/> }).collect_view()}
            <Choice id="survey-verdict" value=verdict options=VERDICTS.iter().map(key_of).collect()
                text=|l, k| verdict_text(l, k).to_string()>{t!(i18n, step.survey_verdict)}</Choice>
            <Check id="survey-timely" value=timely>{t!(i18n, step.survey_timely)}</Check>
            <Show when=move || !timely.get()>
                <Choice id="survey-explained" value=explained options=vec!["unknown".into(), "yes".into(), "no".into()]
                    text=|l, k| yes_no_text(l, k).to_string() error=form.at("explained")>{t!(i18n, step.survey_explained)}</Choice>
            </Show>
            <TextField id="survey-suggestions" value=suggestions error=form.at("suggestions") rows=2>{t!(i18n, step.survey_suggestions)}</TextField>
            {closed.then(|| view! { <Check id="survey-re-survey" value=re_survey>{t!(i18n, step.survey_re_survey)}</Check> })}
        </CommandForm>
    }
}

/// The case summary of a complex or escalated case (服务案例总结).
#[component]
pub fn CaseSummaryPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("summary");
    let current = case.current().state.case_summary().cloned();
    let cause = RwSignal::new(current.as_ref().map(|c| c.cause.clone()).unwrap_or_default());
    let went_well = RwSignal::new(current.as_ref().map(|c| c.went_well.clone()).unwrap_or_default());
    let to_improve = RwSignal::new(current.map(|c| c.to_improve).unwrap_or_default());
    let build = move || {
        Ok(Command::RecordCaseSummary {
            summary: CaseSummary { cause: cause.get_untracked(), went_well: went_well.get_untracked(), to_improve: to_improve.get_untracked() },
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.summary_title) submit=move || t!(i18n, step.summary_submit) command=build folded>
            <TextField id="summary-cause" value=cause error=form.at("cause") rows=2 required=true>{t!(i18n, step.summary_cause)}</TextField>
            <TextField id="summary-went_well" value=went_well error=form.at("went_well") rows=2>{t!(i18n, step.summary_went_well)}</TextField>
            <TextField id="summary-to_improve" value=to_improve error=form.at("to_improve") rows=2 required=true>{t!(i18n, step.summary_to_improve)}</TextField>
        </CommandForm>
    }
}

/// Archives a closed complaint: read-only from then on.
#[component]
pub fn ArchivePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("archive");
    let build = move || Ok(Command::Archive);
    view! {
        <CommandForm form title=move || t!(i18n, step.archive_title) submit=move || t!(i18n, step.archive_submit) command=build folded>
            <p>{t!(i18n, step.archive_hint)}</p>
        </CommandForm>
    }
}

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
use crate::domain::keyed::Keyed;
use crate::ui::components::enum_select::EnumSelect;

use super::form::{chosen, use_case, Check, CommandForm, FormState, Refusal};
use crate::ui::components::required_choice::{AnswerChoice, RequiredSelect};

/// The customer says whether it is resolved; "not resolved" starts a second round.
#[component]
pub fn ConfirmPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("confirm");
    // The customer's answer: neither is chosen for them.
    let resolved = RwSignal::new(None::<bool>);
    let note = RwSignal::new(String::new());
    let build = move || Ok(Command::ConfirmWithCustomer { resolved: chosen(resolved, "answer")?, note: note.get_untracked() });
    view! {
        <CommandForm form title=move || t!(i18n, step.confirm_title) submit=move || t!(i18n, step.confirm_submit) command=build folded>
            <AnswerChoice id="confirm-answer" value=resolved error=form.at("answer") legend=move || t!(i18n, step.confirm_answer)
                yes=move || t!(i18n, step.confirm_resolved) no=move || t!(i18n, step.confirm_not_resolved)/>
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

/// The five aspects the survey scores (SPEC §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aspect {
    Attitude,
    Efficiency,
    Competence,
    Clarity,
    Overall,
}

impl Aspect {
    /// The input's name (`survey-<key>`), also the field a refusal names.
    fn key(self) -> &'static str {
        match self {
            Aspect::Attitude => "attitude",
            Aspect::Efficiency => "efficiency",
            Aspect::Competence => "competence",
            Aspect::Clarity => "clarity",
            Aspect::Overall => "overall",
        }
    }

    fn label(self, locale: Locale) -> &'static str {
        match self {
            Aspect::Attitude => td_string!(locale, step.survey_attitude),
            Aspect::Efficiency => td_string!(locale, step.survey_efficiency),
            Aspect::Competence => td_string!(locale, step.survey_competence),
            Aspect::Clarity => td_string!(locale, step.survey_clarity),
            Aspect::Overall => td_string!(locale, step.survey_overall),
        }
    }

    /// What an end of the scale means: `worst` is 1, otherwise 5.
    fn scale_end(self, locale: Locale, worst: bool) -> &'static str {
        match (self, worst) {
            (Aspect::Attitude, true) => td_string!(locale, step.scale_attitude_1),
            (Aspect::Attitude, false) => td_string!(locale, step.scale_attitude_5),
            (Aspect::Efficiency, true) => td_string!(locale, step.scale_efficiency_1),
            (Aspect::Efficiency, false) => td_string!(locale, step.scale_efficiency_5),
            (Aspect::Competence, true) => td_string!(locale, step.scale_competence_1),
            (Aspect::Competence, false) => td_string!(locale, step.scale_competence_5),
            (Aspect::Clarity, true) => td_string!(locale, step.scale_clarity_1),
            (Aspect::Clarity, false) => td_string!(locale, step.scale_clarity_5),
            (Aspect::Overall, true) => td_string!(locale, step.scale_overall_1),
            (Aspect::Overall, false) => td_string!(locale, step.scale_overall_5),
        }
    }
}

/// One survey dimension: a 1–5 score and an optional comment.
#[derive(Clone, Copy)]
struct Dimension {
    aspect: Aspect,
    score: RwSignal<String>,
    comment: RwSignal<String>,
}

impl Dimension {
    fn new(aspect: Aspect) -> Dimension {
        Dimension { aspect, score: RwSignal::new(String::new()), comment: RwSignal::new(String::new()) }
    }

    fn rating(self) -> Result<Rating, Refusal> {
        let score = self.score.get_untracked().parse::<u8>().ok().filter(|s| (1..=5).contains(s));
        Ok(Rating { score: score.ok_or(Refusal::at(self.aspect.key(), "survey_score"))?, comment: self.comment.get_untracked() })
    }
}

/// A 1–5 radio group with the scale's ends named, and a comment.
#[component]
fn DimensionInput(d: Dimension, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let (aspect, key) = (d.aspect, d.aspect.key());
    let error = form.at(key);
    let group = format!("survey-{key}");
    view! {
        <fieldset class="field rating" aria-describedby=format!("survey-{key}-error")>
            <legend>{move || aspect.label(i18n.get_locale())}</legend>
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
            <p class="hint">"1 = "{move || aspect.scale_end(i18n.get_locale(), true)}" · 5 = "{move || aspect.scale_end(i18n.get_locale(), false)}</p>
            <p class="field-error" id=format!("survey-{key}-error") aria-live="polite">{move || error.get()}</p>
            <div class="field">
                <label for=format!("survey-{key}-comment")>{t!(i18n, step.survey_comment)}</label>
                <input type="text" id=format!("survey-{key}-comment") prop:value=d.comment
                    on:input=move |ev| d.comment.set(event_target_value(&ev))/>
            </div>
        </fieldset>
    }
}

/// The satisfaction survey (five dimensions, verdict, in time, explained if late); after
/// closing it can be the 3-month re-survey.
#[component]
pub fn SurveyPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("survey");
    let dims = [Aspect::Attitude, Aspect::Efficiency, Aspect::Competence, Aspect::Clarity, Aspect::Overall].map(Dimension::new);
    // The customer's answers start empty: a default would put words in their mouth.
    let verdict = RwSignal::new(None::<Verdict>);
    let timely = RwSignal::new(None::<bool>);
    let explained = RwSignal::new(None::<bool>);
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
                verdict: chosen(verdict, "verdict")?,
                timely: chosen(timely, "timely")?,
                explained: explained.get_untracked(),
                suggestions: suggestions.get_untracked(),
                re_survey: re_survey.get_untracked(),
            },
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.survey_title) submit=move || t!(i18n, step.survey_submit) command=build folded>
            {dims.into_iter().map(|d| view! { <DimensionInput d form/> }).collect_view()}
            <RequiredSelect id="survey-verdict" value=verdict options=Verdict::all() error=form.at("verdict")>{t!(i18n, step.survey_verdict)}</RequiredSelect>
            <AnswerChoice id="survey-timely" value=timely error=form.at("timely") legend=move || t!(i18n, step.survey_timely)
                yes=move || t!(i18n, yes_no.yes) no=move || t!(i18n, yes_no.no)/>
            <Show when=move || timely.get() == Some(false)>
                <EnumSelect id="survey-explained" value=explained options=vec![None, Some(true), Some(false)] error=form.at("explained")>
                    {t!(i18n, step.survey_explained)}
                </EnumSelect>
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
    // Archiving cannot be undone: it asks to be confirmed.
    let confirmed = RwSignal::new(false);
    let build = move || if confirmed.get_untracked() { Ok(Command::Archive) } else { Err(Refusal::at("confirm", "archive_unconfirmed")) };
    let error = form.at("confirm");
    view! {
        <CommandForm form title=move || t!(i18n, step.archive_title) submit=move || t!(i18n, step.archive_submit) command=build folded>
            <p>{t!(i18n, step.archive_hint)}</p>
            <Check id="archive-confirm" value=confirmed>{t!(i18n, approval.confirm_archive)}</Check>
            <p class="field-error" id="archive-confirm-error" aria-live="polite">{move || error.get()}</p>
        </CommandForm>
    }
}

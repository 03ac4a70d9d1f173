//! The printable complaint feedback form (客户投诉意见表), laid out like the seed 003 form:
//! the complainant and the complaint, the complainant's suggested handling and time limit with
//! the accept/reject reason, our handling opinion (the plan) with signatures, the complainant's
//! evaluation (in time, explained, verdict), and the record of outcomes per party. Boxes are
//! ticked from what was recorded; signature lines stay blank for ink.

use crate::ui::components::customer_name::CustomerName;
use crate::domain::badges::Badge;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::channel::Channel;
use crate::domain::intake::Seriousness;
use crate::domain::plan::TimeLimit;
use crate::domain::workflow::TransitionCause;
use crate::i18n::*;
use crate::services::ComplaintDetail;
use crate::ui::app::use_desk;
use crate::ui::text::{error_text, type_name};
use crate::domain::keyed::Keyed;
use crate::domain::survey::Verdict;
use crate::ui::text::{department_text, Translate};


/// A tick box with its label; `checked` prints ☑, otherwise ☐.
#[component]
fn Tick(checked: bool, children: Children) -> impl IntoView {
    view! { <span class="tick" class:ticked=checked>{if checked { "☑ " } else { "☐ " }}{children()}</span> }
}

/// The page at `/complaints/:id/form`: the form and a print button.
#[component]
pub fn FeedbackFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let desk = desk.clone();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { desk.detail(&id).await.map_err(|e| e.code()) }
    });
    view! {
        <Suspense fallback=move || view! { <p role="status">{t!(i18n, complaints.loading)}</p> }>
            {move || detail.get().map(|result| match result {
                Err(code) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok(None) => view! { <h1>{t!(i18n, detail.not_found)}</h1> }.into_any(),
                Ok(Some(d)) => view! { <FeedbackForm d/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn FeedbackForm(d: ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let st = d.state.clone();
    let v = d.view.clone();
    let nature = st.nature().map(|n| n.seriousness);
    let channel = v.channel;
    let suggestion = st.suggestion().cloned();
    let limit = suggestion.as_ref().map(|s| s.time_limit);
    let response = st.last_transition(|t| t.plan_response.is_some()).and_then(|w| w.value.plan_response.clone());
    let steps: Vec<_> = st.current_steps().into_iter().map(|s| (s.step.value.kind, s.step.value.clone())).collect();
    let last_deadline = steps.iter().map(|(_, s)| s.deadline).max();
    let survey = st.surveys.iter().rfind(|s| !s.value.re_survey).map(|s| s.value.clone());
    let confirmed = st.last_transition(|t| t.cause == TransitionCause::CustomerConfirmedResolved).is_some();
    let back = crate::browser::base::href(&format!("/complaints/{}", v.id));
    let department = st.department().cloned();
    let type_key = v.type_key.clone();
    let outcomes = st.outcomes().cloned().unwrap_or_default();
    view! {
        <p class="no-print"><A href=back>{t!(i18n, feedback.back)}</A></p>
        <article class="slip feedback-form" data-testid="feedback-form" aria-labelledby="feedback-title">
            <h1 id="feedback-title">{t!(i18n, feedback.title)}</h1>
            <p class="form-number">{t!(i18n, complaints.number)}": "<strong>{v.number.clone()}</strong></p>
            <table class="form-grid">
                <tbody>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.complainant)}</th><td><CustomerName name=v.customer_name.clone() anonymous=v.badges.contains(&Badge::Anonymous)/></td>
                        <th scope="row">{t!(i18n, feedback.phone)}</th><td>{v.customer_phone.clone()}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.nature)}</th>
                        <td colspan="3">
                            <Tick checked=nature == Some(Seriousness::General)>{t!(i18n, feedback.nature_general)}</Tick>
                            <Tick checked=nature == Some(Seriousness::Major)>{t!(i18n, feedback.nature_major)}</Tick>
                            <Tick checked=nature == Some(Seriousness::Crisis)>{t!(i18n, feedback.nature_crisis)}</Tick>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, complaints.received_at)}</th><td>{v.received_at.format("%Y-%m-%d %H:%M").to_string()}</td>
                        <th scope="row">{t!(i18n, feedback.complained_about)}</th>
                        <td>{department.map(|d| view! { {move || department_text(i18n.get_locale(), &d)} })}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.form_of)}</th>
                        <td colspan="3">
                            <Tick checked=channel == Channel::Letter>{t!(i18n, feedback.written)}</Tick>
                            <Tick checked=channel == Channel::Site>{t!(i18n, feedback.on_site)}</Tick>
                            <Tick checked=channel == Channel::Phone>{t!(i18n, feedback.by_phone)}</Tick>
                            <Tick checked=!matches!(channel, Channel::Letter | Channel::Site | Channel::Phone)>{t!(i18n, feedback.other_form)}</Tick>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.matter)}</th>
                        <td colspan="3">{type_key.map(|k| { let config = d.config.clone(); view! { {move || type_name(&config, i18n.get_locale(), &k)} } })}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.content)}</th>
                        <td colspan="3" class="tall">{v.product.clone()}" — "{v.own_words.clone()}</td>
                    </tr>
                    <tr class="section"><th colspan="4" scope="rowgroup">{t!(i18n, feedback.complainant_side)}</th></tr>
                    <tr>
                        <th scope="row">{t!(i18n, step.suggestion_title)}</th>
                        <td colspan="3" class="tall" data-testid="form-suggestion">{suggestion.map(|s| s.handling)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, step.suggestion_limit)}</th>
                        <td colspan="3">
                            <Tick checked=limit == Some(TimeLimit::SameDay)>{t!(i18n, time_limit.same_day)}</Tick>
                            <Tick checked=limit == Some(TimeLimit::ThreeDays)>{t!(i18n, time_limit.three_days)}</Tick>
                            <Tick checked=matches!(limit, Some(TimeLimit::Days(_)))>
                                {match limit { Some(TimeLimit::Days(n)) => n.to_string(), _ => "__".into() }}" "{t!(i18n, feedback.days)}
                            </Tick>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.accept_reason)}</th>
                        <td data-testid="form-accept">{response.as_ref().filter(|r| r.accepted).map(|r| r.reason.clone())}</td>
                        <th scope="row">{t!(i18n, feedback.reject_reason)}</th>
                        <td data-testid="form-reject">{response.as_ref().filter(|r| !r.accepted).map(|r| r.reason.clone())}</td>
                    </tr>
                    <tr class="section"><th colspan="4" scope="rowgroup">{t!(i18n, feedback.our_side)}</th></tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.handling_opinion)}</th>
                        <td colspan="3" class="tall" data-testid="form-plan">
                            <ul>
                                {steps.into_iter().map(|(kind, s)| view! {
                                    <li>{move || kind.text(i18n.get_locale())}": "{s.text.clone()}" ("{s.owner.clone()}", "
                                        {s.deadline.format("%Y-%m-%d").to_string()}")"</li>
                                }).collect_view()}
                            </ul>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.deadline)}</th>
                        <td>{last_deadline.map(|t| t.format("%Y-%m-%d").to_string())}</td>
                        <th scope="row">{t!(i18n, feedback.approved_by)}</th>
                        <td>{st.approval().map(|a| a.approver.clone())}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.signature)}</th><td class="sign"></td>
                        <th scope="row">{t!(i18n, feedback.leader_signature)}</th><td class="sign"></td>
                    </tr>
                    <tr class="section"><th colspan="4" scope="rowgroup">{t!(i18n, feedback.evaluation)}</th></tr>
                    <tr>
                        <th scope="row">{t!(i18n, step.survey_timely)}</th>
                        <td colspan="3">
                            <Tick checked=survey.as_ref().is_some_and(|s| s.timely)>{t!(i18n, feedback.timely)}</Tick>
                            <Tick checked=survey.as_ref().is_some_and(|s| !s.timely)>{t!(i18n, feedback.not_timely)}</Tick>
                            " "{t!(i18n, step.survey_explained)}" "
                            <Tick checked=survey.as_ref().is_some_and(|s| s.explained == Some(true))>{t!(i18n, feedback.explained)}</Tick>
                            <Tick checked=survey.as_ref().is_some_and(|s| s.explained == Some(false))>{t!(i18n, feedback.not_explained)}</Tick>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, step.survey_verdict)}</th>
                        <td colspan="3" data-testid="form-verdict">
                            {Verdict::all().into_iter().map(|v| {
                                let ticked = survey.as_ref().is_some_and(|s| s.verdict == v);
                                view! { <Tick checked=ticked>{move || v.text(i18n.get_locale())}</Tick> }
                            }).collect_view()}
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.confirmation)}</th>
                        <td>{confirmed.then(|| view! { <Tick checked=true>{t!(i18n, step.confirm_resolved)}</Tick> })}</td>
                        <th scope="row">{t!(i18n, feedback.complainant_signature)}</th><td class="sign"></td>
                    </tr>
                    <tr class="section"><th colspan="4" scope="rowgroup">{t!(i18n, feedback.hr_record)}</th></tr>
                    <tr>
                        <th scope="row">{t!(i18n, feedback.assessment)}</th>
                        <td data-testid="form-assessment">{outcomes.iter().map(|o| {
                            let (outcome, party) = (o.outcome, o.party.clone());
                            view! { <span class="outcome-item">{party}": "{move || outcome.text(i18n.get_locale())}"; "</span> }
                        }).collect_view()}</td>
                        <th scope="row">{t!(i18n, feedback.head_signature)}</th><td class="sign"></td>
                    </tr>
                </tbody>
            </table>
        </article>
        <button type="button" class="no-print" on:click=|_| { let _ = window().print(); }>{t!(i18n, feedback.print)}</button>
    }
}

//! The case file: everything recorded on the complaint beyond its header — handling, grade,
//! investigation, cross-department requests, the plan and its steps, the contact log,
//! progress updates, surveys and the case summary. Read-only; the panels change it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::services::ComplaintDetail;

use crate::domain::config::DomainConfig;
use crate::domain::plan::TimeLimit;
use crate::domain::state::ComplaintState;
use crate::i18n::*;
use crate::ui::text::{department_text, Translate};

fn at(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn yuan(cents: i64) -> String {
    format!("¥{}.{:02}", cents / 100, cents % 100)
}

/// The recorded facts of the case, section by section, redrawn with the data; the gallery stays
/// (its photos are not read again on every reload).
#[component]
pub fn CaseFile(d: Signal<Arc<ComplaintDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let attachments = Memo::new(move |_| d.with(|d| d.state.attachments.iter().map(|a| a.value.clone()).collect::<Vec<_>>()));
    view! {
        <section class="panel" aria-labelledby="case-title" data-testid="case-file">
            <h2 id="case-title">{t!(i18n, case.title)}</h2>
            {move || d.with(|d| sections(&d.state, &d.config))}
            <super::attachments::Gallery attachments/>
        </section>
    }
}

fn local(config: &DomainConfig, ms: i64) -> String {
    config.calendar.local(ms).format("%Y-%m-%d %H:%M").to_string()
}

/// Every section of the case file that has something in it.
fn sections(st: &ComplaintState, config: &DomainConfig) -> impl IntoView {
    view! {
        {handling(st)}
        {plan(st)}
        {evidence(st)}
        {requests(st)}
        {contacts(st)}
        {progress_updates(st, config)}
        {surveys(st)}
    }
}

/// The handling facts: round, department, handler, grade, root cause, verification, suggestion,
/// approval, shares, ruling, outcomes and the case summary.
fn handling(st: &ComplaintState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts" data-testid="case-handling">
            <dt>{t!(i18n, case.round)}</dt><dd data-testid="case-round">{st.round()}</dd>
            {st.department().cloned().map(|d| view! {
                <dt>{t!(i18n, step.department)}</dt><dd data-testid="case-department">{move || department_text(i18n.get_locale(), &d)}</dd>
            })}
            {st.handler().cloned().map(|h| view! { <dt>{t!(i18n, case.handler)}</dt><dd data-testid="case-handler">{h}</dd> })}
            {st.grade().cloned().map(|g| {
                let grade = g.grade;
                view! {
                    <dt>{t!(i18n, step.manual_grade)}</dt>
                    <dd data-testid="case-grade">{move || grade.text(i18n.get_locale())}
                        {g.score.map(|s| format!(" · {}.{}", s.tenths() / 10, s.tenths() % 10))}</dd>
                }
            })}
            {st.root_cause().cloned().map(|c| {
                let category = c.category;
                view! {
                    <dt>{t!(i18n, step.cause_title)}</dt>
                    <dd data-testid="case-root-cause">{move || category.text(i18n.get_locale())}": "{c.text.clone()}</dd>
                }
            })}
            {st.verification().cloned().map(|v| {
                let ok = Some(v.confirmed);
                view! {
                    <dt>{t!(i18n, step.verify_title)}</dt>
                    <dd data-testid="case-verification">{v.result.clone()}" ("{move || ok.text(i18n.get_locale())}")"</dd>
                }
            })}
            {st.suggestion().cloned().map(|s| {
                let limit = s.time_limit;
                let days = match limit {
                    TimeLimit::Days(n) => Some(n),
                    TimeLimit::SameDay | TimeLimit::ThreeDays => None,
                };
                view! {
                    <dt>{t!(i18n, step.suggestion_title)}</dt>
                    <dd>{s.handling.clone()}" · "{move || limit.text(i18n.get_locale())}{days.map(|n| format!(" ({n})"))}</dd>
                }
            })}
            {st.approval().cloned().map(|a| view! {
                <dt>{t!(i18n, step.approver)}</dt><dd data-testid="case-approval">{a.approver.clone()}" "{a.note.clone()}</dd>
            })}
            {st.shares().cloned().map(|sh| view! {
                <dt>{t!(i18n, responsibility.shares)}</dt>
                <dd data-testid="case-shares">{sh.iter().map(|x| format!("{} {}%", x.party, x.percent)).collect::<Vec<_>>().join(" · ")}</dd>
            })}
            {st.arbitration().cloned().map(|r| view! {
                <dt>{t!(i18n, responsibility.arbitration_title)}</dt>
                <dd data-testid="case-arbitration">{r.arbiter.clone()}": "{r.ruling.clone()}</dd>
            })}
            {st.outcomes().cloned().map(|os| view! {
                <dt>{t!(i18n, responsibility.outcomes_title)}</dt>
                <dd data-testid="case-outcomes">{os.into_iter().map(|o| {
                    let outcome = o.outcome;
                    view! { <span class="outcome-item">{o.party.clone()}": "{move || outcome.text(i18n.get_locale())}
                        {(!o.note.is_empty()).then(|| format!(" ({})", o.note))}" "</span> }
                }).collect_view()}</dd>
            })}
            {st.case_summary().cloned().map(|c| view! {
                <dt>{t!(i18n, step.summary_title)}</dt>
                <dd data-testid="case-summary">{c.cause.clone()}" / "{c.went_well.clone()}" / "{c.to_improve.clone()}</dd>
            })}
        </dl>
    }
}

/// The plan's steps with owner, deadline, amount and outcome.
fn plan(st: &ComplaintState) -> impl IntoView {
    let i18n = use_i18n();
    let steps: Vec<_> = st
        .steps
        .iter()
        .map(|s| {
            (s.step.value.kind, s.step.value.clone(), s.outcome())
        })
        .collect();
    (!steps.is_empty()).then(|| view! {
        <h3>{t!(i18n, case.plan)}</h3>
        <table class="records" data-testid="case-steps">
            <thead><tr>
                <th scope="col">{t!(i18n, step.step_kind)}</th><th scope="col">{t!(i18n, step.step_text)}</th>
                <th scope="col">{t!(i18n, step.step_owner)}</th><th scope="col">{t!(i18n, step.step_deadline)}</th>
                <th scope="col">{t!(i18n, step.step_outcome)}</th>
            </tr></thead>
            <tbody>
                {steps.into_iter().map(|(kind, step, outcome)| view! {
                    <tr>
                        <td>{move || kind.text(i18n.get_locale())}</td>
                        <td>{step.text.clone()}{step.amount_cents.map(|c| format!(" ({})", yuan(c)))}</td>
                        <td>{step.owner.clone()}</td>
                        <td>{at(step.deadline)}</td>
                        <td>{move || outcome.text(i18n.get_locale())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// The evidence checklist.
fn evidence(st: &ComplaintState) -> impl IntoView {
    let i18n = use_i18n();
    let evidence: Vec<_> = st.evidence.iter().map(|e| (e.value.kind, e.value.note.clone(), e.actor.clone())).collect();
    (!evidence.is_empty()).then(|| view! {
        <h3>{t!(i18n, case.evidence)}</h3>
        <ul class="records" data-testid="case-evidence">
            {evidence.into_iter().map(|(kind, note, actor)| view! {
                <li><strong>{move || kind.text(i18n.get_locale())}</strong>": "{note}" · "{actor}</li>
            }).collect_view()}
        </ul>
    })
}

/// Requests to other departments and their replies.
fn requests(st: &ComplaintState) -> impl IntoView {
    let i18n = use_i18n();
    let requests: Vec<_> = st
        .dept_requests
        .iter()
        .map(|r| {
            let v = &r.request.value;
            (v.department.clone(), v.need.clone(), v.deadline.map(at), r.replies.first().map(|x| x.value.reply.clone()))
        })
        .collect();
    (!requests.is_empty()).then(|| view! {
        <h3>{t!(i18n, case.requests)}</h3>
        <ul class="records" data-testid="case-requests">
            {requests.into_iter().map(|(dept, need, deadline, reply)| view! {
                <li>
                    <strong>{move || department_text(i18n.get_locale(), &dept)}</strong>": "{need}
                    {deadline.map(|d| view! { " · "{t!(i18n, case.reply_by)}" "{d} })}
                    <br/>{match reply {
                        Some(r) => view! { <span>{t!(i18n, step.reply_text)}": "{r}</span> }.into_any(),
                        None => view! { <span class="muted">{t!(i18n, case.no_reply)}</span> }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    })
}

/// The contact log, oldest first.
fn contacts(st: &ComplaintState) -> impl IntoView {
    let i18n = use_i18n();
    let mut contacts: Vec<_> = st.communications.iter().map(|c| c.value.clone()).collect();
    crate::domain::sort::sort_by_key(&mut contacts, |c| c.at);
    (!contacts.is_empty()).then(|| view! {
        <h3>{t!(i18n, case.contacts)}</h3>
        <table class="records" data-testid="case-contacts">
            <thead><tr>
                <th scope="col">{t!(i18n, step.contact_at)}</th><th scope="col">{t!(i18n, register.channel)}</th>
                <th scope="col">{t!(i18n, step.contact_direction)}</th><th scope="col">{t!(i18n, step.contact_who)}</th>
                <th scope="col">{t!(i18n, step.contact_summary)}</th><th scope="col">{t!(i18n, step.contact_result)}</th>
            </tr></thead>
            <tbody>
                {contacts.into_iter().map(|c| {
                    let (dir, result) = (c.direction, c.result);
                    let channel = c.channel;
                    view! {
                        <tr>
                            <td>{at(c.at)}</td>
                            <td>{move || channel.text(i18n.get_locale())}</td>
                            <td>{move || dir.text(i18n.get_locale())}</td>
                            <td>{c.who.clone()}</td>
                            <td>{c.summary.clone()}</td>
                            <td>{move || result.text(i18n.get_locale())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// Progress updates told to the customer.
fn progress_updates(st: &ComplaintState, config: &DomainConfig) -> impl IntoView {
    let i18n = use_i18n();
    let progress: Vec<_> = st.progress.iter().map(|p| (local(config, p.at_ms), p.value.clone(), p.actor.clone())).collect();
    (!progress.is_empty()).then(|| view! {
        <h3>{t!(i18n, step.progress_title)}</h3>
        <ul class="records" data-testid="case-progress">
            {progress.into_iter().map(|(when, p, actor)| {
                let explained = Some(p.explained);
                view! {
                    <li>{when}" · "{actor}": "{p.text.clone()}
                        {p.new_eta.map(|t| view! { " · "{t!(i18n, step.progress_eta)}" "{at(t)} })}
                        " · "{t!(i18n, case.explained)}" "{move || explained.text(i18n.get_locale())}</li>
                }
            }).collect_view()}
        </ul>
    })
}

/// Satisfaction surveys.
fn surveys(st: &ComplaintState) -> impl IntoView {
    let i18n = use_i18n();
    let surveys: Vec<_> = st.surveys.iter().map(|s| s.value.clone()).collect();
    (!surveys.is_empty()).then(|| view! {
        <h3>{t!(i18n, step.survey_title)}</h3>
        <ul class="records" data-testid="case-surveys">
            {surveys.into_iter().map(|s| {
                let verdict = s.verdict;
                let scores = format!("{}/{}/{}/{}/{}", s.attitude.score, s.efficiency.score, s.competence.score, s.clarity.score, s.overall.score);
                view! {
                    <li>
                        <strong>{move || verdict.text(i18n.get_locale())}</strong>
                        " · "{t!(i18n, case.scores)}" "{scores}
                        {s.re_survey.then(|| view! { " · "{t!(i18n, step.survey_re_survey)} })}
                        {(!s.suggestions.is_empty()).then(|| view! { <br/>{t!(i18n, step.survey_suggestions)}": "{s.suggestions.clone()} })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

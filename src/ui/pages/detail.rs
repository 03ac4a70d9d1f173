//! Complaint detail page: the header (number, status, first-contact owner), every SLA clock with
//! its due time and state, and the timeline of every event (what, who, when, on which device).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::browser::broadcast::use_changes;
use crate::domain::sla::{ClockState, ClockView};
use crate::domain::workflow::CommandKind;
use crate::i18n::*;
use crate::ui::pages::classify_panel::ClassifyPanel;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::services::ComplaintDetail;
use crate::ui::app::use_desk;
use crate::ui::text::{clock_kind_text, clock_state_text, error_text, event_kind_text, status_text, type_text, urgency_text};

fn time(detail: &ComplaintDetail, utc_ms: i64) -> String {
    detail.calendar.local(utc_ms).format("%Y-%m-%d %H:%M").to_string()
}

fn hours(ms: i64) -> String {
    let m = ms.abs() / 60_000;
    format!("{}{} h {:02} min", if ms < 0 { "−" } else { "" }, m / 60, m % 60)
}

/// One complaint, read-only for now.
#[component]
pub fn DetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let params = use_params_map();
    let changes = use_changes(CHANGED_COMPLAINTS);
    let refresh = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        changes.track();
        refresh.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let desk = desk.clone();
        async move { desk.detail(&id).await.map_err(|e| e.code()) }
    });

    view! {
        <p><A href="/complaints">{t!(i18n, detail.back)}</A></p>
        <Suspense fallback=move || view! { <p role="status">{t!(i18n, complaints.loading)}</p> }>
            {move || detail.get().map(|result| match result {
                Err(code) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok(None) => view! { <h1>{t!(i18n, detail.not_found)}</h1> }.into_any(),
                Ok(Some(d)) => view! { <Detail d on_saved=move || refresh.update(|n| *n += 1)/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Detail(d: ComplaintDetail, on_saved: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let v = d.view.clone();
    let status = v.status.clone();
    let clocks: Vec<(ClockView, String)> =
        d.clocks.iter().map(|c| (c.clone(), c.due.map(|t| time(&d, t)).unwrap_or_default())).collect();
    let trail: Vec<_> = d.trail.iter().map(|e| (e.clone(), time(&d, e.hlc.ms))).collect();
    view! {
        <h1 class="complaint-number" data-testid="detail-number">{v.number.clone()}</h1>
        <section class="panel" aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">{t!(i18n, detail.summary)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, complaints.status_filter)}</dt>
                <dd data-testid="detail-status">{move || status_text(i18n.get_locale(), &status)}</dd>
                {v.type_key.clone().map(|k| view! {
                    <dt>{t!(i18n, classify.type_label)}</dt>
                    <dd data-testid="detail-type">{move || type_text(i18n.get_locale(), &k)}</dd>
                })}
                {v.urgency.clone().map(|k| view! {
                    <dt>{t!(i18n, classify.urgency_label)}</dt>
                    <dd data-testid="detail-urgency">{move || urgency_text(i18n.get_locale(), &k)}</dd>
                })}
                <dt>{t!(i18n, detail.first_contact_owner)}</dt>
                <dd data-testid="detail-owner">{v.first_contact_owner.clone()}</dd>
                <dt>{t!(i18n, complaints.customer)}</dt>
                <dd>{v.customer_name.clone()}" "{v.customer_phone.clone()}</dd>
                <dt>{t!(i18n, complaints.product)}</dt>
                <dd>{v.product.clone()}</dd>
                <dt>{t!(i18n, complaints.received_at)}</dt>
                <dd>{v.received_at.format("%Y-%m-%d %H:%M").to_string()}</dd>
                <dt>{t!(i18n, detail.own_words)}</dt>
                <dd class="description">{v.own_words.clone()}</dd>
            </dl>
            {d.needs_newer_app.then(|| view! { <p class="form-error" role="status">{t!(i18n, detail.newer_app)}</p> })}
        </section>
        {d.legal.contains(&CommandKind::Classify).then(|| view! {
            <ClassifyPanel id=v.id.clone() view=v.clone() on_saved=on_saved.clone()/>
        })}
        <section class="panel" aria-labelledby="clocks-title">
            <h2 id="clocks-title">{t!(i18n, detail.clocks)}</h2>
            <table class="clocks" data-testid="clocks">
                <thead><tr>
                    <th scope="col">{t!(i18n, detail.clock)}</th>
                    <th scope="col">{t!(i18n, detail.due)}</th>
                    <th scope="col">{t!(i18n, detail.state)}</th>
                    <th scope="col">{t!(i18n, detail.remaining)}</th>
                </tr></thead>
                <tbody>
                    {clocks.into_iter().map(|(c, due)| {
                        let late = matches!(c.state, ClockState::Overdue | ClockState::MetLate);
                        let kind = c.instance.kind;
                        let state = c.state;
                        view! {
                            <tr class:late=late>
                                <td>{move || clock_kind_text(i18n.get_locale(), kind)}</td>
                                <td>{due}</td>
                                <td>{move || clock_state_text(i18n.get_locale(), state)}</td>
                                // A stopped clock has nothing left to count.
                                <td>{(!matches!(state, ClockState::Met | ClockState::MetLate)).then(|| hours(c.remaining_ms))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t!(i18n, detail.timeline)}</h2>
            <ol class="timeline" data-testid="timeline">
                {trail.into_iter().map(|(e, when)| {
                    let kind = e.kind.clone();
                    let device = e.device.chars().take(8).collect::<String>();
                    view! {
                        <li>
                            <time>{when}</time>" "
                            <strong>{move || event_kind_text(i18n.get_locale(), &kind)}</strong>" · "
                            <span>{e.actor.clone()}</span>" · "
                            <span class="muted">{t!(i18n, detail.device)}" "{device}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

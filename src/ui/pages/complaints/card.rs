//! One complaint in the list: number, status, what is due and when, customer and product.
//! Overdue and nearly due complaints stand out (colour and words, not colour alone).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use leptos_i18n::td_string;
use crate::domain::next_steps::{Deadline, DueState};
use crate::services::ComplaintView;
use crate::ui::text::{status_text, Translate};

/// How urgent a complaint's next deadline is right now: the domain's rule ("nearly due" once a
/// clock has used its warning share), the same as on the complaint page. A row stored before
/// the warning time was kept counts as nearly due in its last day.
fn due(row: &ComplaintView, now_ms: i64) -> DueState {
    let warn_ms = row.warn_ms.or(row.due_ms.map(|d| d.saturating_sub(86_400_000)));
    Deadline { due_ms: row.due_ms, warn_ms }.state_at(now_ms)
}

/// "2 d 3 h", "3 h 20 min", "12 min" (units in the user's language).
fn span(locale: Locale, ms: i64) -> String {
    let minutes = ms / 60_000;
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let (ud, uh, um) = (td_string!(locale, unit.d), td_string!(locale, unit.h), td_string!(locale, unit.min));
    match (d, h) {
        (0, 0) => format!("{m} {um}"),
        (0, _) => format!("{h} {uh} {m} {um}"),
        _ => format!("{d} {ud} {h} {uh}"),
    }
}

/// A complaint card.
#[component]
pub fn ComplaintCard(row: ComplaintView, now_ms: i64) -> impl IntoView {
    let i18n = use_i18n();
    let due = due(&row, now_ms);
    let class = match due {
        DueState::Overdue(_) => "complaint-card overdue",
        DueState::Soon(_) => "complaint-card due-soon",
        _ => "complaint-card",
    };
    let status = row.status.clone();
    let channel = row.channel;
    view! {
        <li class=class data-testid="complaint-card">
            <div class="card-head">
                <A href=format!("/complaints/{}", row.id) attr:class="complaint-number">{row.number.clone()}</A>
                <span class="chip status">{move || status_text(i18n.get_locale(), &status)}</span>
                <span class="muted">{row.received_at.format("%Y-%m-%d %H:%M").to_string()}</span>
                <span class="chip">{move || channel.text(i18n.get_locale())}</span>
                {match due {
                    DueState::Overdue(ms) => Some(view! {
                        <span class="due overdue" data-testid="due">{t!(i18n, complaints.overdue_by)}" "{move || span(i18n.get_locale(), ms)}</span>
                    }.into_any()),
                    DueState::Soon(ms) | DueState::Later(ms) => Some(view! {
                        <span class="due" data-testid="due">{t!(i18n, complaints.due_in)}" "{move || span(i18n.get_locale(), ms)}</span>
                    }.into_any()),
                    DueState::None => None,
                }}
            </div>
            <div class="card-body">
                <span class="customer">{row.customer_name.clone()}</span>
                " · "
                <span class="product">{row.product.clone()}</span>
            </div>
            <p class="description">{row.own_words.clone()}</p>
        </li>
    }
}

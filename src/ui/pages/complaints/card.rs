//! One complaint in the list: number, status, what is due and when, customer and product.
//! Overdue and nearly due complaints stand out (colour and words, not colour alone); the next
//! deadline names its clock; the badges say what matters (urgent, major, angry, …).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::domain::next_steps::{Deadline, DueState};
use crate::services::ComplaintView;
use crate::ui::components::badges::Badges;
use crate::ui::components::customer_name::CustomerName;
use crate::domain::badges::Badge;
use crate::ui::text::{durations, status_text, Translate};

/// How urgent a complaint's next deadline is right now: the domain's rule ("nearly due" once a
/// clock has used its warning share), the same as on the complaint page. A row stored before
/// the warning time was kept counts as nearly due in its last day.
fn due(row: &ComplaintView, now_ms: i64) -> DueState {
    let warn_ms = row.warn_ms.or(row.due_ms.map(|d| d.saturating_sub(86_400_000)));
    Deadline { due_ms: row.due_ms, warn_ms, kind: row.due_clock }.state_at(now_ms)
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
    let clock = row.due_clock;
    view! {
        <li class=class data-testid="complaint-card">
            <div class="card-head">
                <A href=crate::browser::base::href(&format!("/complaints/{}", row.id)) attr:class="complaint-number">{row.number.clone()}</A>
                <span class="chip status">{move || status_text(i18n.get_locale(), &status)}</span>
                <span class="muted">{row.received_at.format("%Y-%m-%d %H:%M").to_string()}</span>
                <span class="chip">{move || channel.text(i18n.get_locale())}</span>
                // The clock is named, and a passed deadline says "overdue by" (never a minus sign).
                {match due {
                    DueState::Overdue(ms) => Some(view! {
                        <span class="due overdue" data-testid="due">{move || durations::due(i18n.get_locale(), clock, ms.saturating_neg())}</span>
                    }.into_any()),
                    DueState::Soon(ms) | DueState::Later(ms) => Some(view! {
                        <span class="due" data-testid="due">{move || durations::due(i18n.get_locale(), clock, ms)}</span>
                    }.into_any()),
                    DueState::None => None,
                }}
            </div>
            <Badges badges=row.badges.clone()/>
            <div class="card-body">
                <span class="customer"><CustomerName name=row.customer_name.clone() anonymous=row.badges.contains(&Badge::Anonymous)/></span>
                " · "
                <span class="product">{row.product.clone()}</span>
            </div>
            <p class="description">{row.own_words.clone()}</p>
        </li>
    }
}

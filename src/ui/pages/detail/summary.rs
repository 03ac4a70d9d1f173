//! What the complaint is, at a glance: under the number the status, the deadline due first and
//! the badges (`header_state`); beside the steps the facts (`summary`): status, type, urgency,
//! first-contact owner, handler, customer, product, when received and the customer's words.

use crate::ui::components::customer_name::CustomerName;
use leptos::prelude::*;

use crate::domain::badges::{badges, Badge};
use crate::domain::next_steps::{Deadline, DueState};
use crate::i18n::*;
use crate::services::ComplaintDetail;
use crate::ui::components::badges::Badges;
use crate::ui::text::{durations, status_text, type_name, urgency_text};

/// The header facts: status, type, urgency, owner, handler, customer, product, received, words.
pub(super) fn summary(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let v = d.view.clone();
    let st = &d.state;
    let status = v.status.clone();
    let config = d.config.clone();
    view! {
        <dl class="facts">
            <dt>{t!(i18n, complaints.status_filter)}</dt>
            <dd data-testid="detail-status">{move || status_text(i18n.get_locale(), &status)}</dd>
            {v.type_key.clone().map(|k| view! {
                <dt>{t!(i18n, classify.type_label)}</dt>
                <dd data-testid="detail-type">{move || type_name(&config, i18n.get_locale(), &k)}</dd>
            })}
            {v.urgency.clone().map(|k| view! {
                <dt>{t!(i18n, classify.urgency_label)}</dt>
                <dd data-testid="detail-urgency">{move || urgency_text(i18n.get_locale(), &k)}</dd>
            })}
            <dt>{t!(i18n, detail.first_contact_owner)}</dt>
            <dd data-testid="detail-owner">{v.first_contact_owner.clone()}</dd>
            {st.handler().cloned().map(|h| view! { <dt>{t!(i18n, case.handler)}</dt><dd data-testid="detail-handler">{h}</dd> })}
            <dt>{t!(i18n, complaints.customer)}</dt>
            <dd data-testid="detail-customer"><CustomerName name=v.customer_name.clone() anonymous=v.badges.contains(&Badge::Anonymous)/>" "{v.customer_phone.clone()}" "
                {st.customer().map(|c| [c.email, c.customer_no, c.company, c.address].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" · "))}</dd>
            <dt>{t!(i18n, complaints.product)}</dt>
            <dd data-testid="detail-product">{v.product.clone()}
                {st.incident().map(|i| [i.model.clone(), i.order_ref.clone(), i.place.clone()].into_iter().filter(|x| !x.is_empty()).map(|x| format!(" · {x}")).collect::<String>())}</dd>
            <dt>{t!(i18n, complaints.received_at)}</dt>
            <dd>{v.received_at.format("%Y-%m-%d %H:%M").to_string()}</dd>
            <dt>{t!(i18n, detail.own_words)}</dt>
            <dd class="description">{v.own_words.clone()}</dd>
        </dl>
        {d.needs_newer_app.then(|| view! { <p class="form-error" role="status">{t!(i18n, detail.newer_app)}</p> })}
    }
}

/// Under the number: the status, the deadline due first and the badges — what matters at once.
pub(super) fn header_state(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let status = d.view.status.clone();
    view! {
        <div class="header-state">
            <span class="chip status" data-testid="header-status">{move || status_text(i18n.get_locale(), &status)}</span>
            {header_due(d)}
            <Badges badges=badges(&d.state, &d.config)/>
        </div>
    }
}

/// The header's deadline: the clock due first, named, "due in" or "overdue by".
fn header_due(d: &ComplaintDetail) -> Option<impl IntoView> {
    let i18n = use_i18n();
    let deadline = Deadline::of(&d.clocks);
    let (overdue, ms) = match deadline.state_at(d.now_ms) {
        DueState::None => return None,
        DueState::Overdue(ms) => (true, ms.saturating_neg()),
        DueState::Soon(ms) | DueState::Later(ms) => (false, ms),
    };
    let kind = deadline.kind;
    Some(view! {
        <p class="header-due" class:overdue=overdue data-testid="detail-due">
            {move || durations::due(i18n.get_locale(), kind, ms)}
        </p>
    })
}

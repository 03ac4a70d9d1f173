//! The printable registration slip handed to the customer (SPEC §1): number, date, what was
//! recorded, the expected handling deadline and who to contact. On screen it is a preview; the
//! print stylesheet prints it alone.

use leptos::prelude::*;

use crate::domain::badges::Badge;
use crate::domain::sla::ClockKind;
use crate::i18n::*;
use crate::services::ComplaintView;
use crate::ui::app::use_desk;
use crate::ui::components::customer_name::CustomerName;
use crate::ui::text::Translate;

/// The slip for a just-registered complaint, with a "Print slip" button.
#[component]
pub fn Slip(row: ComplaintView) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = row.id.clone();
    // The resolution deadline comes from the complaint's clocks on the business calendar.
    let deadline = LocalResource::new(move || {
        let desk = desk.clone();
        let id = id.clone();
        async move {
            let detail = desk.detail(&id).await.ok().flatten()?;
            let due = detail.clocks.iter().find(|c| c.instance.kind == ClockKind::Resolution)?.due?;
            Some(detail.calendar.local(due).format("%Y-%m-%d %H:%M").to_string())
        }
    });
    let channel = row.channel;
    let anonymous = row.badges.contains(&Badge::Anonymous);
    view! {
        <article class="slip" data-testid="slip" aria-labelledby="slip-title">
            <h2 id="slip-title">{t!(i18n, slip.title)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, complaints.number)}</dt>
                <dd class="complaint-number">{row.number.clone()}</dd>
                <dt>{t!(i18n, complaints.received_at)}</dt>
                <dd>{row.received_at.format("%Y-%m-%d %H:%M").to_string()}</dd>
                <dt>{t!(i18n, complaints.channel)}</dt>
                <dd>{move || channel.text(i18n.get_locale())}</dd>
                <dt>{t!(i18n, complaints.customer)}</dt>
                <dd data-testid="slip-customer"><CustomerName name=row.customer_name.clone() anonymous/></dd>
                <dt>{t!(i18n, complaints.product)}</dt>
                <dd>{row.product.clone()}</dd>
                <dt>{t!(i18n, detail.own_words)}</dt>
                <dd class="description">{row.own_words.clone()}</dd>
                <dt>{t!(i18n, slip.deadline)}</dt>
                <dd data-testid="slip-deadline">{move || deadline.get().flatten()}</dd>
                <dt>{t!(i18n, slip.contact)}</dt>
                <dd>{row.first_contact_owner.clone()}</dd>
            </dl>
            <p class="hint">{t!(i18n, slip.keep)}</p>
        </article>
        <button type="button" class="no-print" on:click=|_| { let _ = window().print(); }>{t!(i18n, slip.print)}</button>
    }
}

//! "Returning customer": while the phone is typed, the complaints registered before with the
//! same phone, each one tap away (SPEC §3). Announced politely; a lookup for an older phone
//! never overwrites the answer for a newer one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::base::href;
use crate::i18n::*;
use crate::services::customers::{lookup_key, EarlierComplaints, SHOWN};
use crate::ui::app::use_desk;
use crate::ui::text::{fill, status_text};

/// The notice under the phone input; empty until the phone matches earlier complaints.
#[component]
pub fn ReturningCustomer(#[prop(into)] phone: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = StoredValue::new_local(use_desk());
    // Only a change of the digits looks up again (spaces and dashes do not).
    let key = Memo::new(move |_| phone.with(|p| lookup_key(p)));
    let found = RwSignal::new(None::<(String, EarlierComplaints)>);
    // The newest lookup's number: an answer for an older one is dropped.
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        let n = latest.get_value().wrapping_add(1);
        latest.set_value(n);
        let Some(key) = key.get() else {
            found.set(None);
            return;
        };
        let desk = desk.get_value();
        spawn_local(async move {
            let result = desk.earlier_complaints(&key).await.ok().filter(|e| e.count > 0);
            if latest.try_get_value() == Some(n) {
                found.try_set(result.map(|e| (key, e)));
            }
        });
    });
    let locale = move || i18n.get_locale();
    view! {
        <div class="hint" role="status" data-testid="returning">
            {move || found.get().map(|(key, e)| {
                let l = locale();
                let count = [("count", e.count.to_string())];
                // The search finds every complaint with this phone's digits (the list has no phone filter).
                let all = (e.count > SHOWN).then(|| view! {
                    <a href=href(&format!("/complaints?q={key}"))>{fill(td_string!(l, customer.see_all), &count)}</a>
                });
                view! {
                    <p><strong>{fill(td_string!(l, customer.returning), &count)}</strong></p>
                    <ul>
                        {e.recent.into_iter().map(|c| view! {
                            <li>
                                <a href=href(&format!("/complaints/{}", c.id))>{c.number}</a>
                                {format!(" · {} · {} · {}", c.received_at.format("%Y-%m-%d"), c.product, status_text(l, &c.status))}
                            </li>
                        }).collect_view()}
                    </ul>
                    {all}
                }
                .into_any()
            })}
        </div>
    }
}

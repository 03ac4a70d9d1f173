//! What matters about a complaint at a glance (`domain::badges`), as labelled words — never
//! colour alone — the same on the list card and in the complaint header.

use leptos::prelude::*;

use crate::domain::badges::Badge;
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use leptos_i18n::td_string;
use crate::ui::text::Translate;

/// The badges of a complaint; nothing when it has none.
#[component]
pub fn Badges(badges: Vec<Badge>) -> impl IntoView {
    let i18n = use_i18n();
    (!badges.is_empty()).then(|| {
        view! {
            <ul class="badges" aria-label=move || td_string!(i18n.get_locale(), badge.label) data-testid="badges">
                {badges.into_iter().map(|b| view! {
                    <li class=format!("badge badge-{}", b.key()) data-badge=b.key()>{move || b.text(i18n.get_locale())}</li>
                }).collect_view()}
            </ul>
        }
    })
}

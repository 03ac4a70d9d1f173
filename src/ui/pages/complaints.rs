//! Complaints page: the complaints stored on this device, newest first, read a page at a
//! time from the materialized `views` rows.

use leptos::prelude::*;

use crate::browser::broadcast::use_changes;
use crate::i18n::*;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::ui::app::use_desk;
use crate::ui::text::{channel_text, error_text};

/// How many complaints one page shows.
const PAGE_SIZE: u32 = 50;

/// The list of complaints, newest first, a page at a time.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let page = RwSignal::new(0u32);
    // Another tab registered something: show it here too.
    let changes = use_changes(CHANGED_COMPLAINTS);
    let data = LocalResource::new(move || {
        changes.track();
        let desk = desk.clone();
        let offset = page.get() * PAGE_SIZE;
        async move {
            let total = desk.count().await.map_err(|e| e.code())?;
            let rows = desk.newest(offset, PAGE_SIZE).await.map_err(|e| e.code())?;
            Ok::<_, &'static str>((total, rows))
        }
    });

    view! {
        <h1>{t!(i18n, complaints.title)}</h1>
        <Suspense fallback=move || view! { <p role="status">{t!(i18n, complaints.loading)}</p> }>
            {move || data.get().map(|result| match result {
                Err(code) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok((0, _)) => view! { <p class="empty" data-testid="empty">{t!(i18n, complaints.empty)}</p> }.into_any(),
                Ok((total, rows)) => {
                    let pages = total.div_ceil(PAGE_SIZE);
                    view! {
                        <p class="count" data-testid="count">{total}" "{t!(i18n, complaints.count)}</p>
                        <ul class="complaint-list" data-testid="complaint-list">
                            {rows.into_iter().map(|r| view! {
                                <li class="complaint-card">
                                    <div class="card-head">
                                        <strong class="complaint-number">{r.number.clone()}</strong>
                                        <span class="muted">{r.received_at.format("%Y-%m-%d %H:%M").to_string()}</span>
                                        <span class="chip">{move || channel_text(i18n.get_locale(), r.channel)}</span>
                                    </div>
                                    <div class="card-body">
                                        <span class="customer">{r.customer_name.clone()}</span>
                                        " · "
                                        <span class="product">{r.product.clone()}</span>
                                    </div>
                                    <p class="description">{r.own_words.clone()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                        <Show when=move || { pages > 1 }>
                            <nav class="pager" aria-label="pages">
                                <button type="button" disabled=move || page.get() == 0
                                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"‹"</button>
                                <span>{move || page.get() + 1}" / "{pages}</span>
                                <button type="button" disabled=move || page.get() + 1 >= pages
                                    on:click=move |_| page.update(|p| *p += 1)>"›"</button>
                            </nav>
                        </Show>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

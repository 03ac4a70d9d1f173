//! Complaints page: one search box (number or any part of it, name words, the last digits of
//! a phone, product words); order by due time or newest; filter by status (open work by
//! default), type, urgency, department, device and overdue. Reads one page at a time from the
//! indexed `views` rows, by key ("Load more" continues where the last page ended), and keeps
//! its search, filters, rows loaded and scroll position in the address.

pub mod address;
mod card;
pub mod export_csv;
pub mod export_listed;
mod filters;

use leptos::prelude::*;
use leptos::task::spawn_local;

use self::address::{use_list_query, ListQuery, Param, UnknownValue};
use crate::browser::broadcast::use_changes;
use crate::browser::clock;
use crate::i18n::*;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::services::{After, ComplaintView, Desk, SearchAfter};
use crate::ui::app::use_desk;
use crate::ui::components::list_return::{keep_scroll, take_scroll};
use crate::ui::text::{error_text, fill};
use card::ComplaintCard;

/// How many complaints one page shows.
const PAGE_SIZE: u32 = 50;
/// At most this many rows come back at once when returning to a list ("shown" in the address).
const MAX_RESTORED: u32 = 1_000;

/// Where the next page starts.
#[derive(Debug, Clone)]
enum Next {
    List(After),
    Search(SearchAfter),
}

/// The counts above the list: what it shows (when one index count tells) and everything held.
#[derive(Debug, Clone, Copy)]
struct Counts {
    total: u32,
    listed: Option<u32>,
}

/// Up to `limit` rows of `q` after `after` (the first page without it).
async fn rows_of(desk: &Desk, q: &ListQuery, after: Option<Next>, limit: u32, now: i64) -> Result<(Vec<ComplaintView>, Option<Next>), &'static str> {
    if q.searching() {
        let after = match after { Some(Next::Search(a)) => Some(a), _ => None };
        let page = desk.search_page(&q.q, after.as_ref(), limit).await.map_err(|e| e.code())?;
        return Ok((page.rows, page.next.map(Next::Search)));
    }
    let after = match after { Some(Next::List(a)) => Some(a), _ => None };
    let page = desk.list(q.order(), &q.filter(now), after.as_ref(), limit).await.map_err(|e| e.code())?;
    Ok((page.rows, page.next.map(Next::List)))
}

/// What the list says about a value of its link it does not know, and what it shows instead.
fn unknown_text(l: Locale, u: &UnknownValue) -> String {
    let text = match u.param {
        Param::Order => td_string!(l, list.unknown_order),
        Param::Status => td_string!(l, list.unknown_status),
        Param::Urgency => td_string!(l, list.unknown_urgency),
    };
    fill(text, &[("value", u.value.clone())])
}

/// The list with its search box, filters, counts, cards and "Load more".
///
/// Longer than ~150 lines on purpose: the query in the address, the first page, the next
/// pages and the scroll position are one state machine; the filters, the cards and the export
/// buttons are components of their own.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let (start, unknown, write_address) = use_list_query();
    let restore = start.shown.clamp(PAGE_SIZE, MAX_RESTORED);
    let first = ListQuery { shown: 0, ..start };
    let query = RwSignal::new(first.clone());
    // Said until the person changes what the list shows (then the defaults are their choice).
    let unknown_notice = move || {
        (!unknown.is_empty() && query.with(|q| *q == first)).then(|| {
            let l = i18n.get_locale();
            let text = unknown.iter().map(|u| unknown_text(l, u)).collect::<Vec<_>>().join(" ");
            view! { <p class="warning" role="status" data-testid="unknown-link">{text}</p> }
        })
    };
    let rows = RwSignal::new(Vec::<ComplaintView>::new());
    let next = RwSignal::new(None::<Next>);
    let counts = RwSignal::new(None::<Counts>);
    let failure = RwSignal::new(None::<&'static str>);
    let loading = RwSignal::new(true);
    let now = RwSignal::new(clock::now_ms());
    // Each load has a number; an answer to an older one (typing fast) is dropped.
    let generation = StoredValue::new(0u32);
    let href = move || ListQuery { shown: rows.with_untracked(|r| r.len() as u32), ..query.get_untracked() }.href();
    // Another tab registered or changed something: show it here too.
    let changes = use_changes(CHANGED_COMPLAINTS);

    let load_first = {
        let desk = desk.clone();
        move |q: ListQuery, want: u32, restore_scroll: bool, write: Box<dyn Fn(&ListQuery)>| {
            let desk = desk.clone();
            let gen = generation.get_value() + 1;
            generation.set_value(gen);
            loading.set(true);
            spawn_local(async move {
                let at = clock::now_ms();
                let result = async {
                    let total = desk.count().await.map_err(|e| e.code())?;
                    let (got, more) = rows_of(&desk, &q, None, want, at).await?;
                    Ok::<_, &'static str>((Counts { total, listed: None }, got, more))
                }
                .await;
                if generation.get_value() != gen {
                    return;
                }
                match result {
                    Ok((c, got, more)) => {
                        let shown = if got.len() as u32 > PAGE_SIZE { got.len() as u32 } else { 0 };
                        write(&ListQuery { shown, ..q.clone() });
                        counts.set(Some(c));
                        rows.set(got);
                        next.set(more);
                        failure.set(None);
                        now.set(at);
                    }
                    Err(code) => failure.set(Some(code)),
                }
                loading.set(false);
                // For the cold-start benchmark (`scripts/bench-cold.mjs`): the first page is in the DOM.
                request_animation_frame(|| drop(js_sys::Reflect::get(&js_sys::global(), &"performance".into()).map(|p| js_sys::Function::from(js_sys::Reflect::get(&p, &"mark".into()).unwrap_or_default()).call1(&p, &"list-first-page".into()))));
                if restore_scroll {
                    let href = ListQuery { shown: rows.with_untracked(|r| r.len() as u32), ..q.clone() }.href();
                    if let Some(y) = take_scroll(&href) {
                        // After the rows are in the page (effects run before the next frame).
                        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
                    }
                }
                // How many the filter lists is an index count, which walks the range (about
                // 0.8 s for 80,000 rows): it comes after the rows, not before them.
                if !q.searching() {
                    if let Ok(Some(n)) = desk.count_listed(&q.filter(at)).await {
                        if generation.get_value() == gen {
                            counts.update(|c| if let Some(c) = c { c.listed = Some(n) });
                        }
                    }
                }
            });
        }
    };
    Effect::new({
        let write_address = write_address.clone();
        move |prev: Option<ListQuery>| {
            changes.track();
            let q = query.get();
            let (want, restore_scroll) = match &prev {
                None => (restore, true),
                // Something changed elsewhere: the same rows again.
                Some(p) if *p == q => (rows.with_untracked(|r| r.len() as u32).clamp(PAGE_SIZE, MAX_RESTORED), false),
                Some(_) => (PAGE_SIZE, false),
            };
            let write = write_address.clone();
            load_first(q.clone(), want, restore_scroll, Box::new(move |q| write(q)));
            q
        }
    });
    let load_more = {
        let desk = desk.clone();
        move || {
            let (desk, q, after, gen) = (desk.clone(), query.get_untracked(), next.get_untracked(), generation.get_value());
            let write = write_address.clone();
            loading.set(true);
            spawn_local(async move {
                let result = rows_of(&desk, &q, after, PAGE_SIZE, now.get_untracked()).await;
                if generation.get_value() != gen {
                    return;
                }
                match result {
                    Ok((got, more)) => {
                        rows.update(|r| r.extend(got));
                        next.set(more);
                        write(&ListQuery { shown: rows.with_untracked(|r| r.len() as u32), ..q });
                    }
                    Err(code) => failure.set(Some(code)),
                }
                loading.set(false);
            });
        }
    };
    // Local (not Send): the button's view holds only its handle.
    let load_more = StoredValue::new_local(load_more);
    // Leaving for a complaint keeps where the list was, for the way back.
    let remember_position = move |_| keep_scroll(&href(), window().scroll_y().unwrap_or(0.0));

    let exports_open = RwSignal::new(false);
    let shown = Signal::derive(move || {
        let q = query.get();
        if q.searching() {
            export_listed::Shown::Search(q.q)
        } else {
            export_listed::Shown::Filtered(q.filter(clock::now_ms()))
        }
    });
    view! {
        <h1>{t!(i18n, complaints.title)}</h1>
        <form class="list-controls" role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <div class="field search-field">
                <label for="search">{t!(i18n, complaints.search)}</label>
                <input id="search" type="search" autocomplete="off" prop:value=move || query.with(|q| q.q.clone())
                    on:input=move |ev| query.update(|q| q.q = event_target_value(&ev))/>
            </div>
            <filters::ListFilters query/>
        </form>
        // On a phone the exports fold behind one button, so the first screen shows complaints.
        <button type="button" class="exports-toggle" aria-controls="list-exports" aria-expanded=move || exports_open.get().to_string()
            on:click=move |_| exports_open.update(|o| *o = !*o)>{t!(i18n, list.exports)}</button>
        <div id="list-exports" class="list-exports" class:open=exports_open>
            <export_listed::ExportListed shown/>
            <export_csv::ExportCsv shown/>
        </div>
        {unknown_notice}
        {move || failure.get().map(|code| view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> })}
        {move || match counts.get() {
            None => view! { <p role="status">{t!(i18n, complaints.loading)}</p> }.into_any(),
            Some(Counts { total: 0, .. }) => view! { <p class="empty" data-testid="empty">{t!(i18n, complaints.empty)}</p> }.into_any(),
            Some(Counts { total, listed }) => view! {
                <p class="count" data-testid="count">
                    {listed.map(|n| view! { <span data-testid="listed-count">{t!(i18n, list.listed, count = n)}</span>" · " })}
                    {total}" "{t!(i18n, complaints.count)}
                </p>
            }.into_any(),
        }}
        <Show when=move || !loading.get() && rows.with(Vec::is_empty) && counts.get().is_some_and(|c| c.total > 0)>
            <p class="empty" data-testid="no-match">{t!(i18n, complaints.no_match)}</p>
        </Show>
        <ul class="complaint-list" data-testid="complaint-list" on:click=remember_position>
            <For each=move || rows.get() key=|row| (row.id.clone(), row.updated_ms) let(row)>
                <ComplaintCard row now_ms=now.get_untracked()/>
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <p class="load-more">
                <button type="button" data-testid="load-more" disabled=move || loading.get()
                    on:click=move |_| load_more.with_value(|f| f())>{t!(i18n, list.load_more)}</button>
            </p>
        </Show>
        <p class="visually-hidden" role="status">{move || loading.get().then(|| t_string!(i18n, complaints.loading))}</p>
    }
}

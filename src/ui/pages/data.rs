//! Data page: how safely this device keeps its data — persistent storage, how full it is —
//! batch files out (export) and in (import), and the records set aside (quarantine) because
//! they could not be read or accepted.

use leptos::prelude::*;
use crate::browser::base::href;
use leptos_router::components::A;

use crate::browser::storage::{self, human_bytes};
use crate::i18n::*;

/// Storage persistence (with a button to ask for it) and usage against the quota.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    // Goes up after each import, so the records set aside are read again.
    let imported = RwSignal::new(0u32);
    let info = LocalResource::new(move || {
        refresh.track();
        async move { (storage::is_persisted().await, storage::estimate().await) }
    });
    let ask = Action::new_local(move |_: &()| async move {
        let granted = storage::request_persistence().await;
        refresh.update(|n| *n += 1);
        granted
    });

    view! {
        <h1>{t!(i18n, data.title)}</h1>
        <section class="panel" aria-labelledby="storage-title">
            <h2 id="storage-title">{t!(i18n, data.storage)}</h2>
            <Transition fallback=move || view! { <p role="status">{t!(i18n, complaints.loading)}</p> }>
                {move || info.get().map(|(persisted, usage)| view! {
                    <dl class="facts">
                        <dt>{t!(i18n, data.persistence)}</dt>
                        <dd data-testid="persistence">{match persisted {
                            Some(true) => t_string!(i18n, data.persisted_yes),
                            Some(false) => t_string!(i18n, data.persisted_no),
                            None => t_string!(i18n, data.unsupported),
                        }}</dd>
                        <dt>{t!(i18n, data.usage)}</dt>
                        <dd data-testid="usage">{match usage {
                            Some(u) => format!("{} / {} ({:.1} %)", human_bytes(u.used), human_bytes(u.quota), u.fraction() * 100.0),
                            None => t_string!(i18n, data.unsupported).to_string(),
                        }}</dd>
                    </dl>
                    {usage.map(|u| view! {
                        <meter min="0" max="1" high="0.8" optimum="0" value=u.fraction()
                            aria-label=move || t_string!(i18n, data.usage)></meter>
                    })}
                    <Show when=move || persisted == Some(false)>
                        <p class="hint">{t!(i18n, data.persist_hint)}</p>
                        <button type="button" class="primary" on:click=move |_| { ask.dispatch(()); }>
                            {t!(i18n, data.persist_button)}
                        </button>
                    </Show>
                })}
            </Transition>
        </section>
        <SyncFacts/>
        <super::data_export::ExportBatch/>
        <super::data_import::ImportBatch changed=imported/>
        <section class="panel" aria-labelledby="csv-link-title">
            <h2 id="csv-link-title">{t!(i18n, data.csv_title)}</h2>
            <p class="hint">{t!(i18n, data.csv_hint)}</p>
            <A href=href("/data/csv") attr:class="button" attr:data-testid="csv-import-link">{t!(i18n, data.csv_link)}</A>
        </section>
        <SetAside changed=imported/>
    }
}

/// Records that could not be converted or accepted, with their reason and source: kept,
/// never dropped, shown so a person knows they exist, downloadable, and tried again on demand
/// (and by each new app version).
#[component]
fn SetAside(changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let items = {
        let desk = desk.clone();
        LocalResource::new(move || {
            changed.track();
            let desk = desk.clone();
            async move { desk.quarantined().await.map_err(|e| e.code()) }
        })
    };
    let retry = Action::new_local(move |_: &()| {
        let desk = desk.clone();
        async move { desk.retry_quarantine().await.map_err(|e| e.code()) }
    });
    Effect::new(move |_| {
        if retry.value().with(Option::is_some) {
            changed.update(|c| *c += 1);
        }
    });
    let download = RwSignal::new(None::<(String, String)>);
    on_cleanup(move || {
        if let Some(Some((url, _))) = download.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    view! {
        <section class="panel" aria-labelledby="quarantine-title" data-testid="quarantine">
            <h2 id="quarantine-title">{t!(i18n, data.quarantine)}</h2>
            {move || items.get().map(|r| match r {
                Err(code) => view! { <p class="form-error" role="alert">{move || crate::ui::text::error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{t!(i18n, data.quarantine_empty)}</p> }.into_any(),
                Ok(list) => {
                    let json = serde_json::to_string_pretty(&list).unwrap_or_default();
                    let make_download = move |_| {
                        if let Some(url) = crate::browser::download::text_url(&json) {
                            let name = format!("set-aside-{}.json", chrono::Utc::now().format("%Y-%m-%d"));
                            crate::browser::download::start_download(&url, &name);
                            if let Some(Some((old, _))) = download.try_get_untracked() {
                                let _ = web_sys::Url::revoke_object_url(&old);
                            }
                            download.set(Some((url, name)));
                        }
                    };
                    view! {
                        <p class="hint">{t!(i18n, data.quarantine_hint)}</p>
                        <ul class="records" data-testid="quarantine-list">
                            {list.into_iter().map(|q| {
                                let when = chrono::DateTime::from_timestamp_millis(q.received_ms)
                                    .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                                    .unwrap_or_default();
                                // The reason starts with its stable code: the person reads it in their language.
                                let code = q.reason.split([' ', ':']).next().unwrap_or_default().to_string();
                                let known = crate::ui::text::known_error_text(i18n.get_locale_untracked(), &code).is_some();
                                view! {
                                    <li>
                                        <strong>{q.source}</strong>" · "{when}
                                        {known.then(|| { let code = code.clone(); view! { <br/>{move || crate::ui::text::error_text(i18n.get_locale(), &code)} } })}
                                        <br/><code>{q.reason}</code>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <div class="actions">
                            <button type="button" data-testid="quarantine-retry" disabled=move || retry.pending().get()
                                on:click=move |_| { retry.dispatch(()); }>{t!(i18n, data.quarantine_retry)}</button>
                            <button type="button" data-testid="quarantine-download" on:click=make_download>{t!(i18n, data.quarantine_download)}</button>
                        </div>
                    }.into_any()
                }
            })}
            <p role="status" data-testid="quarantine-retried">{move || retry.value().get().map(|r| match r {
                Ok(o) => t!(i18n, data.quarantine_retried_count, imported = o.imported, left = o.still_refused).into_any(),
                Err(code) => view! { {move || crate::ui::text::error_text(i18n.get_locale(), code)} }.into_any(),
            })}</p>
        </section>
    }
}

/// The last sync with the server: when, what was sent and received, the last problem.
#[component]
fn SyncFacts() -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let record = LocalResource::new(move || {
        let desk = desk.clone();
        async move { (desk.sync_settings().await.ok().flatten(), desk.sync_record().await.unwrap_or_default()) }
    });
    let when = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string()).unwrap_or_default();
    view! {
        {move || record.get().and_then(|(settings, r)| settings.map(|s| view! {
            <section class="panel" aria-labelledby="data-sync-title" data-testid="data-sync">
                <h2 id="data-sync-title">{t!(i18n, sync.title)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, sync.server)}</dt><dd>{format!("{} / {}", s.server, s.db)}</dd>
                    <dt>{t!(i18n, sync.last_ok)}</dt><dd data-testid="data-sync-last">{r.last_ok_ms.map(when).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t!(i18n, sync.sent)}</dt><dd data-testid="data-sync-sent">{r.last_sent}</dd>
                    <dt>{t!(i18n, sync.received)}</dt><dd data-testid="data-sync-received">{r.last_received}</dd>
                    {r.last_error.map(|code| view! {
                        <dt>{t!(i18n, sync.state)}</dt>
                        <dd>{move || crate::ui::text::error_text(i18n.get_locale(), &code)}</dd>
                    })}
                </dl>
            </section>
        }))}
    }
}

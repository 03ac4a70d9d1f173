//! Data page: how safely this device keeps its data — persistent storage, how full it is —
//! batch files out (export) and in (import), and the records set aside (quarantine) because
//! they could not be read or accepted.

use leptos::prelude::*;

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
        <super::data_export::ExportBatch/>
        <super::data_import::ImportBatch changed=imported/>
        <SetAside changed=imported/>
    }
}

/// Records that could not be converted or accepted, with their reason: kept, never dropped,
/// and shown so a person knows they exist.
#[component]
fn SetAside(changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let items = LocalResource::new(move || {
        changed.track();
        let desk = desk.clone();
        async move { desk.quarantined().await.map_err(|e| e.code()) }
    });
    view! {
        <section class="panel" aria-labelledby="quarantine-title" data-testid="quarantine">
            <h2 id="quarantine-title">{t!(i18n, data.quarantine)}</h2>
            {move || items.get().map(|r| match r {
                Err(code) => view! { <p class="form-error" role="alert">{move || crate::ui::text::error_text(i18n.get_locale(), code)}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{t!(i18n, data.quarantine_empty)}</p> }.into_any(),
                Ok(list) => view! {
                    <p class="hint">{t!(i18n, data.quarantine_hint)}</p>
                    <ul class="records">
                        {list.into_iter().map(|q| {
                            let when = chrono::DateTime::from_timestamp_millis(q.received_ms)
                                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                                .unwrap_or_default();
                            view! { <li><strong>{q.source}</strong>" · "{when}" · "<code>{q.reason}</code></li> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </section>
    }
}

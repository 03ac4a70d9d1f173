//! Data page: how safely this device keeps its data — persistent storage and how full it is.

use leptos::prelude::*;

use crate::browser::storage::{self, human_bytes};
use crate::i18n::*;

/// Storage persistence (with a button to ask for it) and usage against the quota.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
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
            <Suspense fallback=move || view! { <p role="status">{t!(i18n, complaints.loading)}</p> }>
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
            </Suspense>
        </section>
    }
}

//! Settings → Sync: the server, database and user; sign in (the password is sent once, never
//! kept); what the last sync did; Sync now; sign in again; turn sync off.

use leptos::prelude::*;

use crate::i18n::*;
use crate::services::sync::SyncSettings;
use crate::services::sync_runner::Phase;
use crate::ui::components::sync_badge::SyncContext;
use crate::ui::text::error_text;

/// The sync section.
#[component]
pub fn SyncPanel() -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let ctx = use_context::<SyncContext>().unwrap_or_default();
    let refresh = RwSignal::new(0u32);
    let saved = {
        let desk = desk.clone();
        LocalResource::new(move || {
            refresh.track();
            let desk = desk.clone();
            async move { (desk.sync_settings().await.ok().flatten(), desk.sync_record().await.unwrap_or_default()) }
        })
    };
    let server = RwSignal::new(String::new());
    let db = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Fill the form once with what is saved.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match saved.get() {
            Some((Some(s), _)) => {
                server.set(s.server);
                db.set(s.db);
                user.set(s.user);
                true
            }
            Some((None, _)) => true,
            None => false,
        }
    });
    let connect = {
        let desk = desk.clone();
        Action::new_local(move |_: &()| {
            let desk = desk.clone();
            let settings = SyncSettings { server: server.get_untracked(), db: db.get_untracked(), user: user.get_untracked() };
            let pass = password.get_untracked();
            async move { desk.connect_sync(&settings, &pass).await.map_err(|e| e.code()) }
        })
    };
    let disconnect = {
        let desk = desk.clone();
        Action::new_local(move |_: &()| {
            let desk = desk.clone();
            async move { desk.disconnect_sync().await.map_err(|e| e.code()) }
        })
    };
    Effect::new(move |_| {
        if connect.value().with(|v| matches!(v, Some(Ok(())))) {
            password.set(String::new());
            refresh.update(|n| *n += 1);
            ctx.sync_now();
        }
    });
    Effect::new(move |_| {
        if disconnect.value().with(|v| matches!(v, Some(Ok(())))) {
            refresh.update(|n| *n += 1);
        }
    });
    let status = ctx.status;
    let configured = move || saved.get().is_some_and(|(s, _)| s.is_some());
    let when = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string()).unwrap_or_default();

    view! {
        <section class="panel" id="sync" aria-labelledby="sync-title" data-testid="sync-panel">
            <h2 id="sync-title">{t!(i18n, sync.title)}</h2>
            <p class="hint">{t!(i18n, sync.hint)}</p>
            <form class="sync-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); connect.dispatch(()); }>
                <div class="field">
                    <label for="sync-server">{t!(i18n, sync.server)}</label>
                    <input id="sync-server" type="url" inputmode="url" autocomplete="url" placeholder="https://couch.example.com" required
                        prop:value=server on:input=move |ev| server.set(event_target_value(&ev))/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="sync-db">{t!(i18n, sync.database)}</label>
                        <input id="sync-db" type="text" autocomplete="off" required prop:value=db on:input=move |ev| db.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="sync-user">{t!(i18n, sync.user)}</label>
                        <input id="sync-user" type="text" autocomplete="username" required prop:value=user on:input=move |ev| user.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="sync-password">{t!(i18n, sync.password)}</label>
                        <input id="sync-password" type="password" autocomplete="current-password" aria-describedby="sync-password-hint"
                            prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                        <p class="hint" id="sync-password-hint">{t!(i18n, sync.password_hint)}</p>
                    </div>
                </div>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="sync-connect" disabled=move || connect.pending().get()>{t!(i18n, sync.connect)}</button>
                    <Show when=configured>
                        <button type="button" data-testid="sync-now" on:click=move |_| ctx.sync_now()>{t!(i18n, sync.now)}</button>
                        <button type="button" data-testid="sync-off" on:click=move |_| { disconnect.dispatch(()); }>{t!(i18n, sync.off)}</button>
                    </Show>
                </div>
            </form>
            {move || connect.value().get().map(|r| match r {
                Ok(()) => view! { <p role="status" data-testid="sync-connected">{t!(i18n, sync.connected)}</p> }.into_any(),
                Err(code) => view! {
                    <div class="form-error" role="alert" data-testid="sync-error" data-code=code>
                        <p>{move || error_text(i18n.get_locale(), code)}</p>
                        {(code == "sync_cors").then(|| view! { <pre class="config">{CORS_CONFIG}</pre> })}
                    </div>
                }.into_any(),
            })}
            <Show when=configured>
                <dl class="facts" data-testid="sync-facts">
                    {move || {
                        let s = status.get();
                        let problem = match s.phase {
                            Phase::Error | Phase::SignIn => s.error.map(|e| e.code()),
                            _ => None,
                        };
                        problem.map(|code| view! {
                            <dt>{t!(i18n, sync.state)}</dt>
                            <dd data-testid="sync-phase">{move || error_text(i18n.get_locale(), code)}</dd>
                        })
                    }}
                    <dt>{t!(i18n, sync.waiting_label)}</dt>
                    <dd data-testid="sync-waiting">{move || status.with(|s| s.waiting)}</dd>
                    <dt>{t!(i18n, sync.last_ok)}</dt>
                    <dd data-testid="sync-last">{move || status.with(|s| s.last_ok_ms).or_else(|| saved.get().and_then(|(_, r)| r.last_ok_ms)).map(when).unwrap_or_else(|| "—".into())}</dd>
                </dl>
            </Show>
        </section>
    }
}

/// What a CouchDB administrator adds (local.ini) so the app may talk to the server.
const CORS_CONFIG: &str = "[chttpd]\nenable_cors = true\n\n[cors]\norigins = https://<this app's address>\ncredentials = true\nmethods = GET, PUT, POST, HEAD, DELETE\nheaders = accept, authorization, content-type, origin, referer";

//! "Working rules version" on the Settings page: which revision of the rules this device runs,
//! who set it and when, whether it was changed here since; the export of the rules file (a
//! new revision when they changed) and, below, the import (`rules_import`).

use leptos::prelude::*;

use crate::browser::broadcast;
use crate::browser::download::text_url;
use crate::domain::rules_file::{RulesStamp, SetBy};
use crate::i18n::*;
use crate::services::desk::CHANGED_SETTINGS;
use crate::services::rules::ExportedRules;
use crate::ui::app::use_desk;
use crate::browser::download::start_download;
use crate::ui::session::current_user;
use crate::ui::pages::settings::rules_import::ImportRules;
use crate::ui::text::error_text;

/// Who set a revision: the person, if named, then the device's code and name.
pub(crate) fn who(s: &SetBy) -> String {
    let device = format!("{} · {}", s.device_code, s.device_name);
    match &s.person {
        Some(p) => format!("{p} ({device})"),
        None => device,
    }
}

/// A revision's facts, or what the device runs when its rules never were in a file. The
/// test ids start with `prefix`.
#[component]
pub(crate) fn VersionFacts(stamp: Option<RulesStamp>, changed: bool, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let facts = stamp.map(|s| {
        let when = desk.config().calendar.local(s.set_at_ms).format("%Y-%m-%d %H:%M").to_string();
        view! {
            <dl class="facts">
                <dt>{t!(i18n, rules_file.revision)}</dt>
                <dd data-testid=format!("{prefix}-revision")>{s.revision}</dd>
                <dt>{t!(i18n, rules_file.set_by)}</dt>
                <dd data-testid=format!("{prefix}-set-by")>{who(&s.set_by)}</dd>
                <dt>{t!(i18n, rules_file.set_at)}</dt>
                <dd data-testid=format!("{prefix}-set-at")>{when}</dd>
            </dl>
        }
    });
    let plain = facts.is_none();
    view! {
        {facts}
        {plain.then(|| view! {
            <p data-testid=format!("{prefix}-none")>
                {if changed { t!(i18n, rules_file.own_rules).into_any() } else { t!(i18n, rules_file.defaults).into_any() }}
            </p>
        })}
        {(changed && !plain).then(|| view! { <p class="warning" data-testid=format!("{prefix}-changed")>{t!(i18n, rules_file.changed_here)}</p> })}
    }
}

/// The section: the version, the export, the import. `applied` counts files applied here
/// (the rules form is rebuilt on it); `saved` counts saves of the rules form.
#[component]
pub fn RulesVersionSection(applied: RwSignal<u32>, saved: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let elsewhere = broadcast::use_changes(CHANGED_SETTINGS);
    let exported = RwSignal::new(0u32);
    let info = LocalResource::new({
        let desk = desk.clone();
        move || {
            applied.track();
            saved.track();
            elsewhere.track();
            exported.track();
            let desk = desk.clone();
            async move { desk.rules_info().await.map_err(|e| e.code()) }
        }
    });
    let person = RwSignal::new(current_user());
    let made = RwSignal::new_local(None::<(ExportedRules, String)>);
    let error = RwSignal::new(None::<&'static str>);
    let export = Action::new_local(move |person: &String| {
        let (desk, person) = (desk.clone(), person.clone());
        async move { desk.export_rules(&person).await.map_err(|e| e.code()) }
    });
    let revoke = move || {
        if let Some(Some((_, url))) = made.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    };
    Effect::new(move |_| match export.value().get() {
        Some(Ok(file)) => {
            revoke();
            match text_url(&file.text) {
                Some(url) => {
                    start_download(&url, &file.file_name);
                    made.set(Some((file, url)));
                    exported.update(|n| *n += 1);
                }
                None => error.set(Some("storage_failed")),
            }
        }
        Some(Err(code)) => error.set(Some(code)),
        None => {}
    });
    on_cleanup(revoke);

    view! {
        <section class="panel" aria-labelledby="rules-version-title" data-testid="rules-version">
            <h2 id="rules-version-title">{t!(i18n, rules_file.title)}</h2>
            <p class="hint">{t!(i18n, rules_file.intro)}</p>
            <Transition fallback=|| ()>
                {move || info.get().map(|r| match r {
                    Err(code) => view! { <p class="form-error" role="alert">{move || error_text(i18n.get_locale(), code)}</p> }.into_any(),
                    Ok(info) => view! {
                        <VersionFacts stamp=info.version.map(|v| v.stamp) changed=info.locally_changed prefix="rules"/>
                        {info.replaced.map(|text| view! { <ReplacedDownload text/> })}
                    }.into_any(),
                })}
            </Transition>

            <h3>{t!(i18n, rules_file.export_title)}</h3>
            <form class="rules-export" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                export.dispatch(person.get_untracked());
            }>
                <div class="field">
                    <label for="rules-person">{t!(i18n, rules_file.person)}</label>
                    <input id="rules-person" type="text" maxlength="60" autocomplete="name" aria-describedby="rules-person-hint"
                        prop:value=person on:input=move |ev| person.set(event_target_value(&ev))/>
                    <p class="hint" id="rules-person-hint">{t!(i18n, rules_file.person_hint)}</p>
                </div>
                <button type="submit" class="primary" data-testid="rules-export" disabled=move || export.pending().get()>{t!(i18n, rules_file.export)}</button>
            </form>
            <p role="status" data-testid="rules-export-result">
                {move || made.get().map(|(file, url)| {
                    let revision = file.version.stamp.revision;
                    view! {
                        {if file.new_revision {
                            t!(i18n, rules_file.exported_new, revision = revision).into_any()
                        } else {
                            t!(i18n, rules_file.exported_same, revision = revision).into_any()
                        }}" "
                        <a href=url download=file.file_name.clone()>{file.file_name.clone()}</a>
                    }
                })}
            </p>
            {move || error.get().map(|code| view! {
                <p class="form-error" role="alert" data-testid="rules-export-error">{move || error_text(i18n.get_locale(), code)}</p>
            })}

            <ImportRules applied/>
        </section>
    }
}

/// A download of the rules this device had before a person chose to replace them.
#[component]
fn ReplacedDownload(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let url = text_url(&text);
    let revoke = url.clone();
    on_cleanup(move || {
        if let Some(u) = &revoke {
            let _ = web_sys::Url::revoke_object_url(u);
        }
    });
    url.map(|href| view! {
        <p><a href=href download="working-rules-replaced.json" data-testid="rules-replaced-download">{t!(i18n, rules_file.replaced_download)}</a></p>
    })
}

//! Settings page: this device's identity (id, code, editable name), the working rules' version
//! with their export and import as a rules file (`rules_file`, `rules_import`), the working rules
//! (`rules`, with `staff` and `holidays`), and sync (`sync`). The parts are this page's own
//! modules; nothing outside Settings imports them.

mod holidays;
mod rules;
mod rules_file;
mod rules_import;
mod staff;
mod sync;

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::app::use_desk;
use crate::ui::components::language_switch::LanguageSwitch;
use rules::WorkingRules;
use rules_file::RulesVersionSection;
use crate::ui::text::error_text;

/// Device identity, with the name editable, and the working rules.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let name = RwSignal::new(desk.device().name);
    let message = RwSignal::new(None::<Result<(), &'static str>>);
    let rename = Action::new_local({
        let desk = desk.clone();
        move |name: &String| {
            let desk = desk.clone();
            let name = name.clone();
            async move { desk.rename_device(&name).await.map(|_| ()).map_err(|e| e.code()) }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = rename.value().get() {
            message.set(Some(result));
        }
    });
    let device = desk.device();
    // Rules applied from a file rebuild the rules form; saves of the form refresh the version.
    let applied = RwSignal::new(0u32);
    let saved = RwSignal::new(0u32);

    view! {
        <h1>{t!(i18n, settings.title)}</h1>
        <section class="panel">
            <h2>{t!(i18n, settings.device)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, settings.device_code)}</dt>
                <dd data-testid="device-code">{device.code}</dd>
                <dt>{t!(i18n, settings.device_id)}</dt>
                <dd class="mono" data-testid="device-id">{device.id}</dd>
            </dl>
            <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                message.set(None);
                rename.dispatch(name.get_untracked());
            }>
                <div class="field">
                    <label for="device_name">{t!(i18n, settings.device_name)}</label>
                    <input id="device_name" type="text" maxlength="40" required
                        aria-describedby="device_name-msg"
                        aria-invalid=move || matches!(message.get(), Some(Err(_))).to_string()
                        prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <p id="device_name-msg" class="field-message" aria-live="polite">
                        {move || match message.get() {
                            Some(Ok(())) => Some(view! { <span class="ok">{t!(i18n, settings.name_saved)}</span> }.into_any()),
                            Some(Err(code)) => Some(view! { <span class="field-error">{error_text(i18n.get_locale(), code)}</span> }.into_any()),
                            None => None,
                        }}
                    </p>
                </div>
                <button type="submit" class="primary">{t!(i18n, settings.save_name)}</button>
            </form>
        </section>
        <section class="panel" aria-labelledby="language-title">
            <h2 id="language-title">{t!(i18n, language.label)}</h2>
            <LanguageSwitch id="settings-language"/>
        </section>
        <sync::SyncPanel/>
        <RulesVersionSection applied saved/>
        {move || {
            applied.track();
            view! { <WorkingRules saved_count=saved/> }
        }}
    }
}

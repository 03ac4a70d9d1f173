//! Export of batch files on the Data page: what (everything, changes since the last export, a
//! period), with or without files, redacted or complete, sealed with a passphrase or not; then
//! shared (tablets) or downloaded.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::browser::download::{can_share_files, share_text_file, start_download, text_url};
use crate::i18n::*;
use crate::services::export::{ExportOptions, ExportScope, ExportedFile};
use crate::ui::text::error_text;

/// Passphrases shorter than this are refused: the file may travel through anyone's hands.
pub const MIN_PASSPHRASE: usize = 8;

/// Which events an export takes, as chosen by its radio buttons (`ExportScope` once the
/// period's dates are read).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    All,
    SinceLast,
    Period,
}

impl ScopeKind {
    /// The radio's id and value suffix (`export-scope-…`), as before the choice was typed.
    fn id(self) -> &'static str {
        match self {
            ScopeKind::All => "all",
            ScopeKind::SinceLast => "since",
            ScopeKind::Period => "period",
        }
    }
}

/// What an export made: the file, its download URL and what it holds.
#[derive(Clone)]
struct Made {
    file: ExportedFile,
    url: String,
}

/// The export form and its result.
///
/// Longer than ~150 lines on purpose: the scope, the period, the passphrase and its repeat,
/// and sharing or downloading the result are one form whose choices depend on each other.
#[component]
pub fn ExportBatch() -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let scope = RwSignal::new(ScopeKind::All);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let with_files = RwSignal::new(true);
    let redacted = RwSignal::new(false);
    let seal = RwSignal::new(false);
    let pass = RwSignal::new(String::new());
    let pass2 = RwSignal::new(String::new());
    let made = RwSignal::new_local(None::<Made>);
    let error = RwSignal::new(None::<&'static str>);
    let shared = RwSignal::new(None::<bool>);
    let sharing = can_share_files();

    let export = Action::new_local(move |options: &ExportOptions| {
        let (desk, options) = (desk.clone(), options.clone());
        async move { desk.export(&options).await.map_err(|e| e.code()) }
    });
    let revoke = move || {
        if let Some(Some(old)) = made.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old.url);
        }
    };
    let submit = move || {
        error.set(None);
        shared.set(None);
        let scope = match scope.get_untracked() {
            ScopeKind::All => ExportScope::All,
            ScopeKind::SinceLast => ExportScope::SinceLast,
            ScopeKind::Period => {
                let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
                match (date(from.get_untracked()), date(to.get_untracked())) {
                    (Some(from), Some(to)) if from <= to => ExportScope::Period { from, to },
                    _ => return error.set(Some("export_bad_period")),
                }
            }
        };
        let passphrase = if seal.get_untracked() {
            let (p, p2) = (pass.get_untracked(), pass2.get_untracked());
            if p.trim().is_empty() {
                return error.set(Some("passphrase_empty"));
            }
            if p.chars().count() < MIN_PASSPHRASE {
                return error.set(Some("passphrase_short"));
            }
            if p != p2 {
                return error.set(Some("passphrase_mismatch"));
            }
            Some(p)
        } else {
            None
        };
        let redacted = redacted.get_untracked();
        export.dispatch(ExportOptions { scope, with_files: with_files.get_untracked() && !redacted, redacted, passphrase });
    };
    Effect::new(move |_| match export.value().get() {
        Some(Ok(file)) => {
            revoke();
            match text_url(&file.text) {
                Some(url) => {
                    if !sharing {
                        start_download(&url, &file.file_name);
                    }
                    made.set(Some(Made { file, url }));
                }
                None => error.set(Some("storage_failed")),
            }
        }
        Some(Err(code)) => error.set(Some(code)),
        None => {}
    });
    on_cleanup(revoke);
    let share = move |_| {
        let Some(m) = made.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let ok = share_text_file(&m.file.text, &m.file.file_name).await.unwrap_or(false);
            shared.try_set(Some(ok));
        });
    };
    let radio = move |kind: ScopeKind, label: AnyView| {
        let id = format!("export-scope-{}", kind.id());
        view! {
            <div class="field check">
                <input type="radio" name="export-scope" id=id.clone() value=kind.id() prop:checked=move || scope.get() == kind
                    on:change=move |_| scope.set(kind)/>
                <label for=id>{label}</label>
            </div>
        }
    };

    view! {
        <section class="panel" aria-labelledby="export-title" data-testid="export">
            <h2 id="export-title">{t!(i18n, data.export_title)}</h2>
            <p class="hint">{t!(i18n, data.export_hint)}</p>
            <fieldset class="export-options">
                <legend>{t!(i18n, export.what)}</legend>
                {radio(ScopeKind::All, t!(i18n, export.scope_all).into_any())}
                {radio(ScopeKind::SinceLast, t!(i18n, export.scope_since).into_any())}
                {radio(ScopeKind::Period, t!(i18n, export.scope_period).into_any())}
                <Show when=move || scope.get() == ScopeKind::Period>
                    <div class="field-row">
                        <div class="field">
                            <label for="export-from">{t!(i18n, export.from)}</label>
                            <input id="export-from" type="date" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="export-to">{t!(i18n, export.to)}</label>
                            <input id="export-to" type="date" prop:value=to on:input=move |ev| to.set(event_target_value(&ev))/>
                        </div>
                    </div>
                </Show>
            </fieldset>
            <div class="field check">
                <input type="checkbox" id="export-files" prop:checked=move || with_files.get() && !redacted.get() disabled=move || redacted.get()
                    on:change=move |ev| with_files.set(event_target_checked(&ev))/>
                <label for="export-files">{t!(i18n, data.export_files)}</label>
            </div>
            <div class="field check">
                <input type="checkbox" id="export-redacted" aria-describedby="export-redacted-hint" prop:checked=redacted
                    on:change=move |ev| redacted.set(event_target_checked(&ev))/>
                <label for="export-redacted">{t!(i18n, export.redacted)}</label>
            </div>
            <p class="hint" id="export-redacted-hint">{t!(i18n, export.redacted_hint)}</p>
            <div class="field check">
                <input type="checkbox" id="export-seal" prop:checked=seal on:change=move |ev| seal.set(event_target_checked(&ev))/>
                <label for="export-seal">{t!(i18n, export.seal)}</label>
            </div>
            <Show when=move || seal.get()>
                <p class="hint" id="export-seal-hint">{t!(i18n, export.seal_hint)}</p>
                <div class="field-row">
                    <div class="field">
                        <label for="export-pass">{t!(i18n, export.passphrase)}</label>
                        <input id="export-pass" type="password" autocomplete="new-password" aria-describedby="export-seal-hint"
                            prop:value=pass on:input=move |ev| pass.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="export-pass2">{t!(i18n, export.passphrase_again)}</label>
                        <input id="export-pass2" type="password" autocomplete="new-password"
                            prop:value=pass2 on:input=move |ev| pass2.set(event_target_value(&ev))/>
                    </div>
                </div>
            </Show>
            <button type="button" class="primary" data-testid="export-all" disabled=move || export.pending().get()
                on:click=move |_| submit()>{t!(i18n, export.run)}</button>
            <p role="status" data-testid="export-result">
                {move || made.get().map(|m| {
                    let f = m.file.clone();
                    view! {
                        {t!(i18n, data.exported, events = f.events, complaints = f.complaints, files = f.files)}" "
                        <a href=m.url download=f.file_name.clone()>{f.file_name.clone()}</a>
                        {f.sealed.then(|| view! { " "{t!(i18n, export.sealed_note)} })}
                    }
                })}
            </p>
            <Show when=move || sharing && made.with(Option::is_some)>
                <button type="button" data-testid="export-share" on:click=share>{t!(i18n, export.share)}</button>
            </Show>
            {move || (shared.get() == Some(false)).then(|| view! { <p class="hint">{t!(i18n, export.share_failed)}</p> })}
            {move || error.get().map(|code| view! { <p class="form-error" role="alert" data-testid="export-error">{move || error_text(i18n.get_locale(), code)}</p> })}
        </section>
    }
}

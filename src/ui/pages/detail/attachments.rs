//! Photos and documents of a complaint (SPEC §3): taken with the tablet's camera or chosen
//! from files, stored on the device with their event, and shown as a gallery.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::files::download_name;
use crate::domain::payload::Attachment;
use crate::i18n::*;
use crate::services::AttachmentUrl;
use crate::ui::app::use_desk;
use crate::ui::session::current_user;
use crate::ui::components::files::picked_files;
use crate::ui::text::error_text;

use super::form::use_case;

/// A camera / file input that attaches what is picked right away.
#[component]
pub fn AttachPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let case = use_case();
    let id = case.id.clone();
    let on_saved = case.on_saved;
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let files = picked_files(&ev);
        let (desk, id) = (desk.clone(), id.clone());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let mut any = false;
            for file in files {
                match desk.attach(&id, &file, &current_user()).await {
                    Ok(_) => any = true,
                    Err(e) => {
                        error.set(Some(e.code()));
                        break;
                    }
                }
            }
            busy.set(false);
            // The page may have been left meanwhile: its signals are gone, and so is the refresh.
            if any && error.try_get_untracked() == Some(None) {
                on_saved.run(None);
            }
        });
    };
    let body = view! {
        <div class="field">
            <label for="attach-file">{t!(i18n, attach.pick)}</label>
            <input type="file" id="attach-file" accept="image/*" capture="environment" multiple
                aria-describedby="attach-file-hint attach-file-error" disabled=move || busy.get() on:change=on_change/>
            <p class="hint" id="attach-file-hint">{t!(i18n, attach.hint)}</p>
            <p class="field-error" id="attach-file-error" role="alert">{move || error.get().map(|c| error_text(i18n.get_locale(), c))}</p>
        </div>
    };
    if folded {
        view! {
            <details class="panel step" data-testid="attach-panel">
                <summary><span class="summary-title">{t!(i18n, attach.title)}</span></summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! {
            <section class="panel step" data-testid="attach-panel">
                <h3>{t!(i18n, attach.title)}</h3>
                {body}
            </section>
        }
        .into_any()
    }
}

/// Thumbnails of the complaint's photos and links to its other files.
#[component]
pub fn Gallery(#[prop(into)] attachments: Signal<Vec<Attachment>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !attachments.with(Vec::is_empty)>
            <h3>{t!(i18n, attach.title)}</h3>
            <ul class="gallery" data-testid="gallery">
                <For each=move || attachments.get() key=|a| a.key.clone() let:a><Thumb a/></For>
            </ul>
        </Show>
    }
}

#[component]
fn Thumb(a: Attachment) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let key = a.key.clone();
    // A storage error keeps its code: it is not the same as a file kept on another device.
    let url = LocalResource::new(move || {
        let (desk, key) = (desk.clone(), key.clone());
        async move { desk.attachment_url(&key).await.map_err(|e| e.code()) }
    });
    // Object URLs hold the file in memory until revoked.
    on_cleanup(move || {
        if let Some(Ok(Some(u))) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(u.url());
        }
    });
    let name = a.name.clone();
    let file_name = download_name(&a.name);
    view! {
        <li>
            {move || match url.get() {
                None => view! { <span class="muted">{name.clone()}</span> }.into_any(),
                Some(Ok(None)) => view! { <span class="muted">{name.clone()}" — "{t!(i18n, attach.not_here)}</span> }.into_any(),
                Some(Err(code)) => view! { <span class="field-error">{name.clone()}" — "{error_text(i18n.get_locale(), code)}</span> }.into_any(),
                Some(Ok(Some(AttachmentUrl::Image(u)))) => {
                    let href = u.clone();
                    view! { <a href=href target="_blank" rel="noopener"><img src=u alt=name.clone() loading="lazy"/></a> }.into_any()
                }
                // Never rendered on this origin: a download, whatever the file claims to be.
                Some(Ok(Some(AttachmentUrl::Download(u)))) => view! { <a href=u download=file_name.clone()>{name.clone()}</a> }.into_any(),
            }}
        </li>
    }
}

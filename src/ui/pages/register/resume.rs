//! Offers to resume Register drafts left by an earlier visit (a crash, a closed tab).

use leptos::prelude::*;

use super::draft::FORM;
use super::model::RegisterDraft;
use crate::browser::broadcast::use_changes;
use crate::browser::locks::{draft_lock, held_names};
use crate::i18n::*;
use crate::services::desk::CHANGED_DRAFTS;
use crate::ui::app::use_desk;
use crate::ui::text::error_text;

/// Lists this device's unfinished registrations (other than the one being edited) with
/// "Resume" and "Discard" buttons.
#[component]
pub fn ResumeDrafts(
    /// The id of the draft the form is editing now.
    current: RwSignal<String>,
    /// Called with a draft's fields and id when the user resumes it.
    on_resume: impl Fn(RegisterDraft, String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let refresh = RwSignal::new(0u32);
    let changes = use_changes(CHANGED_DRAFTS);
    let drafts = LocalResource::new({
        let desk = desk.clone();
        move || {
            refresh.track();
            changes.track();
            let desk = desk.clone();
            async move {
                // Drafts a killed tab only spilled are stored first, so they are listed too.
                super::spill::recover(&desk, &current.get_untracked()).await;
                // A failed read is said, never shown as "no drafts".
                let drafts = desk.drafts(FORM).await.map_err(|e| e.code());
                (drafts, held_names().await)
            }
        }
    });
    let discard_error = RwSignal::new(None::<&'static str>);
    // Times in the business time zone, as every receipt and deadline is (not the browser's).
    let cal = desk.calendar();
    let discard = Action::new_local(move |id: &String| {
        let desk = desk.clone();
        let id = id.clone();
        async move {
            let result = desk.discard_draft(&id).await;
            if result.is_ok() {
                super::spill::forget(&id, None);
            }
            discard_error.try_set(result.err().map(|e| e.code()));
            refresh.try_update(|n| *n += 1);
        }
    });

    // A draft held by another tab becomes free when that tab closes, which no event announces:
    // look again shortly while any is held.
    Effect::new(move |_| {
        let any_busy = drafts.with(|d| {
            let me = current.get();
            d.as_ref().is_some_and(|(all, held)| {
                all.as_ref().is_ok_and(|all| all.iter().any(|x| x.id != me && held.contains(&draft_lock(&x.id))))
            })
        });
        if any_busy {
            // The list may be gone by then (the user left the page): then nothing to refresh.
            set_timeout(move || { refresh.try_update(|n| *n += 1); }, std::time::Duration::from_millis(1500));
        }
    });

    move || {
        let on_resume = on_resume.clone();
        let cal = cal.clone();
        let format_time = move |ms: i64| cal.local(ms).format("%Y-%m-%d %H:%M").to_string();
        let (all, held) = drafts.get().unwrap_or_else(|| (Ok(Vec::new()), Vec::new()));
        let all = match all {
            Ok(all) => all,
            Err(code) => {
                return Some(view! {
                    <p class="form-error" role="alert" data-testid="drafts-error">{move || error_text(i18n.get_locale(), code)}</p>
                }.into_any())
            }
        };
        // A draft that no longer reads is kept and shown as such (with its reason), never dropped.
        let (list, unreadable): (Vec<_>, Vec<_>) = all
            .into_iter()
            .filter(|d| d.id != current.get())
            .map(|d| {
                let busy = held.contains(&draft_lock(&d.id));
                match serde_json::from_str::<RegisterDraft>(&d.data) {
                    Ok(r) => Ok((d.id, d.updated_ms, r, busy)),
                    Err(e) => Err((d.id, d.updated_ms, e.to_string())),
                }
            })
            .partition(Result::is_ok);
        let list: Vec<(String, i64, RegisterDraft, bool)> = list.into_iter().filter_map(Result::ok).collect();
        let unreadable: Vec<(String, i64, String)> = unreadable.into_iter().filter_map(Result::err).collect();
        (!list.is_empty() || !unreadable.is_empty()).then(|| view! {
            <section class="drafts" aria-labelledby="drafts-title" data-testid="drafts">
                <h2 id="drafts-title">{t!(i18n, drafts.title)}</h2>
                {move || discard_error.get().map(|code| view! {
                    <p class="form-error" role="alert">{move || error_text(i18n.get_locale(), code)}</p>
                })}
                <ul>
                    {list.into_iter().map(|(id, updated_ms, draft, busy)| {
                        let on_resume = on_resume.clone();
                        let when = format_time(updated_ms);
                        let preview = draft.preview();
                        let id2 = id.clone();
                        view! {
                            <li class="draft">
                                <span class="draft-preview">{preview}</span>
                                <span class="muted">{t!(i18n, drafts.saved_at)}" "{when}</span>
                                <Show when=move || busy>
                                    <span class="chip" data-testid="draft-in-other-tab">{t!(i18n, drafts.in_other_tab)}</span>
                                </Show>
                                <span class="draft-actions" hidden=busy>
                                    <button type="button" class="primary" on:click=move |_| {
                                        on_resume(draft.clone(), id.clone());
                                        refresh.update(|n| *n += 1);
                                    }>{t!(i18n, drafts.resume)}</button>
                                    <button type="button" on:click=move |_| { discard.dispatch(id2.clone()); }>
                                        {t!(i18n, drafts.discard)}
                                    </button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                    {unreadable.into_iter().map(|(id, updated_ms, reason)| view! {
                        <li class="draft" data-testid="draft-unreadable">
                            <span class="draft-preview">{t!(i18n, drafts.unreadable)}" "<code>{reason}</code></span>
                            <span class="muted">{t!(i18n, drafts.saved_at)}" "{format_time(updated_ms)}</span>
                            <span class="draft-actions">
                                <button type="button" on:click=move |_| { discard.dispatch(id.clone()); }>{t!(i18n, drafts.discard)}</button>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }.into_any())
    }
}

//! Saved mappings: save the current mapping under a name, use a saved one for the next file of
//! the same shape (a fitting one is chosen by itself when a file is read), forget one.

use leptos::prelude::*;

use super::CsvState;
use crate::domain::csv::mapping::CsvMapping;
use crate::i18n::*;
use crate::ui::text::error_text;
use crate::ui::text::fill;

/// The most characters of a mapping's name.
const MAX_NAME_CHARS: usize = 80;

/// The saved mappings section. `on_saved` uses a saved mapping (the page reads the file again
/// when its delimiter differs).
#[component]
pub fn SavedMappings(state: CsvState, on_saved: Callback<(String, CsvMapping)>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let changed = RwSignal::new(0u32);
    let saved = {
        let desk = desk.clone();
        LocalResource::new(move || {
            changed.track();
            let desk = desk.clone();
            async move { desk.csv_mappings().await.unwrap_or_default() }
        })
    };
    let chosen = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    // What the last save or delete did: Ok(message key) or Err(error code).
    let outcome = RwSignal::new(None::<Result<bool, &'static str>>);
    Effect::new(move |_| {
        if let Some(n) = state.saved_name.get() {
            name.set(n.clone());
            chosen.set(n);
        }
    });
    let in_use = move || {
        let n = state.saved_name.get()?;
        let same = saved
            .get()?
            .iter()
            .any(|s| s.name == n && state.mapping.with(|m| *m == s.mapping));
        Some((n, same))
    };
    let save = Action::new_local({
        let desk = desk.clone();
        move |(n, mapping): &(String, CsvMapping)| {
            let (desk, n, mapping) = (desk.clone(), n.clone(), mapping.clone());
            async move {
                desk.save_csv_mapping(&n, &mapping)
                    .await
                    .map(|()| n)
                    .map_err(|e| e.code())
            }
        }
    });
    let delete = Action::new_local(move |n: &String| {
        let (desk, n) = (desk.clone(), n.clone());
        async move { desk.delete_csv_mapping(&n).await.map_err(|e| e.code()) }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(n)) => {
            state.saved_name.set(Some(n));
            outcome.set(Some(Ok(true)));
            changed.update(|c| *c += 1);
        }
        Some(Err(code)) => outcome.set(Some(Err(code))),
        None => {}
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => {
            state.saved_name.set(None);
            chosen.set(String::new());
            outcome.set(Some(Ok(false)));
            changed.update(|c| *c += 1);
        }
        Some(Err(code)) => outcome.set(Some(Err(code))),
        None => {}
    });
    let use_chosen = move || {
        let n = chosen.get_untracked();
        if let Some(s) = saved
            .get_untracked()
            .and_then(|all| all.into_iter().find(|s| s.name == n))
        {
            outcome.set(None);
            on_saved.run((s.name, s.mapping));
        }
    };
    let name_ok =
        move || name.with(|n| !n.trim().is_empty() && n.trim().chars().count() <= MAX_NAME_CHARS);
    view! {
        <section class="panel" aria-labelledby="csv-saved-title">
            <h2 id="csv-saved-title">{t!(i18n, csv_import.saved_title)}</h2>
            <p class="hint" data-testid="csv-saved-in-use">{move || in_use().map(|(n, same)| {
                let locale = i18n.get_locale();
                if same { fill(td_string!(locale, csv_import.saved_in_use), &[("name", n.clone())]) }
                else { fill(td_string!(locale, csv_import.saved_changed), &[("name", n.clone())]) }
            })}</p>
            <Transition fallback=|| ()>
                {move || saved.get().filter(|all| !all.is_empty()).map(|all| view! {
                    <div class="field inline csv-row">
                        <label for="csv-saved">{t!(i18n, csv_import.saved_pick)}</label>
                        <select id="csv-saved" prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))
                            disabled=move || state.running.get()>
                            <option value="">{t!(i18n, csv_import.choose)}</option>
                            {all.into_iter().map(|s| view! { <option value=s.name.clone()>{s.name.clone()}</option> }).collect_view()}
                        </select>
                        <button type="button" data-testid="csv-saved-use" disabled=move || chosen.with(String::is_empty) || state.running.get()
                            on:click=move |_| use_chosen()>{t!(i18n, csv_import.saved_use)}</button>
                        <button type="button" data-testid="csv-saved-delete" disabled=move || chosen.with(String::is_empty) || state.running.get()
                            on:click=move |_| { delete.dispatch(chosen.get_untracked()); }>{t!(i18n, csv_import.saved_delete)}</button>
                    </div>
                })}
            </Transition>
            <form class="field inline csv-row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if name_ok() { save.dispatch((name.get_untracked().trim().to_string(), state.mapping.get_untracked())); }
            }>
                <label for="csv-save-name">{t!(i18n, csv_import.save_as)}</label>
                <input id="csv-save-name" type="text" maxlength=MAX_NAME_CHARS prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" data-testid="csv-save" disabled=move || !name_ok() || state.running.get()>{t!(i18n, csv_import.save)}</button>
            </form>
            <p role="status" data-testid="csv-saved-status">{move || outcome.get().map(|o| match o {
                Ok(true) => t_string!(i18n, csv_import.saved_done).to_string(),
                Ok(false) => t_string!(i18n, csv_import.deleted_done).to_string(),
                Err(code) => error_text(i18n.get_locale(), code),
            })}</p>
        </section>
    }
}

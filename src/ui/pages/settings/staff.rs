//! The staff editor of the working rules (issue #12): one row per person, the name and a
//! checkbox per role, rows added and removed; a refusal of the domain (`settings::staff_rows`:
//! a bad name, a name twice, no role) is shown at its row, whose name gets the focus.

use leptos::prelude::*;
use leptos_i18n::td_string;
use wasm_bindgen::JsCast;

use crate::domain::keyed::Keyed;
use crate::domain::staff::{Role, StaffMember};
use crate::i18n::*;
use crate::ui::text::{error_text, Translate};

/// Focuses the element with this id, if it is on the page.
fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// One row being edited.
#[derive(Clone, Copy)]
struct Row {
    /// Stable while the page lives, for keyed rendering and the inputs' ids.
    key: u32,
    name: RwSignal<String>,
    roles: RwSignal<Vec<Role>>,
}

/// The rows of the editor.
#[derive(Clone, Copy)]
pub struct StaffRows {
    rows: RwSignal<Vec<Row>>,
    next: StoredValue<u32>,
    /// The row just added, whose name takes the focus once it is on the page.
    fresh: StoredValue<Option<u32>>,
}

impl StaffRows {
    pub fn of(staff: &[StaffMember]) -> StaffRows {
        let rows = staff
            .iter()
            .enumerate()
            .map(|(i, m)| Row { key: i as u32, name: RwSignal::new(m.name.clone()), roles: RwSignal::new(m.roles.clone()) })
            .collect();
        StaffRows { rows: RwSignal::new(rows), next: StoredValue::new(staff.len() as u32), fresh: StoredValue::new(None) }
    }

    /// What is typed now, row by row, for the domain to check.
    pub fn members(self) -> Vec<StaffMember> {
        self.rows.with_untracked(|rows| rows.iter().map(|r| StaffMember::new(r.name.get_untracked(), &r.roles.get_untracked())).collect())
    }

    /// A new empty row (a handler by default: most people on a desk handle complaints); its key.
    fn add(self) -> u32 {
        let key = self.next.get_value();
        self.next.set_value(key + 1);
        self.fresh.set_value(Some(key));
        self.rows.update(|rows| rows.push(Row { key, name: RwSignal::new(String::new()), roles: RwSignal::new(vec![Role::Handler]) }));
        key
    }

    fn remove(self, key: u32) {
        self.rows.update(|rows| rows.retain(|r| r.key != key));
    }
}

/// The editor. `refusal` is the staff refusal of the last save: its code and the 1-based row.
#[component]
pub fn StaffEditor(rows: StaffRows, #[prop(into)] refusal: Signal<Option<(&'static str, Option<usize>)>>) -> impl IntoView {
    let i18n = use_i18n();
    // The row a refusal names, by key (rows are numbered as on the screen).
    let refused_key = Memo::new(move |_| {
        refusal.get().and_then(|(_, line)| line).and_then(|n| rows.rows.with(|r| r.get(n.wrapping_sub(1)).map(|r| r.key)))
    });
    Effect::new(move |_| {
        if let Some(key) = refused_key.get() {
            focus_id(&format!("staff-{key}-name"));
        }
    });
    let row_error = move |key: u32| move || (refused_key.get() == Some(key)).then(|| refusal.get().map(|(code, _)| error_text(i18n.get_locale(), code))).flatten();
    view! {
        <fieldset class="field staff-editor" aria-describedby="settings-staff-intro settings-staff-error" data-testid="staff-editor">
            <legend>{t!(i18n, staff.title)}</legend>
            <p class="hint" id="settings-staff-intro">{t!(i18n, staff.intro)}</p>
            <Show when=move || rows.rows.with(Vec::is_empty)>
                <p class="hint" data-testid="staff-empty">{t!(i18n, staff.empty)}</p>
            </Show>
            <ol class="staff-rows">
                <For each=move || rows.rows.get() key=|r| r.key let:row>
                    <StaffRowView row rows error=Signal::derive(row_error(row.key))/>
                </For>
            </ol>
            <button type="button" data-testid="staff-add" on:click=move |_| { rows.add(); }>{t!(i18n, staff.add)}</button>
            <p class="field-error" id="settings-staff-error" aria-live="polite">
                {move || refusal.get().filter(|_| refused_key.get().is_none()).map(|(code, _)| error_text(i18n.get_locale(), code))}
            </p>
        </fieldset>
    }
}

/// One person: name, a checkbox per role, remove; the row's refusal under it.
#[component]
fn StaffRowView(row: Row, rows: StaffRows, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let (name_id, error_id) = (format!("staff-{key}-name"), format!("staff-{key}-error"));
    // A row just added takes the focus as soon as it is mounted: in the same turn as the click
    // (effects run as microtasks), so keys typed right after "Add" land in its name. Waiting
    // for a frame let a quick typist's first keys go to the button.
    let name_ref = NodeRef::<leptos::html::Input>::new();
    if rows.fresh.get_value() == Some(key) {
        rows.fresh.set_value(None);
        name_ref.on_load(|el| drop(el.focus()));
    }
    let position = move || rows.rows.with(|r| r.iter().position(|x| x.key == key).map_or(0, |i| i + 1));
    let who = move || {
        let n = row.name.get();
        if n.trim().is_empty() { td_string!(i18n.get_locale(), staff.person_n).replace("[n]", &position().to_string()) } else { n }
    };
    view! {
        <li class="staff-row" data-testid="staff-row">
            <div class="field">
                <label for=name_id.clone()>{t!(i18n, staff.name)}</label>
                <input id=name_id node_ref=name_ref type="text" autocomplete="off" aria-describedby=error_id.clone() aria-invalid=move || error.get().is_some().to_string()
                    data-testid="staff-name" prop:value=row.name on:input=move |ev| row.name.set(event_target_value(&ev))/>
            </div>
            <fieldset class="choices staff-roles">
                <legend>{move || td_string!(i18n.get_locale(), staff.roles_of).replace("[name]", &who())}</legend>
                {Role::all().into_iter().map(|role| {
                    let id = format!("staff-{key}-{}", role.key());
                    view! {
                        <label for=id.clone()>
                            <input type="checkbox" id=id.clone() data-role=role.key() prop:checked=move || row.roles.with(|r| r.contains(&role))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    row.roles.update(|r| {
                                        r.retain(|x| *x != role);
                                        if on {
                                            r.push(role);
                                            crate::domain::sort::sort(r);
                                        }
                                    });
                                }/>
                            {move || role.text(i18n.get_locale())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="button" class="staff-remove" data-testid="staff-remove" on:click=move |_| rows.remove(key)
                aria-label=move || td_string!(i18n.get_locale(), staff.remove_named).replace("[name]", &who())>
                {t!(i18n, staff.remove)}
            </button>
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </li>
    }
}

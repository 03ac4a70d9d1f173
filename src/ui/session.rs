//! Who is acting on this device: a person picked from the staff list (Settings → Staff), or
//! when the desk has no staff list the name last typed, recorded as the actor of every step
//! and offered as "Received by" on the Register form. Kept in LocalStorage
//! (`desk.received_by`), so it survives reloads; shared by the pages through one signal
//! (`ActingPerson`, provided by the app). An honest record of who did what on a shared
//! tablet, not authentication. Also the channel this device registered most recently.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::domain::channel::Channel;
use crate::domain::keyed::Keyed;
use crate::domain::staff::{find, StaffMember};
use crate::i18n::*;
use crate::ui::components::bind::Bind;
use crate::ui::components::text_field::TextField;
use crate::ui::text::Translate;

/// LocalStorage key of the person acting on this device (the last "Received by" value).
const RECEIVED_BY_KEY: &str = "desk.received_by";
/// LocalStorage key of the channel of the last complaint registered on this device.
const CHANNEL_KEY: &str = "desk.channel";

/// The person acting on this device: the name last chosen (empty the first time).
pub fn current_user() -> String {
    LocalStorage::get::<String>(RECEIVED_BY_KEY).unwrap_or_default()
}

/// Remembers who is acting for the next form and step.
pub fn remember_current_user(value: &str) {
    if let Err(e) = LocalStorage::set(RECEIVED_BY_KEY, value.trim()) {
        leptos::logging::warn!("could not remember who is acting: {e}");
    }
}

/// The acting person as a signal every page shares; setting it remembers it on the device.
#[derive(Clone, Copy)]
pub struct ActingPerson(RwSignal<String>);

impl ActingPerson {
    /// Provided once by the app.
    pub fn provide() {
        provide_context(ActingPerson(RwSignal::new(current_user())));
    }

    pub fn get(self) -> String {
        self.0.get()
    }

    pub fn signal(self) -> RwSignal<String> {
        self.0
    }

    /// Changes who is acting, here and for the next visit.
    pub fn set(self, name: &str) {
        remember_current_user(name);
        self.0.set(name.trim().to_string());
    }
}

/// The shared acting person (a detached one outside the app, e.g. in a component test).
pub fn use_acting_person() -> ActingPerson {
    use_context::<ActingPerson>().unwrap_or_else(|| ActingPerson(RwSignal::new(current_user())))
}

/// A staff member as offered: the name and the roles, "Li Na — Handler, Manager".
fn member_text(m: &StaffMember, locale: Locale) -> String {
    let roles: Vec<&str> = m.roles.iter().map(|r| r.text(locale)).collect();
    format!("{} — {}", m.name, roles.join(", "))
}

/// Picks a person: a select of the staff list (each with their roles) when the desk has one,
/// else a free-text name as before roles. A value not on the list starts unchosen.
#[component]
pub fn PersonPicker(
    /// The control's id; the hint and error get `<id>-hint` and `<id>-error`.
    id: &'static str,
    #[prop(into)] value: Bind<String>,
    /// The staff list when the picker is built (it changes only in Settings).
    staff: Vec<StaffMember>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<ViewFn>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    if staff.is_empty() {
        // The names typed elsewhere on the page are suggested (the detail page's `staff-list`).
        return view! { <TextField id value error required list="staff-list" hint=hint.unwrap_or_default()>{children()}</TextField> }.into_any();
    }
    // The value is the staff member's name as the list writes it, or nothing chosen.
    let as_listed = find(&staff, &value.get.get_untracked()).map(|m| m.name.clone()).unwrap_or_default();
    if as_listed != value.get.get_untracked() {
        value.set.set(as_listed);
    }
    let described_by = if hint.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select id=id name=id required=required aria-describedby=described_by aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| value.set.set(event_target_value(&ev))>
                <option value="" selected=move || value.get.with(String::is_empty)>{t!(i18n, staff.choose_person)}</option>
                {staff.into_iter().map(|m| {
                    let (name, value_of) = (m.name.clone(), m.name.clone());
                    view! {
                        <option value=value_of selected=move || value.get.with(|v| *v == name)>{move || member_text(&m, i18n.get_locale())}</option>
                    }
                }).collect_view()}
            </select>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h.run()}</p> })}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
    .into_any()
}

/// The channel a new complaint starts with: the last one registered on this device (a shop
/// counter takes walk-ins, a hotline calls), phone the first time.
pub fn last_channel() -> Channel {
    LocalStorage::get::<String>(CHANNEL_KEY).ok().and_then(|k| Channel::from_key(&k)).unwrap_or_default()
}

/// Remembers the channel of a complaint just registered.
pub fn remember_channel(channel: Channel) {
    if let Err(e) = LocalStorage::set(CHANNEL_KEY, channel.key()) {
        leptos::logging::warn!("could not remember the channel: {e}");
    }
}

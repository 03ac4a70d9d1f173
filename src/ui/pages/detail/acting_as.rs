//! Who is taking the steps on this device now, beside the steps.

use leptos::prelude::*;

use crate::domain::staff::StaffMember;
use crate::i18n::*;
use crate::ui::session::{use_acting_person, PersonPicker};

/// Who is taking the steps on this device now: recorded with every step (全程留痕). Picked
/// from the staff list (free text when the desk has none); the same person the Register
/// form's "Received by" and the approval use (`ui::session::ActingPerson`).
#[component]
pub(super) fn ActingAs(staff: Vec<StaffMember>) -> impl IntoView {
    let i18n = use_i18n();
    let acting = use_acting_person();
    let free = staff.is_empty();
    let name = RwSignal::new(acting.signal().get_untracked());
    Effect::new(move |_| {
        let n = name.get();
        if n != acting.signal().get_untracked() {
            acting.set(&n);
        }
    });
    // Another picker on the page (the approval's) changed who is acting.
    Effect::new(move |_| {
        let n = acting.get();
        if n != name.get_untracked() {
            name.set(n);
        }
    });
    view! {
        <div class="panel acting-as">
            <PersonPicker id="acting-as" value=name staff error=Signal::derive(|| None)
                hint=move || if free { t!(i18n, staff.acting_hint_free).into_any() } else { t!(i18n, staff.acting_hint).into_any() }>
                {t!(i18n, staff.acting_as)}
            </PersonPicker>
        </div>
    }
}

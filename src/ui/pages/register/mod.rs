//! Register page: records a new complaint (SPEC §3, first slice) and shows its number. The
//! form's state is one `model::RegisterDraft` in a signal; it saves itself as a draft while it is being
//! filled in (see `draft`). Registration goes through the domain's `Register` command; its
//! field errors are shown at the inputs.

mod customer;
mod draft;
mod model;
mod more;
mod resume;
mod returning;
mod slip;
mod spill;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::channel::Channel;
use crate::domain::keyed::Keyed;
use crate::domain::intake::FieldIssue;
use crate::domain::registration::NewComplaint;
use crate::i18n::*;
use crate::browser::clock;
use crate::domain::sla::calendar::BusinessCalendar;
use crate::services::{ComplaintView, RegisterError};
use crate::ui::app::use_desk;
use crate::ui::components::text_field::TextField;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::text::{error_text, field_problem_text};

use crate::browser::locks::{draft_lock, try_lock, HeldLock};
use draft::{autosave, new_form_id};
use leptos::task::spawn_local;
use crate::ui::components::files::picked_files;
use crate::ui::components::reg_inputs::input_of;
use crate::ui::session::{current_user, use_acting_person, PersonPicker};
use model::{BadTime, RegisterDraft, RegisterForm, DATETIME_FORMAT};
use crate::bind;
use customer::NameField;
use more::MoreGroups;
use resume::ResumeDrafts;
use returning::ReturningCustomer;
use slip::Slip;

/// Now in the business time zone, as a `datetime-local` value.
fn now_input_value(calendar: StoredValue<BusinessCalendar>) -> String {
    calendar.with_value(|c| c.local(clock::now_ms())).format(DATETIME_FORMAT).to_string()
}

/// The registration form.
///
/// Longer than ~150 lines on purpose: it is the one place that orders the draft's life — the
/// Web Lock of the draft, autosave paused while a registration is stored, resume, submit,
/// attach the photos, and "register another" — which all share the form id and the saved
/// state. The inputs' state is one `RegisterDraft`; the photo picker, the optional groups and the
/// saved notice are components of their own.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();

    // Times on the form are business wall-clock times, whatever the tablet's own time zone.
    let calendar = StoredValue::new(desk.calendar());
    let form = RegisterForm::new(RegisterDraft::empty(now_input_value(calendar), crate::ui::session::last_channel(), current_user()));
    // Photos picked on the form: kept with the draft at once (so a crash loses none), attached
    // to the complaint once it is saved.
    let photos = StoredValue::new_local(Vec::<web_sys::File>::new());
    let photos_attached = RwSignal::new(0usize);
    let photo_error = RwSignal::new(None::<&'static str>);

    let errors = RwSignal::new(Vec::<FieldIssue>::new());
    // A received-at that does not parse is caught before the domain sees the form.
    let bad_datetime = RwSignal::new(false);
    let bad_occurred = RwSignal::new(false);
    let store_error = RwSignal::new(None::<&'static str>);
    let saved = RwSignal::new(None::<ComplaintView>);

    // One draft per opening of the form; resuming a draft adopts its id.
    let form_id = RwSignal::new(new_form_id());
    let snapshot = Memo::new(move |_| form.get());
    // While the registration is being stored no draft is written: its transaction removes the
    // draft, and an autosave that fired meanwhile would put it back (a ghost draft).
    let submitting = RwSignal::new(false);
    let editing = Signal::derive(move || saved.with(Option::is_none) && !submitting.get());
    let draft_error = RwSignal::new(None::<&'static str>);
    let flush = send_wrapper::SendWrapper::new(autosave(desk.clone(), form_id, snapshot, editing, draft_error));

    // This tab holds the Web Lock of the draft it edits, so no other tab can resume it too.
    let held = StoredValue::new_local(None::<HeldLock>);
    let lock_fresh = move |id: String| {
        spawn_local(async move {
            if let Ok(Some(lock)) = try_lock(&draft_lock(&id)).await {
                held.set_value(Some(lock));
            }
        })
    };
    lock_fresh(form_id.get_untracked());
    let draft_busy = RwSignal::new(false);

    let resume_desk = StoredValue::new_local(desk.clone());
    let resume = move |d: RegisterDraft, id: String| {
        let resume_desk = resume_desk.get_value();
        spawn_local(async move {
            match try_lock(&draft_lock(&id)).await {
                Ok(Some(lock)) => held.set_value(Some(lock)),
                // Another tab got to it first: leave it there.
                Ok(None) => {
                    draft_busy.set(true);
                    return;
                }
                // No Web Locks in this browser: resume without cross-tab protection.
                Err(()) => {}
            }
            draft_busy.set(false);
            model::load(form, d);
            form_id.set(id.clone());
            // The photos kept with the draft come back with its text.
            match resume_desk.draft_files(&id).await {
                Ok(files) => {
                    form.update(|d| d.photos = files.len());
                    photos.set_value(files);
                    photo_error.set(None);
                }
                Err(e) => photo_error.set(Some(e.code())),
            }
        });
    };

    let attach_desk = desk.clone();
    let acting = use_acting_person();
    // Received by: a person on the staff list when the desk has one, else typed.
    let staff = desk.config().staff.clone();
    let save = Action::new_local({
        let desk = desk.clone();
        move |(input, owner): &(NewComplaint, String)| {
            let desk = desk.clone();
            let (input, owner) = (input.clone(), owner.clone());
            let draft_id = form_id.get_untracked();
            async move {
                let channel = input.channel;
                let result = desk.register(input, &owner, Some(&draft_id)).await;
                if result.is_ok() {
                    acting.set(&owner);
                    crate::ui::session::remember_channel(channel);
                }
                result
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            submitting.set(false);
            if result.is_err() {
                // Not saved: what changed while it was tried is kept as the draft now.
                (*flush)();
            }
            match result {
                Ok(record) => {
                    errors.set(Vec::new());
                    store_error.set(None);
                    let files = photos.get_value();
                    if !files.is_empty() {
                        let (desk, id, owner) = (attach_desk.clone(), record.id.clone(), form.with_untracked(|d| d.received_by.clone()));
                        let draft_id = form_id.get_untracked();
                        spawn_local(async move {
                            let mut all = true;
                            for file in files {
                                match desk.attach(&id, &file, &owner).await {
                                    Ok(_) => photos_attached.update(|n| *n += 1),
                                    Err(e) => {
                                        photo_error.set(Some(e.code()));
                                        all = false;
                                        break;
                                    }
                                }
                            }
                            // The draft's copies are no longer needed once every photo is attached.
                            if all {
                                if let Err(e) = desk.discard_draft_files(&draft_id).await {
                                    photo_error.set(Some(e.code()));
                                }
                            }
                        });
                    }
                    saved.set(Some(record));
                }
                Err(RegisterError::Invalid(list)) => {
                    errors.set(list);
                    focus_first_error();
                }
                Err(RegisterError::Refused(code)) => store_error.set(Some(code)),
                Err(RegisterError::Store(e)) => store_error.set(Some(e.code())),
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        store_error.set(None);
        let input = form.with_untracked(RegisterDraft::input);
        bad_datetime.set(input == Err(BadTime::ReceivedAt));
        bad_occurred.set(input == Err(BadTime::OccurredAt));
        let Ok(input) = input else {
            focus_first_error();
            return;
        };
        submitting.set(true);
        // The draft's content goes into the registration, whose transaction removes the draft:
        // a spill left behind would bring it back as a ghost.
        spill::forget(&form_id.get_untracked(), None);
        save.dispatch((input, form.with_untracked(|d| d.received_by.clone())));
    };

    let reset = Callback::new(move |()| {
        model::clear(form, now_input_value(calendar));
        photos.set_value(Vec::new());
        photos_attached.set(0);
        photo_error.set(None);
        errors.set(Vec::new());
        let id = new_form_id();
        lock_fresh(id.clone());
        form_id.set(id);
        saved.set(None);
    });

    // The first domain issue shown at the input with this id.
    let problem = move |input: &'static str| {
        Signal::derive(move || errors.with(|list| list.iter().find(|e| input_of(e.field) == Some(input)).copied()))
    };
    // The translated message for the input with this id.
    let message = move |input: &'static str| {
        let p = problem(input);
        Signal::derive(move || {
            if input == "occurred_at" && bad_occurred.get() {
                return Some(t_string!(i18n, field_error.invalid_datetime));
            }
            p.get().map(|p| field_problem_text(i18n.get_locale(), p))
        })
    };
    let saving = save.pending();
    let received_at = bind!(form.received_at);

    view! {
        <h1>{t!(i18n, register.title)}</h1>
        <Show
            when=move || saved.get().is_none()
            fallback=move || view! { <SavedNotice saved photos_attached photo_error on_again=reset/> }
        >
            <p class="intro">{t!(i18n, register.intro)}</p>
            <ResumeDrafts current=form_id on_resume=resume/>
            <Show when=move || draft_busy.get()>
                <p class="form-error" role="alert" data-testid="draft-busy">{t!(i18n, drafts.busy)}</p>
            </Show>
            {move || draft_error.get().map(|code| view! {
                <p class="form-error" role="alert" data-testid="draft-error">
                    {t!(i18n, drafts.not_saved)}" "{error_text(i18n.get_locale(), code)}
                </p>
            })}
            <form class="register-form" on:submit=on_submit novalidate>
                <Show when=move || !errors.with(Vec::is_empty) || bad_datetime.get() || bad_occurred.get()>
                    <p class="form-error" role="alert">{t!(i18n, register.errors_summary)}</p>
                </Show>
                {move || store_error.get().map(|code| view! {
                    <p class="form-error" role="alert" data-testid="store-error">{error_text(i18n.get_locale(), code)}</p>
                })}
                <div class="field">
                    <label for="received_at">{t!(i18n, register.received_at)}</label>
                    <input id="received_at" name="received_at" type="datetime-local" required
                        aria-describedby="received_at-error"
                        aria-invalid=move || (bad_datetime.get() || problem("received_at").get().is_some()).to_string()
                        prop:value=received_at.get on:input=move |ev| received_at.set.set(event_target_value(&ev))/>
                    <p class="field-error" id="received_at-error" aria-live="polite">
                        {move || if bad_datetime.get() {
                            Some(t_string!(i18n, field_error.invalid_datetime))
                        } else {
                            problem("received_at").get().map(|p| field_problem_text(i18n.get_locale(), p))
                        }}
                    </p>
                </div>
                <EnumSelect id="channel" value=bind!(form.channel) options=Channel::all()>{t!(i18n, register.channel)}</EnumSelect>
                <NameField form error=message("customer_name")/>
                <TextField id="customer_phone" value=bind!(form.customer_phone) error=message("customer_phone")
                    input_type="tel" inputmode="tel">
                    {t!(i18n, register.customer_phone)}
                </TextField>
                <ReturningCustomer phone=bind!(form.customer_phone).get/>
                <TextField id="product" value=bind!(form.product) error=message("product") required=true>
                    {t!(i18n, register.product)}
                </TextField>
                <TextField id="description" value=bind!(form.description) error=message("description") required=true rows=5>
                    {t!(i18n, register.description)}
                </TextField>
                <PhotoPicker photos form photo_error form_id/>
                <MoreGroups form message/>
                <PersonPicker id="first_contact_owner" value=bind!(form.received_by) staff=staff.clone() error=message("first_contact_owner") required=true
                    hint=move || t!(i18n, register.received_by_hint)>
                    {t!(i18n, register.received_by)}
                </PersonPicker>
                <button type="submit" class="primary" disabled=move || saving.get()>
                    {move || if saving.get() { t_string!(i18n, register.saving) } else { t_string!(i18n, register.submit) }}
                </button>
            </form>
        </Show>
    }
}

/// The photos picked on the form: kept with the draft at once (so a crash loses none), attached
/// to the complaint once it is saved.
#[component]
fn PhotoPicker(
    photos: StoredValue<Vec<web_sys::File>, LocalStorage>,
    /// The form, whose `photos` counts the files kept with its draft.
    form: RegisterForm,
    photo_error: RwSignal<Option<&'static str>>,
    form_id: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let keep_desk = StoredValue::new_local(use_desk());
    let photo_count = bind!(form.photos);
    view! {
        <div class="field">
            <label for="photos">{t!(i18n, attach.pick)}</label>
            <input type="file" id="photos" accept="image/*" capture="environment" multiple aria-describedby="photos-hint"
                on:change=move |ev| {
                    let files = picked_files(&ev);
                    // The choice counts at once (a save right after attaches it); keeping
                    // copies with the draft follows, so a crash loses no photo.
                    photos.set_value(files.clone());
                    form.update(|d| d.photos = files.len());
                    photo_error.set(None);
                    let (desk, draft_id) = (keep_desk.get_value(), form_id.get_untracked());
                    spawn_local(async move {
                        // A new choice replaces the previous one, in the draft too.
                        let kept = async {
                            desk.discard_draft_files(&draft_id).await.map_err(|e| e.code())?;
                            for file in &files {
                                desk.keep_draft_file(&draft_id, file).await.map_err(|e| e.code())?;
                            }
                            Ok::<(), &'static str>(())
                        };
                        if let Err(code) = kept.await {
                            photo_error.set(Some(code));
                        }
                    });
                }/>
            <p class="hint" id="photos-hint">{t!(i18n, attach.register_hint)}</p>
            <Show when=move || { photo_count.get.get() > 0 }>
                <p class="hint" data-testid="photos-kept">{move || photo_count.get.get()}" "{t!(i18n, attach.kept)}</p>
            </Show>
            <p class="field-error" role="alert" data-testid="photo-error">
                {move || photo_error.get().map(|code| error_text(i18n.get_locale(), code))}
            </p>
        </div>
    }
}

/// The saved complaint's number, the photos attached to it, and its slip.
#[component]
fn SavedNotice(
    saved: RwSignal<Option<ComplaintView>>,
    photos_attached: RwSignal<usize>,
    photo_error: RwSignal<Option<&'static str>>,
    on_again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="saved" role="status" data-testid="saved">
            <p>{t!(i18n, register.saved)}" "
                <strong class="complaint-number" data-testid="saved-number">
                    {move || saved.get().map(|r| r.number)}
                </strong>
            </p>
            <Show when=move || { photos_attached.get() > 0 }>
                <p class="no-print" data-testid="photos-attached">{move || photos_attached.get()}" "{t!(i18n, attach.attached)}</p>
            </Show>
            {move || photo_error.get().map(|code| view! {
                <p class="form-error no-print" role="alert">{error_text(i18n.get_locale(), code)}</p>
            })}
            <p class="actions no-print">
                <button type="button" class="primary" on:click=move |_| on_again.run(())>{t!(i18n, register.register_another)}</button>
                {move || saved.get().map(|r| view! {
                    <A href=crate::browser::base::href(&format!("/complaints/{}", r.id)) attr:class="button" attr:data-testid="open-saved">{t!(i18n, register.open_saved)}</A>
                })}
            </p>
        </section>
        {move || saved.get().map(|row| view! { <Slip row/> })}
    }
}

/// Moves keyboard focus to the first invalid field once the errors have rendered.
fn focus_first_error() {
    request_animation_frame(|| {
        let target = document()
            .query_selector("[aria-invalid=\"true\"]")
            .ok()
            .flatten()
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
        if let Some(el) = target {
            let _ = el.focus();
        }
    });
}

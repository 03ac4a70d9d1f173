//! Complaint detail page: the header (number, status, first-contact owner, handler), conflicts
//! to resolve, the panels of the steps the domain allows now (the next steps open, the other
//! records folded), every SLA clock, the case file, and the timeline of every event (what, who,
//! when, on which device).

mod attachments;
mod case_file;
mod classify;
mod closing;
mod conflicts;
mod contact;
mod corrections;
pub mod export_one;
pub mod feedback_form;
mod form;
mod handling;
mod panel_draft;
mod investigation;
mod plan;
mod responsibility;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::browser::broadcast::use_changes;
use crate::domain::sla::{ClockState, ClockView};
use crate::domain::badges::badges;
use crate::domain::next_steps::{most_pressing, next_steps, Deadline, DueState};
use crate::domain::phase::Phase;
use crate::ui::components::badges::Badges;
use crate::ui::text::durations;
use crate::domain::workflow::CommandKind;
use crate::i18n::*;
use leptos_i18n::td_string;
use crate::services::desk::CHANGED_COMPLAINTS;
use crate::services::ComplaintDetail;
use std::sync::Arc;
use crate::ui::app::use_desk;
use crate::ui::session::{use_acting_person, PersonPicker};
use crate::domain::state::ComplaintState;
use crate::domain::workflow::Status;
use crate::ui::text::{error_text, event_kind_text, status_text, type_name, urgency_text, Translate};
use crate::domain::keyed::Keyed;
use crate::domain::payload::EventKind;
use crate::domain::fields::FieldKey;

use case_file::CaseFile;
use classify::ClassifyPanel;
use closing::{ArchivePanel, CaseSummaryPanel, ConfirmPanel, FailedContactClosePanel, ReopenPanel, SurveyPanel};
use conflicts::ConflictsPanel;
use contact::{CommunicationPanel, ProgressPanel, ResumePanel, WaitPanel};
use form::{CaseCtx, CaseData, PanelKind};
use std::collections::HashMap;
use handling::{AssignPanel, GradePanel, RoutePanel};
use investigation::{DeptReplyPanel, DeptRequestPanel, EvidencePanel, RootCausePanel, StartInvestigationPanel, VerificationPanel};
use plan::{ApprovePlanPanel, CloseStepPanel, PlanStepPanel, ProposePlanPanel, ResolvePanel, RespondToPlanPanel, SuggestionPanel};

fn time(detail: &ComplaintDetail, utc_ms: i64) -> String {
    detail.calendar.local(utc_ms).format("%Y-%m-%d %H:%M").to_string()
}

/// What the page shows while its data loads and reloads.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(String),
    NotFound,
    /// A complaint, by id: the page is built once per complaint and then follows its data.
    Ready(String),
}

/// One complaint with the steps that can be taken on it now.
///
/// After a step is saved the data is read again, but the page is not rebuilt: the resource
/// keeps its last value while it refetches (what `<Transition>` does for a suspended view),
/// the step panels are a keyed list, so every panel that is still offered keeps what was typed
/// in it, whether it is open, the scroll position and the focus.
#[component]
pub fn DetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let params = use_params_map();
    let changes = use_changes(CHANGED_COMPLAINTS);
    let refresh = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        changes.track();
        refresh.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let desk = desk.clone();
        async move { desk.detail(&id).await.map(|d| d.map(Arc::new)).map_err(|e| e.code()) }
    });
    let shown = Memo::new(move |prev: Option<&Shown>| match detail.get() {
        None => Shown::Loading,
        // A failed reload keeps the page (and what is typed in it); the error shows above it.
        Some(Err(_)) if matches!(prev, Some(Shown::Ready(_))) => prev.cloned().unwrap_or(Shown::Loading),
        Some(Err(code)) => Shown::Failed(code.to_string()),
        Some(Ok(None)) => Shown::NotFound,
        Some(Ok(Some(d))) => Shown::Ready(d.view.id.clone()),
    });
    let latest = Signal::derive(move || detail.get().and_then(Result::ok).flatten());
    let on_saved = move || refresh.update(|n| *n += 1);

    let reload_error = Signal::derive(move || match (shown.get(), detail.get()) {
        (Shown::Ready(_), Some(Err(code))) => Some(code),
        _ => None,
    });
    view! {
        <p><A href=crate::browser::base::href(&crate::ui::components::list_return::last_list_href())>{t!(i18n, detail.back)}</A></p>
        {move || reload_error.get().map(|code| view! {
            <p class="form-error" role="alert" data-testid="reload-error">{move || error_text(i18n.get_locale(), code)}</p>
        })}
        {move || match shown.get() {
            Shown::Loading => view! { <p role="status">{t!(i18n, complaints.loading)}</p> }.into_any(),
            Shown::Failed(code) => view! { <p class="error" role="alert">{move || error_text(i18n.get_locale(), &code)}</p> }.into_any(),
            Shown::NotFound => view! { <h1>{t!(i18n, detail.not_found)}</h1> }.into_any(),
            Shown::Ready(_) => match latest.get_untracked() {
                Some(first) => {
                    let d = Signal::derive(move || latest.get().unwrap_or_else(|| first.clone()));
                    view! { <Detail d on_saved/> }.into_any()
                }
                None => ().into_any(),
            },
        }}
    }
}

/// Who is taking the steps on this device now: recorded with every step (全程留痕). Picked
/// from the staff list (free text when the desk has none); the same person the Register
/// form's "Received by" and the approval use (`ui::session::ActingPerson`).
#[component]
fn ActingAs(staff: Vec<crate::domain::staff::StaffMember>) -> impl IntoView {
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

/// Does the page have a panel for this step?
fn panel_exists(kind: CommandKind) -> bool {
    panel_kinds().contains(&kind)
}

/// The steps that have a panel of their own (the others are shown elsewhere or not offered).
fn panel_kinds() -> &'static [CommandKind] {
    use CommandKind::*;
    &[
        Route, AssignHandler, Grade, StartInvestigation, AddEvidence, RecordRootCause, RequestDepartment, ReplyDepartment,
        PlanStep, CloseStep, ProposePlan, ApprovePlan, RecordSuggestion, RespondToPlan, RecordVerification, MarkResolved,
        Wait, Resume, LogCommunication, ProgressUpdate, ConfirmWithCustomer, CloseAfterFailedContact, Reopen, RecordSurvey,
        RecordCaseSummary, AddAttachment, CorrectCustomer, CorrectIncident, SetShares, RecordArbitration, RecordOutcomes, Archive,
    ]
}

/// The panel of a step, if the page has one.
fn panel(kind: CommandKind, folded: bool) -> Option<AnyView> {
    use CommandKind::*;
    Some(match kind {
        Route => view! { <RoutePanel folded/> }.into_any(),
        AssignHandler => view! { <AssignPanel folded/> }.into_any(),
        Grade => view! { <GradePanel folded/> }.into_any(),
        StartInvestigation => view! { <StartInvestigationPanel folded/> }.into_any(),
        AddEvidence => view! { <EvidencePanel folded/> }.into_any(),
        RecordRootCause => view! { <RootCausePanel folded/> }.into_any(),
        RequestDepartment => view! { <DeptRequestPanel folded/> }.into_any(),
        ReplyDepartment => view! { <DeptReplyPanel folded/> }.into_any(),
        PlanStep => view! { <PlanStepPanel folded/> }.into_any(),
        CloseStep => view! { <CloseStepPanel folded/> }.into_any(),
        ProposePlan => view! { <ProposePlanPanel folded/> }.into_any(),
        ApprovePlan => view! { <ApprovePlanPanel folded/> }.into_any(),
        RecordSuggestion => view! { <SuggestionPanel folded/> }.into_any(),
        RespondToPlan => view! { <RespondToPlanPanel folded/> }.into_any(),
        RecordVerification => view! { <VerificationPanel folded/> }.into_any(),
        MarkResolved => view! { <ResolvePanel folded/> }.into_any(),
        Wait => view! { <WaitPanel folded/> }.into_any(),
        Resume => view! { <ResumePanel folded/> }.into_any(),
        LogCommunication => view! { <CommunicationPanel folded/> }.into_any(),
        ProgressUpdate => view! { <ProgressPanel folded/> }.into_any(),
        ConfirmWithCustomer => view! { <ConfirmPanel folded/> }.into_any(),
        CloseAfterFailedContact => view! { <FailedContactClosePanel folded/> }.into_any(),
        Reopen => view! { <ReopenPanel folded/> }.into_any(),
        RecordSurvey => view! { <SurveyPanel folded/> }.into_any(),
        RecordCaseSummary => view! { <CaseSummaryPanel folded/> }.into_any(),
        AddAttachment => view! { <attachments::AttachPanel folded/> }.into_any(),
        CorrectCustomer => view! { <corrections::CorrectCustomerPanel folded/> }.into_any(),
        CorrectIncident => view! { <corrections::CorrectIncidentPanel folded/> }.into_any(),
        SetShares => view! { <responsibility::SharesPanel folded/> }.into_any(),
        RecordArbitration => view! { <responsibility::ArbitrationPanel folded/> }.into_any(),
        RecordOutcomes => view! { <responsibility::OutcomesPanel folded/> }.into_any(),
        Archive => view! { <ArchivePanel folded/> }.into_any(),
        _ => return None,
    })
}

/// What an event did, beyond its kind: the status change or the fields it set.
fn what_text(st: &ComplaintState, id: &crate::domain::ids::EventId, kind: &str) -> Option<Signal<String>> {
    let i18n = use_i18n();
    match EventKind::from_key(kind)? {
        EventKind::Transition => {
            let w = st.status_register.get(id)?;
            let (to, cause, note) = (w.value.to, w.value.cause, w.value.note.clone());
            Some(Signal::derive(move || {
                let l = i18n.get_locale();
                let note = if note.is_empty() { String::new() } else { format!(" — {note}") };
                // "Classified (classified)" says nothing twice: the cause only when it adds.
                let (to, cause) = (to.text(l), cause.text(l));
                if to.to_lowercase().contains(&cause.to_lowercase()) {
                    format!("→ {to}{note}")
                } else {
                    format!("→ {to} ({cause}){note}")
                }
            }))
        }
        EventKind::FieldsSet => {
            let keys: Vec<FieldKey> = st.fields.iter().filter(|(_, r)| r.get(id).is_some()).map(|(k, _)| *k).collect();
            Some(Signal::derive(move || {
                let l = i18n.get_locale();
                keys.iter().map(|k| recorded_text(l, *k)).collect::<Vec<_>>().join(" · ")
            }))
        }
        _ => None,
    }
}

/// What setting a field means, in the user's words ("Plan approved", "Handler assigned").
fn recorded_text(locale: Locale, key: FieldKey) -> &'static str {
    match key {
        FieldKey::Customer => td_string!(locale, words.recorded_customer),
        FieldKey::Incident => td_string!(locale, words.recorded_incident),
        FieldKey::RequestType => td_string!(locale, words.recorded_request_type),
        FieldKey::Nature => td_string!(locale, words.recorded_nature),
        FieldKey::Classification => td_string!(locale, words.recorded_classification),
        FieldKey::Urgency => td_string!(locale, words.recorded_urgency),
        FieldKey::Severity => td_string!(locale, words.recorded_severity),
        FieldKey::Department => td_string!(locale, words.recorded_department),
        FieldKey::Handler => td_string!(locale, words.recorded_handler),
        FieldKey::Grade => td_string!(locale, words.recorded_grade),
        FieldKey::RootCause => td_string!(locale, words.recorded_root_cause),
        FieldKey::Verification => td_string!(locale, words.recorded_verification),
        FieldKey::Approval => td_string!(locale, words.recorded_approval),
        FieldKey::Suggestion => td_string!(locale, words.recorded_suggestion),
        FieldKey::Shares => td_string!(locale, words.recorded_shares),
        FieldKey::Arbitration => td_string!(locale, words.recorded_arbitration),
        FieldKey::Outcomes => td_string!(locale, words.recorded_outcomes),
        FieldKey::CaseSummary => td_string!(locale, words.recorded_case_summary),
        FieldKey::Status => td_string!(locale, words.recorded_status),
    }
}

/// What the page derives from one load of the data.
fn case_data(d: &ComplaintDetail) -> Arc<CaseData> {
    Arc::new(CaseData {
        state: d.state.clone(),
        config: d.config.clone(),
        now: d.calendar.local(d.now_ms),
        eta: d.state.eta(&d.config, d.now_ms),
        late: d.state.is_late(&d.config, d.now_ms),
    })
}

/// The steps offered now, split into the next steps (open) and the other records (folded).
/// Which steps are next is the domain's rule (`next_steps`), the same for every page.
/// The most pressing next step (`most_pressing`) comes first.
fn steps(d: &ComplaintDetail) -> (Vec<CommandKind>, Vec<CommandKind>) {
    let next = next_steps(&d.state, &d.config, d.now_ms);
    let (mut now, later): (Vec<_>, Vec<_>) =
        d.legal.iter().copied().filter(|k| *k != CommandKind::Classify && panel_exists(*k)).partition(|k| next.contains(k));
    if let Some(first) = most_pressing(&d.state, &d.config, d.now_ms, &now) {
        now.retain(|k| *k != first);
        now.insert(0, first);
    }
    (now, later)
}

#[component]
fn Detail(d: Signal<Arc<ComplaintDetail>>, on_saved: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let id = d.with_untracked(|d| d.view.id.clone());
    // A saved step's panel is built afresh once the new data is in (its key's generation goes
    // up), so its inputs start again from the saved record; every other panel stays as it is.
    let generations = RwSignal::new(HashMap::<CommandKind, u32>::new());
    // Saved steps waiting for the data read after them (the data they were saved on is kept, to
    // tell the new data from a notification that came before it).
    let resets = StoredValue::new(Vec::<(CommandKind, Arc<ComplaintDetail>)>::new());
    let last_saved = RwSignal::new(None::<CommandKind>);
    let scroll_y = StoredValue::new(None::<f64>);
    let save_cb = on_saved.clone();
    provide_context(CaseCtx {
        id: id.clone(),
        // Computed once per load of the data (it clones the state and evaluates the clocks),
        // not on every read by a panel.
        data: Memo::new_with_compare(move |_| d.with(|d| case_data(d)), |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b))).into(),
        on_saved: Callback::new(move |kind: Option<CommandKind>| {
            if let Some(kind) = kind {
                resets.update_value(|r| r.push((kind, d.get_untracked())));
            }
            save_cb()
        }),
        last_saved,
        scroll_y,
    });
    Effect::new(move |_| {
        let now = d.get();
        let mut done = Vec::new();
        resets.update_value(|r| {
            r.retain(|(kind, before)| {
                let fresh = !Arc::ptr_eq(before, &now);
                if fresh {
                    done.push(*kind);
                }
                !fresh
            })
        });
        if let Some(&kind) = done.last() {
            last_saved.set(Some(kind));
            generations.update(|g| done.iter().for_each(|k| *g.entry(*k).or_default() += 1));
            keep_focus(kind, scroll_y.get_value());
        }
    });
    let keyed = move |kinds: Vec<CommandKind>| generations.with(|g| kinds.into_iter().map(|k| (k, g.get(&k).copied().unwrap_or(0))).collect::<Vec<_>>());
    let split = Memo::new(move |_| d.with(|d| steps(d)));
    let next = Memo::new(move |_| split.with(|s| s.0.clone()));
    let more = Memo::new(move |_| split.with(|s| s.1.clone()));
    let has_conflicts = Memo::new(move |_| d.with(|d| d.legal.contains(&CommandKind::ResolveConflict)));
    // Classifying is the next step only before the first classification.
    let classify = Memo::new(move |_| {
        d.with(|d| d.legal.contains(&CommandKind::Classify).then(|| d.state.status() == Some(Status::Registered)))
    });
    let form_href = crate::browser::base::href(&format!("/complaints/{id}/form"));
    let staff = Memo::new(move |_| d.with(|d| d.config.staff.iter().map(|m| m.name.clone()).collect::<Vec<_>>()));
    let saved_elsewhere = move || last_saved.get().is_some_and(|k| !next.with(|n| n.contains(&k)) && !more.with(|m| m.contains(&k)));
    let classify_panel = move |folded: bool| move || (classify.get() == Some(!folded)).then(|| view! { <ClassifyPanel folded/> });
    // The records that are not next, grouped by the phase of the loop they belong to.
    let phases = move || Phase::all().into_iter().map(move |p| {
        let kinds = Memo::new(move |_| more.with(|m| m.iter().copied().filter(|k| k.phase() == p).collect::<Vec<_>>()));
        let with_classify = p == Phase::Intake;
        let heading = format!("phase-{}", p.key());
        view! {
            <Show when=move || !kinds.with(Vec::is_empty) || (with_classify && classify.get() == Some(false))>
                <section class="phase" aria-labelledby=heading.clone() data-phase=p.key()>
                    <h3 id=heading.clone()>{move || p.text(i18n.get_locale())}</h3>
                    {with_classify.then(|| classify_panel(true))}
                    <For each=move || keyed(kinds.get()) key=|k| *k let:k>{slot(k.0, true)}</For>
                </section>
            </Show>
        }
    }).collect_view();
    view! {
        <header class="detail-header">
            <h1 class="complaint-number" data-testid="detail-number">{move || d.with(|d| d.view.number.clone())}</h1>
            {move || header_state(&d.get())}
        </header>
        // Names offered by the inputs that name a person (Settings → Staff).
        <datalist id="staff-list">
            <For each=move || staff.get() key=|n| n.clone() let:n><option value=n></option></For>
        </datalist>
        // Phones: the next step, then the facts and deadlines, then the other records. From
        // 1024 px: the steps on the left, the facts and deadlines beside them (style/main.css).
        <div class="detail-grid">
            <div class="detail-next">
                // Where the focus goes, and the confirmation shows, when a saved step's panel is
                // no longer offered (its own "Saved." went with it).
                <p id="detail-status-line" class="saved-line" tabindex="-1" role="status" aria-live="polite" data-testid="detail-saved">
                    {move || saved_elsewhere().then_some(t!(i18n, detail.saved))}
                </p>
                <Show when=move || has_conflicts.get()><ConflictsPanel/></Show>
                {classify_panel(false)}
                <Show when=move || !next.with(Vec::is_empty)>
                    // The most pressing step comes first, shown large.
                    <section class="steps steps-next" aria-labelledby="next-title" data-testid="next-steps">
                        <h2 id="next-title">{t!(i18n, detail.next_steps)}</h2>
                        <For each=move || keyed(next.get()) key=|k| *k let:k>{slot(k.0, false)}</For>
                    </section>
                </Show>
            </div>
            <div class="detail-side">
                <section class="panel" aria-labelledby="summary-title">
                    <h2 id="summary-title">{t!(i18n, detail.summary)}</h2>
                    {move || summary(&d.get())}
                    <p><a href=form_href data-testid="feedback-form-link">{t!(i18n, feedback.open)}</a></p>
                    <export_one::ExportComplaint id=id.clone()/>
                </section>
                <ActingAs staff=d.with_untracked(|d| d.config.staff.clone())/>
                <section class="panel" aria-labelledby="clocks-title">
                    <h2 id="clocks-title">{t!(i18n, detail.clocks)}</h2>
                    {move || clocks_table(&d.get())}
                </section>
            </div>
            <div class="detail-more">
                <Show when=move || !more.with(Vec::is_empty) || classify.get() == Some(false)>
                    <section class="steps" aria-labelledby="more-title" data-testid="more-steps">
                        <h2 id="more-title">{t!(i18n, detail.more_steps)}</h2>
                        {phases()}
                    </section>
                </Show>
            </div>
        </div>
        <CaseFile d/>
        <section class="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t!(i18n, detail.timeline)}</h2>
            {move || timeline(&d.get())}
        </section>
    }
}

/// One step's panel, told which step it is for, in a slot the focus can be found in again.
fn slot(kind: CommandKind, folded: bool) -> impl IntoView {
    provide_context(PanelKind(kind));
    view! { <div class="step-slot" data-step=kind.key()>{panel(kind, folded)}</div> }
}

/// After a step is saved its panel is built afresh (and may move between "next" and the
/// other records), which took the focus from its button and may move the page: before the next
/// paint the page goes back to where it was scrolled at the submit (`y`); once it has settled,
/// the focus goes to the new panel's button, or to the page's status line when the step is no
/// longer offered, so a keyboard user is not thrown to the top of the page.
fn keep_focus(kind: CommandKind, y: Option<f64>) {
    let restore = move || {
        if let Some(y) = y {
            window().scroll_to_with_x_and_y(window().scroll_x().unwrap_or_default(), y);
        }
    };
    request_animation_frame(move || {
        restore();
        // Two frames: the rebuilt panel is in place and opened by then.
        request_animation_frame(move || {
            let doc = document();
            if doc.active_element().is_some_and(|e| !e.tag_name().eq_ignore_ascii_case("body")) {
                return restore();
            }
            let selector = format!(".step-slot[data-step=\"{}\"] button[type=submit]", kind.key());
            let button = doc.query_selector(&selector).ok().flatten().and_then(|b| b.get_attribute("id"));
            if !button.is_some_and(|id| form::focus(&id)) {
                form::focus("detail-status-line");
            }
            restore();
        })
    });
}

/// The header facts: status, type, urgency, owner, handler, customer, product, received, words.
fn summary(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let v = d.view.clone();
    let st = &d.state;
    let status = v.status.clone();
    let config = d.config.clone();
    view! {
        <dl class="facts">
            <dt>{t!(i18n, complaints.status_filter)}</dt>
            <dd data-testid="detail-status">{move || status_text(i18n.get_locale(), &status)}</dd>
            {v.type_key.clone().map(|k| view! {
                <dt>{t!(i18n, classify.type_label)}</dt>
                <dd data-testid="detail-type">{move || type_name(&config, i18n.get_locale(), &k)}</dd>
            })}
            {v.urgency.clone().map(|k| view! {
                <dt>{t!(i18n, classify.urgency_label)}</dt>
                <dd data-testid="detail-urgency">{move || urgency_text(i18n.get_locale(), &k)}</dd>
            })}
            <dt>{t!(i18n, detail.first_contact_owner)}</dt>
            <dd data-testid="detail-owner">{v.first_contact_owner.clone()}</dd>
            {st.handler().cloned().map(|h| view! { <dt>{t!(i18n, case.handler)}</dt><dd data-testid="detail-handler">{h}</dd> })}
            <dt>{t!(i18n, complaints.customer)}</dt>
            <dd data-testid="detail-customer">{v.customer_name.clone()}" "{v.customer_phone.clone()}" "
                {st.customer().map(|c| [c.email, c.customer_no, c.company, c.address].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" · "))}</dd>
            <dt>{t!(i18n, complaints.product)}</dt>
            <dd data-testid="detail-product">{v.product.clone()}
                {st.incident().map(|i| [i.model.clone(), i.order_ref.clone(), i.place.clone()].into_iter().filter(|x| !x.is_empty()).map(|x| format!(" · {x}")).collect::<String>())}</dd>
            <dt>{t!(i18n, complaints.received_at)}</dt>
            <dd>{v.received_at.format("%Y-%m-%d %H:%M").to_string()}</dd>
            <dt>{t!(i18n, detail.own_words)}</dt>
            <dd class="description">{v.own_words.clone()}</dd>
        </dl>
        {d.needs_newer_app.then(|| view! { <p class="form-error" role="status">{t!(i18n, detail.newer_app)}</p> })}
    }
}

/// Every SLA clock: due time, state and time left.
fn clocks_table(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let now_ms = d.now_ms;
    let clocks: Vec<(ClockView, String)> = d.clocks.iter().map(|c| (c.clone(), c.due.map(|t| time(d, t)).unwrap_or_default())).collect();
    view! {
        <table class="clocks" data-testid="clocks">
            <thead><tr>
                <th scope="col">{t!(i18n, detail.clock)}</th>
                <th scope="col">{t!(i18n, detail.due)}</th>
                <th scope="col">{t!(i18n, detail.state)}</th>
                <th scope="col">{t!(i18n, detail.remaining)}</th>
            </tr></thead>
            <tbody>
                {clocks.into_iter().map(|(c, due)| {
                    let late = matches!(c.state, ClockState::Overdue | ClockState::MetLate);
                    let kind = c.instance.kind;
                    let state = c.state;
                    view! {
                        <tr class:late=late>
                            <td>{move || kind.text(i18n.get_locale())}</td>
                            <td>{due}</td>
                            <td>{move || state.text(i18n.get_locale())}
                                {(c.paused && state != ClockState::Paused).then(|| view! {
                                    " · "{move || ClockState::Paused.text(i18n.get_locale())}
                                })}</td>
                            // A stopped clock has nothing left to count.
                            <td>{(!matches!(state, ClockState::Met | ClockState::MetLate)).then(|| { let ms = left_ms(&c, now_ms); move || durations::left(i18n.get_locale(), ms) })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Time left on a clock (negative: overdue): to its due time, as on the list; a paused clock
/// without one counts its working time left (the wait does not count).
fn left_ms(c: &ClockView, now_ms: i64) -> i64 {
    match c.due {
        Some(due) if !c.paused => due.saturating_sub(now_ms),
        _ => c.remaining_ms,
    }
}

/// The header's deadline: the clock due first, named, "due in" or "overdue by".
/// Under the number: the status, the deadline due first and the badges — what matters at once.
fn header_state(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let status = d.view.status.clone();
    view! {
        <div class="header-state">
            <span class="chip status" data-testid="header-status">{move || status_text(i18n.get_locale(), &status)}</span>
            {header_due(d)}
            <Badges badges=badges(&d.state, &d.config)/>
        </div>
    }
}

/// The header's deadline: the clock due first, named, "due in" or "overdue by".
fn header_due(d: &ComplaintDetail) -> Option<impl IntoView> {
    let i18n = use_i18n();
    let deadline = Deadline::of(&d.clocks);
    let (overdue, ms) = match deadline.state_at(d.now_ms) {
        DueState::None => return None,
        DueState::Overdue(ms) => (true, ms.saturating_neg()),
        DueState::Soon(ms) | DueState::Later(ms) => (false, ms),
    };
    let kind = deadline.kind;
    Some(view! {
        <p class="header-due" class:overdue=overdue data-testid="detail-due">
            {move || durations::due(i18n.get_locale(), kind, ms)}
        </p>
    })
}

/// Every event, oldest first: when, what (and what it changed), who, on which device.
fn timeline(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_desk().device();
    let st = &d.state;
    let trail: Vec<_> = d.trail.iter().map(|e| (e.clone(), time(d, e.at_ms), what_text(st, &e.id, &e.kind))).collect();
    view! {
        <ol class="timeline" data-testid="timeline">
            {trail.into_iter().map(|(e, when, what)| {
                let kind = e.kind.clone();
                // This device by its name; another one (its name is not known here) by the
                // first characters of its id, enough to tell two apart.
                let device = if e.device == me.id {
                    let name = me.name.clone();
                    Signal::derive(move || if name.trim().is_empty() { td_string!(i18n.get_locale(), words.this_device).to_string() } else { name.clone() })
                } else {
                    let short = e.device.chars().take(4).collect::<String>();
                    Signal::derive(move || td_string!(i18n.get_locale(), words.other_device).replace("[id]", &short))
                };
                // Changed details say what was recorded ("Plan approved"), not "Details changed".
                let fields_set = EventKind::from_key(&kind) == Some(EventKind::FieldsSet) && what.is_some();
                view! {
                    <li>
                        <time>{when}</time>" "
                        {(!fields_set).then(|| view! { <strong>{move || event_kind_text(i18n.get_locale(), &kind)}</strong>" " })}
                        {what.map(|w| view! { <span class="what" class:recorded=fields_set>{move || w.get()}</span> })}" · "
                        <span>{e.actor.clone()}</span>" · "
                        <span class="muted">{move || device.get()}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

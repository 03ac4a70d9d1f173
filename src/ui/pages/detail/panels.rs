//! The step panels: which steps have a panel (`panel`), which are offered now and in what
//! order (`steps`: the next steps, the most pressing first, then the other records), and how a
//! saved step's panel is built afresh while every other panel keeps what was typed in it
//! (`Panels`).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::keyed::Keyed;
use crate::domain::next_steps::{most_pressing, next_steps};
use crate::domain::workflow::CommandKind;
use crate::services::ComplaintDetail;

use super::attachments::AttachPanel;
use super::closing::{ArchivePanel, CaseSummaryPanel, ConfirmPanel, FailedContactClosePanel, ReopenPanel, SurveyPanel};
use super::contact::{CommunicationPanel, ProgressPanel, ResumePanel, WaitPanel};
use super::corrections::{CorrectCustomerPanel, CorrectIncidentPanel};
use super::form::{self, CaseCtx, CaseData, PanelKind};
use super::handling::{AssignPanel, GradePanel, RoutePanel};
use super::investigation::{DeptReplyPanel, DeptRequestPanel, EvidencePanel, RootCausePanel, StartInvestigationPanel, VerificationPanel};
use super::plan::{ApprovePlanPanel, CloseStepPanel, PlanStepPanel, ProposePlanPanel, ResolvePanel, RespondToPlanPanel, SuggestionPanel};
use super::responsibility::{ArbitrationPanel, OutcomesPanel, SharesPanel};

/// The panels of one complaint on screen: the generation of each step's panel (its key in the
/// keyed lists, bumped when the step is saved) and the step saved last.
#[derive(Clone, Copy)]
pub(super) struct Panels {
    generations: RwSignal<HashMap<CommandKind, u32>>,
    pub last_saved: RwSignal<Option<CommandKind>>,
}

impl Panels {
    /// Provides the panels' [`CaseCtx`] for the complaint `d`; `on_saved` reloads the data.
    pub fn provide(d: Signal<Arc<ComplaintDetail>>, on_saved: impl Fn() + Clone + Send + Sync + 'static) -> Panels {
        let id = d.with_untracked(|d| d.view.id.clone());
        // A saved step's panel is built afresh once the new data is in (its key's generation goes
        // up), so its inputs start again from the saved record; every other panel stays as it is.
        let generations = RwSignal::new(HashMap::<CommandKind, u32>::new());
        // Saved steps waiting for the data read after them (the data they were saved on is kept, to
        // tell the new data from a notification that came before it).
        let resets = StoredValue::new(Vec::<(CommandKind, Arc<ComplaintDetail>)>::new());
        let last_saved = RwSignal::new(None::<CommandKind>);
        let scroll_y = StoredValue::new(None::<f64>);
        provide_context(CaseCtx {
            id,
            // Computed once per load of the data (it clones the state and evaluates the clocks),
            // not on every read by a panel.
            data: Memo::new_with_compare(move |_| d.with(|d| case_data(d)), |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b))).into(),
            on_saved: Callback::new(move |kind: Option<CommandKind>| {
                if let Some(kind) = kind {
                    resets.update_value(|r| r.push((kind, d.get_untracked())));
                }
                on_saved()
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
        Panels { generations, last_saved }
    }

    /// Each step with its panel's generation: the key of a keyed list of panels.
    pub fn keyed(self, kinds: Vec<CommandKind>) -> Vec<(CommandKind, u32)> {
        self.generations.with(|g| kinds.into_iter().map(|k| (k, g.get(&k).copied().unwrap_or(0))).collect())
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
        AddAttachment => view! { <AttachPanel folded/> }.into_any(),
        CorrectCustomer => view! { <CorrectCustomerPanel folded/> }.into_any(),
        CorrectIncident => view! { <CorrectIncidentPanel folded/> }.into_any(),
        SetShares => view! { <SharesPanel folded/> }.into_any(),
        RecordArbitration => view! { <ArbitrationPanel folded/> }.into_any(),
        RecordOutcomes => view! { <OutcomesPanel folded/> }.into_any(),
        Archive => view! { <ArchivePanel folded/> }.into_any(),
        _ => return None,
    })
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
pub(super) fn steps(d: &ComplaintDetail) -> (Vec<CommandKind>, Vec<CommandKind>) {
    let next = next_steps(&d.state, &d.config, d.now_ms);
    let (mut now, later): (Vec<_>, Vec<_>) =
        d.legal.iter().copied().filter(|k| *k != CommandKind::Classify && panel_exists(*k)).partition(|k| next.contains(k));
    if let Some(first) = most_pressing(&d.state, &d.config, d.now_ms, &now) {
        now.retain(|k| *k != first);
        now.insert(0, first);
    }
    (now, later)
}

/// One step's panel, told which step it is for, in a slot the focus can be found in again.
pub(super) fn slot(kind: CommandKind, folded: bool) -> impl IntoView {
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

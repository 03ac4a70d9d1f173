//! The page of one loaded complaint: where each part goes.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::keyed::Keyed;
use crate::domain::phase::Phase;
use crate::domain::workflow::{CommandKind, Status};
use crate::i18n::*;
use crate::services::ComplaintDetail;
use crate::ui::text::Translate;

use super::acting_as::ActingAs;
use super::case_file::CaseFile;
use super::classify::ClassifyPanel;
use super::clocks::clocks_table;
use super::conflicts::ConflictsPanel;
use super::export_one::ExportComplaint;
use super::panels::{slot, steps, Panels};
use super::summary::{header_state, summary};
use super::timeline::timeline;

/// A loaded complaint: the header, then (phones) the next steps, the facts and deadlines, the
/// other records; from 1024 px the steps with the facts beside them; then the case file and
/// the timeline.
#[component]
pub(super) fn Detail(d: Signal<Arc<ComplaintDetail>>, on_saved: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let id = d.with_untracked(|d| d.view.id.clone());
    let panels = Panels::provide(d, on_saved);
    let last_saved = panels.last_saved;
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
                    <For each=move || panels.keyed(kinds.get()) key=|k| *k let:k>{slot(k.0, true)}</For>
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
                        <For each=move || panels.keyed(next.get()) key=|k| *k let:k>{slot(k.0, false)}</For>
                    </section>
                </Show>
            </div>
            <div class="detail-side">
                <section class="panel" aria-labelledby="summary-title">
                    <h2 id="summary-title">{t!(i18n, detail.summary)}</h2>
                    {move || summary(&d.get())}
                    <p><a href=form_href data-testid="feedback-form-link">{t!(i18n, feedback.open)}</a></p>
                    <ExportComplaint id=id.clone()/>
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

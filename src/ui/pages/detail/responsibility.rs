//! Responsibility panels (SPEC §5, seed 001): the shares of each responsible party (summing
//! to 100), an arbitration ruling when responsibility is disputed, and the outcome per party
//! (commendation / none / penalty) that feeds the monthly department assessment.

use leptos::prelude::*;

use crate::domain::command::Command;
use crate::domain::responsibility::{format_shares, parse_shares, Outcome, PartyOutcome, Ruling};
use crate::i18n::*;
use crate::domain::keyed::Keyed;
use crate::ui::components::bind::Bind;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::components::text_field::TextField;

use super::form::{use_case, CommandForm, FormState, Refusal};

/// Records the responsibility shares, one `party: percent` per line.
#[component]
pub fn SharesPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("shares");
    let text = RwSignal::new(case.current().state.shares().map(|s| format_shares(s)).unwrap_or_default());
    let build = move || {
        let shares = parse_shares(&text.get_untracked()).map_err(|_| Refusal::at("shares", "shares_format"))?;
        Ok(Command::SetShares { shares })
    };
    view! {
        <CommandForm form title=move || t!(i18n, responsibility.shares_title) submit=move || t!(i18n, responsibility.shares_submit) command=build folded>
            <TextField id="shares-shares" value=text error=form.at("shares") rows=3 required=true hint=move || t!(i18n, responsibility.shares_hint)>
                {t!(i18n, responsibility.shares)}
            </TextField>
        </CommandForm>
    }
}

/// Records management's ruling on disputed responsibility, optionally fixing the shares.
#[component]
pub fn ArbitrationPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("arbitration");
    let arbiter = RwSignal::new(String::new());
    let ruling = RwSignal::new(String::new());
    let shares = RwSignal::new(String::new());
    let build = move || {
        let s = shares.get_untracked();
        let shares = match s.trim() {
            "" => None,
            t => Some(parse_shares(t).map_err(|_| Refusal::at("shares", "shares_format"))?),
        };
        Ok(Command::RecordArbitration { ruling: Ruling { arbiter: arbiter.get_untracked(), ruling: ruling.get_untracked(), shares } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, responsibility.arbitration_title) submit=move || t!(i18n, responsibility.arbitration_submit) command=build folded>
            <TextField id="arbitration-arbiter" value=arbiter error=form.at("arbiter") required=true list="staff-list">{t!(i18n, responsibility.arbiter)}</TextField>
            <TextField id="arbitration-ruling" value=ruling error=form.at("ruling") rows=3 required=true>{t!(i18n, responsibility.ruling)}</TextField>
            <TextField id="arbitration-shares" value=shares error=form.at("shares") rows=3 hint=move || t!(i18n, responsibility.ruling_shares_hint)>
                {t!(i18n, responsibility.shares)}
            </TextField>
        </CommandForm>
    }
}

/// The outcome for each party that carries a share.
#[component]
pub fn OutcomesPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("outcomes");
    // One row per party that carries a share, following the shares as they change (an
    // arbitration may change them while this panel is open); a party's row keeps its input.
    // Plain values in one signal: signals made inside the effect would die with its next run.
    let rows = RwSignal::new(Vec::<(String, Outcome, String)>::new());
    Effect::new(move |_| {
        let (parties, recorded) = case.data.with(|d| {
            let parties: Vec<String> = d.state.shares().cloned().unwrap_or_default().into_iter().map(|s| s.party).collect();
            (parties, d.state.outcomes().cloned().unwrap_or_default())
        });
        let old = rows.get_untracked();
        if parties.iter().ne(old.iter().map(|r| &r.0)) {
            let next = parties
                .into_iter()
                .map(|party| match old.iter().find(|r| r.0 == party) {
                    Some(row) => row.clone(),
                    None => {
                        let known = recorded.iter().find(|o| o.party == party);
                        let outcome = known.map_or(Outcome::None, |o| o.outcome);
                        (party, outcome, known.map(|o| o.note.clone()).unwrap_or_default())
                    }
                })
                .collect();
            rows.set(next);
        }
    });
    // A row's outcome, read and written in `rows`. A row whose party has just left the shares
    // reads as no outcome until the list drops it.
    let outcome_of = move |i: usize| Bind {
        get: Signal::derive(move || rows.with(|r| r.get(i).map_or(Outcome::None, |x| x.1))),
        set: SignalSetter::map(move |outcome| {
            rows.update(|r| {
                if let Some(row) = r.get_mut(i) {
                    row.1 = outcome;
                }
            })
        }),
    };
    let set_note = move |i: usize, value: String| {
        rows.update(|r| {
            if let Some(row) = r.get_mut(i) {
                row.2 = value;
            }
        })
    };
    let build = move || {
        let outcomes = rows
            .get_untracked()
            .into_iter()
            .map(|(party, outcome, note)| PartyOutcome { party, outcome, note })
            .collect();
        Ok(Command::RecordOutcomes { outcomes })
    };
    view! {
        <CommandForm form title=move || t!(i18n, responsibility.outcomes_title) submit=move || t!(i18n, responsibility.outcomes_submit) command=build folded>
            // Keyed by party: typing into a row does not rebuild it.
            <For each=move || rows.with(|r| r.iter().enumerate().map(|(i, row)| (i, row.0.clone())).collect::<Vec<_>>()) key=|k| k.clone() let:k>
                {
                    let (i, party) = k;
                    let note_id = format!("outcome-note-{i}");
                    let note_id2 = note_id.clone();
                    let note = move || rows.with(|r| r.get(i).map(|x| x.2.clone()).unwrap_or_default());
                    view! {
                        <fieldset class="field outcome">
                            <legend>{party}</legend>
                            <EnumSelect id=format!("outcome-{i}") value=outcome_of(i) options=Outcome::all()>{t!(i18n, responsibility.outcome)}</EnumSelect>
                            <label for=note_id2>{t!(i18n, step.note)}</label>
                            <input type="text" id=note_id prop:value=note on:input=move |ev| set_note(i, event_target_value(&ev))/>
                        </fieldset>
                    }
                }
            </For>
        </CommandForm>
    }
}

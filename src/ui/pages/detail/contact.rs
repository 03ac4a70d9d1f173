//! Communication panels (SPEC §7, §8): the contact log with message templates (placeholders
//! filled in), progress updates when late ("explained to the customer"), and pausing the
//! clocks while waiting on the customer or a third party.


use leptos::prelude::*;

use crate::domain::channel::Channel;
use crate::domain::command::Command;
use crate::domain::communication::{CommEntry, ContactResult, Direction, ProgressUpdate};
use crate::i18n::*;
use crate::ui::components::text_field::TextField;
use crate::ui::session::current_user;
use crate::domain::keyed::Keyed;
use crate::ui::components::enum_select::EnumSelect;
use crate::ui::text::{template_text, Choice, Translate};

use crate::ui::components::required_choice::RequiredSelect;
use super::form::{note_panel, chosen, CaseCtx, optional_time, parse_time, time_value, use_case, Check, CommandForm, FormState, Refusal, TimeField};

/// A template's text with the customer's title, the number and the expected time filled in
/// (the domain decides each value); a template that cannot be filled says why.
fn render_template(case: &CaseCtx, key: &str) -> Option<Result<String, &'static str>> {
    let data = case.current();
    let now_ms = crate::browser::clock::now_ms();
    let language = crate::ui::text::message_language(use_i18n().get_locale_untracked());
    data.state.render_template(&data.config, key, now_ms, language).map(|r| r.map_err(|e| e.code()))
}

/// A select that fills `target` with a rendered template.
#[component]
fn TemplatePicker(id: &'static str, target: RwSignal<String>, default: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let mut keys = vec!["none".to_string()];
    keys.extend(case.current().config.templates.iter().map(|t| t.key.clone()));
    let chosen = RwSignal::new(default.to_string());
    let problem = RwSignal::new(None::<&'static str>);
    view! {
        <div class="field">
            <label for=id>{t!(i18n, step.template)}</label>
            <select id=id aria-describedby=format!("{id}-hint {id}-error") on:change=move |ev| {
                let key = event_target_value(&ev);
                match render_template(&case, &key) {
                    Some(Ok(text)) => {
                        target.set(text);
                        problem.set(None);
                    }
                    Some(Err(code)) => problem.set(Some(code)),
                    None => problem.set(None),
                }
                chosen.set(key);
            }>
                {keys.into_iter().map(|k| {
                    let (key, shown) = (k.clone(), k.clone());
                    view! { <option value=k selected=move || chosen.get() == key>{move || template_text(i18n.get_locale(), &shown)}</option> }
                }).collect_view()}
            </select>
            <p class="hint" id=format!("{id}-hint")>{t!(i18n, step.template_hint)}</p>
            <p class="field-error" id=format!("{id}-error") aria-live="polite">
                {move || problem.get().map(|code| crate::ui::text::error_text(i18n.get_locale(), code))}
            </p>
        </div>
    }
}

/// Logs one contact with the customer: when, how, who, what was said, and whether an
/// outbound call reached them (failed attempts count towards closing without them).
#[component]
pub fn CommunicationPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("contact");
    let at = RwSignal::new(time_value(case.current().now));
    let channel = RwSignal::new(Channel::Phone);
    let direction = RwSignal::new(Direction::Outbound);
    // Whether the customer was reached is what happened, not a default (failed attempts count).
    let result = RwSignal::new(None::<ContactResult>);
    let who = RwSignal::new(current_user());
    let summary = RwSignal::new(String::new());
    let build = move || {
        let at = parse_time(&at.get_untracked()).ok_or(Refusal::at("at", "invalid_datetime"))?;
        let direction = direction.get_untracked();
        let result = match direction {
            Direction::Outbound => Some(chosen(result, "result")?),
            Direction::Inbound => None,
        };
        Ok(Command::LogCommunication {
            entry: CommEntry {
                at,
                channel: channel.get_untracked(),
                direction,
                who: who.get_untracked(),
                summary: summary.get_untracked(),
                result,
            },
        })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.contact_title) submit=move || t!(i18n, step.contact_submit) command=build folded>
            <TimeField id="contact-at" value=at error=form.at("at") required=true>{t!(i18n, step.contact_at)}</TimeField>
            <EnumSelect id="contact-channel" value=channel options=Channel::all()>{t!(i18n, register.channel)}</EnumSelect>
            <EnumSelect id="contact-direction" value=direction options=vec![Direction::Outbound, Direction::Inbound]>
                {t!(i18n, step.contact_direction)}
            </EnumSelect>
            <Show when=move || direction.get() == Direction::Outbound>
                <RequiredSelect id="contact-result" value=result options=ContactResult::all() error=form.at("result")>{t!(i18n, step.contact_result)}</RequiredSelect>
            </Show>
            <TextField id="contact-who" list="staff-list" value=who error=form.at("who") required=true>{t!(i18n, step.contact_who)}</TextField>
            <TemplatePicker id="contact-template" target=summary default="none"/>
            <TextField id="contact-summary" value=summary error=form.at("summary") rows=3 required=true>{t!(i18n, step.contact_summary)}</TextField>
        </CommandForm>
    }
}

/// Tells the customer where things stand, especially when late: why, and the new ETA.
#[component]
pub fn ProgressPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let case = use_case();
    let form = FormState::new("progress");
    let text = RwSignal::new(String::new());
    let eta = RwSignal::new(case.current().eta.map(time_value).unwrap_or_default());
    let data = case.data;
    let explained = RwSignal::new(false);
    let build = move || {
        let new_eta = optional_time(eta, "eta")?;
        Ok(Command::ProgressUpdate { update: ProgressUpdate { text: text.get_untracked(), new_eta, explained: explained.get_untracked() } })
    };
    view! {
        <CommandForm form title=move || t!(i18n, step.progress_title) submit=move || t!(i18n, step.progress_submit) command=build folded>
            {move || data.with(|d| d.late).then(|| view! { <p class="late-note" role="note">{t!(i18n, step.progress_late)}</p> })}
            <TemplatePicker id="progress-template" target=text default="none"/>
            <TextField id="progress-progress" value=text error=form.at("progress") rows=3 required=true>{t!(i18n, step.progress_text)}</TextField>
            <TimeField id="progress-eta" value=eta error=form.at("eta")>{t!(i18n, step.progress_eta)}</TimeField>
            <Check id="progress-explained" value=explained>{t!(i18n, step.progress_explained)}</Check>
        </CommandForm>
    }
}

/// Pauses the clocks while waiting on the customer or a third party.
#[component]
pub fn WaitPanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new("wait");
    let on = RwSignal::new(WaitingOn::Customer);
    let reason = RwSignal::new(String::new());
    let build = move || Ok(Command::Wait { on_customer: on.get_untracked() == WaitingOn::Customer, reason: reason.get_untracked() });
    view! {
        <CommandForm form title=move || t!(i18n, step.wait_title) submit=move || t!(i18n, step.wait_submit) command=build folded>
            <EnumSelect id="wait-on" value=on options=vec![WaitingOn::Customer, WaitingOn::ThirdParty]>{t!(i18n, step.wait_on)}</EnumSelect>
            <TextField id="wait-reason" value=reason error=form.at("reason") rows=2 required=true>{t!(i18n, step.wait_reason)}</TextField>
        </CommandForm>
    }
}

/// Whom the complaint waits on (the `Wait` command's `on_customer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WaitingOn {
    Customer,
    ThirdParty,
}

impl Translate for WaitingOn {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            WaitingOn::Customer => td_string!(locale, step.wait_customer),
            WaitingOn::ThirdParty => td_string!(locale, step.wait_third_party),
        }
    }
}

impl Choice for WaitingOn {
    fn option_key(self) -> &'static str {
        match self {
            WaitingOn::Customer => "customer",
            WaitingOn::ThirdParty => "third_party",
        }
    }
}

/// Resumes handling after waiting; the clocks run again.
#[component]
pub fn ResumePanel(#[prop(optional)] folded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (title, submit) = (ViewFn::from(move || t!(i18n, step.resume_title)), ViewFn::from(move || t!(i18n, step.resume_submit)));
    note_panel("resume", "resume-note", title, submit, folded, |note| Command::Resume { note })
}

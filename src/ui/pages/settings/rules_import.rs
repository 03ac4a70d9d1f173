//! Importing a rules file on the Settings page: pick it, see both versions and what differs
//! by section, then the choice the decision offers — apply a newer revision, or keep this
//! device's rules or use the file's when they diverged; an older file or the same rules are
//! only explained. Nothing is stored before a button is pressed.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::config::DomainConfig;
use crate::domain::rules_file::{Decision, Difference, Divergence, RulesFileError, RulesSection, MAX_RULES_BYTES};
use crate::domain::settings::SettingsForm;
use crate::i18n::*;
use crate::services::rules::{RulesApplied, RulesChoice, RulesPreview};
use crate::ui::app::use_desk;
use crate::ui::components::rules_problem::use_rules_status;
use crate::ui::pages::settings::rules_file::VersionFacts;
use crate::ui::text::error_text;
use crate::ui::text::{sla_text, template_text, weekday_text, Translate};

/// Where the import stands.
#[derive(Clone)]
enum Import {
    Idle,
    Reading,
    /// Refused: the code, the refused part's code for rules that fail the checks, the detail.
    Failed { code: &'static str, rule: Option<&'static str>, detail: String },
    Preview(RulesPreview),
    Done(RulesApplied),
}

/// The picker, the preview and the choice. `applied` counts files applied (or kept over).
#[component]
pub fn ImportRules(applied: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let rules_status = use_rules_status().0;
    let state = RwSignal::new_local(Import::Idle);
    let busy = RwSignal::new(false);

    let on_pick = {
        let desk = desk.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = ev.target().expect("a change event has a target").unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            // The same file can be picked again (after another tab changed the rules, say).
            input.set_value("");
            state.set(Import::Reading);
            let desk = desk.clone();
            spawn_local(async move {
                let next = match read_file(&file).await {
                    Err(e) => Import::Failed { code: e.code(), rule: None, detail: e.to_string() },
                    Ok(bytes) => match desk.preview_rules(&bytes).await {
                        Ok(p) => Import::Preview(p),
                        Err(e) => Import::Failed { code: e.code(), rule: e.rule(), detail: e.to_string() },
                    },
                };
                state.try_set(next);
            });
        }
    };
    // A callback must be Send; the desk is not, so it is kept in local storage.
    let desk_here = StoredValue::new_local(desk.clone());
    let choose = Callback::new(move |choice: RulesChoice| {
        let Import::Preview(preview) = state.get_untracked() else { return };
        let Some(desk) = desk_here.try_get_value() else { return };
        busy.set(true);
        spawn_local(async move {
            let next = match desk.apply_rules(&preview, choice).await {
                Ok(done) => {
                    rules_status.try_set(desk.rules_problem());
                    applied.try_update(|n| *n += 1);
                    Import::Done(done)
                }
                Err(e) => Import::Failed { code: e.code(), rule: e.rule(), detail: e.to_string() },
            };
            busy.try_set(false);
            state.try_set(next);
        });
    });

    view! {
        <h3 id="rules-import-title">{t!(i18n, rules_file.import_title)}</h3>
        <p class="hint" id="rules-import-hint">{t!(i18n, rules_file.import_hint)}</p>
        <div class="field">
            <label for="rules-import-file">{t!(i18n, rules_file.pick)}</label>
            <input id="rules-import-file" type="file" accept=".json,application/json" aria-describedby="rules-import-hint"
                disabled=move || busy.get() on:change=on_pick/>
        </div>
        <div data-testid="rules-import">
            {move || match state.get() {
                Import::Idle => ().into_any(),
                Import::Reading => view! { <p role="status">{t!(i18n, rules_file.reading)}</p> }.into_any(),
                Import::Failed { code, rule, detail } => view! {
                    <p class="form-error" role="alert" data-testid="rules-import-error" data-code=code>
                        {move || error_text(i18n.get_locale(), code)}
                        {rule.map(|r| view! { " "{move || error_text(i18n.get_locale(), r)} })}
                    </p>
                    <details class="hint"><summary>{t!(i18n, rules_file.details)}</summary><code>{detail}</code></details>
                }.into_any(),
                Import::Preview(preview) => view! { <Preview preview choose busy/> }.into_any(),
                Import::Done(done) => view! {
                    <p role="status" data-testid="rules-import-result">
                        {match done.choice {
                            RulesChoice::UseFile => t!(i18n, rules_file.applied, revision = done.version.stamp.revision).into_any(),
                            RulesChoice::KeepLocal => t!(i18n, rules_file.kept, revision = done.version.stamp.revision).into_any(),
                        }}
                        {done.kept_copy.then(|| view! { " "{t!(i18n, rules_file.applied_kept_copy)} })}
                    </p>
                }.into_any(),
            }}
        </div>
    }
}

/// Reads a picked file's bytes; a file too large is refused before it is read.
async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, RulesFileError> {
    let size = file.size() as u64;
    if size > MAX_RULES_BYTES {
        return Err(RulesFileError::TooLarge(size));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| RulesFileError::Malformed(format!("{e:?}")))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Both versions, the decision, what differs, and the buttons the decision offers.
#[component]
fn Preview(preview: RulesPreview, choose: Callback<RulesChoice>, busy: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let decision = preview.decision;
    let (file_rev, here_rev) = (preview.file.stamp.revision, preview.version.as_ref().map_or(0, |v| v.stamp.revision));
    let message = move || match decision {
        Decision::Same => t!(i18n, rules_file.same).into_any(),
        Decision::Newer => t!(i18n, rules_file.newer).into_any(),
        Decision::Older => t!(i18n, rules_file.older, file = file_rev, here = here_rev).into_any(),
        Decision::Diverged(Divergence::LocalChanges) => t!(i18n, rules_file.diverged_local_changes).into_any(),
        Decision::Diverged(Divergence::OtherLineage) => t!(i18n, rules_file.diverged_other_lineage).into_any(),
        Decision::Diverged(Divergence::Fork) => t!(i18n, rules_file.diverged_fork).into_any(),
    };
    let (here, theirs) = (Arc::new((*preview.here).clone()), Arc::new(preview.file.config.clone()));
    let button = move |choice: RulesChoice, primary: bool, id: &'static str, label: AnyView| view! {
        <button type="button" class:primary=primary data-testid=id disabled=move || busy.get() on:click=move |_| choose.run(choice)>{label}</button>
    };
    view! {
        <div class="rules-preview" data-testid="rules-preview" data-decision=decision.code()>
            <div class="rules-sides">
                <div data-testid="rules-side-here">
                    <h4>{t!(i18n, rules_file.this_device)}</h4>
                    <VersionFacts stamp=preview.version.map(|v| v.stamp) changed=preview.locally_changed prefix="rules-here"/>
                </div>
                <div data-testid="rules-side-file">
                    <h4>{t!(i18n, rules_file.the_file)}</h4>
                    <VersionFacts stamp=Some(preview.file.stamp.clone()) changed=false prefix="rules-file"/>
                </div>
            </div>
            {if decision == Decision::Older {
                view! { <p class="form-error" role="alert" data-testid="rules-decision">{message}</p> }.into_any()
            } else {
                view! { <p role="status" data-testid="rules-decision">{message}</p> }.into_any()
            }}
            {(!preview.differences.is_empty() && decision != Decision::Same).then(|| view! {
                <h4>{t!(i18n, rules_file.differences)}</h4>
                <ul class="rules-differences">
                    {preview.differences.into_iter().map(|d| view! { <DifferenceItem d here=here.clone() theirs=theirs.clone()/> }).collect_view()}
                </ul>
            })}
            <div class="actions">
                {match decision {
                    Decision::Newer => Some(button(RulesChoice::UseFile, true, "rules-apply", t!(i18n, rules_file.apply).into_any()).into_any()),
                    Decision::Diverged(_) => Some(view! {
                        <p class="hint">{t!(i18n, rules_file.use_file_hint)}</p>
                        {button(RulesChoice::KeepLocal, false, "rules-keep-local", t!(i18n, rules_file.keep_local).into_any())}
                        {button(RulesChoice::UseFile, false, "rules-use-file", t!(i18n, rules_file.use_file).into_any())}
                    }.into_any()),
                    Decision::Same | Decision::Older => None,
                }}
            </div>
        </div>
    }
}

/// One section that differs: the names only one side has, and both sides' values.
#[component]
fn DifferenceItem(d: Difference, here: Arc<DomainConfig>, theirs: Arc<DomainConfig>) -> impl IntoView {
    let i18n = use_i18n();
    let section = d.section;
    let names = move |label: AnyView, names: Vec<String>, id: &'static str| {
        (!names.is_empty()).then(|| view! { <p>{label}" "<span data-testid=id>{names.join(", ")}</span></p> })
    };
    view! {
        <li data-testid="rules-diff" data-section=section.code()>
            <strong>{move || section.text(i18n.get_locale())}</strong>
            {names(t!(i18n, rules_file.only_here).into_any(), d.only_here, "rules-diff-here")}
            {names(t!(i18n, rules_file.only_in_file).into_any(), d.only_in_file, "rules-diff-file")}
            <div class="rules-compare">
                <div>
                    <span class="hint">{t!(i18n, rules_file.this_device)}</span>
                    <p class="description" data-testid="rules-diff-here-value">{move || section_value(i18n.get_locale(), &here, section)}</p>
                </div>
                <div>
                    <span class="hint">{t!(i18n, rules_file.the_file)}</span>
                    <p class="description" data-testid="rules-diff-file-value">{move || section_value(i18n.get_locale(), &theirs, section)}</p>
                </div>
            </div>
        </li>
    }
}

/// A section of the rules as the Settings form shows it (one item per line).
fn section_value(l: Locale, c: &DomainConfig, s: RulesSection) -> String {
    let f = SettingsForm::of(c);
    let one_line = |t: &str| t.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ");
    match s {
        // Each person with their roles, so a change of roles shows.
        RulesSection::Staff => f
            .staff
            .iter()
            .map(|m| format!("{} ({})", m.name, m.roles.iter().map(|r| crate::ui::text::Translate::text(*r, l)).collect::<Vec<_>>().join(", ")))
            .collect::<Vec<_>>()
            .join("\n"),
        RulesSection::Departments => f.departments,
        RulesSection::Routing => c
            .routing
            .routes
            .iter()
            .map(|r| match &r.subtype {
                Some(sub) => format!("{}/{sub} → {}", r.type_key, r.department),
                None => format!("{} → {}", r.type_key, r.department),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        RulesSection::Types => f.types,
        RulesSection::Severity => f.severity_scheme,
        RulesSection::ChannelCodes => f.channel_codes,
        RulesSection::Sla => sla_text(l, &f.sla_preset),
        RulesSection::Calendar => {
            let days: Vec<&str> = f.weekdays.iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| weekday_text(l, i)).collect();
            [
                (td_string!(l, rules.periods), f.periods),
                (td_string!(l, rules.weekdays), days.join(" ")),
                (td_string!(l, rules.holidays), one_line(&f.holidays)),
                (td_string!(l, rules.makeup), one_line(&f.makeup_workdays)),
            ]
            .map(|(label, value)| format!("{label}: {value}"))
            .join("\n")
        }
        RulesSection::Templates => f
            .templates
            .iter()
            .zip(&f.templates_en)
            .flat_map(|((k, body), (_, en))| {
                let english = crate::ui::text::fill(td_string!(l, rules.template_english), &[("name", template_text(l, k))]);
                [format!("{}: {body}", template_text(l, k)), format!("{english}: {en}")]
            })
            .collect::<Vec<_>>()
            .join("\n"),
        RulesSection::NumberMask => f.number_mask,
        RulesSection::FailedAttempts => f.failed_attempts,
        RulesSection::Grading => serde_json::to_string(&c.grading).unwrap_or_default(),
        RulesSection::Retention => c.retention.years.to_string(),
    }
}

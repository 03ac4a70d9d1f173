//! The working rules on the Settings page: staff, departments and the routing table, the SLA
//! preset, the business calendar (working hours, weekdays, holidays, make-up working days),
//! message templates, the number format and the failed-contact limit. The domain parses and
//! checks the whole form (`domain::settings`); a refusal is shown at its field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::catalog::severity_scheme_choices;
use crate::domain::number::NumberMask;
use crate::domain::settings::{lines, SettingsError, SettingsForm, SLA_PRESETS};
use crate::i18n::*;
use leptos_i18n::td_string;
use crate::ui::app::use_desk;
use crate::ui::components::text_field::TextField;
use crate::ui::pages::settings::holidays::HolidayImport;
use crate::ui::pages::settings::staff::{StaffEditor, StaffRows};
use crate::ui::text::{department_text, error_text, fill, known_error_text, sla_text, template_text, type_name, weekday_text};

/// The form input a template's Chinese or English text is typed in (`settings-template_<key>`,
/// `settings-template_en_<key>`).
fn template_input(english: bool, key: &str) -> &'static str {
    match (english, key) {
        (false, "soothe") => "template_soothe",
        (false, "progress") => "template_progress",
        (false, "result") => "template_result",
        (true, "soothe") => "template_en_soothe",
        (true, "progress") => "template_en_progress",
        (true, "result") => "template_en_result",
        (false, _) => "templates",
        (true, _) => "templates_en",
    }
}

/// The input a refusal is shown at: the field the domain names, or a template's own input.
fn input_of(e: &SettingsError) -> &'static str {
    e.template.as_deref().map_or(e.field, |key| template_input(e.field == "templates_en", key))
}

/// A labelled text area with an optional hint and its error (which may name a line).
#[component]
fn AreaField(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    rows: u32,
    error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described_by = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field">
            <label for=id.clone()>{children()}</label>
            <textarea id=id rows=rows aria-describedby=described_by aria-invalid=move || error.get().is_some().to_string()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h.run()}</p> })}
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// The form's state: one signal per field of the domain's `SettingsForm`.
#[derive(Clone, Copy)]
struct RulesForm {
    staff: StaffRows,
    departments: RwSignal<String>,
    /// Department per complaint type, in the rules' order.
    routes: StoredValue<Vec<(String, RwSignal<String>)>>,
    sla: RwSignal<String>,
    periods: RwSignal<String>,
    weekdays: [RwSignal<bool>; 7],
    holidays: RwSignal<String>,
    makeup: RwSignal<String>,
    /// Body per template key, in the rules' order.
    templates: StoredValue<Vec<(String, RwSignal<String>)>>,
    /// English text per template key, in the same order.
    templates_en: StoredValue<Vec<(String, RwSignal<String>)>>,
    mask: RwSignal<String>,
    attempts: RwSignal<String>,
    types: RwSignal<String>,
    severity: RwSignal<String>,
    channel_codes: RwSignal<String>,
}

impl RulesForm {
    fn of(f: &SettingsForm) -> RulesForm {
        let text = |v: &String| RwSignal::new(v.clone());
        let pairs = |v: &[(String, String)]| StoredValue::new(v.iter().map(|(k, x)| (k.clone(), RwSignal::new(x.clone()))).collect::<Vec<_>>());
        RulesForm {
            staff: StaffRows::of(&f.staff),
            departments: text(&f.departments),
            routes: pairs(&f.routes),
            sla: text(&f.sla_preset),
            periods: text(&f.periods),
            weekdays: f.weekdays.map(RwSignal::new),
            holidays: text(&f.holidays),
            makeup: text(&f.makeup_workdays),
            templates: pairs(&f.templates),
            templates_en: pairs(&f.templates_en),
            mask: text(&f.number_mask),
            attempts: text(&f.failed_attempts),
            types: text(&f.types),
            severity: text(&f.severity_scheme),
            channel_codes: text(&f.channel_codes),
        }
    }

    /// What is typed now, for the domain to check.
    fn form(self) -> SettingsForm {
        let pairs = |v: StoredValue<Vec<(String, RwSignal<String>)>>| v.with_value(|v| v.iter().map(|(k, x)| (k.clone(), x.get_untracked())).collect());
        SettingsForm {
            staff: self.staff.members(),
            departments: self.departments.get_untracked(),
            routes: pairs(self.routes),
            sla_preset: self.sla.get_untracked(),
            periods: self.periods.get_untracked(),
            weekdays: self.weekdays.map(|w| w.get_untracked()),
            holidays: self.holidays.get_untracked(),
            makeup_workdays: self.makeup.get_untracked(),
            templates: pairs(self.templates),
            templates_en: pairs(self.templates_en),
            number_mask: self.mask.get_untracked(),
            failed_attempts: self.attempts.get_untracked(),
            types: self.types.get_untracked(),
            severity_scheme: self.severity.get_untracked(),
            channel_codes: self.channel_codes.get_untracked(),
        }
    }
}

/// The refusal of the last save (or of the saved rules): its code, the input it is at, and the
/// line of a list field.
#[derive(Clone, Copy)]
struct Refusal(RwSignal<Option<Refused>>);

/// A refusal's code, the input it is shown at (none: under the form) and the line it names.
type Refused = (&'static str, Option<&'static str>, Option<usize>);

impl Refusal {
    /// The message at a field: the error text, with the line for list fields.
    fn at(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.0.get().filter(|r| r.1 == Some(field)).map(|(code, _, line)| {
                let text = error_text(i18n.get_locale(), code);
                match line {
                    Some(n) => format!("{text} ({} {n})", td_string!(i18n.get_locale(), rules.line)),
                    None => text.to_string(),
                }
            })
        })
    }

    /// The message at a field for `TextField`, which takes static messages; list fields show
    /// the line in their own hint.
    fn static_at(self, field: &'static str) -> Signal<Option<&'static str>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.0.get().filter(|r| r.1 == Some(field)).map(|(code, _, _)| {
                known_error_text(i18n.get_locale(), code).unwrap_or(td_string!(i18n.get_locale(), error.unexpected))
            })
        })
    }
}

/// The form; `Save` checks everything and stores it for this device (and counts `saved` up).
#[component]
pub fn WorkingRules(saved_count: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    // The saved rules even when they are refused, so the person repairs their own rules.
    let initial = SettingsForm::of(&desk.rules_to_edit());
    // The routing table names each type as the rules do.
    let names = std::sync::Arc::new(desk.rules_to_edit());
    let rules_status = crate::ui::components::rules_problem::use_rules_status().0;
    let today = desk.business_now().date();
    let utc_offset_minutes = desk.rules_to_edit().calendar.utc_offset_minutes;
    let f = RulesForm::of(&initial);
    let refusal = RwSignal::new(None::<Refused>);
    let r = Refusal(refusal);
    let saved = RwSignal::new(false);

    // Saved rules the domain refuses: show at once where they fail, so they can be repaired.
    if rules_status.get_untracked().is_some() {
        if let Err(e) = f.form().apply(&desk.rules_to_edit()) {
            refusal.set(Some((e.code, Some(input_of(&e)), e.line)));
        }
    }
    let save = Action::new_local(move |f: &SettingsForm| {
        let (desk, f) = (desk.clone(), f.clone());
        async move { desk.save_settings(&f).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            refusal.set(None);
            saved.set(true);
            rules_status.set(None);
            saved_count.update(|n| *n += 1);
        }
        Some(Err(e)) => {
            let (field, line) = match &e {
                crate::services::SettingsSaveError::Invalid(s) => (Some(input_of(s)), s.line),
                crate::services::SettingsSaveError::Store(_) => (None, None),
            };
            refusal.set(Some((e.code(), field, line)));
            saved.set(false);
            if let Some(field) = field {
                let el = document().get_element_by_id(&format!("settings-{field}")).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(el) = el {
                    let _ = el.focus();
                }
            }
        }
        None => {}
    });

    view! {
        <section class="panel" aria-labelledby="rules-title" data-testid="working-rules">
            <h2 id="rules-title">{t!(i18n, rules.title)}</h2>
            <p class="hint">{t!(i18n, rules.intro)}</p>
            <form novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                saved.set(false);
                save.dispatch(f.form());
            }>
                {people(f, r, names)}

                {catalogue(f, r)}

                {deadlines(f, r, today, utc_offset_minutes)}

                {templates_and_numbering(f, r, today)}

                {move || refusal.get().filter(|r| r.1.is_none() || r.1 == Some("settings")).map(|(code, _, _)| view! {
                    <p class="form-error" role="alert">{error_text(i18n.get_locale(), code)}</p>
                })}
                <button type="submit" class="primary" data-testid="save-rules" disabled=move || save.pending().get()>{t!(i18n, rules.save)}</button>
                <p role="status" class="saved-note" data-testid="rules-saved">{move || saved.get().then_some(t!(i18n, rules.saved))}</p>
            </form>
        </section>
    }
}

/// Staff, departments and the routing table.
fn people(f: RulesForm, r: Refusal, names: std::sync::Arc<crate::domain::config::DomainConfig>) -> impl IntoView {
    let i18n = use_i18n();
    let department_options = Signal::derive(move || lines(&f.departments.get(), 60).unwrap_or_default());
    view! {
        <h3>{t!(i18n, rules.people)}</h3>
        <StaffEditor rows=f.staff refusal=Signal::derive(move || r.0.get().filter(|x| x.1 == Some("staff")).map(|(code, _, line)| (code, line)))/>
        <TextField id="settings-departments" value=f.departments error=r.static_at("departments") rows=4 hint=move || t!(i18n, rules.one_per_line)>
            {t!(i18n, rules.departments)}
        </TextField>
        <fieldset class="field routing" aria-describedby="settings-routes-error">
            <legend>{t!(i18n, rules.routing)}</legend>
            {f.routes.get_value().into_iter().map(|(type_key, dept)| {
                let id = format!("route-{type_key}");
                let tk = type_key.clone();
                let names = names.clone();
                view! {
                    <div class="field inline">
                        <label for=id.clone()>{move || type_name(&names, i18n.get_locale(), &tk)}</label>
                        <select id=id on:change=move |ev| dept.set(event_target_value(&ev))>
                            {move || department_options.get().into_iter().map(|d| {
                                let (d1, d2) = (d.clone(), d.clone());
                                view! { <option value=d selected=move || dept.get() == d1>{move || department_text(i18n.get_locale(), &d2)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id="settings-routes-error" aria-live="polite">{move || r.at("routes").get()}</p>
        </fieldset>
    }
}

/// Complaint types and sub-types, the severity scheme and the channel codes.
fn catalogue(f: RulesForm, r: Refusal) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{t!(i18n, rules.catalogue)}</h3>
        <AreaField id="settings-types" value=f.types rows=8 error=r.at("types") hint=move || t!(i18n, rules.types_hint)>
            {t!(i18n, rules.types)}
        </AreaField>
        <div class="field">
            <label for="settings-severity_scheme">{t!(i18n, rules.severity_scheme)}</label>
            <select id="settings-severity_scheme" aria-describedby="settings-severity_scheme-error"
                on:change=move |ev| f.severity.set(event_target_value(&ev))>
                {severity_scheme_choices().into_iter().map(|c| {
                    let (k, label) = (c.key.clone(), c.label.clone());
                    view! { <option value=c.key selected=move || f.severity.get() == k>{move || label.text(i18n.get_locale().as_ref()).to_string()}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id="settings-severity_scheme-error" aria-live="polite">{move || r.at("severity_scheme").get()}</p>
        </div>
        <AreaField id="settings-channel_codes" value=f.channel_codes rows=7 error=r.at("channel_codes") hint=move || t!(i18n, rules.channel_codes_hint)>
            {t!(i18n, rules.channel_codes)}
        </AreaField>
    }
}

/// The SLA preset, the business calendar and the failed-contact limit.
fn deadlines(f: RulesForm, r: Refusal, today: chrono::NaiveDate, utc_offset_minutes: i32) -> impl IntoView {
    use chrono::Datelike;
    let i18n = use_i18n();
    view! {
        <h3>{t!(i18n, rules.deadlines)}</h3>
        <div class="field">
            <label for="settings-sla_preset">{t!(i18n, rules.sla_preset)}</label>
            <select id="settings-sla_preset" on:change=move |ev| f.sla.set(event_target_value(&ev))>
                {SLA_PRESETS.into_iter().map(|k| view! {
                    <option value=k selected=move || f.sla.get() == k>{move || sla_text(i18n.get_locale(), k)}</option>
                }).collect_view()}
            </select>
        </div>
        <TextField id="settings-periods" value=f.periods error=r.static_at("periods") hint=move || t!(i18n, rules.periods_hint)>
            {t!(i18n, rules.periods)}
        </TextField>
        <fieldset class="field choices weekdays" aria-describedby="settings-weekdays-error">
            <legend>{t!(i18n, rules.weekdays)}</legend>
            <span id="settings-weekdays" tabindex="-1"></span>
            {f.weekdays.into_iter().enumerate().map(|(i, on)| {
                let id = format!("weekday-{i}");
                let id2 = id.clone();
                view! {
                    <label for=id2><input type="checkbox" id=id prop:checked=on on:change=move |ev| on.set(event_target_checked(&ev))/>
                        {move || weekday_text(i18n.get_locale(), i)}</label>
                }
            }).collect_view()}
            <p class="field-error" id="settings-weekdays-error" aria-live="polite">{move || r.at("weekdays").get()}</p>
        </fieldset>
        <AreaField id="settings-holidays" value=f.holidays rows=4 error=r.at("holidays") hint=move || t!(i18n, rules.dates_hint)>
            {t!(i18n, rules.holidays)}
        </AreaField>
        <AreaField id="settings-makeup_workdays" value=f.makeup rows=3 error=r.at("makeup_workdays") hint=move || t!(i18n, rules.makeup_hint)>
            {t!(i18n, rules.makeup)}
        </AreaField>
        <HolidayImport holidays=f.holidays makeup=f.makeup year=today.year() utc_offset_minutes/>
        <TextField id="settings-failed_attempts" value=f.attempts error=r.static_at("failed_attempts") inputmode="numeric"
            hint=move || t!(i18n, rules.failed_attempts_hint)>
            {t!(i18n, rules.failed_attempts)}
        </TextField>
    }
}

/// Message templates and the number format with its preview for `today`.
fn templates_and_numbering(f: RulesForm, r: Refusal, today: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let preview = Signal::derive(move || NumberMask::parse(f.mask.get().trim()).ok().map(|m| m.format(today, "TEL", "K7A", 3)));
    view! {
        <h3>{t!(i18n, rules.templates)}</h3>
        <p class="hint">{t!(i18n, rules.templates_hint)}</p>
        {f.templates.get_value().into_iter().zip(f.templates_en.get_value()).map(|((key, body), (_, english))| {
            let (field, field_en) = (template_input(false, &key), template_input(true, &key));
            let (k, k_en) = (key.clone(), key.clone());
            view! {
                <AreaField id=format!("settings-{field}") value=body rows=3 error=r.at(field)>
                    {move || template_text(i18n.get_locale(), &k)}
                </AreaField>
                <AreaField id=format!("settings-{field_en}") value=english rows=3 error=r.at(field_en) hint=move || t!(i18n, rules.template_english_hint)>
                    {move || fill(td_string!(i18n.get_locale(), rules.template_english), &[("name", template_text(i18n.get_locale(), &k_en))])}
                </AreaField>
            }
        }).collect_view()}

        <h3>{t!(i18n, rules.numbering)}</h3>
        <TextField id="settings-number_mask" value=f.mask error=r.static_at("number_mask") hint=move || t!(i18n, rules.mask_hint)>
            {t!(i18n, rules.mask)}
        </TextField>
        <p class="hint" data-testid="mask-preview">{t!(i18n, rules.mask_example)}" "<span class="complaint-number">{move || preview.get()}</span></p>
    }
}

//! The Settings form (SPEC §4, §7, §8, §3): the configurable parts of `DomainConfig` as a person
//! types them — staff with their roles (one row each), departments one per line, the routing table, the SLA preset, the
//! business calendar (working hours, weekdays, holidays and make-up working days), message
//! templates, the number mask and the failed-contact limit, the complaint types with their
//! sub-types, the severity scheme and the channel codes — parsed and checked into a new
//! configuration, or refused with the field, the line and a stable code. Nothing here does I/O.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::severity_preset;
use super::catalog_text::{format_channel_codes, format_types, parse_channel_codes, parse_types, LineError};
use super::config::DomainConfig;
use super::routing::Route;
use super::sla::calendar::{CalendarError, Period};
use super::sla::{BusinessCalendar, SlaPolicy};
use super::staff::{self, StaffMember};
use super::text::{self, TextError, TextRule};
use super::time_range::is_accepted_date;

/// The SLA presets: seed 000 (the default table), 002 and 004.
pub const SLA_PRESETS: [&str; 3] = ["seed_000", "seed_002", "seed_004"];

/// The SLA policy of a preset key.
pub fn sla_preset(key: &str) -> Option<SlaPolicy> {
    match key {
        "seed_000" | "default" => Some(SlaPolicy::default()),
        "seed_002" => Some(SlaPolicy::seed_002()),
        "seed_004" => Some(SlaPolicy::seed_004()),
        _ => None,
    }
}

/// The preset key of a policy (`seed_000` for the default).
pub fn sla_preset_key(p: &SlaPolicy) -> &'static str {
    SLA_PRESETS.into_iter().find(|k| sla_preset(k).as_ref() == Some(p)).unwrap_or("seed_000")
}

/// Why the settings were not saved: the form field and a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {code}")]
pub struct SettingsError {
    pub field: &'static str,
    pub code: &'static str,
    /// The 1-based line of a list field that is wrong, if any.
    pub line: Option<usize>,
    /// For `templates`: the key of the template whose body is refused.
    pub template: Option<String>,
}

fn err(field: &'static str, code: &'static str) -> SettingsError {
    SettingsError { field, code, line: None, template: None }
}

/// Everything the Settings form edits, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SettingsForm {
    /// One row per person: the name as typed and the roles ticked.
    pub staff: Vec<StaffMember>,
    pub departments: String,
    /// Department per complaint type (the type's rule without a sub-type).
    pub routes: Vec<(String, String)>,
    pub sla_preset: String,
    pub periods: String,
    /// Monday first.
    pub weekdays: [bool; 7],
    pub holidays: String,
    pub makeup_workdays: String,
    pub templates: Vec<(String, String)>,
    /// Each template's English text (`Template::english`), by key; empty: messages in English
    /// use the Chinese text.
    #[serde(default)]
    pub templates_en: Vec<(String, String)>,
    pub number_mask: String,
    pub failed_attempts: String,
    /// Complaint types, one per line (see `catalog_text`).
    #[serde(default)]
    pub types: String,
    /// Severity scheme preset key (`catalog::SEVERITY_SCHEMES`).
    #[serde(default)]
    pub severity_scheme: String,
    /// Channel codes, `phone: TEL` one per line.
    #[serde(default)]
    pub channel_codes: String,
}

impl SettingsForm {
    /// The form filled in from a configuration.
    pub fn of(c: &DomainConfig) -> SettingsForm {
        let routes = c
            .types
            .types
            .iter()
            .map(|t| {
                let d = c.routing.routes.iter().find(|r| r.type_key == t.key && r.subtype.is_none()).map(|r| r.department.clone());
                (t.key.clone(), d.unwrap_or_else(|| c.routing.fallback.clone()))
            })
            .collect();
        SettingsForm {
            staff: c.staff.clone(),
            departments: c.routing.departments.join("\n"),
            routes,
            sla_preset: sla_preset_key(&c.sla).into(),
            periods: format_periods(&c.calendar.periods),
            weekdays: c.calendar.weekdays,
            holidays: format_dates(&c.calendar.holidays),
            makeup_workdays: format_dates(&c.calendar.makeup_workdays),
            templates: c.templates.iter().map(|t| (t.key.clone(), t.body.clone())).collect(),
            templates_en: c.templates.iter().map(|t| (t.key.clone(), t.english().to_string())).collect(),
            number_mask: c.number_mask.clone(),
            failed_attempts: c.failed_attempts_to_close.to_string(),
            types: format_types(&c.types),
            severity_scheme: c.severity.key.clone(),
            channel_codes: format_channel_codes(&c.channel_codes),
        }
    }

    /// `base` with the form's values, checked as a whole.
    pub fn apply(&self, base: &DomainConfig) -> Result<DomainConfig, SettingsError> {
        let mut c = base.clone();
        let at_line = |field: &'static str| move |e: LineError| SettingsError { field, code: e.code, line: e.line, template: None };
        // Types first: the routes below name them.
        c.types = parse_types(&self.types).map_err(at_line("types"))?;
        c.severity = match self.severity_scheme.trim() {
            key if key == base.severity.key => base.severity.clone(),
            key => severity_preset(key).ok_or(err("severity_scheme", "unknown_preset"))?,
        };
        c.channel_codes = parse_channel_codes(&self.channel_codes).map_err(at_line("channel_codes"))?;
        c.staff = staff_rows(&self.staff).map_err(|(line, code)| SettingsError { line: Some(line), ..err("staff", code) })?;
        let departments =
            checked_lines(&self.departments, TextRule::NAME).map_err(|(line, e)| SettingsError { line: Some(line), ..err("departments", e.code()) })?;
        if departments.is_empty() {
            return Err(err("departments", "required"));
        }
        // Rules for types or sub-types no longer in the catalogue go.
        let types = c.types.clone();
        c.routing.routes.retain(|r| types.get(&r.type_key).is_some_and(|t| r.subtype.as_ref().is_none_or(|s| t.subtypes.contains(s))));
        for (type_key, dept) in self.routes.iter().filter(|(t, _)| types.get(t).is_some()) {
            if !departments.contains(dept) {
                return Err(err("routes", "route_unknown_department"));
            }
            match c.routing.routes.iter_mut().find(|r| &r.type_key == type_key && r.subtype.is_none()) {
                Some(r) => r.department = dept.clone(),
                // The fallback already covers a type without a rule.
                None if *dept == c.routing.fallback => {}
                None => c.routing.routes.push(Route { type_key: type_key.clone(), subtype: None, department: dept.clone() }),
            }
        }
        // Sub-type rules and the fallback must still name a department.
        if c.routing.routes.iter().any(|r| !departments.contains(&r.department)) || !departments.contains(&c.routing.fallback) {
            c.routing.fallback = departments[0].clone();
            c.routing.routes.retain(|r| departments.contains(&r.department));
        }
        c.routing.departments = departments;
        c.sla = sla_preset(&self.sla_preset).ok_or(err("sla_preset", "unknown_preset"))?;
        c.calendar = BusinessCalendar {
            periods: parse_periods(&self.periods).map_err(|e| err("periods", e.code()))?,
            weekdays: self.weekdays,
            holidays: parse_dates(&self.holidays).map_err(|line| SettingsError { line: Some(line), ..err("holidays", "bad_date") })?,
            makeup_workdays: parse_dates(&self.makeup_workdays)
                .map_err(|line| SettingsError { line: Some(line), ..err("makeup_workdays", "bad_date") })?,
            ..base.calendar.clone()
        };
        c.calendar.validate().map_err(|e| err(if e.code() == "calendar_no_working_day" { "weekdays" } else { "periods" }, e.code()))?;
        for (key, body) in &self.templates {
            let t = c.templates.iter_mut().find(|t| &t.key == key).ok_or(err("templates", "unknown_template"))?;
            let at_template = |code| SettingsError { template: Some(key.clone()), ..err("templates", code) };
            t.body = text::required(body, TextRule::NOTE).map_err(|e| at_template(e.code()))?;
            t.validate().map_err(|e| at_template(e.code()))?;
        }
        for (key, body) in &self.templates_en {
            let t = c.templates.iter_mut().find(|t| &t.key == key).ok_or(err("templates_en", "unknown_template"))?;
            let at_template = |code| SettingsError { template: Some(key.clone()), ..err("templates_en", code) };
            t.body_en = text::optional(body, TextRule::NOTE).map_err(|e| at_template(e.code()))?;
            t.validate().map_err(|e| at_template(e.code()))?;
        }
        c.number_mask = self.number_mask.trim().to_string();
        c.mask().map_err(|e| err("number_mask", e.0))?;
        c.failed_attempts_to_close = match self.failed_attempts.trim().parse::<u32>() {
            Ok(n) if (1..=20).contains(&n) => n,
            _ => return Err(err("failed_attempts", "failed_attempts_invalid")),
        };
        c.validate().map_err(|e| err("settings", e.0))?;
        Ok(c)
    }
}

/// The staff rows as typed, names tidied; a row without a name is left out (a row added and
/// not filled in). `Err((row, code))` names the first bad row, 1-based as on the screen.
pub fn staff_rows(rows: &[StaffMember]) -> Result<Vec<StaffMember>, (usize, &'static str)> {
    let (mut out, mut row_of) = (Vec::new(), Vec::new());
    for (i, r) in rows.iter().enumerate() {
        let name = text::optional(&r.name, TextRule::NAME).map_err(|e| (i + 1, e.code()))?;
        if !name.is_empty() {
            out.push(StaffMember::new(name, &r.roles));
            row_of.push(i + 1);
        }
    }
    staff::check(&out, true).map_err(|(k, code)| (row_of[k - 1], code))?;
    Ok(out)
}

/// Non-empty trimmed lines, each at most `max` characters and obeying the text rules, without
/// repeats; `Err(line)` names the first line that breaks a rule.
pub fn lines(text: &str, max: usize) -> Result<Vec<String>, usize> {
    checked_lines(text, TextRule::line(max)).map_err(|(line, _)| line)
}

/// Non-empty tidied lines obeying `rule`, without repeats; `Err((line, rule broken))` names
/// the first line that breaks it.
pub fn checked_lines(value: &str, rule: TextRule) -> Result<Vec<String>, (usize, TextError)> {
    let mut out: Vec<String> = Vec::new();
    for (i, l) in value.lines().enumerate() {
        let l = text::optional(l, rule).map_err(|e| (i + 1, e))?;
        if !l.is_empty() && !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}

const BAD: CalendarError = CalendarError::BadPeriods;

/// `09:00-12:00, 13:00-18:00` → working periods (checked further by the calendar).
pub fn parse_periods(text: &str) -> Result<Vec<Period>, CalendarError> {
    let minutes = |s: &str| -> Result<u16, CalendarError> {
        let (h, m) = s.trim().split_once(':').ok_or(BAD)?;
        let (h, m): (u16, u16) = (h.trim().parse().map_err(|_| BAD)?, m.trim().parse().map_err(|_| BAD)?);
        if m >= 60 || h > 24 || (h == 24 && m > 0) {
            return Err(BAD);
        }
        Ok(h * 60 + m)
    };
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (a, b) = p.split_once('-').ok_or(BAD)?;
            Ok(Period { start_min: minutes(a)?, end_min: minutes(b)? })
        })
        .collect::<Result<Vec<_>, CalendarError>>()
        .and_then(|v| if v.is_empty() { Err(BAD) } else { Ok(v) })
}

/// Working periods as typed in the form.
pub fn format_periods(periods: &[Period]) -> String {
    let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    periods.iter().map(|p| format!("{}-{}", hm(p.start_min), hm(p.end_min))).collect::<Vec<_>>().join(", ")
}

/// Dates one per line, `2023-10-01` or a range `2023-09-29..2023-10-06`; `Err(line)` names the
/// first line that is not a date or a forward range (at most a year long).
pub fn parse_dates(text: &str) -> Result<BTreeSet<NaiveDate>, usize> {
    let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let mut out = BTreeSet::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        let (a, b) = match l.split_once("..") {
            Some((a, b)) => (day(a), day(b)),
            None => (day(l), day(l)),
        };
        match (a, b) {
            (Some(a), Some(b)) if a <= b && (b - a).num_days() <= 366 && is_accepted_date(a) && is_accepted_date(b) => {
                out.extend(a.iter_days().take_while(|d| *d <= b))
            }
            _ => return Err(i + 1),
        }
    }
    Ok(out)
}

/// Dates one per line, consecutive days joined into ranges.
pub fn format_dates(dates: &BTreeSet<NaiveDate>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    let flush = |run: (NaiveDate, NaiveDate), out: &mut Vec<String>| {
        out.push(if run.0 == run.1 { run.0.to_string() } else { format!("{}..{}", run.0, run.1) })
    };
    for d in dates {
        run = match run {
            Some((a, b)) if b.succ_opt() == Some(*d) => Some((a, *d)),
            Some(r) => {
                flush(r, &mut out);
                Some((*d, *d))
            }
            None => Some((*d, *d)),
        };
    }
    if let Some(r) = run {
        flush(r, &mut out);
    }
    out.join("\n")
}

/// A calendar preset's holidays and make-up days, for the form's "fill in" button.
pub fn calendar_preset(key: &str) -> Option<BusinessCalendar> {
    match key {
        "china_2023" => Some(BusinessCalendar::china_2023()),
        "none" => Some(BusinessCalendar::default()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::Role;

    fn at_template(key: &str, code: &'static str) -> SettingsError {
        SettingsError { template: Some(key.into()), ..err("templates", code) }
    }

    #[test]
    fn the_form_round_trips_the_default_configuration() {
        let c = DomainConfig::default();
        let form = SettingsForm::of(&c);
        assert_eq!(form.sla_preset, "seed_000");
        assert_eq!(form.periods, "09:00-12:00, 13:00-18:00");
        assert_eq!(form.apply(&c).unwrap(), c);
    }

    #[test]
    fn english_templates_are_edited_and_may_be_left_empty() {
        let c = DomainConfig::default();
        let mut form = SettingsForm::of(&c);
        assert!(form.templates_en[0].1.starts_with("{customer_title}, we are very sorry"));
        form.templates_en[0].1 = "Dear {customer_title}, number {number}.".into();
        form.templates_en[1].1 = "  ".into();
        let saved = form.apply(&c).unwrap();
        assert_eq!(saved.templates[0].body_en, "Dear {customer_title}, number {number}.");
        assert_eq!(saved.templates[1].body_en, "", "left empty: the shipped English text stands in while the Chinese one is unchanged");
        // Rules saved before English texts existed show the shipped English text for an unchanged Chinese one.
        let mut old = c.clone();
        old.templates.iter_mut().for_each(|t| t.body_en.clear());
        assert_eq!(SettingsForm::of(&old).templates_en, SettingsForm::of(&c).templates_en);
    }

    #[test]
    fn edits_become_configuration() {
        let base = DomainConfig::default();
        let mut form = SettingsForm::of(&base);
        form.staff = vec![StaffMember::new("Clerk Li", &[Role::Clerk]), StaffMember::new("", &[Role::Clerk]), StaffMember::new("  Engineer Zhao ", &[Role::Handler, Role::Manager])];
        form.departments.push_str("\nInstallation");
        form.routes[0].1 = "Installation".into();
        form.sla_preset = "seed_004".into();
        form.periods = "08:30-12:00; 13:30-17:30".into();
        form.weekdays[5] = true;
        form.holidays = "2023-09-29..2023-10-06\n2024-01-01".into();
        form.makeup_workdays = "2023-10-07\n2023-10-08".into();
        form.number_mask = "{YY}{MM}{DD}/{CH}/{DEV}/{SEQ:4}".into();
        form.failed_attempts = "2".into();
        let c = form.apply(&base).unwrap();
        assert_eq!(c.staff, vec![StaffMember::new("Clerk Li", &[Role::Clerk]), StaffMember::new("Engineer Zhao", &[Role::Handler, Role::Manager])]);
        assert_eq!(c.routing.route(&crate::domain::classify::Classification { type_key: form.routes[0].0.clone(), subtype: None }), "Installation");
        assert_eq!(c.sla, SlaPolicy::seed_004());
        assert_eq!(c.calendar.periods, vec![Period { start_min: 510, end_min: 720 }, Period { start_min: 810, end_min: 1050 }]);
        assert_eq!(c.calendar.holidays.len(), 9);
        assert!(c.calendar.weekdays[5]);
        assert_eq!(c.failed_attempts_to_close, 2);
        assert_eq!(SettingsForm::of(&c).holidays, "2023-09-29..2023-10-06\n2024-01-01");
    }

    #[test]
    fn bad_input_names_its_field_and_line() {
        let base = DomainConfig::default();
        let with = |f: fn(&mut SettingsForm)| {
            let mut form = SettingsForm::of(&base);
            f(&mut form);
            form.apply(&base).unwrap_err()
        };
        assert_eq!(with(|f| f.holidays = "2023-10-01\nOctober 2".into()), SettingsError { field: "holidays", code: "bad_date", line: Some(2), template: None });
        assert_eq!(with(|f| f.holidays = "2023-10-06..2023-10-01".into()).line, Some(1));
        assert_eq!(with(|f| f.periods = "9-12".into()).field, "periods");
        assert_eq!(with(|f| f.periods = "13:00-12:00".into()).code, "calendar_bad_periods");
        assert_eq!(with(|f| f.weekdays = [false; 7]).code, "calendar_no_working_day");
        assert_eq!(with(|f| f.number_mask = "{YYYY}{MM}{DD}-{SEQ:3}".into()).field, "number_mask");
        assert_eq!(with(|f| f.templates[0].1 = "Hello {name}".into()), at_template("soothe", "unknown_placeholder"));
        assert_eq!(with(|f| f.templates[1].1 = "  ".into()), at_template("progress", "required"));
        let en = |key: &str, code| SettingsError { template: Some(key.into()), ..err("templates_en", code) };
        assert_eq!(with(|f| f.templates_en[2].1 = "Dear {name}".into()), en("result", "unknown_placeholder"));
        assert_eq!(with(|f| f.templates_en[0].1 = "hi\u{7}".into()), en("soothe", "control_character"));
        assert_eq!(with(|f| f.failed_attempts = "0".into()).code, "failed_attempts_invalid");
        assert_eq!(with(|f| f.departments = " \n".into()), err("departments", "required"));
        assert_eq!(with(|f| f.routes[0].1 = "Nowhere".into()).code, "route_unknown_department");
        assert_eq!(with(|f| f.sla_preset = "seed_999".into()).code, "unknown_preset");
        fn row(n: &str) -> StaffMember {
            StaffMember::new(n, &[Role::Handler])
        }
        assert_eq!(with(|f| f.staff = vec![StaffMember::new("x".repeat(61), &[Role::Clerk])]).line, Some(1));
        let e = with(|f| f.staff = vec![StaffMember::new("li", &[Role::Clerk]), StaffMember::new("wang\u{202E}", &[Role::Clerk])]);
        assert_eq!(e, SettingsError { field: "staff", code: "bidi_control", line: Some(2), template: None });
        let e = with(|f| f.staff = vec![row("Li Na"), row(""), row("LI  NA")]);
        assert_eq!(e, SettingsError { field: "staff", code: "staff_duplicate", line: Some(3), template: None }, "the row as on the screen");
        assert_eq!(with(|f| f.staff = vec![row("Li Na"), StaffMember::new("Sun", &[])]).code, "staff_no_role");
        assert_eq!(with(|f| f.staff = vec![row("Li Na"), StaffMember::new("Sun", &[])]).line, Some(2));
        assert_eq!(with(|f| f.departments.push_str("\nfin\u{7}ance")).code, "control_character");
        assert_eq!(with(|f| f.templates[0].1 = "hi\u{1b}[2J {number}".into()), at_template("soothe", "control_character"));
        assert_eq!(with(|f| f.templates[0].1 = "\u{200B}".into()), at_template("soothe", "required"));
        assert_eq!(with(|f| f.holidays = "2023-10-01\n1899-12-31".into()).line, Some(2));
        assert_eq!(with(|f| f.makeup_workdays = "9999-01-01".into()).code, "bad_date");
    }

    #[test]
    fn types_severity_and_channels_are_edited_as_text() {
        let base = DomainConfig::default();
        let mut form = SettingsForm::of(&base);
        assert_eq!(form.severity_scheme, "seed_004");
        assert!(form.channel_codes.starts_with("phone: TEL\nweb: WEB"));
        // Drop "other" (and its logistics rule), add installation with sub-types.
        let mut types: Vec<&str> = form.types.lines().filter(|l| !l.starts_with("other")).collect();
        types.push("installation: Installation / 安装 | angle: Wrong angle / 安装角度, wiring");
        form.types = types.join("\n");
        form.routes.push(("installation".into(), "technical".into()));
        form.severity_scheme = "seed_001".into();
        form.channel_codes = form.channel_codes.replace("social: SNS", "social: WX");
        let c = form.apply(&base).unwrap();
        assert_eq!(c.types.types.last().unwrap().subtypes, vec!["angle", "wiring"]);
        assert!(c.types.get("other").is_none());
        assert!(c.routing.routes.iter().all(|r| r.type_key != "other"), "no rule for a removed type");
        assert_eq!(c.routing.route(&crate::domain::classify::Classification { type_key: "installation".into(), subtype: Some("angle".into()) }), "technical");
        assert_eq!(c.severity.key, "seed_001");
        assert_eq!(c.channel_codes.code(crate::domain::channel::Channel::Social), "WX");
        let again = SettingsForm::of(&c);
        assert_eq!(again.apply(&c).unwrap(), c, "round trip");
        assert!(again.types.ends_with("installation: Installation / 安装 | angle: Wrong angle / 安装角度, wiring"));
    }

    #[test]
    fn bad_types_and_channels_name_their_line() {
        let base = DomainConfig::default();
        let with = |f: fn(&mut SettingsForm)| {
            let mut form = SettingsForm::of(&base);
            f(&mut form);
            form.apply(&base).unwrap_err()
        };
        let e = with(|f| f.types = "billing: Billing\nBad Code: x".into());
        assert_eq!(e, SettingsError { field: "types", code: "type_bad_code", line: Some(2), template: None });
        assert_eq!(with(|f| f.types = "a\nb | x, x".into()), SettingsError { field: "types", code: "subtype_duplicate", line: Some(2), template: None });
        assert_eq!(with(|f| f.types = "\n".into()), SettingsError { field: "types", code: "required", line: None, template: None });
        assert_eq!(with(|f| f.channel_codes = "phone: TEL\npager: PG".into()), SettingsError { field: "channel_codes", code: "channel_unknown", line: Some(2), template: None });
        assert_eq!(with(|f| f.channel_codes = "phone: TEL\nweb: TEL".into()), SettingsError { field: "channel_codes", code: "channel_code_duplicate", line: Some(2), template: None });
        assert_eq!(with(|f| f.severity_scheme = "seed_999".into()), err("severity_scheme", "unknown_preset"));
        assert_eq!(with(|f| f.number_mask = "{YYYY}{MM}{DD}{DEV}{SEQ:1}".into()), err("number_mask", "mask_ambiguous"));
    }

    #[test]
    fn removing_a_department_keeps_routing_consistent() {
        let base = DomainConfig::default();
        let mut form = SettingsForm::of(&base);
        form.departments = "after_sales\nfinance".into();
        for r in form.routes.iter_mut() {
            r.1 = "after_sales".into();
        }
        let c = form.apply(&base).unwrap();
        assert!(c.routing.routes.iter().all(|r| c.routing.departments.contains(&r.department)));
        assert!(c.routing.departments.contains(&c.routing.fallback));
    }
}

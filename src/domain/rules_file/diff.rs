//! Which parts of two sets of working rules differ, section by section, with the names only
//! one side has where a section is a list of names: what a person compares before choosing.

use strum::IntoEnumIterator;
use std::collections::BTreeSet;

use crate::domain::config::DomainConfig;
use crate::domain::routing::Route;

/// A part of the working rules, as the Settings page groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum RulesSection {
    Staff,
    /// The departments and the one that leads when no route matches.
    Departments,
    Routing,
    Types,
    Severity,
    ChannelCodes,
    Sla,
    Calendar,
    Templates,
    NumberMask,
    FailedAttempts,
    Grading,
    Retention,
}

impl RulesSection {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// Whether the section is the same in both.
    fn same(self, a: &DomainConfig, b: &DomainConfig) -> bool {
        match self {
            RulesSection::Staff => a.staff == b.staff,
            RulesSection::Departments => (&a.routing.departments, &a.routing.fallback) == (&b.routing.departments, &b.routing.fallback),
            RulesSection::Routing => a.routing.routes == b.routing.routes,
            RulesSection::Types => a.types == b.types,
            RulesSection::Severity => a.severity == b.severity,
            RulesSection::ChannelCodes => a.channel_codes == b.channel_codes,
            RulesSection::Sla => a.sla == b.sla,
            RulesSection::Calendar => a.calendar == b.calendar,
            RulesSection::Templates => a.templates == b.templates,
            RulesSection::NumberMask => a.number_mask == b.number_mask,
            RulesSection::FailedAttempts => a.failed_attempts_to_close == b.failed_attempts_to_close,
            RulesSection::Grading => a.grading == b.grading,
            RulesSection::Retention => a.retention == b.retention,
        }
    }

    /// The section as a set of names, for the sections that are lists of names.
    fn names(self, c: &DomainConfig) -> BTreeSet<String> {
        match self {
            RulesSection::Staff => crate::domain::sort::set_of(c.staff.iter().map(|m| m.name.clone())),
            RulesSection::Departments => crate::domain::sort::set_of(c.routing.departments.iter().cloned()),
            RulesSection::Routing => crate::domain::sort::set_of(c.routing.routes.iter().map(route_line)),
            RulesSection::Types => crate::domain::sort::set_of(c.types.types.iter().map(|t| t.key.clone())),
            _ => BTreeSet::new(),
        }
    }
}

/// `type → department`, or `type/subtype → department`.
fn route_line(r: &Route) -> String {
    match &r.subtype {
        Some(s) => format!("{}/{s} → {}", r.type_key, r.department),
        None => format!("{} → {}", r.type_key, r.department),
    }
}

/// One section that differs. Both lists are empty when the section is not a list of names,
/// or only its order or details changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub section: RulesSection,
    /// Names the file has and this device does not.
    pub only_in_file: Vec<String>,
    /// Names this device has and the file does not.
    pub only_here: Vec<String>,
}

/// The sections in which `here` and `file` differ, in the Settings page's order.
pub fn differences(here: &DomainConfig, file: &DomainConfig) -> Vec<Difference> {
    RulesSection::iter()
        .filter(|s| !s.same(here, file))
        .map(|section| {
            let (mine, theirs) = (section.names(here), section.names(file));
            Difference { section, only_in_file: theirs.difference(&mine).cloned().collect(), only_here: mine.difference(&theirs).cloned().collect() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::sla_preset;

    #[test]
    fn names_the_sections_that_differ() {
        let here = DomainConfig { staff: vec!["Clerk Li".into(), "Clerk Sun".into()], ..DomainConfig::default() };
        assert_eq!(differences(&here, &here), vec![]);
        let mut file = DomainConfig { staff: vec!["Clerk Li".into(), "Lead Chen".into()], number_mask: "{YY}{MM}{DD}-{DEV}-{SEQ:4}".into(), ..DomainConfig::default() };
        file.routing.departments.push("warranty".into());
        file.routing.routes[0].department = "warranty".into();
        file.calendar.holidays.insert(chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        file.sla = sla_preset("seed_004").unwrap();
        let d = differences(&here, &file);
        let sections: Vec<&str> = d.iter().map(|d| d.section.code()).collect();
        assert_eq!(sections, ["staff", "departments", "routing", "sla", "calendar", "number_mask"]);
        assert_eq!((d[0].only_in_file.clone(), d[0].only_here.clone()), (vec!["Lead Chen".to_string()], vec!["Clerk Sun".to_string()]));
        assert_eq!(d[1].only_in_file, ["warranty"]);
        assert_eq!(d[2].only_in_file, ["product_quality → warranty"]);
        assert_eq!(d[2].only_here, ["product_quality → after_sales"]);
        assert!(d[3].only_in_file.is_empty() && d[4].only_here.is_empty());
    }

    #[test]
    fn a_new_order_is_a_difference_without_names() {
        let here = DomainConfig { staff: vec!["A".into(), "B".into()], ..DomainConfig::default() };
        let file = DomainConfig { staff: vec!["B".into(), "A".into()], ..DomainConfig::default() };
        assert_eq!(differences(&here, &file), vec![Difference { section: RulesSection::Staff, only_in_file: vec![], only_here: vec![] }]);
    }

    #[test]
    fn every_field_of_the_rules_belongs_to_a_section() {
        // If two configurations differ, some section says so (a new field must join a section).
        let d = DomainConfig::default();
        let changed = [
            DomainConfig { retention: crate::domain::retention::RetentionPolicy { years: 5 }, ..d.clone() },
            DomainConfig { grading: crate::domain::grading::GradingConfig { b_complaint_below: Some(30) }, ..d.clone() },
            DomainConfig { failed_attempts_to_close: 5, ..d.clone() },
            DomainConfig { templates: vec![], ..d.clone() },
        ];
        for c in changed {
            assert_eq!(differences(&d, &c).len(), 1);
        }
        let DomainConfig { number_mask: _, channel_codes: _, types: _, routing: _, severity: _, grading: _, sla: _, calendar: _, retention: _, failed_attempts_to_close: _, templates: _, staff: _ } = d;
    }
}

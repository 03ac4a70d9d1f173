//! Everything configurable in the domain, with the seed 000 defaults (SPEC: where seeds
//! disagree the rule is configurable, the *default* values ship, the others are presets).

use serde::{Deserialize, Serialize};

use super::catalog_text::{format_types, parse_types};
use super::classify::{SeverityScheme, TypeCatalog};
use super::communication::{default_templates, Template};
use super::grading::GradingConfig;
use super::number::{ChannelCodes, NumberMask, DEFAULT_MASK};
use super::retention::RetentionPolicy;
use super::routing::RoutingTable;
use super::sla::{BusinessCalendar, SlaPolicy};
use super::staff::{self, StaffMember};
use super::text::{self, TextRule};

/// The domain configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainConfig {
    /// Complaint number mask (see `number`).
    pub number_mask: String,
    pub channel_codes: ChannelCodes,
    pub types: TypeCatalog,
    pub routing: RoutingTable,
    pub severity: SeverityScheme,
    pub grading: GradingConfig,
    pub sla: SlaPolicy,
    pub calendar: BusinessCalendar,
    pub retention: RetentionPolicy,
    /// Failed contact attempts after resolution before closing without the customer.
    pub failed_attempts_to_close: u32,
    pub templates: Vec<Template>,
    /// The staff on this desk with their roles, offered when naming a handler, owner or
    /// approver and as the acting person. Rules saved before roles hold plain names, which
    /// read as members with every role (`staff::LEGACY_ROLES`).
    #[serde(default)]
    pub staff: Vec<StaffMember>,
}

impl Default for DomainConfig {
    fn default() -> Self {
        DomainConfig {
            number_mask: DEFAULT_MASK.into(),
            channel_codes: ChannelCodes::default(),
            types: TypeCatalog::default(),
            routing: RoutingTable::default(),
            severity: SeverityScheme::default(),
            grading: GradingConfig::default(),
            sla: SlaPolicy::default(),
            calendar: BusinessCalendar::default(),
            retention: RetentionPolicy::default(),
            failed_attempts_to_close: 3,
            templates: default_templates(),
            staff: Vec::new(),
        }
    }
}

/// A configuration problem, by stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub &'static str);

impl DomainConfig {
    /// The parsed number mask.
    pub fn mask(&self) -> Result<NumberMask, ConfigError> {
        NumberMask::parse(&self.number_mask).map_err(|e| ConfigError(e.code()))
    }

    /// Checks every part; the error carries the failing part's stable code.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.problems().first() {
            Some((_, code)) => Err(ConfigError(code)),
            None => Ok(()),
        }
    }

    /// Every part that does not check, as (part, stable code).
    fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if let Err(e) = self.mask() {
            out.push(("number_mask", e.0));
        }
        if let Err(e) = self.channel_codes.clone().validate() {
            out.push(("channel_codes", e.code()));
        }
        if let Err(e) = self.calendar.validate() {
            out.push(("calendar", e.code()));
        }
        let template = |t: &Template| {
            t.validate().map_err(|e| e.code()).and_then(|_| text::required(&t.body, TextRule::NOTE).map(|_| ()).map_err(|e| e.code()))
        };
        if let Some(code) = self.templates.iter().find_map(|t| template(t).err()) {
            out.push(("templates", code));
        }
        // Rules travel between devices as files: their names obey the same text rules as forms.
        let name = |n: &String| text::required(n, TextRule::NAME).err().map(|e| e.code());
        if let Err((_, code)) = staff::check(&self.staff, false) {
            out.push(("staff", code));
        }
        let r = &self.routing;
        if let Some(code) = r.departments.iter().chain([&r.fallback]).chain(r.routes.iter().map(|r| &r.department)).find_map(name) {
            out.push(("routing", code));
        }
        if let Some(code) = self.types.types.iter().flat_map(|t| std::iter::once(&t.key).chain(&t.subtypes)).find_map(name) {
            out.push(("types", code));
        }
        if let Some(code) = self.severity.levels.iter().map(|l| &l.key).find_map(name) {
            out.push(("severity", code));
        }
        if self.failed_attempts_to_close == 0 {
            out.push(("failed_attempts", "failed_attempts_zero"));
        }
        if self.sla.warning_permille == 0 || self.sla.warning_permille > 1000 {
            out.push(("sla", "warning_share_invalid"));
        }
        // The catalogue must read back from its own text: codes well formed, none twice.
        if parse_types(&format_types(&self.types)).as_ref() != Ok(&self.types) {
            out.push(("types", "types_invalid"));
        }
        if self.severity.levels.is_empty() {
            out.push(("severity", "severity_scheme_empty"));
        }
        out
    }

    /// A saved configuration that no longer checks (say a number mask saved before ambiguous
    /// masks were refused) with each failing part replaced by its default, and the parts
    /// replaced: the rest of the supervisor's settings (staff, calendar …) stay.
    pub fn repaired(mut self) -> (DomainConfig, Vec<&'static str>) {
        let d = DomainConfig::default();
        let parts: Vec<&'static str> = self.problems().into_iter().map(|(part, _)| part).collect();
        for part in &parts {
            match *part {
                "number_mask" => self.number_mask = d.number_mask.clone(),
                "channel_codes" => self.channel_codes = d.channel_codes.clone(),
                "calendar" => self.calendar = d.calendar.clone(),
                "templates" => self.templates = d.templates.clone(),
                "failed_attempts" => self.failed_attempts_to_close = d.failed_attempts_to_close,
                "sla" => self.sla = d.sla.clone(),
                "types" => self.types = d.types.clone(),
                "staff" => self.staff = d.staff.clone(),
                "routing" => self.routing = d.routing.clone(),
                _ => self.severity = d.severity.clone(),
            }
        }
        (self, parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_is_valid_and_round_trips() {
        let c = DomainConfig::default();
        assert_eq!(c.validate(), Ok(()));
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<DomainConfig>(&json).unwrap(), c);
        let bad = DomainConfig { number_mask: "{YYYY}{MM}{DD}-{SEQ}".into(), ..DomainConfig::default() };
        assert_eq!(bad.validate(), Err(ConfigError("mask_missing_token")));
        let mut bad = DomainConfig::default();
        bad.routing.departments.push("after\u{202E}sales".into());
        assert_eq!(bad.validate(), Err(ConfigError("bidi_control")));
        let mut bad = DomainConfig::default();
        bad.staff.push("\u{200B}".into());
        assert_eq!(bad.validate(), Err(ConfigError("required")));
        let mut bad = DomainConfig::default();
        bad.staff.push(staff::StaffMember::new("Li", &[]));
        assert_eq!(bad.validate(), Err(ConfigError("staff_no_role")));
    }

    /// Rules stored before roles (staff as plain names) still read: every name becomes a member
    /// with every role, and the rules check and round-trip in the new shape.
    #[test]
    fn rules_stored_before_roles_read() {
        let mut old = serde_json::to_value(DomainConfig::default()).unwrap();
        old["staff"] = serde_json::json!(["Clerk Li", "Manager Sun"]);
        let c: DomainConfig = serde_json::from_value(old).unwrap();
        assert_eq!(c.staff, vec![staff::StaffMember::new("Clerk Li", &staff::LEGACY_ROLES), staff::StaffMember::new("Manager Sun", &staff::LEGACY_ROLES)]);
        assert_eq!(c.validate(), Ok(()));
        let again: DomainConfig = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(again, c);
        // Rules from before the staff list at all.
        let mut older = serde_json::to_value(DomainConfig::default()).unwrap();
        older.as_object_mut().unwrap().remove("staff");
        assert!(serde_json::from_value::<DomainConfig>(older).unwrap().staff.is_empty());
    }

    #[test]
    fn a_saved_configuration_that_no_longer_checks_keeps_its_good_parts() {
        let mut saved = DomainConfig { number_mask: "{YYYY}{MM}{DD}{DEV}{SEQ:5}".into(), staff: vec!["Clerk Li".into()], ..DomainConfig::default() };
        saved.staff.push(staff::StaffMember::new("Manager Sun", &[staff::Role::Manager]));
        saved.types.types.push(saved.types.types[0].clone());
        assert_eq!(saved.validate(), Err(ConfigError("mask_ambiguous")));
        let (fixed, parts) = saved.repaired();
        assert_eq!(parts, vec!["number_mask", "types"]);
        assert_eq!(fixed.validate(), Ok(()));
        assert_eq!((fixed.number_mask.as_str(), fixed.staff.len()), (DEFAULT_MASK, 2));
        assert_eq!(DomainConfig::default().repaired(), (DomainConfig::default(), vec![]));
    }
}

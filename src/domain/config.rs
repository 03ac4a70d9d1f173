//! Everything configurable in the domain, with the seed 000 defaults (SPEC: where seeds
//! disagree the rule is configurable, the *default* values ship, the others are presets).

use serde::{Deserialize, Serialize};

use super::classify::{SeverityScheme, TypeCatalog};
use super::communication::{default_templates, Template};
use super::grading::GradingConfig;
use super::number::{ChannelCodes, NumberMask, DEFAULT_MASK};
use super::retention::RetentionPolicy;
use super::routing::RoutingTable;
use super::sla::{BusinessCalendar, SlaPolicy};
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
    /// Names of the staff on this desk, offered when naming a handler, owner or approver.
    #[serde(default)]
    pub staff: Vec<String>,
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
        self.mask()?;
        self.channel_codes.clone().validate().map_err(|e| ConfigError(e.code()))?;
        self.calendar.validate().map_err(|e| ConfigError(e.code()))?;
        for t in &self.templates {
            t.validate().map_err(|e| ConfigError(e.code()))?;
            text::required(&t.body, TextRule::NOTE).map_err(|e| ConfigError(e.code()))?;
        }
        // Rules travel between devices as files: their names obey the same text rules as forms.
        let r = &self.routing;
        let names = self.staff.iter().chain(&r.departments).chain([&r.fallback]).chain(r.routes.iter().map(|r| &r.department));
        let keys = self.types.types.iter().flat_map(|t| std::iter::once(&t.key).chain(&t.subtypes));
        for name in names.chain(keys).chain(self.severity.levels.iter().map(|l| &l.key)) {
            text::required(name, TextRule::NAME).map_err(|e| ConfigError(e.code()))?;
        }
        if self.failed_attempts_to_close == 0 {
            return Err(ConfigError("failed_attempts_zero"));
        }
        if self.sla.warning_permille == 0 || self.sla.warning_permille > 1000 {
            return Err(ConfigError("warning_share_invalid"));
        }
        Ok(())
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
    }
}

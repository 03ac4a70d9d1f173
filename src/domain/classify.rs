//! Classification (SPEC §4): complaint types with sub-types (seed 000, extensible), urgency
//! (seed 000) and severity schemes (seed 004 default, seed 002 and seed 001 presets).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::errors::CommandError;
use super::sla::Span;

/// A name in the two interface languages. Empty when none was configured.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Label {
    pub en: String,
    pub zh: String,
}

impl Label {
    pub fn new(en: &str, zh: &str) -> Label {
        Label { en: en.into(), zh: zh.into() }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.zh.is_empty()
    }

    /// The name in a language (`zh-CN`, `zh` → Chinese, anything else → English), falling
    /// back to the other language when one is missing.
    pub fn text(&self, lang: &str) -> &str {
        let (first, second) = if lang.starts_with("zh") { (&self.zh, &self.en) } else { (&self.en, &self.zh) };
        if first.is_empty() {
            second
        } else {
            first
        }
    }
}

/// One complaint type and its sub-types (stable keys), with the names people see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeDef {
    pub key: String,
    pub subtypes: Vec<String>,
    /// Configured name; empty for configurations saved before types had names.
    #[serde(default)]
    pub label: Label,
    /// Configured names of sub-types, by key.
    #[serde(default)]
    pub subtype_labels: BTreeMap<String, Label>,
}

/// The configured list of types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeCatalog {
    pub types: Vec<TypeDef>,
}

impl Default for TypeCatalog {
    /// Seed 000: product quality (malfunction, below spec), service attitude, process efficiency
    /// (too slow, promise not kept), billing dispute, other (logistics delay, slow after-sales).
    fn default() -> Self {
        type Sub<'a> = (&'a str, &'a str, &'a str);
        let t = |key: &str, en: &str, zh: &str, subs: &[Sub]| TypeDef {
            key: key.into(),
            subtypes: subs.iter().map(|s| s.0.to_string()).collect(),
            label: Label::new(en, zh),
            subtype_labels: crate::domain::sort::map_of(subs.iter().map(|(k, en, zh)| (k.to_string(), Label::new(en, zh)))),
        };
        TypeCatalog {
            types: vec![
                t("product_quality", "Product quality", "产品质量", &[("malfunction", "Malfunction", "故障"), ("below_spec", "Below specification", "性能不达标")]),
                t("service_attitude", "Service attitude", "服务态度", &[("rude", "Rude", "态度恶劣"), ("shirking", "Shirking responsibility", "推诿")]),
                t("process_efficiency", "Process efficiency", "流程效率", &[("too_slow", "Too slow", "处理太慢"), ("promise_not_kept", "Promise not kept", "承诺未兑现")]),
                t("billing", "Billing dispute", "收费争议", &[("overcharged", "Overcharged", "多收费"), ("unclear_pricing", "Unclear pricing", "收费不透明")]),
                t("other", "Other", "其他", &[("logistics_delay", "Logistics delay", "物流延误"), ("slow_after_sales", "Slow after-sales", "售后缓慢")]),
            ],
        }
    }
}

/// A type with an optional sub-type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Classification {
    #[serde(rename = "type")]
    pub type_key: String,
    pub subtype: Option<String>,
}

impl TypeCatalog {
    /// The type with this key.
    pub fn get(&self, key: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.key == key)
    }

    /// Checks that the type and sub-type are configured.
    pub fn check(&self, c: &Classification) -> Result<(), CommandError> {
        let def = self.types.iter().find(|t| t.key == c.type_key).ok_or_else(|| CommandError::UnknownType(c.type_key.clone()))?;
        match &c.subtype {
            Some(s) if !def.subtypes.contains(s) => Err(CommandError::UnknownSubtype(s.clone())),
            _ => Ok(()),
        }
    }
}

/// Urgency (紧急程度, seed 000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Urgency {
    /// 紧急: personal safety, major property loss, group complaint or public-opinion risk.
    Urgent,
    /// 一般: affects normal use.
    Normal,
    /// 缓解: can be handled as planned.
    Low,
}

impl Urgency {
    /// Seed 000 resolution time: 24 calendar hours / 3 working days / 5 working days.
    pub fn default_resolution(self) -> Span {
        match self {
            Urgency::Urgent => Span::CalendarHours(24),
            Urgency::Normal => Span::WorkingDays(3),
            Urgency::Low => Span::WorkingDays(5),
        }
    }
}

/// One severity level of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityLevel {
    pub key: String,
    /// 1 = least severe.
    pub rank: u8,
    /// Who handles it (a role key).
    pub handler_role: String,
    /// Response time this level demands, overriding the first-contact clock.
    pub respond_within: Option<Span>,
    /// Needs cross-department coordination.
    pub cross_department: bool,
}

/// A severity scheme: the levels in rank order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityScheme {
    pub key: String,
    pub levels: Vec<SeverityLevel>,
}

fn level(key: &str, rank: u8, role: &str, respond: Option<Span>, cross: bool) -> SeverityLevel {
    SeverityLevel { key: key.into(), rank, handler_role: role.into(), respond_within: respond, cross_department: cross }
}

impl Default for SeverityScheme {
    /// Seed 004: 1 minor → service team, 2 medium → technical team, 3 serious → management
    /// coordinates, 4 urgent → emergency response.
    fn default() -> Self {
        SeverityScheme {
            key: "seed_004".into(),
            levels: vec![
                level("minor", 1, "service_team", None, false),
                level("medium", 2, "technical_team", None, false),
                level("serious", 3, "management", None, true),
                level("urgent", 4, "emergency_response", None, true),
            ],
        }
    }
}

impl SeverityScheme {
    /// Seed 002: complaint level 1/2/3 → specialist / supervisor / service manager; emergency
    /// support → on-duty supervisor responds within 1 hour.
    pub fn seed_002() -> Self {
        SeverityScheme {
            key: "seed_002".into(),
            levels: vec![
                level("level_1", 1, "specialist", None, false),
                level("level_2", 2, "supervisor", None, false),
                level("level_3", 3, "service_manager", None, false),
                level("emergency", 4, "on_duty_supervisor", Some(Span::CalendarHours(1)), true),
            ],
        }
    }

    /// Seed 001 (e-commerce): normal / important (respond ≤ 24 h, department manager) /
    /// urgent (respond ≤ 2 h, cross-department) / major (executive oversight).
    pub fn seed_001() -> Self {
        SeverityScheme {
            key: "seed_001".into(),
            levels: vec![
                level("normal", 1, "customer_service", None, false),
                level("important", 2, "department_manager", Some(Span::CalendarHours(24)), false),
                level("urgent", 3, "cross_department", Some(Span::CalendarHours(2)), true),
                level("major", 4, "executive", None, true),
            ],
        }
    }

    /// The level with this key.
    pub fn get(&self, key: &str) -> Result<&SeverityLevel, CommandError> {
        self.levels.iter().find(|l| l.key == key).ok_or_else(|| CommandError::UnknownSeverity(key.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_checks_types_and_subtypes() {
        let c = TypeCatalog::default();
        let ok = Classification { type_key: "other".into(), subtype: Some("logistics_delay".into()) };
        assert_eq!(c.check(&ok), Ok(()));
        let bad = Classification { type_key: "weather".into(), subtype: None };
        assert_eq!(c.check(&bad).unwrap_err().code(), "unknown_type");
        let bad = Classification { type_key: "billing".into(), subtype: Some("malfunction".into()) };
        assert_eq!(c.check(&bad).unwrap_err().code(), "unknown_subtype");
        assert_eq!(serde_json::to_string(&ok).unwrap(), r#"{"type":"other","subtype":"logistics_delay"}"#);
    }

    #[test]
    fn urgency_and_severity_presets() {
        assert_eq!(Urgency::Urgent.default_resolution(), Span::CalendarHours(24));
        assert_eq!(Urgency::Normal.default_resolution(), Span::WorkingDays(3));
        assert_eq!(Urgency::Low.default_resolution(), Span::WorkingDays(5));
        assert_eq!(SeverityScheme::default().get("serious").unwrap().handler_role, "management");
        assert_eq!(SeverityScheme::seed_002().get("emergency").unwrap().respond_within, Some(Span::CalendarHours(1)));
        let s1 = SeverityScheme::seed_001();
        assert_eq!(s1.get("urgent").unwrap().respond_within, Some(Span::CalendarHours(2)));
        assert!(s1.get("urgent").unwrap().cross_department);
        assert_eq!(s1.get("minor").unwrap_err().code(), "unknown_severity");
    }
}

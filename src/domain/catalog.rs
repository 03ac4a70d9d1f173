//! The configured choices as forms list them (SPEC §3, §4): complaint types and their
//! sub-types, the severity levels of the chosen scheme, channels with their codes. Names come
//! from the configuration (types) or the presets (severity), so the UI never keeps its own list.

use strum::IntoEnumIterator;
use serde::{Deserialize, Serialize};

use super::channel::Channel;
use super::classify::{Label, SeverityScheme, TypeCatalog};
use super::config::DomainConfig;

/// One option of a select: the stable key stored on the complaint and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub label: Label,
}

/// The severity scheme presets, the default (seed 004) first.
pub const SEVERITY_SCHEMES: [&str; 3] = ["seed_004", "seed_002", "seed_001"];

/// The severity scheme of a preset key.
pub fn severity_preset(key: &str) -> Option<SeverityScheme> {
    match key {
        "seed_004" => Some(SeverityScheme::default()),
        "seed_002" => Some(SeverityScheme::seed_002()),
        "seed_001" => Some(SeverityScheme::seed_001()),
        _ => None,
    }
}

/// The presets as choices for the Settings form.
pub fn severity_scheme_choices() -> Vec<Choice> {
    let name = |key: &str| match key {
        "seed_004" => Label::new("After-sales manual: minor / medium / serious / urgent", "售后手册：轻微 / 中等 / 严重 / 紧急"),
        "seed_002" => Label::new("Service process: level 1 / 2 / 3 / emergency support", "服务流程：一级 / 二级 / 三级 / 紧急支援"),
        _ => Label::new("E-commerce: normal / important / urgent / major", "电商：普通 / 重要 / 紧急 / 重大"),
    };
    SEVERITY_SCHEMES.into_iter().map(|k| Choice { key: k.into(), label: name(k) }).collect()
}

/// The name of a severity level of the presets; empty for other levels.
pub fn severity_label(level: &str) -> Label {
    let (en, zh) = match level {
        "minor" => ("Minor", "轻微"),
        "medium" => ("Medium", "中等"),
        "serious" => ("Serious", "严重"),
        "urgent" => ("Urgent", "紧急"),
        "level_1" => ("Level 1 complaint", "一级投诉"),
        "level_2" => ("Level 2 complaint", "二级投诉"),
        "level_3" => ("Level 3 complaint", "三级投诉"),
        "emergency" => ("Emergency support", "紧急支援"),
        "normal" => ("Normal", "普通"),
        "important" => ("Important", "重要"),
        "major" => ("Major", "重大"),
        _ => ("", ""),
    };
    Label::new(en, zh)
}

/// A configured name, else the default catalogue's name of the same key, else the key itself
/// (configurations saved before types had names, or removed types on old complaints).
fn named(configured: Option<&Label>, default: Option<&Label>, key: &str) -> Label {
    match configured.filter(|l| !l.is_empty()).or(default.filter(|l| !l.is_empty())) {
        Some(l) => l.clone(),
        None => Label::new(key, key),
    }
}

impl DomainConfig {
    /// The configured complaint types, in the configured order.
    pub fn type_choices(&self) -> Vec<Choice> {
        self.types.types.iter().map(|t| Choice { key: t.key.clone(), label: self.type_label(&t.key) }).collect()
    }

    /// The sub-types of a type (empty for an unknown type).
    pub fn subtype_choices(&self, type_key: &str) -> Vec<Choice> {
        let Some(t) = self.types.get(type_key) else { return Vec::new() };
        t.subtypes.iter().map(|s| Choice { key: s.clone(), label: self.subtype_label(type_key, s) }).collect()
    }

    /// The severity levels of the chosen scheme, least severe first.
    pub fn severity_choices(&self) -> Vec<Choice> {
        let mut levels: Vec<_> = self.severity.levels.iter().collect();
        crate::domain::sort::sort_by_key(&mut levels, |l| l.rank);
        levels.into_iter().map(|l| Choice { key: l.key.clone(), label: named(Some(&severity_label(&l.key)), None, &l.key) }).collect()
    }

    /// Every channel with its configured code, in form order.
    pub fn channel_choices(&self) -> Vec<(Channel, String)> {
        Channel::iter().map(|c| (c, self.channel_codes.code(c).to_string())).collect()
    }

    /// The name of a type, also of one no longer configured.
    pub fn type_label(&self, type_key: &str) -> Label {
        let default = TypeCatalog::default();
        named(self.types.get(type_key).map(|t| &t.label), default.get(type_key).map(|t| &t.label), type_key)
    }

    /// The name of a sub-type, also of one no longer configured.
    pub fn subtype_label(&self, type_key: &str, subtype: &str) -> Label {
        let default = TypeCatalog::default();
        let configured = self.types.get(type_key).and_then(|t| t.subtype_labels.get(subtype));
        named(configured, default.get(type_key).and_then(|t| t.subtype_labels.get(subtype)), subtype)
    }

    /// The name of a severity level.
    pub fn severity_level_label(&self, level: &str) -> Label {
        named(Some(&severity_label(level)), None, level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classify::TypeDef;

    #[test]
    fn forms_list_the_configured_catalogue() {
        let mut c = DomainConfig::default();
        let types = c.type_choices();
        assert_eq!(types.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["product_quality", "service_attitude", "process_efficiency", "billing", "other"]);
        assert_eq!(types[0].label.text("zh-CN"), "产品质量");
        assert_eq!(types[3].label.text("en"), "Billing dispute");
        let subs = c.subtype_choices("other");
        assert_eq!((subs[0].key.as_str(), subs[0].label.text("zh")), ("logistics_delay", "物流延误"));
        assert!(c.subtype_choices("weather").is_empty());

        // A type added in Settings, and one from a configuration saved before names existed.
        c.types.types.push(TypeDef { key: "installation".into(), subtypes: vec!["angle".into()], label: Label::new("Installation", "安装"), subtype_labels: Default::default() });
        c.types.types[0].label = Label::default();
        let types = c.type_choices();
        assert_eq!(types[0].label.text("zh"), "产品质量", "the default name of a known key");
        assert_eq!(types[5].label.text("zh"), "安装");
        assert_eq!(c.subtype_choices("installation")[0].label.text("en"), "angle", "no name: the key");
        assert_eq!(c.type_label("weather").text("en"), "weather");
    }

    #[test]
    fn severity_levels_follow_the_chosen_scheme() {
        let mut c = DomainConfig::default();
        let keys = |c: &DomainConfig| c.severity_choices().into_iter().map(|l| l.key).collect::<Vec<_>>();
        assert_eq!(keys(&c), ["minor", "medium", "serious", "urgent"]);
        c.severity = severity_preset("seed_002").unwrap();
        assert_eq!(keys(&c), ["level_1", "level_2", "level_3", "emergency"]);
        assert_eq!(c.severity_choices()[3].label.text("zh-CN"), "紧急支援");
        c.severity = severity_preset("seed_001").unwrap();
        assert_eq!(c.severity_choices()[1].label.text("en"), "Important");
        for key in SEVERITY_SCHEMES {
            assert_eq!(severity_preset(key).unwrap().key, key);
            assert!(severity_preset(key).unwrap().levels.iter().all(|l| !severity_label(&l.key).is_empty()), "{key}");
        }
        assert_eq!(severity_scheme_choices().len(), 3);
        assert!(severity_preset("seed_999").is_none());
    }

    #[test]
    fn channels_come_with_their_codes() {
        let mut c = DomainConfig::default();
        c.channel_codes.0.insert(Channel::Social, "WX".into());
        let channels = c.channel_choices();
        assert_eq!(channels[0], (Channel::Phone, "TEL".to_string()));
        assert_eq!(channels[3], (Channel::Social, "WX".to_string()));
        assert_eq!(channels.len(), 7);
    }
}

//! Working rules between devices (issue #10): export this device's rules as a rules file (a
//! new revision when they changed since the last one), and import one: a preview that
//! changes nothing, then applying it as the domain decides or as the person chooses. Local
//! rules are never lost: rules a person chose to replace are kept to download.

use std::rc::Rc;

use super::desk::{rules_in_use, CHANGED_SETTINGS};
use super::Desk;
use crate::browser::{broadcast, clock, random};
use crate::domain::config::DomainConfig;
use crate::domain::rules_file::{
    config_text, decide, differences, next_version, read_rules_file, write_rules_file, Decision, Difference, LocalRules, RulesFile, RulesFileError,
    RulesVersion, SetBy,
};
use crate::domain::text::{self, TextError, TextRule};
use crate::store::meta::{self, StoredRules};
use crate::store::StoreError;

/// Why a rules file was not made, read or applied. Nothing was changed in any case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error(transparent)]
    File(#[from] RulesFileError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The name given for the person setting the rules breaks the text rules.
    #[error("the name is not accepted: {0}")]
    Person(TextError),
    #[error("the saved working rules are not in use; repair them before sending them on")]
    NotInUse,
    #[error("the file holds exactly the rules this device runs")]
    Same,
    #[error("the file holds an older revision of the rules this device runs")]
    Older,
    #[error("that choice is not offered for this file")]
    ChoiceNotOffered,
    /// Another tab saved, imported or exported rules since the preview: look again.
    #[error("the rules on this device changed meanwhile")]
    ChangedMeanwhile,
}

impl RulesError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            RulesError::File(e) => e.code(),
            RulesError::Store(e) => e.code(),
            RulesError::Person(e) => e.code(),
            RulesError::NotInUse => "rules_not_in_use",
            RulesError::Same => "rules_same",
            RulesError::Older => "rules_older",
            RulesError::ChoiceNotOffered => "rules_choice_not_offered",
            RulesError::ChangedMeanwhile => "rules_changed_meanwhile",
        }
    }

    /// The domain's code for the refused part of a file's rules, if that is the problem.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            RulesError::File(e) => e.rule(),
            _ => None,
        }
    }
}

/// The version of the rules this device runs, for the Settings page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesInfo {
    /// `None` until rules are exported or imported as a file here.
    pub version: Option<RulesVersion>,
    /// Changed on this device since that version (without one: different from the defaults).
    pub locally_changed: bool,
    /// The text of rules this device had and a person chose to replace (or repaired), kept.
    pub replaced: Option<String>,
}

/// A made rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedRules {
    pub file_name: String,
    pub text: String,
    /// The version it carries (now this device's version).
    pub version: RulesVersion,
    /// A new revision was made (the rules changed since the last one).
    pub new_revision: bool,
}

/// A rules file read and compared with this device's rules. Changes nothing.
#[derive(Debug, Clone)]
pub struct RulesPreview {
    pub file: Rc<RulesFile>,
    /// This device's rules (the saved ones, even when they cannot be used).
    pub here: Rc<DomainConfig>,
    pub version: Option<RulesVersion>,
    pub locally_changed: bool,
    pub decision: Decision,
    /// The sections that differ.
    pub differences: Vec<Difference>,
    /// What the decision was made against: applying checks it is still so.
    expected: StoredRules,
}

/// What the person chose for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesChoice {
    /// Take the file's rules (the only choice for a newer revision).
    UseFile,
    /// Keep this device's rules (only when the rules diverged).
    KeepLocal,
}

/// What applying did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesApplied {
    pub choice: RulesChoice,
    /// This device's version now.
    pub version: RulesVersion,
    /// This device's previous rules were kept to download (they had changes of their own).
    pub kept_copy: bool,
}

impl Desk {
    /// The version of the rules this device runs.
    pub async fn rules_info(&self) -> Result<RulesInfo, StoreError> {
        let stored = meta::rules(&self.db).await?;
        let replaced = meta::replaced_config(&self.db).await?;
        let (config, problem) = rules_in_use(Ok(stored.config));
        let local = LocalRules { version: stored.version.as_ref(), config: &config, unusable: problem.is_some() };
        Ok(RulesInfo { locally_changed: local.changed(), version: stored.version.clone(), replaced })
    }

    /// Makes the rules file of this device's rules, set by this device and `person` (a name,
    /// optional). Rules changed since the last revision become the next revision, which this
    /// device then runs unchanged; the same rules export as the same revision again.
    pub async fn export_rules(&self, person: &str) -> Result<ExportedRules, RulesError> {
        let person = text::optional(person, TextRule::NAME).map_err(RulesError::Person)?;
        let stored = meta::rules(&self.db).await?;
        let (config, problem) = rules_in_use(Ok(stored.config.clone()));
        if problem.is_some() {
            return Err(RulesError::NotInUse);
        }
        // The stored text as it is (a file's own text stays its revision's text).
        let text = stored.config.clone().unwrap_or_else(|| config_text(&config));
        let device = self.device();
        let set_by = SetBy { device_id: device.id, device_code: device.code, device_name: device.name, person: (!person.is_empty()).then_some(person) };
        let lineage: String = random::bytes::<16>().iter().map(|b| format!("{b:02x}")).collect();
        let version = next_version(stored.version.as_ref(), &text, set_by, clock::now_ms(), lineage)?;
        let written = write_rules_file(&version.stamp, &text)?;
        let new_revision = stored.version.as_ref() != Some(&version);
        if new_revision {
            if !meta::swap_rules(&self.db, &stored, None, &version, None).await? {
                return Err(RulesError::ChangedMeanwhile);
            }
            broadcast::announce(CHANGED_SETTINGS);
        }
        Ok(ExportedRules { file_name: written.file_name, text: written.text, version, new_revision })
    }

    /// Reads a rules file and decides what importing it does here. Changes nothing.
    pub async fn preview_rules(&self, bytes: &[u8]) -> Result<RulesPreview, RulesError> {
        let file = read_rules_file(bytes)?;
        let stored = meta::rules(&self.db).await?;
        let (in_use, problem) = rules_in_use(Ok(stored.config.clone()));
        let unusable = problem.is_some();
        let here = problem.and_then(|p| p.stored).unwrap_or(in_use);
        let local = LocalRules { version: stored.version.as_ref(), config: &here, unusable };
        Ok(RulesPreview {
            decision: decide(&local, &file),
            differences: differences(&here, &file.config),
            locally_changed: local.changed(),
            version: stored.version.clone(),
            here: Rc::new(here),
            file: Rc::new(file),
            expected: stored,
        })
    }

    /// Applies a previewed file as `choice` says, if the decision offers that choice and this
    /// device's rules are still as previewed; one transaction. Taking the file's rules over
    /// rules changed here keeps this device's text (`meta` key `config_replaced`) to download;
    /// keeping this device's rules records the file's revision as the one they supersede.
    pub async fn apply_rules(&self, preview: &RulesPreview, choice: RulesChoice) -> Result<RulesApplied, RulesError> {
        let file = &preview.file;
        let (config, version, replaced) = match (preview.decision, choice) {
            (Decision::Same, _) => return Err(RulesError::Same),
            (Decision::Older, _) => return Err(RulesError::Older),
            (Decision::Newer, RulesChoice::KeepLocal) => return Err(RulesError::ChoiceNotOffered),
            (Decision::Newer, RulesChoice::UseFile) => (Some(file.config_text.clone()), RulesVersion::of_file(file), None),
            (Decision::Diverged(_), RulesChoice::UseFile) => (Some(file.config_text.clone()), RulesVersion::of_file(file), preview.expected.config.clone()),
            (Decision::Diverged(_), RulesChoice::KeepLocal) => (None, RulesVersion::kept_over(file), None),
        };
        let kept_copy = replaced.is_some();
        if !meta::swap_rules(&self.db, &preview.expected, config.clone(), &version, replaced).await? {
            return Err(RulesError::ChangedMeanwhile);
        }
        if config.is_some() {
            self.use_rules(file.config.clone());
        }
        broadcast::announce(CHANGED_SETTINGS);
        Ok(RulesApplied { choice, version, kept_copy })
    }
}

//! Investigation (调查与核实, SPEC §6): the evidence checklist, root cause and verification.

use serde::{Deserialize, Serialize};

use super::errors::{optional, required, CommandError};
use super::text::TextRule;

/// Most attachments one piece of evidence may reference.
const MAX_REFERENCES: usize = 100;

/// Kinds of evidence; the first four form the standard checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EvidenceKind {
    OrderRecord,
    CommunicationRecord,
    ProductTestReport,
    ServiceRecord,
    Photo,
    Other,
}

/// The standard checklist.
pub const CHECKLIST: [EvidenceKind; 4] =
    [EvidenceKind::OrderRecord, EvidenceKind::CommunicationRecord, EvidenceKind::ProductTestReport, EvidenceKind::ServiceRecord];

/// One piece of evidence. Attachments are stored elsewhere and referenced by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub note: String,
    pub attachments: Vec<String>,
}

impl Evidence {
    pub fn validate(self) -> Result<Evidence, CommandError> {
        let note = optional(&self.note, TextRule::NOTE, "note")?;
        if note.is_empty() && self.attachments.is_empty() {
            return Err(CommandError::Required("note"));
        }
        if self.attachments.len() > MAX_REFERENCES {
            return Err(CommandError::TooLong("attachments"));
        }
        let attachments = self.attachments.iter().map(|a| required(a, TextRule::LINE, "attachments")).collect::<Result<_, _>>()?;
        Ok(Evidence { note, attachments, ..self })
    }
}

/// Which checklist items are present / still missing.
pub fn checklist_status(kinds: impl IntoIterator<Item = EvidenceKind>) -> Vec<(EvidenceKind, bool)> {
    let have: Vec<EvidenceKind> = kinds.into_iter().collect();
    CHECKLIST.iter().map(|k| (*k, have.contains(k))).collect()
}

/// Where the problem came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CauseCategory {
    Installation,
    ProductQuality,
    Misuse,
    ServiceConduct,
    Process,
    ThirdParty,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootCause {
    pub category: CauseCategory,
    pub text: String,
}

impl RootCause {
    pub fn validate(self) -> Result<RootCause, CommandError> {
        Ok(RootCause { text: required(&self.text, TextRule::NOTE, "root_cause")?, ..self })
    }
}

/// The verification of the result (核实).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// True when the fix was confirmed to work.
    pub confirmed: bool,
    pub result: String,
}

impl Verification {
    pub fn validate(self) -> Result<Verification, CommandError> {
        Ok(Verification { result: required(&self.result, TextRule::NOTE, "verification")?, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checklist_and_validation() {
        let st = checklist_status([EvidenceKind::OrderRecord, EvidenceKind::Photo]);
        assert_eq!(st[0], (EvidenceKind::OrderRecord, true));
        assert_eq!(st.iter().filter(|(_, ok)| !ok).count(), 3);
        let e = Evidence { kind: EvidenceKind::Photo, note: " ".into(), attachments: vec![] };
        assert_eq!(e.validate(), Err(CommandError::Required("note")));
        let e = Evidence { kind: EvidenceKind::Photo, note: " ".into(), attachments: vec!["att1".into()] };
        assert_eq!(e.validate().unwrap().note, "");
        let rc = RootCause { category: CauseCategory::Installation, text: " 外机安装角度偏差 ".into() };
        assert_eq!(rc.validate().unwrap().text, "外机安装角度偏差");
        assert!(Verification { confirmed: true, result: "".into() }.validate().is_err());
        let e = Evidence { kind: EvidenceKind::Photo, note: String::new(), attachments: vec!["att\n1".into()] };
        assert_eq!(e.validate(), Err(CommandError::ControlCharacter("attachments")));
    }
}

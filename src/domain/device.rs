//! Device identity (SPEC §13): every device has a stable id, a short code that goes into
//! complaint numbers, and a name people recognise.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::{self, TextError, TextRule};

/// Letters and digits that cannot be mistaken for one another when read aloud or
/// handwritten (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// How many characters a device code has (generated codes have 3; older ones 2).
pub const CODE_LEN: std::ops::RangeInclusive<usize> = 2..=4;

/// A character a device code may contain (complaint numbers are read back with it).
pub fn is_code_char(c: char) -> bool {
    c.is_ascii() && CODE_ALPHABET.contains(&(c as u8))
}

/// Maximum length of a device name.
pub const MAX_NAME_CHARS: usize = 40;

/// The identity of this device, created once on first start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceIdentity {
    /// Globally unique id (32 lowercase hex digits from 16 random bytes).
    pub id: String,
    /// Short code used in complaint numbers, e.g. `K7`.
    pub code: String,
    /// Human name, e.g. "Counter tablet 2".
    pub name: String,
}

impl DeviceIdentity {
    /// Who a step is recorded as: the person named, else this device.
    pub fn actor(&self, named: &str) -> String {
        match named.trim() {
            "" => self.name.clone(),
            named => named.to_string(),
        }
    }
}

/// Why a device name or code was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DeviceError {
    #[error("the device name must not be empty")]
    NameEmpty,
    #[error("the device name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("the device code must be 2 to 4 characters from A-Z and 2-9 (no 0, 1, I, L, O)")]
    CodeInvalid,
    #[error("the device name contains a control or bidirectional control character")]
    NameInvalid,
}

impl DeviceError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            DeviceError::NameEmpty => "device_name_empty",
            DeviceError::NameTooLong => "device_name_too_long",
            DeviceError::CodeInvalid => "device_code_invalid",
            DeviceError::NameInvalid => "device_name_invalid",
        }
    }
}

impl DeviceIdentity {
    /// A fresh identity from 16 random bytes (the caller supplies them: the domain has
    /// no source of randomness). The name defaults to "Device <code>".
    pub fn generate(random: [u8; 16]) -> DeviceIdentity {
        let id = random.iter().map(|b| format!("{b:02x}")).collect::<String>();
        // Three characters: 29,791 codes, so a fleet of devices rarely shares one (two would
        // give 961). A shared code makes equal numbers, which `fold::duplicate_numbers` reports.
        let code = (0..3)
            .map(|i| CODE_ALPHABET[random[i] as usize % CODE_ALPHABET.len()] as char)
            .collect::<String>();
        let name = format!("Device {code}");
        DeviceIdentity { id, code, name }
    }

    /// Renames the device after validating the name (trimmed).
    pub fn rename(&mut self, name: &str) -> Result<(), DeviceError> {
        self.name = validate_name(name)?;
        Ok(())
    }
}

/// Checks and normalises a device name.
pub fn validate_name(name: &str) -> Result<String, DeviceError> {
    text::required(name, TextRule::line(MAX_NAME_CHARS)).map_err(|e| match e {
        TextError::Required => DeviceError::NameEmpty,
        TextError::TooLong => DeviceError::NameTooLong,
        TextError::ControlCharacter | TextError::BidiControl => DeviceError::NameInvalid,
    })
}

/// Checks and normalises (upper-cases) a device code.
pub fn validate_code(code: &str) -> Result<String, DeviceError> {
    let code = code.trim().to_ascii_uppercase();
    let ok = CODE_LEN.contains(&code.len()) && code.chars().all(is_code_char);
    if ok {
        Ok(code)
    } else {
        Err(DeviceError::CodeInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_identity_is_well_formed() {
        let d = DeviceIdentity::generate([7u8; 16]);
        assert_eq!(d.id.len(), 32);
        assert!(d.id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(d.code.len(), 3);
        assert_eq!(validate_code(&d.code), Ok(d.code.clone()));
        assert_eq!(d.name, format!("Device {}", d.code));
    }

    #[test]
    fn different_randomness_gives_different_ids() {
        let a = DeviceIdentity::generate([1u8; 16]);
        let b = DeviceIdentity::generate([2u8; 16]);
        assert_ne!(a.id, b.id);
    }

    #[test]
    fn rename_validates() {
        let mut d = DeviceIdentity::generate([0u8; 16]);
        assert_eq!(d.rename("   "), Err(DeviceError::NameEmpty));
        assert_eq!(d.rename(&"x".repeat(41)), Err(DeviceError::NameTooLong));
        assert!(d.name.starts_with("Device"), "a refused rename changes nothing");
        assert_eq!(d.rename("tab\u{202E}let"), Err(DeviceError::NameInvalid));
        assert_eq!(d.rename("\u{FEFF}\u{200B}").unwrap_err().code(), "device_name_empty");
        d.rename("  柜台平板 2 ").unwrap();
        assert_eq!(d.name, "柜台平板 2");
    }

    #[test]
    fn codes_are_checked() {
        assert_eq!(validate_code("k7"), Ok("K7".into()));
        assert_eq!(validate_code("K0"), Err(DeviceError::CodeInvalid));
        assert_eq!(validate_code("K"), Err(DeviceError::CodeInvalid));
        assert_eq!(validate_code("K7K7K"), Err(DeviceError::CodeInvalid));
    }
}

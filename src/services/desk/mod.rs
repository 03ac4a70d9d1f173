//! The desk: this device's open database and identity, and the use cases on them — its
//! commands (`commands`), reads (`reads`), drafts (`drafts`) and attachments (`attachments`),
//! each an `impl Desk` of its own; this file opens the desk and keeps its rules and identity.

mod attachments;
mod commands;
mod drafts;
mod reads;

pub use reads::ComplaintDetail;

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser::{broadcast, clock, random};
use crate::domain::config::DomainConfig;
use crate::domain::device::{DeviceError, DeviceIdentity};
use crate::domain::settings::SettingsForm;
use crate::domain::sla::calendar::BusinessCalendar;
use crate::store::views;
use crate::store::{meta, migrate, ConnectionEvent, Database, StoreError};

/// Names of the change announcements other tabs listen for.
pub const CHANGED_COMPLAINTS: &str = "complaints";
pub const CHANGED_DRAFTS: &str = "drafts";
pub const CHANGED_SETTINGS: &str = "settings";

/// The largest photo or document accepted (a phone camera's photo is 2–6 MB).
pub const MAX_ATTACHMENT_BYTES: u64 = 15 * 1024 * 1024;

/// The production database name.
pub const DB_NAME: &str = "complaint-desk";

use super::SettingsSaveError;

/// This device's database and identity. Cheap to clone; provided to the UI as context.
#[derive(Clone)]
pub struct Desk {
    pub(super) db: Database,
    device: Rc<RefCell<DeviceIdentity>>,
    /// Swapped whole when the settings are saved; readers keep the one they started with.
    config: Rc<RefCell<Rc<DomainConfig>>>,
    /// Why the saved working rules are not the ones in use, if they are not.
    rules_problem: Rc<RefCell<Option<RulesProblem>>>,
}

/// The working rules saved on this device could not be used: the defaults are in use until a
/// person repairs them. The saved text is never overwritten without a copy being kept.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesProblem {
    /// Stable code the UI translates: `rules_unreadable` (not valid JSON for this app),
    /// `rules_invalid` (read, but refused by the domain's checks) or a storage error's code.
    pub code: &'static str,
    /// The precise reason (the parser's message or the refused field).
    pub detail: String,
    /// The saved text, for export and repair.
    pub raw: Option<String>,
    /// The saved rules when they parse but are refused: what the Settings form shows, so the
    /// person repairs their own rules rather than retyping them.
    pub stored: Option<DomainConfig>,
}

impl Desk {
    /// Opens the production database and makes sure this device has an identity.
    pub async fn open() -> Result<Desk, StoreError> {
        Desk::open_named(DB_NAME).await
    }

    /// Opens a database by name (tests use their own).
    pub async fn open_named(name: &str) -> Result<Desk, StoreError> {
        let db = Database::open(name).await?;
        let device = match meta::device(&db).await? {
            Some(device) => device,
            None => meta::create_device_once(&db, DeviceIdentity::generate(random::bytes())).await?,
        };
        let (config, problem) = saved_config(&db).await;
        let config = Rc::new(config);
        // First-release records become events. A storage failure here leaves them in the
        // legacy store for the next start; it must not keep the app from opening.
        let migrated = migrate::legacy(&db, &device, &config, clock::now_ms(), random::bytes::<10>).await;
        if let Err(e) = migrated {
            leptos::logging::warn!("legacy complaints not converted yet: {e}");
        }
        if let Err(e) = views::backfill_derived_keys(&db).await {
            leptos::logging::warn!("search keys not added yet: {e}");
        }
        if let Some(p) = &problem {
            leptos::logging::warn!("saved working rules not in use ({}): {}", p.code, p.detail);
        }
        Ok(Desk {
            db,
            device: Rc::new(RefCell::new(device)),
            config: Rc::new(RefCell::new(config)),
            rules_problem: Rc::new(RefCell::new(problem)),
        })
    }

    /// The configuration in use (the seed 000 defaults until Settings are saved).
    pub fn config(&self) -> Rc<DomainConfig> {
        self.config.borrow().clone()
    }

    /// Why the saved working rules are not in use, if they are not.
    pub fn rules_problem(&self) -> Option<RulesProblem> {
        self.rules_problem.borrow().clone()
    }

    /// What the Settings form starts from: the saved rules even when the domain refuses them
    /// (so they can be repaired), else the rules in use.
    pub fn rules_to_edit(&self) -> DomainConfig {
        self.rules_problem().and_then(|p| p.stored).unwrap_or_else(|| (*self.config()).clone())
    }

    /// Checks and saves the Settings form; from then on every step and deadline uses it.
    /// Refused input changes nothing. Saved rules that could not be used are kept as a copy
    /// (`meta` key `config_replaced`) in the same transaction, never silently lost; the rules'
    /// version (`rules_file`) is marked changed on this device in that transaction too.
    pub async fn save_settings(&self, form: &SettingsForm) -> Result<(), SettingsSaveError> {
        let config = form.apply(&self.rules_to_edit())?;
        let json = serde_json::to_string(&config).map_err(|_| StoreError::Failed("settings could not be encoded".into()))?;
        let replaced = self.rules_problem().and_then(|p| p.raw);
        meta::save_rules(&self.db, json, replaced).await?;
        self.use_rules(config);
        broadcast::announce(CHANGED_SETTINGS);
        Ok(())
    }

    /// From now on every step and deadline uses `config` (just stored, and checked).
    pub(super) fn use_rules(&self, config: DomainConfig) {
        *self.config.borrow_mut() = Rc::new(config);
        *self.rules_problem.borrow_mut() = None;
    }

    /// Reads the saved configuration again (another tab saved the settings).
    pub async fn reload_settings(&self) {
        let (config, problem) = saved_config(&self.db).await;
        *self.config.borrow_mut() = Rc::new(config);
        *self.rules_problem.borrow_mut() = problem;
    }

    /// The database's name (tests open a second handle on it).
    pub fn db_name(&self) -> &str {
        self.db.name()
    }

    /// This device's identity.
    pub fn device(&self) -> DeviceIdentity {
        self.device.borrow().clone()
    }

    /// Now, as wall-clock time in the business time zone (the calendar's UTC offset), which is
    /// what forms show and the domain validates against — not the tablet's own time zone.
    pub fn business_now(&self) -> chrono::NaiveDateTime {
        self.config().calendar.local(clock::now_ms())
    }

    /// The business calendar (working time, holidays, time zone) in use.
    pub fn calendar(&self) -> BusinessCalendar {
        self.config().calendar.clone()
    }

    /// Calls `f` when another tab opened a newer version of the database: this tab can no
    /// longer read or write and must reload.
    pub fn on_superseded(&self, f: impl Fn() + 'static) {
        self.db.on_event(move |e| match e {
            ConnectionEvent::Superseded => f(),
        });
    }

    /// Renames this device. A refused name changes nothing.
    pub async fn rename_device(&self, name: &str) -> Result<DeviceIdentity, RenameError> {
        let mut device = self.device();
        device.rename(name)?;
        meta::put_device(&self.db, &device).await?;
        *self.device.borrow_mut() = device.clone();
        Ok(device)
    }
}

/// Why a rename failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    #[error(transparent)]
    Invalid(#[from] DeviceError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RenameError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            RenameError::Invalid(e) => e.code(),
            RenameError::Store(e) => e.code(),
        }
    }
}

/// The saved configuration, or the defaults when none was saved. Saved rules that cannot be
/// read or are refused by the domain's checks are not used, and not dropped either: the
/// problem (with the saved text) is returned for the UI to show, export and repair.
async fn saved_config(db: &Database) -> (DomainConfig, Option<RulesProblem>) {
    rules_in_use(meta::config(db).await)
}

/// The rules in use for saved rules `saved` (see [`saved_config`]).
pub(super) fn rules_in_use(saved: Result<Option<String>, StoreError>) -> (DomainConfig, Option<RulesProblem>) {
    let problem = |code, detail: String, raw, stored| Some(RulesProblem { code, detail, raw, stored });
    let json = match saved {
        Ok(Some(json)) => json,
        Ok(None) => return (DomainConfig::default(), None),
        Err(e) => return (DomainConfig::default(), problem(e.code(), e.to_string(), None, None)),
    };
    match serde_json::from_str::<DomainConfig>(&json) {
        Err(e) => (DomainConfig::default(), problem("rules_unreadable", e.to_string(), Some(json), None)),
        Ok(c) => match c.validate() {
            Ok(()) => (c, None),
            // Only the parts that fail fall back to their defaults (the rest of the person's rules
            // stay in force), and the banner says so until they are repaired.
            Err(e) => {
                let (repaired, _) = c.clone().repaired();
                let in_use = if repaired.validate().is_ok() { repaired } else { DomainConfig::default() };
                (in_use, problem("rules_invalid", e.0.to_string(), Some(json), Some(c)))
            }
        },
    }
}

//! The desk: this device's open database and identity, and the use cases on them.

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser::{broadcast, clock, random};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::precheck;
use crate::domain::sla::calendar::BusinessCalendar;
use crate::domain::command::{self, Command, Context};
use crate::domain::config::DomainConfig;
use crate::domain::device::{DeviceError, DeviceIdentity};
use crate::domain::registration::NewComplaint;
use crate::domain::settings::SettingsForm;
use crate::domain::state::ComplaintState;
use crate::domain::payload::Attachment;
use crate::store::attachments;
use crate::services::files::AttachmentUrl;
use crate::store::drafts::{self, Draft};
use crate::store::schema::ATTACHMENTS;
use crate::store::quarantine::{self, Quarantined};
use crate::store::list::{self, After, Filter, Order, Page};
use crate::store::search::{self, SearchAfter};
use crate::store::views::{self, ComplaintView};
use crate::store::{events, meta, migrate, ConnectionEvent, Database, StoreError};

/// Names of the change announcements other tabs listen for.
pub const CHANGED_COMPLAINTS: &str = "complaints";
pub const CHANGED_DRAFTS: &str = "drafts";
pub const CHANGED_SETTINGS: &str = "settings";

/// The largest photo or document accepted (a phone camera's photo is 2–6 MB).
pub const MAX_ATTACHMENT_BYTES: u64 = 15 * 1024 * 1024;

/// The production database name.
pub const DB_NAME: &str = "complaint-desk";

use super::{ActionError, RegisterError, SettingsSaveError};

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

    /// Registers a complaint through the domain's `Register` command with the next number of
    /// the day; the events, the view, the device clock and serial and the removal of the form's
    /// draft (if any) are one transaction. `first_contact_owner` is who received it (首问负责人).
    pub async fn register(
        &self,
        input: NewComplaint,
        first_contact_owner: &str,
        draft_id: Option<&str>,
    ) -> Result<ComplaintView, RegisterError> {
        let device = self.device();
        let registration = input.into_registration(first_contact_owner);
        let day = registration.received_at.date();
        let now_ms = clock::now_ms();
        let random = random::bytes::<10>();
        let cfg = self.config();
        let config = &*cfg;
        let view = events::commit_register(&self.db, day, draft_id, config, now_ms, |clock, serial| {
            let ctx = Context {
                actor: first_contact_owner.trim(),
                device_id: &device.id,
                device_code: &device.code,
                clock,
                now_ms,
                random,
                config,
            };
            command::execute(None, Command::Register { registration, serial }, &ctx)
        })
        .await?;
        broadcast::announce(CHANGED_COMPLAINTS);
        broadcast::announce(CHANGED_DRAFTS);
        Ok(view)
    }

    /// The first `limit` complaints, newest first.
    pub async fn newest(&self, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
        Ok(list::page(&self.db, Order::Newest, &Filter::default(), None, limit).await?.rows)
    }

    /// The first `limit` complaints with a running clock, the one due soonest first.
    pub async fn due_soonest(&self, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
        Ok(list::page(&self.db, Order::DueSoonest, &Filter::default(), None, limit).await?.rows)
    }

    /// A page of the list in any order with any filter, after the position `after` where the
    /// previous page ended (see `store::list`).
    pub async fn list(&self, order: Order, filter: &Filter, after: Option<&After>, limit: u32) -> Result<Page<After>, StoreError> {
        list::page(&self.db, order, filter, after, limit).await
    }

    /// How many complaints this device holds.
    pub async fn count(&self) -> Result<u32, StoreError> {
        views::count(&self.db).await
    }

    /// How many complaints a filter of at most one field and no overdue bound shows, counted
    /// on its index; `None` for other filters (they would need every row read).
    pub async fn count_listed(&self, filter: &Filter) -> Result<Option<u32>, StoreError> {
        list::count(&self.db, filter).await
    }

    /// A page of the complaints found by `query` (number, any part of it, name words, the last
    /// digits of the phone, product words; see `store::search`), after `after`.
    pub async fn search_page(&self, query: &str, after: Option<&SearchAfter>, limit: u32) -> Result<Page<SearchAfter>, StoreError> {
        search::page(&self.db, query, after, limit).await
    }

    /// The first `limit` complaints found by `query`.
    pub async fn search(&self, query: &str, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
        Ok(search::page(&self.db, query, None, limit).await?.rows)
    }

    /// One complaint's full state, folded from its stored events.
    pub async fn complaint(&self, id: &str) -> Result<Option<ComplaintState>, StoreError> {
        events::fold_complaint(&self.db, id).await
    }

    /// Classifies a complaint (SPEC §4): type and urgency; the resolution deadline follows the
    /// urgency. `actor` is who does it.
    pub async fn classify(
        &self,
        id: &str,
        type_key: &str,
        urgency: Urgency,
        actor: &str,
    ) -> Result<ComplaintView, ActionError> {
        self.classify_with(id, Classification { type_key: type_key.into(), subtype: None }, urgency, None, actor).await
    }

    /// Classifies with a sub-type (routing by sub-type) and a severity level of the configured
    /// scheme (its response limit replaces the first-contact limit).
    pub async fn classify_with(
        &self,
        id: &str,
        classification: Classification,
        urgency: Urgency,
        severity: Option<String>,
        actor: &str,
    ) -> Result<ComplaintView, ActionError> {
        let command = Command::Classify { classification, urgency, severity, nature: None, request_type: None };
        self.execute(id, command, actor).await
    }

    /// Runs any domain command on an existing complaint, in one transaction.
    pub async fn execute(&self, id: &str, command: Command, actor: &str) -> Result<ComplaintView, ActionError> {
        self.execute_with(id, command, actor, None, None).await
    }

    /// `execute` for a step typed in a panel whose draft is `draft_id`: the draft is removed in
    /// the transaction that stores the step (kept when the step is refused).
    pub async fn execute_step(&self, id: &str, command: Command, actor: &str, draft_id: &str) -> Result<ComplaintView, ActionError> {
        let view = self.execute_with(id, command, actor, None, Some(draft_id)).await?;
        broadcast::announce(CHANGED_DRAFTS);
        Ok(view)
    }

    /// One draft by its id (a step panel's).
    pub async fn draft(&self, id: &str) -> Result<Option<Draft>, StoreError> {
        drafts::get(&self.db, id).await
    }

    async fn execute_with(
        &self,
        id: &str,
        command: Command,
        actor: &str,
        record: Option<(&'static str, wasm_bindgen::JsValue)>,
        draft_id: Option<&str>,
    ) -> Result<ComplaintView, ActionError> {
        let device = self.device();
        let now_ms = clock::now_ms();
        let random = random::bytes::<10>();
        let cfg = self.config();
        let config = &*cfg;
        let actor = if actor.trim().is_empty() { device.name.clone() } else { actor.trim().to_string() };
        let view = events::commit_command_with(&self.db, id, config, now_ms, record, draft_id, |state, clock| {
            let ctx = Context {
                actor: &actor,
                device_id: &device.id,
                device_code: &device.code,
                clock,
                now_ms,
                random,
                config,
            };
            command::execute(Some(state), command, &ctx)
        })
        .await?
        .ok_or(ActionError::NotFound)?;
        broadcast::announce(CHANGED_COMPLAINTS);
        Ok(view)
    }

    /// Attaches a photo or document (SPEC §3) to a complaint: the file and its
    /// `attachment_added` event are stored in one transaction, or neither.
    pub async fn attach(&self, id: &str, file: &web_sys::File, actor: &str) -> Result<ComplaintView, ActionError> {
        if file.size() > MAX_ATTACHMENT_BYTES as f64 {
            return Err(ActionError::TooLarge);
        }
        let key = new_attachment_key();
        let now_ms = clock::now_ms();
        // A picked file's name is the device's, not the person's: it is cleaned (folders, control
        // and text-direction characters such as the "gpj.exe" trick) rather than refused.
        let name = crate::domain::files::download_name(&file.name());
        let record = attachments::record(&key, id, &name, file, now_ms)?;
        let attachment = Attachment { key, name, mime: file.type_(), bytes: file.size() as u64 };
        self.execute_with(id, Command::AddAttachment { attachment }, actor, Some((ATTACHMENTS, record)), None).await
    }

    /// Keeps a file picked on the Register form with its draft, so that a crash or a closed tab
    /// loses neither the text nor the photos. Refused like any attachment when too large.
    pub async fn keep_draft_file(&self, draft_id: &str, file: &web_sys::File) -> Result<(), ActionError> {
        if file.size() > MAX_ATTACHMENT_BYTES as f64 {
            return Err(ActionError::TooLarge);
        }
        let key = new_attachment_key();
        attachments::put_draft_file(&self.db, draft_id, &key, file, clock::now_ms()).await?;
        Ok(())
    }

    /// The files kept with a draft, as they were picked.
    pub async fn draft_files(&self, draft_id: &str) -> Result<Vec<web_sys::File>, StoreError> {
        attachments::draft_files(&self.db, draft_id).await
    }

    /// Forgets the files kept with a draft (attached to its complaint, or discarded).
    pub async fn discard_draft_files(&self, draft_id: &str) -> Result<(), StoreError> {
        attachments::remove_draft_files(&self.db, draft_id).await
    }

    /// An object URL of an attachment's file, if this device has the file: inline for
    /// allowlisted raster images, download-only for anything else (see `AttachmentUrl`).
    /// The caller revokes it when it is no longer shown.
    pub async fn attachment_url(&self, key: &str) -> Result<Option<AttachmentUrl>, StoreError> {
        let Some(blob) = attachments::blob(&self.db, key).await? else { return Ok(None) };
        AttachmentUrl::for_blob(&blob).map(Some)
    }

    /// What the detail page shows of one complaint: its row, every running or finished SLA
    /// clock evaluated now, and the audit trail of its events, oldest first.
    pub async fn detail(&self, id: &str) -> Result<Option<ComplaintDetail>, StoreError> {
        let Some(view) = views::get(&self.db, id).await? else { return Ok(None) };
        let Some(state) = events::fold_complaint(&self.db, id).await? else { return Ok(None) };
        let now_ms = clock::now_ms();
        let config = self.config();
        let mut trail = state.trail.clone();
        let legal = precheck::legal_commands(Some(&state), &config, now_ms);
        trail.sort_by(|a, b| (a.hlc, &a.id).cmp(&(b.hlc, &b.id)));
        Ok(Some(ComplaintDetail {
            view,
            clocks: state.clocks(&config, now_ms),
            trail,
            needs_newer_app: state.needs_newer_app(),
            legal,
            now_ms,
            calendar: config.calendar.clone(),
            config: (*config).clone(),
            state,
        }))
    }

    /// What could not be converted or accepted, with the reasons.
    pub async fn quarantined(&self) -> Result<Vec<Quarantined>, StoreError> {
        quarantine::all(&self.db).await
    }

    /// Saves a form's draft (the form's fields as JSON).
    pub async fn save_draft(&self, id: &str, form: &str, data: String) -> Result<(), StoreError> {
        let draft = Draft { id: id.into(), form: form.into(), updated_ms: clock::now_ms(), data };
        drafts::save(&self.db, &draft).await?;
        broadcast::announce(CHANGED_DRAFTS);
        Ok(())
    }

    /// The drafts of a form, most recent first.
    pub async fn drafts(&self, form: &str) -> Result<Vec<Draft>, StoreError> {
        drafts::of_form(&self.db, form).await
    }

    /// Discards a draft, with the files kept with it.
    pub async fn discard_draft(&self, id: &str) -> Result<(), StoreError> {
        attachments::remove_draft_files(&self.db, id).await?;
        drafts::remove(&self.db, id).await?;
        broadcast::announce(CHANGED_DRAFTS);
        Ok(())
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

/// One complaint as the detail page shows it.
#[derive(Debug, Clone)]
pub struct ComplaintDetail {
    pub view: ComplaintView,
    pub clocks: Vec<crate::domain::sla::ClockView>,
    pub trail: Vec<crate::domain::state::TrailEntry>,
    /// The commands the domain allows now: the UI offers only these.
    pub legal: Vec<crate::domain::workflow::CommandKind>,
    /// Some events were written by a newer app and are kept, but not fully read.
    pub needs_newer_app: bool,
    pub now_ms: i64,
    /// For showing times in the business time zone.
    pub calendar: BusinessCalendar,
    /// The configuration the domain used (departments, templates, limits).
    pub config: DomainConfig,
    /// Everything recorded on the complaint, folded from its events.
    pub state: ComplaintState,
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

/// A new key for a stored file.
fn new_attachment_key() -> String {
    format!("att-{}", random::bytes::<16>().iter().map(|b| format!("{b:02x}")).collect::<String>())
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

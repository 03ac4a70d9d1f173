//! The desk's commands: registering a complaint and running any domain command on one, each in
//! one transaction with its events, its view and (for a panel's step) the removal of its draft.

use crate::browser::{broadcast, clock, random};
use crate::domain::classify::{Classification, Urgency};
use crate::domain::command::{self, Command, Context};
use crate::domain::registration::NewComplaint;
use crate::services::{ActionError, RegisterError};
use crate::store::events;
use crate::store::views::ComplaintView;

use super::{Desk, CHANGED_COMPLAINTS, CHANGED_DRAFTS};

impl Desk {
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
            let ctx = Context::on(&device, first_contact_owner.trim(), clock, now_ms, random, config);
            command::execute(None, Command::Register { registration, serial }, &ctx)
        })
        .await?;
        broadcast::announce(CHANGED_COMPLAINTS);
        broadcast::announce(CHANGED_DRAFTS);
        Ok(view)
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

    pub(super) async fn execute_with(
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
        let actor = device.actor(actor);
        let view = events::commit_command_with(&self.db, id, config, now_ms, record, draft_id, |state, clock| {
            let ctx = Context::on(&device, &actor, clock, now_ms, random, config);
            command::execute(Some(state), command, &ctx)
        })
        .await?
        .ok_or(ActionError::NotFound)?;
        broadcast::announce(CHANGED_COMPLAINTS);
        Ok(view)
    }
}
